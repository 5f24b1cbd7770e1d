"""What each CLI subcommand does, on the same core the TUI uses."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import sqlalchemy as sa

from workbench.config import Settings
from workbench.errors import UserError
from workbench.workspace import Workspace, install_hint, open_workspace


def open_checked(settings: Settings) -> Workspace:
    """Open the workspace, turning an unreachable database into one clear line."""
    try:
        return open_workspace(settings)
    except sa.exc.OperationalError as error:
        reason = str(error.orig).splitlines()[0] if error.orig else str(error)
        raise UserError(f"cannot open database {settings.db_url}: {reason}; check --db / WORKBENCH_DB") from None


def list_articles(settings: Settings, args: argparse.Namespace) -> int:
    workspace = open_checked(settings)
    try:
        rows = workspace.store.list_articles()
    finally:
        workspace.close()
    print(f"{'ID':>4}  {'DATE':10}  {'SEGS':>4}  TITLE")
    for row in rows:
        date = row.published.isoformat() if row.published else "-"
        title = row.title + (" (working title)" if row.title_derived else "")
        print(f"{row.id:>4}  {date:10}  {row.segment_count:>4}  {title}")
    return 0


def import_files(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.importing import read_all_or_nothing, save_parsed

    parsed = read_all_or_nothing([Path(f) for f in args.files])
    workspace = open_checked(settings)
    try:
        for path, article in parsed:
            result = save_parsed(workspace.store, article, origin_of(path))
            verb = "re-imported" if result.replaced else "imported"
            print(f"{verb} {path} as article {result.article_id}: {article.title} ({result.segment_count} segments)")
    finally:
        workspace.close()
    return 0


def translate(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.languages import parse_language_list

    languages = parse_language_list(args.to)
    out_dir = _check_out_dir(args.out)
    workspace = open_checked(settings)
    try:
        article = _check_article(workspace, args.article)
        for lang in languages:
            if workspace.engine.model_for("en", lang.code) is None:
                raise UserError(install_hint("en", lang.code))
        article_id = _article_id(workspace, args.article, article)
        for lang in languages:
            text = _translate_one(workspace, article_id, lang.code)
            _emit(text, out_dir, article_id, lang.code)
    finally:
        workspace.close()
    return 0


def origin_of(path: Path) -> str:
    """Where an article came from: the full path, so two report.txt files never replace each other."""
    return str(Path(path).resolve())


def _check_out_dir(raw: str | None) -> Path | None:
    if raw is None:
        return None
    path = Path(raw)
    if path.exists() and not path.is_dir():
        raise UserError(f"--out {raw} is a file, not a folder; give a folder for the translations")
    return path


def _check_article(workspace: Workspace, raw: str):
    """An article id that exists, or a file that parses: checked before anything is written."""
    from workbench.articles import read_article_file

    if raw.isascii() and raw.isdigit():
        if workspace.store.get_article(int(raw)) is None:
            raise UserError(f"no article with id {raw}; see `workbench articles` for the ids")
        return None
    path = Path(raw)
    if not path.exists():
        raise UserError(f"{raw} is neither an article id nor an existing file; see `workbench articles`")
    return read_article_file(path)


def _article_id(workspace: Workspace, raw: str, parsed) -> int:
    from workbench.importing import save_parsed

    if parsed is None:
        return int(raw)
    path = Path(raw)
    result = save_parsed(workspace.store, parsed, origin_of(path))
    print(f"imported {path} as article {result.article_id}", file=sys.stderr)
    return result.article_id


def _translate_one(workspace: Workspace, article_id: int, target: str) -> str:
    from workbench.mt.service import translate_article
    from workbench.progress import ProgressBar

    total = len(workspace.store.segments(article_id))
    bar = ProgressBar(f"en→{target}", total)
    report = translate_article(
        workspace.store, workspace.engine, article_id, target,
        on_progress=lambda done, _total, _sid, _text: bar.update(done),
        index=workspace.glossary_index(),
    )
    bar.finish(f"{report.translated} translated, {report.from_cache} from cache ({report.model.model_id})")
    return _article_text(workspace, article_id, target)


def _article_text(workspace: Workspace, article_id: int, target: str) -> str:
    from workbench.mt.service import stored_mt

    _model, mt = stored_mt(workspace.store, workspace.engine, article_id, target, workspace.glossary_index())
    paragraphs: dict[int, list[str]] = {}
    for segment in workspace.store.segments(article_id):
        paragraphs.setdefault(segment.paragraph_index, []).append(mt.get(segment.segment_id, ""))
    return "\n\n".join(" ".join(parts) for _, parts in sorted(paragraphs.items())) + "\n"


def _emit(text: str, out_dir: Path | None, article_id: int, target: str) -> None:
    if out_dir is None:
        sys.stdout.write(text)
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / f"article-{article_id}.{target}.txt"
    handle, temporary = tempfile.mkstemp(dir=out_dir, prefix=f".{final.name}.")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, final)  # never leave a half-written file
    print(f"wrote {final}", file=sys.stderr)


def models(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.mt import packages

    if args.models_command == "install":
        package = packages.install_package(Path(args.file), settings.data_dir)
        print(f"installed {package.name}: {package.from_code}→{package.to_code} version {package.version}")
        return 0
    if args.models_command == "remove":
        package = packages.remove_package(args.name, settings.data_dir)
        print(f"removed {package.name}")
        return 0
    return _list_models(settings)


def _list_models(settings: Settings) -> int:
    from workbench.languages import language
    from workbench.mt import packages

    installed = packages.installed_packages(settings.data_dir)
    if not installed:
        print(f"no models installed in {packages.models_dir(settings.data_dir)}; "
              "install one with `workbench models install FILE.argosmodel`")
        return 0
    print(f"{'NAME':32}  {'PAIR':24}  {'VERSION':8}  {'SIZE':>8}  PREFIXES")
    for package in installed:
        pair = f"{package.from_code}→{package.to_code} ({_name(language, package.to_code)})"
        prefixes = " ".join(p for p in (package.source_prefix, package.target_prefix) if p) or "-"
        size = f"{package.size_bytes() / 1024**2:.1f}M"
        print(f"{package.name:32}  {pair:24}  {package.version:8}  {size:>8}  {prefixes}")
    return 0


def _name(language, code: str) -> str:
    try:
        return language(code).label
    except UserError:
        return code
