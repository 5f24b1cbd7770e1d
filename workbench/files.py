"""Reading and writing the files users name: one clear line when that fails, never a half-written file."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.errors import UserError

# Far above any article, glossary or PO file a desk exchanges; a runaway input is refused instead
# of filling the memory.
MAX_USER_FILE_BYTES = 100 * 1024**2


def read_user_file(path: Path, kind: str, choose: str, max_bytes: int = MAX_USER_FILE_BYTES) -> bytes:
    """The bytes of a file the user named; UserError (one line, saying what to do) otherwise.

    At most `max_bytes` + 1 bytes are ever read: a device or a pipe (/dev/zero) has no size to
    check beforehand, and reading one to its end would never finish.
    """
    try:
        if path.is_dir():
            raise UserError(f"{path} is a folder, not {kind}; choose {choose}")
        with open(path, "rb") as stream:
            if os.fstat(stream.fileno()).st_size > max_bytes:
                raise UserError(too_large(path, kind, choose, max_bytes))
            data = stream.read(max_bytes + 1)
    except FileNotFoundError:
        raise UserError(f"{path} does not exist; check the file name and folder, then try again") from None
    except PermissionError:
        raise UserError(f"{path} cannot be read (permission denied); copy it somewhere readable") from None
    except OSError as error:
        raise UserError(f"{path} could not be read ({error.strerror or error}); check the file") from None
    if len(data) > max_bytes:
        raise UserError(too_large(path, kind, choose, max_bytes))
    return data


def check_user_file(path: Path, kind: str, choose: str, max_bytes: int = MAX_USER_FILE_BYTES) -> None:
    """Refuse, before a reader that takes the whole file opens it, anything but a regular file of
    at most `max_bytes`: a device or a pipe has no size, and reading it could never end."""
    try:
        if path.is_dir():
            raise UserError(f"{path} is a folder, not {kind}; choose {choose}")
        status = path.stat()
    except FileNotFoundError:
        raise UserError(f"{path} does not exist; check the file name and folder, then try again") from None
    except OSError as error:
        raise UserError(f"{path} could not be read ({error.strerror or error}); check the file") from None
    if not stat.S_ISREG(status.st_mode):
        raise UserError(f"{path} is not a regular file (a device, pipe or socket), so not {kind}; "
                        f"save it to a file and choose {choose}")
    if status.st_size > max_bytes:
        raise UserError(too_large(path, kind, choose, max_bytes))


def too_large(path: Path, kind: str, choose: str, max_bytes: int) -> str:
    limit = f"{max_bytes // 1024**2} MB" if max_bytes >= 1024**2 else f"{max_bytes} bytes"
    return f"{path} is larger than {limit}, too large for {kind}; choose {choose}"


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data` via a temporary file in the same folder; never half-written."""
    if path.is_dir():
        raise UserError(f"{path} is a folder; give a file name such as {path / ('export' + path.suffix if path.suffix else 'export.txt')}")
    if not path.parent.is_dir():
        raise UserError(f"cannot write {path}: folder {path.parent} does not exist; create it first")
    with atomic_output(path) as temporary, open(temporary, "wb") as stream:
        stream.write(data)


def _unchanged_hint(path: Path, error: OSError) -> str:
    return (f"could not write {path} ({error.strerror or error}); the existing file was left "
            "unchanged; check free space and permissions, then try again")


@contextmanager
def atomic_output(path: Path, suffix: str = ".tmp",
                  explain: Callable[[OSError], str] | None = None) -> Iterator[Path]:
    """A temporary file beside `path` to write; on success it replaces `path` at once.

    The file is synced before the rename and gets an ordinary mode: the mode of the file it
    replaces, else rw-r--r-- less the umask (mkstemp would leave it private, 0600). If the
    block fails, the temporary file is removed and `path` is untouched; an OSError becomes one
    line (`explain` words it, else "the existing file was left unchanged").
    """
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else default_file_mode()
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
        os.close(handle)
    except OSError as error:
        if explain is not None:
            raise UserError(explain(error)) from None
        raise UserError(f"cannot write {path} ({error.strerror or error}); check the folder's permissions") from None
    temporary = Path(name)
    try:
        yield temporary
        with open(temporary, "rb+") as stream:
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise UserError((explain or (lambda e: _unchanged_hint(path, e)))(error)) from None
        raise


def default_file_mode() -> int:
    """rw-r--r-- less the user's umask, as a file written with open() would get."""
    umask = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(umask)
    return 0o644 & ~umask
