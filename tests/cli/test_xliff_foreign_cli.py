"""`workbench import FILE.xlf` of files laid out as other tools write them, and `translations export`
writing them back, run as a user would: every untouched element of the original as it was, targets
filled with their codes and states, the export importable again, hostile files refusing and saving
nothing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.support.cli_helpers import assert_one_line_error, run_cli
from tests.support.hostile import database_dump
from tests.support.xliff_compare import assert_untouched, changed_targets, target_state

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "xliff_foreign"
ALL = sorted(path.name for path in FIXTURES.iterdir())


def _import(*paths: Path) -> list[int]:
    result = run_cli("import", *map(str, paths))
    assert result.returncode == 0, result.stderr
    return [int(found) for found in re.findall(r"as article (\d+)", result.stdout)]


def _export(article_id: int, out: Path, *extra: str) -> bytes:
    result = run_cli("translations", "export", str(article_id), "--to", "my", "--out", str(out), *extra)
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


@pytest.mark.parametrize("name", ALL)
def test_import_then_export_unchanged_gives_the_original_byte_for_byte(tmp_path, workspace, name):
    article_id, = _import(FIXTURES / name)
    assert _export(article_id, tmp_path / f"out-{name}") == (FIXTURES / name).read_bytes()


def test_the_files_units_become_segments_with_their_translations_and_states(workspace):
    article_id, = _import(FIXTURES / "omegat_2_1.xlf")
    segments = workspace.store.segments(article_id)
    assert [s.text for s in segments] == ["Floods hit <g1>Sagaing</g1> region.", "The <x1/> sent aid.",
                                          "More rain is expected on <x1/>.", "Read <g1>the full report</g1>.", "Subscribe."]
    assert [s.paragraph_index for s in segments] == [0, 1, 1, 2, 3]  # a unit's segments are one paragraph
    assert "DVB Multimedia Group" not in {s.text for s in segments}  # translate="no": not a segment
    saved = workspace.store.translations(article_id, "my")
    assert [(saved[s.segment_id].status if s.segment_id in saved else None) for s in segments] == [
        "translated", "translated", None, "draft", "translated"]
    from workbench.app.foreign_xliff import foreign_notes

    assert foreign_notes(workspace.store, article_id)[segments[1].segment_id] == ("Two sentences, split by the tool.",)


@pytest.mark.parametrize("name", ALL)
def test_translations_done_here_fill_the_targets_and_nothing_else_changes(tmp_path, workspace, name):
    article_id, = _import(FIXTURES / name)
    segments = workspace.store.segments(article_id)
    saved = workspace.store.translations(article_id, "my")
    for n, segment in enumerate(segments):  # codes kept, moved to the front as Burmese word order may
        codes = " ".join(re.findall(r"</?[gx][0-9]+/?>", segment.text))
        status = "translated" if n % 2 else "draft"
        current = saved.get(segment.segment_id)
        workspace.store.save_translation(article_id, segment.segment_id, "my", f"{codes} ဘာသာပြန် {n}။", status,
                                         "tester", expected_revision=current.revision if current else 0)
    original = (FIXTURES / name).read_bytes()
    exported = _export(article_id, tmp_path / name)
    changed = assert_untouched(original, exported)
    if b"<seg-source>" in original:  # Trados: the units' segments are marks of one target
        assert changed == 2
    else:
        major = 2 if b"document:2.0" in original else 1
        expected = ["initial", "translated"] if major == 2 else ["needs-review-translation", "translated"]
        assert changed == len(segments)
        assert [target_state(new) for _old, new in changed_targets(original, exported)] == [
            expected[n % 2] for n in range(len(segments))]
    again, = _import(tmp_path / name)  # the export, imported as an article of its own: the same work
    back = workspace.store.translations(again, "my")
    mine = workspace.store.translations(article_id, "my")
    assert [(back[s.segment_id].text, back[s.segment_id].status) for s in workspace.store.segments(again)] == [
        (mine[s.segment_id].text, mine[s.segment_id].status) for s in segments]


def test_codes_are_written_back_as_the_exact_xml_of_the_original(tmp_path, workspace):
    article_id, = _import(FIXTURES / "okapi_trados_1_2.sdlxliff")
    second = workspace.store.segments(article_id)[1]
    assert second.text == "Call <x1/> or press <g2>Enter</g2> <x3/>now."
    workspace.store.save_translation(article_id, second.segment_id, "my", "<x3/><x1/> ကို ခေါ်ပါ၊ <g2>Enter</g2> နှိပ်ပါ။",
                                     "translated", "tester", expected_revision=0)
    text = _export(article_id, tmp_path / "out.sdlxliff").decode("utf-8")
    assert ('<target state="translated"><it id="4" pos="open">&lt;u&gt;</it><ph id="1">{0}</ph> ကို ခေါ်ပါ၊ '
            '<bx id="2" rid="r1" ctype="italic"/>Enter<ex id="3" rid="r1"/> နှိပ်ပါ။</target>') in text
    assert "<sdl:seg-defs><sdl:seg id=\"1\" conf=\"Translated\" origin=\"interactive\"/></sdl:seg-defs>" in text


def test_a_file_edited_by_the_partner_imports_into_its_article(tmp_path, workspace):
    article_id, = _import(FIXTURES / "xcode_1_2.xliff")
    path = tmp_path / "back.xliff"
    text = (FIXTURES / "xcode_1_2.xliff").read_text(encoding="utf-8")
    path.write_text(text.replace("<source>Share this story with %@.</source>",
                                 "<source>Share this story with %@.</source><target>%@ နှင့် မျှဝေပါ။</target>"),
                    encoding="utf-8")
    result = run_cli("translations", "import", str(path), "--article", str(article_id))
    assert result.returncode == 0, result.stderr
    assert f"imported 1 translations into article {article_id} (my): 1 translated, 0 drafts" in result.stdout
    share = workspace.store.segments(article_id)[1]
    assert workspace.store.translations(article_id, "my")[share.segment_id].text == "%@ နှင့် မျှဝေပါ။"


def test_the_workbench_own_xliff_is_still_there_for_such_an_article(tmp_path, workspace):
    article_id, = _import(FIXTURES / "angular_2_0.xlf")
    own = _export(article_id, tmp_path / "own.xlf", "--xliff", "2.1").decode("utf-8")
    assert 'xmlns:wb="urn:x-burmese-workbench:xliff"' in own and f'wb:article="{article_id}"' in own


def test_an_export_to_another_language_than_the_files_is_refused(tmp_path, workspace):
    article_id, = _import(FIXTURES / "omegat_2_1.xlf")
    result = run_cli("translations", "export", str(article_id), "--to", "fr", "--out", str(tmp_path / "fr.xlf"))
    assert_one_line_error(result, "is for my, not fr", "--to my")
    assert not (tmp_path / "fr.xlf").exists()


HOSTILE = {
    "control.xlf": (lambda text: text.replace("<target>ရေကြီးမှု", "<target>\x01ရေကြီးမှု"), "control.xlf:10:"),
    "cut.xlf": (lambda text: text[: len(text) // 2], "cut.xlf:"),
    "entities.xlf": (lambda text: text.replace("<xliff ", '<!DOCTYPE xliff [<!ENTITY big "x">]>\n<xliff ', 1),
                     "refusing to expand them"),
    "bad-state.xlf": (lambda text: text.replace('state="reviewed"', 'state="done"'), "bad-state.xlf:15: unit u2"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_files_are_refused_in_one_line_and_nothing_is_stored(tmp_path, data_dir, workspace, name):
    change, fragment = HOSTILE[name]
    path = tmp_path / name
    path.write_text(change((FIXTURES / "omegat_2_1.xlf").read_text(encoding="utf-8")), encoding="utf-8")
    before = database_dump(data_dir)
    result = run_cli("import", str(FIXTURES / "xcode_1_2.xliff"), str(path))
    assert_one_line_error(result, fragment)
    assert database_dump(data_dir) == before


def test_xliff_and_plain_text_articles_are_imported_separately(tmp_path, data_dir, workspace):
    story = tmp_path / "story.txt"
    story.write_text("The council met on Monday.\n", encoding="utf-8")
    before = database_dump(data_dir)
    result = run_cli("import", str(story), str(FIXTURES / "xcode_1_2.xliff"))
    assert_one_line_error(result, "XLIFF files are imported on their own")
    assert database_dump(data_dir) == before


def test_memoq_and_trados_names_are_xliff_too(tmp_path, workspace):
    path = tmp_path / "job.mqxliff"
    shutil.copy(FIXTURES / "xcode_1_2.xliff", path)
    article_id, = _import(path)
    assert len(workspace.store.segments(article_id)) == 4


def test_on_each_backend_the_round_trip_holds(tmp_path, each_backend, workspace):
    article_id, = _import(FIXTURES / "okapi_trados_1_2.sdlxliff")
    first = workspace.store.segments(article_id)[0]
    current = workspace.store.translations(article_id, "my")[first.segment_id]
    workspace.store.save_translation(article_id, first.segment_id, "my", "<g1>ကောင်စီ</g1> <x2/> <g3>နေပြည်တော်</g3>။",
                                     "translated", "tester", expected_revision=current.revision)
    exported = _export(article_id, tmp_path / "out.sdlxliff")
    assert assert_untouched((FIXTURES / "okapi_trados_1_2.sdlxliff").read_bytes(), exported) == 1


def test_the_workbench_own_export_is_pointed_to_translations_import(tmp_path, data_dir, workspace):
    own = tmp_path / "own.xlf"
    _export(1, own, "--xliff", "2.1")
    before = database_dump(data_dir)
    result = run_cli("import", str(own))
    assert_one_line_error(result, "the workbench's own export of article 1", "workbench translations import")
    assert database_dump(data_dir) == before


def test_zawgyi_targets_of_the_file_are_stored_as_unicode_and_said_so(tmp_path, workspace):
    zawgyi = "ျမန္မာႏိုင္ငံ အမ်ိဳးသားညီညြတ္ေရးအစိုးရ"  # Zawgyi for မြန်မာနိုင်ငံ အမျိုးသားညီညွတ်ရေးအစိုးရ
    path = tmp_path / "zawgyi.xliff"
    text = (FIXTURES / "xcode_1_2.xliff").read_text(encoding="utf-8")
    path.write_text(text.replace("ဘန်ကောက်တွင် ဆွေးနွေးပွဲများ ပြန်လည်စတင်။", zawgyi), encoding="utf-8")
    result = run_cli("import", str(path))
    assert result.returncode == 0, result.stderr
    assert "converted 1 Zawgyi translations" in result.stderr
    article_id = int(re.search(r"as article (\d+)", result.stdout).group(1))
    first = workspace.store.segments(article_id)[0]
    assert workspace.store.translations(article_id, "my")[first.segment_id].text == "မြန်မာနိုင်ငံ အမျိုးသားညီညွတ်ရေးအစိုးရ"


def test_a_foreign_article_is_published_without_its_code_tags(tmp_path, workspace):
    article_id, = _import(FIXTURES / "okapi_trados_1_2.sdlxliff")
    for segment in workspace.store.segments(article_id):
        text = "<x3/><x1/> ကို ခေါ်ပါ၊ <g2>Enter</g2> နှိပ်ပါ။" if "<x1/>" in segment.text else "ဘာသာပြန်။"
        workspace.store.save_translation(article_id, segment.segment_id, "my", text, "translated", "tester")
    result = run_cli("publish", str(article_id), "--lang", "my", "--format", "html", "--draft")
    assert result.returncode == 0, result.stderr
    assert "ကို ခေါ်ပါ၊ Enter နှိပ်ပါ။" in result.stdout
    assert not re.search(r"&lt;/?[gx]\d|<[gx]\d", result.stdout)  # no code tag, escaped or not
