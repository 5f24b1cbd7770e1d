"""A real LibreTranslate server for the tests, started from its own venv, offline, removed after.

LibreTranslate pins numpy<2, so it lives in `.venv-libretranslate` (tests/support/
make_libretranslate_venv.sh, called by .ci/run, installs libretranslate-requirements.lock).
It translates with the tests' tiny real Argos packages (conftest `model_files`), unzipped into
a packages folder of its own as argostranslate installs them, each with a tiny real MiniSBD
model (minisbd_model.py) at `minisbd/<from>.onnx`. Nothing may reach the network:
- two packages are installed, so LibreTranslate does not fetch the package index at start, and
  model updates stay off (no --update-models; LT_* variables from the caller are dropped);
- every package carries its sentence-boundary model, so no request downloads one;
- HOME and the XDG folders are empty temporary folders, ORT_DISABLE_TELEMETRY=1;
- libretranslate_offline.py refuses, and logs, any connection beyond loopback; `stop()` fails
  when the log is not empty.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.support.postgres_server import _free_port

ROOT = Path(__file__).resolve().parents[2]
SUPPORT = Path(__file__).resolve().parent
VENV_VARIABLE = "WORKBENCH_TEST_LIBRETRANSLATE_VENV"  # the venv to use instead of .venv-libretranslate
NETWORK_LOG_VARIABLE = "WORKBENCH_TEST_NETWORK_LOG"  # as in libretranslate_offline.py
API_KEY = "workbench-test-key"
START_TIMEOUT_S = 120.0  # about 1.3 s on the idle machine; a loaded CI run can take far longer


def find_venv() -> Path | None:
    """LibreTranslate's venv when it is complete (its stamp is written last), else None."""
    venv = Path(os.environ.get(VENV_VARIABLE) or ROOT / ".venv-libretranslate")
    complete = (venv / ".installed").is_file() and (venv / "bin" / "libretranslate").is_file()
    return venv if complete else None


def install_packages(venv: Path, archives: Iterable[Path], packages_dir: Path) -> list[str]:
    """Unzip each .argosmodel into packages_dir and add its MiniSBD model; the language codes."""
    packages_dir.mkdir(parents=True, exist_ok=True)
    codes: list[str] = []
    sbd_models: dict[str, Path] = {}  # one build per source language
    for archive in archives:
        with zipfile.ZipFile(archive) as package:
            package.extractall(packages_dir)
            folder = packages_dir / package.namelist()[0].split("/")[0]
        metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
        source = metadata["from_code"]
        sbd_file = folder / "minisbd" / f"{source}.onnx"
        sbd_file.parent.mkdir(exist_ok=True)
        if source in sbd_models:
            shutil.copyfile(sbd_models[source], sbd_file)
        else:
            subprocess.run([str(venv / "bin" / "python"), str(SUPPORT / "minisbd_model.py"), str(sbd_file), source],
                           check=True, capture_output=True, text=True)
            sbd_models[source] = sbd_file
        codes += [code for code in (source, metadata["to_code"]) if code not in codes]
    return codes


