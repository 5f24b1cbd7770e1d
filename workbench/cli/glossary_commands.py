"""`workbench glossary ...` and `workbench users ...`: the termbase from the command line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from workbench.app.config import Settings
from workbench.app.workspace import Workspace, open_checked
from workbench.cli.repair_commands import glossary_edit, glossary_remove
from workbench.errors import UserError
from workbench.files import MAX_USER_FILE_BYTES, read_user_file
from workbench.glossary.model import STATUSES, Entry
from workbench.safe_text import json_text, refuse_unsafe

LIST_COLUMNS = ("entry_id", "term", "lang", "rendering", "status")


def actor_option() -> argparse.ArgumentParser:
    """`--as NAME` accepted after any subcommand too; SUPPRESS keeps the global value otherwise."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--as", dest="actor", metavar="NAME", default=argparse.SUPPRESS,
                        help="an editor entering work for NAME (recorded as \"NAME, entered by LOGIN\")")
    return parent


def add_glossary_parsers(commands) -> None:
    original_add = commands.add_parser
    commands.add_parser = lambda *a, **k: original_add(*a, parents=[actor_option()], **k)
    try:
        _add_glossary_parsers(commands)
    finally:
        commands.add_parser = original_add


def _add_glossary_parsers(commands) -> None:
    glossary = commands.add_parser("glossary", help="the termbase: list, match, propose, decide, exchange",
                                   description="The project glossary (termbase) and its approval workflow.")
    actions = _with_actor(glossary.add_subparsers(dest="glossary_command", metavar="ACTION", required=True))
    listing = actions.add_parser("list", help="list entries and renderings", description="List glossary renderings (tsv columns: entry id, English term, language, rendering, status).")
    listing.add_argument("--lang", help="only this target language")
    listing.add_argument("--status", choices=STATUSES + ("pending",), help="only this status (pending = proposed)")
    listing.add_argument("--format", choices=("table", "tsv", "json"), default="table")
    match = actions.add_parser("match", help="find glossary terms in a text", description="Find the glossary terms in a UTF-8 text file (or - for standard input).")
    match.add_argument("file", metavar="FILE|-")
    match.add_argument("--format", choices=("tsv", "json"), default="tsv")
    propose = actions.add_parser("propose", help="propose a term or a rendering", description="Propose a new English term, or a rendering of a term for a language.")
    propose.add_argument("term", metavar="TERM")
    propose.add_argument("--lang", help="target language of the rendering")
    propose.add_argument("--rendering", metavar="TEXT", help="the proposed rendering")
    propose.add_argument("--note", default="", help="why, or where it was seen")
    for decision in ("approve", "reject", "forbid", "deprecate"):
        parser = actions.add_parser(decision, help=f"{decision} a rendering (editors)", description=f"{decision.capitalize()} a rendering of an entry (editors only).")
        parser.add_argument("entry", metavar="ENTRY")
        parser.add_argument("--lang", required=True)
        parser.add_argument("--rendering", required=True, metavar="TEXT")
        parser.add_argument("--reason", default="", help="why (required to reject)")
        parser.add_argument("--revision", type=int, help="act only if the entry is still at this revision")
    history = actions.add_parser("history", help="who did what, when and why", description="Show an entry's history.")
    history.add_argument("entry", metavar="ENTRY")
    show = actions.add_parser("show", help="one entry in full", description="Show one entry: terms, renderings, revision.")
    show.add_argument("entry", metavar="ENTRY")
    importer = actions.add_parser("import", help="import TBX or CSV", description="Import a glossary file (.tbx, .csv, .tsv); conflicts are reported, approved renderings never overwritten.")
    importer.add_argument("file", metavar="FILE")
    exporter = actions.add_parser("export", help="export TBX or CSV", description="Export the glossary; the format comes from the extension (.tbx, .csv, .tsv).")
    exporter.add_argument("file", metavar="FILE")
    exporter.add_argument("--skip-invalid", action="store_true",
                          help="write the entries every format can hold and list the others (default: refuse the export)")
    from workbench.cli.repair_commands import add_repair_parsers

    add_repair_parsers(actions)

    people = commands.add_parser("users", help="who is a translator or an editor", description="Roles in this project, by login: the OS login on SQLite, the database login on PostgreSQL.")
    people_actions = _with_actor(people.add_subparsers(dest="users_command", metavar="ACTION", required=True))
    people_actions.add_parser("list", help="list users and roles")
    setter = people_actions.add_parser("set", help="set a user's role (editors)")
    setter.add_argument("name", metavar="NAME")
    setter.add_argument("--role", required=True, choices=("translator", "editor"))


def _with_actor(subparsers):
    original_add = subparsers.add_parser
    subparsers.add_parser = lambda *a, **k: original_add(*a, parents=[actor_option()], **k)
    return subparsers


