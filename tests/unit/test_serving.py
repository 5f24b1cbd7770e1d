"""workbench.app.serving over a real workspace and the tiny real models: glossary, batching, limits."""

from __future__ import annotations

import threading

import pytest

from workbench.app.serving import DeskService, ServeError, check_api_key, parse_translate_request, served_protection
from workbench.app.serving_limits import ServeLimits


@pytest.fixture
def desk(workspace, installed_models):
    """The desk approved "Australie" (whoever opens a new workspace is its first editor)."""
    workspace.workflow().decide("approve", "australia", "fr", "Australie")
    return workspace


def test_a_clients_placeholders_are_kept_and_the_servers_numbered_after_them(desk):
    protected = served_protection(desk.glossary_index(), "[[0]] and [[1]] were accepted by Australia.", "fr")
    assert protected.text == "[[0]] and [[1]] were accepted by [[2]]."
    assert [slot.rendering for slot in protected.slots] == ["Australie"]
    plain = served_protection(desk.glossary_index(), "Australia agreed.", "fr")
    assert plain.text == "[[0]] agreed."


def test_concurrent_requests_for_a_pair_share_engine_calls(desk):
    service = DeskService(desk, window=2.0)  # a wide window: every request below joins the first batch
    texts = [f"Australia met the council {n} times." for n in range(8)]
    answers: dict[int, list[str]] = {}
    barrier = threading.Barrier(len(texts))

    def ask(n: int) -> None:
        barrier.wait()
        answers[n] = service.batcher.translate([texts[n]], "en", "fr")

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(len(texts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    service.close()
    assert service.batcher.batches < len(texts)
    assert all(len(answers[n]) == 1 and "Australie" in answers[n][0] for n in range(len(texts)))
    # The same text alone gives the same answer: each request got its own text's translation.
    alone = DeskService(desk)
    assert alone.translate_texts([texts[3]], "en", "fr") == answers[3]
    alone.close()


def test_results_are_cached_in_the_desks_mt_cache(desk):
    service = DeskService(desk)
    before = desk.store.mt_count()
    first = service.translate({"q": ["The council met.", "The council met."], "source": "en", "target": "fr"}, True)
    assert desk.store.mt_count() == before + 1  # one distinct text, one row
    assert service.translate({"q": "The council met.", "source": "en", "target": "fr"}, True) == {
        "translatedText": first["translatedText"][0]}
    service.close()


def test_keys_and_limits_follow_libretranslate():
    check_api_key(None, None)  # no keys file: no key needed
    with pytest.raises(ServeError) as missing:
        check_api_key(frozenset({"k"}), "")
    assert missing.value.status == 400
    with pytest.raises(ServeError) as wrong:
        check_api_key(frozenset({"k"}), "x")
    assert wrong.value.status == 403 and wrong.value.message == "Invalid API key"
    limits = ServeLimits(char_limit=10, batch_limit=2)
    assert parse_translate_request({"q": "a\r\nb", "source": "en", "target": "fr"}, False, limits).texts == ["a\nb"]
    for fields, message in [({"q": ["a", "b", "c"]}, "3 texts"), ({"q": "x" * 11}, "11 characters"),
                            ({"q": [1]}, "list of strings"), ({"source": "auto"}, "auto is not supported")]:
        with pytest.raises(ServeError, match=message):
            parse_translate_request({"q": "a", "source": "en", "target": "fr", **fields}, True, limits)


def test_a_servers_odd_language_list_lists_no_targets_rather_than_failing():
    from workbench.mt.libretranslate import _parse_languages

    listed = _parse_languages([{"code": "en", "targets": 5}, {"code": "fr", "targets": "my"},
                               {"code": "my", "name": "Burmese", "targets": ["en", 3, "my"]}], "http://x")
    assert [(row.code, row.targets) for row in listed] == [("en", ()), ("fr", ()), ("my", ("en",))]
