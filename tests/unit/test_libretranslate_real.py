"""A real LibreTranslate server (started by the `libretranslate_server` fixtures) translates the seeds.

Plain HTTP, as any LibreTranslate client speaks it: what the workbench's LibreTranslate engine
and `workbench serve` are measured against. The server runs the tests' tiny real Argos packages
(gibberish output, but deterministic) and a tiny real MiniSBD model, and reaches no network.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS
from workbench.articles.parsing import read_article_file
from workbench.articles.segmentation import split_sentences


def _post(url: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(url + "/translate", data=json.dumps(body).encode("utf-8"),
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _translate(server, q, target: str = "fr", **extra) -> Any:
    status, answer = _post(server.url, {"q": q, "source": "en", "target": target, "format": "text", **extra})
    assert status == 200, answer
    return answer["translatedText"]


def _seed_sentences(path: Path) -> list[str]:
    return [sentence for paragraph in read_article_file(path).paragraphs for sentence in split_sentences(paragraph)]


def test_the_server_lists_the_installed_packages_languages(libretranslate_server):
    with urllib.request.urlopen(libretranslate_server.url + "/languages", timeout=30) as response:
        languages = {row["code"]: row for row in json.loads(response.read())}
    assert set(languages) == {"en", "fr", "my"}
    assert {"fr", "my"} <= set(languages["en"]["targets"])
    assert languages["my"]["name"] == "Burmese"


@pytest.mark.parametrize("seed", SEEDS, ids=[path.stem for path in SEEDS])
def test_every_sentence_of_a_seed_article_comes_back_translated_in_order(libretranslate_server, seed):
    sentences = _seed_sentences(seed)
    assert len(sentences) > 10
    translated = _translate(libretranslate_server, sentences)
    assert isinstance(translated, list) and len(translated) == len(sentences)
    assert all(isinstance(text, str) and text.strip() for text in translated)
    assert translated != sentences
    # Deterministic, and each answer belongs to its own sentence, not to its place in the batch.
    assert _translate(libretranslate_server, sentences[::-1]) == translated[::-1]


def test_a_single_string_gets_a_single_string_back(libretranslate_server):
    sentence = _seed_sentences(SEEDS[0])[0]
    translated = _translate(libretranslate_server, sentence)
    assert isinstance(translated, str)
    assert translated == _translate(libretranslate_server, [sentence])[0]


def test_burmese_comes_from_the_en_my_package(libretranslate_server):
    sentence = _seed_sentences(SEEDS[0])[0]
    assert _translate(libretranslate_server, sentence, target="my") != _translate(libretranslate_server, sentence)


def test_a_paragraph_is_split_into_sentences_by_the_packaged_minisbd_model(libretranslate_server):
    """Argos translates sentence by sentence: a paragraph's translation is its sentences' in turn.
    Translated as one, the random model would give another, shorter text (its length follows the
    input's). LibreTranslate then matches the final punctuation to the source's, so compare letters."""
    first, second = _seed_sentences(SEEDS[0])[1:3]
    one, two = _translate(libretranslate_server, [first, second])
    paragraph = _translate(libretranslate_server, f"{first} {second}")
    assert _letters(paragraph) == _letters(one) + _letters(two)


def _letters(text: str) -> str:
    return "".join(character for character in text if character.isalnum())


def test_without_an_api_key_the_server_refuses_and_says_why(libretranslate_server_with_keys):
    status, answer = _post(libretranslate_server_with_keys.url, {"q": ["Hello."], "source": "en", "target": "fr"})
    assert status == 400 and "API key" in answer["error"]


def test_a_wrong_api_key_is_refused(libretranslate_server_with_keys):
    status, answer = _post(libretranslate_server_with_keys.url,
                           {"q": ["Hello."], "source": "en", "target": "fr", "api_key": "not-the-key"})
    assert status == 403 and answer["error"] == "Invalid API key"


def test_the_right_api_key_translates(libretranslate_server_with_keys, libretranslate_server):
    sentence = _seed_sentences(SEEDS[1])[0]
    keyed = _translate(libretranslate_server_with_keys, [sentence], api_key=libretranslate_server_with_keys.api_key)
    assert keyed == _translate(libretranslate_server, [sentence])


def test_the_server_reached_for_no_network(libretranslate_server):
    _translate(libretranslate_server, _seed_sentences(SEEDS[0])[:3], target="my")
    assert not libretranslate_server.network_log.exists() or not libretranslate_server.network_log.read_text()


def test_a_download_attempt_is_caught_not_made(libretranslate_server, model_files):
    """The check above is not vacuous: with one package LibreTranslate fetches the package index at
    start; the guard refuses the lookup before anything is sent, and the start fails saying so."""
    from tests.support.libretranslate_server import find_venv, start_server

    venv = find_venv()
    assert venv is not None
    with pytest.raises(RuntimeError, match="tried to reach the network while starting:\nname lookup"):
        start_server(venv, [model_files["fr"]])
