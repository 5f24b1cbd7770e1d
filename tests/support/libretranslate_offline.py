"""Run LibreTranslate (its own `libretranslate` entry point) with the network refused. Runs in its venv.

Usage: python libretranslate_offline.py LIBRETRANSLATE-ARGUMENTS...

Any connection or name lookup beyond loopback (a package index, a MiniSBD model, an API-key
server) is refused before a byte leaves, and written, one line each, to the file named by
NETWORK_LOG_VARIABLE, which the test fixture reads when it stops the server: LibreTranslate
swallows the error at start ("Cannot update models"), so the log, not the server, tells.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys

NETWORK_LOG_VARIABLE = "WORKBENCH_TEST_NETWORK_LOG"
LOOPBACK_NAMES = {None, "", "localhost", b"localhost"}


def _is_loopback(host) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.decode() if isinstance(host, bytes) else host).is_loopback
    except ValueError:
        return False


def _refuse(what: str) -> OSError:
    with open(os.environ[NETWORK_LOG_VARIABLE], "a", encoding="utf-8") as log:
        log.write(what + "\n")
    return ConnectionRefusedError(f"network access refused in the tests: {what}")


def _guard() -> None:
    real_connect, real_connect_ex, real_getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
            raise _refuse(f"connect {address!r}")
        return real_connect(self, address)

    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address[0]):
            raise _refuse(f"connect {address!r}")
        return real_connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_loopback(host):
            raise _refuse(f"name lookup {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect  # type: ignore[method-assign]
    socket.socket.connect_ex = connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = getaddrinfo


def main() -> None:
    _guard()
    from libretranslate.main import main as libretranslate_main

    sys.argv[0] = "libretranslate"
    libretranslate_main()


if __name__ == "__main__":
    main()
