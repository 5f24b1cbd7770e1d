"""Check translations against the glossary and the QA rules, for the CLI and the TUI."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.app.workspace import Workspace


def project_units(workspace: Workspace, lang: str, article_ids: Iterable[int] | None = None) -> list:
    """One QA unit per segment of the chosen articles (every article when none is named)."""
    from workbench.qa.checks import QAUnit

    store = workspace.store
    wanted = [article.id for article in workspace.articles(article_ids)]
    index = workspace.glossary_index()  # cached until the glossary changes
    units = []
    for article_id in wanted:
        done = store.translations(article_id, lang)
        for segment in store.segments(article_id):
            saved = done.get(segment.segment_id)
            units.append(QAUnit(
                article_id=article_id, segment_id=segment.segment_id, source=segment.text,
                target=saved.text if saved else "", lang=lang, hits=index.hits(segment.text, lang),
            ))
    return units


def check_project(workspace: Workspace, lang: str, article_ids: Iterable[int] | None = None) -> list:
    from workbench.qa.checks import run_checks

    return run_checks(project_units(workspace, lang, article_ids))


def segment_issues(article_id: int, segment_id: str, source: str, target: str, lang: str, hits) -> list:
    """The per-segment checks for one segment (project-wide checks need the whole project)."""
    from workbench.qa.checks import ALL_CHECKS, QAUnit

    unit = QAUnit(article_id=article_id, segment_id=segment_id, source=source, target=target, lang=lang, hits=hits)
    return [issue for check in ALL_CHECKS for issue in check.check(unit)]
