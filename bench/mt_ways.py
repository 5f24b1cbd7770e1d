"""The ways `bench/mt.py` translates with, their setup, and the isolation they run in.

All ways use argostranslate's decoding settings (beam 4, length_penalty 0.2,
replace_unknowns) on the same installed package; the primary ways use one thread
(inter 1, intra 1).  Each run is text in -> text out (tokenise, translate, decode).

workbench       ``ArgosEngine(data_dir, intra_threads=1, workers=1).translate(texts, "en", "my")``:
                one call for all segments (internally ``translate_iterable`` with
                ``max_batch_size=BATCH_EXAMPLES``).
argostranslate  ``PackageTranslation(en, my, pkg).translate(segment)``, once PER
                SEGMENT.  Only its sentencizer is swapped (``new_package_translation``);
                its translator loading, tokenizer, ``translate_batch`` call
                (max_batch_size=32, batch_type="tokens", return_scores) and decoding
                are its own.
ctranslate2     ONE ``Translator.translate_batch`` call over all SentencePiece token
                lists (default max_batch_size=0: a single batch), decoded like
                argostranslate's tokenizer (``RawCTranslate2.decode``).
secondary       argostranslate as above with its own default intra_threads (0: every
                core), as a user gets it with ARGOS_INTRA_THREADS unset.

`bench/` is not a package: `bench/mt.py` puts this folder on ``sys.path``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

# Child processes run the entry point, which knows the child flags.
ENTRY_SCRIPT = Path(__file__).resolve().with_name("mt.py")
SEEDS_DIR = REPO / "seeds"
SOURCE, TARGET = "en", "my"
BEAM_SIZE = 4  # argostranslate's defaults (settings.beam_size, apply_packaged_translation)
LENGTH_PENALTY = 0.2
ARGOS_BATCH_TOKENS = 32  # argostranslate's settings.batch_size, batch_type="tokens"
THREADS = 1
# argostranslate's intra_threads with ARGOS_INTRA_THREADS unset (checked in a child);
# CTranslate2 then keeps OpenMP's default team size: every available core.
ARGOS_DEFAULT_INTRA_THREADS = 0
SECONDARY = "argostranslate_default_threads"
SECONDARY_LABEL = f"argostranslate, intra_threads={ARGOS_DEFAULT_INTRA_THREADS}"  # printed
Run = Callable[[], list[str]]
Log = Callable[[str], None]


# -- isolation ------------------------------------------------------------------------

def isolate_environment(data_dir: Path) -> None:
    """Point the workbench and argostranslate at the temporary workspace.

    Must run before anything imports argostranslate: its settings module reads these
    variables (and creates its folders) at import time.  The values are the ones
    ``workbench.mt.argos_env`` would set, plus one inter and one intra thread.
    """
    if "argostranslate.settings" in sys.modules:
        raise RuntimeError("argostranslate was imported before the environment was set")
    argos_home = data_dir / "argos-home"
    os.environ.update({
        "WORKBENCH_DATA_DIR": str(data_dir),
        "ARGOS_DEBUG": "0",
        "ARGOS_PACKAGES_DIR": str(data_dir / "models"),
        "ARGOS_INTRA_THREADS": str(THREADS),
        "ARGOS_INTER_THREADS": str(THREADS),
        "XDG_DATA_HOME": str(argos_home / "data"),
        "XDG_CONFIG_HOME": str(argos_home / "config"),
        "XDG_CACHE_HOME": str(argos_home / "cache"),
    })
    for name in ("ARGOS_BEAM_SIZE", "ARGOS_BATCH_SIZE", "ARGOS_COMPUTE_TYPE",
                 "ARGOS_DEVICE_TYPE", "ARGOS_CHUNK_TYPE", "ARGOS_MODEL_PROVIDER"):
        os.environ.pop(name, None)  # argostranslate's defaults, whatever the shell says


LOOPBACK = ("127.0.0.1", "::1", "localhost")


def forbid_network(allow_loopback: bool = False) -> None:
    """Any attempt to connect (e.g. MiniSBD fetching its model) fails loudly; with
    `allow_loopback`, except to this machine (the servers of ``mt_servers.py``)."""
    connect, connect_ex, create_connection = socket.socket.connect, socket.socket.connect_ex, socket.create_connection

    def refused(address) -> bool:
        return not (allow_loopback and isinstance(address, tuple) and address[0] in LOOPBACK)

    def refuse(address):
        raise RuntimeError(f"network access attempted during the MT benchmark: {address!r}")

    def guarded_connect(self, address):
        return refuse(address) if refused(address) else connect(self, address)

    def guarded_connect_ex(self, address):
        return refuse(address) if refused(address) else connect_ex(self, address)

    def guarded_create_connection(address, *args, **kwargs):
        return refuse(address) if refused(address) else create_connection(address, *args, **kwargs)

    socket.socket.connect = guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = guarded_connect_ex  # type: ignore[method-assign]
    socket.create_connection = guarded_create_connection  # type: ignore[assignment]


def run_child(args: list[str], extra_env: dict[str, str] | None = None) -> str:
    """Run the benchmark script in a child process; return its stdout, or exit on failure."""
    env = {**os.environ, **(extra_env or {})}
    done = subprocess.run([sys.executable, str(ENTRY_SCRIPT), *args],
                          capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"child process {args[0]} failed (exit {done.returncode})")
    return done.stdout


def build_and_install(tmp, data_dir, shape_name: str):
    """Build the en→my package of `shape_name` in a child process and install it; the package."""
    import time

    from workbench.mt.packages import install_package

    archive = tmp / "build" / "translate-en_my-1_0.argosmodel"
    start = time.perf_counter()
    run_child(["--build-package", str(archive), "--shape", shape_name])
    print(f"  built {archive.name} ({archive.stat().st_size / 1024**2:.1f} MiB, {shape_name} shape) in "
          f"{time.perf_counter() - start:.1f} s (child process)")
    package = install_package(archive, data_dir)
    print(f"  installed {package.name} into {package.path.parent}")
    return package


# -- inputs ---------------------------------------------------------------------------

def seed_files() -> list[Path]:
    files = sorted(SEEDS_DIR.glob("*.txt"))
    if not files:
        raise SystemExit(f"no seed articles in {SEEDS_DIR}")
    return files


def build_package(out_file: Path, shape_name: str) -> None:
    """Child-process entry point (``--build-package``)."""
    from workbench.testing import synthetic

    shape = {"base": synthetic.BASE, "tiny": synthetic.TINY}[shape_name]
    text = "\n".join(path.read_text(encoding="utf-8") for path in seed_files())
    synthetic.build_argos_package(out_file, text, from_code=SOURCE, to_code=TARGET,
                                  from_name="English", to_name="Burmese", shape=shape)


def load_segments(log: Log = print) -> list[str]:
    from workbench.articles.parsing import read_article_file
    from workbench.articles.segmentation import segment_paragraphs

    texts = []
    for path in seed_files():
        segments = segment_paragraphs(read_article_file(path).paragraphs)
        log(f"  {path.name}: {len(segments)} segments")
        texts.extend(segment.text for segment in segments)
    return texts


# -- the workbench --------------------------------------------------------------------

def setup_workbench(data_dir: Path, texts: list[str], log: Log = print) -> Run:
    from workbench.mt.argos import BATCH_EXAMPLES, ArgosEngine

    engine = ArgosEngine(data_dir, intra_threads=THREADS, workers=THREADS)  # defaults: mt_defaults.py
    package = engine.package_for(SOURCE, TARGET)
    loaded = engine._load(package)  # the engine's own loader, called now: no load in timings
    log(f"  workbench: ArgosEngine, compute_type={loaded.translator.compute_type}, "
        f"intra_threads={engine.intra_threads}, workers={engine.workers}, BATCH_EXAMPLES={BATCH_EXAMPLES}, one call")

    def run() -> list[str]:
        return engine.translate(texts, SOURCE, TARGET)

    return run


# -- argostranslate -------------------------------------------------------------------

class WorkbenchSentencizer:
    """Stands in for argostranslate's MiniSBDSentencizer (which would download a model)."""

    def split_sentences(self, text: str) -> list[str]:
        from workbench.articles.segmentation import split_sentences

        return split_sentences(text)


