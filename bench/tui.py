"""The TUI on a big workspace, driven through Textual's Pilot: how long a translator waits.

Run from the repository root:

    .venv/bin/python bench/tui.py                  # 1,000 articles, 10,000 glossary entries, base model
    .venv/bin/python bench/tui.py --articles 50    # a quick run
    .venv/bin/python bench/tui.py --articles 50 --shape tiny   # quicker still (tiny MT model)

Everything happens offline in a temporary WORKBENCH_DATA_DIR (`mt_ways.isolate_environment`;
any network connection raises). Setup, not timed as figures: the synthetic en→my package of the
`--shape` (base by default: transformer-base, int8, random weights) is built in a child process
and installed as bench/mt.py does; the workspace is opened (seed articles and curated glossary,
as on a first start), then `--articles` generated articles of about 25 segments each (title,
byline, paragraphs of sentences made from the seeds' shapes and words by bench/tm.py's
`SentenceMaker`), `--glossary` entries (seed word pairs first, then made-up pairs, each with an
approved Burmese rendering) and a translation memory (confirmed translations of the first six
body segments of every fourth generated article) are written in bulk (`_tui_helpers.py`).

Timed, in one `WorkbenchApp(workspace, auto_translate=False).run_test(size=(140, 40))` run, each
figure from the key press (or the start) until the app is idle again (`pilot.pause()`):

* first_paint_s: from opening the workspace (`open_workspace`) to the article list shown with
  every article's row (the app's start inside this already-running process: imports excluded);
* open_article_ms: Enter on a generated article in the list until its grid and detail pane are
  shown; the first open (which builds the glossary index) is reported apart, the figure is the
  median of the next opens;
* cursor_ms_p95: Down/Up in the grid (`--moves`), each move updating the detail pane
  (`--profile FILE`: a cProfile of the UI thread over the opens, moves and keystrokes);
* keystroke_ms_p50/p95: one character typed in the editor until it is saved (a revisioned
  write) and its QA lines are shown again; every keystroke's text is checked in the database;
* MT, `t` on three generated articles not translated before: the first (cold: the model is
  loaded) reported apart; the second gives first_mt_segment_s (until the first MT result is
  shown in the grid) and article_mt_s (until the whole article's MT is shown); on the third,
  keystrokes are typed while MT runs (keystroke_during_mt_ms_p95);
* throughput_vs_raw_ct2: one raw CTranslate2 `translate_batch` call over the second MT
  article's segment sources, same model, one thread (bench/mt_ways.py `RawCTranslate2`, best
  of 3, model loaded first), divided by article_mt_s (1.0: as fast as raw).

The machine is shared and timings are noisy: /proc/loadavg is printed at the start and the end.
The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ is not a package

from _tui_helpers import build_workspace
from mt_ways import RawCTranslate2, build_and_install, forbid_network, isolate_environment

TARGETS = {  # figure: (limit, unit)
    "first_paint_s": (1.0, "s"),
    "open_article_ms": (200.0, "ms"),
    "cursor_ms_p95": (30.0, "ms"),
    "keystroke_ms_p95": (50.0, "ms"),
    "first_mt_segment_s": (1.0, "s"),
}
SIZE = (140, 40)
OPENS = 6  # the first (cold) and five more for the median
MT_TIMEOUT_S = 600.0
TYPED = "abcdefghijklmnopqrstuvwxyz "


@dataclass
class Figures:
    values: dict[str, object] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


class Paints:
    """Counts the app's paints (`App._display`, every compositor update) for the bench's stopwatch."""

    def __init__(self, app) -> None:
        self.count = 0
        self.first_list_paint: float | None = None
        self.rows_wanted = 0
        original = app._display

        def counted(screen, update) -> None:
            original(screen, update)
            self.count += 1
            if self.first_list_paint is None and _list_rows(app) >= self.rows_wanted:
                self.first_list_paint = time.perf_counter()

        app._display = counted  # an instance attribute: measuring only, the paint itself is unchanged


def _list_rows(app) -> int:
    from textual.widgets import DataTable

    from workbench.tui.articles_screen import ArticlesScreen

    screen = app.screen
    return screen.query_one(DataTable).row_count if isinstance(screen, ArticlesScreen) else -1


class Calls:
    """Counts calls of one method of a screen (wrapped on the instance, behaviour unchanged)."""

    def __init__(self, owner, name: str) -> None:
        self.count = 0
        original = getattr(owner, name)

        def counted(*args, **kwargs):
            result = original(*args, **kwargs)
            self.count += 1
            return result

        setattr(owner, name, counted)


async def until(condition, timeout_s: float = 30.0) -> None:
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout_s:
            raise SystemExit("the app did not get there in time")
        await asyncio.sleep(0.001)


async def painted_after(paints: Paints, mark: int, timeout_s: float = 0.5) -> bool:
    """Wait for a paint after `mark` paints; False when none comes (nothing on screen changed)."""
    started = time.perf_counter()
    while paints.count == mark:
        if time.perf_counter() - started > timeout_s:
            return False
        await asyncio.sleep(0.001)
    return True


async def timed_key(pilot, paints: Paints, key: str, done, pending: list | None = None) -> float:
    """Seconds from sending `key` (as Pilot sends it) until `done()` and the next paint after it.

    Pilot's own press waits until the whole process is idle (CPU time against wall time), which
    counts worker threads (TM lookups, MT) too: the stopwatch here stops at the screen instead.
    With `pending`, Pilot's wait is left to the caller (while MT runs it lasts up to 2 s a key).
    """
    started = time.perf_counter()
    press = asyncio.create_task(pilot.press(key))
    await until(done)
    await painted_after(paints, paints.count)
    seconds = time.perf_counter() - started
    if pending is None:
        await press
    else:
        pending.append(press)
    return seconds


# -- the steps in the app -------------------------------------------------------------

async def open_from_list(app, pilot, paints: Paints, article_id: int) -> float:
    """Select the article's row in the list and press Enter; seconds until its screen is shown."""
    from textual.widgets import DataTable, Static

    from workbench.tui.article_screen import ArticleScreen

    table = app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(str(article_id)))
    await pilot.pause()

    def shown() -> bool:
        screen = app.screen
        return (isinstance(screen, ArticleScreen) and screen.article_id == article_id and screen.view is not None
                and screen.is_mounted and bool(str(screen.query_one("#detail-source", Static).render())))

    seconds = await timed_key(pilot, paints, "enter", shown)
    await pilot.pause()
    return seconds


