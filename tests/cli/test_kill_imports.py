"""kill -9 at random moments during imports: the workspace is all-before or all-after, never half."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.support.cli_helpers import run_cli

RUNS = 10


def _database(data_dir: Path) -> Path:
    return data_dir / "workbench.db"


def _count(data_dir: Path, query: str) -> int:
    with sqlite3.connect(_database(data_dir)) as conn:
        return conn.execute(query).fetchone()[0]


def _kill_at_random(args: list[str], seed: int) -> None:
    """Start `workbench ARGS`, SIGKILL it after a random moment (or let it finish)."""
    process = subprocess.Popen([sys.executable, "-m", "workbench", *args], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=os.environ.copy())
    time.sleep(random.Random(seed).uniform(0.3, 2.5))
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)


def _kill_when_changed(args: list[str], changed, timeout: float = 60.0) -> None:
    """Start `workbench ARGS` and SIGKILL it the moment the database shows any of its writes."""
    process = subprocess.Popen([sys.executable, "-m", "workbench", *args], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, env=os.environ.copy())
    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        if changed():
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.002)
    process.wait(timeout=60)


def test_a_kill_right_after_the_first_article_appears_leaves_all_or_nothing(data_dir, tmp_path):
    assert run_cli("articles").returncode == 0
    files = []
    for n in range(150):
        path = tmp_path / f"story-{n}.txt"
        path.write_text(f"Story {n}\n\nThe NUG said that {n} soldiers had defected.\n", encoding="utf-8")
        files.append(str(path))
    _kill_when_changed(["import", *files], lambda: _count(data_dir, "SELECT count(*) FROM articles") > 2)
    assert _count(data_dir, "SELECT count(*) FROM articles") in (2, 152)


def test_an_import_of_many_articles_is_all_or_nothing(data_dir, tmp_path):
    assert run_cli("articles").returncode == 0  # the project with its two seeds
    files = []
    for n in range(40):
        path = tmp_path / f"story-{n}.txt"
        path.write_text(f"Story {n}\n\nBy Staff 9 April 2022\n\n" + " ".join(
            f"The NUG said on day {d} that {n} soldiers had defected." for d in range(40)) + "\n", encoding="utf-8")
        files.append(str(path))
    seen = set()
    for run in range(RUNS):
        before = _count(data_dir, "SELECT count(*) FROM articles")
        _kill_at_random(["import", *files], seed=run)
        after = _count(data_dir, "SELECT count(*) FROM articles")
        assert after in (before, 42), (run, before, after)
        segments = _count(data_dir, "SELECT count(*) FROM segments s JOIN articles a ON a.id = s.article_id "
                                    "WHERE a.origin LIKE '%story-%'")
        assert segments == (after - 2) * 42, (run, segments)  # every saved article is whole: headline, byline, 40
        seen.add(after)
        if after == 42:
            run_cli("articles")  # keep going: the next run re-imports (replaces) all 40
    assert seen  # the runs happened


def test_a_glossary_import_is_all_or_nothing(data_dir, tmp_path):
    assert run_cli("articles").returncode == 0
    path = tmp_path / "big.csv"
    rows = ["entry_id,domain,definition,term,term_kind,case,context,lang,rendering,status,do_not_translate,honorific,note,source"]
    for n in range(3000):
        rows.append(f"kill-{n},,,Kill term {n},full,auto,,,,,,,,")
        rows.append(f"kill-{n},,,,,,,my,ဝေါဟာရ {n},proposed,,,,")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    base = _count(data_dir, "SELECT count(*) FROM glossary_entries")
    for run in range(RUNS):
        _kill_at_random(["glossary", "import", str(path)], seed=100 + run)
        found = _count(data_dir, "SELECT count(*) FROM glossary_entries WHERE id LIKE 'kill-%'")
        assert found in (0, 3000), (run, found)
        renderings = _count(data_dir, "SELECT count(*) FROM glossary_renderings WHERE entry_id LIKE 'kill-%'")
        assert renderings == found, (run, renderings)
        if found:
            assert _count(data_dir, "SELECT count(*) FROM glossary_entries") == base + 3000
            break  # later imports of the same file change nothing


def test_a_po_import_is_all_or_nothing(data_dir, tmp_path):
    po = tmp_path / "a1.po"
    assert run_cli("translations", "export", "1", "--to", "my", "--out", str(po)).returncode == 0
    text = po.read_text(encoding="utf-8")
    filled = text.replace('msgstr ""\n\n', 'msgstr "ဘာသာပြန်"\n\n')
    filled = filled[:-len('msgstr ""\n')] + 'msgstr "ဘာသာပြန်"\n' if filled.endswith('msgstr ""\n') else filled
    po.write_text(filled, encoding="utf-8")
    total = _count(data_dir, "SELECT count(*) FROM segments WHERE article_id = 1")
    for run in range(RUNS):
        _kill_at_random(["translations", "import", str(po)], seed=200 + run)
        saved = _count(data_dir, "SELECT count(*) FROM translations WHERE article_id = 1")
        assert saved in (0, total), (run, saved)
        history = _count(data_dir, "SELECT count(*) FROM translation_history WHERE article_id = 1")
        assert history == saved, (run, history)
        if saved:
            break
