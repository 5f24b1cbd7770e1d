"""Bring plain-text articles into the store: parse, segment, save."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from workbench.articles import ParsedArticle, parse_article, read_article_file
from workbench.segmentation import segment_paragraphs
from workbench.storage.store import SegmentRow, Store


@dataclass(frozen=True)
class ImportResult:
    article_id: int
    replaced: bool
    article: ParsedArticle
    segment_count: int


def seeds_dir() -> Path:
    """The seed articles shipped with the project (overridable for packaging)."""
    override = os.environ.get("WORKBENCH_SEEDS_DIR")
    return Path(override) if override else Path(__file__).resolve().parent.parent / "seeds"


def seed_files() -> list[Path]:
    folder = seeds_dir()
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


def import_article_file(store: Store, path: Path) -> ImportResult:
    """Import one file; an article imported earlier from the same file name is replaced."""
    parsed = read_article_file(Path(path))
    return save_parsed(store, parsed, Path(path).name)


def import_article_text(store: Store, text: str, origin: str) -> ImportResult:
    return save_parsed(store, parse_article(text, origin=origin), origin)


def save_parsed(store: Store, parsed: ParsedArticle, origin: str) -> ImportResult:
    segments = segment_paragraphs(parsed.paragraphs)
    rows = [
        SegmentRow(
            segment_id=segment.segment_id,
            position=position,
            paragraph_index=segment.paragraph_index,
            text=segment.text,
        )
        for position, segment in enumerate(segments)
    ]
    fields = {
        "origin": origin,
        "title": parsed.title,
        "title_derived": parsed.title_derived,
        "byline": parsed.byline,
        "source": parsed.source,
        "published": parsed.date,
        "source_lang": "en",
    }
    article_id, replaced = store.save_article(fields, rows)
    return ImportResult(article_id, replaced, parsed, len(rows))


def read_all_or_nothing(paths: list[Path]) -> list[tuple[Path, ParsedArticle]]:
    """Parse every file before saving any, so one bad file changes nothing."""
    return [(Path(path), read_article_file(Path(path))) for path in paths]
