"""The role is the login's, whatever name is recorded: a recorded "NAME, entered by LOGIN" acts
with LOGIN's role, and a name cannot pass for a login by holding the separator."""

from __future__ import annotations

from dataclasses import replace

import pytest

from workbench.app.glossary_workflow import NotAllowed, Workflow
from workbench.app.identity import login_in, recorded_name, verified_identity
from workbench.errors import UserError

SAGAING_MY = "စစ်ကိုင်းတိုင်း"


def test_recorded_names_name_the_login():
    assert recorded_name("tin", "tin") == "tin"
    assert recorded_name("Daw Khin", "mya") == "Daw Khin, entered by mya"
    assert login_in("Daw Khin, entered by mya") == "mya" and login_in("tin") == "tin"


@pytest.fixture
def roles(workspace):
    creator = workspace.workflow()
    creator.set_role("mya", "editor")
    creator.set_role("tin", "translator")
    entry = workspace.workflow("tin").propose("Sagaing Region", "my", SAGAING_MY)
    return workspace, entry.id


def test_an_editors_login_entering_for_a_translator_decides_and_is_recorded_so(roles):
    workspace, entry_id = roles
    entered = Workflow(workspace.glossary, recorded_name("tin", "mya"))
    assert entered.is_editor
    entered.decide("approve", entry_id, "my", SAGAING_MY)
    assert workspace.glossary.history(entry_id)[-1].actor == "tin, entered by mya"


def test_a_translators_login_is_a_translator_under_any_recorded_name(roles):
    workspace, entry_id = roles
    for workflow in (Workflow(workspace.glossary, "mya", login="tin"), Workflow(workspace.glossary, "mya, entered by tin")):
        assert not workflow.is_editor
        with pytest.raises(NotAllowed, match="tin is a translator"):
            workflow.decide("approve", entry_id, "my", SAGAING_MY)
        with pytest.raises(NotAllowed, match="tin is a translator"):
            workflow.set_role("tin", "editor")
    assert workspace.glossary.entry(entry_id).renderings[0].status == "proposed"
    with pytest.raises(UserError, match="not a login name"):
        workspace.workflow().set_role("mya, entered by tin", "editor")


def test_verified_identity_refuses_a_translators_login_naming_someone(roles):
    workspace, _ = roles
    as_tin = replace(workspace.settings, user=recorded_name("mya", "tin"), login="tin")
    with pytest.raises(UserError, match="tin is a translator: only an editor's login"):
        verified_identity(as_tin, "--as")
    as_mya = replace(workspace.settings, user=recorded_name("tin", "mya"), login="mya")
    assert verified_identity(as_mya, "--as").user == "tin, entered by mya"


def test_a_name_holding_the_separator_is_refused(monkeypatch):
    from workbench.app.config import load_settings

    monkeypatch.setenv("WORKBENCH_USER", "mya, entered by lead")
    with pytest.raises(UserError, match="WORKBENCH_USER"):
        load_settings()
