"""`workbench serve`'s limits and defaults, light enough for the command line's --help."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_CHAR_LIMIT = 20_000  # characters per request, all texts together
DEFAULT_BATCH_LIMIT = 128  # texts per request
DEFAULT_THREADS = 8  # requests handled at once; those for one language pair share an engine call


@dataclass(frozen=True)
class ServeLimits:
    char_limit: int = DEFAULT_CHAR_LIMIT
    batch_limit: int = DEFAULT_BATCH_LIMIT

    @property
    def body_bytes(self) -> int:
        """The largest request body read: a full request of Burmese, percent-encoded (9 bytes a character)."""
        return self.char_limit * 12 + 64 * 1024
