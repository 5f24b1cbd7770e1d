"""workbench.mt.package_check: the child process that loads a package before it is installed."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from workbench.errors import UserError


def staged(archive: Path, staging: Path) -> Path:
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(staging / "models")
    return staging


def test_a_good_package_passes_in_the_child(model_files, tmp_path):
    from workbench.mt.package_check import check_in_child

    check_in_child(staged(model_files["my"], tmp_path / "staging"), model_files["my"], intra_threads=1)


def test_a_child_that_takes_too_long_is_given_up_on(model_files, tmp_path):
    from workbench.mt.package_check import check_in_child

    with pytest.raises(UserError, match=r"did not load and translate a test sentence within 0\.01 s"):
        check_in_child(staged(model_files["fr"], tmp_path / "staging"), model_files["fr"], 1, timeout=0.01)


def test_a_package_that_fails_at_translate_time_names_itself_and_the_remove_command():
    from workbench.mt.package_check import unusable_installed_package

    error = unusable_installed_package("translate-en_my-1_0", RuntimeError("Unsupported model\nbinary version"))
    assert str(error) == ("the installed package translate-en_my-1_0 cannot be loaded (Unsupported model binary "
                          "version); remove it with `workbench models remove translate-en_my-1_0` and install it again")
