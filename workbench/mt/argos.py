"""Offline MT through installed Argos Translate packages (CTranslate2 models).

The workbench segments text itself, so it calls CTranslate2 directly through each
package's model and tokenizer: one batched, streamed call per article.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.mt.engine import CancelCheck, ModelInfo, NoModelError, ResultCallback
from workbench.mt.packages import InstalledPackage, installed_packages

ENGINE_ID = "argos"
# argostranslate's own decoding settings, so outputs match its code path.
BEAM_SIZE = 4
LENGTH_PENALTY = 0.2
BATCH_EXAMPLES = 32


@dataclass
class _LoadedPackage:
    package: InstalledPackage
    argos_package: object  # argostranslate.package.Package: its tokenizer
    translator: object  # ctranslate2.Translator


class ArgosEngine:
    """Finds packages in the workspace's models folder and translates with them."""

    def __init__(self, data_dir: Path, intra_threads: int = 1, compute_type: str = "default"):
        self.data_dir = data_dir
        self.intra_threads = intra_threads
        self.compute_type = compute_type
        self._loaded: dict[Path, _LoadedPackage] = {}
        self._lock = threading.Lock()

    def package_for(self, source_lang: str, target_lang: str) -> InstalledPackage | None:
        for package in installed_packages(self.data_dir):
            if package.from_code == source_lang and package.to_code == target_lang:
                return package
        return None

    def model_for(self, source_lang: str, target_lang: str) -> ModelInfo | None:
        package = self.package_for(source_lang, target_lang)
        if package is None:
            return None
        return ModelInfo(ENGINE_ID, package.name, package.version, source_lang, target_lang)

    def translate(
        self,
        texts: Sequence[str],
        source_lang: str,
        target_lang: str,
        on_result: ResultCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> list[str | None]:
        package = self.package_for(source_lang, target_lang)
        if package is None:
            raise NoModelError(source_lang, target_lang)
        loaded = self._load(package)
        outputs: list[str | None] = [None] * len(texts)
        wanted = [i for i, text in enumerate(texts) if text.strip()]
        for i in set(range(len(texts))) - set(wanted):
            outputs[i] = ""
        sources = [self.encode(loaded, texts[i]) for i in wanted]
        results = loaded.translator.translate_iterable(
            sources,
            target_prefix=self._target_prefixes(package, len(sources)),
            max_batch_size=BATCH_EXAMPLES,
            beam_size=BEAM_SIZE,
            length_penalty=LENGTH_PENALTY,
            replace_unknowns=True,
            num_hypotheses=1,
        )
        for position, result in zip(wanted, results):
            outputs[position] = self.decode(loaded, result.hypotheses[0])
            if on_result is not None:
                on_result(position, outputs[position])
            if cancelled is not None and cancelled():
                break
        return outputs

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
        with self._lock:
            loaded = self._loaded.get(package.path)
            if loaded is None:
                loaded = self._load_package(package)
                self._loaded[package.path] = loaded
            return loaded

    def _load_package(self, package: InstalledPackage) -> _LoadedPackage:
        import ctranslate2

        from workbench.mt.argos_env import argos_package_module

        argos_package = argos_package_module(self.data_dir).Package(package.path)
        translator = ctranslate2.Translator(
            str(package.path / "model"),
            device="cpu",
            compute_type=self.compute_type,
            inter_threads=1,
            intra_threads=self.intra_threads,
        )
        return _LoadedPackage(package, argos_package, translator)

    def unload(self) -> None:
        with self._lock:
            self._loaded.clear()