async def back_to_list(app, pilot) -> None:
    from workbench.tui.articles_screen import ArticlesScreen

    while not isinstance(app.screen, ArticlesScreen):
        await pilot.press("escape")
        await pilot.pause()


async def cursor_moves(app, pilot, paints: Paints, moves: int) -> list[float]:
    from textual.widgets import DataTable

    screen = app.screen
    grid = screen.query_one("#segments", DataTable)
    details = Calls(screen, "_show_detail")
    timings, key = [], "down"
    for _ in range(moves):
        if grid.cursor_row >= grid.row_count - 1:
            key = "up"
        elif grid.cursor_row <= 0:
            key = "down"
        mark = details.count
        timings.append(await timed_key(pilot, paints, key, lambda mark=mark: details.count > mark))
    return timings


async def keystrokes(app, pilot, paints: Paints, count: int, gap_s: float = 0.0,
                     stop=None, enter: bool = True) -> tuple[list[float], int]:
    """Type `count` characters into the editor (or until `stop()`); (timings, saves that did not match).

    A keystroke is done when the screen has saved it and shown the segment's QA lines again
    (`_show_issues`, called after the save) and the next paint is out.
    """
    from textual.widgets import TextArea

    screen = app.screen
    workspace = app.workspace
    if enter:
        await pilot.press("e")
        await pilot.pause()
    editor = screen.query_one("#editor", TextArea)
    checked = Calls(screen, "_show_issues")
    timings, unsaved = [], 0
    pending: list | None = [] if stop is not None else None
    for n in range(count):
        if stop is not None and stop():
            break
        mark = checked.count
        timings.append(await timed_key(pilot, paints, TYPED[n % len(TYPED)], lambda mark=mark: checked.count > mark,
                                       pending))
        segment = screen.current_segment()
        stored = workspace.store.translation(screen.article_id, segment.segment_id, screen.view.target_lang)
        if stored is None or stored.text != editor.text:
            unsaved += 1
        if gap_s:
            await asyncio.sleep(gap_s)
    await asyncio.gather(*(pending or []))
    await pilot.press("escape")
    await pilot.pause()
    return timings, unsaved


