"""Glossary decisions with real concurrent processes on one SQLite file: no acknowledged decision is lost."""

from __future__ import annotations

import multiprocessing

import pytest

from workbench.app.config import load_settings
from workbench.app.glossary_merge import merge_glossary
from workbench.app.workspace import open_workspace
from workbench.errors import UserError
from workbench.glossary.model import APPROVED, PROPOSED, Entry, Rendering, Term

pytestmark = pytest.mark.usefixtures("each_backend")  # on SQLite and on PostgreSQL


def _approver(name: str, rounds: int, results) -> None:
    """An editor approving fresh French renderings of the NUG entry, without --revision."""
    workspace = open_workspace(load_settings())
    acknowledged = []
    for n in range(rounds):
        text = f"{name} rendu {n}"
        try:
            workspace.workflow().decide("approve", "national-unity-government", "fr", text)
        except UserError:
            continue  # told it did not happen: not acknowledged
        acknowledged.append(text)
    workspace.close()
    results.put(acknowledged)


def _importer(rounds: int, results) -> None:
    """An editor importing a large file that also touches the NUG entry, again and again."""
    workspace = open_workspace(load_settings())
    file_entries = [Entry(f"filler-{n}", (Term(f"Filler term {n}"),), (Rendering("ja", f"用語{n}", PROPOSED),))
                    for n in range(300)]
    conflicts = 0
    for n in range(rounds):
        nug = Entry("national-unity-government", (Term("National Unity Government"),), (Rendering("ja", f"国民統一政府 {n}", PROPOSED),))
        report = merge_glossary(workspace.workflow(), [*file_entries, nug], "partner.tbx")
        conflicts += sum("changed by someone else" in line for line in report.conflicts)
    workspace.close()
    results.put(conflicts)


def _run(processes) -> list:
    for process in processes:
        process.start()
    return processes


def test_two_editors_approving_without_revision_both_stay_approved(settings):
    open_workspace(settings).close()  # the project, its curated glossary and its first editor
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    workers = _run([context.Process(target=_approver, args=(name, 15, results)) for name in ("a", "b")])
    acknowledged = [text for _ in workers for text in results.get(timeout=180)]
    for worker in workers:
        worker.join(timeout=60)
    workspace = open_workspace(load_settings())
    entry = workspace.glossary.entry("national-unity-government")
    history = workspace.glossary.history("national-unity-government")
    workspace.close()
    approved = {r.text for r in entry.renderings if r.lang == "fr" and r.status == APPROVED}
    assert len(acknowledged) == 30 and set(acknowledged) <= approved
    assert {event.rendering for event in history if event.action == "approve"} >= set(acknowledged)


def test_an_import_never_overwrites_an_approval_made_while_it_ran(settings):
    open_workspace(settings).close()
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    workers = _run([context.Process(target=_importer, args=(6, results)),
                    context.Process(target=_approver, args=("ed", 20, results))])
    first, second = results.get(timeout=300), results.get(timeout=300)
    for worker in workers:
        worker.join(timeout=60)
    acknowledged = first if isinstance(first, list) else second
    workspace = open_workspace(load_settings())
    entry = workspace.glossary.entry("national-unity-government")
    workspace.close()
    approved = {r.text for r in entry.renderings if r.lang == "fr" and r.status == APPROVED}
    assert acknowledged and set(acknowledged) <= approved  # every approval the editor was told of is there
