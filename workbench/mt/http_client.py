"""JSON over HTTP to one MT server, with timeouts and bounded retries (standard library only).

Nothing but the configured base URL is contacted: proxy variables are ignored and a redirect is
refused, so the text of an article can only go where the user pointed WORKBENCH_MT_SERVER.
"""

from __future__ import annotations

import http.client
import json
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from workbench import __version__
from workbench.errors import UserError

# Worth retrying: the server is starting, overloaded or behind a restarting proxy.
RETRY_STATUSES = frozenset({429, 502, 503, 504})
DEFAULT_ATTEMPTS = 3
BACKOFF_SECONDS = 0.5  # doubled after each failed attempt: 0.5 s, 1 s
MAX_ANSWER_BYTES = 64 * 1024 * 1024
# A look-up (GET /languages) is small: no need to wait as long as for a batch of MT. The TUI
# makes it on opening an article, so a server that hangs must not hold the screen for minutes.
LOOKUP_TIMEOUT = 10.0
LOOKUP_ATTEMPTS = 2


class ServerUnreachable(UserError):
    """The server could not be reached (or kept failing) after every attempt."""


@dataclass(frozen=True)
class ServerAnswer:
    status: int
    payload: Any  # the decoded JSON body (None if it was not JSON)

    @property
    def error(self) -> str:
        """LibreTranslate's {"error": "..."} text, first line, shortened; "" when absent."""
        text = self.payload.get("error") if isinstance(self.payload, dict) else None
        return str(text).splitlines()[0][:200] if text else ""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise urllib.error.HTTPError(req.full_url, code, f"redirected to {newurl}; set the final address instead",
                                     headers, fp)


class ServerConnection:
    """A server's base URL (``http://host:port`` or with a path prefix) and how patiently to talk to it."""

    def __init__(self, base_url: str, timeout: float = 120.0, attempts: int = DEFAULT_ATTEMPTS,
                 backoff: float = BACKOFF_SECONDS):
        self.base_url = base_url.rstrip("/")
        self.timeout, self.attempts, self.backoff = timeout, max(1, attempts), backoff
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirects())

    def get_json(self, path: str, attempts: int = LOOKUP_ATTEMPTS, expect_missing: bool = False) -> Any:
        """The JSON a GET answers with; UserError for anything but a 200 with JSON."""
        request = urllib.request.Request(self.base_url + path, headers=self._headers())
        answer = self._request(request, attempts, min(self.timeout, LOOKUP_TIMEOUT))
        if answer.status != 200 or answer.payload is None:
            if expect_missing:
                raise UserError(f"{self.base_url}{path}: HTTP {answer.status}")
            reason = answer.error or f"HTTP {answer.status}"
            raise UserError(f"the MT server {self.base_url} answered GET {path} with {reason}; "
                            "check WORKBENCH_MT_SERVER (the server's base URL, e.g. http://127.0.0.1:5000)")
        return answer.payload

    def post_json(self, path: str, body: dict) -> ServerAnswer:
        """POST `body` as JSON; the answer whatever its status (retried only while worth it)."""
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {**self._headers(), "Content-Type": "application/json"}
        request = urllib.request.Request(self.base_url + path, data=data, headers=headers, method="POST")
        return self._request(request, self.attempts, self.timeout)

    @staticmethod
    def _headers() -> dict[str, str]:
        return {"Accept": "application/json", "User-Agent": f"workbench/{__version__}"}

    def _request(self, request: urllib.request.Request, attempts: int, timeout: float) -> ServerAnswer:
        tries = max(1, attempts)
        for attempt in range(tries):
            last = attempt == tries - 1
            try:
                answer = self._once(request, timeout)
            except (OSError, http.client.HTTPException) as error:  # refused, reset, timed out, name not found
                if last:
                    raise ServerUnreachable(self._unreachable(error, tries, timeout)) from None
                time.sleep(self.backoff * 2 ** attempt)
                continue
            if answer.status not in RETRY_STATUSES or last:
                return answer
            time.sleep(self.backoff * 2 ** attempt)
        raise AssertionError("unreachable")  # the loop returns or raises on its last attempt

    def _once(self, request: urllib.request.Request, timeout: float) -> ServerAnswer:
        try:
            response = self._opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as error:
            if 300 <= error.code < 400:
                raise UserError(f"the MT server {self.base_url} {error.reason}") from None
            with error:
                return ServerAnswer(error.code, _json_or_none(error.read(MAX_ANSWER_BYTES)))
        with response:
            return ServerAnswer(response.status, _json_or_none(response.read(MAX_ANSWER_BYTES)))

    def _unreachable(self, error: Exception, tries: int, timeout: float) -> str:
        reason = getattr(error, "reason", None) or error
        if isinstance(reason, socket.timeout | TimeoutError):
            reason = f"no answer within {timeout:g} s"
        elif isinstance(reason, OSError) and reason.strerror:
            reason = reason.strerror
        return (f"cannot reach the MT server {self.base_url} ({reason}) after {tries} attempt(s); check that it "
                "is running and WORKBENCH_MT_SERVER, or unset WORKBENCH_MT_SERVER to translate with this machine's models")


def _json_or_none(body: bytes) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
