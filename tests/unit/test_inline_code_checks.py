"""Inline codes of foreign files (`<g1>`…`</g1>`, `<x2/>`) through QA, MT placeholders and the memory."""

from __future__ import annotations

from workbench.glossary.code_hits import with_code_hits
from workbench.glossary.enforce import protect, restore
from workbench.lang.inline_codes import code_problems
from workbench.qa.base import ERROR, QAUnit
from workbench.qa.code_checks import InlineCodeCheck
from workbench.tm.tokens import TAG, tokenize

SOURCE = "The <g1>council</g1> met on <x2/>."


def _issues(target: str):
    return InlineCodeCheck().check(QAUnit(1, "s1", SOURCE, target, "my"))


def test_a_translation_with_every_code_once_passes_even_reordered():
    assert _issues("<x2/> တွင် <g1>ကောင်စီ</g1> တွေ့ဆုံခဲ့သည်။") == []
    assert _issues("") == []  # untranslated: only the untranslated check speaks


def test_a_dropped_a_duplicated_or_an_invented_code_is_an_error():
    dropped, = _issues("<g1>ကောင်စီ</g1> တွေ့ဆုံခဲ့သည်။")
    assert (dropped.severity, dropped.check_id) == (ERROR, "inline-code") and "<x2/>" in dropped.message
    assert "missing" in dropped.message
    duplicated, = _issues("<x2/> <x2/> <g1>ကောင်စီ</g1>")
    assert "appears 2 times" in duplicated.message and duplicated.severity == ERROR
    invented, = _issues("<x2/> <g1>ကောင်စီ</g1> <x7/>")
    assert "<x7/> is not in the source" in invented.message
    assert code_problems("no codes", "none either") == []


def test_mt_carries_codes_as_glossary_placeholders_and_flags_a_dropped_one():
    protected = protect(SOURCE, with_code_hits(SOURCE, []), "my")
    assert protected.text == "The [[0]]council[[1]] met on [[2]]."  # the one placeholder form MT sees
    restored = restore("[[2]] တွင် [[0]]ကောင်စီ[[1]] တွေ့ဆုံခဲ့သည်။", protected)
    assert restored.text == "<x2/> တွင် <g1>ကောင်စီ</g1> တွေ့ဆုံခဲ့သည်။" and not restored.flags
    lost = restore("[[0]]ကောင်စီ[[1]] တွေ့ဆုံခဲ့သည်။", protected)
    assert any("dropped by MT" in flag for flag in lost.flags)
    assert "<x2/>" in lost.text  # at the end of the source: put back there, and said so


def test_the_memory_reads_each_code_as_one_tag():
    assert [token.text for token in tokenize(SOURCE) if token.kind == TAG] == ["<g1>", "</g1>", "<x2/>"]
