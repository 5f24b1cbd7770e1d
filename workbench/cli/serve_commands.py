"""`workbench serve`: the LibreTranslate API over this machine's models and the desk's glossary."""

from __future__ import annotations

import argparse
import ipaddress
import signal
import sys
from pathlib import Path

from workbench.app.config import Settings
from workbench.errors import UserError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 5000  # LibreTranslate's


def add_serve_parser(commands) -> None:
    from workbench.app.serving_limits import DEFAULT_BATCH_LIMIT, DEFAULT_CHAR_LIMIT, DEFAULT_THREADS

    serve = commands.add_parser(
        "serve", help="offer the LibreTranslate API (with the desk's glossary) to other tools",
        description="Answer LibreTranslate requests (POST /translate, GET /languages) with this machine's models, "
                    "the desk's approved glossary renderings enforced. Listens on loopback unless --host says otherwise.")
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default: {DEFAULT_HOST}, this machine only)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT}; 0: any free port)")
    serve.add_argument("--api-keys", metavar="FILE", help="require one of the keys in FILE (one a line) in every translate request")
    serve.add_argument("--char-limit", type=int, default=DEFAULT_CHAR_LIMIT, metavar="N",
                       help=f"characters per request, all texts together (default: {DEFAULT_CHAR_LIMIT})")
    serve.add_argument("--batch-limit", type=int, default=DEFAULT_BATCH_LIMIT, metavar="N",
                       help=f"texts per request (default: {DEFAULT_BATCH_LIMIT})")
    serve.add_argument("--threads", type=int, default=DEFAULT_THREADS, metavar="N",
                       help=f"requests handled at once (default: {DEFAULT_THREADS})")


def serve(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.app.serving import DeskService, load_api_keys
    from workbench.app.serving_limits import ServeLimits
    from workbench.app.workspace import open_checked
    from workbench.serve.runner import listening_server, serve_until_stopped, server_url

    if settings.mt_server:
        raise UserError("workbench serve translates with this machine's models; unset WORKBENCH_MT_SERVER for it")
    _check_ranges(args)
    keys = load_api_keys(Path(args.api_keys)) if args.api_keys else None
    workspace = open_checked(settings)
    service = DeskService(workspace, keys, ServeLimits(args.char_limit, args.batch_limit))
    try:
        try:
            server = listening_server(service, args.host, args.port, args.threads)
        except (OSError, ValueError) as error:  # the port is taken, the address is not this machine's or no address
            reason = getattr(error, "strerror", None) or error
            raise UserError(f"cannot listen on {args.host}:{args.port} ({reason}); "
                            "choose another --port or --host") from None
        signal.signal(signal.SIGTERM, _stop)  # a service manager's stop: the same clean end as Ctrl+C
        _announce(server_url(server, args.host, args.port), args.host, keys)
        serve_until_stopped(server)  # returns on Ctrl+C or SIGTERM
    except KeyboardInterrupt:
        pass  # before the server started
    finally:
        service.close()
        workspace.close()
    print("stopped", file=sys.stderr)
    return 0


def _check_ranges(args: argparse.Namespace) -> None:
    for option, value, low, high in (("--port", args.port, 0, 65535), ("--char-limit", args.char_limit, 1, 10**8),
                                     ("--batch-limit", args.batch_limit, 1, 10**6), ("--threads", args.threads, 1, 1024)):
        if not low <= value <= high:
            raise UserError(f"{option} {value} is out of range; give a whole number from {low} to {high}")


def _stop(_signal: int, _frame) -> None:
    raise KeyboardInterrupt


def _announce(url: str, host: str, keys) -> None:
    print(f"serving the LibreTranslate API on {url} (POST /translate, GET /languages); Ctrl+C stops it", flush=True)
    if not _is_loopback(host):
        access = "API keys required" if keys else "no API key required: anyone who reaches this address can use it"
        print(f"listening on {host}: other machines can send text here ({access})", file=sys.stderr, flush=True)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