def check_argos_settings() -> None:
    """argostranslate must have read one thread each and kept its decoding defaults."""
    import argostranslate.settings as argos_settings

    if argos_settings.intra_threads != THREADS or argos_settings.inter_threads != THREADS:
        raise RuntimeError("argostranslate did not pick up ARGOS_INTRA/INTER_THREADS=1")
    if (argos_settings.beam_size, argos_settings.batch_size) != (BEAM_SIZE, ARGOS_BATCH_TOKENS):
        raise RuntimeError("argostranslate's beam/batch settings are not its defaults")


def check_segments_resplit_to_themselves(texts: list[str]) -> None:
    """So argostranslate sees exactly the workbench's sentences, one per segment."""
    from workbench.articles.segmentation import split_sentences

    resplit = [text for text in texts if split_sentences(text) != [text]]
    if resplit:
        raise RuntimeError(f"{len(resplit)} segments re-split differently, e.g. {resplit[0]!r}")


def new_package_translation():
    """argostranslate's own PackageTranslation for the installed en->my package.

    Construction loads nothing: the ctranslate2.Translator and MiniSBD's detector are
    both lazy.  Only the sentencizer is swapped for the workbench's, because MiniSBD
    would download its ONNX model on the first ``split_sentences``; every segment
    re-splits to itself (checked), so argostranslate sees the workbench's sentences.
    """
    import argostranslate.package as argos_package
    import argostranslate.translate as argos_translate
    from argostranslate.sbd import MiniSBDSentencizer

    pkg = next(p for p in argos_package.get_installed_packages()
               if p.type == "translate" and p.from_code == SOURCE and p.to_code == TARGET)
    translation = argos_translate.PackageTranslation(
        argos_translate.Language(pkg.from_code, pkg.from_name),
        argos_translate.Language(pkg.to_code, pkg.to_name), pkg)
    assert isinstance(translation.sentencizer, MiniSBDSentencizer)
    assert translation.sentencizer.detector is None
    translation.sentencizer = WorkbenchSentencizer()
    return translation


