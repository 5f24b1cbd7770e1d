"""`workbench models install`: real packages install; crafted bad archives change nothing."""

import json
import stat
import zipfile
from pathlib import Path

import pytest

from tests.cli.test_cli import snapshot_tree
from tests.support.cli_helpers import assert_one_line_error, run_cli


def rewrite(source: Path, target: Path, change) -> Path:
    """Copy an archive entry by entry, letting `change` drop, edit or add entries."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in original.infolist():
            data = original.read(info)
            for name, payload, attr in change(info.filename, data):
                entry = zipfile.ZipInfo(name)
                entry.external_attr = attr
                entry.compress_type = zipfile.ZIP_DEFLATED
                out.writestr(entry, payload)
    return target


def top_folder(archive: Path) -> str:
    with zipfile.ZipFile(archive) as zipped:
        return zipped.namelist()[0].split("/")[0]


def keep(name, data):
    return [(name, data, 0o644 << 16)]


def test_install_and_list_show_both_packages(model_files, data_dir):
    for path in model_files.values():
        result = run_cli("models", "install", str(path))
        assert result.returncode == 0, result.stderr
        assert "installed" in result.stdout
    listing = run_cli("models", "list").stdout.splitlines()
    assert listing[0].split() == ["NAME", "PAIR", "VERSION", "SIZE", "PREFIXES", "LICENCE", "LANGUAGES"]
    rows = {line.split()[0]: line for line in listing[1:]}
    assert rows.keys() == {"translate-en_my-1_0", "translate-en_fr-1_0"}
    my, fr = rows["translate-en_my-1_0"], rows["translate-en_fr-1_0"]
    assert my.split()[1:3] == ["en→my", "1.0"] and "eng_Latn mya_Mymr" in my
    assert my.endswith("English → Burmese — မြန်မာ") and fr.endswith("English → French — français")
    assert fr.split()[5:7] == ["-", "-"]  # no prefixes, no licence in its metadata
    leftovers = [p.name for p in (data_dir / "models").iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_installed_package_is_accepted_by_argostranslate_itself(model_files, installed_models):
    from workbench.mt.argos_env import argos_package_module

    package_module = argos_package_module(installed_models)
    packages = package_module.get_installed_packages([installed_models / "models"])
    pairs = sorted((p.from_code, p.to_code, p.target_prefix) for p in packages)
    assert pairs == [("en", "fr", ""), ("en", "my", "mya_Mymr")]


def test_remove_deletes_the_package_and_an_unknown_name_is_one_line(model_files, data_dir):
    assert run_cli("models", "install", str(model_files["fr"])).returncode == 0
    assert_one_line_error(run_cli("models", "remove", "translate-en_xx"), "no installed package", "translate-en_fr-1_0")
    result = run_cli("models", "remove", "translate-en_fr-1_0")
    assert result.returncode == 0 and "removed translate-en_fr-1_0" in result.stdout
    assert snapshot_tree(data_dir / "models") == {}
    assert "no models installed" in run_cli("models", "list").stdout


def test_reinstalling_with_replace_replaces_the_package_in_place(model_files, data_dir):
    assert run_cli("models", "install", str(model_files["fr"])).returncode == 0
    assert run_cli("models", "install", "--replace", str(model_files["fr"])).returncode == 0
    names = sorted(p.name for p in (data_dir / "models").iterdir())
    assert names == [top_folder(model_files["fr"])]


def _bad_archives(good: Path, tmp: Path) -> dict[str, tuple[Path, str]]:
    top = top_folder(good)
    cases = {
        "dotdot": (lambda n, d: keep(n, d) + ([(f"{top}/../../evil.txt", b"x", 0o644 << 16)] if n.endswith("metadata.json") else []), "outside the package folder"),
        "absolute": (lambda n, d: keep(n, d) + ([("/tmp/evil.txt", b"x", 0o644 << 16)] if n.endswith("metadata.json") else []), "outside the package folder"),
        "symlink": (lambda n, d: keep(n, d) + ([(f"{top}/link", b"/etc/passwd", (stat.S_IFLNK | 0o777) << 16)] if n.endswith("metadata.json") else []), "symbolic link"),
        "no_metadata": (lambda n, d: [] if n.endswith("metadata.json") else keep(n, d), "no metadata.json"),
        "bad_json": (lambda n, d: keep(n, b"{not json" if n.endswith("metadata.json") else d), "invalid metadata.json"),
        "bad_language": (lambda n, d: keep(n, json.dumps({**json.loads(d), "to_code": "zz-notalang"}).encode() if n.endswith("metadata.json") else d), "unknown language"),
        "no_model": (lambda n, d: [] if "/model/" in n else keep(n, d), "no model/model.bin"),
    }
    return {name: (rewrite(good, tmp / f"{name}.argosmodel", change), message) for name, (change, message) in cases.items()}


@pytest.mark.parametrize("case", ["dotdot", "absolute", "symlink", "no_metadata", "bad_json", "bad_language", "no_model"])
def test_crafted_bad_archive_is_refused_and_nothing_is_written(case, model_files, data_dir, tmp_path):
    archive, message = _bad_archives(model_files["fr"], tmp_path)[case]
    result = run_cli("models", "install", str(archive))
    assert_one_line_error(result, archive.name, message)
    assert snapshot_tree(data_dir / "models") == {}
    assert not (tmp_path.parent / "evil.txt").exists()


def test_zip_bomb_declaring_gigabytes_is_refused_before_extraction(tmp_path, data_dir):
    bomb = tmp_path / "bomb.argosmodel"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("translate-en_fr-1_0/metadata.json", json.dumps({"from_code": "en", "to_code": "fr"}))
        with zipped.open("translate-en_fr-1_0/model/model.bin", "w", force_zip64=True) as stream:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(300):  # 300 MiB of zeros compress to a few hundred KiB
                stream.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    result = run_cli("models", "install", str(bomb))
    assert_one_line_error(result, "bomb.argosmodel", "zip bomb")
    assert snapshot_tree(data_dir / "models") == {}


def test_truncated_archive_is_refused(model_files, tmp_path, data_dir):
    whole = model_files["fr"].read_bytes()
    cut = tmp_path / "cut.argosmodel"
    cut.write_bytes(whole[: len(whole) // 2])
    result = run_cli("models", "install", str(cut))
    assert_one_line_error(result, "cut.argosmodel")
    assert snapshot_tree(data_dir / "models") == {}
