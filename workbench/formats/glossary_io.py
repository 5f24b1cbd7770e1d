"""Read and write glossary exchange files; the format comes from the file's extension.

    .tbx, .xml  TBX (reads TBX v3 and the older v2 <martif>; writes TBX v3, TBX-Basic, DCA style)
    .csv        comma-separated values, UTF-8 (see `glossary_csv` for the columns)
    .tsv        the same columns separated by tabs

`read_glossary(path)` returns the entries in file order (`unicode_renderings(entries)` then
converts renderings typed in Zawgyi and lists those too short to tell); `write_glossary(entries, path)`
replaces the file atomically (a temporary file in the same folder, then `os.replace`), so a
failure, an interrupted export or an entry that cannot be written never leaves a half-written
or truncated file: the previous file, if any, stays exactly as it was.

Every problem is a one-line `UserError`: what is wrong, where, and what to do.

Exchangeable entries. `write_glossary` first checks that the entries can be written in *every*
format and read back equal, so a glossary that exports to one format exports to all of them:

* text holds only characters XML 1.0 allows: no C0 control characters other than tab, line
  feed and carriage return, no lone surrogates, no U+FFFE / U+FFFF;
* entry ids are unique, not empty, without line breaks or surrounding spaces;
* English terms are not blank; kinds, case rules and statuses are the model's values;
* a rendering's language is a language code Babel knows ("my", "zh_Hans") and not English ("en", "en-GB"),
  because English terms of a concept are its `Term`s;
* entry sources and context-rule words are list items: not empty, no line breaks, no
  surrounding spaces; context words also contain no "," or ";" (the CSV list separators).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from workbench.errors import UserError
from workbench.files import read_user_file, write_atomically
from workbench.formats import glossary_csv, tbx
from workbench.formats.safe_xml import NOT_XML_TEXT
from workbench.glossary.model import CASE_RULES, STATUSES, TERM_KINDS, TERM_STATUSES, Entry
from workbench.lang.languages import language
from workbench.myanmar.encoding import classify, to_unicode

FORMATS = {".tbx": "tbx", ".xml": "tbx", ".csv": "csv", ".tsv": "tsv"}
_SUPPORTED = ".tbx or .xml (TBX), .csv (comma-separated) or .tsv (tab-separated)"

_LINE_BREAK = re.compile(r"[\r\n]")


def glossary_format(path: Path | str) -> str:
    """"tbx", "csv" or "tsv" from the file's extension; UserError for anything else."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        shown = f"extension {suffix!r}" if suffix else "no extension"
        raise UserError(f"{path} has {shown}, which is not a glossary format; use {_SUPPORTED}")
    return FORMATS[suffix]


def read_glossary(path: Path | str) -> list[Entry]:
    """The entries of a TBX, CSV or TSV glossary file, in file order."""
    path = Path(path)
    kind = glossary_format(path)
    data = read_user_file(path, "a glossary file", "a .tbx, .csv or .tsv file")
    if kind == "tbx":
        return tbx.parse_tbx(data, str(path))
    return glossary_csv.parse_csv(data, str(path), delimiter="\t" if kind == "tsv" else ",")


def read_glossary_for_import(path: Path | str) -> tuple[list[Entry], list[str]]:
    """What an import takes from the file, and one line per kind of what it does not (TBX: counts and
    file:line of the first few; see `tbx.read_tbx`). A TBX file without any English term is refused."""
    path = Path(path)
    if glossary_format(path) != "tbx":
        return read_glossary(path), []
    data = read_user_file(path, "a glossary file", "a .tbx, .csv or .tsv file")
    entries, losses = tbx.read_tbx(data, str(path))
    return entries, losses.summary()


