"""The core never imports Textual or Rich (as Harlequin enforces for its core)."""

import pkgutil
import subprocess
import sys

import pytest

import workbench

CORE_MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(workbench.__path__, "workbench.")
    if not info.name.startswith("workbench.tui") and info.name != "workbench.__main__"
)


def test_core_module_list_is_not_empty():
    assert {"workbench.articles.parsing", "workbench.articles.segmentation", "workbench.storage.store", "workbench.mt.argos",
            "workbench.mt.pack", "workbench.mt.index", "workbench.cli.models_commands",
            "workbench.app.multi_target", "workbench.mt.pivot", "workbench.cli.progress"} <= set(CORE_MODULES)
    assert {"workbench.myanmar.encoding", "workbench.myanmar.lines", "workbench.myanmar.order",
            "workbench.qa.encoding_checks"} <= set(CORE_MODULES)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_load_textual_or_rich(module):
    code = (
        f"import sys, {module}\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"{module} loaded {result.stdout.strip()}"


def test_the_cli_without_the_tui_does_not_load_textual(tmp_path):
    code = (
        "import sys\nfrom workbench.cli.main import main\n"
        "main(['--data-dir', sys.argv[1], 'articles'])\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'CLEAN', file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert result.stderr.strip().endswith("CLEAN"), result.stderr
