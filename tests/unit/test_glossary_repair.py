"""Editors repair entries (edit, remove) with history; an export skips what no format can hold only when asked."""

from __future__ import annotations

import pytest

from workbench.app.glossary_repair import EntryEdit, edit_entry, remove
from workbench.errors import UserError
from workbench.formats.glossary_io import read_glossary, write_glossary
from workbench.glossary.model import Entry, Rendering, Term

pytestmark = pytest.mark.usefixtures("each_backend")  # on SQLite and on PostgreSQL


def _bad_entry(workspace) -> None:
    """An entry with a control character in its term, as a hostile TBX could once leave behind."""
    workspace.glossary.write(Entry("broken", (Term("Bad\x07term"),), (Rendering("my", "ဆိုး"),)), "import", [], 0)


def test_one_bad_entry_no_longer_blocks_every_export(workspace, tmp_path):
    _bad_entry(workspace)
    out = tmp_path / "all.csv"
    with pytest.raises(UserError, match=r"cannot export 1 glossary entry \('broken'.*U\+0007.*--skip-invalid"):
        write_glossary(workspace.glossary.entries(), out)
    assert not out.exists()
    problems = write_glossary(workspace.glossary.entries(), out, skip_invalid=True)
    assert len(problems) == 1 and problems[0].startswith("'broken':")
    written = {entry.id for entry in read_glossary(out)}
    assert "broken" not in written and "national-unity-government" in written


def test_an_editor_repairs_then_removes_an_entry_and_the_history_says_so(workspace, tmp_path):
    _bad_entry(workspace)
    workflow = workspace.workflow()  # the project's creator: an editor
    repaired = edit_entry(workflow, "broken", EntryEdit(replace_terms={"Bad\x07term": "Bad term"},
                                                        remove_renderings=(("MY", "ဆိုး"),)))
    assert [t.text for t in repaired.terms] == ["Bad term"] and repaired.renderings == ()
    write_glossary(workspace.glossary.entries(), tmp_path / "ok.tbx")  # exports whole again
    with pytest.raises(UserError, match="control character"):
        edit_entry(workflow, "broken", EntryEdit(replace_terms={"Bad term": "Bad\x1b[2Jterm"}))
    remove(workflow, "broken", "duplicate of an existing entry")
    assert workspace.glossary.entry("broken") is None
    assert [event.action for event in workspace.glossary.history("broken")][-3:] == ["edit", "edit", "remove"]


def test_translators_cannot_edit_or_remove_and_a_stale_revision_is_refused(workspace):
    _bad_entry(workspace)
    with pytest.raises(UserError, match="only an editor can remove"):
        remove(workspace.workflow("tin"), "broken", "why")
    editor = workspace.workflow()
    revision = workspace.glossary.revision("broken")
    edit_entry(editor, "broken", EntryEdit(definition="first"), expected_revision=revision)
    with pytest.raises(UserError, match="changed meanwhile"):
        edit_entry(editor, "broken", EntryEdit(definition="second"), expected_revision=revision)
    assert workspace.glossary.entry("broken").definition == "first"
