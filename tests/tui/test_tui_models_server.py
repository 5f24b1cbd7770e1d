"""The Models screen with WORKBENCH_MT_SERVER: the server's languages, and that the text goes there."""

from __future__ import annotations

import socket

from textual.widgets import DataTable, Static

from tests.support.serve_process import running_serve
from workbench.app.config import load_settings
from workbench.app.workspace import open_workspace
from workbench.tui.app import WorkbenchApp

SIZE = (160, 40)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def _models_screen(settings) -> tuple[str, list[list[str]]]:
    workspace = open_workspace(settings)
    app = WorkbenchApp(workspace, auto_translate=False)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+l")
            await pilot.pause()
            table = app.screen.query_one("#models-table", DataTable)
            rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
            return text_of(app, "#models-summary"), rows
    finally:
        workspace.close()


async def test_models_screen_lists_the_servers_languages_and_says_the_text_goes_there(installed_models, tmp_path, monkeypatch):
    with running_serve() as url:  # over the test's workspace and its two tiny models
        monkeypatch.setenv("WORKBENCH_MT_SERVER", url)
        summary, rows = await _models_screen(load_settings(data_dir=tmp_path / "client"))
    assert f"MT server {url}" in summary and "sent to this server" in summary
    assert ["en", "fr, my", "English"] in rows


async def test_models_screen_says_when_the_server_cannot_be_reached(tmp_path, monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("WORKBENCH_MT_SERVER", f"http://127.0.0.1:{port}")
    summary, rows = await _models_screen(load_settings(data_dir=tmp_path / "client"))
    assert f"cannot reach the MT server http://127.0.0.1:{port}" in summary and rows == []


async def test_an_article_is_machine_translated_through_the_server(installed_models, tmp_path, monkeypatch):
    import asyncio

    with running_serve() as url:
        monkeypatch.setenv("WORKBENCH_MT_SERVER", url)
        workspace = open_workspace(load_settings(data_dir=tmp_path / "client"))
        app = WorkbenchApp(workspace)
        try:
            async with app.run_test(size=SIZE) as pilot:
                await pilot.press("enter")
                status = ""
                for _ in range(600):
                    await pilot.pause()
                    status = text_of(app, "#mt-status")
                    if "translated now" in status:
                        break
                    await asyncio.sleep(0.05)
                assert "translated now" in status and url in status, status
        finally:
            workspace.close()
    assert workspace.store.mt_count() > 0


async def test_the_article_screen_says_the_text_goes_to_the_server(installed_models, tmp_path, monkeypatch):
    with running_serve() as url:
        monkeypatch.setenv("WORKBENCH_MT_SERVER", url)
        workspace = open_workspace(load_settings(data_dir=tmp_path / "client"))
        app = WorkbenchApp(workspace, auto_translate=False)
        try:
            async with app.run_test(size=SIZE) as pilot:
                await pilot.press("enter")
                await pilot.pause()
                status = text_of(app, "#mt-status")
        finally:
            workspace.close()
    assert f"text is sent to the MT server {url}" in status
