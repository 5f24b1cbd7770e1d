"""`workbench publish`: the finished article in the target language, as text, Markdown or HTML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.app.config import Settings
from workbench.app.workspace import open_checked
from workbench.cli.article_commands import checked_article_id
from workbench.formats.article_output import FORMATS
from workbench.safe_text import visible

SHOWN_REASON_CHARS = 100


def add_publish_parser(commands) -> None:
    publish = commands.add_parser(
        "publish", help="write the finished translated article (txt, md or html)",
        description="Write the finished article in the target language: translated headline, byline and date, "
                    "the paragraphs as in the source. Refuses (exit 1), listing the segments, while any segment is "
                    "not translated or has an error-level QA issue, unless --draft.")
    publish.add_argument("article", metavar="ARTICLE", help="an article id from `workbench articles`")
    publish.add_argument("--lang", required=True, help="target language, e.g. my")
    publish.add_argument("--format", choices=FORMATS, default="txt", help="txt (default), md or html (a fragment for a CMS)")
    publish.add_argument("--out", metavar="FILE", help="write to FILE (replaced at once, never half-written); default: stdout")
    publish.add_argument("--draft", action="store_true",
                         help="write it even when parts are missing: untranslated segments show their English, marked")


def publish(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.app.publishing import publish_article

    checked_article_id(args.article)
    workspace = open_checked(settings)
    try:
        result = publish_article(workspace, args.article, args.lang, args.format,
                                 Path(args.out) if args.out else None, args.draft)
    finally:
        workspace.close()
    if result.refused:
        print(f"workbench: article {result.article_id} is not ready to publish in {result.lang}: "
              f"{len(result.missing)} segments not translated or with errors (use --draft to write it marked):",
              file=sys.stderr)
        for item in result.missing:
            print(f"  {item.number}: {visible(item.first_words)} — {_reasons(item.reasons)}", file=sys.stderr)
        return 1
    if result.path is None:
        sys.stdout.write(result.text)
    else:
        print(f"wrote article {result.article_id} in {result.lang} ({result.format}) to {result.path}")
    if result.missing:
        print(f"workbench: warning: draft: {len(result.missing)} segments not translated or with errors "
              f"(untranslated ones are marked): {', '.join(str(item.number) for item in result.missing)}",
              file=sys.stderr)
    return 0


def _reasons(reasons: tuple[str, ...]) -> str:
    text = visible("; ".join(reasons))
    return text if len(text) <= SHOWN_REASON_CHARS else text[: SHOWN_REASON_CHARS - 1] + "…"
