"""A throwaway PostgreSQL server for the tests: started from the system's binaries, removed after.

Debian's `postgresql` package puts `initdb` and `pg_ctl` in /usr/lib/postgresql/<version>/bin.
PostgreSQL refuses to run as root, so as root both run as the `postgres` user, on a data folder
and a socket folder that user owns. The server listens on a free port on 127.0.0.1 only, trusts
local connections (nothing else can reach it) and skips fsync: a test database needs no
durability across a power cut, and start-up and CREATE DATABASE are much faster without it.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

SUPERUSER = "postgres"
TEMPLATE = "workbench_template"  # empty; every test database is a copy of it
BINDIR_VARIABLE = "WORKBENCH_TEST_PG_BINDIR"  # the server binaries to use instead of the installed ones


def find_bindir() -> Path | None:
    """The folder holding initdb and pg_ctl: BINDIR_VARIABLE's when set (else none), then PATH's,
    then Debian's versioned folders, newest first."""
    chosen = os.environ.get(BINDIR_VARIABLE)
    if chosen is not None:
        folder = Path(chosen)
        return folder if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file() else None
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda path: int(Path(path).parent.parent.name) if Path(path).parent.parent.name.isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """One running server; `create_database()` gives each test its own empty database."""

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="workbench-pg-"))
        self.data = self.root / "data"
        self.sockets = self.root / "sockets"
        self.port = 0
        self._names = itertools.count(1)
        self._as_user = os.geteuid() == 0  # root: run the server as `postgres`
        self.sockets.mkdir()
        if self._as_user:
            owner = pwd.getpwnam(SUPERUSER)
            for folder in (self.root, self.sockets):
                os.chown(folder, owner.pw_uid, owner.pw_gid)

    def _run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        user = SUPERUSER if self._as_user else None
        return subprocess.run(command, user=user, check=check, capture_output=True, text=True,
                              cwd=self.root, env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})

    def start(self) -> None:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        for attempt in range(3):  # a free port may be taken between the probe and the start
            self.port = _free_port()
            options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} -k {self.sockets} "
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100")
            started = self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options, "-w",
                                "-l", str(self.root / "server.log"), "start", check=False)
            if started.returncode == 0:
                break
            if attempt == 2:
                log = (self.root / "server.log").read_text(encoding="utf-8", errors="replace")
                raise RuntimeError(f"PostgreSQL did not start: {started.stderr}\n{log}")
        self._admin(f"CREATE DATABASE {TEMPLATE} TEMPLATE template0 ENCODING 'UTF8'")

    def stop(self) -> None:
        if self.data.exists():
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database (a copy of the empty template); its SQLAlchemy URL."""
        name = f"test_{os.getpid()}_{next(self._names)}"
        self._admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(sql.encode())  # our own fixed statements (psycopg takes str only as a literal)


@contextlib.contextmanager
def running_server(bindir: Path) -> Iterator[PostgresServer]:
    server = PostgresServer(bindir)
    try:
        server.start()
        yield server
    finally:
        server.stop()
