"""Glossary matching benchmark: the workbench matcher against two regex approaches.

    .venv/bin/python bench/glossary.py           # termbases 1k, 10k, 100k; articles 1,000 and 50,000 words
    .venv/bin/python bench/glossary.py --quick   # termbases 1k, 10k; articles 1,000 and 5,000 words

Everything is synthetic and seeded: termbases of 1–4 word phrases (lower case, from a
pseudo-word vocabulary), acronyms (exact case) and names (Capitalised), and articles of
sentences where about one word in ten belongs to a term, some with a plural "s" or a
possessive "’s". Three ways find the terms of each termbase in each article:

(a) workbench: `GlossaryMatcher(entries).find(article)` (Aho-Corasick: one automaton for
    the exact-case terms, one for the rest);
(b) alternation: one compiled regex `\\b(?:t1|t2|...)\\b`, longest term first, IGNORECASE,
    acronyms in `(?-i:...)`, each term followed by its optional plural endings as the
    matcher allows them (`(?:s)?`, `(?:es)?` or `(?:s|es)?`, from `plural_suffixes`);
(c) per term: one compiled regex per term, `\\b(?=(term(?:s)?)\\b)` (a look-ahead, so a
    term's overlapping occurrences are all seen), then the same leftmost-longest choice.

On this plain glossary (no context rules; terms begin and end with letters) the three
implement the same semantics, and their matches are compared as (start, end of the
word including a plural) spans. Which entry wins a tie at the same span may differ
(glossary order vs. alternation order), so entries are not compared.

Each regex way is built once per termbase with ALL its terms, and timed first on the
article's first 1,000 words. When the whole article would then take longer than the
budget, it is not run: its time is that measurement scaled by the article's length
(both regex ways scan the text once per call, so time grows linearly with length);
the output says ESTIMATED, and the equality check covers those first 1,000 words.
The last line printed is one JSON object with every figure and ratio.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from workbench.glossary.matcher import GlossaryMatcher, plural_suffixes  # noqa: E402
from workbench.glossary.model import ABBREVIATION, FULL, Entry, Term  # noqa: E402

TARGET_MATCH_MS = 2.0  # 100k entries, 1,000-word article, per find() call
TARGET_VS_ALTERNATION = 100.0
TARGET_BUILD_S = 1.0
ONSETS = "b d g k l m n p s t v th ch sh z y w h r f".split()
VOWELS = "a e i o u ai au ei oo ia".split()
CODAS = ["", "", "", "n", "ng", "t", "k", "m", "r", "l"]
NAME_SYLLABLES = ("Aung Zin Mar Nay Phone Lat Kyaw Thu Htun Win Myint Soe Hla Tin Maung Min Naing "
                  "Thein Khin Su Yi Moe Zaw Oo Than Ko Myo Chit Hein Ye Wai Lwin Htet Pyae Sandar").split()
COMMON = ("the of and to in a is that for it as was with be by on not he this are or his from at which but "
          "have an they you were their one all we can her has there been if more when will would who so no "
          "said also after other into than its some could them only over new years time two may first "
          "people these any most did because such where out many those very even back while state").split()
CONNECTORS = ["of", "and", "for", "on"]


# -- data ------------------------------------------------------------------------------

def pseudo_words(rnd: random.Random, count: int, avoid: set[str]) -> list[str]:
    words: dict[str, None] = {}
    while len(words) < count:
        syllables = rnd.randint(2, 3)
        word = "".join(rnd.choice(ONSETS) + rnd.choice(VOWELS) + rnd.choice(CODAS) for _ in range(syllables))
        if word not in avoid:
            words[word] = None
    return list(words)


def make_vocabulary(seed: int) -> dict[str, list[str]]:
    rnd = random.Random(seed)
    domain = pseudo_words(rnd, 30_000, set(COMMON))
    general = pseudo_words(rnd, 4_000, set(COMMON) | set(domain))
    return {"domain": domain, "general": general}


def make_term_text(rnd: random.Random, vocab: dict[str, list[str]]) -> tuple[str, str]:
    roll = rnd.random()
    if roll < 0.2:  # acronym: exact case by the "auto" rule
        return "".join(rnd.choice("ABCDEFGHIJKLMNOPRSTUVWYZ") for _ in range(rnd.randint(2, 5))), ABBREVIATION
    if roll < 0.4:  # a name
        return " ".join(rnd.choice(NAME_SYLLABLES) for _ in range(rnd.randint(2, 4))), FULL
    words = [rnd.choice(vocab["domain"]) for _ in range(rnd.choices((1, 2, 3, 4), (2, 4, 3, 1))[0])]
    if len(words) >= 3 and rnd.random() < 0.3:
        words.insert(rnd.randint(1, len(words) - 1), rnd.choice(CONNECTORS))
    return " ".join(words), FULL


def make_termbase(size: int, vocab: dict[str, list[str]], seed: int) -> list[Entry]:
    """`size` entries; a smaller termbase is the start of a larger one (same seed)."""
    rnd = random.Random(seed * 1_000_003)
    seen: set[str] = set()
    entries = []
    while len(entries) < size:
        text, kind = make_term_text(rnd, vocab)
        if text.lower() not in seen:  # no two entries with the same text in any case
            seen.add(text.lower())
            entries.append(Entry(f"t{len(entries)}", (Term(text, kind),)))
    return entries


def term_words(rnd: random.Random, entries: list[Entry], cum_weights: list[float]) -> list[str]:
    text = rnd.choices(entries, cum_weights=cum_weights)[0].terms[0].text
    plurals = plural_suffixes(text, None)
    if plurals and rnd.random() < 0.1:
        text += plurals[0]
    elif rnd.random() < 0.05:
        text += "’s"
    return text.split(" ")


def make_article(words: int, entries: list[Entry], vocab: dict[str, list[str]], seed: int) -> str:
    """Sentences of 8–25 words, paragraphs of 3–6 sentences; ~1 word in 10 from a term.

    Terms are drawn with Zipf-like weights (rank r: 1 / (r + 50)), as a desk uses its
    core terms most: the first 1k entries get ~40% of the term occurrences, 10k ~70%.
    """
    rnd = random.Random(seed * 7919 + words)
    cum_weights = list(itertools.accumulate(1 / (rank + 50) for rank in range(len(entries))))
    paragraphs, sentences, sentence, count = [], [], [], 0
    while count < words:
        if rnd.random() < 0.05:
            chunk = term_words(rnd, entries, cum_weights)
        else:
            pool = rnd.choices((COMMON, vocab["general"], vocab["domain"]), (70, 25, 5))[0]
            chunk = [rnd.choice(pool)]
        sentence += chunk
        count += len(chunk)
        if len(sentence) >= rnd.randint(8, 25):
            sentence[0] = sentence[0][:1].upper() + sentence[0][1:]
            if len(sentence) > 6 and rnd.random() < 0.5:
                sentence[3] += ","
            sentences.append(" ".join(sentence) + ".")
            sentence = []
            if len(sentences) >= rnd.randint(3, 6):
                paragraphs.append(" ".join(sentences))
                sentences = []
    if sentence:
        sentences.append(" ".join(sentence) + ".")
    paragraphs.append(" ".join(sentences))
    return "\n\n".join(p for p in paragraphs if p)


# -- the three ways ----------------------------------------------------------------------

def regex_item(term: Term) -> str:
    """The term, its plural endings as the matcher allows them, exact case if it has it."""
    plurals = plural_suffixes(term.text, None)
    body = re.escape(term.text) + (f"(?:{'|'.join(plurals)})?" if plurals else "")
    return f"(?-i:{body})" if term.case_sensitive else body


def build_alternation(entries: list[Entry]) -> re.Pattern:
    terms = sorted((e.terms[0] for e in entries), key=lambda t: (-len(t.text), t.text))
    return re.compile(r"\b(?:" + "|".join(regex_item(t) for t in terms) + r")\b", re.IGNORECASE)


def find_alternation(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def build_per_term(entries: list[Entry]) -> list[re.Pattern]:
    return [re.compile(r"\b(?=(" + regex_item(e.terms[0]) + r")\b)", re.IGNORECASE) for e in entries]


def find_per_term(patterns: list[re.Pattern], text: str) -> list[tuple[int, int]]:
    candidates = [(m.start(1), -m.end(1)) for p in patterns for m in p.finditer(text)]
    candidates.sort()
    chosen, last = [], 0
    for start, neg_end in candidates:
        if start >= last:
            chosen.append((start, -neg_end))
            last = -neg_end
    return chosen


def workbench_spans(matcher: GlossaryMatcher, text: str) -> list[tuple[int, int]]:
    return [(m.start, m.word_end) for m in matcher.find(text)]


# -- timing ------------------------------------------------------------------------------

def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def time_calls(fn, *args, budget: float = 1.0, max_runs: int = 300) -> tuple[float, float, object]:
    """Best and median seconds per call, repeating while within the budget (once at least)."""
    times, result, began = [], None, time.perf_counter()
    while not times or (time.perf_counter() - began < budget and len(times) < max_runs):
        result, seconds = timed(fn, *args)
        times.append(seconds)
    return min(times), statistics.median(times), result


def leading_words(text: str, words: int) -> str:
    """The article up to the end of the sentence holding its `words`-th word."""
    cut = 0
    for _ in range(words):
        cut = text.find(" ", cut + 1)
        if cut < 0:
            return text
    end = text.find(".", cut)
    return text if end < 0 else text[: end + 1]


FINDERS = {"alternation": find_alternation, "per_term": find_per_term}
BUILDERS = {"alternation": build_alternation, "per_term": build_per_term}


def time_regex(way: str, compiled, text: str, matcher: GlossaryMatcher, budget_s: float) -> dict:
    """Time a regex way on the whole article, or on its first 1,000 words scaled up by
    length when the whole would be over the budget (both ways are linear in length)."""
    find = FINDERS[way]
    probe = leading_words(text, 1_000)
    best, _, spans = time_calls(find, compiled, probe, budget=min(1.0, budget_s / 10), max_runs=20)
    estimate = best * len(text) / len(probe)
    estimated = probe is not text and estimate > budget_s
    if probe is not text and not estimated:
        best, _, spans = time_calls(find, compiled, text, budget=min(1.0, budget_s / 10), max_runs=20)
        probe = text
    same = spans == workbench_spans(matcher, probe)
    return {"match_ms": (estimate if estimated else best) * 1e3, "estimated": estimated,
            "timed_on_words": len(probe.split()), "same_matches": same}


def bench_termbase(size: int, entries: list[Entry], articles: dict[str, str], budget_s: float) -> list[dict]:
    matcher, build_times = None, []
    for _ in range(3):
        matcher = None  # free the last one first: time a build, not the growth of memory
        matcher, seconds = timed(GlossaryMatcher, entries)
        build_times.append(seconds)
    build_s = min(build_times)
    regexes = {way: timed(build, entries) for way, build in BUILDERS.items()}
    print(f"{size:>7,} entries: build workbench {build_s:.3f} s (best of 3), alternation "
          f"{regexes['alternation'][1]:.2f} s, per term {regexes['per_term'][1]:.2f} s", flush=True)
    cells = []
    for name, text in articles.items():
        best, median, matches = time_calls(matcher.find, text)
        wb = {"build_s": build_s, "match_ms": best * 1e3, "match_median_ms": median * 1e3}
        cell = {"entries": size, "article": name, "article_words": len(text.split()), "matches": len(matches),
                "workbench": wb}
        print(f"{'':>9}{name:>13}: workbench find {wb['match_ms']:.3f} ms (median {wb['match_median_ms']:.3f}), "
              f"{len(matches)} matches", flush=True)
        for way, (compiled, way_build_s) in regexes.items():
            timing = time_regex(way, compiled, text, matcher, budget_s)
            ratio = timing["match_ms"] / wb["match_ms"]
            cell[way] = {"build_s": way_build_s, **timing, "match_ratio": ratio,
                         "build_ratio": way_build_s / build_s}
            how = (f"ESTIMATED from the first {timing['timed_on_words']:,} words, scaled by length"
                   if timing["estimated"] else "measured")
            print(f"{'':>24}{way:>12}: find {timing['match_ms']:,.1f} ms ({how}); workbench {ratio:,.0f}x faster; "
                  f"same matches: {timing['same_matches']}", flush=True)
        cells.append(cell)
    return cells


def term_share(matcher: GlossaryMatcher, article: str) -> float:
    words = sum(len(article[m.start : m.word_end].split()) for m in matcher.find(article))
    return words / len(article.split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k entries; 1,000 and 5,000 words")
    parser.add_argument("--seed", type=int, default=20240325)
    parser.add_argument("--budget", type=float, default=None, help="seconds a regex way may take per cell")
    args = parser.parse_args(argv)
    sizes = (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000)
    lengths = (1_000, 5_000) if args.quick else (1_000, 50_000)
    budget = args.budget if args.budget is not None else (3.0 if args.quick else 60.0)
    print(f"glossary matching benchmark: termbases {sizes}, articles {lengths} words, seed {args.seed}, "
          f"regex budget {budget:.0f} s per way and cell; Python {sys.version.split()[0]}")
    vocab = make_vocabulary(args.seed)
    largest_termbase = make_termbase(sizes[-1], vocab, args.seed)
    termbases = {size: largest_termbase[:size] for size in sizes}
    articles = {f"{n:,} words": make_article(n, termbases[sizes[-1]], vocab, args.seed) for n in lengths}
    for name, text in articles.items():
        shares = ", ".join(f"{term_share(GlossaryMatcher(termbases[n]), text):.1%} ({n:,})" for n in sizes)
        print(f"article {name}: {len(text):,} characters; share of words in matched terms by termbase: {shares}")
    cells = [cell for size in sizes for cell in bench_termbase(size, termbases[size], articles, budget)]
    summary = summarise(cells, sizes[-1], next(iter(articles)))
    print("targets (largest termbase, shortest article): " + ", ".join(f"{k}={v}" for k, v in summary.items()))
    print(json.dumps({"quick": args.quick, "seed": args.seed, "cells": cells, "targets": summary}))
    return 0 if all(c[w]["same_matches"] for c in cells for w in ("alternation", "per_term")) else 1


def summarise(cells: list[dict], size: int, article: str) -> dict:
    cell = next(c for c in cells if c["entries"] == size and c["article"] == article)
    wb = cell["workbench"]
    ratio = cell["alternation"]["match_ratio"]
    return {
        "entries": size, "article": article,
        "match_ms": round(wb["match_ms"], 4), "build_s": round(wb["build_s"], 3),
        "vs_alternation": round(ratio, 1), "alternation_estimated": cell["alternation"]["estimated"],
        "match_ms_met": wb["match_ms"] <= TARGET_MATCH_MS, "build_met": wb["build_s"] <= TARGET_BUILD_S,
        "vs_alternation_met": ratio >= TARGET_VS_ALTERNATION,
    }


if __name__ == "__main__":
    sys.exit(main())
