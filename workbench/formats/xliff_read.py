"""Reading XLIFF 1.x and 2.x into an `ExchangeDocument`, through the one safe XML reader.

`workbench.formats.xliff` says how states, ids and inline markup are mapped. File-level faults
(not XLIFF, no target language, a bad workbench mark, units missing) refuse the whole file here;
a unit's own fault is kept in `problem`, for the import to refuse only if the unit is a segment of
the article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from workbench.errors import UserError
from workbench.files import read_user_file
from workbench.formats.safe_xml import Lines, decode_xml, parse_xml_safely
from workbench.formats.translation_exchange import DRAFT, TRANSLATED, ExchangeDocument, ExchangeUnit, Note
from workbench.formats.xliff import (
    MAX_XLIFF_BYTES,
    REVIEW_STATES,
    WB_ARTICLE,
    WB_REVISION,
    WB_UNITS,
    XLIFF_1_NAMESPACE,
    XLIFF_1_STATES,
    XLIFF_2_NAMESPACES,
    XLIFF_2_STATES,
    segment_id_of,
)

# Inline markup that only wraps or marks text (its text is the segment's); anything else is a code.
_WRAPPERS = {1: frozenset({"g", "mrk"}), 2: frozenset({"pc", "mrk"})}
_MARKERS = {1: frozenset(), 2: frozenset({"sm", "em"})}
_MAX_DEPTH = 64  # groups or inline markup nested deeper than any tool writes: refused, never a RecursionError


def read_xliff(path: Path) -> ExchangeDocument:
    """The units of an XLIFF 1.x or 2.x file; one-line UserError when the file cannot be used."""
    origin = str(path)
    data = read_user_file(path, "an XLIFF file", "a .xlf file", MAX_XLIFF_BYTES)
    text = decode_xml(data, origin, "the translations")
    root, lines = parse_xml_safely(text, origin)
    namespace, name = _split(root.tag)
    if name != "xliff":
        raise UserError(f"{path} is XML but its root element is <{name}>, not <xliff>; choose an XLIFF file")
    version = root.get("version", "")
    if namespace in XLIFF_2_NAMESPACES or (not namespace and version.startswith("2.")):
        return _Reader(path, lines, 2, namespace).document(root, version or "2")
    if namespace.startswith(XLIFF_1_NAMESPACE[:-2]) or (not namespace and version.startswith("1.")):
        return _Reader(path, lines, 1, namespace).document(root, version or "1.2")
    raise UserError(f"{path}: XLIFF version {version or '?'} (namespace {namespace or 'none'}) is not one the workbench "
                    "reads (1.2 or 2.x); save it from its tool as XLIFF 1.2 or 2.1")


def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


class _Reader:
    def __init__(self, path: Path, lines: Lines, major: int, namespace: str) -> None:
        self.path, self.lines, self.major = path, lines, major
        self.ns = f"{{{namespace}}}" if namespace else ""

    def where(self, element: Element) -> str:
        return f"{self.path}:{self.lines.line(element)}"

    def document(self, root: Element, version: str) -> ExchangeDocument:
        files = root.findall(f"{self.ns}file")
        if not files:
            raise UserError(f"{self.where(root)}: the XLIFF file has no <file> element: it holds no units; export it again")
        lang_holder, lang_name = (root, "trgLang") if self.major == 2 else (files[0], "target-language")
        target_lang = (lang_holder.get(lang_name) or "").strip()
        if not target_lang:
            raise UserError(f"{self.where(lang_holder)}: the XLIFF file has no {lang_name} (the target language); "
                            f"add e.g. {lang_name}=\"my\", or export it again")
        article_id = self._article_id(files)
        units: list[ExchangeUnit] = []
        for file in files:
            found = [self._unit(element, translate) for element, translate in self._units(file, file.get("translate", "yes"))]
            self._check_count(file, len(found))
            units += found
        origin = files[0].get("original", "")
        kind = f"XLIFF {version}"
        return ExchangeDocument(target_lang.replace("-", "_"), article_id, origin, units,
                                foreign=all(file.get(WB_ARTICLE) is None for file in files), kind=kind)

    def _article_id(self, files: list[Element]) -> int | None:
        for file in files:
            raw = (file.get(WB_ARTICLE) or "").strip()
            if raw:
                if not (raw.isascii() and raw.isdigit()):
                    raise UserError(f"{self.where(file)}: wb:article is {raw!r}, not an article id; export it again")
                return int(raw)
        return None

    def _check_count(self, file: Element, found: int) -> None:
        """The export's unit count is what shows units deleted from a whole-looking file."""
        raw = file.get(WB_UNITS)
        if raw is None:
            return
        if not (raw.isascii() and raw.isdigit()):
            raise UserError(f"{self.where(file)}: wb:units is {raw!r}, not a number of units; export it again")
        if int(raw) != found:
            why = "units deleted" if found < int(raw) else "units added"
            raise UserError(f"{self.where(file)}: the file holds {found} of the {int(raw)} units it was exported with "
                            f"({why}); export it again and redo the missing ones")

    def _units(self, parent: Element, translate: str, depth: int = 0) -> Iterator[tuple[Element, str]]:
        """(unit, inherited translate) in document order, groups included; 1.2 units are in <body>."""
        if depth > _MAX_DEPTH:
            raise UserError(f"{self.where(parent)}: groups nested more than {_MAX_DEPTH} deep; no tool writes that: "
                            "this file is damaged or hostile, so nothing was imported")
        children = parent.find(f"{self.ns}body") if self.major == 1 and parent.tag.endswith("file") else parent
        unit_tag = f"{self.ns}unit" if self.major == 2 else f"{self.ns}trans-unit"
        for child in children if children is not None else ():
            if child.tag == unit_tag:
                yield child, child.get("translate", translate)
            elif child.tag == f"{self.ns}group":
                yield from self._units(child, child.get("translate", translate), depth + 1)

    def _unit(self, element: Element, translate: str) -> ExchangeUnit:
        raw_id = element.get("id", "")
        locate = self._locator(element)
        read = self._segment_2 if self.major == 2 else self._segment_1
        source, target, status, file_state, problem = read(element)
        based_on = None
        revision = element.get(WB_REVISION)
        if revision is not None:
            if revision.isascii() and revision.isdigit():
                based_on = int(revision)
            else:
                problem = problem or f"its wb:revision is {revision!r}, not a revision number"
        return ExchangeUnit(segment_id_of(raw_id) if self.major == 2 else raw_id, source, target, status, based_on,
                            self._notes(element), file_state=file_state,
                            skipped="the file marks it translate=\"no\"" if translate == "no" else "",
                            problem=problem if raw_id else problem or "it has no id", locate=locate)

    def _locator(self, element: Element) -> Callable[[], int]:
        return lambda: self.lines.line(element)

    def _segment_2(self, unit: Element) -> tuple[str, str, str, str, str]:
        """A unit another tool split into several segments (and ignorable whitespace) reads as one
        sentence: the sources joined, the targets joined, the lowest state."""
        sources: list[str] = []
        targets: list[str] = []
        statuses: set[str] = set()
        review = ""
        untranslated = translated = 0
        for part in unit:
            if part.tag not in (f"{self.ns}segment", f"{self.ns}ignorable"):
                continue
            source, problem = self._text(part.find(f"{self.ns}source"), "source")
            target_element = part.find(f"{self.ns}target")
            target, target_problem = self._text(target_element, "target")
            problem = problem or target_problem
            if part.tag.endswith("ignorable"):
                target = target if target_element is not None else source  # whitespace between segments
            else:
                state = part.get("state", "initial")
                status = XLIFF_2_STATES.get(state)
                if status is None:
                    problem = problem or f"its state {state!r} is not an XLIFF 2 state (initial, translated, reviewed, final)"
                statuses.add(status or DRAFT)
                review = review or (state if state in REVIEW_STATES else "")
                untranslated, translated = untranslated + (not target), translated + bool(target)
            if problem:
                return "", "", DRAFT, "", problem
            sources.append(source)
            targets.append(target)
        if not statuses:
            return "", "", DRAFT, "", "it has no <segment>"
        if untranslated and translated:
            return "", "", DRAFT, "", (f"only {translated} of its {translated + untranslated} segments have a target "
                                       "(another tool split it); translate them all, or join them")
        status = DRAFT if DRAFT in statuses else TRANSLATED
        return "".join(sources), "".join(targets) if translated else "", status, review if status == TRANSLATED else "", ""

    def _segment_1(self, unit: Element) -> tuple[str, str, str, str, str]:
        target_element = unit.find(f"{self.ns}target")
        source, source_problem = self._text(unit.find(f"{self.ns}source"), "source")
        target, target_problem = self._text(target_element, "target")
        problem = source_problem or target_problem
        state = target_element.get("state", "") if target_element is not None else ""
        file_state = ""
        if unit.get("approved") == "yes":
            status, file_state = TRANSLATED, "approved"
        elif not state:
            status = TRANSLATED  # a target with no state: what XLIFF 1.2 tools write for a finished one
        elif state.startswith("x-"):
            status, file_state = DRAFT, state  # another tool's own state: a person confirms it here
        else:
            status = XLIFF_1_STATES.get(state, "")
            file_state = state if state in REVIEW_STATES else ""
            if not status:
                problem = problem or f"its target state {state!r} is not an XLIFF 1.2 state"
        return source, target, status or DRAFT, file_state, problem

    def _text(self, element: Element | None, label: str) -> tuple[str, str]:
        """The plain text of a <source> or <target> ("" if absent) and why it has none ("" if it has)."""
        if element is None:
            return "", ("it has no <source>" if label == "source" else "")
        parts: list[str] = []
        problem = self._flatten(element, parts)
        return "".join(parts), (f"its {label} holds {problem}, which the workbench's plain-text segments have no place "
                                "for" if problem else "")

    def _flatten(self, element: Element, parts: list[str], depth: int = 0) -> str:
        if depth > _MAX_DEPTH:
            return f"inline markup nested more than {_MAX_DEPTH} deep"
        parts.append(element.text or "")
        for child in element:
            namespace, name = _split(child.tag)
            if f"{{{namespace}}}" != self.ns and (namespace or self.ns):
                return f"an element of another vocabulary <{name}>"
            if name in _WRAPPERS[self.major]:
                problem = self._flatten(child, parts, depth + 1)
                if problem:
                    return problem
            elif name not in _MARKERS[self.major]:
                return f"an inline code <{name}>"
            parts.append(child.tail or "")
        return ""

    def _notes(self, unit: Element) -> tuple[Note, ...]:
        if self.major == 2:
            notes = unit.find(f"{self.ns}notes")
            found = notes.findall(f"{self.ns}note") if notes is not None else []
            return tuple(Note("".join(note.itertext()), note.get("category", ""), note.get("appliesTo", ""))
                         for note in found)
        return tuple(Note("".join(note.itertext()), "", "" if note.get("annotates") in (None, "general") else
                          note.get("annotates", "")) for note in unit.findall(f"{self.ns}note"))
