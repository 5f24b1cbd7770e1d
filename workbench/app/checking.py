"""Check translations against the glossary and the QA rules, for the CLI and the TUI.

Also the publishing gate: which segments of an article are not ready (below the required
state, or with an error-level issue), used by `workbench check --require` and `workbench publish`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.errors import UserError

if TYPE_CHECKING:
    from workbench.app.workspace import Workspace
    from workbench.qa.base import Issue, QAUnit
    from workbench.storage.store import SegmentRow

TRANSLATED = "translated"
# States a gate can require, lowest first; "reviewed" comes with the team issue's review step.
REQUIRABLE_STATES = (TRANSLATED,)


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


# -- per-segment checks, with the project's other translations ---------------------------------
@dataclass(frozen=True)
class ProjectContext:
    """What the per-segment QA lines need from the rest of the project, for one open article.

    Made once per article and language by `project_context`: the other articles' translations by
    source (they do not change while this article is being edited), this article's segments, and
    a reader of this article's translations as they are now (one query per check)."""

    article_id: int | str
    lang: str
    others: dict[str, tuple[QAUnit, ...]]
    segments: dict[str, tuple[int, str]]  # segment id -> (number, source)
    current: Callable[[], dict[str, str]]  # this article's translations now, by segment id


def project_context(workspace: Workspace, article_id: int, lang: str) -> ProjectContext:
    """The context `segment_issues` uses for `inconsistent-translation` (reads the project once)."""
    from workbench.qa.checks import QAUnit
    from workbench.qa.consistency import source_key

    store = workspace.store
    others: dict[str, list[QAUnit]] = {}
    for article in workspace.articles():
        done = {} if article.id == article_id else store.translations(article.id, lang)
        if not any(row.text.strip() for row in done.values()):
            continue  # nothing to compare with: its segments need not be read
        for number, segment in enumerate(store.segments(article.id), start=1):
            row = done.get(segment.segment_id)
            if row is not None and row.text.strip():
                others.setdefault(source_key(segment.text), []).append(QAUnit(
                    article_id=article.id, segment_id=segment.segment_id, source=segment.text, target=row.text,
                    lang=lang, number=number))
    segments = {segment.segment_id: (number, segment.text)
                for number, segment in enumerate(store.segments(article_id), start=1)}

    def current() -> dict[str, str]:
        return {segment_id: row.text for segment_id, row in store.translations(article_id, lang).items()}

    return ProjectContext(article_id, lang, {key: tuple(units) for key, units in others.items()}, segments, current)


def segment_issues(article_id: int, segment_id: str, source: str, target: str, lang: str, hits,
                   project: ProjectContext | None = None) -> list:
    """The checks for one segment; with `project` (see `project_context`) also `inconsistent-translation`."""
    from workbench.qa.checks import ALL_CHECKS, QAUnit
    from workbench.qa.consistency import InconsistentTranslationCheck

    number = project.segments.get(segment_id, (0, ""))[0] if project is not None else 0
    unit = QAUnit(article_id=article_id, segment_id=segment_id, source=source, target=target, lang=lang, hits=hits,
                  number=number)
    issues = [issue for check in ALL_CHECKS for issue in check.check(unit)]
    if project is not None and project.lang == lang and project.article_id == article_id:
        issues += InconsistentTranslationCheck(_same_source_units(project, unit)).check_project([unit])
    return issues


def _same_source_units(project: ProjectContext, unit: QAUnit) -> list[QAUnit]:
    from workbench.qa.checks import QAUnit
    from workbench.qa.consistency import source_key

    key = source_key(unit.source)
    pool = list(project.others.get(key, ()))
    repeats = [(segment_id, number, text) for segment_id, (number, text) in project.segments.items()
               if segment_id != unit.segment_id and source_key(text) == key]
    if repeats:
        now = project.current()
        pool += [QAUnit(article_id=unit.article_id, segment_id=segment_id, source=text, target=now.get(segment_id, ""),
                        lang=unit.lang, number=number) for segment_id, number, text in repeats]
    return pool


# -- the publishing gate -------------------------------------------------------------------------
@dataclass(frozen=True)
class NotReady:
    """A segment that keeps its article from being published, and why."""

    article_id: int
    number: int  # 1 = the article's first segment
    segment: SegmentRow
    reasons: tuple[str, ...]  # "not translated", "draft", "error numbers: ..."

    @property
    def first_words(self) -> str:
        words = self.segment.text.split()
        return " ".join(words[:6]) + (" …" if len(words) > 6 else "")


@dataclass(frozen=True)
class ArticleReadiness:
    article_id: int
    segment_count: int
    not_ready: tuple[NotReady, ...]

    @property
    def below(self) -> int:
        """Segments below the required state (empty or draft)."""
        return sum(1 for item in self.not_ready if any(not reason.startswith("error") for reason in item.reasons))

    @property
    def with_errors(self) -> int:
        return sum(1 for item in self.not_ready if any(reason.startswith("error") for reason in item.reasons))


def checked_requirement(required: str) -> str:
    """The state a gate requires, or one line naming the states that exist."""
    if required not in REQUIRABLE_STATES:
        raise UserError(f"--require {required!r} is not a state a gate can require yet; "
                        f"use one of: {', '.join(REQUIRABLE_STATES)} (review comes with a later version)")
    return required


def readiness(workspace: Workspace, article_ids: Sequence[int], lang: str, issues: Sequence[Issue],
              required: str = TRANSLATED) -> list[ArticleReadiness]:
    """Per article, the segments below `required` or with an error-level issue among `issues`."""
    checked_requirement(required)
    errors: dict[tuple[int | str, str], list[Issue]] = {}
    for issue in issues:
        if issue.severity == "error":
            errors.setdefault((issue.article_id, issue.segment_id), []).append(issue)
    report = []
    for article_id in article_ids:
        saved = workspace.store.translations(article_id, lang)
        segments = workspace.store.segments(article_id)
        not_ready = []
        for number, segment in enumerate(segments, start=1):
            row = saved.get(segment.segment_id)
            reasons = [] if row is not None and row.text.strip() and row.status == TRANSLATED else \
                ["not translated" if row is None or not row.text.strip() else row.status]
            reasons += [f"error {issue.check_id}: {issue.message}" for issue in errors.get((article_id, segment.segment_id), ())]
            if reasons:
                not_ready.append(NotReady(article_id, number, segment, tuple(reasons)))
        report.append(ArticleReadiness(article_id, len(segments), tuple(not_ready)))
    return report
