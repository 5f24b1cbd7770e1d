"""`workbench translations history` and `workbench glossary edit|remove`: reading and repairing the record."""

from __future__ import annotations

import argparse

from workbench.app.config import Settings
from workbench.app.workspace import open_checked


def add_history_parser(actions) -> None:
    history = actions.add_parser("history", help="every version of an article's translations",
                                 description="Every change of the translations of an article (or one segment): "
                                             "revision, when, who, how, status and text, oldest first.")
    history.add_argument("article", metavar="ARTICLE", help="an article id from `workbench articles`")
    history.add_argument("segment", metavar="SEGMENT", nargs="?", help="a segment number (1 = the first), or its id")
    history.add_argument("--to", required=True, metavar="LANG", help="the target language, e.g. my")


def translations_history(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.errors import UserError
    from workbench.lang.languages import language

    lang = language(args.to).code
    workspace = open_checked(settings)
    try:
        article = workspace.article(args.article)
        segments = workspace.store.segments(article.id)
        numbers = {segment.segment_id: number for number, segment in enumerate(segments, start=1)}
        wanted = None
        if args.segment is not None:
            by_number = {str(number): sid for sid, number in numbers.items()}
            wanted = by_number.get(args.segment, args.segment)
            if wanted not in numbers:
                raise UserError(f"article {article.id} has no segment {args.segment}; it has segments 1-{len(segments)}")
        rows = workspace.store.translation_history(article.id, lang, wanted)
    finally:
        workspace.close()
    print("segment\trevision\tat\tauthor\thow\tstatus\ttext")
    for row in rows:
        how = f"{row.how} {row.detail}".strip()
        print(f"{numbers.get(row.segment_id, row.segment_id)}\t{row.revision}\t{row.at:%Y-%m-%d %H:%M:%S}\t"
              f"{row.author}\t{how}\t{row.status}\t{' '.join(row.text.split())}")
    return 0


def add_repair_parsers(actions) -> None:
    edit = actions.add_parser("edit", help="change an entry's terms, renderings or texts (editors)",
                              description="Repair a glossary entry; the change is kept in its history.")
    edit.add_argument("entry", metavar="ENTRY")
    edit.add_argument("--term", action="append", default=[], metavar="OLD=NEW", help="replace an English term")
    edit.add_argument("--remove-term", action="append", default=[], metavar="TEXT", help="remove an English term")
    edit.add_argument("--remove-rendering", action="append", default=[], metavar="LANG:TEXT",
                      help="remove a rendering, e.g. my:ဒေါ်")
    edit.add_argument("--definition", help="the new definition")
    edit.add_argument("--note", help="the new note")
    edit.add_argument("--revision", type=int, help="act only if the entry is still at this revision")
    remove = actions.add_parser("remove", help="remove an entry (editors)",
                                description="Remove a glossary entry; its history stays, ending in the removal.")
    remove.add_argument("entry", metavar="ENTRY")
    remove.add_argument("--reason", required=True, help="why it goes")
    remove.add_argument("--revision", type=int, help="act only if the entry is still at this revision")


def glossary_edit(workspace, args: argparse.Namespace) -> int:
    from workbench.app.glossary_repair import EntryEdit, edit_entry
    from workbench.errors import UserError

    replaced = {}
    for pair in args.term:
        old, separator, new = pair.partition("=")
        if not separator:
            raise UserError(f"--term {pair!r} needs the form OLD=NEW")
        replaced[old] = new
    removed = []
    for pair in args.remove_rendering:
        lang, separator, text = pair.partition(":")
        if not separator:
            raise UserError(f"--remove-rendering {pair!r} needs the form LANG:TEXT, e.g. my:ဒေါ်")
        removed.append((lang, text))
    edit = EntryEdit(replaced, tuple(args.remove_term), tuple(removed), args.definition, args.note)
    entry = edit_entry(workspace.workflow(args.actor), args.entry, edit, args.revision)
    print(f"edited {entry.id}: now at revision {workspace.glossary.revision(entry.id)}")
    return 0


def glossary_remove(workspace, args: argparse.Namespace) -> int:
    from workbench.app.glossary_repair import remove

    remove(workspace.workflow(args.actor), args.entry, args.reason, args.revision)
    print(f"removed {args.entry} (its history is kept: `workbench glossary history {args.entry}`)")
    return 0
