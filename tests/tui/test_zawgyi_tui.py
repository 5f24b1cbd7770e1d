"""The editor with Zawgyi: a paste is converted and the translator told; short text that may be
Zawgyi is kept, warned about under the segment, and converted with F8 on the translator's word."""

from __future__ import annotations

from textual import events
from textual.widgets import Static, TextArea

from tests.support.segment_rows import first_body_row
from tests.unit.test_zawgyi import SENTENCES, zawgyi
from tests.unit.test_zawgyi_entry_points import SHORT_UNSURE
from workbench.tui.app import WorkbenchApp

SIZE = (120, 40)


def notifications(app) -> list[str]:
    return [notification.message for notification in app._notifications]


async def edit_first_sentence(pilot, workspace):
    """Open article 1, go down past its headline and byline to its first sentence, and edit it:
    the store's row of that segment."""
    segments = workspace.store.segments(1)
    row = first_body_row(segments)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(*["down"] * row, "e")
    return segments[row]


async def paste(pilot, text: str) -> None:
    assert pilot.app.focused is pilot.app.screen.query_one("#editor", TextArea)
    pilot.app.post_message(events.Paste(text))  # what the driver sends for a terminal's bracketed paste
    await pilot.pause()


async def test_pasting_zawgyi_converts_it_and_says_so(workspace):
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        segment = await edit_first_sentence(pilot, workspace)
        await paste(pilot, zawgyi(SENTENCES[4]))
        editor = app.screen.query_one("#editor", TextArea)
        assert editor.text == SENTENCES[4]
        assert any("Converted Zawgyi to Unicode (icu)" in message for message in notifications(app))
        assert workspace.store.translations(1, "my")[segment.segment_id].text == SENTENCES[4]
        await pilot.press(*" ok")  # typing goes on at the end of the converted text
        assert editor.text == SENTENCES[4] + " ok"


async def test_unsure_text_is_kept_with_a_warning_and_f8_converts_it(workspace):
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        segment = await edit_first_sentence(pilot, workspace)
        await paste(pilot, SHORT_UNSURE)
        editor = app.screen.query_one("#editor", TextArea)
        assert editor.text == SHORT_UNSURE  # never converted silently
        assert any("may be Zawgyi" in message and "F8" in message for message in notifications(app))
        issues = str(app.screen.query_one("#qa-issues", Static).render())
        assert "zawgyi: translation may be Zawgyi" in issues and "press F8 to convert it to Unicode" in issues
        await pilot.press("f8")
        await pilot.pause()
        stored = workspace.store.translations(1, "my")[segment.segment_id].text
        assert stored != SHORT_UNSURE and editor.text == stored
        assert "zawgyi" not in str(app.screen.query_one("#qa-issues", Static).render())


async def test_zawgyi_typed_key_by_key_is_kept_as_typed_and_f8_converts_it_exactly(workspace):
    app = WorkbenchApp(workspace)
    async with app.run_test(size=SIZE) as pilot:
        segment = await edit_first_sentence(pilot, workspace)
        editor = app.screen.query_one("#editor", TextArea)
        typed = zawgyi(SENTENCES[3])
        warned = False
        for key in typed:
            editor.insert(key)  # one key of a Zawgyi keyboard at a time
            await pilot.pause()
            # Seen while typing: the notice lasts 8 seconds, and typing it all can take longer on a busy machine.
            warned = warned or any("may be Zawgyi" in message and "F8" in message for message in notifications(app))
        assert editor.text == typed  # never converted half-way through a word
        assert workspace.store.translations(1, "my")[segment.segment_id].text == typed
        assert warned
        assert "press F8 to convert it to Unicode" in str(app.screen.query_one("#qa-issues", Static).render())
        await pilot.press("f8")
        await pilot.pause()
        assert editor.text == SENTENCES[3] == workspace.store.translations(1, "my")[segment.segment_id].text
