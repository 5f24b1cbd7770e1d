"""MT through a LibreTranslate server (WORKBENCH_MT_SERVER): the text of every segment goes there.

Speaks LibreTranslate 1.9's API: ``GET /languages`` for the pairs, ``POST /translate`` with ``q``
as a JSON list (one request per batch of segments). A `workbench serve` server also answers
``GET /workbench/models`` with the model behind each pair, which goes into the MT cache key; for
another server the key holds its URL and "libretranslate". The API key is sent, never stored.

Only the configured URL is ever contacted: proxies from the environment are ignored (they would
see the text) and redirects are refused. Glossary terms arrive here already protected as ``[[n]]``
placeholders (workbench.app.translating) and are restored after, exactly as for local models.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from workbench.errors import UserError
from workbench.mt.engine import CancelCheck, ModelInfo, ResultCallback, TranslationEngine
from workbench.mt.http_client import ServerAnswer, ServerConnection

ENGINE_ID = "libretranslate"
UNKNOWN_MODEL = "libretranslate"  # a server that does not say which model it runs
MODELS_PATH = "/workbench/models"  # only `workbench serve` answers it
# One request carries at most this many texts and characters (LibreTranslate servers often set
# --char-limit 5000 and a --batch-limit); a longer single segment still goes alone.
MAX_TEXTS = 32
MAX_CHARS = 5000
# After a failed look-up, wait this long before asking the server again (the TUI asks often).
RETRY_LOOKUP_AFTER = 10.0


@dataclass(frozen=True)
class ServerLanguage:
    """One source language of the server, as GET /languages lists it."""

    code: str
    name: str
    targets: tuple[str, ...]


def sends_text_to(model: ModelInfo | None) -> str | None:
    """'text is sent to URL' for a model behind a server (shown next to its MT), else None."""
    if model is None or model.engine != ENGINE_ID:
        return None
    return f"text is sent to the MT server {model.model_id}"


class LibreTranslateEngine(TranslationEngine):
    """Translates through one LibreTranslate server; loads nothing locally."""

    def __init__(self, connection: ServerConnection, api_key: str | None = None):
        self.connection = connection
        self.url = connection.base_url
        self._api_key = api_key or None
        self._lock = threading.Lock()
        self._languages: list[ServerLanguage] | None = None
        self._models: dict[tuple[str, str], tuple[str, str]] = {}
        self._failure: tuple[float, str] | None = None  # (when, the one line) of the last failed look-up

    # -- what the server offers ----------------------------------------------
    def languages(self) -> list[ServerLanguage]:
        """The server's languages (asked once); UserError if it cannot be reached."""
        with self._lock:
            if self._languages is not None:
                return self._languages
            if self._failure is not None and time.monotonic() - self._failure[0] < RETRY_LOOKUP_AFTER:
                raise UserError(self._failure[1])
            try:
                languages = _parse_languages(self.connection.get_json("/languages"), self.url)
            except UserError as error:
                self._failure = (time.monotonic(), str(error))
                raise
            self._models = self._server_models()
            self._languages, self._failure = languages, None
            return languages

    def _server_models(self) -> dict[tuple[str, str], tuple[str, str]]:
        """(source, target) → (model id, version) from a `workbench serve` server; {} from others."""
        try:
            answer = self.connection.get_json(MODELS_PATH, attempts=1, expect_missing=True)
        except UserError:
            return {}
        rows = answer.get("models") if isinstance(answer, dict) else None
        found: dict[tuple[str, str], tuple[str, str]] = {}
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, dict) and all(isinstance(row.get(k), str) for k in ("source", "target", "model_id", "model_version")):
                found[(row["source"], row["target"])] = (row["model_id"], row["model_version"])
        return found

    def model_for(self, source_lang: str, target_lang: str) -> ModelInfo | None:
        """None when the server lacks the pair or cannot be reached (`missing_route_hint` says which)."""
        try:
            languages = self.languages()
        except UserError:
            return None
        if not any(lang.code == source_lang and target_lang in lang.targets for lang in languages):
            return None
        model_id, version = self._models.get((source_lang, target_lang), (UNKNOWN_MODEL, ""))
        # The server's URL is the model id: the same text from two servers is cached twice.
        return ModelInfo(ENGINE_ID, self.url, f"{model_id} {version}".strip(), source_lang, target_lang)

    def missing_route_hint(self, source_lang: str, target_lang: str) -> str:
        try:
            languages = self.languages()
        except UserError as error:
            return str(error)
        pairs = ", ".join(f"{lang.code}→{target}" for lang in languages for target in lang.targets) or "none"
        return (f"the MT server {self.url} does not translate {source_lang}→{target_lang} (it offers: {pairs}); "
                "see `workbench models list`")

    # -- translating -----------------------------------------------------------
    def translate(
        self,
        texts: Sequence[str],
        source_lang: str,
        target_lang: str,
        on_result: ResultCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> list[str | None]:
        """One POST per chunk of texts (`MAX_TEXTS`, `MAX_CHARS`); blank texts never leave."""
        outputs: list[str | None] = [None] * len(texts)
        wanted = []
        for i, text in enumerate(texts):
            if text.strip():
                wanted.append(i)
            else:
                outputs[i] = ""
        for chunk in _chunks(wanted, texts):
            if cancelled is not None and cancelled():
                break
            for position, output in zip(chunk, self._translate_chunk([texts[i] for i in chunk], source_lang, target_lang),
                                        strict=True):
                outputs[position] = output
                if on_result is not None:
                    on_result(position, output)
        return outputs

    def _translate_chunk(self, texts: list[str], source_lang: str, target_lang: str) -> list[str]:
        body: dict[str, Any] = {"q": texts, "source": source_lang, "target": target_lang, "format": "text"}
        if self._api_key:
            body["api_key"] = self._api_key
        answer = self.connection.post_json("/translate", body)
        return _translations(answer, len(texts), self.url, has_key=self._api_key is not None)


def _chunks(wanted: list[int], texts: Sequence[str]) -> list[list[int]]:
    chunks: list[list[int]] = []
    size = 0
    for i in wanted:
        if not chunks or len(chunks[-1]) >= MAX_TEXTS or size + len(texts[i]) > MAX_CHARS:
            chunks.append([])
            size = 0
        chunks[-1].append(i)
        size += len(texts[i])
    return chunks


def _parse_languages(answer: Any, url: str) -> list[ServerLanguage]:
    if not isinstance(answer, list):
        raise UserError(f"{url} did not answer GET /languages as a LibreTranslate server does; "
                        "check WORKBENCH_MT_SERVER (the server's base URL, e.g. http://127.0.0.1:5000)")
    languages = []
    for row in answer:
        if isinstance(row, dict) and isinstance(row.get("code"), str):
            listed = row.get("targets")  # untrusted: anything but a list of codes lists no target
            targets = tuple(t for t in listed if isinstance(t, str) and t != row["code"]) if isinstance(listed, list) else ()
            languages.append(ServerLanguage(row["code"], str(row.get("name") or row["code"]), targets))
    return languages


def _translations(answer: ServerAnswer, count: int, url: str, has_key: bool) -> list[str]:
    """The translatedText list of a 200 answer; one clear UserError for any other."""
    payload = answer.payload
    if answer.status != 200:
        raise UserError(_refusal(answer, url, has_key))
    translated = payload.get("translatedText") if isinstance(payload, dict) else None
    if isinstance(translated, str) and count == 1:
        translated = [translated]
    if not isinstance(translated, list) or len(translated) != count or not all(isinstance(t, str) for t in translated):
        raise UserError(f"the MT server {url} answered {count} text(s) with something other than {count} translation(s); "
                        "check that WORKBENCH_MT_SERVER is a LibreTranslate server")
    return translated


def _refusal(answer: ServerAnswer, url: str, has_key: bool) -> str:
    reason = answer.error or f"HTTP {answer.status}"
    if answer.status == 403:
        key = "the API key in WORKBENCH_MT_API_KEY" if has_key else "the request (no API key given)"
        return f"the MT server {url} refused {key}: {reason}; check WORKBENCH_MT_API_KEY"
    if answer.status == 400 and "api key" in reason.lower():
        return f"the MT server {url} asks for an API key: {reason}; set WORKBENCH_MT_API_KEY"
    if answer.status == 429:
        return f"the MT server {url} is limiting requests: {reason}; try again later or ask its operator for a higher limit"
    if answer.status >= 500:
        return f"the MT server {url} failed to translate: {reason}; nothing was stored, try again or ask its operator"
    return f"the MT server {url} refused the request (HTTP {answer.status}): {reason}"