def write_glossary(entries: Iterable[Entry], path: Path | str, skip_invalid: bool = False) -> list[str]:
    """Write the entries as TBX, CSV or TSV (from the extension), replacing the file atomically.

    An entry no format can hold refuses the whole export (UserError naming every such entry and
    why) unless `skip_invalid`: then the others are written and the problems are returned.
    """
    path = Path(path)
    kind = glossary_format(path)
    entries = list(entries)
    problems = unexportable(entries)
    if problems and not skip_invalid:
        shown = "; ".join(problems[:3]) + (f"; and {len(problems) - 3} more" if len(problems) > 3 else "")
        raise UserError(f"cannot export {len(problems)} glossary entr{'y' if len(problems) == 1 else 'ies'} "
                        f"({shown}); nothing was written: fix them with `workbench glossary edit` or "
                        "`glossary remove`, or export the rest with --skip-invalid")
    bad = {problem.split(":", 1)[0] for problem in problems}
    entries = [entry for entry in entries if repr(entry.id) not in bad]
    if kind == "tbx":
        data = tbx.render_tbx(entries)
    else:
        data = glossary_csv.render_csv(entries, delimiter="\t" if kind == "tsv" else ",")
    write_atomically(path, data)
    return problems


def unexportable(entries: list[Entry]) -> list[str]:
    """One line per entry some format could not write and read back equal: "'id': what is wrong"."""
    problems = []
    seen: set[str] = set()
    for entry in entries:
        try:
            check_exchangeable([entry])
            if entry.id in seen:
                _refuse(entry, "id", "is used by two entries; give each entry its own id")
        except UserError as error:
            problems.append(f"{entry.id!r}: {str(error).split(': ', 1)[-1]}")
        seen.add(entry.id)
    return problems


@dataclasses.dataclass
class RenderingEncodings:
    """Renderings converted from Zawgyi and renderings that may be Zawgyi: (entry id, lang, text)."""

    converted: list[tuple[str, str, str, str]] = dataclasses.field(default_factory=list)  # + the Unicode text
    unsure: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)
    converter: str | None = None


def unicode_renderings(entries: list[Entry], converter: str | None = None) -> tuple[list[Entry], RenderingEncodings]:
    """The entries with Zawgyi renderings converted to Unicode, and what was found.

    A rendering too short for the detector to be sure of is kept as written and listed in
    `unsure`, so the importer can say which ones to check: converting it could break a
    correct Unicode term, and refusing it would block a glossary full of short terms.
    """
    found = RenderingEncodings()
    fixed = []
    for entry in entries:
        renderings = []
        for rendering in entry.renderings:
            encoding = classify(rendering.text, converter)
            if encoding.is_zawgyi:
                conversion = to_unicode(rendering.text, converter)
                found.converter = conversion.converter
                found.converted.append((entry.id, rendering.lang, rendering.text, conversion.text))
                rendering = dataclasses.replace(rendering, text=conversion.text)
            elif encoding.is_unsure:
                found.unsure.append((entry.id, rendering.lang, rendering.text))
            renderings.append(rendering)
        changed = tuple(renderings) != entry.renderings
        fixed.append(dataclasses.replace(entry, renderings=tuple(renderings)) if changed else entry)
    return fixed, found


# ---------------------------------------------------------------- exchangeable entries

def check_exchangeable(entries: list[Entry]) -> None:
    """UserError for the first entry that some format could not write and read back equal."""
    seen: set[str] = set()
    for entry in entries:
        if not entry.id or entry.id != entry.id.strip() or _LINE_BREAK.search(entry.id):
            _refuse(entry, "id", "must be non-empty, on one line, without surrounding spaces")
        if entry.id in seen:
            _refuse(entry, "id", "is used by two entries; give each entry its own id")
        seen.add(entry.id)
        if NOT_XML_TEXT.search("\n".join(_plain_texts(entry))):  # one search per entry; which field, only if one is bad
            for where, text in _texts(entry):
                match = NOT_XML_TEXT.search(text)
                if match:
                    code = f"U+{ord(match.group()):04X}"
                    _refuse(entry, where, f"contains the control character {code}, which XML cannot hold; remove it")
        for where, problem in _structure_problems(entry):
            _refuse(entry, where, problem)


