"""Inline codes of a segment (`<g1>`…`</g1>`, `<x2/>`, `<h3>`…`</h3>`) as protected tags, defined once for
the domain.

Codes read from a TMX or a foreign XLIFF file (`workbench.formats.tmx_codes`, which writes them, and
`workbench.formats.xliff_foreign_read`) stand in the segment's text as these short tags: the memory
reads each as one tag token, MT carries each as a glossary placeholder (`workbench.glossary.code_hits`),
and QA (`workbench.qa.code_checks`) reports a code the translation dropped, repeated or made up.
"""

from __future__ import annotations

import re
from collections import Counter

CODE_TAG = re.compile(r"</?[gh][0-9]+>|<x[0-9]+/>")


def code_tags(text: str) -> list[str]:
    """The code tags of a text, in order."""
    return CODE_TAG.findall(text) if "<" in text else []


def code_problems(source: str, target: str) -> list[str]:
    """What is wrong with the codes of a translation: each one dropped, repeated or not in the source."""
    wanted = Counter(code_tags(source))
    found = Counter(code_tags(target))
    problems = []
    for tag, count in wanted.items():
        if found[tag] == 0:
            problems.append(f"inline code {tag} of the source is missing from the translation")
        elif found[tag] > count:
            problems.append(f"inline code {tag} appears {found[tag]} times in the translation, {count} in the source")
    problems += [f"inline code {tag} is not in the source" for tag in found if tag not in wanted]
    return problems


def without_codes(text: str) -> str:
    """The text as a reader sees it: the code tags taken out (a finished article has no codes)."""
    return CODE_TAG.sub("", text) if "<" in text else text
