"""Several languages side by side: one article's source and its MT in two or more languages.

Only the languages ticked in the list are shown, and only their models are asked for; the
MT that is missing is produced in a background worker that posts one message per segment.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, SelectionList, Static
from textual.worker import Worker, WorkerState, get_current_worker

from workbench.glossary.hits import GlossaryIndex
from workbench.lang.languages import desk_languages, language
from workbench.tui.article_parts import MtFinished, MtProgress
from workbench.tui.plain import plain
from workbench.tui.screens import WorkbenchScreen

if TYPE_CHECKING:
    from workbench.app.translating import TranslateReport

MAX_DEFAULT_LANGUAGES = 3


def ticked_label(code: str, ticked: bool) -> Text:
    """"[x] Burmese — မြန်မာ": ticked or not reads without colour too."""
    return Text.assemble("[x] " if ticked else "[ ] ", plain(language(code).label))


class CompareScreen(WorkbenchScreen[None]):
    """Source | MT lang 1 | MT lang 2 | …, for the languages the translator ticks."""

    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("t", "translate", "Run MT"),
        Binding("tab", "focus_next", "Languages/grid", show=False),
    ]

    def __init__(self, article_id: int, first_lang: str, start_row: int = 0):
        super().__init__()
        self.article_id, self.first_lang, self.start_row = article_id, first_lang, start_row
        self.languages: list[str] = []
        self.progress: dict[str, str] = {}
        self._index: GlossaryIndex | None = None  # built for each MT run on the UI thread

    def compose(self) -> ComposeResult:
        article = self.workbench.workspace.article(self.article_id)
        yield Header()
        yield Static(plain(f"{article.title} — languages side by side"), id="compare-heading")
        with Horizontal(id="compare-top"):
            yield SelectionList[str](*self._choices(), id="compare-languages")
            yield Static("", id="compare-status")
        yield DataTable(id="compare-grid", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def _choices(self) -> list[tuple[Text, str, bool]]:
        """Every desk language; ticked: the article screen's language and others that have a model."""
        engine, source = self.workbench.workspace.engine, self._source_lang()
        codes = [self.first_lang] + [lang.code for lang in desk_languages() if lang.code != self.first_lang]
        ticked = [code for code in codes if code == self.first_lang or engine.model_for(source, code) is not None]
        ticked = ticked[:MAX_DEFAULT_LANGUAGES]
        return [(ticked_label(code, code in ticked), code, code in ticked) for code in codes]

    def on_mount(self) -> None:
        self.languages = list(self.query_one(SelectionList).selected)
        self._build_grid()
        grid = self.query_one("#compare-grid", DataTable)
        grid.move_cursor(row=min(self.start_row, max(grid.row_count - 1, 0)))
        grid.focus()
        self.action_translate()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        chosen = list(event.selection_list.selected)
        for position in range(event.selection_list.option_count):
            option = event.selection_list.get_option_at_index(position)
            code = str(option.value)
            event.selection_list.replace_option_prompt_at_index(position, ticked_label(code, code in chosen))
        ordered = [code for code in self.languages if code in chosen] + [c for c in chosen if c not in self.languages]
        if ordered != self.languages:
            self.languages = ordered
            self._build_grid()
            self.action_translate()
            self._release_models(self.languages)  # an unticked language's model is not kept loaded

    # -- grid -----------------------------------------------------------------
    def _build_grid(self) -> None:
        workspace = self.workbench.workspace
        grid = self.query_one("#compare-grid", DataTable)
        row = grid.cursor_row
        grid.clear(columns=True)
        width = max(12, (self.size.width - 8) // (len(self.languages) + 1))
        grid.add_column("#", key="number", width=3)
        grid.add_column(plain(f"Source ({self._source_lang()})"), key="source", width=width)
        stored = {}
        for code in self.languages:
            grid.add_column(plain(f"MT {language(code).label}"), key=code, width=width)
            model, mt = workspace.stored_mt(self.article_id, code)
            stored[code] = {segment_id: result.text for segment_id, result in mt.items()}
            if model is None:
                self.progress[code] = "no model"
        for number, segment in enumerate(workspace.store.segments(self.article_id), start=1):
            cells = [plain(stored[code].get(segment.segment_id, "…" if self.progress.get(code) != "no model" else "—"))
                     for code in self.languages]
            grid.add_row(str(number), plain(segment.text), *cells, key=segment.segment_id)
        if grid.row_count:
            grid.move_cursor(row=min(max(row, 0), grid.row_count - 1))
        self._show_status()

    def _show_status(self) -> None:
        parts = [f"{language(code).english_name}: {self.progress.get(code, 'stored')}" for code in self.languages]
        if not self.languages:
            parts = ["Tick two or more languages (space) to compare them."]
        self.query_one("#compare-status", Static).update(plain("\n".join(parts)))  # routes and errors quote data

    # -- background MT ----------------------------------------------------------
    def action_translate(self) -> None:
        from workbench.app.multi_target import plan_languages

        plans = plan_languages(self.workbench.workspace.engine, self._source_lang(), self.languages)
        for plan in plans:
            if plan.model is None:
                self.progress[plan.target_lang] = "no model — ctrl+l shows the models"
            elif plan.is_pivot:
                self.progress[plan.target_lang] = f"via {plan.route}"
        self._show_status()
        wanted = [plan.target_lang for plan in plans if plan.model is not None]
        if wanted:
            self._index = self.workbench.workspace.glossary_index()  # built here: the worker only reads it
            self.run_languages(wanted)

    def _source_lang(self) -> str:
        return self.workbench.workspace.article(self.article_id).source_lang

    def _release_models(self, keep: list[str]) -> None:
        from workbench.app.multi_target import release_unneeded

        release_unneeded(self.workbench.workspace.engine, self._source_lang(), keep)

    @work(thread=True, exclusive=True, exit_on_error=False, group="compare-mt")
    def run_languages(self, codes: list[str]) -> None:
        """Runs in a thread: the languages side by side (one per core); only posts messages."""
        from workbench.app.multi_target import translate_languages

        worker = get_current_worker()
        workspace = self.workbench.workspace

        def progress(lang: str, done: int, total: int, segment_id: str, text: str) -> None:
            self.post_message(MtProgress(lang, done, total, segment_id, text))

        def finished(report: TranslateReport) -> None:
            self.post_message(MtFinished(
                report.target_lang, f"{report.total} segments ({report.model.route or report.model.model_id})"))

        translate_languages(
            workspace.store, workspace.engine, self.article_id, codes, index=self._index,
            on_progress=progress, on_finished=finished,
            cancelled=lambda: worker.is_cancelled, digits=workspace.settings.digits,
        )

    def on_mt_progress(self, message: MtProgress) -> None:
        if message.lang not in self.languages:
            return
        grid = self.query_one("#compare-grid", DataTable)
        grid.update_cell(message.segment_id, message.lang, plain(message.text), update_width=False)
        self.progress[message.lang] = f"{message.done}/{message.total}"
        self._show_status()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A failed run (a damaged model, a full disk) is said in the status, not left at n/m."""
        if event.worker.group == "compare-mt" and event.state == WorkerState.ERROR:
            for code in self.languages:
                if not str(self.progress.get(code, "")).endswith(")"):
                    self.progress[code] = f"MT failed: {event.worker.error}"
            self._show_status()

    def on_mt_finished(self, message: MtFinished) -> None:
        self.progress[message.lang] = message.summary
        if message.lang in self.languages:
            self._build_grid()  # restored renderings and enforcement as stored

    def action_back(self) -> None:
        self.workers.cancel_group(self, "compare-mt")
        self._release_models([self.first_lang])  # the article screen needs only its own language
        self.app.pop_screen()
