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
    # Pivot languages between source and target, e.g. ("es",) for en→es→fr. A pivot
    # route's model_id and model_version join those of its packages with "+", so its
    # cached output never mixes with a direct package's.
    via: tuple[str, ...] = ()

    @property
    def route(self) -> str:
        """"en→fr", or "en→es→fr" when the text goes through another language."""
        return "→".join((self.source_lang, *self.via, self.target_lang))


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


class ModelMemory(Protocol):
    """Optional engine methods: what is loaded, and releasing what a view no longer needs."""

    def loaded_models(self) -> list[str]:
        """Names of the models held in memory."""

    def retain(self, pairs: list[tuple[str, str]]) -> list[str]:
        """Release every model no route of these (source, target) pairs uses; their names."""
