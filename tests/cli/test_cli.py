"""The CLI on a fresh workspace, with and without models, and every user mistake."""

from pathlib import Path

import pytest

from tests.support.cli_helpers import assert_one_line_error, run_cli


def snapshot_tree(folder: Path) -> dict[str, int]:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*") if p.is_file() and "-wal" not in p.name and "-shm" not in p.name}


def _command_paths() -> list[list[str]]:
    """Every command and subcommand the parser knows (`db copy`, `serve`, `glossary import`…)."""
    import argparse

    from workbench.cli.main import build_parser

    paths: list[list[str]] = []

    def walk(parser: argparse.ArgumentParser, path: list[str]) -> None:
        paths.append(path)
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, [*path, name])

    walk(build_parser(), [])
    return paths


@pytest.mark.parametrize("args", [[], ["articles"], ["import"], ["translate"], ["models", "install"]])
def test_every_command_has_help(args):
    result = run_cli(*args, "--help")
    assert result.returncode == 0
    assert "usage: workbench" in result.stdout


def test_every_subcommand_prints_its_help_and_exits_0(capsys):
    from workbench.cli.main import build_parser

    paths = _command_paths()
    assert ["serve"] in paths and ["db", "copy"] in paths and len(paths) > 30
    for path in paths:
        with pytest.raises(SystemExit) as done:
            build_parser().parse_args([*path, "--help"])
        assert done.value.code == 0, path
        assert f"usage: workbench {' '.join(path)}".strip() in capsys.readouterr().out, path


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.strip() == "workbench 0.1.0"


def test_articles_lists_both_seeds_with_id_title_date_and_segment_count(data_dir):
    result = run_cli("articles")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "DATE", "SEGS", "WORDS", "TITLE"]
    assert lines[1].split()[:2] == ["1", "2022-03-25"]
    assert int(lines[1].split()[3]) > 400  # the seed's words, headline and byline included
    assert "Myanmar’s Parallel Government Asks Foreign Governments" in lines[1]
    assert lines[2].split()[:2] == ["2", "-"] and "(working title)" in lines[2]
    assert int(lines[1].split()[2]) > 20
    assert (data_dir / "workbench.db").is_file()


def test_db_url_option_and_environment_variable(tmp_path):
    url = f"sqlite:///{tmp_path / 'other.db'}"
    assert run_cli("--db", url, "articles").returncode == 0
    assert (tmp_path / "other.db").is_file()
    url2 = f"sqlite:///{tmp_path / 'env.db'}"
    assert run_cli("articles", env={"WORKBENCH_DB": url2}).returncode == 0
    assert (tmp_path / "env.db").is_file()


