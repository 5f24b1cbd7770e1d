"""`workbench models install --index`: against a real HTTP server on 127.0.0.1 serving a fixture index."""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.support.cli_helpers import assert_one_line_error, run_cli


class Route:
    """What the server answers for one path: a body, optionally a false Content-Length or a cut."""

    def __init__(self, body: bytes, declared: int | None = None, send: int | None = None, stall: bool = False,
                 chunked: bool = False):
        self.body, self.declared, self.send, self.stall, self.chunked = body, declared, send, stall, chunked


class FixtureServer:
    def __init__(self):
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        self.release = threading.Event()  # ends a stalled answer when the test is over
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(self.path)
                route = server.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                if route.chunked:  # one chunk announced, half of it sent, then the connection closes
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    self.wfile.write(b"%x\r\n" % len(route.body) + route.body[: len(route.body) // 2])
                    self.close_connection = True
                    return
                self.send_header("Content-Length", str(route.declared if route.declared is not None else len(route.body)))
                self.end_headers()
                if route.stall:  # the headers, then nothing: a server that hangs mid-answer
                    self.wfile.flush()
                    server.release.wait(30)
                    return
                self.wfile.write(route.body[: route.send] if route.send is not None else route.body)
                self.close_connection = True

            def log_message(self, *args):  # keep the test output clean
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def index(self, entries: list[dict]) -> None:
        self.routes["/index.json"] = Route(json.dumps(entries).encode())

    def env(self) -> dict[str, str]:
        return {"WORKBENCH_ARGOS_INDEX": f"{self.url}/index.json", "no_proxy": "127.0.0.1,localhost",
                "NO_PROXY": "127.0.0.1,localhost"}


@pytest.fixture
def server():
    fixture = FixtureServer()
    fixture.thread.start()
    yield fixture
    fixture.release.set()
    fixture.httpd.shutdown()
    fixture.httpd.server_close()


def entry(server: FixtureServer, path: str, to: str = "fr", version: str = "1.0", **extra) -> dict:
    return {"package_version": version, "argos_version": "1.9.0", "from_code": "en", "from_name": "English",
            "to_code": to, "to_name": "French", "type": "translate", "links": [f"{server.url}{path}"], **extra}


def models_folder(data_dir: Path) -> list[str]:
    folder = data_dir / "models"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_install_from_index_downloads_the_newest_version_with_progress(server, model_files, data_dir):
    body = model_files["fr"].read_bytes()
    server.routes["/en_fr.argosmodel"] = Route(body)
    server.index([entry(server, "/old.argosmodel", version="0.9"),
                  entry(server, "/en_fr.argosmodel", version="1.0", sha256=hashlib.sha256(body).hexdigest()),
                  entry(server, "/de.argosmodel", to="de")])
    result = run_cli("models", "install", "--index", "en:fr", env=server.env())
    assert result.returncode == 0, result.stderr
    assert "installed translate-en_fr-1_0: en→fr" in result.stdout
    assert "download en→fr (KiB) [" in result.stderr and "downloaded" in result.stderr
    assert server.requests == ["/index.json", "/en_fr.argosmodel"]
    assert models_folder(data_dir) == ["translate-en_fr-1_0"]  # no temporary download left
    assert "English → French — français" in run_cli("models", "list").stdout


@pytest.mark.parametrize("pair, message", [
    ("en:ja", "has no en→ja package; from en it offers: de, fr"),
    ("en:my", "no Burmese package"),
])
def test_a_pair_the_index_lacks_is_one_clear_line(server, data_dir, pair, message):
    server.index([entry(server, "/fr.argosmodel"), entry(server, "/de.argosmodel", to="de")])
    result = run_cli("models", "install", "--index", pair, env=server.env())
    assert_one_line_error(result, message)
    if pair == "en:my":
        assert "workbench models pack" in result.stderr
    assert server.requests == ["/index.json"] and models_folder(data_dir) == []


def bad_downloads(body: bytes) -> dict[str, tuple[Route | None, dict, str]]:
    digest = hashlib.sha256(body).hexdigest()
    return {
        "truncated": (Route(body, send=len(body) // 2), {}, "stopped after"),
        "index size differs": (Route(body), {"size": len(body) - 10}, "the index says"),
        "checksum differs": (Route(body), {"sha256": digest[::-1]}, "SHA-256"),
        "declares too much": (Route(b"", declared=9 * 1024**3, send=0), {}, "over the 4 GiB limit"),
        "not a package": (Route(b"<html>not found</html>"), {}, "not a zip archive"),
        "missing on the server": (None, {}, "HTTP 404"),
    }


@pytest.mark.parametrize("case", ["truncated", "index size differs", "checksum differs", "declares too much",
                                  "not a package", "missing on the server"])
def test_a_bad_download_is_refused_and_nothing_is_left(case, server, model_files, data_dir):
    route, extra, message = bad_downloads(model_files["fr"].read_bytes())[case]
    if route is not None:
        server.routes["/en_fr.argosmodel"] = route
    server.index([entry(server, "/en_fr.argosmodel", **extra)])
    result = run_cli("models", "install", "--index", "en:fr", env=server.env())
    assert_one_line_error(result, message)
    assert models_folder(data_dir) == []


def test_a_package_for_another_pair_is_refused(server, model_files, data_dir):
    server.routes["/en_fr.argosmodel"] = Route(model_files["my"].read_bytes())
    server.index([entry(server, "/en_fr.argosmodel")])
    result = run_cli("models", "install", "--index", "en:fr", env=server.env())
    assert_one_line_error(result, "translates en→my, not the en→fr", f"{server.url}/en_fr.argosmodel")
    assert models_folder(data_dir) == []


def test_an_installed_package_is_replaced_from_the_index_only_with_replace(server, model_files, data_dir):
    server.routes["/en_fr.argosmodel"] = Route(model_files["fr"].read_bytes())
    server.index([entry(server, "/en_fr.argosmodel")])
    assert run_cli("models", "install", str(model_files["fr"])).returncode == 0
    again = run_cli("models", "install", "--index", "en:fr", env=server.env())
    assert_one_line_error(again, "translate-en_fr-1_0 (en→fr version 1.0) is already installed", "--replace",
                          f"{server.url}/en_fr.argosmodel")
    assert models_folder(data_dir) == ["translate-en_fr-1_0"]  # the download is gone too
    replaced = run_cli("models", "install", "--index", "en:fr", "--replace", env=server.env())
    assert replaced.returncode == 0, replaced.stderr
    assert "installed translate-en_fr-1_0: en→fr" in replaced.stdout
    assert models_folder(data_dir) == ["translate-en_fr-1_0"]


def test_unreachable_index_is_one_line(data_dir):
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_cli("models", "install", "--index", "en:fr",
                     env={"WORKBENCH_ARGOS_INDEX": f"http://127.0.0.1:{port}/index.json", "no_proxy": "127.0.0.1"})
    assert_one_line_error(result, "cannot reach the Argos package index", f"127.0.0.1:{port}")
    assert models_folder(data_dir) == []


@pytest.mark.parametrize("args, message", [
    (["en-fr"], "write it as FROM:TO"),
    (["en:zz-notalang"], "unknown language code"),
])
def test_a_bad_pair_is_refused_before_any_request(server, args, message):
    server.index([])
    result = run_cli("models", "install", "--index", *args, env=server.env())
    assert_one_line_error(result, message)
    assert server.requests == []


def test_install_needs_a_file_or_index_not_both(server, model_files):
    assert_one_line_error(run_cli("models", "install"), "either FILE.argosmodel or --index")
    both = run_cli("models", "install", str(model_files["fr"]), "--index", "en:fr", env=server.env())
    assert_one_line_error(both, "not both")
    assert server.requests == []


def test_only_the_index_the_mt_client_and_the_server_hold_network_code():
    """The product connects out in two places only, the model index (a user command that says so)
    and the MT server client (a server the user configured); it listens in one, `workbench serve`."""
    import re

    import workbench

    root = Path(workbench.__file__).parent
    network_import = re.compile(r"^\s*(?:import|from)\s+(?:urllib\.request|urllib\.error|http\.client|socket|requests"
                                r"|waitress|httpx|aiohttp)\b", re.M)
    networking = sorted(str(path.relative_to(root)) for path in root.rglob("*.py")
                        if network_import.search(path.read_text(encoding="utf-8")))
    assert networking == ["mt/http_client.py", "mt/index.py", "serve/runner.py"]


NO_NETWORK_MAIN = (
    "import socket, sys\n"
    "def refuse(*a, **k):\n    raise RuntimeError('network access attempted')\n"
    "socket.socket.connect = socket.socket.connect_ex = socket.create_connection = refuse\n"
    "from workbench.cli.main import main\nsys.exit(main(sys.argv[1:]))\n"
)


def test_offline_model_commands_never_connect(model_files, data_dir):
    import subprocess
    import sys

    for args in (["models", "install", str(model_files["fr"])], ["models", "list"],
                 ["models", "remove", "translate-en_fr-1_0"]):
        done = subprocess.run([sys.executable, "-c", NO_NETWORK_MAIN, *args], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr


def test_a_server_that_stalls_mid_answer_is_one_line_after_the_timeout(server, model_files, data_dir):
    import time

    server.routes["/en_fr.argosmodel"] = Route(model_files["fr"].read_bytes(), stall=True)
    server.index([entry(server, "/en_fr.argosmodel")])
    started = time.monotonic()
    result = run_cli("models", "install", "--index", "en:fr", env={**server.env(), "WORKBENCH_DOWNLOAD_TIMEOUT": "0.5"})
    assert_one_line_error(result, "broke off after 0 bytes (no data for 0.5 s)")
    assert time.monotonic() - started < 20
    assert models_folder(data_dir) == []


@pytest.mark.parametrize("route, message", [
    (Route(b"[]", stall=True), "(no data for 0.5 s)"),
    (Route(b"[]" + b" " * 50, declared=5000), "(the connection closed after 52 of 5000 bytes)"),
    (Route(b"[]" * 40, chunked=True), "(the connection closed after 0 bytes)"),
])
def test_an_index_that_stalls_or_breaks_off_is_one_line(server, data_dir, route, message):
    server.routes["/index.json"] = route
    result = run_cli("models", "install", "--index", "en:fr", env={**server.env(), "WORKBENCH_DOWNLOAD_TIMEOUT": "0.5"})
    assert_one_line_error(result, "reading the Argos package index from", "broke off", message)
    assert models_folder(data_dir) == []


def test_the_index_can_be_a_plain_file_path_of_a_private_mirror(model_files, data_dir, tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    shutil.copy(model_files["fr"], mirror / "en_fr.argosmodel")
    (mirror / "index.json").write_text(json.dumps([{
        "package_version": "1.0", "from_code": "en", "to_code": "fr", "type": "translate",
        "links": [(mirror / "en_fr.argosmodel").as_uri()]}]))
    result = run_cli("models", "install", "--index", "en:fr", env={"WORKBENCH_ARGOS_INDEX": str(mirror / "index.json")})
    assert result.returncode == 0, result.stderr
    assert "installed translate-en_fr-1_0: en→fr" in result.stdout
    assert models_folder(data_dir) == ["translate-en_fr-1_0"]


@pytest.mark.parametrize("variable, value, message", [
    ("WORKBENCH_ARGOS_INDEX", "/tmp/nonexistent-workbench-index.json",
     "WORKBENCH_ARGOS_INDEX=/tmp/nonexistent-workbench-index.json: no such file"),
    ("WORKBENCH_ARGOS_INDEX", "gopher://127.0.0.1/index.json", "cannot reach the Argos package index"),
    ("WORKBENCH_DOWNLOAD_TIMEOUT", "soon", "WORKBENCH_DOWNLOAD_TIMEOUT=soon is not a number of seconds"),
])
def test_a_bad_index_setting_is_one_line(variable, value, message, data_dir):
    result = run_cli("models", "install", "--index", "en:fr", env={variable: value, "no_proxy": "127.0.0.1"})
    assert_one_line_error(result, message)
    assert models_folder(data_dir) == []
