"""What a `.argosmodel` archive must be before anything of it is extracted.

Everything here reads only the zip's directory and its small metadata.json, so a refused
archive costs nothing and writes nothing. The limits are generous for real packages and
tight for crafted ones (see the constants).
"""

from __future__ import annotations

import json
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from workbench.errors import UserError

# NLLB-200 3.3B converted to int8 is ~3.3 GB, 600M is ~0.6 GB; a float16 3.3B (6.6 GB) is out.
MAX_TOTAL_BYTES = 4 * 1024**3
MAX_ENTRIES = 10_000  # real packages hold about ten files (a few hundred with a stanza model)
MAX_RATIO = 200  # per entry: model weights compress little; a higher ratio is a zip bomb
# Over the whole archive: int8 weights deflate under 1.5x and vocabularies under 5x, so an
# archive may unpack to at most 20 times its size however many small entries it splits into.
MAX_TOTAL_RATIO = 20
RATIO_CHECK_MIN_BYTES = 1024**2  # below this, ratios say nothing (a tiny JSON compresses well)
MAX_PART_BYTES = 255  # the longest file name Linux, macOS and Windows file systems take
MAX_PATH_BYTES = 1024  # leaves room for the models folder's own path within PATH_MAX
MAX_METADATA_BYTES = 256 * 1024  # real ones are under 1 KiB
MAX_METADATA_DEPTH = 16  # real ones are a flat object, with a list or two inside
ACCEPTED_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
METHOD_NAMES = {9: "Deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard", 95: "xz", 97: "WavPack", 98: "PPMd", 99: "AES"}
TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")
REBUILD = "rebuild the package (`workbench models pack`) or download it again"
# Hidden-looking folders are skipped by `models list` (and could not be removed); these look
# like what editors, downloaders and tempfile leave behind.
_TEMPORARY = re.compile(r"(?i)te?mp([._-].*|[a-z0-9_]{8})?|.*(~|\.te?mp|\.part|\.partial|\.crdownload)|__macosx")


@dataclass(frozen=True)
class CheckedArchive:
    top: str  # the package folder, which becomes the installed package's name
    metadata: dict
    pair: tuple[str, str]  # (from, to), canonical codes


def check_archive(zipped: zipfile.ZipFile, archive: Path, expected_pair: tuple[str, str] | None = None) -> str:
    """Refuse unsafe or incomplete packages before extracting; return the top folder."""
    return inspect_archive(zipped, archive, expected_pair).top


def inspect_archive(zipped: zipfile.ZipFile, archive: Path,
                    expected_pair: tuple[str, str] | None = None) -> CheckedArchive:
    """Every rule on the zip's directory and metadata.json; `expected_pair`: refuse another pair."""
    entries = zipped.infolist()
    if not entries:
        raise UserError(f"{archive} is not an Argos package (the archive is empty)")
    if len(entries) > MAX_ENTRIES:
        raise UserError(f"{archive} is refused: it has {len(entries):,} entries, and a package has at most "
                        f"{MAX_ENTRIES:,}; {REBUILD}")
    for entry in entries:
        _check_entry(entry, archive)
    top = _package_folder(entries, archive)
    _check_layout(entries, archive)
    _check_sizes(entries, archive)
    metadata = _check_metadata(zipped, f"{top}/metadata.json", archive)
    pair = _pair(metadata, archive, expected_pair)
    _check_required_files(entries, top, archive)
    return CheckedArchive(top, metadata, pair)


def _shown(name: str) -> str:
    """An entry name for a one-line message: quoted, and cut when absurdly long."""
    return repr(name if len(name) <= 80 else name[:60] + "…" + name[-15:])


