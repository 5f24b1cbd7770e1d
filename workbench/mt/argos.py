"""Offline MT through installed Argos Translate packages (CTranslate2 models).

The workbench segments text itself, so it calls CTranslate2 directly through each
package's model and tokenizer: one batched, streamed call per batch of segments (per
leg, when a pair goes through a pivot language; see workbench/mt/pivot.py). Translators
load on first use and stay until released (``retain``/``unload``).

Threads: each translator has ``workers`` one-thread replicas (CTranslate2's
``inter_threads``; by default one per core, see ``default_workers``), and every call is
cut into one sub-batch per worker so they all decode at once. On 2 cores two 1-thread
workers beat one 2-thread worker (intra-op threads wait at every barrier).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.mt.engine import CancelCheck, ModelInfo, NoModelError, ResultCallback, TranslationEngine, available_cores
from workbench.mt.packages import InstalledPackage, installed_packages
from workbench.mt.pivot import Route, find_route, missing_route_hint

ENGINE_ID = "argos"
# argostranslate's own decoding settings, so outputs match its code path.
BEAM_SIZE = 4
LENGTH_PENALTY = 0.2
BATCH_EXAMPLES = 32  # the largest sub-batch one worker decodes at a time
# Each worker keeps its own work buffers: more than this costs memory for little gain on
# the batch sizes the workbench sends (32 segments at most).
MAX_DEFAULT_WORKERS = 4


def default_workers(cores: int | None = None, intra_threads: int = 1) -> int:
    """As many workers as the cores hold at `intra_threads` each (0: CTranslate2 takes every
    core per worker), up to MAX_DEFAULT_WORKERS: one 1-thread worker per core by default."""
    cores = available_cores() if cores is None else cores
    return max(1, min(MAX_DEFAULT_WORKERS, cores // (intra_threads or cores)))


def sub_batch_size(count: int, workers: int) -> int:
    """Examples per sub-batch so that `count` examples keep every worker busy (at least 1)."""
    return max(1, min(BATCH_EXAMPLES, math.ceil(count / workers)))


@dataclass
class _LoadedPackage:
    package: InstalledPackage
    argos_package: Any  # argostranslate.package.Package (untyped): its tokenizer
    translator: Any  # ctranslate2.Translator (a compiled extension without type information)


class ArgosEngine(TranslationEngine):
    """Finds packages in the workspace's models folder and translates with them."""

    def __init__(self, data_dir: Path, intra_threads: int = 1, compute_type: str = "default",
                 workers: int | None = None):
        self.data_dir = data_dir
        self.intra_threads = intra_threads
        # None or 0: from the cores, so that workers x intra_threads does not oversubscribe them.
        self.workers = workers or default_workers(intra_threads=intra_threads)
        self.compute_type = compute_type
        self._loaded: dict[Path, _LoadedPackage] = {}
        self._loading: dict[Path, Future] = {}  # loads in progress, so each package loads once
        self._drop_when_loaded: set[Path] = set()  # released while loading: not kept afterwards
        self._lock = threading.Lock()  # guards these only; never held during a load

    def package_for(self, source_lang: str, target_lang: str) -> InstalledPackage | None:
        for package in installed_packages(self.data_dir):
            if package.from_code == source_lang and package.to_code == target_lang:
                return package
        return None

    def route_for(self, source_lang: str, target_lang: str) -> Route | None:
        """A direct package, else two packages chained through a pivot language."""
        return find_route(installed_packages(self.data_dir), source_lang, target_lang)

    def missing_route_hint(self, source_lang: str, target_lang: str) -> str:
        return missing_route_hint(installed_packages(self.data_dir), source_lang, target_lang)

    def model_for(self, source_lang: str, target_lang: str) -> ModelInfo | None:
        route = self.route_for(source_lang, target_lang)
        if route is None:
            return None
        return ModelInfo(
            ENGINE_ID,
            "+".join(leg.name for leg in route.legs),
            "+".join(leg.version for leg in route.legs),
            source_lang, target_lang, route.via,
        )

    def translate(
        self,
        texts: Sequence[str],
        source_lang: str,
        target_lang: str,
        on_result: ResultCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> list[str | None]:
        """One batched, streamed pass per leg; a pivot leg feeds its output to the next.

        Glossary placeholders (``[[n]]``) go through every leg as they are and are
        restored only after the last one, in the target language: restoring in
        between would hand the second model target-language text to translate.
        """
        route = self.route_for(source_lang, target_lang)
        if route is None:
            raise NoModelError(source_lang, target_lang)
        outputs: list[str | None] = [None] * len(texts)
        wanted = [i for i, text in enumerate(texts) if text.strip()]
        for i in set(range(len(texts))) - set(wanted):
            outputs[i] = ""
        stream: Iterable[str] = [texts[i] for i in wanted]
        for package in route.legs:
            stream = self._translate_leg(self._load(package), stream, len(wanted))
        for position, output in zip(wanted, stream, strict=False):
            outputs[position] = output
            if on_result is not None:
                on_result(position, output)
            if cancelled is not None and cancelled():
                break
        return outputs

    def _translate_leg(self, loaded: _LoadedPackage, texts: Iterable[str], count: int) -> Iterator[str]:
        sources = (self.encode(loaded, text) for text in texts)
        results = loaded.translator.translate_iterable(
            sources,
            target_prefix=self._target_prefixes(loaded.package, count),
            max_batch_size=sub_batch_size(count, self.workers),
            beam_size=BEAM_SIZE,
            length_penalty=LENGTH_PENALTY,
            replace_unknowns=True,
            num_hypotheses=1,
        )
        return (self.decode(loaded, result.hypotheses[0]) for result in results)

    # -- token layout -------------------------------------------------------
    @staticmethod
    def encode(loaded: _LoadedPackage, text: str) -> list[str]:
        """Ordinary packages: the pieces. NLLB-style: language token first, </s> last."""
        tokens = loaded.argos_package.tokenizer.encode(text)
        prefix = loaded.package.source_prefix
        if prefix:
            return [prefix, *tokens, "</s>"]
        return tokens

    @staticmethod
    def decode(loaded: _LoadedPackage, tokens: list[str]) -> str:
        prefix = loaded.package.target_prefix
        if prefix and tokens and tokens[0] == prefix:
            tokens = tokens[1:]
        text = loaded.argos_package.tokenizer.decode(tokens)
        return text[1:] if text.startswith(" ") else text

    @staticmethod
    def _target_prefixes(package: InstalledPackage, count: int) -> list[list[str]] | None:
        if not package.target_prefix:
            return None
        return [[package.target_prefix]] * count

    def _load(self, package: InstalledPackage) -> _LoadedPackage:
        """The package's translator, loading it once however many threads ask at the same time.

        The load itself runs outside the engine lock: the TUI's main thread calls
        ``loaded_models``/``retain`` and must never wait seconds for a large model.
        """
        with self._lock:
            loaded = self._loaded.get(package.path)
            if loaded is not None:
                return loaded
            pending = self._loading.get(package.path)
            if pending is None:
                pending = self._loading[package.path] = Future()
                owner = True
            else:
                owner = False
                self._drop_when_loaded.discard(package.path)  # wanted again: keep it after all
        if not owner:
            return pending.result()  # another thread is loading it: wait for that one load
        try:
            loaded = self._load_package(package)
        except BaseException as error:
            with self._lock:
                del self._loading[package.path]  # the next request tries again
                self._drop_when_loaded.discard(package.path)
            pending.set_exception(error)
            raise
        with self._lock:
            # Not kept if ``retain``/``unload`` released it while it loaded (and nobody asked
            # again): the callers waiting on it still get it; its memory goes when they finish.
            del self._loading[package.path]
            if package.path in self._drop_when_loaded:
                self._drop_when_loaded.discard(package.path)
            else:
                self._loaded[package.path] = loaded
        pending.set_result(loaded)
        return loaded

    def _load_package(self, package: InstalledPackage) -> _LoadedPackage:
        import ctranslate2

        from workbench.mt.argos_env import argos_package_module
        from workbench.mt.package_check import unusable_installed_package

        try:
            argos_package = argos_package_module(self.data_dir).Package(package.path)
            argos_package.tokenizer.encode("")  # SentencePiece loads lazily: fail here, not mid-article
            translator = ctranslate2.Translator(
                str(package.path / "model"),
                device="cpu",
                compute_type=self.compute_type,
                inter_threads=self.workers,
                intra_threads=self.intra_threads,
            )
        except Exception as error:  # noqa: BLE001 - a damaged package on disk is the user's to replace
            raise unusable_installed_package(package.name, error) from None
        return _LoadedPackage(package, argos_package, translator)

    # -- memory -------------------------------------------------------------
    def loaded_models(self) -> list[str]:
        """Names of the packages whose translators are in memory."""
        with self._lock:
            return sorted(loaded.package.name for loaded in self._loaded.values())

    def retain(self, pairs: Iterable[tuple[str, str]]) -> list[str]:
        """Release the translators no route of these pairs needs; return their names.

        A run still translating with a released translator keeps its own reference,
        so releasing never breaks it; the memory goes when that run ends.
        """
        needed = {leg.path for source, target in pairs
                  if (route := self.route_for(source, target)) is not None for leg in route.legs}
        with self._lock:
            released = [path for path in self._loaded if path not in needed]
            names = sorted(self._loaded.pop(path).package.name for path in released)
            # A load in progress is not stopped (a second request must not start another copy
            # of the model); it is just not kept when it ends (see _load).
            self._drop_when_loaded.update(path for path in self._loading if path not in needed)
        return names

    def unload(self) -> None:
        with self._lock:
            self._loaded.clear()
            self._drop_when_loaded.update(self._loading)
