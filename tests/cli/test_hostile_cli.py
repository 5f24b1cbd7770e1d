"""Hostile input through the real `workbench` command.

Data holding terminal escapes (a title that retitles the terminal, CSI sequences, the 8-bit CSI,
BEL, NUL, bidi overrides) goes through every command that prints it: nothing raw reaches stdout
or stderr, and the visible form is there (tests/support/hostile.py). What a shell can hand the
command (bytes that are not UTF-8, huge numbers, /dev/zero, /dev/full, argparse mistakes) ends in
the one promised line, exit status 2, and the database exactly as it was.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.support.cli_helpers import assert_one_line_error, run_cli
from tests.support.hostile import (
    ARTICLE,
    BEL,
    BIDI,
    C1_CSI,
    CSI_CLEAR,
    CSI_RED,
    GLOSSARY_CSV,
    ISOLATE,
    KEPT,
    NUL,
    OSC_TITLE,
    RENDERING_FR,
    RENDERING_MY,
    SHOWN,
    TERM,
    assert_nothing_raw,
    database_dump,
    execute_sql,
    run_raw,
)
from tests.unit.test_zawgyi_entry_points import ARTICLE as ZAWGYI_ARTICLE
from tests.unit.test_zawgyi_entry_points import QUOTE, SHORT_UNSURE

HOSTILE_NAME = f"evil{OSC_TITLE}"  # a file or folder name is data too


def _import_article(tmp_path: Path) -> Path:
    path = tmp_path / f"{HOSTILE_NAME}.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run_cli("import", str(path))
    assert result.returncode == 0, result.stderr
    assert_nothing_raw(result, OSC_TITLE, C1_CSI, BIDI)
    return path


def _import_glossary(tmp_path: Path) -> None:
    """The hostile entries stored as a database from an older version, or another tool, may hold
    them: `glossary import` refuses them now (tested below), so they are written to the store."""
    from workbench.formats.glossary_csv import parse_csv
    from workbench.storage.glossary_repository import GlossaryRepository
    from workbench.storage.store import Store

    origin = str(tmp_path / f"{HOSTILE_NAME}.csv")
    store = Store(f"sqlite:///{Path(os.environ['WORKBENCH_DATA_DIR']) / 'workbench.db'}")
    try:
        GlossaryRepository(store.engine).write_many(
            [(entry, [{"action": "import", "reason": f"imported from {origin}"}]
              + [{"action": "import", "lang": r.lang, "rendering": r.text, "new_status": r.status,
                  "reason": f"imported from {origin}"} for r in entry.renderings], 0)
             for entry in parse_csv(GLOSSARY_CSV.encode(), origin)], "tester")
    finally:
        store.close()


def test_importing_the_hostile_glossary_is_refused_whole_and_changes_nothing(data_dir, tmp_path):
    run_cli("articles")
    path = tmp_path / f"{HOSTILE_NAME}.csv"
    path.write_text(GLOSSARY_CSV, encoding="utf-8")
    before = database_dump(data_dir)
    result = run_cli("glossary", "import", str(path))
    assert_one_line_error(result, "mallory-council", "control character", "nothing was imported")
    assert_nothing_raw(result, OSC_TITLE)
    assert database_dump(data_dir) == before


# -- data printed ---------------------------------------------------------------------------------

def test_articles_show_titles_with_their_escapes_visible(data_dir, tmp_path):
    run_cli("articles")
    _import_article(tmp_path)
    execute_sql(data_dir, "UPDATE articles SET title = title || ? WHERE id = 3", f" {NUL}{CSI_CLEAR}")
    listing = run_cli("articles")
    assert listing.returncode == 0
    assert_nothing_raw(listing, OSC_TITLE, C1_CSI, BIDI, NUL, CSI_CLEAR)
    # Burmese, ZWJ, ZWNJ and the combining mark are printed as they are.
    assert f"Hostile ␛]0;PWNED␇ title \\x9b31m \\u202egnirts\\u202c {KEPT} ␀␛[2J␛[H" in listing.stdout


def test_glossary_commands_show_terms_and_renderings_visibly(data_dir, tmp_path):
    run_cli("articles")
    _import_glossary(tmp_path)
    text = tmp_path / "text.txt"
    text.write_text("The Mallory Council met.\n", encoding="utf-8")
    for args, shown in [
        (["glossary", "list"], (OSC_TITLE, CSI_RED, C1_CSI)),
        (["glossary", "list", "--format", "tsv"], (OSC_TITLE, CSI_RED, C1_CSI)),
        (["glossary", "show", "hostile-term"], (OSC_TITLE, CSI_RED, C1_CSI, BIDI)),
        (["glossary", "history", "hostile-term"], (OSC_TITLE, C1_CSI)),  # "imported from <file name>"
        (["glossary", "match", str(text)], (OSC_TITLE,)),
    ]:
        result = run_cli(*args)
        assert result.returncode == 0, (args, result.stderr)
        assert_nothing_raw(result, *shown)
    refused = run_cli("glossary", "export", str(tmp_path / "out.tbx"))  # XML cannot hold ESC: refused, said cleanly
    assert_one_line_error(refused, "hostile-term")
    assert_nothing_raw(refused)


def test_json_output_stays_valid_and_keeps_the_original_text(data_dir, tmp_path):
    run_cli("articles")
    _import_glossary(tmp_path)
    text = tmp_path / "text.txt"
    text.write_text("The Mallory Council met.\n", encoding="utf-8")
    listing = run_cli("glossary", "list", "--format", "json")
    assert_nothing_raw(listing)
    rows = {(row["entry_id"], row["lang"]): row for row in json.loads(listing.stdout)}
    assert rows[("hostile-term", "my")]["rendering"] == RENDERING_MY and rows[("hostile-term", "my")]["term"] == TERM
    matched = run_cli("glossary", "match", str(text), "--format", "json")
    assert_nothing_raw(matched)
    assert json.loads(matched.stdout)[0]["approved"]["fr"] == RENDERING_FR


def test_users_list_shows_names_visibly(data_dir):
    run_cli("articles")
    execute_sql(data_dir, "INSERT INTO users SELECT ?, 'translator', updated_at, updated_by FROM users LIMIT 1", f"mallory{OSC_TITLE}")
    result = run_cli("users", "list")
    assert result.returncode == 0
    assert_nothing_raw(result, OSC_TITLE)


def _hostile_po(tmp_path: Path) -> Path:
    exported = tmp_path / f"{HOSTILE_NAME}.po"
    result = run_cli("translations", "export", "3", "--to", "my", "--out", str(exported))
    assert result.returncode == 0, result.stderr
    assert_nothing_raw(result, OSC_TITLE)
    head, body = exported.read_text(encoding="utf-8").split("\n\n", 1)
    filled = tmp_path / "filled.po"  # every translation ends with a title sequence
    filled.write_text(head + "\n\n" + body.replace('msgstr ""', f'msgstr "မြန်မာ {C1_CSI} {OSC_TITLE}"'), encoding="utf-8")
    return filled


def test_translations_and_check_show_translations_visibly(data_dir, tmp_path):
    run_cli("articles")
    _import_article(tmp_path)
    imported = run_cli("translations", "import", str(_hostile_po(tmp_path)))
    assert imported.returncode == 0, imported.stderr
    assert_nothing_raw(imported)
    check = run_cli("check", "3", "--lang", "my")
    assert_nothing_raw(check, BEL)  # "ends with '␇'"
    as_json = run_cli("check", "3", "--lang", "my", "--format", "json")
    assert_nothing_raw(as_json)
    assert any(BEL in issue["message"] for issue in json.loads(as_json.stdout))
    metrics = run_cli("check", "--metrics", "--lang", "my", "--format", "json")
    assert_nothing_raw(metrics)
    json.loads(metrics.stdout)


def test_translate_prints_machine_translation_visibly(installed_models, tmp_path):
    run_cli("articles")
    _import_article(tmp_path)
    assert run_cli("translate", "3", "--to", "fr").returncode == 0
    # What an engine returns is data too: the cached MT now ends in escapes.
    execute_sql(installed_models, "UPDATE machine_translations SET text = text || ? WHERE target_lang = 'fr'", f" {OSC_TITLE}{C1_CSI}")
    printed = run_cli("translate", "3", "--to", "fr")
    assert printed.returncode == 0, printed.stderr
    assert_nothing_raw(printed, OSC_TITLE, C1_CSI)
    out = tmp_path / f"{HOSTILE_NAME}-out"
    written = run_cli("translate", "3", "--to", "fr", "--out", str(out))
    assert written.returncode == 0, written.stderr
    assert_nothing_raw(written, OSC_TITLE)  # "wrote <folder>/article-3.fr.txt"
    assert OSC_TITLE in (out / "article-3.fr.txt").read_text(encoding="utf-8")  # a file keeps the text as it is


def test_models_list_shows_package_metadata_visibly(installed_models):
    metadata_file = next((installed_models / "models").glob("*/metadata.json"))
    metadata = json.loads(metadata_file.read_text(encoding="utf-8"))
    metadata_file.write_text(json.dumps({**metadata, "license": f"MIT {OSC_TITLE}{ISOLATE}"}), encoding="utf-8")
    result = run_cli("models", "list")
    assert result.returncode == 0
    assert_nothing_raw(result, OSC_TITLE, ISOLATE)


def test_errors_and_warnings_quoting_files_show_them_visibly(data_dir, tmp_path):
    run_cli("articles")
    _import_article(tmp_path)
    po = _hostile_po(tmp_path)
    text = po.read_text(encoding="utf-8")
    first, second = [line.split('"')[1] for line in text.splitlines() if line.startswith("msgctxt")][:2]
    po.write_text(text.replace(first, OSC_TITLE).replace(second, OSC_TITLE), encoding="utf-8")
    duplicate = run_cli("translations", "import", str(po))
    assert_one_line_error(duplicate, SHOWN[OSC_TITLE], "appears twice")
    assert_nothing_raw(duplicate)
    missing = run_cli("import", str(tmp_path / f"missing{CSI_CLEAR}\nsecond line.txt"))
    assert_one_line_error(missing, SHOWN[CSI_CLEAR] + "␊second line")  # still one line
    assert_nothing_raw(missing)
    choice = run_cli("glossary", "list", "--status", OSC_TITLE)
    assert_one_line_error(choice, "'\\x1b]0;PWNED\\x07'", "see `workbench glossary list --help`")  # argparse quotes by repr
    assert_nothing_raw(choice)
    unsure = tmp_path / f"banner{OSC_TITLE}.txt"
    unsure.write_text(ZAWGYI_ARTICLE.format(quote=QUOTE, short=SHORT_UNSURE), encoding="utf-8")
    warned = run_cli("import", str(unsure))
    assert warned.returncode == 0 and "workbench: warning: " in warned.stderr
    assert_nothing_raw(warned, OSC_TITLE)


# -- what a shell can hand the command: one line, exit 2, nothing changed -------------------------

def _refused(data_dir: Path, run, *fragments: str) -> None:
    """`run()` ends in one clean line with exit status 2 and leaves every table as it was."""
    run_cli("articles")  # the workspace exists before
    before = database_dump(data_dir)
    result = run()
    assert result.returncode == 2, result
    assert_one_line_error(result, *fragments)
    assert_nothing_raw(result)
    assert database_dump(data_dir) == before


@pytest.mark.parametrize("args", [
    [b"glossary", b"propose", b"caf\xe9 term"],
    [b"glossary", b"propose", b"Sagaing Region", b"--lang", b"my", b"--rendering", b"\xff\xfe"],
    [b"glossary", b"approve", b"army-captain", b"--lang", b"fr", b"--rendering", b"capitaine", b"--reason", b"\xe9"],
    [b"glossary", b"show", b"army\xff"],
    [b"users", b"set", b"bob\xff", b"--role", b"editor"],
    [b"--as", b"ed\xff", b"glossary", b"propose", b"New Term"],
    [b"glossary", b"propose", b"New Term", b"--as", b"ed\xff"],
    [b"import", b"caf\xe9.txt"],
])
def test_arguments_that_are_not_utf8_are_one_line(data_dir, args):
    _refused(data_dir, lambda: run_raw(*args), "is not UTF-8 text", "\\x")


def test_a_user_name_that_is_not_utf8_is_one_line(data_dir):
    _refused(data_dir, lambda: run_raw("glossary", "propose", "New Term", env={b"WORKBENCH_USER": b"ed\xff"}),
             "WORKBENCH_USER", "\\xff")


HUGE = "99999999999999999999"


@pytest.mark.parametrize("args", [
    ["translate", HUGE, "--to", "fr"],
    ["translations", "export", HUGE, "--to", "my", "--out", "x.po"],
    ["check", HUGE, "--lang", "my"],
    ["check", "--metrics", HUGE, "--lang", "my"],
])
def test_ids_too_large_to_store_are_one_line(data_dir, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    _refused(data_dir, lambda: run_cli(*args), f"no article with id {HUGE}")
    assert not (tmp_path / "x.po").exists()


@pytest.mark.parametrize("option", [False, True])
def test_a_po_file_naming_an_id_too_large_is_one_line(data_dir, tmp_path, option):
    run_cli("articles")
    exported = tmp_path / "a.po"
    run_cli("translations", "export", "1", "--to", "my", "--out", str(exported))
    if option:
        args = ["translations", "import", str(exported), "--article", HUGE]
    else:
        exported.write_text(exported.read_text(encoding="utf-8").replace("Article-Id: 1\\n", f"Article-Id: {HUGE}\\n"), encoding="utf-8")
        args = ["translations", "import", str(exported)]
    _refused(data_dir, lambda: run_cli(*args), f"no article with id {HUGE}")


@pytest.mark.parametrize("args, suffix, fragment", [
    (["import", "ZERO"], "", "not a regular file"),
    (["translate", "ZERO", "--to", "fr"], "", "not a regular file"),
    (["glossary", "match", "ZERO"], "", "larger than"),
    (["glossary", "import", "ZERO"], ".csv", "larger than"),
    (["glossary", "import", "ZERO"], ".tbx", "larger than"),
    (["translations", "import", "ZERO"], ".po", "larger than"),
])
def test_dev_zero_as_an_input_file_is_one_line(data_dir, tmp_path, args, suffix, fragment):
    zero = "/dev/zero"
    if suffix:  # the commands that go by the extension get /dev/zero under a fitting name
        zero = str(tmp_path / f"zero{suffix}")
        os.symlink("/dev/zero", zero)
    command = [zero if arg == "ZERO" else arg for arg in args]
    _refused(data_dir, lambda: run_raw(*command, memory=1 << 30), fragment)


def test_dev_zero_on_standard_input_is_one_line(data_dir):
    with open("/dev/zero", "rb") as zero:
        _refused(data_dir, lambda: run_raw("glossary", "match", "-", stdin=zero, memory=1 << 30), "standard input is larger than")


@pytest.mark.parametrize("args", [["articles"], ["glossary", "list"], ["check", "--lang", "my"]])
def test_a_schema_version_that_is_not_a_number_is_one_line(data_dir, args):
    run_cli("articles")
    execute_sql(data_dir, "UPDATE meta SET value = 'abc' WHERE key = 'schema_version'")
    before = database_dump(data_dir)
    result = run_cli(*args)
    assert result.returncode == 2
    assert_one_line_error(result, "schema version", "abc")
    assert database_dump(data_dir) == before


@pytest.mark.parametrize("args", [["articles"], ["glossary", "list"], ["glossary", "show", "army-captain"], ["--help"]])
def test_stdout_on_a_full_device_is_one_line(data_dir, args):
    run_cli("articles")
    with open("/dev/full", "wb") as full:
        result = run_raw(*args, stdout=full)
    assert result.returncode != 0
    assert_one_line_error(result, "No space left on device")


@pytest.mark.parametrize("args, fragment, command", [
    (["translate"], "the following arguments are required: ARTICLE, --to", "workbench translate"),
    (["articles", "--bogus"], "unrecognized arguments: --bogus", "workbench articles"),
    (["nosuch"], "invalid choice: 'nosuch'", "workbench"),
    (["glossary"], "the following arguments are required: ACTION", "workbench glossary"),
    (["glossary", "list", "--status", "nope"], "invalid choice: 'nope'", "workbench glossary list"),
    (["glossary", "approve", "army-captain", "--lang", "fr", "--rendering", "x", "--revision", "two"], "invalid int value", "workbench glossary approve"),
    (["check", "--lang", "my", "x"], "argument ARTICLE: invalid int value: 'x'", "workbench check"),
    (["users", "set", "bob", "--role", "boss"], "invalid choice: 'boss'", "workbench users set"),
    (["translations", "export", "1", "--to", "my"], "the following arguments are required: --out", "workbench translations export"),
    (["models", "remove"], "the following arguments are required: NAME", "workbench models remove"),
])
def test_argparse_mistakes_are_the_one_promised_line(data_dir, args, fragment, command):
    _refused(data_dir, lambda: run_cli(*args), fragment, f"; see `{command} --help`")


@pytest.mark.parametrize("out", ["/proc/workbench-out", "/sys/workbench-out", "x" * 300])
def test_translate_into_a_folder_that_cannot_be_made_is_refused_before_any_mt(installed_models, tmp_path, out):
    target = out if out.startswith("/") else str(tmp_path / out)
    _refused(installed_models, lambda: run_cli("translate", "1", "--to", "fr", "--out", target),
             "cannot create folder", "choose a writable --out folder")  # no MT row written either


@pytest.mark.parametrize("args, fragment", [
    (["glossary", "propose", f"Evil {OSC_TITLE}"], "the term"),
    (["glossary", "propose", "Mallory Council", "--lang", "my", "--rendering", f"x{C1_CSI}"], "the rendering"),
    (["glossary", "propose", "Mallory Council", "--note", f"why{BEL}"], "the note"),
    (["glossary", "propose", f"Evil {BIDI}"], "the term"),
    (["glossary", "reject", "army-captain", "--lang", "fr", "--rendering", "capitaine", "--reason", f"no{CSI_CLEAR}"], "the reason"),
    (["users", "set", f"bob{OSC_TITLE}", "--role", "editor"], "the user name"),
    (["--as", f"ed{BEL}", "glossary", "propose", "New Term"], "--as"),
])
def test_control_characters_in_what_is_stored_are_refused(data_dir, args, fragment):
    _refused(data_dir, lambda: run_cli(*args), fragment, "control character")


def test_a_user_name_with_control_characters_is_refused(data_dir):
    _refused(data_dir, lambda: run_cli("glossary", "propose", "New Term", env={"WORKBENCH_USER": f"ed{CSI_RED}"}),
             "WORKBENCH_USER", "control character")