def _check_entry(entry: zipfile.ZipInfo, archive: Path) -> None:
    name = entry.filename
    parts = PurePosixPath(name).parts
    unsafe = name.startswith(("/", "\\")) or "\\" in name or ":" in (parts[0] if parts else "")
    if unsafe or not parts or any(part in ("..", ".") for part in parts):
        raise UserError(f"{archive} is refused: entry {_shown(name)} points outside the package folder")
    if any(ord(char) < 32 or ord(char) == 127 for char in name):
        raise UserError(f"{archive} is refused: entry {_shown(name)} has control characters in its name; {REBUILD}")
    if stat.S_ISLNK(entry.external_attr >> 16):
        raise UserError(f"{archive} is refused: entry {_shown(name)} is a symbolic link")
    if any(len(part.encode("utf-8", "surrogatepass")) > MAX_PART_BYTES for part in parts):
        raise UserError(f"{archive} is refused: entry {_shown(name)} has a name longer than {MAX_PART_BYTES} bytes, "
                        f"which file systems refuse; {REBUILD}")
    if len(name.encode("utf-8", "surrogatepass")) > MAX_PATH_BYTES:
        raise UserError(f"{archive} is refused: entry {_shown(name)} has a path longer than {MAX_PATH_BYTES:,} bytes; {REBUILD}")
    if entry.flag_bits & 0x1:
        raise UserError(f"{archive} is refused: entry {_shown(name)} is encrypted, and a package must open "
                        f"without a password; {REBUILD}")
    if entry.compress_type not in ACCEPTED_METHODS:
        method = METHOD_NAMES.get(entry.compress_type, f"method {entry.compress_type}")
        raise UserError(f"{archive} is refused: entry {_shown(name)} is compressed with {method}; packages hold "
                        f"only stored or deflated entries; {REBUILD}")


def _package_folder(entries: list[zipfile.ZipInfo], archive: Path) -> str:
    """The one top folder; anything beside it is refused, and so is a name `models list` would hide."""
    names = {entry.filename.rstrip("/") for entry in entries}
    folders = sorted({PurePosixPath(entry.filename).parts[0] for entry in entries
                      if entry.is_dir() or len(PurePosixPath(entry.filename).parts) > 1})
    with_metadata = [folder for folder in folders if f"{folder}/metadata.json" in names]
    candidates = with_metadata or folders
    if not candidates:
        raise UserError(f"{archive} is not an Argos package (no package folder inside); {REBUILD}")
    if len(candidates) > 1:
        raise UserError(f"{archive} is not an Argos package (expected one top-level folder, found "
                        f"{len(candidates)}: {', '.join(candidates)}); {REBUILD}")
    top = candidates[0]
    stray = next((entry.filename for entry in entries if PurePosixPath(entry.filename).parts[0] != top), None)
    if stray is not None:
        raise UserError(f"{archive} is refused: {_shown(stray)} is beside the package folder {top!r}, and a "
                        f"package holds its folder and nothing else; {REBUILD}")
    if top.startswith((".", "~", "__")) or _TEMPORARY.fullmatch(top):
        raise UserError(f"{archive} is refused: its package folder {top!r} has a hidden or temporary-looking folder "
                        "name, which would pass for a leftover (and hidden folders are not even listed); rebuild it "
                        "under a plain name (`workbench models pack --name translate-FROM_TO-VERSION`)")
    return top


def _check_layout(entries: list[zipfile.ZipInfo], archive: Path) -> None:
    """No name twice, and no name that is a file and a folder at once (extraction would fail halfway)."""
    seen: set[str] = set()
    parents: set[str] = set()
    for entry in entries:
        name = entry.filename.rstrip("/")
        if name in seen:
            raise UserError(f"{archive} is refused: entry {_shown(name)} appears twice; {REBUILD}")
        seen.add(name)
        parents.update(str(parent) for parent in PurePosixPath(name).parents)
    for entry in entries:
        if not entry.is_dir() and entry.filename in parents:
            raise UserError(f"{archive} is refused: {_shown(entry.filename)} is both a file and a folder; {REBUILD}")


def _check_sizes(entries: list[zipfile.ZipInfo], archive: Path) -> None:
    total = sum(entry.file_size for entry in entries)
    if total > MAX_TOTAL_BYTES:
        raise UserError(f"{archive} is refused: it would unpack to {total / 1024**3:.1f} GiB, "
                        f"over the {MAX_TOTAL_BYTES // 1024**3} GiB limit for a package; {REBUILD}")
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size >= RATIO_CHECK_MIN_BYTES and ratio > MAX_RATIO:
            raise UserError(f"{archive} is refused: entry {_shown(entry.filename)} expands {ratio:.0f}x (a zip bomb?); {REBUILD}")
    packed = sum(entry.compress_size for entry in entries)
    ratio = total / max(packed, 1)
    if total >= RATIO_CHECK_MIN_BYTES and ratio > MAX_TOTAL_RATIO:
        raise UserError(f"{archive} is refused: its {len(entries):,} entries would unpack to {total / 1024**2:,.0f} MiB "
                        f"from {packed / 1024**2:,.1f} MiB ({ratio:.0f}x, a zip bomb?); real packages compress "
                        f"less than {MAX_TOTAL_RATIO}x; {REBUILD}")


