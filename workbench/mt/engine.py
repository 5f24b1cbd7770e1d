"""The machine-translation engine interface that the rest of the workbench relies on."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class ModelInfo:
    """Identifies the model behind a translation; part of the MT cache key."""

    engine: str
    model_id: str
    model_version: str
    source_lang: str
    target_lang: str


# Called with (index into the input list, translated text) as each result arrives.
ResultCallback = Callable[[int, str], None]
CancelCheck = Callable[[], bool]


class NoModelError(LookupError):
    """No installed model translates this language pair."""

    def __init__(self, source_lang: str, target_lang: str):
        super().__init__(f"no MT model installed for {source_lang}→{target_lang}")
        self.source_lang = source_lang
        self.target_lang = target_lang


class TranslationEngine(Protocol):
    """Translates lists of segments; one call per article, batched inside."""

    def model_for(self, source_lang: str, target_lang: str) -> ModelInfo | None:
        """The model that would translate this pair, or None when none is installed."""

    def translate(
        self,
        texts: Sequence[str],
        source_lang: str,
        target_lang: str,
        on_result: ResultCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> list[str | None]:
        """Translate texts in order; an entry is None only if cancelled before it was done."""
