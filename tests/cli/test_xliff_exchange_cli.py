"""`workbench translations export|import` with XLIFF 2.1 and 1.2, run as a translator would: the file
edited as another tool rewrites it (ElementTree, its own namespace prefixes), states both ways, files
from other tools, and every refusal saving nothing."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.support.cli_helpers import assert_one_line_error, run_cli

X1 = "{urn:oasis:names:tc:xliff:document:1.2}"
X2 = "{urn:oasis:names:tc:xliff:document:2.0}"


def _export(tmp_path: Path, version: str, name: str = "article.xlf") -> Path:
    out = tmp_path / name
    result = run_cli("translations", "export", "1", "--to", "my", "--out", str(out), "--xliff", version)
    assert result.returncode == 0, result.stderr
    return out


def _fill(path: Path, targets: dict[str, tuple[str, str]]) -> None:
    """New targets {segment id: (text, state)}, written back as another XML tool would."""
    tree = ET.parse(path)
    root = tree.getroot()
    version_1 = root.tag == f"{X1}xliff"
    for unit in root.iter(f"{X1}trans-unit" if version_1 else f"{X2}unit"):
        key = unit.get("id").replace(".", "+")
        if key not in targets:
            continue
        text, state = targets[key]
        holder = unit if version_1 else unit.find(f"{X2}segment")
        target = holder.find(f"{X1 if version_1 else X2}target")
        if target is None:
            target = ET.SubElement(holder, f"{X2}target")
        target.text = text
        if version_1 and state == "approved":
            unit.set("approved", "yes")
        elif version_1:
            target.set("state", state)
        else:
            holder.set("state", state)
    tree.write(path, xml_declaration=True, encoding="utf-8")


def _segments(workspace) -> list[str]:
    return [segment.segment_id for segment in workspace.store.segments(1)]


@pytest.mark.parametrize(("version", "states"), [
    ("2.1", ("translated", "initial", "reviewed", "final")),
    ("1.2", ("translated", "needs-review-translation", "signed-off", "approved")),
])
def test_export_edit_import_maps_the_states(tmp_path, workspace, version, states):
    path = _export(tmp_path, version)
    ids = _segments(workspace)[:4]
    _fill(path, {segment_id: (f"ဘာသာပြန် {n}", state) for n, (segment_id, state) in enumerate(zip(ids, states, strict=True))})
    result = run_cli("translations", "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "imported 4 translations into article 1 (my): 3 translated, 1 drafts" in result.stdout
    assert "2 units marked" in result.stderr and "imported as translated (the workbench has no review states yet)" in result.stderr
    saved = workspace.store.translations(1, "my")
    assert [saved[segment_id].status for segment_id in ids] == ["translated", "draft", "translated", "translated"]
    assert {row.how for row in workspace.store.translation_history(1, "my")} == {"import"}
    again = run_cli("translations", "import", str(path))
    assert "imported 0 translations" in again.stdout


@pytest.mark.parametrize("version", ["2.1", "1.2"])
def test_the_export_carries_states_qa_and_glossary_notes(tmp_path, workspace, version):
    first, second = _segments(workspace)[2:4]
    workspace.store.save_translation(1, first, "my", "ပြီးပြီ", "translated", "tester")
    workspace.store.save_translation(1, second, "my", "မူကြမ်း", "draft", "tester")
    root = ET.parse(_export(tmp_path, version)).getroot()
    text = ET.tostring(root, encoding="unicode")
    assert "QA warning (untranslated)" in text and "glossary: " in text
    if version == "2.1":
        segments = {unit.get("id"): unit.find(f"{X2}segment") for unit in root.iter(f"{X2}unit")}
        assert (segments[first].get("state"), segments[second].get("state")) == ("translated", "initial")
        assert segments[second].find(f"{X2}target").text == "မူကြမ်း"
    else:
        targets = {unit.get("id"): unit.find(f"{X1}target") for unit in root.iter(f"{X1}trans-unit")}
        assert (targets[first].get("state"), targets[second].get("state")) == ("translated", "needs-review-translation")


def test_importing_over_a_later_edit_is_refused_and_saves_nothing(tmp_path, workspace):
    path = _export(tmp_path, "1.2")
    first, second = _segments(workspace)[:2]
    workspace.store.save_translation(1, first, "my", "ရုံးမှ", "translated", "ed", expected_revision=0)
    _fill(path, {first: ("ဖိုင်မှ", "translated"), second: ("ဖိုင်မှ", "translated")})
    result = run_cli("translations", "import", str(path))
    assert_one_line_error(result, "was changed in the workbench since this file was exported", "nothing was changed")
    saved = workspace.store.translations(1, "my")
    assert saved[first].text == "ရုံးမှ" and second not in saved


def test_a_cut_file_is_refused_with_its_line_and_saves_nothing(tmp_path, workspace):
    path = _export(tmp_path, "2.1")
    _fill(path, {_segments(workspace)[0]: ("ပထမ", "translated")})
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    result = run_cli("translations", "import", str(path))
    assert_one_line_error(result, f"{path}:", "not well-formed XML", "cut short")
    assert workspace.store.translations(1, "my") == {}


def _tool_file(first: str, second: str, second_target: str) -> str:
    """A memoQ/Okapi-style XLIFF 2.0 for article 1: its own namespace and units, groups, inline markup."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mq="MQXliff" version="2.0" srcLang="en" trgLang="my-MM">
  <file id="f1" original="article.html" mq:job="7">
    <unit id="title-1" mq:status="ManuallyConfirmed"><segment state="final"><source>Menu</source><target>မီနူး</target></segment></unit>
    <group id="body">
      <unit id="{first}"><mq:extra>kept</mq:extra><segment state="translated"><source>{{source}}</source>
        <target><mrk id="m1" type="term">NUG</mrk> က ပေးမည်</target></segment></unit>
      <unit id="{second}"><segment state="translated"><source>{{second_source}}</source>{second_target}</segment></unit>
    </group>
  </file>
