"""Synthetic random-weight Argos packages: layout, installability, decoding behaviour."""

from __future__ import annotations

import json
import re
import time
import zipfile
from pathlib import Path

import ctranslate2
import pytest

from workbench.testing import synthetic

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
MIN_TOKENS, MAX_TOKENS = 3, 80


@pytest.fixture(scope="module")
def seed_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS_DIR.glob("*.txt")))


@pytest.fixture(scope="module")
def sentences(seed_text) -> list[str]:
    # Crude on purpose: a real segmenter lives elsewhere.
    parts = [part.strip() for part in seed_text.replace("\n", " ").split(". ")]
    return [part for part in parts if part]


@pytest.fixture(scope="module")
def argos_package(tmp_path_factory):
    """``argostranslate.package`` confined to a temporary home and package dir."""
    home = tmp_path_factory.mktemp("argos-home")
    with pytest.MonkeyPatch.context() as patch:
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
            patch.setenv(var, str(home / var.lower()))
        patch.setenv("ARGOS_PACKAGES_DIR", str(home / "packages"))
        import argostranslate.package
        import argostranslate.settings

        # In case another test imported argostranslate before the env was set.
        patch.setattr(argostranslate.settings, "package_data_dir", home / "packages")
        patch.setattr(argostranslate.settings, "package_dirs", [home / "packages"])
        (home / "packages").mkdir(exist_ok=True)
        yield argostranslate.package


@pytest.fixture(scope="module")
def en_fr_zip(tmp_path_factory, seed_text) -> Path:
    out = tmp_path_factory.mktemp("en_fr") / "en_fr.argosmodel"
    return synthetic.build_argos_package(out, seed_text, from_code="en", to_code="fr",
                                         from_name="English", to_name="French")


@pytest.fixture(scope="module")
def nllb_zip(tmp_path_factory, seed_text) -> Path:
    out = tmp_path_factory.mktemp("en_my") / "en_my.argosmodel"
    return synthetic.build_argos_package(out, seed_text, source_prefix="eng_Latn",
                                         target_prefix="mya_Mymr")


def _install(argos_package, zip_path: Path, to_code: str):
    argos_package.install_from_path(zip_path)
    return next(pkg for pkg in argos_package.get_installed_packages() if pkg.to_code == to_code)


def _translate(model_dir: Path, batch: list[list[str]], target_prefix=None) -> list[list[str]]:
    translator = ctranslate2.Translator(str(model_dir), device="cpu", intra_threads=1,
                                        inter_threads=1)
    results = translator.translate_batch(  # argostranslate's decoding settings
        batch, target_prefix=target_prefix, replace_unknowns=True, max_batch_size=32,
        batch_type="tokens", beam_size=4, num_hypotheses=1, length_penalty=0.2)
    return [result.hypotheses[0] for result in results]


def _model_translations(package_dir: Path, sentences: list[str]) -> list[list[str]]:
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(package_dir / "sentencepiece.model"))
    return _translate(package_dir / "model", [processor.encode(s, out_type=str) for s in sentences])


def _assert_plausible(hypotheses: list[list[str]], pieces: set[str]) -> None:
    for tokens in hypotheses:
        assert MIN_TOKENS <= len(tokens) <= MAX_TOKENS, tokens
        assert set(tokens) <= pieces
        assert not any(re.fullmatch(r"<.*>", token) for token in tokens), tokens


def test_zip_has_single_folder_with_package_files(en_fr_zip):
    with zipfile.ZipFile(en_fr_zip) as archive:
        names = archive.namelist()
        metadata = json.loads(archive.read("translate-en_fr-1_0/metadata.json"))
    assert {name.split("/")[0] for name in names} == {"translate-en_fr-1_0"}
    for name in ("metadata.json", "sentencepiece.model", "README.md", "model/model.bin",
                 "model/config.json", "model/shared_vocabulary.json"):
        assert f"translate-en_fr-1_0/{name}" in names
    assert metadata == {"from_code": "en", "to_code": "fr", "from_name": "English",
                        "to_name": "French", "package_version": "1.0",
                        "argos_version": "1.9.0", "type": "translate"}


