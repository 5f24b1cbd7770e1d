"""What each CLI subcommand does, on the same core the TUI uses."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.app.config import Settings
from workbench.app.importing import origin_of  # the one rule, also used by seeding and `translate FILE`
from workbench.app.workspace import ARTICLES_HINT, Workspace, open_checked
from workbench.articles.parsing import MAX_ARTICLE_BYTES, ParsedArticle
from workbench.errors import UserError
from workbench.files import check_user_file
from workbench.safe_text import visible

MAX_ARTICLE_ID = 2**63 - 1  # SQLite's largest INTEGER: a larger number names no article


def checked_article_id(raw: str | int) -> str:
    """`raw` as typed; a number too large to be stored is no article (one line, not a traceback)."""
    text = str(raw).strip()
    if text.isascii() and text.isdigit() and (len(text.lstrip("0")) > 19 or int(text) > MAX_ARTICLE_ID):
        raise UserError(f"no article with id {text}; {ARTICLES_HINT}")
    return text


def check_article_file(path: Path) -> Path:
    """A regular file of article size, checked before the parser reads all of it (/dev/zero never ends)."""
    check_user_file(path, "an article file", "a UTF-8 .txt file", MAX_ARTICLE_BYTES)
    return path


def list_articles(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.app.progress import articles_progress
    from workbench.lang.languages import target_language

    lang = target_language(args.lang).code if getattr(args, "lang", None) else None
    workspace = open_checked(settings)
    try:
        rows = workspace.store.list_articles()
        progress = articles_progress(workspace.store, lang or "my")  # words need no language; DONE does
    finally:
        workspace.close()
    done_header = f"  {'DONE (' + lang + ')':>18}" if lang else ""
    print(f"{'ID':>4}  {'DATE':10}  {'SEGS':>4}  {'WORDS':>6}{done_header}  TITLE")
    for row in rows:
        date = row.published.isoformat() if row.published else "-"
        title = visible(row.title) + (" (working title)" if row.title_derived else "")
        counts = progress[row.id]
        done = f"  {f'{counts.translated}/{counts.segments} segs {counts.percent}%':>18}" if lang else ""
        print(f"{row.id:>4}  {date:10}  {row.segment_count:>4}  {counts.words:>6}{done}  {title}")
    return 0


def import_files(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.app.importing import read_all_or_nothing, save_all, zawgyi_messages

    policy = getattr(args, "zawgyi", "auto")
    if any(is_xliff_name(f) for f in args.files):
        from workbench.cli.foreign_commands import import_xliff_files

        return import_xliff_files(settings, [Path(f) for f in args.files])
    parsed = read_all_or_nothing([check_article_file(Path(f)) for f in args.files], policy)
    workspace = open_checked(settings)
    try:
        # One transaction for every file: a kill or a full disk leaves all of them or none.
        results = save_all(workspace.store, [(article, origin_of(path)) for path, article in parsed])
        for (path, article), result in zip(parsed, results, strict=True):
            verb = "re-imported" if result.replaced else "imported"
            print(f"{verb} {path} as article {result.article_id}: {article.title} ({result.segment_count} segments)")
            done, warnings = zawgyi_messages(path, article.zawgyi, policy)
            for line in done:
                print(line)
            for line in [*warnings, *(f"workbench: warning: {warning}" for warning in article.warnings)]:
                print(line, file=sys.stderr)
    finally:
        workspace.close()
    return 0


def is_xliff_name(name: str) -> bool:
    from workbench.app.foreign_xliff import is_xliff_file

    return is_xliff_file(Path(name))


def translate(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.lang.languages import language, parse_language_list

    languages = parse_language_list(args.to)
    checked_article_id(args.article)
    with _out_folder(args.out) as out_dir:  # made (or refused) before any MT is computed
        workspace = open_checked(settings)
        try:
            article, source_lang = _check_article(workspace, args.article)
            plans = _check_routes(workspace, source_lang, [lang.code for lang in languages])
            article_id = _translate_saving(workspace, args.article, article, plans)
            for plan in plans:
                text = workspace.mt_text(article_id, plan.target_lang)
                if out_dir is None and len(plans) > 1:
                    text = f"==> {plan.target_lang}: {language(plan.target_lang).label} <==\n{text}\n"
                _emit(text, out_dir, article_id, plan.target_lang)
        finally:
            workspace.close()
    return 0


@contextmanager
def _out_folder(raw: str | None) -> Iterator[Path | None]:
    """The --out folder, made now and proven writable; folders made here go again if the run fails."""
    if raw is None:
        yield None
        return
    path = Path(raw)
    made = _make_out_folder(path, raw)
    try:
        yield path
    except BaseException:
        _remove_empty(made)
        raise


def _make_out_folder(path: Path, raw: str) -> list[Path]:
    """Make `path` (and missing parents); the folders made, innermost first."""
    made: list[Path] = []
    try:
        if path.exists() and not path.is_dir():
            raise UserError(f"--out {raw} is a file, not a folder; give a folder for the translations")
        made = [folder for folder in (path, *path.parents) if not folder.exists()]
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):  # a folder may exist and still take no file (/proc, read-only)
            pass
    except OSError as error:
        _remove_empty(made)
        raise UserError(f"cannot create folder {path} ({error.strerror or error}); choose a writable --out folder") from None
    return made


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:  # innermost first; a folder that holds anything stays
        try:
            folder.rmdir()
        except OSError:
            return


def _check_article(workspace: Workspace, raw: str) -> tuple[ParsedArticle | None, str]:
    """An article id that exists, or a file that parses (and its source language): checked before anything is written."""
    from workbench.articles.parsing import read_article_file
    from workbench.lang.languages import SOURCE_LANGUAGE

    if raw.isascii() and raw.isdigit():
        return None, workspace.article(raw).source_lang
    path = Path(raw)
    if not os.path.exists(path):  # os.path: False, not an error, for a name too long to look up
        raise UserError(f"{raw} is neither an article id nor an existing file; see `workbench articles`")
    return read_article_file(check_article_file(path)), SOURCE_LANGUAGE


def _article_id(workspace: Workspace, raw: str, parsed) -> int:
    from workbench.app.importing import save_parsed

    if parsed is None:
        return int(raw)
    path = Path(raw)
    result = save_parsed(workspace.store, parsed, origin_of(path))
    done = "re-imported" if result.replaced else "imported"  # the same origin replaces the article
    print(f"{done} {path} as article {result.article_id}", file=sys.stderr)
    return result.article_id


def _translate_saving(workspace: Workspace, raw: str, parsed, plans) -> int:
    """Import (for a file) and translate; a database error part-way says what was already saved."""
    from workbench.app.errors import database_refused

    article_id: int | None = None
    try:
        article_id = _article_id(workspace, raw, parsed)
        _translate_all(workspace, article_id, plans)
    except Exception as error:
        message = database_refused(error)
        saved = ([f"{raw} had been imported as article {article_id}"] if parsed is not None and article_id else []) + \
            ([f"{workspace.store.mt_rows_saved} machine translation(s) had been cached"] if workspace.store.mt_rows_saved else [])
        if message is None or not saved:
            raise  # nothing was saved: the ordinary one line says so
        raise UserError(f"{message} after {' and '.join(saved)} (kept, and reused when you run it again); "
                        "no translation was changed: check that the database is writable and not locked") from None
    return article_id


def _check_routes(workspace: Workspace, source_lang: str, targets: list[str]):
    """Every language has a route (direct or through a pivot) before anything is translated."""
    from workbench.app.multi_target import plan_languages

    plans = plan_languages(workspace.engine, source_lang, targets)
    for plan in plans:
        if plan.model is None:
            raise UserError(workspace.engine.missing_route_hint(source_lang, plan.target_lang))
    for plan in plans:
        if plan.is_pivot:
            print(f"{plan.target_lang}: via {plan.route} (no {source_lang}→{plan.target_lang} package installed)",
                  file=sys.stderr)
    return plans


def _translate_all(workspace: Workspace, article_id: int, plans) -> None:
    """All languages in one run, a progress bar each; each model is released once its language is done."""
    from workbench.app.multi_target import translate_languages
    from workbench.cli.progress import ProgressBars

    labels = {plan.target_lang: plan.route for plan in plans}
    total = len(workspace.store.segments(article_id))
    bars = ProgressBars({label: total for label in labels.values()})
    translate_languages(
        workspace.store, workspace.engine, article_id, list(labels),
        on_progress=lambda lang, done, _total, _sid, _text: bars.update(labels[lang], done),
        on_finished=lambda report: bars.finish(labels[report.target_lang],
                                               f"{report.counts().describe()} ({report.model.model_id})"),
        index=workspace.glossary_index(), keep_loaded=False,
    )


def _emit(text: str, out_dir: Path | None, article_id: int, target: str) -> None:
    if out_dir is None:
        sys.stdout.write(text)
        return
    from workbench.files import write_atomically

    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"cannot create folder {out_dir} ({error.strerror or error}); choose a writable --out folder") from None
    final = out_dir / f"article-{article_id}.{target}.txt"
    write_atomically(final, text.encode("utf-8"))  # never a half-written file; one line if it fails
    print(f"wrote {final}", file=sys.stderr)

