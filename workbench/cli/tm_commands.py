"""`workbench tm import|export`: the translation memory exchanged with other tools as TMX.

`add_tm_exchange_commands(tm_subparsers)` adds the two subcommands to the `tm` group (which
`workbench/cli/main.py` registers); each sets `handler` and `tm_handler` (the name the `tm` group's
dispatcher in `tm_search_commands.tm` calls), both `handler(settings, args) -> int`.
"""

from __future__ import annotations

import argparse
import sys

from workbench.app.config import Settings


def add_tm_exchange_commands(tm_subparsers) -> None:
    importer = tm_subparsers.add_parser(
        "import", help="add the units of a TMX file to the translation memory",
        description="Read a TMX file (1.4b, or OmegaT's 1.1) and add its units to the memory in one transaction: "
                    "a file refused (damaged, cut short, hostile, no English source) changes nothing; importing "
                    "the same file again updates its units instead of adding them twice.")
    importer.add_argument("file", metavar="FILE.tmx")
    importer.add_argument("--lang", help="only the translations into this language, e.g. my")
    importer.set_defaults(handler=tm_import, tm_handler=tm_import)
    exporter = tm_subparsers.add_parser(
        "export", help="write the translation memory to a TMX file",
        description="Write the memory's units as TMX 1.4b (UTF-8), replacing FILE atomically.")
    exporter.add_argument("file", metavar="FILE.tmx")
    exporter.add_argument("--lang", help="only the units into this language, e.g. my")
    exporter.add_argument("--since", metavar="DATE", help="only units changed at or after DATE (2024-03-01, or 2024-03-01T09:30Z)")
    exporter.set_defaults(handler=tm_export, tm_handler=tm_export)


def tm_import(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.app.memory_exchange import import_tmx, tmx_path
    from workbench.app.workspace import open_checked

    tmx_path(args.file)  # a wrong name is refused before the workspace opens
    workspace = open_checked(settings)
    try:
        report = import_tmx(workspace, args.file, args.lang)
    finally:
        workspace.close()
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    counts = report.counts
    print(f"imported {report.path}: {counts.units} units ({counts.new} new, {counts.updated} updated, "
          f"{counts.unchanged} unchanged)")
    return 0


def tm_export(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.app.memory_exchange import export_tmx, parse_since, tmx_path
    from workbench.app.workspace import open_checked

    tmx_path(args.file)
    since = None if args.since is None else parse_since(args.since)
    workspace = open_checked(settings)
    try:
        report = export_tmx(workspace, args.file, args.lang, since)
    finally:
        workspace.close()
    languages = f" ({', '.join(report.languages)})" if report.languages else ""
    print(f"wrote {report.path}: {report.units} units{languages}")
    return 0
