"""Import argostranslate without its import-time side effects reaching the user.

argostranslate reads its settings and creates folders when first imported, and prints
debug logs to stdout (which would corrupt the TUI). So the environment it reads is
set here, around the first import only, and its folders go inside the workspace.
"""

from __future__ import annotations

import logging
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

_import_lock = threading.Lock()


@contextmanager
def _temporary_environ(values: dict[str, str]):
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


def argos_package_module(data_dir: Path) -> ModuleType:
    """Return `argostranslate.package`, importing it with a quiet, workspace-local setup."""
    with _import_lock:
        import sys

        if "argostranslate.package" in sys.modules:
            return sys.modules["argostranslate.package"]
        argos_home = data_dir / "argos-home"
        environ = {
            "ARGOS_DEBUG": "0",
            "ARGOS_PACKAGES_DIR": str(data_dir / "models"),
            "XDG_DATA_HOME": str(argos_home / "data"),
            "XDG_CONFIG_HOME": str(argos_home / "config"),
            "XDG_CACHE_HOME": str(argos_home / "cache"),
        }
        with _temporary_environ(environ):
            import argostranslate.package as package

        logging.getLogger("argostranslate.utils").propagate = False
        return package