def per_segment_run(translation, texts: list[str]) -> Run:
    return lambda: [translation.translate(text) for text in texts]


def setup_argostranslate(texts: list[str], log: Log = print) -> Run:
    import argostranslate.settings as argos_settings

    check_argos_settings()
    check_segments_resplit_to_themselves(texts)
    translation = new_package_translation()
    translation.translate(texts[0])  # its own lazy load: ctranslate2.Translator, tokenizer
    log(f"  argostranslate: PackageTranslation, compute_type="
        f"{translation.translator.compute_type}, intra_threads={argos_settings.intra_threads}, "
        f"batch_size={argos_settings.batch_size} tokens, one translate() per segment")
    return per_segment_run(translation, texts)


def setup_argostranslate_default_threads(texts: list[str], log: Log = print) -> Run:
    """Secondary way: argostranslate as installed, i.e. with its default intra_threads.

    PackageTranslation builds its ctranslate2.Translator on the first call from
    ``settings.intra_threads``, so the setting is changed for that one call only; the
    primary argostranslate way (already loaded) keeps its 1-thread translator.
    """
    import argostranslate.settings as argos_settings

    check_argos_settings()
    translation = new_package_translation()
    saved, argos_settings.intra_threads = argos_settings.intra_threads, ARGOS_DEFAULT_INTRA_THREADS
    try:
        translation.translate(texts[0])  # loads its translator with intra_threads=0
    finally:
        argos_settings.intra_threads = saved
    log(f"  argostranslate, default threads (secondary): PackageTranslation, compute_type="
        f"{translation.translator.compute_type}, intra_threads={ARGOS_DEFAULT_INTRA_THREADS} "
        f"(all {os.cpu_count()} cores), one translate() per segment")
    return per_segment_run(translation, texts)


def argos_default_intra_threads(data_dir: Path) -> None:
    """``--argos-default-threads`` child: argostranslate's intra_threads with the variable unset."""
    isolate_environment(data_dir)
    os.environ.pop("ARGOS_INTRA_THREADS")
    import argostranslate.settings as argos_settings

    print(argos_settings.intra_threads)


# -- raw CTranslate2 ------------------------------------------------------------------

