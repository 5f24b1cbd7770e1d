"""What a TBX import did not keep: counts per kind and the first few places (file:line)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

EXAMPLES = 3  # places shown per kind


@dataclass
class Losses:
    """Filled while a file is read; `summary()` is what the importer prints."""

    origin: str
    locate: Callable[[Any], int] = lambda at: 0  # an element's line, asked only for the examples shown
    root_lang: str = ""  # the file's xml:lang, for messages
    counts: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, at: Any, what: str = "") -> None:
        """Count one of `kind`; `at` is a line number or an element the locator can place."""
        count = self.counts.get(kind, 0)
        self.counts[kind] = count + 1
        if count < EXAMPLES:
            line = at if isinstance(at, int) else self.locate(at)
            self.examples.setdefault(kind, []).append(f"{self.origin}:{line}" + (f" {what}" if what else ""))

    def __bool__(self) -> bool:
        return bool(self.counts)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def summary(self) -> list[str]:
        """One line per kind: "concept without an English term: 12 (e.g. f.tbx:40 concept c7; …)"."""
        lines = []
        for kind, count in self.counts.items():
            shown = "; ".join(self.examples[kind]) + ("; …" if count > EXAMPLES else "")
            lines.append(f"{kind}: {count} (e.g. {shown})")
        return lines
