"""`workbench serve` as a real subprocess on 127.0.0.1 and a free port, and plain-HTTP calls to it."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

START_TIMEOUT = 120  # seconds: opening the workspace and importing the MT stack on a loaded machine


@contextmanager
def running_serve(*args: str, env: dict | None = None) -> Iterator[str]:
    """Start `workbench serve --port 0 ARGS`; yield its base URL once it listens; stop it after."""
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench", "serve", "--host", "127.0.0.1", "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
        env={**os.environ, **(env or {})},
    )
    try:
        yield _wait_for_url(process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_url(process: subprocess.Popen) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.5)
        if ready:
            line = process.stdout.readline()
            found = re.search(r"http://127\.0\.0\.1:\d+", line)
            if found:
                return found.group(0)
        if process.poll() is not None:
            raise AssertionError(f"workbench serve stopped ({process.returncode}): {process.stderr.read() if process.stderr else ''}")
    raise AssertionError("workbench serve did not start listening in time")


def post(url: str, fields: dict[str, Any], as_json: bool = True) -> tuple[int, Any]:
    """POST /translate as a LibreTranslate client does: JSON, or form-encoded; (status, decoded JSON)."""
    if as_json:
        data, kind = json.dumps(fields).encode("utf-8"), "application/json"
    else:
        data, kind = urllib.parse.urlencode(fields).encode("ascii"), "application/x-www-form-urlencoded"
    request = urllib.request.Request(url + "/translate", data=data, headers={"Content-Type": kind}, method="POST")
    return _send(request)


def get(url: str, path: str) -> tuple[int, Any]:
    return _send(urllib.request.Request(url + path))


def _send(request: urllib.request.Request) -> tuple[int, Any]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=120) as response:
            return response.status, json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read().decode("utf-8"))
