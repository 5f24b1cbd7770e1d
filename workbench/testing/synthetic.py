"""Synthetic Argos Translate packages with random weights, built offline.

Real packages (SentencePiece trained on caller-supplied text + a CTranslate2
Transformer with seeded random weights) so tests and benchmarks exercise the
genuine tokenizer and CTranslate2 paths without downloading a model.  Output is
gibberish, but deterministic for the same text, shape and seed.

API: ``ModelShape`` with presets ``TINY`` (tests) and ``BASE`` (benchmark: 6+6
layers, d_model 512, 32k vocabulary, int8); ``PackageInfo`` (metadata.json);
``train_sentencepiece``, ``sentencepiece_pieces``, ``build_vocabulary``,
``make_transformer_spec``, ``build_ct2_model``; ``build_model_dir`` (``model/`` +
``sentencepiece.model``), ``build_package_dir`` (plus metadata.json, README.md),
``zip_package_dir`` and ``build_argos_package`` (the ``.argosmodel`` zip whose
single folder is ``PackageInfo.dir_name``, e.g. ``translate-en_my-1_0/``).

Vocabulary: SentencePiece pieces in id order (``<unk>``, ``<s>``, ``</s>`` first),
extra tokens, then fillers ``"▁w<n>"`` up to ``ModelShape.vocab_size``.  NLLB
style (``source_prefix="eng_Latn", target_prefix="mya_Mymr"``): both tokens join
the vocabulary, the decoder starts from ``</s>``; callers translate
``[source_prefix] + pieces + ["</s>"]`` with ``target_prefix=[[target_prefix]]``
and strip the prefix token that starts every hypothesis.

Output length is wired in, as random weights stop at once or never.  Dimension
0 of the position encodings is a ramp that no random layer reads from the
embeddings or writes over.  Cross-attention head 0 of decoder layer 0 has zero
queries (uniform attention) and copies the mean encoder ramp, a measure of the
source length, into dimension 1.  The ``</s>`` logit is ``EOS_GAIN * (dim0 -
dim1)`` after the final layer norm, so with Argos' beam settings decoding stops
after about ``MIN_LENGTH + 0.4 * source tokens``.  Specials, byte pieces, extra
and filler tokens get a -100 output bias and are never generated.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import tempfile
import zipfile
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sentencepiece as spm

RAMP_DIM, LENGTH_DIM = 0, 1
MAX_POSITIONS = 1024
MIN_LENGTH = 3.0
LENGTH_RATIO = 0.5  # nominal; the encoder layer norm shrinks it to about 0.4
RAMP_STEP = 0.05
EOS_GAIN = 300.0
OUTPUT_SHARPNESS = 4.0
SUPPRESSED_BIAS = -100.0
_BYTE_PIECE = re.compile(r"<0x[0-9A-F]{2}>")
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class ModelShape:
    """Size of a synthetic model; encoder and decoder both get ``layers``."""

    layers: int
    d_model: int
    heads: int
    ffn: int
    vocab_size: int | None = None  # pad with filler tokens up to this size
    quantization: str = "int8"


TINY = ModelShape(layers=2, d_model=64, heads=4, ffn=128, vocab_size=None, quantization="int8")
BASE = ModelShape(layers=6, d_model=512, heads=8, ffn=2048, vocab_size=32000, quantization="int8")


@dataclass(frozen=True)
class PackageInfo:
    """What goes into an Argos package's ``metadata.json``."""

    from_code: str = "en"
    to_code: str = "my"
    from_name: str = "English"
    to_name: str = "Burmese"
    package_version: str = "1.0"
    source_prefix: str | None = None  # our extension; argostranslate ignores it
    target_prefix: str | None = None

    @property
    def dir_name(self) -> str:
        """Folder name inside the zip, e.g. ``translate-en_my-1_0``."""
        version = self.package_version.replace(".", "_")
        return f"translate-{self.from_code}_{self.to_code}-{version}"

    def metadata(self) -> dict:
        fields = {key: value for key, value in vars(self).items() if value is not None}
        return {**fields, "argos_version": "1.9.0", "type": "translate"}


