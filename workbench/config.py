"""Where the workbench keeps its data, read from the environment when asked (never at import)."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import UserError

APP_NAME = "workbench"
DEFAULT_INTRA_THREADS = 1  # 2 intra-op threads measured much slower than 1 on 2-core machines


@dataclass(frozen=True)
class Settings:
    """Resolved locations and tunables for one run of the workbench."""

    data_dir: Path
    db_url: str
    intra_threads: int
    user: str


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def load_settings(db_url: str | None = None, data_dir: str | Path | None = None) -> Settings:
    """Resolve settings: explicit arguments, then WORKBENCH_* variables, then defaults."""
    env = os.environ
    chosen_dir = data_dir or env.get("WORKBENCH_DATA_DIR") or default_data_dir()
    root = Path(chosen_dir).expanduser()
    url = db_url or env.get("WORKBENCH_DB") or f"sqlite:///{root / 'workbench.db'}"
    return Settings(
        data_dir=root,
        db_url=url,
        intra_threads=_intra_threads(env.get("WORKBENCH_INTRA_THREADS")),
        user=env.get("WORKBENCH_USER") or _login_name(),
    )


def _intra_threads(raw: str | None) -> int:
    if raw is None or raw == "":
        return DEFAULT_INTRA_THREADS
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0:
        raise UserError(
            f"WORKBENCH_INTRA_THREADS={raw!r} is not a thread count; set a whole number such as 1"
        )
    return value


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "translator"
