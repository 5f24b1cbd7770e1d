"""`workbench tm search` and `workbench tm concordance`: the translation memory from the command line."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from workbench.app.config import Settings
from workbench.safe_text import json_text

if TYPE_CHECKING:  # the memory loads numpy and rapidfuzz: only when a tm command runs
    from workbench.app.memory import ConcordanceHit, MemoryMatch

FORMATS = ("table", "tsv", "json")


def add_tm_parsers(commands) -> argparse._SubParsersAction:
    """The `tm` command group with its search commands; returns the group for the exchange commands."""
    parser = commands.add_parser("tm", help="the translation memory: search, concordance, TMX",
                                 description="The desk's translation memory: every confirmed translation, and TMX imports.")
    actions = parser.add_subparsers(dest="tm_command", metavar="ACTION", required=True)
    search = actions.add_parser("search", help="the best fuzzy matches for a sentence",
                                description="Matches scored like OmegaT and memoQ: 101 same context, 100 exact, "
                                            "95-99 only numbers/tags/punctuation/spaces differ, below that word edits.")
    search.add_argument("text", metavar="TEXT", help="the English sentence")
    search.add_argument("--lang", required=True, metavar="LANG", help="target language, e.g. my")
    search.add_argument("--min", type=int, default=None, metavar="SCORE", help="lowest score shown (default: WORKBENCH_TM_MIN, else 75)")
    search.add_argument("--limit", type=int, default=5, metavar="N", help="how many matches (default 5)")
    search.add_argument("--format", choices=FORMATS, default="table")
    search.set_defaults(tm_handler=_search)
    concordance = actions.add_parser("concordance", help="where words or a \"phrase\" were translated before",
                                     description="Units whose source or target holds all the words (or the quoted phrase).")
    concordance.add_argument("words", metavar="WORDS", help='words, or a quoted phrase: \'"People\'s Embrace"\'')
    concordance.add_argument("--lang", required=True, metavar="LANG", help="target language, e.g. my")
    concordance.add_argument("--limit", type=int, default=20, metavar="N", help="how many units (default 20)")
    concordance.add_argument("--format", choices=FORMATS, default="table")
    concordance.set_defaults(tm_handler=_concordance)
    return actions


def tm(settings: Settings, args: argparse.Namespace) -> int:
    return args.tm_handler(settings, args)


def _search(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.app.workspace import open_checked

    workspace = open_checked(settings)
    try:
        from workbench.app.memory import Memory, when

        found = Memory(workspace.store).matches(args.text, args.lang, min_score=args.min, limit=args.limit)
    finally:
        workspace.close()
    if args.format == "json":
        print(json_text([_match_json(match) for match in found]))
    elif args.format == "tsv":
        print("score\tkind\torigin\tauthor\tdate\tsource\ttarget\tnumbers_replaced")
        for match in found:
            cells = (str(match.match.score), match.match.kind, match.origin, match.row.changed_by,
                     when(match.row.changed_at), match.row.source_text, match.target, str(match.match.numbers_replaced).lower())
            print("\t".join(_cell(cell) for cell in cells))
    else:
        if not found:
            print(f"no match of {args.min or 'the minimum score'} or more in the {args.lang} memory")
        for match in found:
            print(_match_lines(match))
    return 0


def _match_lines(found: MemoryMatch) -> str:
    from workbench.app.memory import when

    match, row = found.match, found.row
    lines = [f"{match.score:3}  {match.kind:10}  {found.origin}, {row.changed_by}, {when(row.changed_at)}",
             f"     source: {_one_line(row.source_text)}", f"     target: {_one_line(found.target)}"]
    changed = [f"{part.source_text}→{part.query_text}" if part.op == "replace" else
               (f"-{part.source_text}" if part.op == "delete" else f"+{part.query_text}")
               for part in match.differences if part.op != "equal"]
    if changed:
        lines.append(f"     differs: {'  '.join(_one_line(change) for change in changed)}")
    if match.numbers_replaced:
        lines.append(f"     numbers replaced (the memory's target: {_one_line(row.target_text)})")
    return "\n".join(lines)


def _match_json(found: MemoryMatch) -> dict:
    match, row = found.match, found.row
    return {"score": match.score, "kind": match.kind, "similarity": match.similarity, "origin": found.origin,
            "article_id": row.article_id, "segment_id": row.segment_id, "author": row.changed_by,
            "changed_at": row.changed_at.isoformat(), "source": row.source_text, "target": found.target,
            "memory_target": row.target_text, "numbers_replaced": match.numbers_replaced,
            "differences": [{"op": part.op, "match": part.source_text, "query": part.query_text}
                            for part in match.differences if part.op != "equal"]}


def _concordance(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.app.workspace import open_checked

    workspace = open_checked(settings)
    try:
        from workbench.app.memory import Memory, when

        hits = Memory(workspace.store).concordance(args.words, args.lang, limit=args.limit)
    finally:
        workspace.close()
    if args.format == "json":
        print(json_text([_hit_json(hit) for hit in hits]))
        return 0
    if args.format == "tsv":
        print("origin\tauthor\tdate\tsource\ttarget")
    elif not hits:
        print(f"{args.words} is not in the {args.lang} memory")
    for hit in hits:
        row = hit.row
        origin = f"article {row.article_id}" if row.article_id is not None else row.origin
        if args.format == "tsv":
            print("\t".join(_cell(cell) for cell in (origin, row.changed_by, when(row.changed_at), row.source_text, row.target_text)))
        else:
            print(f"{origin}, {row.changed_by}, {when(row.changed_at)}\n  {_marked(row.source_text, hit.source_spans)}\n"
                  f"  {_marked(row.target_text, hit.target_spans)}")
    return 0


def _hit_json(hit: ConcordanceHit) -> dict:
    row = hit.row
    return {"origin": row.origin, "article_id": row.article_id, "segment_id": row.segment_id, "author": row.changed_by,
            "changed_at": row.changed_at.isoformat(), "source": row.source_text, "target": row.target_text,
            "source_spans": [list(span) for span in hit.source_spans], "target_spans": [list(span) for span in hit.target_spans]}


def _marked(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The text with the words found between » and « (a terminal without colour shows them too)."""
    import unicodedata

    text = unicodedata.normalize("NFC", text)
    out, at = [], 0
    for start, end in spans:
        out += [text[at:start], "»", text[start:end], "«"]
        at = end
    return _one_line("".join(out) + text[at:])


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _cell(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")
