"""Reading and writing the files users name: one clear line when that fails, never a half-written file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from workbench.errors import UserError


def read_user_file(path: Path, kind: str, choose: str, max_bytes: int | None = None) -> bytes:
    """The bytes of a file the user named; UserError (one line, saying what to do) otherwise."""
    if path.is_dir():
        raise UserError(f"{path} is a folder, not {kind}; choose {choose}")
    try:
        if max_bytes is not None and path.stat().st_size > max_bytes:
            raise UserError(f"{path} is larger than {max_bytes // 1024**2} MB; that is not {kind}")
        return path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"{path} does not exist; check the file name and folder, then try again") from None
    except PermissionError:
        raise UserError(f"{path} cannot be read (permission denied); copy it somewhere readable") from None
    except OSError as error:
        raise UserError(f"{path} could not be read ({error.strerror or error}); check the file") from None


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` via a temporary file in the same folder; never half-written."""
    if path.is_dir():
        raise UserError(f"{path} is a folder; give a file name such as {path / ('export' + path.suffix if path.suffix else 'export.txt')}")
    if not path.parent.is_dir():
        raise UserError(f"cannot write {path}: folder {path.parent} does not exist; create it first")
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise UserError(f"cannot write {path} ({error.strerror or error}); check the folder's permissions") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as error:
        _remove_quietly(temporary)
        if isinstance(error, OSError):
            raise UserError(
                f"could not write {path} ({error.strerror or error}); the existing file was left "
                "unchanged; check free space and permissions, then try again"
            ) from None
        raise


def _remove_quietly(temporary: str) -> None:
    try:
        os.unlink(temporary)
    except OSError:
        pass
