"""The `workbench` command: the TUI by default, batch work through subcommands.

Everything a command prints passes through `workbench.safe_text.visible` (stdout and stderr are
wrapped for the whole run, the TUI aside), so data can never drive the terminal; and every
mistake ends as the one line `workbench: error: …` with exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import NoReturn, TextIO

from workbench import __version__
from workbench.app.config import Settings, load_settings
from workbench.app.identity import verified_identity
from workbench.errors import UserError
from workbench.safe_text import refuse_not_utf8, visible

DESCRIPTION = "Offline translation and glossary workbench. With no command, opens the TUI."


class UsageError(Exception):
    """A command line argparse refused; `prog` names the command whose --help explains it."""

    def __init__(self, message: str, prog: str):
        super().__init__(message)
        self.prog = prog


class WorkbenchParser(argparse.ArgumentParser):
    """argparse, but a mistake is the one promised line instead of usage plus `workbench X: error:`.

    add_subparsers makes every subcommand's parser of this class too.
    """

    def error(self, message: str) -> NoReturn:
        raise UsageError(message, self.prog)


class OutputFailed(Exception):
    """Writing what a command prints failed (a full disk, /dev/full): not the command's fault."""

    def __init__(self, error: OSError):
        super().__init__(error.strerror or str(error))


class VisibleStream:
    """A text stream whose writes pass through `visible()`; the rest is the wrapped stream's."""

    def __init__(self, underlying: TextIO):
        self.underlying = underlying  # progress bars draw their own escapes on it

    def write(self, text: str) -> int:
        try:
            self.underlying.write(visible(text))
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputFailed(error) from None
        return len(text)

    def flush(self) -> None:
        try:
            self.underlying.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputFailed(error) from None

    def __getattr__(self, name: str):
        return getattr(self.underlying, name)


@contextmanager
def visible_output() -> Iterator[None]:
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = VisibleStream(saved[0]), VisibleStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