@dataclass
class LibreTranslateServer:
    """One running server: `url` without a trailing slash; `api_key` when keys are required."""

    url: str
    api_key: str | None
    languages: list[str]
    process: subprocess.Popen
    log_file: Path
    network_log: Path
    start_seconds: float

    def log(self) -> str:
        return self.log_file.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        """Stop the server and remove its folder; fail if it tried to reach the network at any point."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        attempts = self.network_log.read_text(encoding="utf-8") if self.network_log.exists() else ""
        shutil.rmtree(self.log_file.parent, ignore_errors=True)
        if attempts:
            raise AssertionError(f"LibreTranslate tried to reach the network:\n{attempts}")


def _environment(root: Path, packages_dir: Path) -> dict[str, str]:
    inherited = {name: value for name, value in os.environ.items()
                 if not name.startswith(("LT_", "ARGOS_", "XDG_", "WORKBENCH_"))}
    home = root / "home"
    return {**inherited, "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"), "XDG_CACHE_HOME": str(home / "cache"),
            "ARGOS_PACKAGES_DIR": str(packages_dir), "ARGOS_DEVICE_TYPE": "cpu",
            "ORT_DISABLE_TELEMETRY": "1", "PYTHONUNBUFFERED": "1", "LANG": "C.UTF-8",
            NETWORK_LOG_VARIABLE: str(root / "network.log")}


def _add_api_key(venv: Path, database: Path, env: dict[str, str]) -> None:
    """Create LibreTranslate's key database holding API_KEY, with its own code (offline)."""
    code = ("import sys; from libretranslate.api_keys import Database; "
            "Database(sys.argv[1]).add(10000, sys.argv[2])")
    subprocess.run([str(venv / "bin" / "python"), "-c", code, str(database), API_KEY],
                   check=True, capture_output=True, text=True, env=env, cwd=database.parent)


def _stop_and_fail(process: subprocess.Popen, why: str, log_file: Path) -> RuntimeError:
    process.kill()
    process.wait()
    return RuntimeError(f"{why}; its output:\n{log_file.read_text(errors='replace')[-4000:]}")


def _wait_until_ready(process: subprocess.Popen, url: str, log_file: Path, network_log: Path,
                      timeout: float) -> None:
    """Poll GET /languages until it answers; fail at once if the server exits or reaches out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if network_log.exists() and network_log.stat().st_size:
            raise _stop_and_fail(process, "LibreTranslate tried to reach the network while starting:\n"
                                 + network_log.read_text(encoding="utf-8").splitlines()[0], log_file)
        if process.poll() is not None:
            raise _stop_and_fail(process, f"LibreTranslate exited with {process.returncode} before it was ready",
                                 log_file)
        try:
            with urllib.request.urlopen(url + "/languages", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise _stop_and_fail(process, f"LibreTranslate did not answer GET {url}/languages within {timeout:.0f} s",
                         log_file)


def start_server(venv: Path, archives: Iterable[Path], *, require_api_key: bool = False,
                 timeout: float = START_TIMEOUT_S) -> LibreTranslateServer:
    """Install the packages in a fresh folder and start LibreTranslate on a free loopback port."""
    root = Path(tempfile.mkdtemp(prefix="workbench-libretranslate-"))
    try:
        return _start_in(root, venv, archives, require_api_key, timeout)
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise


def _start_in(root: Path, venv: Path, archives: Iterable[Path], require_api_key: bool,
              timeout: float) -> LibreTranslateServer:
    packages_dir = root / "packages"
    languages = install_packages(venv, archives, packages_dir)
    env = _environment(root, packages_dir)
    options = ["--load-only", ",".join(languages), "--disable-web-ui", "--disable-files-translation"]
    if require_api_key:
        database = root / "api_keys.db"
        _add_api_key(venv, database, env)
        options += ["--api-keys", "--api-keys-db-path", str(database), "--under-attack"]
    url = f"http://127.0.0.1:{_free_port()}"
    log_file, network_log = root / "server.log", root / "network.log"
    started = time.monotonic()
    with open(log_file, "wb") as log:
        process = subprocess.Popen(
            [str(venv / "bin" / "python"), str(SUPPORT / "libretranslate_offline.py"),
             "--host", "127.0.0.1", "--port", url.rsplit(":", 1)[1], *options],
            env=env, cwd=root, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    _wait_until_ready(process, url, log_file, network_log, timeout)
    return LibreTranslateServer(url, API_KEY if require_api_key else None, languages, process,
                                log_file, network_log, time.monotonic() - started)


@contextlib.contextmanager
def running_server(venv: Path, archives: Iterable[Path], *,
                   require_api_key: bool = False) -> Iterator[LibreTranslateServer]:
    server = start_server(venv, archives, require_api_key=require_api_key)
    try:
        yield server
    finally:
        server.stop()

