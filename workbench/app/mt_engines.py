"""Which MT engine a workspace translates with: this machine's models, or the configured server."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.app.config import Settings
from workbench.mt.engine import TranslationEngine
from workbench.mt.libretranslate import LibreTranslateEngine, ServerLanguage


def build_engine(settings: Settings) -> TranslationEngine:
    """WORKBENCH_MT_SERVER set: its LibreTranslate API (text leaves this machine); else local Argos models."""
    if settings.mt_server:
        from workbench.mt.http_client import ServerConnection

        return LibreTranslateEngine(ServerConnection(settings.mt_server, timeout=settings.mt_timeout), settings.mt_api_key)
    return local_engine(settings)


def local_engine(settings: Settings) -> TranslationEngine:
    """This machine's models, whatever WORKBENCH_MT_SERVER says (what `workbench serve` offers)."""
    from workbench.mt.argos import ArgosEngine

    return ArgosEngine(settings.data_dir, intra_threads=settings.intra_threads, workers=settings.mt_workers)


@dataclass(frozen=True)
class ServerListing:
    """What `models list` and the Models screen show for WORKBENCH_MT_SERVER."""

    url: str
    notice: str  # says plainly that the text goes there
    languages: list[ServerLanguage]


def server_listing(engine: TranslationEngine) -> ServerListing | None:
    """The server's languages (asked once per engine), or None for local models; UserError if unreachable."""
    if not isinstance(engine, LibreTranslateEngine):
        return None
    notice = (f"MT server {engine.url} (WORKBENCH_MT_SERVER): the text of every segment you machine-translate is "
              "sent to this server; this machine's models are not used")
    return ServerListing(engine.url, notice, engine.languages())
