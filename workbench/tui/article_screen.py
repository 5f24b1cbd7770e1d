"""One article: the segment grid (source | MT | translation), the editor, background MT."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Header, Label, ProgressBar, Select, Static, TextArea
from textual.widgets.data_table import CellDoesNotExist
from textual.worker import Worker, WorkerState, get_current_worker

from workbench.app import editing
from workbench.app.progress import progress_of
from workbench.glossary.hits import GlossaryIndex, Hit
from workbench.lang.languages import SOURCE_LANGUAGE, language
from workbench.mt.libretranslate import sends_text_to
from workbench.qa.base import Issue
from workbench.tui.article_navigation import FILTER_LABELS
from workbench.tui.article_parts import (
    KIND_LABELS,
    STATUS_MARKS,
    MtFinished,
    MtProgress,
    article_heading,
    hits_panel,
    issues_panel,
    labelled,
    language_options,
    mt_panel,
    show_text,
)
from workbench.tui.article_qa import ProjectQa
from workbench.tui.article_search import ArticleSearch, SearchBar
from workbench.tui.article_widgets import SegmentEditor, SegmentGrid
from workbench.tui.memory_panel import MatchPanel, MemoryLookups
from workbench.tui.plain import plain, restored, tell, visible
from workbench.tui.publish_dialog import ArticlePublishing


class ArticleScreen(ArticleSearch, MemoryLookups, ProjectQa, ArticlePublishing):  # all build on SafeEditing
    """Keys that work from the grid and the editor alike; the grid's and the editor's own keys
    are on those widgets (article_widgets.py), so the footer lists what works where the focus is."""

    BINDINGS = [
        Binding("escape", "back", "Articles"),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("ctrl+n", "next_segment", "Next", show=False),
        Binding("ctrl+p", "previous_segment", "Previous", show=False),
        Binding("f2", "insert_match(1)", "Insert TM match", show=False),  # the panel's lines say F2, F3, F4
        Binding("f3", "insert_match(2)", "Insert TM match 2", show=False),
        Binding("f4", "insert_match(3)", "Insert TM match 3", show=False),
        Binding("ctrl+f", "concordance", "Concordance", show=False),
        # The editor's keys (its footer lists them) work from the grid too.
        Binding("ctrl+t", "toggle_translated", "Done", show=False),
        Binding("ctrl+o", "insert_term", "Insert term", show=False),
        Binding("f8", "convert_zawgyi", "Zawgyi→Unicode", show=False),
    ]
    # Short screens (80x24) give the grid and the editor room by keeping the detail lines few.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (32, "-tall")]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self, article_id: int, start_row: int = 0):
        super().__init__()
        self.article_id = article_id
        self.start_row = start_row
        self.source_lang: str = SOURCE_LANGUAGE  # the article's own, once loaded
        self.view: editing.ArticleView | None = None  # None until a language is loaded (on mount)
        self._mt_index: GlossaryIndex | None = None  # built for each MT run on the UI thread
        self._loading_editor = False
        self._editor_for = ("", "")  # the segment and saved text the editor was last given
        self._change_kind = "typed"  # how the next editor change came about, for the history
        self._zawgyi_warned = False  # the "may be Zawgyi" notification shows once per screen
        self.rows: list[int] = []  # the segments the grid shows (indices into view.segments)
        self._grid_on_resume = False  # back from a full screen (QA report, glossary): the grid has the focus
        self._laid_out_for = Size(0, 0)  # the screen size the grid's columns and the detail pane were made for

    # -- layout ---------------------------------------------------------------
    def compose(self) -> ComposeResult:
        article = self.workbench.workspace.article(self.article_id)
        yield Header()
        yield Static(article_heading(article, self.workbench.workspace.settings.ui_locale), id="article-heading")
        with Horizontal(id="toolbar"):
            yield Label("Target language", id="target-label")
            lang = self.workbench.target_lang
            yield Select(language_options(lang), id="target-lang", allow_blank=False, value=lang)
            yield Static("", id="article-progress")
        yield Static("", id="mt-status")
        yield ProgressBar(id="mt-progress", show_eta=False)
        yield SegmentGrid(id="segments", cursor_type="row", zebra_stripes=True)
        with Vertical(id="detail"):
            # Source, MT, matches and glossary lines scroll within a capped height: however many
            # there are, the QA lines and the editor under them stay on screen.
            with VerticalScroll(id="detail-info") as info:
                info.can_focus = False
                yield Static("", id="detail-source", classes="detail-text")
                yield Static("", id="detail-mt", classes="detail-text")
                yield MatchPanel(self.workbench.workspace.settings.ui_locale, id="tm-matches")
                yield Static("", id="glossary-hits")
            with VerticalScroll(id="qa-scroll") as issues:
                issues.can_focus = False
                yield Static("", id="qa-issues")
            yield SegmentEditor("", id="editor", soft_wrap=True, show_line_numbers=False)
        yield SearchBar(id="search-bar")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#mt-progress", ProgressBar).display = False
        self.load_language(self.workbench.target_lang)
        table = self.query_one("#segments", DataTable)
        if self.view is not None and self.view.segments:
            self.show_segment(min(self.start_row, len(self.view.segments) - 1))
        table.focus()
        self.start_watching()  # others' saves show within two seconds

    def on_resize(self) -> None:
        if self.view is None or self.size == self._laid_out_for:
            return  # the first Resize after mounting: the grid was built for this size
        if self.size.width != self._laid_out_for.width:
            self._build_grid()  # the columns' widths follow the screen's
        else:
            self._show_detail()  # as many memory matches as the height has room for
        self._laid_out_for = self.size

    # -- data -----------------------------------------------------------------
    def load_language(self, lang: str) -> None:
        from workbench.app.multi_target import release_unneeded

        workspace = self.workbench.workspace
        self.source_lang = workspace.article(self.article_id).source_lang
        release_unneeded(workspace.engine, self.source_lang, [lang])  # only this view's model stays loaded
        self.view = view = workspace.article_view(self.article_id, lang)
        self.read_project(lang)  # the per-segment inconsistent-translation check, once it is read
        self._build_grid()
        self._show_mt_status()
        if view.model is not None and view.missing_mt and self.workbench.auto_translate:
            self.action_translate()

    def _build_grid(self) -> None:
        if (view := self.view) is None:
            return
        table = self.query_one("#segments", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        text_width = max(12, (self.size.width - 16) // 3)
        self._laid_out_for = self.size
        table.add_column("#", key="number", width=3)
        table.add_column(plain(f"Source ({self.source_lang})"), key="source", width=text_width)
        table.add_column(plain(f"MT ({view.target_lang})"), key="mt", width=text_width)
        table.add_column("Translation", key="translation", width=text_width)
        table.add_column("", key="status", width=1)
        self.rows = self.filtered_rows()
        for index in self.rows:
            segment = view.segments[index]
            table.add_row(str(segment.number), self.hit_cell(segment.source), plain(self._mt_cell(segment)),
                          self.hit_cell(segment.translation), STATUS_MARKS[segment.status], key=segment.segment_id)
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        self._show_progress()
        self._show_detail()

    def _show_progress(self) -> None:
        """"12 of 25 segments translated (310 of 720 words)", and the grid's filter when one is on."""
        if (view := self.view) is None:
            return
        line = progress_of((segment.source, segment.status) for segment in view.segments).describe()
        if self.grid_filter != "all":
            line += f" · showing {FILTER_LABELS[self.grid_filter]}: {len(self.rows)} (f: next filter)"
        show_text(self.query_one("#article-progress", Static), plain(line))

    def _mt_cell(self, segment: editing.SegmentView) -> str:
        if segment.mt is not None:
            return segment.mt
        return "(no MT model installed)" if self.view is not None and self.view.model is None else "…"

    def _show_mt_status(self, note: str = "") -> None:
        if (view := self.view) is None:
            return
        status = self.query_one("#mt-status", Static)
        model = view.model
        if model is None:
            show_text(status, plain(self.workbench.workspace.missing_model_hint(self.article_id, view.target_lang)))
            status.add_class("warning")
            return
        status.remove_class("warning")
        done = len(view.segments) - view.missing_mt
        shown = note or f"MT: {model.model_id} {model.model_version} — {done}/{len(view.segments)} segments"
        if sent := sends_text_to(model):  # said plainly whenever the article's text leaves the machine
            shown += f" ({sent})"
        show_text(status, plain(shown))

    def current_segment(self) -> editing.SegmentView | None:
        index = self.cursor_index()
        return None if index is None or self.view is None else self.view.segments[index]

    def _show_detail(self) -> None:
        segment = self.current_segment()
        if segment is None:
            return
        if (info := self.query_one("#detail-info", VerticalScroll)).scroll_offset != (0, 0):
            info.scroll_home(animate=False)  # the new segment's lines from their start
        label = "EN" if segment.kind == "body" else f"EN {KIND_LABELS.get(segment.kind, segment.kind)}"
        show_text(self.query_one("#detail-source", Static), labelled(label, segment.source))
        show_text(self.query_one("#detail-mt", Static), mt_panel(self._mt_cell(segment), segment.mt_flags))
        hits = self.glossary_hits(segment)  # once per move: the panel and the QA lines share them
        self._show_hits(hits)
        self._show_issues(segment, hits)
        editor = self.query_one("#editor", TextArea)
        # The editor shows (and edits) what the grid shows: loaded again when another segment or
        # another saved text is shown, not when MT comes in for the segment being typed in (a key
        # on its way to being saved would be lost).
        if (segment.segment_id, segment.translation) != self._editor_for and editor.text != visible(segment.translation):
            self._loading_editor = True
            editor.load_text(visible(segment.translation))
        self._editor_for = (segment.segment_id, segment.translation)
        self.look_up_matches(segment)  # in a worker: the panel fills in when found

    def glossary_hits(self, segment: editing.SegmentView) -> list[Hit]:
        if self.view is None:
            return []
        # The matcher as last built: the change poll (safe_editing.py) rebuilds it when the glossary moves.
        return self.workbench.workspace.known_glossary_index().hits(segment.source, self.view.target_lang)

    def _show_hits(self, hits: list[Hit]) -> None:
        show_text(self.query_one("#glossary-hits", Static), hits_panel(hits))

    def segment_issues(self, segment: editing.SegmentView, hits: list[Hit] | None = None) -> list[Issue]:
        from workbench.app.checking import segment_issues

        if self.view is None:
            return []
        return segment_issues(self.article_id, segment.segment_id, segment.source, segment.translation,
                              self.view.target_lang, self.glossary_hits(segment) if hits is None else hits,
                              project=self.qa_project)

    def _show_issues(self, segment: editing.SegmentView, hits: list[Hit] | None = None, typed_zawgyi: bool = False) -> None:
        issues = self.segment_issues(segment, hits)
        show_text(self.query_one("#qa-issues", Static), issues_panel(issues, typed_zawgyi))

    def _refresh_row(self, segment: editing.SegmentView) -> None:
        try:
            self.query_one("#segments", SegmentGrid).update_row(segment.segment_id, {
                "mt": plain(self._mt_cell(segment)), "translation": self.hit_cell(segment.translation),
                "status": STATUS_MARKS[segment.status]})
        except CellDoesNotExist:
            pass  # a segment the grid's filter hides
        self._show_progress()

    # -- events ---------------------------------------------------------------
    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_edit()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.value != self.workbench.target_lang and isinstance(event.value, str):
            self.workbench.target_lang = event.value
            self.load_language(event.value)
        self.query_one("#segments", DataTable).focus()  # a language chosen: the grid's keys work again

    def on_screen_suspend(self) -> None:
        self._grid_on_resume = not isinstance(self.app.screen, ModalScreen)

    def on_screen_resume(self) -> None:
        """Back from the QA report or the glossary: the grid has the focus, so one Esc goes back
        to the list; after a dialog the focus stays where it was (the editor, say)."""
        if self._grid_on_resume:
            self._grid_on_resume = False
            self.query_one("#segments", DataTable).focus()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._loading_editor:
            self._loading_editor = False
            return
        segment, view = self.current_segment(), self.view
        if segment is None or view is None or self.held_for_conflict(event.text_area.text):
            return
        workspace = self.workbench.workspace
        how, self._change_kind = self._change_kind, "typed"
        saved = self.guarded(lambda: editing.save_edit(
            workspace.store, view, segment.segment_id, restored(event.text_area.text, segment.translation),
            workspace.settings.user, how=how))
        if saved:
            self._editor_for = (segment.segment_id, segment.translation)  # what is typed is what is saved
            self._refresh_row(segment)
            # Issues follow the translator's typing, with a line for typed text that may be Zawgyi.
            self._show_issues(segment, typed_zawgyi=bool(saved.unsure and not saved.converted))
            self._tell_zawgyi(saved)

    def _tell_zawgyi(self, saved: editing.EditResult) -> None:
        """Zawgyi typed or pasted: show the converted text, or warn once that it may be Zawgyi."""
        if saved.converted:
            editor = self.query_one("#editor", TextArea)
            self._loading_editor = True
            editor.load_text(visible(saved.text))
            editor.move_cursor(editor.document.end)
            tell(self, saved.notice, severity="warning", timeout=8)
        elif saved.unsure and not self._zawgyi_warned:
            self._zawgyi_warned = True  # the issue line under the segment stays meanwhile
            tell(self, f"{saved.notice} Press F8 to convert it to Unicode.", severity="warning", timeout=8)

    def on_mt_progress(self, message: MtProgress) -> None:
        if self.view is None or message.lang != self.view.target_lang:
            return
        segment = self.view.find(message.segment_id)
        segment.mt = message.text
        self._refresh_row(segment)
        bar = self.query_one("#mt-progress", ProgressBar)
        bar.update(total=message.total, progress=message.done)
        self._show_mt_status(f"Translating into {language(message.lang).english_name}: {message.done}/{message.total}")
        if segment is self.current_segment():
            self._show_detail()

    def on_mt_finished(self, message: MtFinished) -> None:
        if self.view is not None and message.lang == self.view.target_lang:
            self.query_one("#mt-progress", ProgressBar).display = False
            workspace = self.workbench.workspace
            # Reload so that glossary enforcement flags of the new MT are shown too.
            self.view = workspace.article_view(self.article_id, message.lang)
            self._build_grid()
            self._show_mt_status(message.summary)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "mt" and event.state == WorkerState.ERROR:
            self.query_one("#mt-progress", ProgressBar).display = False
            self._show_mt_status(f"MT failed: {event.worker.error}")  # plain: the error may quote data

    # -- actions --------------------------------------------------------------
    def action_back(self) -> None:
        self.workers.cancel_group(self, "mt")
        self.app.pop_screen()

    def action_leave_editor(self) -> None:
        """Esc in the editor: back to the grid (what was typed is saved already)."""
        self.query_one("#segments", DataTable).focus()

    def action_edit(self) -> None:
        editor = self.query_one("#editor", TextArea)
        editor.move_cursor(editor.document.end)  # post-editing usually continues at the end
        editor.focus()

    def action_choose_language(self) -> None:
        self.query_one("#target-lang", Select).focus()

    def switch_language(self, lang: str) -> None:
        """The command palette's "Switch language: …" (the menu's own change does the rest)."""
        self.query_one("#target-lang", Select).value = lang

    def action_convert_zawgyi(self) -> None:
        self._segment_change(editing.convert_to_unicode, "Nothing to convert in this segment")

    def action_accept_mt(self) -> None:
        self.accept_mt_asking()

    def action_toggle_translated(self) -> None:
        self._segment_change(editing.toggle_translated, "Nothing to mark yet: the translation is empty")

    def action_insert_term(self) -> None:
        """Insert the next glossary rendering that the translation does not contain yet."""
        segment = self.current_segment()
        if segment is None:
            return
        editor = self.query_one("#editor", TextArea)
        for hit in self.glossary_hits(segment):
            if hit.insertable and hit.insertable not in editor.text:
                self._change_kind = "glossary"
                if not editor.has_focus:  # from the grid: at the end, and the focus stays on the grid
                    editor.move_cursor(editor.document.end)
                editor.insert(hit.insertable)
                tell(self, f"Inserted {hit.insertable} into segment {segment.number} (ctrl+z undoes it)", timeout=4)
                return
        self.notify("No approved glossary rendering left to insert for this segment", severity="warning")

    def action_propose(self) -> None:
        from workbench.tui.dialogs import ProposeScreen

        segment, view = self.current_segment(), self.view
        if segment is None or view is None:
            return
        english = (self.app.screen.get_selected_text() or "").strip() if hasattr(self.app.screen, "get_selected_text") else ""
        if not english:
            english = next((h.source_text for h in self.glossary_hits(segment) if not h.approved), "")
        rendering = self.query_one("#editor", TextArea).selected_text.strip()
        self.app.push_screen(ProposeScreen(english, view.target_lang, rendering), lambda _done: self._after_propose())

    def _after_propose(self) -> None:
        self.workbench.refresh_pending()
        self.workbench.workspace.glossary_index()  # the proposal shows at once: the matcher catches up now
        segment = self.current_segment()
        if segment is not None:
            self._show_hits(self.glossary_hits(segment))

    def action_compare(self) -> None:
        """The MT of several languages side by side, starting at this segment."""
        from workbench.tui.compare_screen import CompareScreen

        if self.view is None:
            return
        self.app.push_screen(CompareScreen(self.article_id, self.view.target_lang, self.cursor_index() or 0))

    def action_next_segment(self) -> None:
        self.query_one("#segments", DataTable).action_cursor_down()

    def action_previous_segment(self) -> None:
        self.query_one("#segments", DataTable).action_cursor_up()

    def action_translate(self) -> None:
        if self.view is None:
            return
        if self.view.model is None:
            tell(self, self.workbench.workspace.missing_model_hint(self.article_id, self.view.target_lang),
                 severity="warning", timeout=8)
            return
        bar = self.query_one("#mt-progress", ProgressBar)
        bar.display = True
        bar.update(total=len(self.view.segments), progress=0)
        self._mt_index = self.workbench.workspace.glossary_index()  # built here: the worker only reads it
        self.run_mt(self.article_id, self.view.target_lang)

    @work(thread=True, exclusive=True, exit_on_error=False, group="mt")
    def run_mt(self, article_id: int, lang: str) -> None:
        """Runs in a thread: only posts messages, never touches widgets."""
        worker = get_current_worker()

        def progress(done: int, total: int, segment_id: str, text: str) -> None:
            self.post_message(MtProgress(lang, done, total, segment_id, text))

        report = self.workbench.workspace.translate(article_id, lang, progress, lambda: worker.is_cancelled, self._mt_index)
        if not worker.is_cancelled:
            summary = f"MT: {report.model.model_id} {report.model.model_version} — {report.counts().describe()}"
            self.post_message(MtFinished(lang, summary))
