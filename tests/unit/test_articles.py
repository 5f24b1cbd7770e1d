"""Article parsing: seed metadata and paragraphs, trailer cut, layouts and error messages."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from workbench.articles.parsing import ParsedArticle, derive_title, parse_article, read_article_file
from workbench.errors import UserError

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_000 = SEEDS / "000_33987ea7448e5f2a.txt"
SEED_004 = SEEDS / "004_8f0f25ff7879d2b4.txt"

TRAILER_HEADLINES = [
    "Myanmar Junta Troops Kill Villagers; Hold Schoolkids Hostage",
    "Myanmar Democracy Activists Hold Rallies in Support of Ukraine",
    "Ukraine Vows ‘No Capitulation’ at Talks; Putin Orders Nuclear Alert",
    "Myanmar Rohingya Genocide Case Is Legitimate, Gambia Tells UN’s Top Court",
    "Cobra Gold Military Exercise Kicks Off in Thailand Without Myanmar",
    "EU Adds More Myanmar Companies, Regime Officials to Sanctions List",
]

BODY = "The junta raised fuel prices on Monday. Traders protested.\n\nPrices rose again."


def assert_one_line_naming(error: pytest.ExceptionInfo[UserError], origin: str) -> str:
    message = str(error.value)
    assert "\n" not in message
    assert origin in message
    return message


# --- seed 000: title, byline and date, blank-line paragraphs ----------------

def test_seed_000_metadata():
    article = read_article_file(SEED_000)
    assert article.title == (
        "Myanmar’s Parallel Government Asks Foreign Governments to Accept Military Defectors"
    )
    assert article.byline == "The Irrawaddy"
    assert article.source == "The Irrawaddy"
    assert article.date == datetime.date(2022, 3, 25)
    assert article.title_derived is False


def test_seed_000_paragraphs():
    article = read_article_file(SEED_000)
    assert len(article.paragraphs) == 17
    assert article.paragraphs[0].startswith("Myanmar’s parallel civilian National Unity")
    assert article.paragraphs[-1] == (
        "“If we could access those funds, we could boost the revolution, through policies "
        "like the defection program,” Daw Zin Mar Aung said."
    )
    assert not any(p.startswith("By The Irrawaddy") for p in article.paragraphs)


# --- seed 004: no title, byline or date; one paragraph per line -------------

def test_seed_004_metadata():
    article = read_article_file(SEED_004)
    assert article.title_derived is True
    assert article.title.startswith("Over two dozen enquiries")
    assert article.title == (
        "Over two dozen enquiries about defecting from the Myanmar military were made…"
    )
    assert len(article.title) <= 80
    assert (article.byline, article.source, article.date) == (None, None, None)


def test_seed_004_paragraphs():
    article = read_article_file(SEED_004)
    assert len(article.paragraphs) == 16
    assert article.paragraphs[0].startswith("Over two dozen enquiries about defecting")
    assert article.paragraphs[-1].endswith("“but they are still in need.”")


@pytest.mark.parametrize("seed", [SEED_000, SEED_004])
def test_trailer_and_its_headlines_are_cut(seed):
    article = read_article_file(seed)
    for paragraph in article.paragraphs:
        assert "You may also like" not in paragraph
        for headline in TRAILER_HEADLINES:
            assert headline not in paragraph


@pytest.mark.parametrize("seed", [SEED_000, SEED_004])
def test_curly_quotes_are_kept(seed):
    article = read_article_file(seed)
    assert any("’" in p for p in article.paragraphs)
    assert any("“" in p for p in article.paragraphs)


# --- trailers -------------------------------------------------------------

@pytest.mark.parametrize(
    "trailer_line",
    [
        "You may also like these stories:",
        "You may also like:",
        "Also read:",
        "ALSO READ:",
        "Related stories:",
        "related stories",
        "  Read more:  ",
    ],
)
def test_trailer_variants_are_cut(trailer_line):
    text = f"{BODY}\n\n{trailer_line}\n\nJunta Bans Motorbikes\n\nKyat Falls Again\n"
    article = parse_article(text)
    assert article.paragraphs == (
        "The junta raised fuel prices on Monday. Traders protested.",
        "Prices rose again.",
    )


def test_trailer_words_inside_a_paragraph_are_kept():
    text = "Readers may also read: the full report is online.\n\nPrices rose."
    assert parse_article(text).paragraphs[0] == "Readers may also read: the full report is online."


# --- normalisation --------------------------------------------------------

def test_crlf_and_bom_parse_like_the_seed():
    original = SEED_000.read_text(encoding="utf-8")
    windows = "\ufeff" + original.replace("\n", "\r\n")
    assert parse_article(windows) == parse_article(original)


def test_bom_crlf_file_on_disk(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbf" + SEED_000.read_bytes().replace(b"\n", b"\r\n"))
    assert read_article_file(path) == read_article_file(SEED_000)


def test_old_mac_line_endings():
    assert parse_article("First line here.\rSecond line here.").paragraphs == (
        "First line here.",
        "Second line here.",
    )


def test_unicode_line_and_paragraph_separators_act_as_newlines():
    text = "Fuel Prices Rise\u2029Prices rose.\u2028Traders left.\u2029Shops shut."
    article = parse_article(text)
    assert article.title == "Fuel Prices Rise"
    assert article.paragraphs == ("Prices rose. Traders left.", "Shops shut.")


def test_text_is_nfc_normalised():
    article = parse_article("Cafe\u0301 owners protested.")
    assert article.paragraphs == ("Caf\u00e9 owners protested.",)


def test_internal_space_runs_collapse_and_lines_are_stripped():
    article = parse_article("  Prices   rose\tsharply  on Monday.   \n  Traders left.  ")
    assert article.paragraphs == ("Prices rose sharply on Monday.", "Traders left.")


def test_hard_wrapped_lines_join_into_one_paragraph():
    text = "Title Here\n\nThe junta raised\nfuel prices.\n\nTraders\nprotested."
    assert parse_article(text).paragraphs == (
        "The junta raised fuel prices.",
        "Traders protested.",
    )


# --- title detection ------------------------------------------------------

def test_title_followed_directly_by_byline():
    article = parse_article("Fuel Prices Rise Again\nBy Jane Doe\nPrices rose.\nTraders left.")
    assert (article.title, article.byline, article.title_derived) == (
        "Fuel Prices Rise Again",
        "Jane Doe",
        False,
    )
    assert article.paragraphs == ("Prices rose.", "Traders left.")


@pytest.mark.parametrize(
    "text",
    [
        # ends with a period: a lead sentence, not a headline
        "Prices rose on Monday.\n\nTraders left.",
        # not followed by a blank line or byline
        "Prices rose on Monday\nTraders left.",
        # too long to be a headline
        " ".join(["word"] * 25) + "\n\nTraders left.",
    ],
)
def test_lines_that_are_not_titles(text):
    article = parse_article(text)
    assert article.title_derived is True
    assert article.paragraphs[0] == text.split("\n")[0]


def test_single_line_is_body_with_derived_title():
    article = parse_article("Prices rose on Monday")
    assert article.paragraphs == ("Prices rose on Monday",)
    assert (article.title, article.title_derived) == ("Prices rose on Monday", True)


def test_derived_title_is_the_first_sentence_without_its_period():
    assert derive_title("Prices rose on Monday. Traders left.") == "Prices rose on Monday"


def test_derived_title_is_cut_at_a_word_boundary():
    lead = "The " + "extraordinarily " * 10 + "long lead sentence ends here."
    title = derive_title(lead)
    assert title.endswith("…")
    assert len(title) <= 80
    assert lead.startswith(title.removesuffix("…"))
    assert title.removesuffix("…").endswith("extraordinarily")


# --- bylines and dates ----------------------------------------------------

@pytest.mark.parametrize(
    ("header", "byline", "source", "date"),
    [
        ("By The Irrawaddy 25 March 2022", "The Irrawaddy", "The Irrawaddy", (2022, 3, 25)),
        ("By Jane Doe | 25 March 2022", "Jane Doe", None, (2022, 3, 25)),
        ("By Jane Doe, March 25, 2022", "Jane Doe", None, (2022, 3, 25)),
        ("By Jane Doe – 25 Mar 2022", "Jane Doe", None, (2022, 3, 25)),
        ("By Jane Doe on Sept. 3, 2021", "Jane Doe", None, (2021, 9, 3)),
        ("By Jane Doe / Reuters 1 Feb 2021", "Jane Doe / Reuters", "Reuters", (2021, 2, 1)),
        ("By Jane Doe\n25 March 2022", "Jane Doe", None, (2022, 3, 25)),
        ("By Jane Doe\n\nMarch 25, 2022", "Jane Doe", None, (2022, 3, 25)),
        ("25 March 2022\nBy Jane Doe", "Jane Doe", None, (2022, 3, 25)),
        ("By Jane Doe", "Jane Doe", None, None),
        ("By Reuters", "Reuters", "Reuters", None),
        ("BY JANE DOE AND JOHN ROE", "JANE DOE AND JOHN ROE", None, None),
        ("25 Mar 2022", None, None, (2022, 3, 25)),
        ("March 25, 2022", None, None, (2022, 3, 25)),
        ("Friday, 25 March 2022", None, None, (2022, 3, 25)),
        ("Published 2022-03-25", None, None, (2022, 3, 25)),
    ],
)
def test_byline_and_date_variants(header, byline, source, date):
    article = parse_article(f"Fuel Prices Rise\n\n{header}\n\n{BODY}")
    assert article.title == "Fuel Prices Rise"
    assert article.byline == byline
    assert article.source == source
    assert article.date == (datetime.date(*date) if date else None)
    assert article.paragraphs[0].startswith("The junta raised fuel prices")


def test_byline_without_title_derives_the_title():
    article = parse_article("By Jane Doe | 25 March 2022\n\nPrices rose on Monday. Traders left.")
    assert (article.byline, article.date) == ("Jane Doe", datetime.date(2022, 3, 25))
    assert (article.title, article.title_derived) == ("Prices rose on Monday", True)


def test_prose_starting_with_by_is_not_a_byline():
    text = "By 2021, the junta had seized power across the country and jailed leaders.\n\nMore."
    article = parse_article(text)
    assert article.byline is None
    assert article.paragraphs[0] == text.split("\n")[0]


def test_invalid_date_is_a_user_error_naming_the_line():
    with pytest.raises(UserError) as error:
        parse_article("Title\n\nBy Jane Doe 31 February 2022\n\nBody.", origin="paste")
    message = assert_one_line_naming(error, "paste")
    assert "line 3" in message and "31 February 2022" in message


# --- errors -----------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n\t\n",
        "\ufeff",
        "You may also like these stories:\nSome Headline",
        "Fuel Prices Rise\n\nBy Jane Doe 25 March 2022\n",
    ],
)
def test_text_without_a_body_is_a_user_error(text):
    with pytest.raises(UserError) as error:
        parse_article(text, origin="clipboard")
    message = assert_one_line_naming(error, "clipboard")
    assert "no article text found in clipboard" in message


def test_empty_file_is_a_user_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(UserError) as error:
        read_article_file(path)
    assert "no article text found in" in assert_one_line_naming(error, str(path))


def test_missing_file_is_a_user_error(tmp_path):
    path = tmp_path / "nope.txt"
    with pytest.raises(UserError) as error:
        read_article_file(path)
    message = assert_one_line_naming(error, str(path))
    assert "does not exist" in message and "check" in message


def test_directory_is_a_user_error(tmp_path):
    with pytest.raises(UserError) as error:
        read_article_file(tmp_path)
    assert "folder" in assert_one_line_naming(error, str(tmp_path))


def test_invalid_utf8_names_the_byte_offset(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 owners protested.".encode("latin-1"))
    with pytest.raises(UserError) as error:
        read_article_file(path)
    message = assert_one_line_naming(error, str(path))
    assert "is not UTF-8 text (invalid byte at offset 3)" in message
    assert "save it as UTF-8 and try again" in message


def test_binary_file_is_a_user_error(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(UserError) as error:
        read_article_file(path)
    assert "binary" in assert_one_line_naming(error, str(path))


def test_utf16_file_is_named_as_such(tmp_path):
    path = tmp_path / "notepad.txt"
    path.write_bytes("Prices rose.".encode("utf-16"))
    with pytest.raises(UserError) as error:
        read_article_file(path)
    assert "UTF-16" in assert_one_line_naming(error, str(path))


def test_parsed_article_is_frozen():
    article = parse_article(BODY)
    assert isinstance(article, ParsedArticle)
    with pytest.raises(AttributeError):
        article.title = "changed"  # type: ignore[misc]


def test_an_endless_device_as_an_article_is_one_error_not_a_memory_blowup():
    """The app layer reads article files itself (seeds, `import`): the size limit holds there too."""
    from workbench.errors import UserError

    with pytest.raises(UserError, match="larger than"):
        read_article_file(Path("/dev/zero"))
