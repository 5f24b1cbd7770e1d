"""Open a workspace: settings, database (migrated, seeded on first start) and MT engine."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from workbench.app.config import Settings
from workbench.app.importing import import_article_file, seed_files
from workbench.errors import UserError
from workbench.mt.argos import ArgosEngine
from workbench.storage.glossary_repository import GlossaryRepository
from workbench.storage.store import Store


@dataclass
class Workspace:
    settings: Settings
    store: Store
    engine: ArgosEngine

    @property
    def glossary(self) -> GlossaryRepository:
        return GlossaryRepository(self.store.engine)

    def glossary_index(self):
        """The matcher for the current glossary version, rebuilt only when the glossary changed."""
        from workbench.glossary.hits import GlossaryIndex

        repository = self.glossary
        version = repository.version()
        cached = getattr(self, "_index", None)
        if cached is None or cached.version != version:
            cached = GlossaryIndex(repository.entries(), version)
            self._index = cached
        return cached

    def workflow(self, actor: str | None = None):
        from workbench.app.glossary_workflow import Workflow

        return Workflow(self.glossary, actor or self.settings.user)

    def close(self) -> None:
        self.engine.unload()
        self.store.close()


def open_workspace(settings: Settings, seed: bool = True) -> Workspace:
    store = Store(settings.db_url)
    try:
        store.migrate()
        if seed and store.get_meta("seeded") is None:
            for path in seed_files():
                import_article_file(store, path)
            store.set_meta("seeded", "1")
        if seed and store.get_meta("glossary_seeded") is None:
            _seed_glossary(store, settings.user)
    except Exception:
        store.close()
        raise
    engine = ArgosEngine(settings.data_dir, intra_threads=settings.intra_threads)
    return Workspace(settings, store, engine)


def open_checked(settings: Settings) -> Workspace:
    """Open the workspace, turning an unreachable database into one clear line."""
    try:
        return open_workspace(settings)
    except sa.exc.OperationalError as error:
        reason = str(error.orig).splitlines()[0] if error.orig else str(error)
        raise UserError(f"cannot open database {settings.db_url}: {reason}; check --db / WORKBENCH_DB") from None


def install_hint(source_lang: str, target_lang: str) -> str:
    """The exact command a user runs to get MT for a pair."""
    return (
        f"no MT model for {source_lang}→{target_lang} is installed; install one with "
        f"`workbench models install FILE.argosmodel` (README: \"Getting a model\")"
    )


def glossary_dir() -> Path:
    """The curated glossary shipped with the project (overridable for packaging)."""
    override = os.environ.get("WORKBENCH_GLOSSARY_DIR")
    return Path(override) if override else Path(__file__).resolve().parents[2] / "glossary" / "entries"


def _seed_glossary(store: Store, creator: str) -> None:
    """New projects start with the curated glossary; whoever creates the project is its first editor."""
    from workbench.app.glossary_workflow import EDITOR

    repository = GlossaryRepository(store.engine)
    folder = glossary_dir()
    for entry in _curated_entries(folder):
        events = [{"action": "import", "reason": f"curated glossary: {folder.name}/{entry.id}.toml"}]
        repository.write(entry, "curated-glossary", events)
    if not repository.users():
        repository.set_role(creator, EDITOR, creator)
    store.set_meta("glossary_seeded", "1")


def _curated_entries(folder: Path) -> list:
    if not folder.is_dir():
        return []
    from workbench.formats.glossary_toml import load_entries

    return load_entries(folder)