def train_sentencepiece(text: str, out_file: Path, vocab_size: int = 1000, seed: int = 0) -> Path:
    """Train a unigram model with byte fallback; ``vocab_size`` is a soft limit."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ValueError("training text is empty")
    spm.set_random_generator_seed(seed)
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=buffer, vocab_size=vocab_size,
        model_type="unigram", hard_vocab_limit=False, byte_fallback=True,
        character_coverage=1.0, num_threads=1, minloglevel=2)
    Path(out_file).write_bytes(buffer.getvalue())
    return Path(out_file)


def sentencepiece_pieces(model_file: Path) -> list[str]:
    """All pieces of a SentencePiece model, in id order."""
    processor = spm.SentencePieceProcessor(model_file=str(model_file))
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def build_vocabulary(pieces: list[str], extra_tokens: Iterable[str] = (),
                     size: int | None = None) -> list[str]:
    """``pieces + extra_tokens`` padded with ``"▁w<n>"`` fillers to ``size`` tokens."""
    vocabulary = list(pieces) + list(extra_tokens)
    seen = set(vocabulary)
    if len(seen) != len(vocabulary):
        raise ValueError("duplicate tokens in vocabulary")
    if size is not None and size < len(vocabulary):
        raise ValueError(f"vocab_size {size} is below the {len(vocabulary)} real tokens")
    fillers = (f"▁w{n}" for n in itertools.count() if f"▁w{n}" not in seen)
    return vocabulary + list(itertools.islice(fillers, max(0, (size or 0) - len(vocabulary))))


class _Random:
    """Seeded float32 weight factory (draw order defines the model)."""

    def __init__(self, seed: int):
        self.rng = np.random.default_rng(seed)

    def normal(self, shape: tuple[int, ...], std: float) -> np.ndarray:
        return self.rng.standard_normal(shape, dtype=np.float32) * np.float32(std)

    def linear(self, spec, out_dim: int, in_dim: int, gain: float = 1.0,
               protect: bool = False) -> None:
        spec.weight = self.normal((out_dim, in_dim), gain / np.sqrt(in_dim))
        spec.bias = self.normal((out_dim,), 0.02)
        if protect:  # a residual writer must leave the reserved dimensions alone
            spec.weight[[RAMP_DIM, LENGTH_DIM], :] = 0.0
            spec.bias[[RAMP_DIM, LENGTH_DIM]] = 0.0


def _layer_norm(spec, d_model: int) -> None:
    spec.gamma = np.ones(d_model, dtype=np.float32)
    spec.beta = np.zeros(d_model, dtype=np.float32)


def _attention(spec, rnd: _Random, d: int, self_attention: bool, gain: float) -> None:
    """Pre-norm attention; self-attention has a fused QKV, cross-attention a fused KV."""
    _layer_norm(spec.layer_norm, d)
    if self_attention:
        rnd.linear(spec.linear[0], 3 * d, d)
    else:
        rnd.linear(spec.linear[0], d, d)
        rnd.linear(spec.linear[1], 2 * d, d)
    rnd.linear(spec.linear[-1], d, d, gain, protect=True)


def _ffn(spec, rnd: _Random, d: int, ffn: int, gain: float) -> None:
    _layer_norm(spec.layer_norm, d)
    rnd.linear(spec.linear_0, ffn, d)
    rnd.linear(spec.linear_1, d, ffn, gain, protect=True)


def _position_table(d: int, ramp: np.ndarray) -> np.ndarray:
    """Sinusoidal encodings with ``ramp`` in RAMP_DIM and zeros in LENGTH_DIM."""
    positions = np.arange(MAX_POSITIONS, dtype=np.float32)[:, None]
    rates = np.exp(-np.log(10000.0) * np.arange(d // 2, dtype=np.float32) / (d // 2))
    table = np.concatenate([np.sin(positions * rates), np.cos(positions * rates)], axis=1)
    table[:, RAMP_DIM], table[:, LENGTH_DIM] = ramp, 0.0
    return table.astype(np.float32)


def _fill_encoder(spec, rnd: _Random, shape: ModelShape, embeddings: np.ndarray) -> None:
    d, gain = shape.d_model, 1.0 / np.sqrt(2 * shape.layers)
    spec.embeddings[0].weight = embeddings
    spec.position_encodings.encodings = _position_table(d, RAMP_STEP * np.arange(MAX_POSITIONS))
    _layer_norm(spec.layer_norm, d)
    for layer in spec.layer:
        _attention(layer.self_attention, rnd, d, True, gain)
        _ffn(layer.ffn, rnd, d, shape.ffn, gain)


def _fill_decoder(spec, rnd: _Random, shape: ModelShape, embeddings: np.ndarray) -> None:
    d, gain = shape.d_model, 1.0 / np.sqrt(3 * shape.layers)
    spec.embeddings.weight = embeddings
    # Starting MIN_LENGTH steps below zero, the ramp reaches the length signal late.
    ramp = RAMP_STEP * (np.arange(MAX_POSITIONS) - MIN_LENGTH)
    spec.position_encodings.encodings = _position_table(d, ramp)
    _layer_norm(spec.layer_norm, d)
    for layer in spec.layer:
        _attention(layer.self_attention, rnd, d, True, gain)
        _attention(layer.attention, rnd, d, False, gain)
        _ffn(layer.ffn, rnd, d, shape.ffn, gain)
    _length_head(spec.layer[0].attention, d, d // shape.heads)


def _length_head(spec, d: int, head_dim: int) -> None:
    """Make cross-attention head 0 write the mean encoder ramp into LENGTH_DIM."""
    spec.linear[0].weight[:head_dim] = 0.0  # zero queries: uniform attention
    spec.linear[0].bias[:head_dim] = 0.0
    value = spec.linear[1].weight[d]  # fused [keys; values]: first value row
    value[:] = 0.0
    # LENGTH_DIM is 0 throughout the encoder; subtracting it cancels the
    # final layer norm's mean shift and leaves ramp / std.
    value[RAMP_DIM], value[LENGTH_DIM] = 1.0, -1.0
    spec.linear[1].bias[d] = 0.0
    spec.linear[-1].weight[:, 0] = 0.0
    spec.linear[-1].weight[LENGTH_DIM, 0] = 2.0 * LENGTH_RATIO


def _fill_projection(spec, rnd: _Random, vocabulary: list[str], d: int, suppress: set[str]) -> None:
    spec.weight = rnd.normal((len(vocabulary), d), OUTPUT_SHARPNESS / np.sqrt(d))
    spec.weight[:, [RAMP_DIM, LENGTH_DIM]] = 0.0
    spec.bias = np.array([SUPPRESSED_BIAS if token in suppress or _BYTE_PIECE.fullmatch(token)
                          else 0.0 for token in vocabulary], dtype=np.float32)
    eos = vocabulary.index("</s>")
    spec.weight[eos] = 0.0
    spec.weight[eos, RAMP_DIM], spec.weight[eos, LENGTH_DIM] = EOS_GAIN, -EOS_GAIN
    spec.bias[eos] = 0.0


def make_transformer_spec(vocabulary: list[str], shape: ModelShape, seed: int = 0, *,
                          suppress_tokens: Collection[str] = (), decoder_start_token: str = "<s>"):
    """A filled ``TransformerSpec`` with both vocabularies registered."""
    from ctranslate2.specs import TransformerSpec

    for token in ("<unk>", "<s>", "</s>", decoder_start_token):
        if token not in vocabulary:
            raise ValueError(f"vocabulary lacks {token!r}")
    if shape.d_model % shape.heads or shape.d_model < 4:
        raise ValueError("d_model must be a multiple of heads (and at least 4)")
    spec = TransformerSpec.from_config((shape.layers, shape.layers), shape.heads)
    spec.config.decoder_start_token = decoder_start_token
    rnd = _Random(seed)
    embeddings = rnd.normal((len(vocabulary), shape.d_model), 1.0 / np.sqrt(shape.d_model))
    embeddings[:, [RAMP_DIM, LENGTH_DIM]] = 0.0
    _fill_encoder(spec.encoder, rnd, shape, embeddings)  # shared embeddings get aliased
    _fill_decoder(spec.decoder, rnd, shape, embeddings)
    suppress = {"<unk>", "<s>", *suppress_tokens} - {"</s>"}
    _fill_projection(spec.decoder.projection, rnd, vocabulary, shape.d_model, suppress)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    return spec


def build_ct2_model(out_dir: Path, vocabulary: list[str], shape: ModelShape, seed: int = 0, *,
                    suppress_tokens: Collection[str] = (),
                    decoder_start_token: str = "<s>") -> Path:
    """Write a CTranslate2 model directory (replacing ``out_dir`` if it exists)."""
    from ctranslate2.converters import Converter

    spec = make_transformer_spec(vocabulary, shape, seed, suppress_tokens=suppress_tokens,
                                 decoder_start_token=decoder_start_token)

    class _SpecConverter(Converter):
        def _load(self):
            return spec

    _SpecConverter().convert(str(out_dir), quantization=shape.quantization, force=True)
    return Path(out_dir)


def build_model_dir(out_dir: Path, training_text: str, *, shape: ModelShape = TINY, seed: int = 0,
                    extra_tokens: Iterable[str] = (), decoder_start_token: str = "<s>") -> Path:
    """Write ``out_dir/sentencepiece.model`` and ``out_dir/model/`` (CTranslate2).

    ``extra_tokens`` and the fillers up to ``shape.vocab_size`` are never generated.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sp_model = train_sentencepiece(training_text, out_dir / "sentencepiece.model", seed=seed)
    pieces = sentencepiece_pieces(sp_model)
    vocabulary = build_vocabulary(pieces, extra_tokens, shape.vocab_size)
    unused = vocabulary[len(pieces):]
    build_ct2_model(out_dir / "model", vocabulary, shape, seed, suppress_tokens=unused,
                    decoder_start_token=decoder_start_token)
    return out_dir


