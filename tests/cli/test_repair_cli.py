"""The record from the command line: translation history, glossary edit/remove, export --skip-invalid."""

from __future__ import annotations

from tests.support.cli_helpers import assert_one_line_error, run_cli
from tests.support.logins import login
from workbench.app.workspace import open_workspace
from workbench.glossary.model import Entry, Rendering, Term


def test_translations_history_prints_every_version(settings):
    workspace = open_workspace(settings)
    segment = workspace.store.segments(1)[1].segment_id
    workspace.store.save_translation(1, segment, "my", "ပထမ", "draft", "tin", expected_revision=0)
    workspace.store.save_translation(1, segment, "my", "ဒုတိယ", "translated", "mya", expected_revision=1)
    workspace.close()
    result = run_cli("translations", "history", "1", "2", "--to", "MY")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split("\t") == ["segment", "revision", "at", "author", "how", "status", "text"]
    assert [line.split("\t")[1:2] + line.split("\t")[3:] for line in lines[1:]] == [
        ["1", "tin", "typed", "draft", "ပထမ"], ["2", "mya", "typed", "translated", "ဒုတိယ"]]
    assert_one_line_error(run_cli("translations", "history", "1", "999", "--to", "my"), "has no segment 999")


def test_an_editor_repairs_an_entry_that_blocked_every_export(settings, tmp_path):
    workspace = open_workspace(settings)
    workspace.glossary.write(Entry("broken", (Term("Bad\x07term"),), (Rendering("my", "ဆိုး"),)), "import", [], 0)
    workspace.close()
    out = tmp_path / "all.tbx"
    assert_one_line_error(run_cli("glossary", "export", str(out)), "cannot export 1 glossary entry", "--skip-invalid")
    skipped = run_cli("glossary", "export", str(out), "--skip-invalid")
    assert skipped.returncode == 0 and "1 skipped" in skipped.stdout and "'broken'" in skipped.stderr
    edited = run_cli("glossary", "edit", "broken", "--term", "Bad\x07term=Bad term", "--remove-rendering", "my:ဆိုး")
    assert edited.returncode == 0, edited.stderr
    assert run_cli("glossary", "export", str(out)).returncode == 0
    assert_one_line_error(run_cli("glossary", "remove", "broken", "--reason", "dup", env=login("tin")), "only an editor")
    assert run_cli("glossary", "remove", "broken", "--reason", "duplicate").returncode == 0
    history = run_cli("glossary", "history", "broken").stdout
    assert "edit" in history and "remove" in history