</xliff>
"""


def _tool_path(tmp_path: Path, workspace, second_target: str) -> Path:
    segments = workspace.store.segments(1)
    text = _tool_file(segments[0].segment_id, segments[1].segment_id, second_target)
    text = text.replace("{source}", segments[0].text.replace("&", "&amp;").replace("<", "&lt;"))
    text = text.replace("{second_source}", segments[1].text.replace("&", "&amp;").replace("<", "&lt;"))
    path = tmp_path / "from-tool.xliff"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_from_another_tool_imports_what_is_the_articles(tmp_path, workspace):
    path = _tool_path(tmp_path, workspace, "<target>ဒုတိယ</target>")
    result = run_cli("translations", "import", str(path))
    assert_one_line_error(result, "does not say which article", "--article")
    result = run_cli("translations", "import", str(path), "--article", "1")
    assert result.returncode == 0, result.stderr
    assert "imported 2 translations" in result.stdout
    assert "1 units left alone (not a segment of the article)" in result.stderr
    assert "read as my" in result.stderr
    first, second = _segments(workspace)[:2]
    saved = workspace.store.translations(1, "my")
    assert (saved[first].text, saved[second].text) == ("NUG က ပေးမည်", "ဒုတိယ")


def test_a_code_the_workbench_cannot_map_refuses_the_file_and_saves_nothing(tmp_path, workspace):
    path = _tool_path(tmp_path, workspace, '<target>ဒုတိယ<ph id="1" equiv="{0}"/></target>')
    result = run_cli("translations", "import", str(path), "--article", "1")
    assert_one_line_error(result, "its target holds an inline code <ph>", "nothing was changed")
    assert workspace.store.translations(1, "my") == {}


def test_a_po_file_named_xlf_is_read_as_po(tmp_path, workspace):
    po = tmp_path / "a.po"
    assert run_cli("translations", "export", "1", "--to", "my", "--out", str(po)).returncode == 0
    misnamed = tmp_path / "a.xlf"
    misnamed.write_bytes(po.read_bytes())
    result = run_cli("translations", "import", str(misnamed))
    assert result.returncode == 0, result.stderr
    assert "holds a PO file, read as PO" in result.stderr


@pytest.mark.parametrize(("args", "expected"), [
    (("translations", "export", "1", "--to", "my", "--out", "x.po", "--xliff", "1.2"), "--xliff is for XLIFF files"),
    (("translations", "export", "1", "--to", "my", "--out", "x.xml"), "use a name ending in .po, .xlf or .xliff"),
    (("translations", "export", "1", "--to", "my", "--out", "x.xlf", "--xliff", "3.0"), "invalid choice: '3.0'"),
    (("translations", "import", "missing.xlf"), "missing.xlf does not exist"),
])
def test_mistakes_are_one_line(tmp_path, monkeypatch, args, expected):
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(run_cli(*args), expected)
    assert not any(tmp_path.glob("x.*"))