def test_installed_package_translates_every_seed_sentence(argos_package, en_fr_zip, sentences):
    pkg = _install(argos_package, en_fr_zip, "fr")
    assert (pkg.from_code, pkg.target_prefix) == ("en", "")
    batch = [pkg.tokenizer.encode(sentence) for sentence in sentences]
    assert all(batch)
    started = time.perf_counter()
    hypotheses = _translate(pkg.package_path / "model", batch)
    assert time.perf_counter() - started < 5.0
    _assert_plausible(hypotheses, set(synthetic.sentencepiece_pieces(pkg.tokenizer.model_file)))
    assert all(pkg.tokenizer.decode(tokens).strip() for tokens in hypotheses)
    assert len({tuple(tokens) for tokens in hypotheses}) > len(hypotheses) // 2


def test_same_seed_is_reproducible_and_other_seed_differs(tmp_path, seed_text, sentences):
    first = synthetic.build_argos_package(tmp_path / "a.argosmodel", seed_text)
    second = synthetic.build_argos_package(tmp_path / "b.argosmodel", seed_text)
    assert first.read_bytes() == second.read_bytes()
    outputs = []
    for name, seed in (("a", 0), ("b", 0), ("c", 1)):
        package_dir = synthetic.build_package_dir(tmp_path / name, seed_text, seed=seed)
        outputs.append(_model_translations(package_dir, sentences))
    assert outputs[0] == outputs[1]
    assert sum(a != c for a, c in zip(outputs[0], outputs[2], strict=False)) > len(sentences) // 2


def test_nllb_style_package(argos_package, nllb_zip, sentences):
    pkg = _install(argos_package, nllb_zip, "my")
    metadata = json.loads((pkg.package_path / "metadata.json").read_text())
    assert (metadata["source_prefix"], metadata["target_prefix"]) == ("eng_Latn", "mya_Mymr")
    assert pkg.target_prefix == "mya_Mymr"
    model_dir = pkg.package_path / "model"
    vocabulary = json.loads((model_dir / "shared_vocabulary.json").read_text())
    assert {"eng_Latn", "mya_Mymr", "<unk>", "<s>", "</s>"} <= set(vocabulary)
    assert json.loads((model_dir / "config.json").read_text())["decoder_start_token"] == "</s>"
    batch = [["eng_Latn", *pkg.tokenizer.encode(sentence), "</s>"] for sentence in sentences]
    hypotheses = _translate(model_dir, batch, target_prefix=[["mya_Mymr"]] * len(batch))
    assert all(tokens[0] == "mya_Mymr" for tokens in hypotheses)
    _assert_plausible([tokens[1:] for tokens in hypotheses],
                      set(synthetic.sentencepiece_pieces(pkg.tokenizer.model_file)))


def test_vocabulary_fillers_are_never_generated(tmp_path, seed_text, sentences):
    shape = synthetic.ModelShape(layers=1, d_model=32, heads=2, ffn=64, vocab_size=3000,
                                 quantization="float32")
    model_dir = synthetic.build_model_dir(tmp_path, seed_text, shape=shape)
    vocabulary = json.loads((model_dir / "model" / "shared_vocabulary.json").read_text())
    assert len(vocabulary) == len(set(vocabulary)) == 3000
    assert vocabulary[:3] == ["<unk>", "<s>", "</s>"] and vocabulary[-1].startswith("▁w")
    pieces = set(synthetic.sentencepiece_pieces(model_dir / "sentencepiece.model"))
    _assert_plausible(_model_translations(model_dir, sentences[:10]), pieces)


def test_base_shape_builds_and_translates(tmp_path, seed_text, sentences):
    started = time.perf_counter()
    model_dir = synthetic.build_model_dir(tmp_path, seed_text, shape=synthetic.BASE)
    vocabulary = json.loads((model_dir / "model" / "shared_vocabulary.json").read_text())
    assert len(vocabulary) == 32000
    assert (model_dir / "model" / "model.bin").stat().st_size < 120_000_000  # int8, not float32
    pieces = set(synthetic.sentencepiece_pieces(model_dir / "sentencepiece.model"))
    _assert_plausible(_model_translations(model_dir, sentences[:1]), pieces)
    assert time.perf_counter() - started < 30.0
