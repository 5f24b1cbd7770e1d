"""The generated workspace of bench/tui.py: articles, a glossary and a translation memory, in bulk.

Articles are written with the importer's own path (`parse_article` + `importing.save_all`, one
transaction), the glossary with the repository's bulk write (`write_many`, as glossary import
does), the memory as confirmed translations (`save_translations`, one transaction per article,
which keeps the memory's units in step as the editor's saves do).
"""

from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ is not a package

from tm import SYLLABLES, WORD, SentenceMaker

REPO = Path(__file__).resolve().parent.parent
SENTENCES_PER_PARAGRAPH = (2, 4)
AUTHOR = "bench"


@dataclass(frozen=True)
class Built:
    articles: int
    segments: int
    glossary_entries: int
    tm_units: int
    seconds: dict[str, float]


def seed_texts() -> list[str]:
    files = sorted((REPO / "seeds").glob("*.txt"))
    if not files:
        raise SystemExit(f"no seed articles in {REPO / 'seeds'}")
    return [path.read_text(encoding="utf-8") for path in files]


def pseudo_burmese(rnd: random.Random, words: int) -> str:
    return " ".join("".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(1, 3))) for _ in range(words))


def article_text(maker: SentenceMaker, rnd: random.Random, number: int, target_segments: int) -> str:
    """A title, a byline with a date, then paragraphs of generated sentences."""
    title = _sentence(maker).rstrip(".!?").strip()[:90] or f"Report {number}"
    lines = [title, "", f"By {rnd.choice(maker.names)} {rnd.choice(maker.names)} {rnd.randint(1, 28)} March 2022", ""]
    body = 0
    while body < target_segments:
        count = rnd.randint(*SENTENCES_PER_PARAGRAPH)
        sentences = [_sentence(maker) for _ in range(count)]
        lines += [" ".join(sentences), ""]
        body += count
    return "\n".join(lines)


def _sentence(maker: SentenceMaker) -> str:
    text = maker.sentence().strip()
    while "also like" in text.lower() or text.endswith(":"):  # the seeds' "You may also like…" trailer
        text = maker.sentence().strip()
    text = text[0].upper() + text[1:] if text else "Nothing happened"
    return text if text[-1] in ".!?”\"" else text + "."


def write_articles(store, count: int, rnd: random.Random, maker: SentenceMaker) -> int:
    from workbench.app.importing import save_all
    from workbench.articles.parsing import parse_article

    parsed = []
    for number in range(count):
        origin = f"bench-article-{number:05d}.txt"
        parsed.append((parse_article(article_text(maker, rnd, number, 22), origin=origin), origin))
    return sum(result.segment_count for result in save_all(store, parsed))


def glossary_entries(count: int, rnd: random.Random, texts: list[str]) -> list:
    """Terms that occur in the seed sentences (their word pairs) first, then made-up pairs."""
    from workbench.glossary.model import APPROVED, Entry, Rendering, Term

    words = [token.lower() for text in texts for token in WORD.findall(text) if token[0].isalpha()]
    pairs = list(dict.fromkeys(f"{a} {b}" for a, b in zip(words, words[1:], strict=False) if len(a) > 3 and len(b) > 3))
    vocabulary = sorted(set(words))
    seen = set(pairs)
    while len(pairs) < count:
        pair = f"{rnd.choice(vocabulary)} {rnd.choice(vocabulary)}"
        if pair not in seen:
            seen.add(pair)
            pairs.append(pair)
    return [Entry(f"bench-term-{n}", (Term(pair),),
                  (Rendering("my", pseudo_burmese(rnd, 2), APPROVED, source="bench"),))
            for n, pair in enumerate(pairs[:count])]


def write_glossary(workspace, count: int, rnd: random.Random, texts: list[str]) -> int:
    entries = glossary_entries(count, rnd, texts)
    events = [{"action": "import", "reason": "bench/tui.py"}]
    workspace.glossary.write_many([(entry, events, 0) for entry in entries], AUTHOR)
    return len(entries)


def write_memory(store, article_ids: list[int], rnd: random.Random, every: int = 4, per_article: int = 6) -> int:
    """Confirmed translations of the first body segments of every `every`-th article."""
    from workbench.storage.translation_records import TranslationChange

    written = 0
    for article_id in article_ids[::every]:
        body = [row for row in store.segments(article_id) if row.kind == "body"][:per_article]
        changes = [TranslationChange(row.segment_id, pseudo_burmese(rnd, max(2, len(row.text.split()) // 2)),
                                     "translated", 0) for row in body]
        store.save_translations(article_id, "my", changes, AUTHOR)
        written += len(changes)
    return written


def build_workspace(workspace, articles: int, glossary: int, seed: int) -> Built:
    rnd = random.Random(seed)
    texts = seed_texts()
    maker = SentenceMaker(texts, rnd)
    store = workspace.store
    seconds = {}
    started = time.perf_counter()
    write_articles(store, articles, rnd, maker)
    seconds["articles"] = time.perf_counter() - started
    started = time.perf_counter()
    entries = write_glossary(workspace, glossary, rnd, texts)
    seconds["glossary"] = time.perf_counter() - started
    started = time.perf_counter()
    generated = [row.id for row in store.list_articles() if row.origin.startswith("bench-article-")]
    units = write_memory(store, generated, rnd)
    seconds["memory"] = time.perf_counter() - started
    all_rows = store.list_articles()
    segments = sum(row.segment_count for row in all_rows)
    return Built(len(all_rows), segments, entries, units, seconds)