@contextmanager
def terminal_output() -> Iterator[None]:
    """The real streams for the TUI, which writes escape sequences on purpose."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = (getattr(stream, "underlying", stream) for stream in saved)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def build_parser() -> argparse.ArgumentParser:
    parser = WorkbenchParser(prog="workbench", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.add_argument("--db", metavar="URL", help="database URL (default: WORKBENCH_DB, else a SQLite file in the data folder)")
    parser.add_argument("--data-dir", metavar="DIR", help="workspace folder for the database and models (default: WORKBENCH_DATA_DIR, else the user data folder)")
    parser.add_argument("--as", dest="actor", metavar="NAME", help="an editor entering work for NAME: recorded as \"NAME, entered by LOGIN\" "
                        "(default: WORKBENCH_USER, else your login; refused for a translator's login)")
    parser.add_argument("--cell-widths", metavar="MODEL", help="how the terminal draws Burmese/Indic spacing marks: auto (ask it at start-up), "
                        "terminal (tmux, xterm, glibc wcwidth) or grapheme (grapheme-clustering terminals) (default: WORKBENCH_CELL_WIDTHS, else auto)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("tui", help="open the workbench (the default)", description="Open the Textual workbench.")
    listing = commands.add_parser("articles", help="list articles: id, date, segments, words, title",
                                  description="List the articles in the workspace.")
    listing.add_argument("--lang", help="also show how much is translated into this language (segments and words)")

    importer = commands.add_parser("import", help="add plain-text articles, or another tool's XLIFF files as articles",
                                   description="Import plain-text articles (UTF-8), or XLIFF 1.2/2.x files from other tools "
                                               "(.xlf, .xliff, .mqxliff, .sdlxliff) as articles. All files are checked "
                                               "before any is saved.")
    importer.add_argument("files", nargs="+", metavar="FILE")
    importer.add_argument("--zawgyi", choices=("auto", "convert", "keep"), default="auto",
                          help="Burmese lines typed in Zawgyi: auto converts those the detector is sure of and "
                               "warns about the unsure ones (default); convert converts both; keep converts none")

    translate = commands.add_parser("translate", help="machine-translate an article", description="Machine-translate an article into one or more languages, offline.")
    translate.add_argument("article", metavar="ARTICLE", help="an id from `workbench articles`, or a text file (imported first)")
    translate.add_argument("--to", required=True, metavar="LANGS", help="target language codes, comma-separated, e.g. my,fr")
    translate.add_argument("--out", metavar="DIR", help="write one text file per language into DIR (default: print to stdout)")

    from workbench.cli.db_commands import add_db_parser
    from workbench.cli.glossary_commands import add_glossary_parsers
    from workbench.cli.models_commands import add_models_parser
    from workbench.cli.publish_commands import add_publish_parser
    from workbench.cli.qa_commands import add_check_parser
    from workbench.cli.serve_commands import add_serve_parser
    from workbench.cli.tm_commands import add_tm_exchange_commands
    from workbench.cli.tm_search_commands import add_tm_parsers
    from workbench.cli.translation_commands import add_translations_parsers

    add_models_parser(commands)
    add_glossary_parsers(commands)
    add_check_parser(commands)
    add_publish_parser(commands)
    add_translations_parsers(commands)
    add_tm_exchange_commands(add_tm_parsers(commands))
    add_db_parser(commands)
    add_serve_parser(commands)
    return parser


# Opens the TUI with the resolved settings; given by workbench.launch, so the CLI never imports the TUI.
OpenTui = Callable[[Settings], int]


def main(argv: Sequence[str] | None = None, open_tui: OpenTui | None = None) -> int:
    with visible_output():
        return _main(sys.argv[1:] if argv is None else list(argv), open_tui)


def _main(argv: list[str], open_tui: OpenTui | None) -> int:
    try:
        for raw in argv:  # a byte that is not UTF-8 cannot be stored, printed or looked up
            refuse_not_utf8(raw, "the argument", "retype it in a UTF-8 terminal (or rename the file so that its name is UTF-8)")
        try:
            code = run(_parse(argv), open_tui)
        except SystemExit as finished:  # --help and --version print, then exit
            code = finished.code if isinstance(finished.code, int) else 0
        sys.stdout.flush()  # a full disk shows here, while it can still be one line
        return code
    except UsageError as error:
        return _fail(f"{error}; see `{error.prog} --help`")
    except UserError as error:
        return _fail(str(error))
    except OutputFailed as error:
        _quiet_stdout()
        return _fail(f"could not write the output ({error}); check the disk or the file it goes to")
    except BrokenPipeError:
        # The reader (e.g. `| head`) stopped early: not an error; keep Python quiet at exit.
        _quiet_stdout()
        return 0
    except Exception as error:  # only database errors are turned into one line
        from workbench.app.errors import database_refused

        message = database_refused(error)
        if message is None:
            raise
        if "permission denied" in message:  # PostgreSQL after `workbench db grant`: the login's role forbids it
            return _fail(f"{message}; nothing was changed: your login's role may not make this change "
                         "(`workbench users list`; an editor's login can)")
        return _fail(f"{message}; nothing was changed: check that it is writable and not locked")
    except KeyboardInterrupt:
        sys.stderr.write("workbench: interrupted\n")
        return 130


# The dest of each level of subcommand, outermost first: they name the command a mistake is in.
COMMAND_LEVELS = ("command", "glossary_command", "users_command", "models_command", "translations_command", "tm_command",
                  "db_command")


def _parse(argv: list[str]) -> argparse.Namespace:
    """Parsed arguments; a word no parser knows is blamed on the command it was typed after."""
    args, unknown = build_parser().parse_known_args(argv)
    if unknown:
        command = " ".join(str(getattr(args, level)) for level in COMMAND_LEVELS if getattr(args, level, None))
        raise UsageError(f"unrecognized arguments: {' '.join(unknown)}", f"workbench {command}".strip())
    return args


def _fail(message: str) -> int:
    # One line, as promised, even when a file name or excerpt in it holds a newline: ␊ shows it.
    line = visible(message).replace("\n", "\u240a")
    try:
        sys.stderr.write(f"workbench: error: {line}\n")
        sys.stderr.flush()
    except (OSError, OutputFailed):
        pass  # stderr is gone too: the exit status is all that is left
    return 2


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so what is still buffered cannot fail again at exit."""
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def run(args: argparse.Namespace, open_tui: OpenTui | None = None) -> int:
    actor = None if args.actor is None else args.actor.strip()
    if actor == "":
        raise UserError("--as needs a user name")
    # The role is the login's; --as or WORKBENCH_USER names whom an editor's login enters work for.
    settings = load_settings(db_url=args.db, data_dir=args.data_dir, cell_widths=args.cell_widths, user=actor)
    settings = verified_identity(settings, "--as" if actor is not None else "WORKBENCH_USER")
    args.actor = settings.user  # what every command records: never the bare --as name
    if getattr(args, "lang", None):  # every --lang is the desk's code from here on ("MY", "my-MM" → "my")
        from workbench.lang.languages import language

        args.lang = language(args.lang).code
    return _dispatch(settings, args, open_tui)


def _dispatch(settings: Settings, args: argparse.Namespace, open_tui: OpenTui | None) -> int:
    if args.command in (None, "tui"):
        if open_tui is None:
            raise UserError("this entry point has no TUI; run `workbench` (python -m workbench) to open it")
        with terminal_output():
            return open_tui(settings)
    from workbench.cli import (
        article_commands,
        db_commands,
        glossary_commands,
        models_commands,
        publish_commands,
        qa_commands,
        serve_commands,
        tm_search_commands,
        translation_commands,
    )

    handler = {
        "articles": article_commands.list_articles,
        "import": article_commands.import_files,
        "translate": article_commands.translate,
        "models": models_commands.models,
        "glossary": glossary_commands.glossary,
        "users": glossary_commands.users,
        "check": qa_commands.check,
        "publish": publish_commands.publish,
        "translations": translation_commands.translations,
        "tm": tm_search_commands.tm,
        "db": db_commands.db,
        "serve": serve_commands.serve,
    }[args.command]
    return handler(settings, args)