async def machine_translation(app, pilot, paints: Paints, type_while: bool) -> dict:
    """`t` on an article without MT: seconds until the first MT result is shown in the grid, and
    until the whole article's MT is (the reloaded view, `on_mt_finished`), each with its paint.
    With `type_while`, the editor is opened first and characters are typed while MT runs."""
    screen = app.screen
    view = screen.view
    if view is None or view.model is None:
        raise SystemExit(f"article {screen.article_id}: no MT model for it")
    missing = [segment for segment in view.segments if segment.mt is None]  # a repeated byline may be cached
    if not missing:
        raise SystemExit(f"article {screen.article_id} already has MT")
    if type_while:
        await pilot.press("e")
        await pilot.pause()
    started = time.perf_counter()
    if type_while:
        screen.action_translate()  # what `t` in the grid does; the editor has the keys now
    else:
        press = asyncio.create_task(pilot.press("t"))
    watch = asyncio.create_task(_mt_shown(paints, screen, view, missing, started))
    typed: list[float] = []
    unsaved = 0
    if type_while:
        typed, unsaved = await keystrokes(app, pilot, paints, 10_000, gap_s=0.03, stop=watch.done, enter=False)
    first, total = await watch
    if not type_while:
        await press
    await pilot.pause()
    return {"first_s": first, "total_s": total, "sources": [segment.source for segment in missing],
            "segments": len(view.segments), "typed": typed, "unsaved": unsaved}


async def _mt_shown(paints: Paints, screen, view, missing: list, started: float) -> tuple[float, float]:
    await until(lambda: any(segment.mt is not None for segment in missing) or screen.view is not view, MT_TIMEOUT_S)
    await painted_after(paints, paints.count)
    first = time.perf_counter() - started
    await until(lambda: screen.view is not view, MT_TIMEOUT_S)
    await painted_after(paints, paints.count)
    return first, time.perf_counter() - started


async def drive(settings, opened: list[int], mt_ids: list[int], moves: int, keys: int, article_count: int,
                profile: str | None = None) -> Figures:
    from workbench.app.workspace import open_workspace
    from workbench.tui.app import WorkbenchApp

    figures = Figures()
    started = time.perf_counter()
    workspace = open_workspace(settings)
    app = WorkbenchApp(workspace, auto_translate=False)
    paints = Paints(app)
    paints.rows_wanted = article_count
    try:
        async with app.run_test(size=SIZE) as pilot:
            await until(lambda: paints.first_list_paint is not None)
            assert paints.first_list_paint is not None
            figures.values["first_paint_s"] = round(paints.first_list_paint - started, 3)
            await pilot.pause()
            profiler = cProfile.Profile() if profile else None
            if profiler is not None:
                profiler.enable()  # the UI thread only: what makes a translator wait
            opens = []
            for article_id in opened:
                opens.append(await open_from_list(app, pilot, paints, article_id))
                if article_id != opened[-1]:
                    await back_to_list(app, pilot)
            figures.values["open_article_first_ms"] = ms(opens[0])
            figures.values["open_article_ms"] = ms(statistics.median(opens[1:]))
            moved = await cursor_moves(app, pilot, paints, moves)
            figures.values["cursor_ms_p50"] = ms(statistics.median(moved))
            figures.values["cursor_ms_p95"] = ms(p95(moved))
            typed, unsaved = await keystrokes(app, pilot, paints, keys)
            figures.values["keystroke_ms_p50"] = ms(statistics.median(typed))
            figures.values["keystroke_ms_p95"] = ms(p95(typed))
            figures.values["keystrokes_not_saved"] = unsaved
            if profiler is not None and profile:
                profiler.disable()
                profiler.dump_stats(profile)
            figures.values["mt"] = await mt_runs(app, pilot, paints, mt_ids)
    finally:
        workspace.close()
    return figures


async def mt_runs(app, pilot, paints: Paints, mt_ids: list[int]) -> dict:
    results = []
    for article_id, type_while in zip(mt_ids, (False, False, True), strict=True):
        await back_to_list(app, pilot)
        await open_from_list(app, pilot, paints, article_id)
        results.append(await machine_translation(app, pilot, paints, type_while))
    cold, warm, busy = results
    return {"cold": cold, "warm": warm, "busy": busy}


# -- setup, raw CTranslate2, report ---------------------------------------------------

def raw_ct2_seconds(package_dir: Path, sources: list[str]) -> float:
    raw = RawCTranslate2(package_dir, sources, log=lambda line: print(line))
    raw.translate()  # warm
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        raw.translate()
        best = min(best, time.perf_counter() - started)
    return best


