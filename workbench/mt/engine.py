"""The machine-translation engine interface that the rest of the workbench relies on."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass


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


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the OS tells it), at least 1."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


# Called with (index into the input list, translated text) as each result arrives.
ResultCallback = Callable[[int, str], None]
CancelCheck = Callable[[], bool]


class NoModelError(LookupError):
    """No installed model translates this language pair."""

    def __init__(self, source_lang: str, target_lang: str):
        super().__init__(f"no MT model installed for {source_lang}→{target_lang}")
        self.source_lang = source_lang
        self.target_lang = target_lang


class TranslationEngine(ABC):
    """Translates lists of segments; one call per article, batched inside.

    Everything the application calls on an engine is here, so another engine (a server,
    a test double at this boundary) is one subclass.
    """

    @abstractmethod
    def model_for(self, source_lang: str, target_lang: str) -> ModelInfo | None:
        """The model that would translate this pair, or None when none is installed."""

    @abstractmethod
    def translate(
        self,
        texts: Sequence[str],
        source_lang: str,
        target_lang: str,
        on_result: ResultCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> list[str | None]:
        """Translate texts in order; an entry is None only if cancelled before it was done."""

    @abstractmethod
    def missing_route_hint(self, source_lang: str, target_lang: str) -> str:
        """One line for the user: no model for this pair, and the command that installs one."""

    def loaded_models(self) -> list[str]:
        """Names of the models held in memory (none for an engine that loads nothing)."""
        return []

    def retain(self, pairs: Iterable[tuple[str, str]]) -> list[str]:
        """Release every model no route of these (source, target) pairs uses; their names."""
        return []

    def unload(self) -> None:  # noqa: B027 - an engine that loads nothing has nothing to release
        """Release every model (the workspace is closing)."""
