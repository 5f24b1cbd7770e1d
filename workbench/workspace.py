"""Open a workspace: settings, database (migrated, seeded on first start) and MT engine."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.config import Settings
from workbench.importing import import_article_file, seed_files
from workbench.mt.argos import ArgosEngine
from workbench.storage.store import Store


@dataclass
class Workspace:
    settings: Settings
    store: Store
    engine: ArgosEngine

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
    except Exception:
        store.close()
        raise
    engine = ArgosEngine(settings.data_dir, intra_threads=settings.intra_threads)
    return Workspace(settings, store, engine)


def install_hint(source_lang: str, target_lang: str) -> str:
    """The exact command a user runs to get MT for a pair."""
    return (
        f"no MT model for {source_lang}→{target_lang} is installed; install one with "
        f"`workbench models install FILE.argosmodel` (README: \"Getting a model\")"
    )
