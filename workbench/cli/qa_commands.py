"""`workbench check`: QA of translations against the glossary, for gating publication."""

from __future__ import annotations

import argparse

from workbench.app.config import Settings
from workbench.app.workspace import Workspace, open_checked
from workbench.cli.article_commands import checked_article_id
from workbench.safe_text import json_text


def add_check_parser(commands) -> None:
    check = commands.add_parser(
        "check", help="check translations against the glossary and QA rules",
        description="Check translations; prints `article:segment: check-id: message` lines and exits 1 "
                    "when an error-level issue is found.")
    check.add_argument("articles", nargs="*", type=int, metavar="ARTICLE", help="article ids (default: all)")
    check.add_argument("--lang", required=True, help="target language, e.g. my")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--require", metavar="STATE",
                       help="publishing gate: exit 1 unless every segment is at least STATE (translated) "
                            "and has no error-level issue; prints how many are not, per article and in total")
    check.add_argument("--metrics", action="store_true",
                       help="report exact-match term accuracy of raw MT, enforced MT and the translations instead")


def check(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.lang.languages import language

    lang = language(args.lang).code
    for article in args.articles:
        checked_article_id(article)
    if args.metrics:
        return _metrics(settings, args, lang)
    if args.require is not None:
        from workbench.app.checking import checked_requirement

        checked_requirement(args.require)  # before opening anything
    workspace = open_checked(settings)
    try:
        issues = workspace.check(lang, args.articles)
        numbers = _segment_numbers(workspace, {issue.article_id for issue in issues})
        gate = None if args.require is None else _gate(workspace, args, lang, issues)
    finally:
        workspace.close()
    listed = [{**issue.__dict__, "segment": numbers[(issue.article_id, issue.segment_id)]} for issue in issues]
    if args.format == "json" and gate is not None:
        print(json_text({"issues": listed, "gate": _gate_json(args.require, gate)}))
    elif args.format == "json":
        print(json_text(listed))
    else:
        for issue in issues:
            where = f"{issue.article_id}:{numbers[(issue.article_id, issue.segment_id)]}"
            print(f"{where}: {issue.check_id}: {issue.message}")
        errors = sum(1 for issue in issues if issue.severity == "error")
        print(f"{len(issues)} issues ({errors} errors) in {lang}")
        if gate is not None:
            _print_gate(args.require, lang, gate)
    if gate is not None and any(article.not_ready for article in gate):
        return 1
    return 1 if any(issue.severity == "error" for issue in issues) else 0


def _gate(workspace: Workspace, args: argparse.Namespace, lang: str, issues: list) -> list:
    from workbench.app.checking import readiness

    article_ids = [article.id for article in workspace.articles(args.articles or None)]
    return readiness(workspace, article_ids, lang, issues, args.require)


def _print_gate(required: str, lang: str, gate: list) -> None:
    for article in gate:
        if article.not_ready:
            print(f"article {article.article_id}: not ready: {article.below} of {article.segment_count} segments "
                  f"below {required}, {article.with_errors} with errors")
        else:
            print(f"article {article.article_id}: ready: all {article.segment_count} segments {required}, no errors")
    below, with_errors = sum(a.below for a in gate), sum(a.with_errors for a in gate)
    blocked = sum(1 for a in gate if a.not_ready)
    if blocked:
        print(f"not ready to publish in {lang}: {below} segments below {required} and {with_errors} with errors "
              f"in {blocked} of {len(gate)} articles")
    else:
        print(f"ready to publish in {lang}: {len(gate)} articles, every segment {required}, no errors")


def _gate_json(required: str, gate: list) -> dict:
    return {
        "require": required,
        "passed": not any(article.not_ready for article in gate),
        "below": sum(article.below for article in gate),
        "with_errors": sum(article.with_errors for article in gate),
        "articles": [{"article_id": article.article_id, "segments": article.segment_count, "below": article.below,
                      "with_errors": article.with_errors,
                      "not_ready": [{"segment": item.number, "first_words": item.first_words, "reasons": list(item.reasons)}
                                    for item in article.not_ready]}
                     for article in gate],
    }


def _segment_numbers(workspace: Workspace, article_ids: set[int | str]) -> dict[tuple[int | str, str], int]:
    numbers: dict[tuple[int | str, str], int] = {}
    for article_id in article_ids:
        for number, segment in enumerate(workspace.store.segments(int(article_id)), start=1):
            numbers[(article_id, segment.segment_id)] = number
    return numbers


def _metrics(settings: Settings, args: argparse.Namespace, lang: str) -> int:
    """Term accuracy (WMT terminology task): share of source term occurrences rendered as approved."""
    from workbench.app.metrics import project_metrics

    workspace = open_checked(settings)
    try:
        metrics = project_metrics(workspace, lang, args.articles or None)
    finally:
        workspace.close()
    if args.format == "json":
        print(json_text(metrics))
        return 0
    print(f"term accuracy in {lang} over {metrics['occurrences']} source term occurrences:")
    for kind, label in (("mt_raw", "raw MT"), ("mt_enforced", "enforced MT"), ("translation", "translations")):
        value = metrics["term_accuracy"][lang][kind]
        counts = metrics["measured"][lang][kind]
        shown = "not measured (nothing stored)" if value is None else f"{value:.1%} ({counts['matched']}/{counts['hits']})"
        print(f"  {label:14} {shown}")
    return 0