def users(settings: Settings, args: argparse.Namespace) -> int:
    workspace = open_checked(settings)
    try:
        workflow = workspace.workflow()
        if args.users_command == "set":
            workflow.set_role(refuse_unsafe(args.name, "the user name", "give a plain name"), args.role)
            print(f"{args.name} is now {args.role}")
        for name, role in workspace.glossary.users():
            print(f"{name}\t{role}")
    finally:
        workspace.close()
    return 0


def glossary(settings: Settings, args: argparse.Namespace) -> int:
    handlers: dict[str, Callable[[Workspace, argparse.Namespace], int]] = {
        "list": _list, "propose": _propose, "history": _history, "show": _show, "import": _import, "export": _export,
        "edit": glossary_edit, "remove": glossary_remove}
    handler = handlers.get(args.glossary_command, _decide)
    text = _read_text(args.file) if args.glossary_command == "match" else ""  # read before opening anything
    workspace = open_checked(settings)
    try:
        if args.glossary_command == "match":
            return _match(workspace, args, text)
        return handler(workspace, args)
    finally:
        workspace.close()


def _rows(entries: list[Entry], lang: str | None, status: str | None) -> list[dict]:
    wanted_status = "proposed" if status == "pending" else status
    rows = []
    for entry in entries:
        renderings = [r for r in entry.renderings if (lang is None or r.lang == lang) and (wanted_status is None or r.status == wanted_status)]
        for rendering in renderings:
            rows.append({"entry_id": entry.id, "term": entry.preferred, "lang": rendering.lang,
                         "rendering": rendering.text, "status": rendering.status})
        if not entry.renderings and lang is None and status is None:
            rows.append({"entry_id": entry.id, "term": entry.preferred, "lang": "", "rendering": "", "status": ""})
    return rows


def _list(workspace, args) -> int:
    rows = _rows(workspace.glossary.entries(), args.lang, args.status)
    if args.format == "json":
        print(json_text(rows))
    elif args.format == "tsv":
        print("\t".join(LIST_COLUMNS))
        for row in rows:
            print("\t".join(_tsv_cell(row[c]) for c in LIST_COLUMNS))
    else:
        print(f"{'ENTRY':32}  {'TERM':34}  {'LANG':4}  {'STATUS':10}  RENDERING")
        for row in rows:
            print(f"{row['entry_id']:32}  {row['term'][:34]:34}  {row['lang']:4}  {row['status']:10}  {row['rendering']}")
    return 0


