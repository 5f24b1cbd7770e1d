"""Translators propose, editors decide, nobody's work is lost, and history is only appended."""

import pytest

from workbench.app.glossary_workflow import ChangedMeanwhile, NotAllowed
from workbench.errors import UserError

pytestmark = pytest.mark.usefixtures("each_backend")  # on SQLite and on PostgreSQL

NUG_MY = "အမျိုးသားညီညွတ်ရေးအစိုးရ"


@pytest.fixture(autouse=True)
def empty_glossary(tmp_path, monkeypatch):
    """These tests build their own entries; the curated glossary is tested elsewhere."""
    folder = tmp_path / "no-glossary"
    folder.mkdir()
    monkeypatch.setenv("WORKBENCH_GLOSSARY_DIR", str(folder))


@pytest.fixture
def roles(workspace):
    """The creator of the project (the login user) is its first editor; add one more of each."""
    creator = workspace.workflow()
    assert creator.is_editor
    creator.set_role("mya", "editor")
    creator.set_role("tin", "translator")
    return {"creator": creator, "mya": workspace.workflow("mya"), "tin": workspace.workflow("tin"),
            "stranger": workspace.workflow("stranger")}


def test_a_translator_proposes_a_term_with_a_rendering(roles, workspace):
    entry = roles["tin"].propose("Sagaing Region", "my", "စစ်ကိုင်းတိုင်း", note="as in DVB")
    assert entry.id == "sagaing-region" and entry.preferred == "Sagaing Region"
    assert [(r.lang, r.text, r.status) for r in entry.renderings] == [("my", "စစ်ကိုင်းတိုင်း", "proposed")]
    events = workspace.glossary.history(entry.id)
    assert [(e.actor, e.action, e.new_status) for e in events] == [("tin", "propose-term", "proposed"), ("tin", "propose", "proposed")]
    assert events[1].reason == "as in DVB"


def test_proposing_a_rendering_for_an_existing_term_finds_it_by_its_english_text(roles):
    roles["tin"].propose("Sagaing Region")
    entry = roles["stranger"].propose("sagaing region", "fr", "région de Sagaing")
    assert entry.id == "sagaing-region" and entry.renderings[0].lang == "fr"
    with pytest.raises(UserError, match="already a fr rendering of sagaing-region .proposed."):
        roles["tin"].propose("Sagaing Region", "fr", "région de Sagaing")


def test_a_translator_who_tries_to_approve_is_refused_and_nothing_changes(roles, workspace):
    entry = roles["tin"].propose("National Unity Government", "my", NUG_MY)
    before = (workspace.glossary.entry(entry.id), workspace.glossary.history(entry.id), workspace.glossary.version())
    with pytest.raises(NotAllowed, match="only an editor can approve"):
        roles["tin"].decide("approve", entry.id, "my", NUG_MY)
    assert (workspace.glossary.entry(entry.id), workspace.glossary.history(entry.id), workspace.glossary.version()) == before


def test_an_editor_approves_rejects_forbids_and_deprecates_with_who_when_why(roles, workspace):
    entry = roles["tin"].propose("National League for Democracy", "my", "အမျိုးသားဒီမိုကရေစီအဖွဲ့ချုပ်")
    roles["tin"].propose("National League for Democracy", "my", "အမျိုးသားဒီမိုကရေစီအဖွဲချုပ်")
    roles["tin"].propose("National League for Democracy", "fr", "LND")
    mya = roles["mya"]
    mya.decide("approve", entry.id, "my", "အမျိုးသားဒီမိုကရေစီအဖွဲ့ချုပ်")
    mya.decide("forbid", entry.id, "my", "အမျိုးသားဒီမိုကရေစီအဖွဲချုပ်", reason="missing ့ (seen misspelling)")
    with pytest.raises(UserError, match="needs a reason"):
        mya.decide("reject", entry.id, "fr", "LND")
    mya.decide("reject", entry.id, "fr", "LND", reason="French media write NLD")
    final = mya.decide("deprecate", entry.id, "my", "အမျိုးသားဒီမိုကရေစီအဖွဲ့ချုပ်", reason="style change")
    assert [(r.lang, r.status) for r in final.renderings] == [("my", "deprecated"), ("my", "forbidden"), ("fr", "rejected")]
    decisions = [e for e in workspace.glossary.history(entry.id) if e.actor == "mya"]
    assert [(e.action, e.old_status, e.new_status) for e in decisions] == [
        ("approve", "proposed", "approved"), ("forbid", "proposed", "forbidden"),
        ("reject", "proposed", "rejected"), ("deprecate", "approved", "deprecated")]
    assert decisions[2].reason == "French media write NLD" and all(e.at is not None for e in decisions)


def test_two_editors_acting_at_once_the_second_is_told_and_nothing_is_lost(roles, workspace):
    entry = roles["tin"].propose("People's Embrace", "my", "ပြည်သူ့ရင်ခွင်")
    seen_by_both = workspace.glossary.revision(entry.id)
    roles["mya"].decide("approve", entry.id, "my", "ပြည်သူ့ရင်ခွင်", expected_revision=seen_by_both)
    with pytest.raises(ChangedMeanwhile, match="changed meanwhile: mya did approve"):
        roles["creator"].decide("reject", entry.id, "my", "ပြည်သူ့ရင်ခွင်", reason="no", expected_revision=seen_by_both)
    current = workspace.glossary.entry(entry.id)
    assert current.approved("my").text == "ပြည်သူ့ရင်ခွင်"
    assert [e.action for e in workspace.glossary.history(entry.id)][-1] == "approve"


def test_history_is_only_ever_appended(roles, workspace):
    entry = roles["tin"].propose("Nyi Thuta", "my", "ညီသုတ")
    snapshots = [workspace.glossary.history(entry.id)]
    roles["mya"].decide("approve", entry.id, "my", "ညီသုတ")
    snapshots.append(workspace.glossary.history(entry.id))
    roles["mya"].decide("deprecate", entry.id, "my", "ညီသုတ", reason="spelling")
    snapshots.append(workspace.glossary.history(entry.id))
    for earlier, later in zip(snapshots, snapshots[1:], strict=False):
        assert later[: len(earlier)] == earlier and len(later) == len(earlier) + 1


def test_every_change_moves_the_glossary_version(roles, workspace):
    start = workspace.glossary.version()
    entry = roles["tin"].propose("Nyi Thuta", "my", "ညီသုတ")
    roles["mya"].decide("approve", entry.id, "my", "ညီသုတ")
    assert workspace.glossary.version() == start + 2


def test_roles_are_managed_by_editors_only(roles, workspace):
    with pytest.raises(NotAllowed):
        roles["tin"].set_role("tin", "editor")
    assert roles["tin"].role == "translator" and roles["stranger"].role == "translator"
    with pytest.raises(UserError, match="unknown role"):
        roles["mya"].set_role("tin", "boss")


def test_deciding_on_an_unknown_entry_or_language_is_one_clear_error(roles):
    with pytest.raises(UserError, match="no glossary entry 'nope'"):
        roles["mya"].decide("approve", "nope", "my", "x")
    entry = roles["tin"].propose("Nyi Thuta")
    with pytest.raises(UserError, match="unknown language code"):
        roles["mya"].decide("approve", entry.id, "qq-zz", "x")