def report(figures: Figures, built, raw_s: float, load_start: str) -> dict:
    values = figures.values
    mt = values.pop("mt")
    assert isinstance(mt, dict)
    cold, warm, busy = mt["cold"], mt["warm"], mt["busy"]
    values.update({
        "first_mt_segment_cold_s": round(cold["first_s"], 3), "article_mt_cold_s": round(cold["total_s"], 3),
        "first_mt_segment_s": round(warm["first_s"], 3), "article_mt_s": round(warm["total_s"], 3),
        "mt_article_segments": warm["segments"], "mt_segments_translated": len(warm["sources"]), "raw_ct2_s": round(raw_s, 3),
        "throughput_vs_raw_ct2": round(raw_s / warm["total_s"], 3),
        "keystroke_during_mt_ms_p50": ms(statistics.median(busy["typed"])) if busy["typed"] else None,
        "keystroke_during_mt_ms_p95": ms(p95(busy["typed"])) if busy["typed"] else None,
        "keystrokes_during_mt": len(busy["typed"]), "keystrokes_during_mt_not_saved": busy["unsaved"],
    })
    met = {}
    print("targets:")
    for name, (limit, unit) in TARGETS.items():
        value = values[name]
        assert isinstance(value, float | int)
        met[name] = value <= limit
        print(f"  {name:22} {value:>9} {unit}  target <= {limit:g} {unit}: {'met' if met[name] else 'NOT met'}")
    print(f"  (first article open {values['open_article_first_ms']} ms; cold MT: first segment "
          f"{values['first_mt_segment_cold_s']} s, article {values['article_mt_cold_s']} s; "
          f"keystroke during MT p95 {values['keystroke_during_mt_ms_p95']} ms)")
    return {"benchmark": "tui", "articles": built.articles, "segments": built.segments,
            "glossary_entries": built.glossary_entries, "tm_units": built.tm_units, **values,
            "targets_met": met, "build_s": {k: round(v, 1) for k, v in built.seconds.items()},
            "loadavg_start": load_start, "loadavg": loadavg()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--glossary", type=int, default=10_000)
    parser.add_argument("--moves", type=int, default=200)
    parser.add_argument("--keys", type=int, default=60)
    parser.add_argument("--shape", choices=("base", "tiny"), default="base")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--profile", metavar="FILE", help="cProfile the cursor moves and keystrokes into FILE")
    args = parser.parse_args(argv)
    if args.articles < OPENS + 3:
        parser.error(f"--articles must be at least {OPENS + 3}")
    load_start = loadavg()
    print(f"TUI benchmark: {args.articles} articles, {args.glossary} glossary entries, {args.shape} model, "
          f"{SIZE[0]}x{SIZE[1]}; loadavg {load_start}")
    with tempfile.TemporaryDirectory(prefix="bench-tui-") as folder:
        tmp = Path(folder)
        data_dir = tmp / "workspace"
        data_dir.mkdir()
        isolate_environment(data_dir)
        forbid_network()
        package = build_and_install(tmp, data_dir, args.shape)
        from workbench.app.config import load_settings
        from workbench.app.workspace import open_workspace

        settings = load_settings()
        workspace = open_workspace(settings)
        try:
            built = build_workspace(workspace, args.articles, args.glossary, args.seed)
            generated = [row.id for row in workspace.store.list_articles() if row.origin.startswith("bench-article-")]
        finally:
            workspace.close()
        print(f"workspace: {built.articles} articles, {built.segments} segments, {built.glossary_entries} "
              f"glossary entries, {built.tm_units} memory units; written in "
              + ", ".join(f"{k} {v:.1f} s" for k, v in built.seconds.items()))
        # Articles far apart in the list (the middle one is opened first); MT on untranslated ones.
        opened = [generated[len(generated) // 2 + n] for n in range(OPENS)]
        mt_ids = [generated[-1], generated[-2], generated[-3]]
        figures = asyncio.run(drive(settings, opened, mt_ids, args.moves, args.keys, built.articles,
                                      args.profile))
        warm = figures.values["mt"]["warm"]  # type: ignore[index]
        print("raw CTranslate2:")
        raw_s = raw_ct2_seconds(package.path, warm["sources"])
    summary = report(figures, built, raw_s, load_start)
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
