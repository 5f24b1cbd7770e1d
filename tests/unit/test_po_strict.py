"""The PO reader is strict: a file cut anywhere, or an entry with a keyword twice, is refused
whole with one `file:line` line saying what is wrong and what to do; what PO editors write
(wrapped strings, `#|` previous msgids, `#~` obsolete entries, flags) still reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbench.errors import UserError
from workbench.formats.po import read_po

HEADER = 'msgid ""\nmsgstr ""\n"Language: my\\n"\n"X-Workbench-Article-Id: 1\\n"\n"X-Workbench-Segments: 2\\n"\n\n'  # lines 1-6
FIRST = 'msgctxt "a"\nmsgid "one"\nmsgstr "x"\n\n'  # lines 7-10; the second entry starts at line 11


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cut.po"
    path.write_text(text, encoding="utf-8")
    return path


def _refused(tmp_path: Path, text: str, line: int, *fragments: str) -> str:
    path = _write(tmp_path, text)
    with pytest.raises(UserError) as error:
        read_po(path)
    message = str(error.value)
    assert "\n" not in message, message
    assert message.startswith(f"{path}:{line}: "), message
    assert "export it again" in message, message
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    return message


# ---------------------------------------------------------------- cut short

def test_a_last_continuation_string_without_a_line_break_is_a_cut(tmp_path):
    text = HEADER + FIRST + 'msgctxt "b"\nmsgid "two"\nmsgstr ""\n"first part "'
    _refused(tmp_path, text, 14, "cut short")


def test_a_complete_looking_last_line_without_a_line_break_is_a_cut(tmp_path):
    """`msgstr "x"` may have been followed by a continuation string: the file cannot tell."""
    _refused(tmp_path, HEADER + FIRST + 'msgctxt "b"\nmsgid "two"\nmsgstr "y"', 13, "cut short")


def test_a_msgstr_continuation_cut_mid_line_is_a_cut(tmp_path):
    text = HEADER + FIRST + 'msgctxt "b"\nmsgid "two"\nmsgstr ""\n"first part "\n"sec'
    _refused(tmp_path, text, 15, "cut short")


def test_an_unterminated_string_inside_the_file_is_named(tmp_path):
    text = HEADER + FIRST.replace('msgstr "x"', 'msgstr "x') + 'msgctxt "b"\nmsgid "two"\nmsgstr "y"\n'
    _refused(tmp_path, text, 9, "not PO syntax", "never closed")


@pytest.mark.parametrize("ending", ["msgstr\n", "msgstr   \n"])
def test_a_keyword_with_no_string_is_named(tmp_path, ending):
    _refused(tmp_path, HEADER + FIRST + 'msgctxt "b"\nmsgid "two"\n' + ending, 13, "msgstr", "no string")


def test_msgid_with_no_msgstr_at_the_end_is_a_cut(tmp_path):
    _refused(tmp_path, HEADER + FIRST + 'msgctxt "b"\nmsgid "two"\n', 12, "no msgstr", "cut short")


def test_msgctxt_with_no_msgid_at_the_end_is_a_cut(tmp_path):
    _refused(tmp_path, HEADER + FIRST + 'msgctxt "b"\n', 11, "no msgid", "cut short")


def test_msgid_plural_with_no_msgstr_n_is_a_cut(tmp_path):
    _refused(tmp_path, HEADER + FIRST + 'msgctxt "b"\nmsgid "two"\nmsgid_plural "twos"\n', 13, "msgstr[0]")


def test_comments_with_no_entry_after_them_are_a_cut(tmp_path):
    _refused(tmp_path, HEADER + FIRST + "#. paragraph 2\n#, fuzzy\n", 12, "cut short")


def test_an_entry_missing_its_msgstr_before_the_next_one_is_named(tmp_path):
    text = HEADER + 'msgctxt "a"\nmsgid "one"\n\nmsgctxt "b"\nmsgid "two"\nmsgstr "y"\n'
    _refused(tmp_path, text, 8, "no msgstr")


def test_a_header_cut_at_a_line_break_is_a_cut(tmp_path):
    """Cut before the segment count: no entries and nothing saying how many there were."""
    _refused(tmp_path, HEADER.split('"X-Workbench-Article-Id')[0], 3, "no entries", "cut short")


def test_a_file_cut_between_entries_says_how_many_it_holds(tmp_path):
    _refused(tmp_path, HEADER + FIRST, 10, "holds 1 of the 2 entries")


def test_a_cut_obsolete_entry_is_a_cut(tmp_path):
    text = HEADER + FIRST + 'msgctxt "b"\nmsgid "two"\nmsgstr "y"\n\n#~ msgid "old"\n'
    _refused(tmp_path, text, 15, "no msgstr")


# ---------------------------------------------------------------- a keyword twice in one entry

@pytest.mark.parametrize(("entry", "line", "keyword", "first"), [
    ('msgctxt "b"\nmsgctxt "c"\nmsgid "two"\nmsgstr "y"\n', 12, "msgctxt", 11),
    ('msgctxt "b"\nmsgctxt ""\n"b"\nmsgid "two"\nmsgstr "y"\n', 12, "msgctxt", 11),
    ('msgctxt ""\n"b"\nmsgctxt "b"\nmsgid "two"\nmsgstr "y"\n', 13, "msgctxt", 11),
    ('msgctxt "b"\nmsgid "two"\nmsgid "three"\nmsgstr "y"\n', 13, "msgid", 12),
    ('msgctxt "b"\nmsgid ""\n"two"\nmsgid ""\n"two"\nmsgstr "y"\n', 14, "msgid", 12),
    ('msgctxt "b"\nmsgid "two"\nmsgstr "y"\nmsgstr "z"\n', 14, "msgstr", 13),
    ('msgctxt "b"\nmsgid "two"\nmsgstr ""\n"y"\nmsgstr ""\n"z"\n', 15, "msgstr", 13),
    ('msgctxt "b"\nmsgid "two"\nmsgid_plural "twos"\nmsgstr[0] "y"\nmsgstr[0] "z"\n', 15, "msgstr[0]", 14),
])
def test_a_keyword_twice_in_one_entry_is_refused(tmp_path, entry, line, keyword, first):
    message = _refused(tmp_path, HEADER + FIRST + entry, line, f"{keyword} twice", f"line {first}")
    assert re.search(r"entry (that starts )?at line 11", message), message


def test_a_segment_in_two_entries_is_still_refused(tmp_path):
    text = HEADER + FIRST + 'msgctxt ""\n"a"\nmsgid "two"\nmsgstr "y"\n'
    _refused(tmp_path, text, 11, "segment a appears twice", "line 7")


# ---------------------------------------------------------------- what editors write still reads

EDITED = '''# Translators' comment
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: workbench 0.1.0\\n"
"Language: my_MM\\n"
"X-Workbench-"
"Article-Id: 4\\n"
"X-Workbench-Segments: 2\\n"

#. paragraph 1
#: report.txt:3
#, fuzzy, python-format
#| msgctxt "a"
#| msgid "The old"
#| " sentence"
msgctxt "a"
msgid ""
"A \\"quoted\\" line,\\tthen a tab "
"and a wrapped tail\\\\"
msgstr ""
"ပထမ\\n"
"ဒုတိယ\\r"

  msgctxt "b"
msgid "two"
msgstr "y"

#, fuzzy
#~ msgctxt "gone"
#~ msgid "old"
#~ msgstr ""
#~ "was here"

#~| msgid "older"
#~ msgid "plural"
#~ msgid_plural "plurals"
#~ msgstr[0] "p"
'''


def test_what_po_editors_write_still_reads(tmp_path):
    document = read_po(_write(tmp_path, EDITED.replace('msgid "two"', 'msgid "two" \t')))  # trailing blanks
    assert (document.target_lang, document.article_id) == ("my_MM", 4)
    first, second = document.units
    assert (first.segment_id, first.source, first.target) == ("a", 'A "quoted" line,\tthen a tab and a wrapped tail\\', "ပထမ\nဒုတိယ\r")
    assert (first.fuzzy, first.comments, first.line) == (True, ("paragraph 1",), 17)
    assert (second.segment_id, second.source, second.target, second.fuzzy, second.line) == ("b", "two", "y", False, 25)


def test_windows_line_endings_and_a_byte_order_mark_read(tmp_path):
    path = tmp_path / "crlf.po"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER + FIRST + 'msgctxt "b"\nmsgid "two"\nmsgstr "y"\n').replace("\n", "\r\n").encode())
    assert [unit.target for unit in read_po(path).units] == ["x", "y"]


def test_a_plural_entry_is_refused_as_not_a_segment(tmp_path):
    text = HEADER + FIRST + 'msgctxt "b"\nmsgid "two"\nmsgid_plural "twos"\nmsgstr[0] "y"\n'
    _refused(tmp_path, text, 11, "plural")
