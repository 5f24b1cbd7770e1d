"""`workbench models install --index en:fr`: the workbench's ONLY network code.

Runs only when the user asks for it explicitly. Reads the Argos package index,
downloads the package for the pair into a temporary file inside the models
folder (size checked against what the server and the index declare, checksum
verified when the index gives one), then installs it with the same safe install
as a local file. Any failure removes the temporary file.
"""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import shutil
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from workbench.errors import UserError
from workbench.mt.archive_check import MAX_TOTAL_BYTES
from workbench.mt.packages import InstalledPackage, install_package, models_dir

DEFAULT_INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
INDEX_URL_VARIABLE = "WORKBENCH_ARGOS_INDEX"
MAX_INDEX_BYTES = 16 * 1024**2
TIMEOUT_SECONDS = 30  # for one connect or one read; a server that stalls longer is given up on
TIMEOUT_VARIABLE = "WORKBENCH_DOWNLOAD_TIMEOUT"
CHUNK_BYTES = 256 * 1024
USER_AGENT = "workbench (offline translation workbench)"

# Called with (bytes received, bytes expected or 0 when unknown).
DownloadProgress = Callable[[int, int], None]
# What a connection that breaks off mid-answer raises (TimeoutError and IncompleteRead among them).
BROKEN_OFF = (OSError, http.client.HTTPException)


def index_url() -> str:
    """The index's URL; a plain file path (a private mirror on disk) becomes a file:// URL."""
    raw = os.environ.get(INDEX_URL_VARIABLE) or DEFAULT_INDEX_URL
    if "://" in raw or raw.startswith("file:"):
        return raw
    path = Path(raw).expanduser()
    if not path.is_file():
        raise UserError(f"{INDEX_URL_VARIABLE}={raw}: no such file; give the path or http(s) URL of an index.json")
    return path.resolve().as_uri()


def timeout_seconds() -> float:
    raw = os.environ.get(TIMEOUT_VARIABLE)
    if not raw:
        return TIMEOUT_SECONDS
    try:
        value = float(raw)
    except ValueError:
        value = 0
    if not 0 < value <= 3600:
        raise UserError(f"{TIMEOUT_VARIABLE}={raw} is not a number of seconds; use e.g. 30")
    return value


def parse_pair(raw: str) -> tuple[str, str]:
    """ "en:fr" -> ("en", "fr"), both checked against Babel."""
    from workbench.lang.languages import language

    parts = [part.strip() for part in raw.split(":")]
    if len(parts) != 2 or not all(parts):
        raise UserError(f"--index {raw!r} is not a language pair; write it as FROM:TO, e.g. en:fr")
    return language(parts[0]).code, language(parts[1]).code


def install_from_index(pair: tuple[str, str], data_dir: Path, on_progress: DownloadProgress | None = None, *,
                       replace: bool = False, intra_threads: int = 1) -> InstalledPackage:
    """Find the pair in the index, download it, and install it safely (`replace`: as install_package)."""
    url = index_url()
    entry = choose_package(fetch_index(url), pair, url)
    target_root = models_dir(data_dir)
    try:
        target_root.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target_root, prefix=".download-", suffix=".argosmodel")
        os.close(handle)
    except OSError as error:
        raise UserError(f"cannot write to the models folder {target_root} ({error.strerror or error}); "
                        "check its permissions") from None
    try:
        # A mirror on disk may link its packages as files too; an index from the web may not.
        link = download(entry, Path(temporary), on_progress, allow_files=url.startswith("file:"))
        try:
            return install_package(Path(temporary), data_dir, expected_pair=pair, replace=replace,
                                   intra_threads=intra_threads)
        except UserError as error:
            raise UserError(str(error).replace(temporary, link)) from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def fetch_index(url: str) -> list[dict]:
    with _open(url, "the Argos package index") as response:
        try:
            raw = response.read(MAX_INDEX_BYTES + 1)
        except BROKEN_OFF as error:
            raise UserError(f"reading the Argos package index from {url} broke off ({_describe(error)}); "
                            "try again") from None
        declared = _int_or_none(response.headers.get("Content-Length"))
    if declared is not None and len(raw) < declared:
        raise UserError(f"reading the Argos package index from {url} broke off (the connection closed after "
                        f"{len(raw)} of {declared} bytes); try again")
    if len(raw) > MAX_INDEX_BYTES:
        raise UserError(f"the package index at {url} is larger than {MAX_INDEX_BYTES // 1024**2} MiB; "
                        f"check {INDEX_URL_VARIABLE}")
    try:
        index = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise UserError(f"the package index at {url} is not valid JSON ({error}); check {INDEX_URL_VARIABLE}") from None
    if not isinstance(index, list):
        raise UserError(f"the package index at {url} is not a list of packages; check {INDEX_URL_VARIABLE}")
    return [entry for entry in index if isinstance(entry, dict)]


