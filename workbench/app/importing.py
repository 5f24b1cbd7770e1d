"""Bring plain-text articles into the store: parse, segment, save."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from workbench.articles.parsing import ParsedArticle, parse_article, read_article_file
from workbench.articles.segmentation import renamed_repeats, segment_article
from workbench.lang.languages import SOURCE_LANGUAGE
from workbench.myanmar.encoding import ZAWGYI
from workbench.myanmar.lines import AUTO, CONVERT, KEEP, ZawgyiReport
from workbench.storage.store import SegmentRow, Store


@dataclass(frozen=True)
class ImportResult:
    article_id: int
    replaced: bool
    article: ParsedArticle
    segment_count: int

    @property
    def warnings(self) -> tuple[str, ...]:
        """Imported anyway, but worth a look: "the article ends mid-sentence"."""
        return self.article.warnings


def seeds_dir() -> Path:
    """The seed articles shipped with the project (overridable for packaging)."""
    override = os.environ.get("WORKBENCH_SEEDS_DIR")
    return Path(override) if override else Path(__file__).resolve().parents[2] / "seeds"


def seed_files() -> list[Path]:
    folder = seeds_dir()
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


def origin_of(path: Path) -> str:
    """Where an article came from; importing a file of the same origin again replaces that article.

    A file directly in the seeds folder is named by its file name alone: a shipped seed is the
    same article wherever the project is installed, and first starts have always stored the seeds
    that way, so existing workspaces recognise them without a migration. Any other file is named
    by its full resolved path, so two report.txt files in different folders never replace each other.
    """
    resolved = Path(path).resolve()
    if resolved.parent == seeds_dir().resolve():
        return resolved.name
    return str(resolved)


def import_seeds(store: Store) -> list[ImportResult]:
    """The shipped seed articles, in one transaction (a first start half-seeded never happens)."""
    return save_all(store, [(read_article_file(path), origin_of(path)) for path in seed_files()])


def import_article_file(store: Store, path: Path, zawgyi: str = AUTO) -> ImportResult:
    """Import one file; an article imported earlier from the same origin (`origin_of`) is replaced."""
    parsed = read_article_file(Path(path), zawgyi)
    return save_parsed(store, parsed, origin_of(path))


def import_article_text(store: Store, text: str, origin: str) -> ImportResult:
    return save_parsed(store, parse_article(text, origin=origin), origin)


def save_parsed(store: Store, parsed: ParsedArticle, origin: str) -> ImportResult:
    return save_all(store, [(parsed, origin)])[0]


def save_all(store: Store, articles: list[tuple[ParsedArticle, str]]) -> list[ImportResult]:
    """Save parsed articles (each with its origin) in ONE transaction: all of them, or none."""
    prepared = [_prepared(parsed, origin) for parsed, origin in articles]
    saved = store.save_articles([(fields, rows) for fields, rows in prepared], _renamed_repeats)
    return [ImportResult(article_id, replaced, parsed, len(rows))
            for (article_id, replaced), (parsed, _origin), (_fields, rows) in zip(saved, articles, prepared, strict=True)]


def _prepared(parsed: ParsedArticle, origin: str) -> tuple[dict, list[SegmentRow]]:
    # The header (title, byline, outlet, dateline) first: segments translated like the body.
    segments = segment_article([(line.kind, line.text) for line in parsed.header], parsed.paragraphs)
    rows = [
        SegmentRow(
            segment_id=segment.segment_id,
            position=position,
            paragraph_index=segment.paragraph_index,
            text=segment.text,
            kind=segment.kind,
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
        "published_precision": parsed.date_precision,
        "source_lang": SOURCE_LANGUAGE,  # plain-text articles are the desk's English sources
    }
    return fields, rows


def _renamed_repeats(stored: list[SegmentRow]) -> dict[str, str]:
    """Ids of repeated sentences stored under the earlier numbering, and their current ids."""
    return renamed_repeats([(row.segment_id, row.text) for row in stored])


def read_all_or_nothing(paths: list[Path], zawgyi: str = AUTO) -> list[tuple[Path, ParsedArticle]]:
    """Parse every file before saving any, so one bad file changes nothing."""
    return [(Path(path), read_article_file(Path(path), zawgyi)) for path in paths]


def zawgyi_messages(path: Path, report: ZawgyiReport, policy: str = AUTO) -> tuple[list[str], list[str]]:
    """What to tell the user about Zawgyi in an imported file: (lines for stdout, warnings for stderr)."""
    done = []
    if report.converted:
        numbers = ", ".join(str(flagged.line) for flagged in report.converted)
        count = len(report.converted)
        done.append(f"converted {count} Zawgyi line{'s' if count != 1 else ''} in {path} to Unicode "
                    f"(line{'s' if count != 1 else ''} {numbers}; converter: {report.converter})")
    warnings = []
    for flagged in report.kept:
        where = f"{path}:{flagged.line}"
        if policy == KEEP:
            verdict = "looks like Zawgyi" if flagged.outcome == ZAWGYI else "may be Zawgyi"
            warnings.append(f"workbench: warning: {where}: {verdict} ('{flagged.excerpt}'), "
                            f"kept as written (--zawgyi {KEEP})")
        else:
            warnings.append(f"workbench: warning: {where}: may be Zawgyi ('{flagged.excerpt}'), too short to be "
                            f"sure, kept as written; if it looks wrong in a Unicode font, import again with "
                            f"--zawgyi {CONVERT}")
    return done, warnings
