"""Shared fixtures: an isolated workspace per test, and tiny real MT packages built offline."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


KINDS = ("unit", "cli", "tui", "terminal")


def pytest_collection_modifyitems(config, items) -> None:
    """Each test is marked by its folder (tests/unit, cli, tui, terminal), so `-m tui` runs one kind."""
    for item in items:
        kind = Path(str(item.fspath)).relative_to(ROOT / "tests").parts[0]
        if kind in KINDS:
            item.add_marker(getattr(pytest.mark, kind))


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path, monkeypatch):
    """No test touches the user's real workspace, home or settings."""
    for name in ("WORKBENCH_DB", "WORKBENCH_USER", "WORKBENCH_INTRA_THREADS", "WORKBENCH_MT_WORKERS", "WORKBENCH_SEEDS_DIR",
                 "WORKBENCH_UI_LOCALE", "WORKBENCH_DIGITS", "WORKBENCH_CELL_WIDTHS", "LC_ALL", "LC_MESSAGES",
                 "WORKBENCH_MT_SERVER", "WORKBENCH_MT_API_KEY", "WORKBENCH_MT_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")  # UI dates in English unless a test asks for a locale
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "workspace"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return Path(os.environ["WORKBENCH_DATA_DIR"])


@pytest.fixture(scope="session")
def seed_text() -> str:
    return "\n\n".join(path.read_text(encoding="utf-8") for path in SEEDS)


@pytest.fixture(scope="session")
def model_files(tmp_path_factory, seed_text) -> dict[str, Path]:
    """Two tiny real Argos packages: en→my NLLB-style (prefix tokens) and en→fr plain."""
    from workbench.testing.synthetic import build_argos_package

    folder = tmp_path_factory.mktemp("models")
    return {
        "my": build_argos_package(
            folder / "translate-en_my.argosmodel", seed_text, from_code="en", to_code="my",
            from_name="English", to_name="Burmese", source_prefix="eng_Latn", target_prefix="mya_Mymr",
        ),
        "fr": build_argos_package(
            folder / "translate-en_fr.argosmodel", seed_text, from_code="en", to_code="fr",
            from_name="English", to_name="French", seed=1,
        ),
    }


@pytest.fixture
def settings(data_dir):
    from workbench.app.config import load_settings

    return load_settings()


@pytest.fixture
def workspace(settings):
    from workbench.app.workspace import open_workspace

    opened = open_workspace(settings)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def _installed_once(tmp_path_factory, model_files) -> Path:
    """Both packages installed once through the real install path (archive checks, load check)."""
    from workbench.mt.packages import install_package

    folder = tmp_path_factory.mktemp("installed")
    for path in model_files.values():
        install_package(path, folder)
    return folder


@pytest.fixture
def installed_models(data_dir, _installed_once) -> Path:
    """Both packages in this test's workspace: a copy of the session's real install."""
    import shutil

    from workbench.mt.packages import models_dir

    shutil.copytree(models_dir(_installed_once), models_dir(data_dir), symlinks=True)
    return data_dir


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for the session (tests/support/postgres_server.py), removed after.

    Without the server binaries the PostgreSQL tests are skipped, except on CI (CI=true), where
    they fail: CI installs the `postgresql` package (.ci/run) and must never skip them silently."""
    from tests.support.postgres_server import find_bindir, running_server

    bindir = find_bindir()
    if bindir is None:
        reason = ("PostgreSQL server binaries (initdb, pg_ctl) not found; install Debian's `postgresql` "
                  "package (apt-get install postgresql) to run the tests against PostgreSQL")
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    with running_server(bindir) as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server) -> Iterator[str]:
    """A new, empty PostgreSQL database for this test: its postgresql+psycopg:// URL."""
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """The database URL of a storage test: the test runs once on a SQLite file, once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'workbench.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def each_backend(store_url, monkeypatch) -> str:
    """The test's workspace (the `workspace` and `settings` fixtures, and processes it starts) on
    each backend: the default SQLite file, then a PostgreSQL database through WORKBENCH_DB."""
    if store_url.startswith("postgresql"):
        monkeypatch.setenv("WORKBENCH_DB", store_url)
    return store_url


def _libretranslate(model_files, *, require_api_key: bool):
    """A real LibreTranslate server on the session's packages (tests/support/libretranslate_server.py).

    Without its venv (.venv-libretranslate) the tests are skipped, except on CI (CI=true), where they
    fail: .ci/run creates the venv (tests/support/make_libretranslate_venv.sh) and must never skip them."""
    from tests.support.libretranslate_server import find_venv, running_server

    venv = find_venv()
    if venv is None:
        reason = ("LibreTranslate's virtual environment (.venv-libretranslate) not found; create it with "
                  "tests/support/make_libretranslate_venv.sh to run the tests against a real LibreTranslate")
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return running_server(venv, model_files.values(), require_api_key=require_api_key)


@pytest.fixture(scope="session")
def libretranslate_server(model_files):
    """A running LibreTranslate (its `url`, `languages`), offline, stopped after the session."""
    with _libretranslate(model_files, require_api_key=False) as server:
        yield server


@pytest.fixture(scope="session")
def libretranslate_server_with_keys(model_files):
    """The same, requiring an API key (`api_key` is the valid one)."""
    with _libretranslate(model_files, require_api_key=True) as server:
        yield server
