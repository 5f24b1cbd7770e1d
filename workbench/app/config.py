"""Where the workbench keeps its data, read from the environment when asked (never at import)."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path

from workbench.app.identity import ENTERED_BY, recorded_name
from workbench.errors import UserError
from workbench.lang.locale_format import ui_locale_from_environment
from workbench.safe_text import refuse_unsafe

APP_NAME = "workbench"
DEFAULT_INTRA_THREADS = 1  # 2 intra-op threads measured much slower than 1 on 2-core machines
AUTO_MT_WORKERS = 0  # WORKBENCH_MT_WORKERS=0: one 1-thread MT worker per core (workbench.mt.argos)
# Unset: one worker. Two were not faster on a loaded 2-core machine (bench/mt.py --defaults-only:
# 6.5 vs 7.4 sentences/s), and int8 output depends on the sub-batch shape, so the worker count
# would change the MT a desk gets; per-core workers wait for a measurement on a quiet machine.
DEFAULT_MT_WORKERS = 1
# A CPU server translating a batch of 32 sentences with NLLB-200 can take a minute.
DEFAULT_MT_TIMEOUT = 120.0


@dataclass(frozen=True)
class Settings:
    """Resolved locations and tunables for one run of the workbench."""

    data_dir: Path
    db_url: str
    intra_threads: int
    user: str  # recorded with every edit: the login, or "NAME, entered by LOGIN" (workbench.app.identity)
    login: str  # whose role counts: the OS login on SQLite, the database login on PostgreSQL
    ui_locale: str = "en"  # dates and numbers in the TUI (Babel locale name)
    digits: str = "native"  # numbers in machine translations: native (၀-၉ for Burmese), latin, keep
    cell_widths: str = "auto"  # how the terminal draws Burmese spacing marks: auto, terminal, grapheme
    mt_workers: int = DEFAULT_MT_WORKERS  # CTranslate2 inter_threads per model; 0: chosen from the cores
    mt_server: str | None = None  # WORKBENCH_MT_SERVER: a LibreTranslate server's base URL; None: local models
    mt_api_key: str | None = field(default=None, repr=False)  # WORKBENCH_MT_API_KEY: sent to that server, never shown
    mt_timeout: float = DEFAULT_MT_TIMEOUT  # seconds to wait for the server's answer to one request


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def load_settings(db_url: str | None = None, data_dir: str | Path | None = None,
                  cell_widths: str | None = None, user: str | None = None) -> Settings:
    """Resolve settings: explicit arguments, then WORKBENCH_* variables, then defaults."""
    env = os.environ
    chosen_dir = data_dir or env.get("WORKBENCH_DATA_DIR") or default_data_dir()
    root = Path(chosen_dir).expanduser()
    url = db_url or env.get("WORKBENCH_DB") or f"sqlite:///{root / 'workbench.db'}"
    login = _login(url, env)
    return Settings(
        data_dir=root,
        db_url=url,
        intra_threads=_intra_threads(env.get("WORKBENCH_INTRA_THREADS")),
        user=recorded_name(_named_user(user, env.get("WORKBENCH_USER")) or login, login),
        login=login,
        ui_locale=ui_locale_from_environment(env),
        digits=_digits(env.get("WORKBENCH_DIGITS")),
        cell_widths=_cell_widths(cell_widths, env.get("WORKBENCH_CELL_WIDTHS")),
        mt_workers=_mt_workers(env.get("WORKBENCH_MT_WORKERS")),
        mt_server=_mt_server(env.get("WORKBENCH_MT_SERVER")),
        mt_api_key=_mt_api_key(env.get("WORKBENCH_MT_API_KEY")),
        mt_timeout=_mt_timeout(env.get("WORKBENCH_MT_TIMEOUT")),
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


def _mt_workers(raw: str | None) -> int:
    """WORKBENCH_MT_WORKERS: how many 1-thread MT workers translate one article; 0: one per core; unset: 1."""
    if raw is None or raw == "":
        return DEFAULT_MT_WORKERS
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if value < 0:
        raise UserError(f"WORKBENCH_MT_WORKERS={raw!r} is not a worker count; set a whole number "
                        "such as 2, or 0 for one per core")
    return value


def _mt_server(raw: str | None) -> str | None:
    """WORKBENCH_MT_SERVER: http(s)://host[:port][/prefix], without credentials, query or fragment."""
    if raw is None or raw.strip() == "":
        return None
    from urllib.parse import urlsplit

    text = refuse_unsafe(raw.strip(), "WORKBENCH_MT_SERVER", "set it to a URL such as http://127.0.0.1:5000")
    hint = "set it to the server's base URL, such as http://127.0.0.1:5000, or unset it to use this machine's models"
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise UserError(f"WORKBENCH_MT_SERVER={text!r} is not a URL; {hint}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UserError(f"WORKBENCH_MT_SERVER={text!r} is not an http:// or https:// URL; {hint}")
    if parts.username or parts.password or parts.query or parts.fragment:  # not echoed: it may hold a password
        raise UserError(f"WORKBENCH_MT_SERVER holds a user, password, query or fragment; {hint} "
                        "(the API key goes in WORKBENCH_MT_API_KEY)")
    return text.rstrip("/")


def _mt_api_key(raw: str | None) -> str | None:
    if raw is None or raw.strip() == "":
        return None
    key = raw.strip()
    if not key.isprintable():  # never echoed: the key is a secret
        raise UserError("WORKBENCH_MT_API_KEY holds a control character or a byte that is not UTF-8; "
                        "set it to the key the server's operator gave you")
    return key


def _mt_timeout(raw: str | None) -> float:
    if raw is None or raw == "":
        return DEFAULT_MT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value < 86400:
        raise UserError(f"WORKBENCH_MT_TIMEOUT={raw!r} is not a number of seconds; set one such as 120")
    return value


DIGIT_STYLES = ("native", "latin", "keep")


def _digits(raw: str | None) -> str:
    if raw is None or raw == "":
        return "native"
    if raw not in DIGIT_STYLES:
        raise UserError(f"WORKBENCH_DIGITS={raw!r} is not a digit style; use native (Myanmar ၀-၉ in Burmese), latin or keep")
    return raw


CELL_WIDTH_MODELS = ("auto", "terminal", "grapheme")


def _cell_widths(option: str | None, variable: str | None) -> str:
    """--cell-widths, else WORKBENCH_CELL_WIDTHS, else auto (ask the terminal at start-up)."""
    where, raw = ("--cell-widths", option) if option is not None else ("WORKBENCH_CELL_WIDTHS", variable)
    if raw is None or raw == "":
        return "auto"
    if raw not in CELL_WIDTH_MODELS:
        raise UserError(f"{where}={raw!r} is not a cell width model; use auto (ask the terminal), "
                        "terminal (tmux, xterm: a cell per spacing mark) or grapheme")
    return raw


def _named_user(option: str | None, variable: str | None) -> str | None:
    """The name --as, else WORKBENCH_USER, gives (None: neither); stored with every edit and
    printed, so a name that is not UTF-8 or holds control characters is refused here, once.
    Whether the login may act under it is for workbench.app.identity to say."""
    if option is not None:
        return _plain_name(option, "--as", "give a plain name")
    if variable:
        return _plain_name(variable, "WORKBENCH_USER", "set it to a plain name, or unset it to act as your login")
    return None


def _login(url: str, env) -> str:
    """Who the connection is made as: on PostgreSQL the URL's user, else libpq's default (PGUSER,
    else the OS login); on SQLite the OS login of the process."""
    login = None
    if url.startswith("postgresql"):
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            login = make_url(url).username or env.get("PGUSER") or None
        except (ArgumentError, ValueError):  # ValueError: a port that is not a number
            login = None  # the bad URL is reported, with its hint, when the database is opened
    return _plain_name(login or _login_name(), "the login name", "log in under a plain name")


def _plain_name(raw: str, where: str, hint: str) -> str:
    name = refuse_unsafe(raw, where, hint)
    if ENTERED_BY in name:  # the recorded form of work entered for someone: never a name itself
        raise UserError(f"{where} {name!r} holds {ENTERED_BY.strip()!r}; {hint}")
    return name


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "translator"
