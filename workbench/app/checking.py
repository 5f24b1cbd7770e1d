"""Check translations against the glossary and the QA rules, for the CLI and the TUI."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.app.workspace import Workspace


def project_units(workspace: Workspace, lang: str, article_ids: Iterable[int] | None = None,
                  with_hits: bool = True) -> list:
    """One QA unit per segment of the chosen articles (every article when none is named).

    `with_hits=False` leaves out the glossary hits (for checks that compare translations only)."""
    from workbench.qa.checks import QAUnit

    store = workspace.store
    wanted = [article.id for article in workspace.articles(article_ids)]
    index = workspace.glossary_index() if with_hits else None  # cached until the glossary changes
    units = []
    for article_id in wanted:
        done = store.translations(article_id, lang)
        for number, segment in enumerate(store.segments(article_id), start=1):
            saved = done.get(segment.segment_id)
            units.append(QAUnit(
                article_id=article_id, segment_id=segment.segment_id, source=segment.text,
                target=saved.text if saved else "", lang=lang,
                hits=index.hits(segment.text, lang) if index is not None else (), number=number,
            ))
    return units


def check_project(workspace: Workspace, lang: str, article_ids: Iterable[int] | None = None) -> list:
    """Every issue in the chosen articles. `inconsistent-translation` compares them with the whole
    project even when only some articles are checked."""
    from workbench.qa.checks import ALL_CHECKS, run_checks
    from workbench.qa.consistency import InconsistentTranslationCheck

    chosen = None if article_ids is None else list(article_ids)
    checks = ALL_CHECKS
    if chosen is not None and set(chosen) != {article.id for article in workspace.articles()}:
        everything = project_units(workspace, lang, with_hits=False)
        checks = tuple(InconsistentTranslationCheck(everything) if isinstance(check, InconsistentTranslationCheck)
                       else check for check in ALL_CHECKS)
    return run_checks(project_units(workspace, lang, chosen), checks)


def segment_issues(article_id: int, segment_id: str, source: str, target: str, lang: str, hits) -> list:
    """The per-segment checks for one segment (project-wide checks need the whole project)."""
    from workbench.qa.checks import ALL_CHECKS, QAUnit

    unit = QAUnit(article_id=article_id, segment_id=segment_id, source=source, target=target, lang=lang, hits=hits)
    return [issue for check in ALL_CHECKS for issue in check.check(unit)]
