"""Fixed machine translations stored in the MT cache, so a test shows MT without decoding.

A tiny random-weight int8 model's output depends on the CPU's int8 kernels, so a snapshot
of decoded text differs between machines.  Here the cache is filled through the app's own
``translate_article`` (same cache keys, same glossary placeholders, same digits setting),
but by an engine that writes fixed Burmese sentences instead of decoding.  The engine is the
workspace's real engine class, so ``model_for`` names the installed package exactly as the
app's engine does; with every segment cached, opening the article starts no MT run.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

from workbench.app.translating import translate_article
from workbench.mt.argos import ArgosEngine

# Short Burmese news sentences (Unicode), chosen by a checksum of the engine's input.
SENTENCES = (
    "နိုင်ငံခြားအစိုးရများထံ အကူအညီတောင်းခံခဲ့သည်။",
    "စစ်တပ်မှ ခွဲထွက်လာသူများကို လက်ခံရန် တောင်းဆိုခဲ့သည်။",
    "သတင်းစာရှင်းလင်းပွဲတွင် ပြောကြားခဲ့သည်။",
    "ထိုအကြောင်းကို ဧရာဝတီသို့ ပြောပြခဲ့သည်။",
    "အခြေအနေကို ဆက်လက်စောင့်ကြည့်နေသည်။",
)
PLACEHOLDER = re.compile(r"\[\[\d+\]\]")


def fixed_burmese(text: str) -> str:
    """The same Burmese for the same input on every machine, keeping its ``[[n]]`` placeholders.

    The placeholders go first (Burmese puts subject and object before the verb), so the
    approved renderings are restored into the MT as they would be from a real model.
    """
    sentence = SENTENCES[zlib.crc32(text.encode("utf-8")) % len(SENTENCES)]
    return " ".join([*PLACEHOLDER.findall(text), sentence])


class FixedTextEngine(ArgosEngine):
    """The installed packages' names and versions, fixed text instead of decoding."""

    def translate(self, texts: Sequence[str], source_lang: str, target_lang: str,
                  on_result=None, cancelled=None) -> list[str | None]:
        if self.model_for(source_lang, target_lang) is None:
            raise LookupError(f"no installed model for {source_lang}→{target_lang}")
        outputs: list[str | None] = []
        for position, text in enumerate(texts):
            output = fixed_burmese(text) if text.strip() else ""
            outputs.append(output)
            if on_result is not None:
                on_result(position, output)
        return outputs


def seed_fixed_mt(workspace, target_lang: str = "my") -> int:
    """Store fixed MT for every segment of every article; return how many segments got it."""
    engine = FixedTextEngine(workspace.settings.data_dir)
    index = workspace.glossary_index()  # what the app protects with, so the cache keys match
    stored = 0
    for article in workspace.store.list_articles():
        report = translate_article(workspace.store, engine, article.id, target_lang,
                                   index=index, digits=workspace.settings.digits)
        stored += report.translated + report.from_cache
    return stored
