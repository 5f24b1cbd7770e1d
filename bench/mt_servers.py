"""MT through servers (issue 14), run by ``bench/mt.py --servers-only``.

The seed segments are translated with the benchmark's en→my package three ways, each timed
best-of ``--repeats``: in process (the workspace's own engine, as `workbench translate` uses it),
through the workbench's LibreTranslate client (`WORKBENCH_MT_SERVER`) against a real
LibreTranslate 1.9.6 on 127.0.0.1 (its venv from tests/support/make_libretranslate_venv.sh;
skipped, and said, without it), and through the same client against `workbench serve`. Then
`workbench serve` answers single-sentence requests from 1 client and from 8 concurrent clients.

Every round prefixes the sentences with its own tag ("R3 …") so that no server answers from a
cache; all ways get the same texts. Nothing but 127.0.0.1 may be connected to (``mt.py`` calls
``forbid_network(allow_loopback=True)``).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
def _tagged(texts: list[str], tag: str) -> list[str]:
    return [f"{tag} {text}" for text in texts]


def _best(way: Callable[[list[str]], object], texts: list[str], name: str, repeats: int) -> float:
    way(_tagged(texts, f"W{name}"))  # warm-up: models loaded, connections made
    times = []
    for round_number in range(repeats):
        started = time.perf_counter()
        way(_tagged(texts, f"R{round_number}{name}"))
        times.append(time.perf_counter() - started)
    return min(times)


def _start_serve(data_dir: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "WORKBENCH_DATA_DIR": str(data_dir)}
    process = subprocess.Popen([sys.executable, "-m", "workbench", "serve", "--port", str(port)], cwd=ROOT, env=env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"workbench serve exited: {process.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/languages", timeout=2):
                return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("workbench serve did not answer within 120 s")


def _post(url: str, text: str) -> str:
    body = json.dumps({"q": text, "source": "en", "target": "my", "format": "text"}).encode()
    request = urllib.request.Request(url + "/translate", body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=300) as response:
        return json.loads(response.read())["translatedText"]


def _clients_rate(url: str, texts: list[str], clients: int, tag: str) -> float:
    """Sentences per second answered when `clients` send one sentence per request at once."""
    tagged = _tagged(texts, tag)
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(lambda text: _post(url, text), tagged))
    return len(tagged) / (time.perf_counter() - started)


def _client(url: str):
    from workbench.mt.http_client import ServerConnection
    from workbench.mt.libretranslate import LibreTranslateEngine

    engine = LibreTranslateEngine(ServerConnection(url))
    return lambda texts: engine.translate(texts, "en", "my")


def _libretranslate_time(tmp: Path, archive: Path, texts: list[str], repeats: int) -> tuple[float | None, str]:
    """The client against a real LibreTranslate on the same package (plus a tiny en→fr: it wants two)."""
    sys.path.insert(0, str(ROOT))
    from tests.support.libretranslate_server import find_venv, running_server
    from workbench.testing.synthetic import build_argos_package

    venv = find_venv()
    if venv is None:
        return None, "no .venv-libretranslate (tests/support/make_libretranslate_venv.sh creates it)"
    seed = "\n".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt")))
    second = build_argos_package(tmp / "translate-en_fr.argosmodel", seed, from_code="en", to_code="fr",
                                 from_name="English", to_name="French", seed=1)
    with running_server(venv, [archive, second]) as server:
        return _best(_client(server.url), texts, "lt", repeats), f"LibreTranslate ready in {server.start_seconds:.1f} s"


def run_servers(tmp: Path, data_dir: Path, archive: Path, texts: list[str], repeats: int) -> dict:
    """The figures of the module doc, printed and returned for the JSON line."""
    from workbench.app.config import load_settings
    from workbench.app.workspace import open_workspace

    workspace = open_workspace(load_settings())
    try:
        in_process = _best(lambda batch: workspace.engine.translate(batch, "en", "my"), texts, "ip", repeats)
    finally:
        workspace.close()
    libretranslate, lt_note = _libretranslate_time(tmp, archive, texts, repeats)
    process, url = _start_serve(data_dir)
    try:
        served = _best(_client(url), texts, "ws", repeats)
        _clients_rate(url, texts[:8], 8, "warm")
        one = _clients_rate(url, texts, 1, "one")
        eight = _clients_rate(url, texts, 8, "eight")
    finally:
        process.terminate()
        process.wait(timeout=30)
    figures = {"segments": len(texts), "in_process_s": round(in_process, 2),
               "libretranslate_client_s": None if libretranslate is None else round(libretranslate, 2),
               "ratio_libretranslate_vs_in_process": None if libretranslate is None else round(libretranslate / in_process, 2),
               "serve_client_s": round(served, 2), "ratio_serve_vs_in_process": round(served / in_process, 2),
               "serve_1_client_sentences_per_s": round(one, 1), "serve_8_clients_sentences_per_s": round(eight, 1),
               "ratio_8_vs_1_clients": round(eight / one, 2), "loadavg": os.getloadavg()[0]}
    print(f"in process {in_process:.2f} s; through a real LibreTranslate "
          f"{'-' if libretranslate is None else f'{libretranslate:.2f} s'} ({lt_note}); through workbench serve "
          f"{served:.2f} s; serve with 1 client {one:.1f} sentences/s, with 8 clients {eight:.1f} sentences/s")
    return figures
