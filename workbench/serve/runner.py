"""Run the WSGI app with waitress, a production WSGI server (pure Python, threads, no dependencies)."""

from __future__ import annotations

from typing import Any

from workbench.app.serving import DeskService
from workbench.app.serving_limits import DEFAULT_THREADS
from workbench.serve.wsgi import make_app


def listening_server(service: DeskService, host: str, port: int, threads: int = DEFAULT_THREADS) -> Any:
    """A waitress server bound to host:port (0: a free port); OSError if it cannot listen there."""
    from waitress import create_server

    return create_server(
        make_app(service), host=host, port=port, threads=threads, ident="workbench",
        # waitress's own ceiling (it answers 413 past it); the app refuses with a 400 from body_bytes on
        max_request_body_size=service.limits.body_bytes * 4, clear_untrusted_proxy_headers=True,
    )


def server_url(server: Any, host: str, port: int) -> str:
    """http://host:port as bound (the port chosen when 0 was asked)."""
    host = getattr(server, "effective_host", host)
    port = getattr(server, "effective_port", port)
    if ":" in str(host):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def serve_until_stopped(server: Any) -> None:
    """Answer requests until Ctrl+C or SIGTERM (waitress ends its loop on KeyboardInterrupt), then close."""
    try:
        server.run()
    finally:
        server.close()