class RawCTranslate2:
    """CTranslate2 and SentencePiece used directly on the installed package."""

    def __init__(self, package_dir: Path, texts: list[str], log: Log = print,
                 inter_threads: int = THREADS, intra_threads: int = THREADS):
        import ctranslate2
        import sentencepiece as spm

        self.texts = texts
        self.translator = ctranslate2.Translator(
            str(package_dir / "model"), device="cpu", compute_type="default",
            inter_threads=inter_threads, intra_threads=intra_threads)
        self.processor = spm.SentencePieceProcessor(
            model_file=str(package_dir / "sentencepiece.model"))
        log(f"  ctranslate2: Translator, compute_type={self.translator.compute_type}, "
            f"intra_threads={THREADS}, one translate_batch call (max_batch_size=0: one batch)")

    def decode(self, tokens: list[str]) -> str:
        # argostranslate's SentencePieceTokenizer.decode, then its leading-space strip.
        text = self.processor.decode_pieces(tokens).replace("▁", " ").replace("_", " ")
        return text[1:] if text.startswith(" ") else text

    def translate(self, **batching) -> list[str]:
        """All segments in one ``translate_batch`` call; ``batching`` as CTranslate2 takes it."""
        sources = [self.processor.encode(text, out_type=str) for text in self.texts]
        results = self.translator.translate_batch(
            sources, beam_size=BEAM_SIZE, length_penalty=LENGTH_PENALTY,
            replace_unknowns=True, num_hypotheses=1, **batching)
        return [self.decode(result.hypotheses[0]) for result in results]

    def translate_one_by_one(self) -> list[str]:
        """One call per segment, batched exactly as argostranslate's call batches it."""
        outputs = []
        for text in self.texts:
            result = self.translator.translate_batch(
                [self.processor.encode(text, out_type=str)], beam_size=BEAM_SIZE,
                length_penalty=LENGTH_PENALTY, replace_unknowns=True, num_hypotheses=1,
                max_batch_size=ARGOS_BATCH_TOKENS, batch_type="tokens")[0]
            outputs.append(self.decode(result.hypotheses[0]))
        return outputs


# -- all ways -------------------------------------------------------------------------

def setup_ways(data_dir: Path, package_dir: Path, texts: list[str], log: Log = print,
               after_each: Callable[[str], None] = lambda name: None
               ) -> tuple[dict[str, Run], RawCTranslate2]:
    """The three primary ways, all at one thread; ``after_each`` runs after each load."""
    ways: dict[str, Run] = {}
    ways["workbench"] = setup_workbench(data_dir, texts, log)
    after_each("workbench")
    ways["argostranslate"] = setup_argostranslate(texts, log)
    after_each("argostranslate")
    raw = RawCTranslate2(package_dir, texts, log)
    ways["ctranslate2"] = raw.translate
    after_each("ctranslate2")
    return ways, raw


# -- loading in the timed process ---------------------------------------------------

def rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 1024**2


def count_differing(a: list[str], b: list[str]) -> int:
    return sum(x != y for x, y in zip(a, b, strict=False))


def load_primary_ways(data_dir: Path, package_dir: Path,
                      texts: list[str]) -> tuple[dict[str, Run], RawCTranslate2]:
    """Load the three 1-thread ways, reporting RSS after each."""
    print(f"loading (RSS before: {rss_mb():.0f} MB):")
    rss_after: dict[str, float] = {}
    ways, raw = setup_ways(data_dir, package_dir, texts,
                           after_each=lambda name: rss_after.__setitem__(name, rss_mb()))
    print(f"  RSS after loading: workbench {rss_after['workbench']:.0f} MB, "
          f"+argostranslate {rss_after['argostranslate']:.0f} MB, "
          f"+ctranslate2 {rss_after['ctranslate2']:.0f} MB")
    return ways, raw


def load_secondary_way(data_dir: Path, texts: list[str]) -> Run:
    """Load argostranslate with its own default intra_threads, after the primary ways."""
    found = int(run_child(["--argos-default-threads", str(data_dir)]).strip())
    if found != ARGOS_DEFAULT_INTRA_THREADS:
        raise SystemExit(f"argostranslate's default intra_threads is {found}, "
                         f"not {ARGOS_DEFAULT_INTRA_THREADS}")
    run = setup_argostranslate_default_threads(texts)
    print(f"  RSS after loading the secondary way: {rss_mb():.0f} MB (argostranslate's "
          f"intra_threads with ARGOS_INTRA_THREADS unset, read in a child process: {found})")
    return run