def build_package_dir(out_dir: Path, training_text: str, info: PackageInfo = PackageInfo(), *,
                      shape: ModelShape = TINY, seed: int = 0) -> Path:
    """An unzipped Argos package; NLLB style when ``info.source_prefix`` is set."""
    prefixes = [token for token in (info.source_prefix, info.target_prefix) if token]
    out_dir = build_model_dir(out_dir, training_text, shape=shape, seed=seed,
                              extra_tokens=dict.fromkeys(prefixes),
                              decoder_start_token="</s>" if info.source_prefix else "<s>")
    (out_dir / "metadata.json").write_text(json.dumps(info.metadata(), indent=2) + "\n", "utf-8")
    (out_dir / "README.md").write_text(
        f"# Synthetic {info.from_name} -> {info.to_name} model\n\nRandom weights (seed {seed}, "
        f"{shape}) from workbench.testing.synthetic, for tests and benchmarks. Output is gibberish.\n",
        "utf-8")
    return out_dir


def zip_package_dir(package_dir: Path, out_file: Path) -> Path:
    """Zip ``package_dir`` as the single top-level folder, byte-for-byte reproducibly."""
    package_dir, out_file = Path(package_dir), Path(out_file)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out_file, "w") as archive:
        for path in [package_dir, *sorted(package_dir.rglob("*"))]:
            name = Path(package_dir.name, path.relative_to(package_dir)).as_posix()
            info = zipfile.ZipInfo(name + "/" if path.is_dir() else name, _ZIP_EPOCH)
            info.external_attr = (0o40755 if path.is_dir() else 0o100644) << 16
            data = b"" if path.is_dir() else path.read_bytes()
            # Random int8 weights do not compress; deflating them only costs time.
            method = zipfile.ZIP_STORED if path.name == "model.bin" else zipfile.ZIP_DEFLATED
            archive.writestr(info, data, method)
    return out_file


def build_argos_package(out_file: Path, training_text: str, *, from_code: str = "en",
                        to_code: str = "my", from_name: str = "English", to_name: str = "Burmese",
                        shape: ModelShape = TINY, seed: int = 0, source_prefix: str | None = None,
                        target_prefix: str | None = None, package_version: str = "1.0") -> Path:
    """Build a synthetic ``.argosmodel`` zip at ``out_file``."""
    info = PackageInfo(from_code, to_code, from_name, to_name, package_version,
                       source_prefix, target_prefix)
    with tempfile.TemporaryDirectory(prefix="synthetic-argos-") as tmp:
        build_package_dir(Path(tmp, info.dir_name), training_text, info, shape=shape, seed=seed)
        return zip_package_dir(Path(tmp, info.dir_name), out_file)
