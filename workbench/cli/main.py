"""The `workbench` command: the TUI by default, batch work through subcommands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from workbench import __version__
from workbench.app.config import Settings, load_settings
from workbench.errors import UserError

DESCRIPTION = "Offline translation and glossary workbench. With no command, opens the TUI."


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="workbench", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.add_argument("--db", metavar="URL", help="database URL (default: WORKBENCH_DB, else a SQLite file in the data folder)")
    parser.add_argument("--data-dir", metavar="DIR", help="workspace folder for the database and models (default: WORKBENCH_DATA_DIR, else the user data folder)")
    parser.add_argument("--as", dest="actor", metavar="NAME", help="act as this user (default: WORKBENCH_USER, else the login name)")
    parser.add_argument("--cell-widths", metavar="MODEL", help="how the terminal draws Burmese/Indic spacing marks: auto (ask it at start-up), "
                        "terminal (tmux, xterm, glibc wcwidth) or grapheme (grapheme-clustering terminals) (default: WORKBENCH_CELL_WIDTHS, else auto)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("tui", help="open the workbench (the default)", description="Open the Textual workbench.")
    commands.add_parser("articles", help="list articles: id, title, date, segments", description="List the articles in the workspace.")

    importer = commands.add_parser("import", help="add plain-text articles", description="Import plain-text articles (UTF-8). All files are checked before any is saved.")
    importer.add_argument("files", nargs="+", metavar="FILE")
    importer.add_argument("--zawgyi", choices=("auto", "convert", "keep"), default="auto",
                          help="Burmese lines typed in Zawgyi: auto converts those the detector is sure of and "
                               "warns about the unsure ones (default); convert converts both; keep converts none")

    translate = commands.add_parser("translate", help="machine-translate an article", description="Machine-translate an article into one or more languages, offline.")
    translate.add_argument("article", metavar="ARTICLE", help="an id from `workbench articles`, or a text file (imported first)")
    translate.add_argument("--to", required=True, metavar="LANGS", help="target language codes, comma-separated, e.g. my,fr")
    translate.add_argument("--out", metavar="DIR", help="write one text file per language into DIR (default: print to stdout)")

    from workbench.cli.models_commands import add_models_parser

    add_models_parser(commands)

    from workbench.cli.glossary_commands import add_glossary_parsers

    add_glossary_parsers(commands)
    from workbench.cli.qa_commands import add_check_parser

    add_check_parser(commands)
    from workbench.cli.translation_commands import add_translations_parsers

    add_translations_parsers(commands)
    return parser


# Opens the TUI with the resolved settings; given by workbench.launch, so the CLI never imports the TUI.
OpenTui = Callable[[Settings], int]


def main(argv: Sequence[str] | None = None, open_tui: OpenTui | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return run(args, open_tui)
    except UserError as error:
        print(f"workbench: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early: not an error; keep Python quiet at exit.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # only database errors are turned into one line
        from workbench.app.errors import database_refused

        message = database_refused(error)
        if message is None:
            raise
        print(f"workbench: error: {message}; nothing was changed: check that it is writable and not locked", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("workbench: interrupted", file=sys.stderr)
        return 130


def run(args: argparse.Namespace, open_tui: OpenTui | None = None) -> int:
    settings = load_settings(db_url=args.db, data_dir=args.data_dir, cell_widths=args.cell_widths)
    if args.actor is not None and not args.actor.strip():
        raise UserError("--as needs a user name")
    if args.actor is not None:  # every command acts as this user, as the README says
        import dataclasses

        settings = dataclasses.replace(settings, user=args.actor.strip())
    if getattr(args, "lang", None):  # every --lang is the desk's code from here on ("MY", "my-MM" → "my")
        from workbench.lang.languages import language

        args.lang = language(args.lang).code
    if args.command in (None, "tui"):
        if open_tui is None:
            raise UserError("this entry point has no TUI; run `workbench` (python -m workbench) to open it")
        return open_tui(settings)
    from workbench.cli import article_commands, glossary_commands, models_commands, qa_commands, translation_commands

    handler = {
        "articles": article_commands.list_articles,
        "import": article_commands.import_files,
        "translate": article_commands.translate,
        "models": models_commands.models,
        "glossary": glossary_commands.glossary,
        "users": glossary_commands.users,
        "check": qa_commands.check,
        "translations": translation_commands.translations,
    }[args.command]
    return handler(settings, args)