def _plain_texts(entry: Entry) -> list[str]:
    """Every text `_texts` names, without the names (building those for every entry is the slow part)."""
    texts = [entry.id, entry.domain, entry.definition, entry.note, *entry.sources]
    texts += [part for definition in entry.definitions for part in definition]
    for term in entry.terms:
        texts += (term.text, term.part_of_speech, term.note, term.source, *_words(term))
    for r in entry.renderings:
        texts += (r.lang, r.text, r.note, r.source, r.part_of_speech)
    return texts


def _refuse(entry: Entry, where: str, problem: str) -> None:
    raise UserError(f"cannot export glossary entry {entry.id!r}: {where} {problem}")


def _texts(entry: Entry) -> Iterator[tuple[str, str]]:
    yield "id", entry.id
    yield from (("domain", entry.domain), ("definition", entry.definition), ("note", entry.note))
    yield from ((f"source {s!r}", s) for s in entry.sources)
    for lang, text in entry.definitions:
        yield from ((f"definition ({lang!r}) language", lang), (f"definition ({lang!r})", text))
    for term in entry.terms:
        yield f"term {term.text!r}", term.text
        yield from ((f"context word of {term.text!r}", w) for w in _words(term))
        yield from ((f"{name} of term {term.text!r}", value) for name, value in (
            ("part of speech", term.part_of_speech), ("note", term.note), ("source", term.source)))
    for number, r in enumerate(entry.renderings, start=1):
        yield from ((f"rendering {number} ({r.lang}) {name}", value) for name, value in (
            ("language", r.lang), ("text", r.text), ("note", r.note), ("source", r.source),
            ("part of speech", r.part_of_speech)))


def _words(term) -> tuple[str, ...]:
    return term.context.not_followed_by + term.context.not_preceded_by


def _structure_problems(entry: Entry) -> Iterator[tuple[str, str]]:
    for source in entry.sources:
        if not _is_list_item(source):
            yield f"source {source!r}", "must be non-empty, on one line, without surrounding spaces"
    for term in entry.terms:
        if term.kind in TERM_KINDS and term.case in CASE_RULES and term.status in TERM_STATUSES and term.text.strip() \
                and (term.context.is_empty or not _words(term)):
            continue  # the usual case, without building the messages
        where = f"term {term.text!r}"
        if not term.text.strip():
            yield "a term", "is blank; give the English term's text"
        if term.kind not in TERM_KINDS:
            yield where, f"has kind {term.kind!r}; use one of {', '.join(TERM_KINDS)}"
        if term.case not in CASE_RULES:
            yield where, f"has case rule {term.case!r}; use one of {', '.join(CASE_RULES)}"
        if term.status not in TERM_STATUSES:
            yield where, f"has status {term.status!r}; use one of {', '.join(s for s in TERM_STATUSES if s)} or none"
        for word in _words(term):
            if not _is_list_item(word) or "," in word or ";" in word:
                yield f"context word {word!r} of {where}", "must be one word or phrase without , or ;"
    for number, r in enumerate(entry.renderings, start=1):
        if r.status in STATUSES and _is_target_language(r.lang):
            continue
        where = f"rendering {number} ({r.text!r})"
        if not _is_target_language(r.lang):
            yield where, f"has language {r.lang!r}; use a non-English language code such as my or fr"
        if r.status not in STATUSES:
            yield where, f"has status {r.status!r}; use one of {', '.join(STATUSES)}"


def _is_target_language(code: str) -> bool:
    found = _TARGETS.get(code)
    if found is None:
        try:
            found = not language(code).is_english
        except UserError:
            found = False
        _TARGETS[code] = found  # a code's being known and not English does not change with the settings
    return found


_TARGETS: dict[str, bool] = {}


def _is_list_item(value: str) -> bool:
    return bool(value) and value == value.strip() and not _LINE_BREAK.search(value)
