"""The workspace: settings, database (migrated, seeded on first start) and MT engine, and the
services the CLI and the TUI call on them (article lookup, article view, MT, QA)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.app.config import Settings
from workbench.app.errors import database_unreachable
from workbench.app.importing import import_seeds
from workbench.errors import UserError
from workbench.glossary.hits import GlossaryIndex
from workbench.glossary.model import Entry
from workbench.mt.engine import CancelCheck, ModelInfo, TranslationEngine
from workbench.storage.glossary_repository import GlossaryRepository
from workbench.storage.store import ArticleRow, Store

if TYPE_CHECKING:
    from workbench.app.editing import ArticleView
    from workbench.app.glossary_workflow import Workflow
    from workbench.app.translating import ProgressCallback, SegmentMT, TranslateReport
    from workbench.qa.base import Issue

ARTICLES_HINT = "see `workbench articles` for the ids"


@dataclass
class Workspace:
    settings: Settings
    store: Store
    engine: TranslationEngine
    _index: GlossaryIndex | None = field(default=None, init=False, repr=False)
    # One build at a time: a caller that comes while a worker builds waits for that index.
    _index_lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    @property
    def glossary(self) -> GlossaryRepository:
        return GlossaryRepository(self.store.engine)

    def glossary_index(self) -> GlossaryIndex:
        """The matcher for the current glossary version, rebuilt only when the glossary changed."""
        repository = self.glossary
        with self._index_lock:
            version = repository.version()
            if self._index is None or self._index.version != version:
                self._index = GlossaryIndex(repository.entries(), version)
            return self._index

    def known_glossary_index(self) -> GlossaryIndex:
        """The matcher last built, without asking whether the glossary moved since (built when
        there is none yet): for a caller that checks the version itself, as the TUI does once a
        second (`glossary_index` then), instead of one query per cursor move and keystroke."""
        index = self._index
        return index if index is not None else self.glossary_index()

    def workflow(self, actor: str | None = None) -> Workflow:
        from workbench.app.glossary_workflow import Workflow

        if actor is None:  # the settings' recorded name acts with its login's role
            return Workflow(self.glossary, self.settings.user, self.settings.login)
        return Workflow(self.glossary, actor)

    # -- articles ------------------------------------------------------------
    def article(self, ref: int | str) -> ArticleRow:
        """The article with this id (as typed or as stored); one clear UserError otherwise."""
        return find_article(self.store, ref)

    def articles(self, refs: Iterable[int | str] | None = None) -> list[ArticleRow]:
        """The named articles (every article when none is named), all checked before any is used."""
        wanted = list(refs or ())
        return [self.article(ref) for ref in wanted] if wanted else self.store.list_articles()

    # -- machine translation -------------------------------------------------
    def article_view(self, article_id: int, lang: str) -> ArticleView:
        """Everything stored for an article in one language; nothing is translated here."""
        from workbench.app.editing import article_view

        return article_view(self.store, self.engine, article_id, lang, self.glossary_index(), self.settings.digits)

    def stored_mt(self, article_id: int, lang: str) -> tuple[ModelInfo | None, dict[str, SegmentMT]]:
        """The MT already stored for an article, by segment id, with approved renderings restored."""
        from workbench.app.translating import stored_mt_results

        return stored_mt_results(self.store, self.engine, article_id, lang, self.glossary_index(), self.settings.digits)

    def translate(self, article_id: int, lang: str, on_progress: ProgressCallback | None = None,
                  cancelled: CancelCheck | None = None, index: GlossaryIndex | None = None) -> TranslateReport:
        """Fill in MT for every segment through the cache (`index`: built by the caller's thread)."""
        from workbench.app.translating import translate_article

        return translate_article(self.store, self.engine, article_id, lang, on_progress, cancelled,
                                 index or self.glossary_index(), self.settings.digits)

    def mt_text(self, article_id: int, lang: str) -> str:
        """The article's stored MT as plain text: paragraphs kept, sentences joined as the language
        writes them (with a space, or with nothing for Burmese, Thai, Japanese…)."""
        from workbench.lang.languages import language

        _model, mt = self.stored_mt(article_id, lang)
        joiner = " " if language(lang).spaced else ""
        paragraphs: dict[int, list[str]] = {}
        for segment in self.store.segments(article_id):
            if segment.segment_id in mt:
                paragraphs.setdefault(segment.paragraph_index, []).append(mt[segment.segment_id].text)
        return "\n\n".join(joiner.join(parts) for _, parts in sorted(paragraphs.items())) + "\n"

    def missing_model_hint(self, article_id: int, lang: str) -> str:
        return self.engine.missing_route_hint(self.article(article_id).source_lang, lang)

    # -- QA --------------------------------------------------------------------
    def check(self, lang: str, refs: Iterable[int | str] | None = None) -> list[Issue]:
        """Every QA check over the named articles (all when none is named)."""
        from workbench.app.checking import check_project

        return check_project(self, lang, [article.id for article in self.articles(refs)])

    def close(self) -> None:
        self.engine.unload()
        self.store.close()


def find_article(store: Store, ref: int | str) -> ArticleRow:
    """The one article lookup: an id as typed or as stored, or one clear UserError."""
    text = str(ref).strip()
    if not (text.isascii() and text.isdigit()):
        raise UserError(f"{text!r} is not an article id; {ARTICLES_HINT}")
    article = store.get_article(int(text))
    if article is None:
        raise UserError(f"no article with id {text}; {ARTICLES_HINT}")
    return article


def open_workspace(settings: Settings, seed: bool = True) -> Workspace:
    store = Store(settings.db_url)
    try:
        store.migrate()
        if seed and store.get_meta("seeded") is None:
            import_seeds(store)
            store.set_meta("seeded", "1")
        if seed and store.get_meta("glossary_seeded") is None:
            _seed_glossary(store, settings.login)  # the login that creates the workspace is its first editor
    except Exception:
        store.close()
        raise
    from workbench.app.mt_engines import build_engine

    return Workspace(settings, store, build_engine(settings))


def open_checked(settings: Settings) -> Workspace:
    """Open the workspace, turning an unreachable database into one clear line."""
    try:
        return open_workspace(settings)
    except Exception as error:
        message = database_unreachable(error, settings.db_url)
        if message is None:
            raise
        raise UserError(message) from None


def glossary_dir() -> Path:
    """The curated glossary shipped with the project (overridable for packaging)."""
    override = os.environ.get("WORKBENCH_GLOSSARY_DIR")
    return Path(override) if override else Path(__file__).resolve().parents[2] / "glossary" / "entries"


def _seed_glossary(store: Store, creator: str) -> None:
    """New projects start with the curated glossary (one transaction); whoever creates the project is its first editor."""
    from workbench.app.glossary_workflow import EDITOR

    repository = GlossaryRepository(store.engine)
    folder = glossary_dir()
    changes: list[tuple[Entry, list[dict], int | None]] = [
        (entry, [{"action": "import", "reason": f"curated glossary: {folder.name}/{entry.id}.toml"}], 0)
        for entry in _curated_entries(folder)]
    repository.write_many(changes, "curated-glossary")
    if not repository.users():
        repository.set_role(creator, EDITOR, creator)
    store.set_meta("glossary_seeded", "1")


def _curated_entries(folder: Path) -> list:
    if not folder.is_dir():
        return []
    from workbench.formats.glossary_toml import load_entries

    return load_entries(folder)
