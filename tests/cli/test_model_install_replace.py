"""`workbench models install`: a package folder that is already installed is replaced only when asked.

Same name, same pair: refused unless `--replace`. Same name, another pair: always refused
(`--replace` too), with the command that removes the installed one.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli.test_model_install import keep, rewrite, top_folder
from tests.cli.test_model_install_limits import listing
from tests.support.cli_helpers import assert_one_line_error, run_cli


@pytest.fixture(scope="module")
def fr_template(tmp_path_factory, model_files) -> Path:
    """en→fr installed once for the module; each test gets a copy."""
    from workbench.mt.packages import install_package

    folder = tmp_path_factory.mktemp("installed")
    install_package(model_files["fr"], folder)
    return folder / "models"


@pytest.fixture
def with_fr_installed(fr_template, data_dir) -> Path:
    shutil.copytree(fr_template, data_dir / "models")
    return data_dir


def version_1_1(good: Path, target: Path) -> Path:
    def change(name, data):
        if name.endswith("/metadata.json"):
            data = json.dumps({**json.loads(data), "package_version": "1.1"}).encode()
        return keep(name, data)
    return rewrite(good, target, change)


def burmese_named_like_french(model_files, target: Path) -> Path:
    """The en→my package, its folder renamed to the installed en→fr package's name."""
    old, new = top_folder(model_files["my"]), top_folder(model_files["fr"])
    return rewrite(model_files["my"], target, lambda name, data: keep(new + name[len(old):], data))


@pytest.mark.parametrize("flags", [[], ["--replace"]])
def test_a_package_of_another_pair_under_an_installed_name_is_refused(flags, model_files, with_fr_installed, tmp_path):
    archive = burmese_named_like_french(model_files, tmp_path / "clash.argosmodel")
    before = listing(with_fr_installed)
    result = run_cli("models", "install", *flags, str(archive))
    assert_one_line_error(result, "clash.argosmodel", "en→my", "already installed for en→fr",
                          "`workbench models remove translate-en_fr-1_0`")
    assert listing(with_fr_installed) == before


def test_the_same_package_again_needs_replace(model_files, with_fr_installed):
    before = listing(with_fr_installed)
    result = run_cli("models", "install", str(model_files["fr"]))
    assert_one_line_error(result, "translate-en_fr-1_0 (en→fr version 1.0) is already installed", "--replace")
    assert listing(with_fr_installed) == before


def test_replace_swaps_in_the_new_version_and_leaves_nothing_else(model_files, with_fr_installed, tmp_path):
    newer = version_1_1(model_files["fr"], tmp_path / "newer.argosmodel")
    result = run_cli("models", "install", "--replace", str(newer))
    assert result.returncode == 0, result.stderr
    assert "installed translate-en_fr-1_0: en→fr version 1.1" in result.stdout
    assert sorted(p.name for p in (with_fr_installed / "models").iterdir()) == ["translate-en_fr-1_0"]
    [row] = run_cli("models", "list").stdout.splitlines()[1:]
    assert row.split()[:3] == ["translate-en_fr-1_0", "en→fr", "1.1"]


def test_replace_keeps_the_installed_package_when_the_new_one_is_refused(model_files, with_fr_installed, tmp_path):
    broken = rewrite(model_files["fr"], tmp_path / "broken.argosmodel",
                     lambda name, data: keep(name, b"\0garbage" * 100 if name.endswith("/model/model.bin") else data))
    before = listing(with_fr_installed)
    result = run_cli("models", "install", "--replace", str(broken))
    assert_one_line_error(result, "broken.argosmodel is refused", "model.bin")
    assert listing(with_fr_installed) == before


def test_a_folder_in_the_way_that_is_no_package_is_cleared_only_with_replace(model_files, data_dir):
    in_the_way = data_dir / "models" / top_folder(model_files["fr"])
    in_the_way.mkdir(parents=True)
    (in_the_way / "metadata.json").write_text("{cut short", encoding="utf-8")  # `models list` skips it
    before = listing(data_dir)
    assert_one_line_error(run_cli("models", "install", str(model_files["fr"])), "is not a usable package", "--replace")
    assert listing(data_dir) == before
    result = run_cli("models", "install", "--replace", str(model_files["fr"]))
    assert result.returncode == 0, result.stderr
    assert "translate-en_fr-1_0" in run_cli("models", "list").stdout
