"""Sentence segmentation: the exact segments of both seed articles, each rule, stable ids."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from workbench.articles.parsing import parse_article
from workbench.articles.segmentation import (
    Segment,
    renamed_repeats,
    segment_id_for,
    segment_paragraphs,
    split_sentences,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed_segments(name: str) -> list[Segment]:
    article = parse_article((SEEDS / name).read_text(encoding="utf-8"), origin=name)
    return segment_paragraphs(article.paragraphs)


# (paragraph index, sentence) for every segment of seed 000, in order. Boundaries
# inside quotations split at ". " + capital; ',” she said.' stays attached.
SEED_000_SEGMENTS = [
    (
        0,
        'Myanmar’s parallel civilian National Unity Government’s (NUG) foreign ministry '
        'has been lobbying the international community to offer asylum to military '
        'defectors as a means to boost the revolution.'
    ),
    (
        1,
        'Daw Zin Mar Aung, the NUG’s foreign minister, told The Irrawaddy that other '
        'countries, especially European nations, are asked in every meeting to accept '
        'personnel who abandon the junta.'
    ),
    (
        2,
        '“We asked them, if you can’t assist us with arms, please accept defectors '
        'because it’s also supporting the revolution in another way.'
    ),
    (2, 'Luckily this was accepted by Australia.'),
    (
        2,
        'And there are also some countries which are welcoming defectors, but not '
        'publicly,” she said.'
    ),
    (3, 'Australia began granting protection to defectors seeking asylum in January.'),
    (
        3,
        'Groups assisting defectors told The Irrawaddy that the move has elicited '
        'interest, including from senior officers and others who oppose the regime.'
    ),
    (
        4,
        'Nyi Thuta, a former army captain who quit after last year’s coup to join the '
        'resistance movement, said there have been many enquires about defecting, '
        'especially after the NUG declared war on the junta last September.'
    ),
    (
        4,
        'But no significant number of defections followed due to a lack of guarantees '
        'for their wellbeing.'
    ),
    (
        5,
        '“Third-country acceptance offers a way out for reform-minded people in the '
        'armed forces who want to join the civil disobedience movement against the '
        'regime and could increase defections,” he said.'
    ),
    (
        6,
        'The ex-captain added: “Increased defections would boost the revolution’s '
        'chances of success by up to 70 percent.”'
    ),
    (
        7,
        'Since the coup in February last year, Myanmar’s military has been struggling '
        'with an unprecedented and rising number of striking personnel, due to public '
        'hatred of the junta amid brutal crackdowns on protesters and growing armed '
        'resistance and guerrilla warfare.'
    ),
    (8, 'According to the NUG, there have been nearly 3,000 defectors.'),
    (8, 'The most senior officers have been battalion commanders.'),
    (
        9,
        'Daw Zin Mar Aung said the NUG was unable to offer monetary incentives to '
        'defectors due to its limited budget.'
    ),
    (
        9,
        'But the opportunity to move abroad could persuade many more personnel to '
        'abandon their posts, she said.'
    ),
    (
        10,
        'The minister said she fears Russia’s invasion of Ukraine and a surge of '
        'refugees could lead some countries to turn away asylum seekers from Myanmar.'
    ),
    (
        11,
        '“My message to possible defectors is countries have their limits for annual '
        'refugee acceptance.'
    ),
    (
        11,
        'So the earlier you leave, the earlier you will be accepted,” the foreign '
        'minister added.'
    ),
    (
        12,
        'Daw Zin Mar Aung said working on the defection program is an NUG priority and '
        'could lead to a turning point for the revolution.'
    ),
    (
        13,
        'The NUG has formed a committee to work on a defectors program and is working '
        'with ethnic armed organizations, which also accept defectors.'
    ),
    (
        13,
        'On March 19, the NUG held a congratulatory event to embrace military and '
        'police defectors who have defied the junta.'
    ),
    (
        14,
        'Daw Zin Mar Aung said the defection program and other NUG policies could be '
        'funded by around US$1 billion in assets that have been frozen in the US along '
        'with humanitarian assistance and other investment.'
    ),
    (
        15,
        'The NUG has been trying to recover Myanmar’s foreign reserves frozen by the US '
        'after the military takeover.'
    ),
    (
        16,
        '“If we could access those funds, we could boost the revolution, through '
        'policies like the defection program,” Daw Zin Mar Aung said.'
    ),
]

# Seed 004 has one paragraph per line. Note "government‘s" in paragraph 2 really
# uses U+2018 (a left quote) in the source; it is kept as typed.
SEED_004_SEGMENTS = [
    (
        0,
        'Over two dozen enquiries about defecting from the Myanmar military were made '
        'within a week of Myanmar’s shadow government offering huge cash incentives to '
        'the regime’s troops to defect with a military plane, navy vessel, tank or '
        'armored personnel carrier.'
    ),
    (
        1,
        'The civilian National Unity Government (NUG) said that between 20 to 30 '
        'enquiries were made to People’s Embrace, a Facebook page set up to help the '
        'junta’s soldiers and police to defect.'
    ),
    (
        1,
        'However, the NUG didn’t specify whether the enquiries came from pilots, '
        'sailors or army personnel.'
    ),
    (2, '“That’s the number [of people] who have just contacted People’s Embrace.'),
    (
        2,
        'There are also others who have directly contacted some NUG ministers and '
        'others close to the NUG,” said U Nay Phone Lat, a member of the shadow '
        'government‘s media team, on Saturday during a press conference held on the '
        'first anniversary of the NUG’s formation.'
    ),
    (
        3,
        'When asked if the NUG has prepared airfields for pilots fleeing with planes, '
        'he said the NUG could not reveal that sort of information.'
    ),
    (
        4,
        'People’s Embrace declined to confirm whether those who contacted them were '
        'pilots or other personnel due to possible repercussions for those planning to '
        'defect.'
    ),
    (5, '“We are thoroughly reviewing the requests to see if they are genuine or not.'),
    (5, 'It’s likely that there will be some defections soon,” he added.'),
    (
        6,
        'On April 7, in an unprecedented move to encourage more defections as well as '
        'to protect civilians from junta airstrikes, the NUG offered huge cash '
        'incentives of up to half a million United States dollars to military regime '
        'pilots and sailors who have been fighting their compatriots since last year’s '
        'coup.'
    ),
    (
        7,
        'The NUG said it will pay US$500,000 to airmen or sailors who defect from their '
        'units with a military airplane or navy vessel.'
    ),
    (
        8,
        'A US$300,000 per vehicle reward will go to anyone who causes serious damage to '
        'a parked jet fighter, military helicopter, logistics plane or warship, or to '
        'anyone who is able to destroy one while it is being used in a military '
        'mission.'
    ),
    (
        9,
        'Among the other incentives is a US$100,000 reward for anyone who can sabotage '
        'a jet fuel storage tank, blow up a regime armor or weapons factory, or defect '
        'with a tank or armored personnel carrier.'
    ),
    (
        10,
        'The Myanmar military has responded to popular resistance against its rule with '
        'airstrikes and artillery and tank attacks in many part of the country.'
    ),
    (
        10,
        'Since its coup against the ruling National League for Democracy (NLD) '
        'government in February 2021, the junta has faced ever-growing resistance '
        'across the country.'
    ),
    (
        11,
        'Elected lawmakers from the NLD and their ethnic allies set up the NUG in April '
        '2021 to challenge the military regime’s legitimacy.'
    ),
    (
        11,
        'Many Myanmar people regard the NUG as their legitimate government and many '
        'Western countries have shown support for it, although they have stopped short '
        'of offering official recognition.'
    ),
    (
        12,
        'The NUG’s monetary offer comes at a time when the regime is struggling with a '
        'growing number of defectors, as soldiers face popular hatred for their brutal '
        'suppression of the anti-regime movement.'
    ),
    (
        13,
        'Nearly 3,000 soldiers have defected from the Myanmar military since the coup '
        'including some battalion commanders, the highest rank among those to defect so '
        'far.'
    ),
    (
        13,
        'Making matter worse for the military, Australia has agreed to accept army '
        'defectors.'
    ),
    (
        14,
        'Since last year, the NUG has been trying to build trust with Myanmar’s ethnic '
        'armed organizations (EAOs) to fight together against the junta.'
    ),
    (
        14,
        'Established EAOs such as the Kachin Independence Army and the Karen National '
        'Liberation Army have openly engaged with the NUG by fighting alongside the '
        'NUG’s armed wing, the People’s Defense Forces (PDFs), against junta troops.'
    ),
    (14, 'Other EAOs support the NUG unofficially, said the NUG’s media team.'),
    (
        15,
        'During Saturday’s press conference, the NUG, which is largely reliant on '
        'donations from the public, said that they have spent more than half their '
        'funding on the PDFs and have been able to arm them to some extent, “but they '
        'are still in need.”'
    ),
]


def test_seed_000_segments_exactly():
    segments = seed_segments("000_33987ea7448e5f2a.txt")
    assert [(s.paragraph_index, s.text) for s in segments] == SEED_000_SEGMENTS
    assert len(segments) == 25


def test_seed_004_segments_exactly():
    segments = seed_segments("004_8f0f25ff7879d2b4.txt")
    assert [(s.paragraph_index, s.text) for s in segments] == SEED_004_SEGMENTS
    assert len(segments) == 24


@pytest.mark.parametrize("name", ["000_33987ea7448e5f2a.txt", "004_8f0f25ff7879d2b4.txt"])
def test_seed_segment_ids_are_unique_and_positions_count_up(name):
    segments = seed_segments(name)
    assert len({s.segment_id for s in segments}) == len(segments)
    for previous, current in zip(segments, segments[1:], strict=False):
        if current.paragraph_index == previous.paragraph_index:
            assert current.index_in_paragraph == previous.index_in_paragraph + 1
        else:
            assert current.paragraph_index == previous.paragraph_index + 1
            assert current.index_in_paragraph == 0


# --- one rule at a time -----------------------------------------------------

def test_plain_sentences_split_after_period_question_and_exclamation():
    assert split_sentences("It rained. Did it? Yes! 3,000 fled. “We left.”") == [
        "It rained.",
        "Did it?",
        "Yes!",
        "3,000 fled.",
        "“We left.”",
    ]


def test_lowercase_after_period_is_not_a_boundary():
    assert split_sentences("He left at 5. then he came back.") == [
        "He left at 5. then he came back."
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Mr. Smith met Dr. Khin and Mrs. Aye and Ms. Su.",
        "Gen. Min Aung Hlaing spoke.",
        "Senior Gen. Min Aung Hlaing and Lt-Gen. Soe Win spoke.",
        "Lt. Col. Aung met Capt. Kyaw and Maj. Tun.",
        "Sgt. Hla was there.",
        "It began on Sept. 11 and ended on Jan. 5.",
        "They met on Feb. 1, Aug. 2, Oct. 3, Nov. 4 and Dec. 5.",
        "Light Infantry Division No. 33 moved in.",
        "He lived on St. Mary Road.",
        "It was Myanmar vs. Thailand in the final.",
        "Some outlets, e.g. Mizzima, reported it.",
        "Two groups, i.e. The Irrawaddy and Mizzima, reported it.",
        "They seized guns, radios, etc. and left.",
    ],
)
def test_known_abbreviations_do_not_end_a_sentence(sentence):
    assert split_sentences(sentence) == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "The U.S. Treasury froze the assets.",
        "The U.K. Foreign Office said so.",
        "The U.N. Security Council met.",
        "The curfew starts at 9 p.m. Myanmar time.",
        "The curfew starts at 9 p.m. on Friday.",
        "It opened at 6 a.m. and closed at noon.",
    ],
)
def test_dotted_acronyms_before_a_non_starter_word_do_not_split(sentence):
    assert split_sentences(sentence) == [sentence]


def test_dotted_acronym_before_a_sentence_starter_splits():
    assert split_sentences("The assets are frozen in the U.S. The NUG wants them.") == [
        "The assets are frozen in the U.S.",
        "The NUG wants them.",
    ]
    assert split_sentences("He flew to the U.K. “It was safe,” he said.") == [
        "He flew to the U.K.",
        "“It was safe,” he said.",
    ]


def test_us_without_dots_in_seed_sentences():
    paragraph = (
        "Funds were frozen in the US along with other assets. "
        "The NUG wants reserves frozen by the US after the military takeover."
    )
    assert split_sentences(paragraph) == [
        "Funds were frozen in the US along with other assets.",
        "The NUG wants reserves frozen by the US after the military takeover.",
    ]


def test_etc_at_sentence_end_before_a_capital_splits():
    assert split_sentences("They took guns, radios, etc. Villagers fled.") == [
        "They took guns, radios, etc.",
        "Villagers fled.",
    ]


def test_no_as_an_ordinary_word_can_end_a_sentence():
    assert split_sentences("The answer was no. The talks ended.") == [
        "The answer was no.",
        "The talks ended.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "J. R. R. Tolkien wrote it.",
        "The novel by J.R.R. Tolkien sold well.",
        "John F. Kennedy spoke.",
        "Author J. A. Smith spoke.",
    ],
)
def test_initials_do_not_end_a_sentence(sentence):
    assert split_sentences(sentence) == [sentence]


@pytest.mark.parametrize(
    "sentence",
    [
        "Inflation rose 3.5 percent.",
        "The kyat fell to 2,100.50 per dollar.",
        "The NUG will pay US$500,000 to pilots.",
        "Assets worth US$1 billion were frozen.",
        "A US$1.5 billion loan was signed.",
    ],
)
def test_decimals_and_money_do_not_split(sentence):
    assert split_sentences(sentence) == [sentence]


def test_money_at_sentence_end_splits():
    assert split_sentences("The reward is US$500,000. Pilots asked.") == [
        "The reward is US$500,000.",
        "Pilots asked.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "U Nay Phone Lat spoke.",
        "Daw Zin Mar Aung said it.",
    ],
)
def test_burmese_honorifics_and_names_stay_whole(sentence):
    assert split_sentences(sentence) == [sentence]


def test_quote_splits_inside_but_keeps_the_attribution_attached():
    paragraph = (
        "“Please accept defectors in another way. Luckily this was accepted by "
        "Australia. And there are others, but not publicly,” she said."
    )
    assert split_sentences(paragraph) == [
        "“Please accept defectors in another way.",
        "Luckily this was accepted by Australia.",
        "And there are others, but not publicly,” she said.",
    ]


def test_closing_quote_stays_with_its_sentence():
    paragraph = "He added: “It would boost success by up to 70 percent.” Others agreed."
    assert split_sentences(paragraph) == [
        "He added: “It would boost success by up to 70 percent.”",
        "Others agreed.",
    ]


def test_question_in_quote_followed_by_lowercase_attribution_stays_whole():
    assert split_sentences("“Why now?” she asked. He shrugged.") == [
        "“Why now?” she asked.",
        "He shrugged.",
    ]


def test_straight_quotes_and_brackets_close_and_open_sentences():
    assert split_sentences('He said "go." (Nobody went.) Then "Stay." It ended.') == [
        'He said "go."',
        "(Nobody went.)",
        'Then "Stay."',
        "It ended.",
    ]


def test_whitespace_is_normalised_and_segments_are_stripped():
    assert split_sentences("  One  sentence\nhere.\t Two\u00a0here.  ") == [
        "One sentence here.",
        "Two here.",
    ]


def test_empty_paragraph_has_no_sentences():
    assert split_sentences("   ") == []


# --- segment ids ------------------------------------------------------------

def test_segment_id_is_first_16_hex_of_sha1_of_nfc_text():
    sentence = "Caf\u00e9 opened."
    expected = hashlib.sha1(sentence.encode("utf-8")).hexdigest()[:16]
    assert segment_id_for(sentence) == expected
    assert segment_id_for("Cafe\u0301 opened.") == expected  # decomposed form, same id


def test_segment_positions_and_text():
    segments = segment_paragraphs(["One. Two.", "Three."])
    assert [(s.paragraph_index, s.index_in_paragraph, s.text) for s in segments] == [
        (0, 0, "One."),
        (0, 1, "Two."),
        (1, 0, "Three."),
    ]


def test_repeated_sentences_are_numbered_from_the_last_copy():
    segments = segment_paragraphs(["He said no. Talks ended.", "He said no."])
    first, _, last = segments
    assert last.segment_id == segment_id_for("He said no.")
    assert first.segment_id == f"{last.segment_id}+1"
    assert len({s.segment_id for s in segments}) == 3


def _ids_of(paragraphs: list[str], sentence: str) -> list[str]:
    return [s.segment_id for s in segment_paragraphs(paragraphs) if s.text == sentence]


REPEATED = ["He said no. Talks ended.", "Troops moved in.", "He said no. The end."]


def test_editing_the_first_copy_of_a_repeat_keeps_the_second_copys_id():
    second = _ids_of(REPEATED, "He said no.")[1]
    edited = ["He said yes. Talks ended.", *REPEATED[1:]]
    assert _ids_of(edited, "He said no.") == [second]
    removed = ["Talks ended.", *REPEATED[1:]]
    assert _ids_of(removed, "He said no.") == [second]


def test_a_copy_inserted_before_keeps_the_existing_copies_ids():
    before = _ids_of(REPEATED, "He said no.")
    inserted = ["He said no.", *REPEATED]
    assert _ids_of(inserted, "He said no.")[1:] == before
    assert len(set(_ids_of(inserted, "He said no."))) == 3


def test_the_same_article_gets_the_same_ids():
    assert segment_paragraphs(REPEATED) == segment_paragraphs(list(REPEATED))


def test_ids_made_by_the_earlier_rule_are_renamed_to_the_current_ones():
    texts = ["He said no.", "Talks ended.", "He said no.", "He said no."]
    digest = segment_id_for("He said no.")
    legacy = [digest, segment_id_for("Talks ended."), f"{digest}-2", f"{digest}-3"]
    assert renamed_repeats(list(zip(legacy, texts, strict=True))) == {
        digest: f"{digest}+2", f"{digest}-2": f"{digest}+1", f"{digest}-3": digest,
    }
    current = [s.segment_id for s in segment_paragraphs([" ".join(texts)])]
    assert renamed_repeats(list(zip(current, texts, strict=True))) == {}


def test_editing_one_sentence_keeps_the_other_ids():
    original = seed_segments("000_33987ea7448e5f2a.txt")
    article = parse_article(
        (SEEDS / "000_33987ea7448e5f2a.txt").read_text(encoding="utf-8")
    )
    paragraphs = list(article.paragraphs)
    paragraphs[2] = paragraphs[2].replace("Luckily this", "Fortunately this")
    edited = segment_paragraphs(paragraphs)

    assert len(edited) == len(original)
    changed = [
        (before.text, after.text)
        for before, after in zip(original, edited, strict=False)
        if before.segment_id != after.segment_id
    ]
    assert changed == [
        ("Luckily this was accepted by Australia.", "Fortunately this was accepted by Australia.")
    ]


def test_ids_do_not_depend_on_position():
    alone = segment_paragraphs(["Talks ended."])
    later = segment_paragraphs(["A new lead sentence.", "First. Talks ended."])
    assert later[-1].segment_id == alone[0].segment_id