def _tsv_cell(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")


def _read_text(raw: str) -> str:
    if raw == "-":  # at most one byte past the limit: a pipe has no size to check first
        data, where = sys.stdin.buffer.read(MAX_USER_FILE_BYTES + 1), "standard input"
        if len(data) > MAX_USER_FILE_BYTES:
            raise UserError(f"standard input is larger than {MAX_USER_FILE_BYTES // 1024**2} MB; give a UTF-8 text file")
    else:
        path = Path(raw)
        if os.path.isdir(path):  # os.path: False, not an error, for a name too long to look up
            raise UserError(f"{raw} is a folder; give a UTF-8 text file, or - for standard input")
        if not os.path.exists(path):
            raise UserError(f"{raw}: no such file; give a UTF-8 text file, or - for standard input")
        data, where = read_user_file(path, "a text file", "a UTF-8 text file, or - for standard input"), raw
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UserError(f"{where} is not UTF-8 text (invalid byte at offset {error.start}); save it as UTF-8") from None


def _match(workspace, args, text: str) -> int:
    from workbench.glossary.hits import retired_notice

    index = workspace.glossary_index()  # the workspace's cached matcher, as the TUI and QA use
    rows: list[dict] = []
    for match in index.matcher.find(text):
        entry = index.entries[match.entry_id]
        approved = {lang: found.text for lang in entry.languages if (found := entry.approved(lang)) is not None}
        row = {"term": match.text, "start": match.start, "end": match.end, "entry_id": match.entry_id, "approved": approved}
        if match.retired:  # not the concept's live term: said, and nothing to enforce
            row |= {"approved": {}, "status": match.status, "notice": retired_notice(match.text, match.status, entry)}
        rows.append(row)
    if args.format == "json":
        print(json_text(rows))
        return 0
    print("term\tstart\tend\tentry_id\tapproved")
    for row in rows:
        approved_text = row.get("notice") or "; ".join(f"{lang}={text}" for lang, text in row["approved"].items())
        print(f"{_tsv_cell(row['term'])}\t{row['start']}\t{row['end']}\t{row['entry_id']}\t{_tsv_cell(approved_text)}")
    return 0


def _propose(workspace, args) -> int:
    # Stored and shown to every translator: a control character in them is always a mistake.
    for what, text in (("the term", args.term), ("the rendering", args.rendering), ("the note", args.note)):
        if text is not None:
            refuse_unsafe(text, what)
    entry = workspace.workflow().propose(args.term, args.lang, args.rendering, args.note)
    what = f"{args.lang} rendering {args.rendering!r}" if args.rendering else "term"
    print(f"proposed {what} for {entry.id} ({entry.preferred}); an editor will review it")
    return 0


def _decide(workspace, args) -> int:
    refuse_unsafe(args.reason, "the reason")
    entry = workspace.workflow().decide(
        args.glossary_command, args.entry, args.lang, args.rendering, args.reason, args.revision)
    status = next(r.status for r in entry.renderings if r.lang == args.lang and r.text == " ".join(args.rendering.split()))
    print(f"{entry.id} ({args.lang}) {args.rendering}: {status}")
    return 0


def _entry(workspace, entry_id: str) -> Entry:
    entry = workspace.glossary.entry(entry_id)
    if entry is None:
        raise UserError(f"no glossary entry {entry_id!r}; see `workbench glossary list`")
    return entry


def _history(workspace, args) -> int:
    events = workspace.glossary.history(args.entry)
    if not events:  # a removed entry still has its history
        _entry(workspace, args.entry)
    for event in events:
        change = f"{event.old_status or '-'}→{event.new_status or '-'}"
        what = f"{event.lang} {event.rendering}" if event.rendering else ""
        reason = f"  ({event.reason})" if event.reason else ""
        print(f"{event.at:%Y-%m-%d %H:%M:%S}  r{event.revision}  {event.actor:16}  {event.action:12}  {what}  {change}{reason}")
    return 0


def _show(workspace, args) -> int:
    entry = _entry(workspace, args.entry)
    print(f"{entry.id}  (revision {workspace.glossary.revision(entry.id)}, {entry.domain or 'no domain'})")
    if entry.definition:
        print(f"  {entry.definition}")
    for lang, definition in entry.definitions:
        print(f"  ({lang}) {definition}")
    for source in entry.sources:
        print(f"  source: {source}")
    if entry.note:
        print(f"  note: {entry.note}")
    for term in entry.terms:
        flags = "".join(f" {flag}" for flag in (term.status, term.part_of_speech) if flag)
        retired = f"  {term.status} term: do not use" if term.retired else ""
        print(f"  en  {term.text}  [{term.kind}{flags}]{retired}  {term.source or term.note}".rstrip())
    for rendering in entry.renderings:
        flags = "".join((" do-not-translate" if rendering.do_not_translate else "", " honorific" if rendering.honorific else "",
                         f" {rendering.part_of_speech}" if rendering.part_of_speech else ""))
        print(f"  {rendering.lang:3} {rendering.text}  [{rendering.status}{flags}]  {rendering.source or rendering.note}")
    return 0


def _import(workspace, args) -> int:
    from workbench.app.glossary_merge import merge_glossary
    from workbench.formats.glossary_io import read_glossary_for_import, unicode_renderings

    read, not_kept = read_glossary_for_import(Path(args.file))
    entries, encodings = unicode_renderings(read)
    report = merge_glossary(workspace.workflow(), entries, Path(args.file).name)
    for conflict in report.conflicts:
        print(f"conflict: {conflict}", file=sys.stderr)
    if report.not_imported:
        shown = ", ".join(report.not_imported[:3]) + (", …" if len(report.not_imported) > 3 else "")
        not_kept.append(f"entry without an English term (not imported): {len(report.not_imported)} (e.g. {shown})")
    if not_kept:  # one line per kind: what, how many, where (file:line of the first few)
        print(f"workbench: warning: {args.file}: what the glossary did not keep:", file=sys.stderr)
        for line in not_kept:
            print(f"  {line}", file=sys.stderr)
    _report_encodings(args.file, encodings)
    print(f"imported {args.file}: {len(report.added)} new, {len(report.updated)} updated, "
          f"{report.unchanged} unchanged, {len(report.conflicts)} conflicts")
    return 0


def _report_encodings(path: str, encodings) -> None:
    """Zawgyi renderings converted (stdout), and those that may be Zawgyi (stderr, one line each)."""
    if encodings.converted:
        count = len(encodings.converted)
        print(f"converted {count} Zawgyi rendering{'s' if count != 1 else ''} in {path} to Unicode "
              f"(converter: {encodings.converter}):")
        for entry_id, lang, _before, after in encodings.converted:
            print(f"  {entry_id} ({lang}): {after}")
    for entry_id, lang, text in encodings.unsure:
        print(f"workbench: warning: {path}: entry {entry_id} ({lang}) rendering '{text}' may be Zawgyi, too short "
              "to be sure; imported as written: check it in a Unicode font and fix the file if it is wrong",
              file=sys.stderr)


def _export(workspace, args) -> int:
    from workbench.formats.glossary_io import write_glossary

    entries = workspace.glossary.entries()
    skipped = write_glossary(entries, Path(args.file), skip_invalid=args.skip_invalid)
    for problem in skipped:
        print(f"workbench: warning: not exported: {problem}", file=sys.stderr)
    print(f"exported {len(entries) - len(skipped)} entries to {args.file}"
          + (f" ({len(skipped)} skipped; fix them with `workbench glossary edit`)" if skipped else ""))
    return 0