def choose_package(index: list[dict], pair: tuple[str, str], url: str) -> dict:
    """The newest translate package for the pair, or a clear error saying what exists."""
    source, target = pair
    matches = [entry for entry in index if entry.get("type", "translate") == "translate"
               and (entry.get("from_code"), entry.get("to_code")) == pair and entry.get("links")]
    if matches:
        return max(matches, key=lambda entry: _version_key(str(entry.get("package_version", ""))))
    if "my" in pair:
        raise UserError(f"the Argos package index has no Burmese package ({source}→{target}); build one from "
                        "NLLB-200 with `workbench models pack` (see the README, 'Getting a model')")
    targets = sorted({str(e.get("to_code")) for e in index if e.get("from_code") == source})
    offer = f"from {source} it offers: {', '.join(targets)}" if targets else f"it has nothing from {source}"
    raise UserError(f"the Argos package index ({url}) has no {source}→{target} package; {offer}")


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else -1 for part in version.split("."))


def download(entry: dict, into: Path, on_progress: DownloadProgress | None = None,
             allow_files: bool = False) -> str:
    """Download the package file of an index entry into `into`; return the link used."""
    schemes = ("http://", "https://", "file:") if allow_files else ("http://", "https://")
    links = [str(link) for link in entry.get("links", []) if str(link).startswith(schemes)]
    if not links:
        raise UserError("the index entry has no http(s) download link; check the package index")
    link = links[0]
    declared_index_size = _int_or_none(entry.get("size"))
    with _open(link, "the package download") as response:
        length = _int_or_none(response.headers.get("Content-Length"))
        expected = length or declared_index_size or 0
        _check_room(expected, link, into.parent)
        received, digest = _copy_body(response, into, expected, link, on_progress)
    if length is not None and received != length:
        raise UserError(f"the download from {link} stopped after {received} of {length} bytes; try again")
    if declared_index_size is not None and received != declared_index_size:
        raise UserError(f"the download from {link} is {received} bytes but the index says {declared_index_size}; "
                        "nothing was installed")
    _check_checksum(entry, digest, link)
    return link


def _copy_body(response, into: Path, expected: int, link: str,
               on_progress: DownloadProgress | None) -> tuple[int, str]:
    received, digest = 0, hashlib.sha256()
    with into.open("wb") as stream:
        while True:
            try:
                chunk = response.read(CHUNK_BYTES)
            except BROKEN_OFF as error:
                raise UserError(f"the download from {link} broke off after {received} bytes "
                                f"({_describe(error)}); try again") from None
            if not chunk:
                return received, digest.hexdigest()
            received += len(chunk)
            if received > MAX_TOTAL_BYTES or (expected and received > expected):
                raise UserError(f"the download from {link} is larger than declared ({received} bytes so far); refused")
            _write_chunk(stream, chunk, into)
            digest.update(chunk)
            if on_progress is not None:
                on_progress(received, expected)


def _write_chunk(stream, chunk: bytes, into: Path) -> None:
    try:
        stream.write(chunk)
    except OSError as error:
        raise UserError(f"cannot write the download into {into.parent} ({error.strerror or error}); "
                        "check free space; nothing was installed") from None


def _describe(error: BaseException) -> str:
    if isinstance(error, TimeoutError):
        return f"no data for {timeout_seconds():g} s"
    if isinstance(error, http.client.IncompleteRead):
        return f"the connection closed after {len(error.partial)} bytes"
    return str(error) or type(error).__name__


def _check_room(expected: int, link: str, folder: Path) -> None:
    if expected > MAX_TOTAL_BYTES:
        raise UserError(f"the package at {link} declares {expected / 1024**3:.1f} GiB, over the "
                        f"{MAX_TOTAL_BYTES // 1024**3} GiB limit; refused")
    free = shutil.disk_usage(folder).free
    if expected * 2 > free:  # the archive and its extracted copy
        raise UserError(f"the package at {link} needs about {2 * expected // 1024**2} MiB "
                        f"but {folder} has {free // 1024**2} MiB free")


def _check_checksum(entry: dict, digest: str, link: str) -> None:
    declared = entry.get("sha256") or entry.get("checksum")
    if not declared:
        return
    declared = str(declared).lower().removeprefix("sha256:")
    if declared != digest:
        raise UserError(f"the download from {link} does not match the index's SHA-256 checksum; nothing was installed")


def _int_or_none(value) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _open(url: str, what: str):
    timeout = timeout_seconds()
    try:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        return urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as error:
        raise UserError(f"cannot fetch {what} at {url}: HTTP {error.code} {error.reason}") from None
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or _describe(error)
        raise UserError(f"cannot reach {what} at {url} ({reason}); check the connection "
                        f"or set {INDEX_URL_VARIABLE}") from None