def test_import_adds_an_article_and_reimport_replaces_it(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Junta Airstrike Hits Village\n\nBy Staff 2 April 2022\n\nU Nay Phone Lat spoke. He said more.\n", encoding="utf-8")
    first = run_cli("import", str(story))
    assert first.returncode == 0, first.stderr
    assert "imported" in first.stdout and "article 3" in first.stdout
    again = run_cli("import", str(story))
    assert "re-imported" in again.stdout and "article 3" in again.stdout
    listing = run_cli("articles").stdout
    assert listing.count("Junta Airstrike Hits Village") == 1


def test_import_with_one_bad_file_imports_nothing(tmp_path, data_dir):
    good = tmp_path / "good.txt"
    good.write_text("A fine story\n\nThe NUG said so.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Title\n\nCaf" + b"\xe9 latin-1 text\n")
    run_cli("articles")  # create the workspace first
    before = run_cli("articles").stdout
    result = run_cli("import", str(good), str(bad))
    assert_one_line_error(result, str(bad), "UTF-8")
    assert run_cli("articles").stdout == before


@pytest.mark.parametrize(
    "make_args, fragments",
    [
        (lambda tmp: ["import", str(tmp / "missing.txt")], ["missing.txt"]),
        (lambda tmp: ["translate", "1", "--to", "xx"], ["unknown language code 'xx'"]),
        (lambda tmp: ["translate", "1", "--to", "my"], ["workbench models install"]),
        (lambda tmp: ["translate", "99", "--to", "my"], ["no article with id 99"]),
        (lambda tmp: ["translate", str(tmp / "nothing.txt"), "--to", "fr"], ["nothing.txt", "neither an article id"]),
        (lambda tmp: ["models", "install", str(tmp / "missing.argosmodel")], ["missing.argosmodel"]),
        (lambda tmp: ["--db", "nosuchdb://x", "articles"], ["nosuchdb"]),
        (lambda tmp: ["--db", f"sqlite:///{tmp}", "articles"], ["cannot open database"]),
        (lambda tmp: ["translate", "1", "--to", " , "], ["no target language given"]),
        (lambda tmp: ["translate", "1", "--to", "my", "--out", str(Path(__file__))], ["is a file, not a folder"]),
        (lambda tmp: ["import", str(tmp)], ["folder"]),
    ],
)
def test_user_mistakes_get_one_line_and_change_nothing(tmp_path, data_dir, make_args, fragments):
    run_cli("articles")
    before = snapshot_tree(data_dir)
    result = run_cli(*make_args(tmp_path))
    assert_one_line_error(result, *fragments)
    assert snapshot_tree(data_dir) == before


def test_no_model_installed_is_explained_with_the_install_command(data_dir):
    result = run_cli("models", "list")
    assert result.returncode == 0
    assert "no models installed" in result.stdout and "workbench models install FILE.argosmodel" in result.stdout


def test_a_text_file_that_is_not_an_argos_package_is_refused(tmp_path, data_dir):
    fake = tmp_path / "fake.argosmodel"
    fake.write_text("not a zip", encoding="utf-8")
    result = run_cli("models", "install", str(fake))
    assert_one_line_error(result, "fake.argosmodel", "not a zip archive")
    assert snapshot_tree(data_dir / "models") == {}


def test_translate_into_a_folder_that_cannot_be_made_is_one_line(tmp_path, installed_models):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    result = run_cli("translate", "1", "--to", "my", "--out", str(blocker / "sub"))
    assert_one_line_error(result, "cannot create folder", "choose a writable --out folder")
    assert not (blocker.parent / "sub").exists()


ROOT = Path(__file__).resolve().parents[2]


def _saved_translation(data_dir: Path, article_id: int, segment_index: int, text: str | None = None) -> str | None:
    """Save (when text is given) and read back one Burmese translation, straight through the store."""
    from workbench.storage.store import Store

    assert run_cli("articles").returncode == 0  # the first run makes the workspace with the seeds
    store = Store(f"sqlite:///{data_dir / 'workbench.db'}")
    try:
        segment_id = store.segments(article_id)[segment_index].segment_id
        if text is not None:
            store.save_translation(article_id, segment_id, "my", text, "translated", "tester")
        saved = store.translations(article_id, "my").get(segment_id)
        return saved.text if saved else None
    finally:
        store.close()


def _article_count(listing: str) -> int:
    return len(listing.strip().splitlines()) - 1  # the header line


def test_importing_the_seed_files_replaces_the_seed_articles(data_dir, monkeypatch):
    assert _article_count(run_cli("articles").stdout) == 2
    _saved_translation(data_dir, 1, 0, "ကြိုတင်ဘာသာပြန်")
    monkeypatch.chdir(ROOT)  # `workbench import seeds/*.txt` as typed in the project folder
    result = run_cli("import", *sorted(str(path.relative_to(ROOT)) for path in (ROOT / "seeds").glob("*.txt")))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("re-imported") == 2, result.stdout
    assert "re-imported seeds/000_33987ea7448e5f2a.txt as article 1" in result.stdout
    assert _article_count(run_cli("articles").stdout) == 2
    assert _saved_translation(data_dir, 1, 0) == "ကြိုတင်ဘာသာပြန်"
    again = run_cli("import", str(ROOT / "seeds" / "004_8f0f25ff7879d2b4.txt"))  # by its full path too
    assert "re-imported" in again.stdout and "as article 2" in again.stdout
    assert _article_count(run_cli("articles").stdout) == 2


def test_translating_a_seed_file_uses_the_seed_article(tmp_path, installed_models):
    assert _article_count(run_cli("articles").stdout) == 2
    result = run_cli("translate", str(ROOT / "seeds" / "000_33987ea7448e5f2a.txt"), "--to", "fr", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "as article 1" in result.stderr
    assert _article_count(run_cli("articles").stdout) == 2


def test_translating_the_same_file_again_says_it_replaced_the_article(installed_models, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("A story\n\nThe council met on Monday.\n", encoding="utf-8")
    first = run_cli("translate", str(path), "--to", "fr")
    again = run_cli("translate", str(path), "--to", "fr")
    assert first.returncode == again.returncode == 0, (first.stderr, again.stderr)
    assert f"imported {path} as article 3" in first.stderr and "re-imported" not in first.stderr
    assert f"re-imported {path} as article 3" in again.stderr


def test_articles_with_a_language_shows_how_much_is_translated(data_dir):
    from workbench.storage.store import Store

    assert run_cli("articles").returncode == 0  # the first run makes the workspace with the seeds
    store = Store(f"sqlite:///{data_dir / 'workbench.db'}")
    try:
        first = store.segments(1)[0]  # the headline: 10 words
        store.save_translation(1, first.segment_id, "my", "အစိုးရ", "translated", "tin", expected_revision=0)
    finally:
        store.close()
    result = run_cli("articles", "--lang", "MY")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:6] == ["ID", "DATE", "SEGS", "WORDS", "DONE", "(my)"]
    segments = lines[1].split()[2]
    words = int(lines[1].split()[3])
    assert f"1/{segments} segs {10 * 100 // words}%" in lines[1]
    assert f"0/{lines[2].split()[2]} segs 0%" in lines[2]
    refused = run_cli("articles", "--lang", "en")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1