def _check_metadata(zipped: zipfile.ZipFile, name: str, archive: Path) -> dict:
    try:
        size = zipped.getinfo(name).file_size
    except KeyError:
        raise UserError(f"{archive} is not an Argos package (no metadata.json in its folder)") from None
    if size > MAX_METADATA_BYTES:
        raise UserError(f"{archive} is refused: its metadata.json is larger than {MAX_METADATA_BYTES // 1024} KiB "
                        f"({size:,} bytes); {REBUILD}")
    try:
        text = zipped.read(name).decode("utf-8")
    except UnicodeDecodeError as error:
        raise UserError(f"{archive} has an invalid metadata.json ({error}); rebuild the package") from None
    too_deep = f"{archive} is refused: its metadata.json is nested deeper than {MAX_METADATA_DEPTH} levels; {REBUILD}"
    try:
        metadata = json.loads(text)
    except RecursionError:
        raise UserError(too_deep) from None
    except ValueError as error:
        raise UserError(f"{archive} has an invalid metadata.json ({error}); rebuild the package") from None
    if _depth(metadata) > MAX_METADATA_DEPTH:
        raise UserError(too_deep)
    if not isinstance(metadata, dict):
        raise UserError(f"{archive} has an invalid metadata.json (not a JSON object); rebuild the package")
    if metadata.get("type", "translate") != "translate":
        raise UserError(f"{archive} is a {metadata.get('type')!r} package, not a translation package")
    _check_fields(metadata, archive)
    return metadata


def _depth(value: object) -> int:
    """How deep lists and objects nest (without recursing: the value may be a thousand levels deep)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is not None:
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in children)
    return deepest


def _check_fields(metadata: dict, archive: Path) -> None:
    from workbench.lang.languages import language

    for field in ("from_code", "to_code"):
        code = metadata.get(field)
        if not isinstance(code, str) or not code:
            raise UserError(f"{archive} has no {field} in metadata.json; rebuild the package")
        try:
            language(code)
        except UserError:
            raise UserError(f"{archive} names an unknown language {code!r} as {field}; rebuild the package") from None
    for field in ("source_prefix", "target_prefix"):
        if not isinstance(metadata.get(field) or "", str):
            raise UserError(f"{archive} has a {field} in metadata.json that is not a token (text); rebuild the package")


def _pair(metadata: dict, archive: Path, expected_pair: tuple[str, str] | None) -> tuple[str, str]:
    from workbench.mt.packages import canonical_code

    pair = (canonical_code(metadata["from_code"]), canonical_code(metadata["to_code"]))
    if pair[0] == pair[1]:
        raise UserError(f"{archive} translates {metadata['from_code']}→{metadata['to_code']}, the same language; "
                        "a package translates between two languages; rebuild it with the right --from and --to")
    if expected_pair is not None and pair != tuple(expected_pair):
        raise UserError(f"{archive} translates {metadata['from_code']}→{metadata['to_code']}, "
                        f"not the {expected_pair[0]}→{expected_pair[1]} that was asked for")
    return pair


def _check_required_files(entries: list[zipfile.ZipInfo], top: str, archive: Path) -> None:
    files = {entry.filename for entry in entries if not entry.is_dir()}
    folders = {str(parent) for entry in entries for parent in PurePosixPath(entry.filename.rstrip("/")).parents}
    folders |= {entry.filename.rstrip("/") for entry in entries if entry.is_dir()}
    model = f"{top}/model/model.bin"
    if model in folders:
        raise UserError(f"{archive} is refused: {model} is a folder, not the model file; {REBUILD}")
    if model not in files:
        raise UserError(f"{archive} is not an Argos package (no model/model.bin inside {top}/)")
    if not any(f"{top}/{name}" in files for name in TOKENIZER_FILES):
        raise UserError(f"{archive} is not an Argos package (no sentencepiece.model or bpe.model in {top}/)")
