"""`workbench models install`: a package must load and translate before it is moved into place.

The archives here pass every archive rule; what is wrong is inside the files, so only
loading them (in the install's child process) can tell.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli.test_model_install import keep, rewrite
from tests.cli.test_model_install_limits import listing
from tests.support.cli_helpers import assert_one_line_error, run_cli

GARBAGE = bytes(range(7, 256)) * 200  # no CTranslate2 or SentencePiece header in it


@pytest.fixture(scope="module")
def installed_template(tmp_path_factory, model_files) -> Path:
    """A models folder with the good en→my and en→fr installed, built once for the module."""
    from workbench.mt.packages import install_package

    folder = tmp_path_factory.mktemp("installed")
    for path in model_files.values():
        install_package(path, folder)
    return folder / "models"


@pytest.fixture
def with_my_installed(installed_template, data_dir) -> Path:
    shutil.copytree(installed_template / "translate-en_my-1_0", data_dir / "models" / "translate-en_my-1_0")
    return data_dir


def _swap(name_end: str, replacement):
    def change(name, data):
        if not name.endswith(name_end):
            return keep(name, data)
        return replacement(name, data)
    return change


BROKEN = {
    "garbage model.bin": (_swap("/model/model.bin", lambda name, data: keep(name, GARBAGE)),
                          ["translate-en_fr-1_0/model/model.bin", "does not load", "Unsupported model binary",
                           "nothing was installed"]),
    "garbage sentencepiece.model": (_swap("/sentencepiece.model", lambda name, data: keep(name, GARBAGE)),
                                    ["tokenizer translate-en_fr-1_0/sentencepiece.model", "does not load", "nothing was installed"]),
    "model.bin is a folder": (_swap("/model/model.bin", lambda name, data: [(name + "/", b"", 0o40755 << 16),
                                                                           (name + "/weights", data, 0o644 << 16)]),
                              ["translate-en_fr-1_0/model/model.bin is a folder"]),
    "no vocabulary": (_swap("/model/shared_vocabulary.json", lambda name, data: []),
                      ["model/model.bin does not load", "vocabulary"]),
    "no model config": (_swap("/model/config.json", lambda name, data: []), ["model/model.bin does not load"]),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_package_that_does_not_load_is_refused_and_nothing_is_left(case, model_files, with_my_installed, tmp_path):
    change, fragments = BROKEN[case]
    archive = rewrite(model_files["fr"], tmp_path / "broken.argosmodel", change)
    before = listing(with_my_installed)
    result = run_cli("models", "install", str(archive))
    assert_one_line_error(result, "broken.argosmodel is refused", *fragments)
    assert str(tmp_path / "workspace") not in result.stderr  # files named as in the archive, not the staging folder
    assert listing(with_my_installed) == before


def _translate():
    return run_cli("translate", "1", "--to", "my")  # a seed article: the workspace makes them on first use


def test_the_installed_package_translates(with_my_installed):
    result = _translate()
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("damaged", ["model/model.bin", "sentencepiece.model"])
def test_a_damaged_installed_package_is_one_line_at_translate_time(damaged, with_my_installed):
    (with_my_installed / "models" / "translate-en_my-1_0" / damaged).write_bytes(GARBAGE)
    result = _translate()
    assert_one_line_error(result, "translate-en_my-1_0", "`workbench models remove translate-en_my-1_0`")
