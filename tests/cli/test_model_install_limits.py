"""`workbench models install`: archive limits are checked before anything is extracted.

Each crafted archive starts from the good en→fr test package, so only the one thing under
test is wrong; each is refused with one line and leaves the workspace exactly as it was.
"""

from __future__ import annotations

import json
import os
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.test_model_install import keep, rewrite, top_folder
from tests.support.cli_helpers import assert_one_line_error, run_cli

# Offsets of header fields in a zip's local file header and central directory record.
LOCAL = {"flags": 6, "method": 8, "crc": 14, "file_size": 22}
CENTRAL = {"flags": 8, "method": 10, "crc": 16, "file_size": 24}
SHORT_FIELDS = ("flags", "method")


def listing(folder: Path) -> dict[str, tuple]:
    """Every path under `folder` (folders too), with size and mtime for files: "nothing written" exactly."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): ((p.stat().st_size, p.stat().st_mtime_ns) if p.is_file() else ())
            for p in folder.rglob("*")}


def patch_headers(archive: Path, fields: Callable[[zipfile.ZipInfo], dict[str, int]]) -> Path:
    """Rewrite header fields (both copies) of the entries `fields` returns values for: what zipfile cannot write."""
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zipped:
        infos, offset = zipped.infolist(), zipped.start_dir
    for info in infos:
        assert data[offset:offset + 4] == b"PK\x01\x02"
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", data, offset + 28)
        for field, value in fields(info).items():
            layout = "<H" if field in SHORT_FIELDS else "<I"
            struct.pack_into(layout, data, offset + CENTRAL[field], value)
            struct.pack_into(layout, data, info.header_offset + LOCAL[field], value)
        offset += 46 + name_length + extra_length + comment_length
    archive.write_bytes(data)
    return archive


def with_extra(good: Path, target: Path, entries: list[tuple[str, bytes]], method: int = zipfile.ZIP_STORED) -> Path:
    """The good package plus `entries`, written with `method`."""
    rewrite(good, target, keep)
    with zipfile.ZipFile(target, "a") as zipped:
        for name, data in entries:
            zipped.writestr(name, data, method)
    return target


def refused(archive: Path, data_dir: Path, *fragments: str) -> None:
    before = listing(data_dir)
    result = run_cli("models", "install", str(archive))
    assert_one_line_error(result, archive.name, *fragments)
    assert listing(data_dir) == before


def test_many_small_entries_that_unpack_to_a_gigabyte_are_a_zip_bomb(model_files, data_dir, tmp_path):
    zeros = b"\0" * 1_000_000  # each entry under the 1 MiB the per-entry ratio check starts at
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflated = packer.compress(zeros) + packer.flush()
    top = top_folder(model_files["fr"])
    padding = [(f"{top}/padding/{i:04}.bin", deflated) for i in range(1000)]
    # Stored as the deflated bytes, then relabelled deflated: 1 GB declared in about 1 MB, built in no time.
    bomb = with_extra(model_files["fr"], tmp_path / "bomb.argosmodel", padding)
    patch_headers(bomb, lambda info: {"method": zipfile.ZIP_DEFLATED, "crc": zlib.crc32(zeros),
                                      "file_size": len(zeros)} if "/padding/" in info.filename else {})
    assert bomb.stat().st_size < 2 * 1024**2
    refused(bomb, data_dir, "zip bomb", "unpack")


def test_declared_sizes_over_4_gib_in_total_are_refused(model_files, data_dir, tmp_path):
    top = top_folder(model_files["fr"])
    archive = with_extra(model_files["fr"], tmp_path / "huge.argosmodel",
                         [(f"{top}/model/part{i}.bin", b"x" * 100) for i in range(2)])
    patch_headers(archive, lambda info: {"file_size": 2_500 * 1024**2} if "/part" in info.filename else {})
    refused(archive, data_dir, "would unpack to 4.9 GiB", "over the 4 GiB limit")


def test_too_many_entries_are_refused(model_files, data_dir, tmp_path):
    top = top_folder(model_files["fr"])
    archive = with_extra(model_files["fr"], tmp_path / "many.argosmodel",
                         [(f"{top}/stanza/{i:05}.txt", b"") for i in range(10_001)])
    refused(archive, data_dir, "10,009 entries", "at most 10,000")


@pytest.mark.parametrize("make_name, message", [
    (lambda top: f"{top}/{'x' * 300}.txt", "longer than 255 bytes"),
    (lambda top: f"{top}/{'မ' * 100}.txt", "longer than 255 bytes"),  # 100 letters, 300 bytes of UTF-8
    (lambda top: f"{top}/" + "/".join(["d" * 200] * 6) + "/x.txt", "longer than 1,024 bytes"),
])
def test_overlong_names_are_refused(make_name, message, model_files, data_dir, tmp_path):
    name = make_name(top_folder(model_files["fr"]))
    archive = with_extra(model_files["fr"], tmp_path / "long.argosmodel", [(name, b"x")])
    refused(archive, data_dir, message)


@pytest.mark.parametrize("method, label", [(zipfile.ZIP_BZIP2, "bzip2"), (zipfile.ZIP_LZMA, "LZMA")])
def test_entries_compressed_another_way_are_refused(method, label, model_files, data_dir, tmp_path):
    top = top_folder(model_files["fr"])
    archive = with_extra(model_files["fr"], tmp_path / f"{label}.argosmodel", [(f"{top}/extra.txt", b"x" * 100)], method)
    refused(archive, data_dir, f"{top}/extra.txt", label, "stored or deflated")


def test_a_ppmd_entry_is_refused(model_files, data_dir, tmp_path):
    top = top_folder(model_files["fr"])
    archive = with_extra(model_files["fr"], tmp_path / "ppmd.argosmodel", [(f"{top}/extra.txt", b"x" * 100)])
    patch_headers(archive, lambda info: {"method": 98} if info.filename.endswith("extra.txt") else {})
    refused(archive, data_dir, f"{top}/extra.txt", "PPMd", "stored or deflated")


def test_an_encrypted_entry_is_refused(model_files, data_dir, tmp_path):
    top = top_folder(model_files["fr"])
    archive = with_extra(model_files["fr"], tmp_path / "locked.argosmodel", [(f"{top}/extra.txt", b"x" * 100)])
    patch_headers(archive, lambda info: {"flags": info.flag_bits | 0x1} if info.filename.endswith("extra.txt") else {})
    refused(archive, data_dir, f"{top}/extra.txt", "encrypted")


@pytest.mark.parametrize("new_top", [".translate-en_fr-1_0", "tmpa1b2c3d4", "translate-en_fr-1_0~"])
def test_a_hidden_or_temporary_looking_top_folder_is_refused(new_top, model_files, data_dir, tmp_path):
    top = top_folder(model_files["fr"])
    archive = rewrite(model_files["fr"], tmp_path / "hidden.argosmodel",
                      lambda name, data: keep(new_top + name[len(top):], data))
    refused(archive, data_dir, repr(new_top), "folder name")


@pytest.mark.parametrize("stray", ["README.txt", ".DS_Store", "__MACOSX/translate-en_fr-1_0/._metadata.json"])
def test_stray_files_beside_the_package_folder_are_refused(stray, model_files, data_dir, tmp_path):
    archive = with_extra(model_files["fr"], tmp_path / "stray.argosmodel", [(stray, b"x")])
    refused(archive, data_dir, repr(stray), "beside the package folder", "rebuild")


def _with_metadata(good: Path, target: Path, raw: bytes) -> Path:
    return rewrite(good, target, lambda name, data: keep(name, raw if name.endswith("/metadata.json") else data))


def test_an_oversized_metadata_json_is_refused(model_files, data_dir, tmp_path):
    metadata = {"from_code": "en", "to_code": "fr", "type": "translate", "description": os.urandom(1024**2).hex()}
    archive = _with_metadata(model_files["fr"], tmp_path / "big.argosmodel", json.dumps(metadata).encode())
    refused(archive, data_dir, "metadata.json", "larger than")


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deeply_nested_metadata_json_is_refused(depth, model_files, data_dir, tmp_path):
    nested = "[" * depth + "]" * depth
    raw = ('{"from_code": "en", "to_code": "fr", "type": "translate", "tags": ' + nested + "}").encode()
    archive = _with_metadata(model_files["fr"], tmp_path / "deep.argosmodel", raw)
    refused(archive, data_dir, "metadata.json", "nested")


def test_the_good_package_passes_every_limit(model_files, data_dir):
    result = run_cli("models", "install", str(model_files["fr"]))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (data_dir / "models").iterdir()) == [top_folder(model_files["fr"])]
