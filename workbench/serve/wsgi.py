"""The LibreTranslate HTTP API as a WSGI app: decode the request, call the service, encode the answer.

Bodies are JSON or application/x-www-form-urlencoded, as LibreTranslate reads them; answers are
JSON, errors LibreTranslate's {"error": "..."} with its status codes.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from workbench.app.serving import DeskService, ServeError

StartResponse = Callable[..., Any]
REASONS = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
           429: "Too Many Requests", 500: "Internal Server Error"}
# path → the one method it answers
ROUTES = {"/languages": "GET", "/workbench/models": "GET", "/translate": "POST"}


def make_app(service: DeskService) -> Callable[[dict, StartResponse], Iterable[bytes]]:
    def app(environ: dict, start_response: StartResponse) -> Iterable[bytes]:
        try:
            status, payload = 200, _answer(service, environ)
        except ServeError as error:
            status, payload = error.status, {"error": error.message}
        except Exception as error:  # the client gets LibreTranslate's 500; the log gets the rest
            logging.getLogger("workbench.serve").exception("request failed")
            status, payload = 500, {"error": f"Internal error: {type(error).__name__}"}
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        start_response(f"{status} {REASONS.get(status, 'Error')}",
                       [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    return app


def _answer(service: DeskService, environ: dict) -> Any:
    path, method = environ.get("PATH_INFO") or "/", environ.get("REQUEST_METHOD", "GET")
    route = path.rstrip("/") or "/"
    wanted = ROUTES.get(route)
    if wanted is None:
        raise ServeError(404, "Not Found: this server offers GET /languages and POST /translate")
    if method != wanted:
        raise ServeError(405, f"Method Not Allowed: use {wanted} {route}")
    if route == "/languages":
        return service.languages()
    if route == "/workbench/models":
        return service.models()
    fields, from_json = _fields(environ, service.limits.body_bytes)
    return service.translate(fields, from_json)


def _fields(environ: dict, limit: int) -> tuple[dict[str, Any], bool]:
    """The request's fields and whether they came as JSON; a 400 for a body too large or unreadable."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise ServeError(400, "Invalid request: bad Content-Length") from None
    if length > limit:
        raise ServeError(400, f"Invalid request: the body ({length} bytes) exceeds the limit of {limit} bytes")
    raw = environ["wsgi.input"].read(length) if length > 0 else b""
    content_type = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ServeError(400, "Invalid request: the body is not UTF-8") from None
    if content_type == "application/json" or content_type.endswith("+json"):
        try:
            fields = json.loads(text)
        except ValueError:
            raise ServeError(400, "Invalid JSON format") from None
        if not isinstance(fields, dict):
            raise ServeError(400, "Invalid JSON format")
        return fields, True
    if content_type in ("", "application/x-www-form-urlencoded"):
        return {name: values[0] for name, values in parse_qs(text, keep_blank_values=True).items()}, False
    raise ServeError(400, f"Invalid request: send the fields as application/json or "
                          f"application/x-www-form-urlencoded, not {content_type}")
