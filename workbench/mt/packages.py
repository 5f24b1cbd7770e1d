"""Installed Argos packages: list them, and install a `.argosmodel` safely.

An archive is checked completely before anything is written (workbench/mt/archive_check.py),
extracted into a temporary folder inside the models folder, made to load and translate a
sentence in a child process (workbench/mt/package_check.py), then moved into place: a bad
archive leaves nothing behind.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import UserError
from workbench.mt.archive_check import CheckedArchive, inspect_archive
from workbench.mt.archive_check import check_archive as check_archive  # pack.py checks what it writes with it

STAGED = "models"  # the staging folder is a workspace of its own: STAGING/models/PACKAGE


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


def install_package(archive: Path, data_dir: Path, expected_pair: tuple[str, str] | None = None, *,
                    replace: bool = False, intra_threads: int = 1) -> InstalledPackage:
    """Install a `.argosmodel` into the workspace.

    `expected_pair` (from, to): refuse a package for another pair (a download from the index).
    `replace`: a package of the same name and pair may be replaced (never one of another pair).
    """
    archive = Path(archive)
    if not archive.is_file():
        raise UserError(f"{archive}: no such file; give the path of a .argosmodel package")
    if not zipfile.is_zipfile(archive):
        raise UserError(f"{archive} is not an Argos package (not a zip archive); download or build a .argosmodel file")
    try:
        with zipfile.ZipFile(archive) as zipped:
            checked = inspect_archive(zipped, archive, expected_pair)
            _check_name_clash(checked, archive, data_dir, replace)
            return _extract_and_move(zipped, checked.top, archive, data_dir, intra_threads)
    except (zipfile.BadZipFile, EOFError, zlib.error) as error:
        raise UserError(f"{archive} is damaged ({error}); download or build it again") from None


def _check_name_clash(checked: CheckedArchive, archive: Path, data_dir: Path, replace: bool) -> None:
    """A package folder already there is replaced only for the same pair, and only when asked."""
    final = models_dir(data_dir) / checked.top
    if not os.path.lexists(final):
        return
    installed = next((p for p in installed_packages(data_dir) if p.name == checked.top), None)
    new = f"{checked.pair[0]}→{checked.pair[1]} version {checked.metadata.get('package_version', '?')}"
    if installed is None:
        if not replace:  # not a package `models remove` knows: only --replace may clear it
            raise UserError(f"{archive}: {final} is already there but is not a usable package; add --replace "
                            f"to put {checked.top} ({new}) in its place")
        return
    if (installed.from_code, installed.to_code) != checked.pair:
        raise UserError(f"{archive} is package {checked.top} for {new}, but {checked.top} is already installed "
                        f"for {installed.from_code}→{installed.to_code}; remove that one first with "
                        f"`workbench models remove {checked.top}`")
    if not replace:
        raise UserError(f"{checked.top} ({installed.from_code}→{installed.to_code} version {installed.version or '?'}) "
                        f"is already installed; add --replace to replace it with {archive} ({new})")


def _extract_and_move(zipped: zipfile.ZipFile, top: str, archive: Path, data_dir: Path,
                      intra_threads: int) -> InstalledPackage:
    from workbench.mt.package_check import check_in_child

    target_root = models_dir(data_dir)
    created = _make_folder(target_root)
    try:
        _check_free_space(zipped, archive, target_root)
        staging = Path(tempfile.mkdtemp(prefix=".installing-", dir=target_root))
        try:
            _extract(zipped, archive, staging / STAGED)
            check_in_child(staging, archive, intra_threads)
            _replace_folder(staging / STAGED / top, target_root / top)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except BaseException:
        _remove_if_empty(created)
        raise
    return next(p for p in installed_packages(data_dir) if p.path == target_root / top)


def _make_folder(folder: Path) -> list[Path]:
    """Create `folder` and its missing parents; the ones created, deepest first."""
    missing = [path for path in (folder, *folder.parents) if not path.exists()]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"cannot create the models folder {folder} ({error.strerror or error}); "
                        "check its permissions") from None
    return missing


def _remove_if_empty(folders: list[Path]) -> None:
    """A refused install leaves the workspace as it was, down to the folders it made."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


def _extract(zipped: zipfile.ZipFile, archive: Path, into: Path) -> None:
    try:
        zipped.extractall(into)
    except OSError as error:
        raise UserError(f"cannot unpack {archive} into {into.parent.parent} ({error.strerror or error}); "
                        "check free space and permissions; nothing was installed") from None


def _check_free_space(zipped: zipfile.ZipFile, archive: Path, target_root: Path) -> None:
    needed = sum(entry.file_size for entry in zipped.infolist())
    free = shutil.disk_usage(target_root).free
    if needed > free:
        raise UserError(f"{archive} needs {needed // 1024**2} MiB but {target_root} has {free // 1024**2} MiB free")


def _replace_folder(new: Path, final: Path) -> None:
    """Move `new` to `final`; whatever was at `final` goes only once `new` is in place."""
    old = None
    if os.path.lexists(final):
        old = final.with_name(f".replaced-{final.name}-{os.getpid()}")
        os.replace(final, old)
    try:
        os.replace(new, final)
    except OSError as error:
        if old is not None:
            os.replace(old, final)
        raise UserError(f"cannot move {final.name} into {final.parent} ({error.strerror or error}); "
                        "nothing was installed") from None
    if old is None:
        return
    if old.is_dir() and not old.is_symlink():
        shutil.rmtree(old, ignore_errors=True)
    else:
        old.unlink(missing_ok=True)


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
