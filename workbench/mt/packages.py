"""Installed Argos packages: list them, and install a `.argosmodel` safely.

An archive is checked completely before anything is written, extracted into a
temporary folder inside the models folder, checked again, then moved into place:
a bad archive leaves nothing behind.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from workbench.errors import UserError

MAX_TOTAL_BYTES = 8 * 1024**3  # larger than any NLLB-200 int8 conversion a desk would use
MAX_RATIO = 200  # model weights compress little; a higher ratio is a zip bomb
RATIO_CHECK_MIN_BYTES = 1024**2
TOKENIZER_FILES = ("sentencepiece.model", "bpe.model")


@dataclass(frozen=True)
class InstalledPackage:
    name: str
    path: Path
    from_code: str
    to_code: str
    from_name: str
    to_name: str
    version: str
    source_prefix: str
    target_prefix: str
    license: str

    def size_bytes(self) -> int:
        return sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file())


def models_dir(data_dir: Path) -> Path:
    return data_dir / "models"


def installed_packages(data_dir: Path) -> list[InstalledPackage]:
    """Translate packages in the workspace, skipping unfinished installs."""
    folder = models_dir(data_dir)
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or not (path / "metadata.json").is_file():
            continue
        try:
            metadata = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(metadata, dict) and metadata.get("type", "translate") == "translate":
            found.append(_package_from_metadata(path, metadata))
    return found


def _package_from_metadata(path: Path, metadata: dict) -> InstalledPackage:
    return InstalledPackage(
        name=path.name,
        path=path,
        from_code=canonical_code(metadata.get("from_code", "")),
        to_code=canonical_code(metadata.get("to_code", "")),
        from_name=str(metadata.get("from_name", "")),
        to_name=str(metadata.get("to_name", "")),
        version=str(metadata.get("package_version", "")),
        source_prefix=str(metadata.get("source_prefix", "") or ""),
        target_prefix=str(metadata.get("target_prefix", "") or ""),
        license=str(metadata.get("license", "") or ""),
    )


def canonical_code(code) -> str:
    """Babel's spelling of a package's language code ("MY" -> "my"), so lookups by `--to my` find it."""
    from workbench.lang.languages import language

    try:
        return language(str(code)).code
    except UserError:
        return str(code)


def install_package(archive: Path, data_dir: Path, expected_pair: tuple[str, str] | None = None) -> InstalledPackage:
    """Install a `.argosmodel` into the workspace, replacing an older copy of it.

    `expected_pair` (from, to): refuse a package for another pair (a download from the index).
    """
    archive = Path(archive)
    if not archive.is_file():
        raise UserError(f"{archive}: no such file; give the path of a .argosmodel package")
    if not zipfile.is_zipfile(archive):
        raise UserError(f"{archive} is not an Argos package (not a zip archive); download or build a .argosmodel file")
    try:
        with zipfile.ZipFile(archive) as zipped:
            top = check_archive(zipped, archive, expected_pair)
            return _extract_and_move(zipped, top, archive, data_dir)
    except (zipfile.BadZipFile, EOFError, zlib.error) as error:
        raise UserError(f"{archive} is damaged ({error}); download or build it again") from None


def check_archive(zipped: zipfile.ZipFile, archive: Path, expected_pair: tuple[str, str] | None = None) -> str:
    """Refuse unsafe or incomplete packages before extracting; return the top folder."""
    entries = zipped.infolist()
    if not entries:
        raise UserError(f"{archive} is not an Argos package (the archive is empty)")
    tops = {_safe_parts(entry, archive)[0] for entry in entries}
    if len(tops) != 1:
        raise UserError(f"{archive} is not an Argos package (expected one top-level folder, found {len(tops)})")
    top = tops.pop()
    _check_sizes(entries, archive)
    names = {entry.filename.rstrip("/") for entry in entries}
    metadata = _check_metadata(zipped, f"{top}/metadata.json", archive)
    pair = (canonical_code(metadata["from_code"]), canonical_code(metadata["to_code"]))
    if expected_pair is not None and pair != tuple(expected_pair):
        raise UserError(f"{archive} translates {metadata['from_code']}→{metadata['to_code']}, "
                        f"not the {expected_pair[0]}→{expected_pair[1]} that was asked for")
    if f"{top}/model/model.bin" not in names:
        raise UserError(f"{archive} is not an Argos package (no model/model.bin inside {top}/)")
    if not any(f"{top}/{name}" in names for name in TOKENIZER_FILES):
        raise UserError(f"{archive} is not an Argos package (no sentencepiece.model or bpe.model in {top}/)")
    return top


def _safe_parts(entry: zipfile.ZipInfo, archive: Path) -> tuple[str, ...]:
    name = entry.filename
    parts = PurePosixPath(name).parts
    unsafe = name.startswith(("/", "\\")) or "\\" in name or ":" in (parts[0] if parts else "")
    if unsafe or not parts or any(part in ("..", ".") for part in parts):
        raise UserError(f"{archive} is refused: entry {name!r} points outside the package folder")
    mode = entry.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise UserError(f"{archive} is refused: entry {name!r} is a symbolic link")
    if len(parts) == 1 and not entry.is_dir():
        raise UserError(f"{archive} is not an Argos package: file {name!r} is outside a package folder")
    return parts


def _check_sizes(entries: list[zipfile.ZipInfo], archive: Path) -> None:
    total = sum(entry.file_size for entry in entries)
    if total > MAX_TOTAL_BYTES:
        raise UserError(
            f"{archive} is refused: it would unpack to {total / 1024**3:.1f} GiB, "
            f"over the {MAX_TOTAL_BYTES // 1024**3} GiB limit for a package"
        )
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size >= RATIO_CHECK_MIN_BYTES and ratio > MAX_RATIO:
            raise UserError(
                f"{archive} is refused: entry {entry.filename!r} expands {ratio:.0f}x (a zip bomb?)"
            )


def _check_metadata(zipped: zipfile.ZipFile, name: str, archive: Path) -> dict:
    from workbench.lang.languages import language

    try:
        raw = zipped.read(name)
    except KeyError:
        raise UserError(f"{archive} is not an Argos package (no metadata.json in its folder)") from None
    try:
        metadata = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise UserError(f"{archive} has an invalid metadata.json ({error}); rebuild the package") from None
    if not isinstance(metadata, dict):
        raise UserError(f"{archive} has an invalid metadata.json (not a JSON object); rebuild the package")
    if metadata.get("type", "translate") != "translate":
        raise UserError(f"{archive} is a {metadata.get('type')!r} package, not a translation package")
    for field in ("from_code", "to_code"):
        code = metadata.get(field)
        if not isinstance(code, str) or not code:
            raise UserError(f"{archive} has no {field} in metadata.json; rebuild the package")
        try:
            language(code)
        except UserError:
            raise UserError(f"{archive} names an unknown language {code!r} as {field}; rebuild the package") from None
    return metadata


def _extract_and_move(zipped: zipfile.ZipFile, top: str, archive: Path, data_dir: Path) -> InstalledPackage:
    target_root = models_dir(data_dir)
    target_root.mkdir(parents=True, exist_ok=True)
    _check_free_space(zipped, archive, target_root)
    staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=target_root))
    try:
        zipped.extractall(staging)
        extracted = staging / top
        _check_loads(extracted, archive, data_dir)
        final = target_root / top
        _replace_folder(extracted, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return next(p for p in installed_packages(data_dir) if p.path == final)


def _check_free_space(zipped: zipfile.ZipFile, archive: Path, target_root: Path) -> None:
    needed = sum(entry.file_size for entry in zipped.infolist())
    free = shutil.disk_usage(target_root).free
    if needed > free:
        raise UserError(f"{archive} needs {needed // 1024**2} MiB but {target_root} has {free // 1024**2} MiB free")


def _check_loads(extracted: Path, archive: Path, data_dir: Path) -> None:
    """argostranslate itself must accept the extracted package."""
    from workbench.mt.argos_env import argos_package_module

    package_module = argos_package_module(data_dir)
    try:
        package = package_module.Package(extracted)
    except (OSError, ValueError, KeyError) as error:
        raise UserError(f"{archive} is not a usable Argos package ({error})") from None
    if getattr(package, "tokenizer", None) is None:
        raise UserError(f"{archive} is not a usable Argos package (no tokenizer)")


def _replace_folder(new: Path, final: Path) -> None:
    old = None
    if final.exists():
        old = final.with_name(f".replaced-{final.name}-{os.getpid()}")
        os.replace(final, old)
    os.replace(new, final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def remove_package(name: str, data_dir: Path) -> InstalledPackage:
    for package in installed_packages(data_dir):
        if package.name == name:
            shutil.rmtree(package.path)
            return package
    names = ", ".join(p.name for p in installed_packages(data_dir)) or "none installed"
    raise UserError(f"no installed package named {name!r} ({names}); see `workbench models list`")


ADD_MODEL_COMMANDS = (
    "workbench models install FILE.argosmodel",
    "workbench models install --index en:fr",
    "workbench models pack ...   (Burmese: build from NLLB-200, see the README)",
)


@dataclass(frozen=True)
class PackageRow:
    """One installed package as `models list` and the TUI show it ("-" for what is absent)."""

    name: str
    pair: str
    languages: str
    version: str
    size: str
    prefixes: str
    licence: str


def package_rows(data_dir: Path) -> list[PackageRow]:
    return [_row(package) for package in installed_packages(data_dir)]


def _row(package: InstalledPackage) -> PackageRow:
    prefixes = " ".join(p for p in (package.source_prefix, package.target_prefix) if p) or "-"
    return PackageRow(
        name=package.name,
        pair=f"{package.from_code}→{package.to_code}",
        languages=f"{_label(package.from_code, package.from_name)} → {_label(package.to_code, package.to_name)}",
        version=package.version or "-",
        size=f"{package.size_bytes() / 1024**2:.1f} MB",
        prefixes=prefixes,
        licence=package.license or "-",
    )


def _label(code: str, fallback: str) -> str:
    """English and native name from Babel; the package's own name for a code Babel lacks."""
    from workbench.lang.languages import language

    try:
        return language(code).label
    except UserError:
        return fallback or code
