"""Glossary checks: approved terms present, forbidden renderings absent, one rendering per project.

Target-side lookup is `find_in_target`: whole words in spaced languages, syllable
boundaries in Burmese (so the forbidden NLD misspelling …အဖွဲချုပ် is never "found" in the
approved …အဖွဲ့ချုပ်, and ပြည်သူ is not found inside ပြည်သူ့). The renderings of an honorific
(`Hit.honorific`: ဦး, ဒေါ်) count only as the title before a name: ဒေါ်လာ (dollar), ဦးရေ
(headcount) and the counter "(၃၄) ဦး" never satisfy, nor are they taken for, "U" or "Daw".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from workbench.glossary.hits import Hit
from workbench.glossary.target import find_in_target
from workbench.qa.base import ERROR, WARNING, Check, Issue, ProjectCheck, QAUnit, hits_by_entry, is_empty

APPROVED_CLASS = "\x00approved"  # every approved rendering counts as the same choice


def _quoted(texts) -> str:
    return " / ".join(f"'{t}'" for t in texts)


def _accepted(hits: Sequence[Hit]) -> tuple[str, ...]:
    """What satisfies the glossary: any approved rendering; the English for do-not-translate terms."""
    accepted = [text for hit in hits for text in hit.approved]
    accepted += [hit.source_text for hit in hits if hit.do_not_translate]
    return tuple(dict.fromkeys(accepted))


def _is_honorific(hits: Sequence[Hit]) -> bool:
    return any(hit.honorific for hit in hits)  # the hits of one entry: all or none are


def _spans(target: str, texts, lang: str, honorific: bool = False) -> list[tuple[int, int, str]]:
    return [(start, end, text) for text in texts for start, end in find_in_target(target, text, lang, honorific)]


def _outermost(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop spans lying inside a longer span (a short rendering inside a longer one)."""
    return [s for s in spans
            if not any(o is not s and o[0] <= s[0] and s[1] <= o[1] and (o[1] - o[0]) > (s[1] - s[0])
                       for o in spans)]


class MissingTermCheck(Check):
    id = "missing-term"
    name = "Missing glossary term"
    description = "A source term has an approved rendering (or must stay in English) and the translation lacks it."
    severity = ERROR

    def check(self, unit: QAUnit) -> list[Issue]:
        if is_empty(unit):
            return []
        issues = []
        for hits in hits_by_entry(unit.hits).values():
            accepted = _accepted(hits)
            if accepted and not _spans(unit.target, accepted, unit.lang, _is_honorific(hits)):
                issues.append(self.issue(
                    unit, f"'{hits[0].source_text}': approved rendering {_quoted(accepted)} missing from the translation"))
        return issues


class ForbiddenTermCheck(Check):
    id = "forbidden-term"
    name = "Forbidden rendering"
    description = "The translation uses a rendering the glossary forbids for a source term."
    severity = ERROR

    def check(self, unit: QAUnit) -> list[Issue]:
        if is_empty(unit):
            return []
        issues = []
        for hits in hits_by_entry(unit.hits).values():
            forbidden = tuple(dict.fromkeys(text for hit in hits for text in hit.forbidden))
            if not forbidden:
                continue
            approved = tuple(dict.fromkeys(text for hit in hits for text in hit.approved))
            spans = _outermost(_spans(unit.target, approved + forbidden, unit.lang, _is_honorific(hits)))
            used = [text for _, _, text in spans if text in forbidden and text not in approved]
            for text in dict.fromkeys(used):
                advice = f"; write {_quoted(approved)}" if approved else ""
                issues.append(self.issue(unit, f"'{hits[0].source_text}': forbidden rendering '{text}'{advice}"))
        return issues


class InconsistentTermCheck(ProjectCheck):
    """Per (entry, language): the rendering most units use is the reference; a unit that uses
    known renderings of the entry but not the reference is reported. All approved renderings
    count as one choice (NUG / အမျိုးသားညီညွတ်ရေးအစိုးရ may alternate); a unit using several
    renderings (full form plus acronym) is consistent as long as one of them is the reference."""

    id = "inconsistent-term"
    name = "Inconsistent rendering"
    description = "The same source term is rendered differently in different segments or articles."
    severity = WARNING

    def check_project(self, units: Sequence[QAUnit]) -> list[Issue]:
        groups: dict[tuple[str, str], list[tuple[QAUnit, dict[str, str], str]]] = {}
        for unit in units:
            if is_empty(unit):
                continue
            for entry_id, hits in hits_by_entry(unit.hits).items():
                used = _used_renderings(unit, hits)
                if used:
                    groups.setdefault((entry_id, unit.lang), []).append((unit, used, hits[0].source_text))
        issues = []
        for uses in groups.values():
            issues += self._compare(uses)
        return issues

    def _compare(self, uses: list[tuple[QAUnit, dict[str, str], str]]) -> list[Issue]:
        counts = Counter(key for _, used, _ in uses for key in used)
        if len(counts) < 2:
            return []
        reference = max(counts, key=lambda key: counts[key])  # ties: first seen wins
        ref_unit, ref_used, _ = next(use for use in uses if reference in use[1])
        issues = []
        for unit, used, term in uses:
            if reference in used:
                continue
            here = " / ".join(f"'{text}'" for text in used.values())
            issues.append(self.issue(
                unit, f"'{term}' rendered {here} here but '{ref_used[reference]}' in article "
                      f"{ref_unit.article_id} segment {ref_unit.segment_id} ({counts[reference]} segment(s))"))
        return issues


def _used_renderings(unit: QAUnit, hits: Sequence[Hit]) -> dict[str, str]:
    """The entry's known renderings found in the translation: {choice key: text as in the glossary}."""
    approved = tuple(dict.fromkeys(text for hit in hits for text in hit.approved))
    known = approved + tuple(dict.fromkeys(text for hit in hits for text in hit.proposals if text not in approved))
    used: dict[str, str] = {}
    for _, _, text in sorted(_outermost(_spans(unit.target, known, unit.lang, _is_honorific(hits)))):
        used.setdefault(APPROVED_CLASS if text in approved else text, text)
    return used
