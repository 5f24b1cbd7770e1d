"""`workbench serve`: the LibreTranslate API over the desk's own models, with its approved glossary.

The HTTP side (workbench/serve) only decodes requests and encodes answers; everything else is
here: API keys, size limits, LibreTranslate's checks and messages (its {"error": …} with 400, 403,
429 or 500), and translation. Texts are translated as `workbench translate` translates a segment:
approved terms protected as ``[[n]]`` placeholders, the engine's raw output cached under the
protected text (the desk's own MT cache, so the server and the desk reuse each other's work),
approved renderings restored and the desk's digit style applied. Concurrent requests for a
language pair share one engine call (workbench.app.serving_batch).
"""

from __future__ import annotations

import hmac
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from workbench.app.serving_batch import PairBatcher, QueueFull
from workbench.app.serving_limits import ServeLimits
from workbench.app.translating import mt_key
from workbench.app.workspace import Workspace
from workbench.errors import UserError
from workbench.files import read_user_file
from workbench.glossary.enforce import Protected, restore
from workbench.glossary.hits import GlossaryIndex
from workbench.lang.digits import localize_digits
from workbench.lang.placeholders import TOLERANT

LANGUAGES_TTL = 5.0  # seconds the language list is reused (a model installed meanwhile shows after it)
NEED_KEY = "Please contact the server operator to get an API key"  # LibreTranslate's words


class ServeError(Exception):
    """A request LibreTranslate would refuse: its HTTP status and {"error": message}."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def load_api_keys(path: Path) -> frozenset[str]:
    """The keys in FILE, one a line (blank lines and # comments skipped); one UserError if unusable."""
    choose = "a UTF-8 text file with one key a line"
    data = read_user_file(path, "the API keys file", choose, max_bytes=1 << 20)  # never /dev/zero to its end
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UserError(f"cannot read the API keys file {path} ({error}); give {choose}") from None
    keys = frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#"))
    if not keys:
        raise UserError(f"the API keys file {path} holds no key; put one key a line in it")
    return keys


def check_api_key(keys: frozenset[str] | None, given: Any) -> None:
    """LibreTranslate's rules when keys are required: none given → 400, a wrong one → 403."""
    if keys is None:
        return
    if not isinstance(given, str) or not given:
        raise ServeError(400, NEED_KEY)
    # Compared in constant time against every key, so timing does not tell how much of a key was right.
    if not any(hmac.compare_digest(given.encode("utf-8"), key.encode("utf-8")) for key in keys):
        raise ServeError(403, "Invalid API key")


@dataclass(frozen=True)
class TranslateRequest:
    texts: list[str]
    batch: bool  # q was a list: the answer is a list too
    source: str
    target: str


def parse_translate_request(fields: Mapping[str, Any], from_json: bool, limits: ServeLimits) -> TranslateRequest:
    """LibreTranslate's checks, in its order, with its messages (clearer where they were unclear)."""
    for name in ("q", "source", "target"):
        if not fields.get(name):
            raise ServeError(400, f"Invalid request: missing {name} parameter")
    q, source, target, text_format = fields["q"], fields["source"], fields["target"], fields.get("format") or "text"
    if not (isinstance(source, str) and isinstance(target, str) and isinstance(text_format, str)):
        raise ServeError(400, "Invalid request: source, target and format must be strings")
    batch = isinstance(q, list)
    items: list[Any] = q if batch else [q]
    if not all(isinstance(text, str) for text in items):
        raise ServeError(400, "Invalid request: q must be a string or a list of strings")
    texts: list[str] = items if from_json else ["\n".join(text.splitlines()) for text in items]  # LF, as LibreTranslate
    if batch and len(texts) > limits.batch_limit:
        raise ServeError(400, f"Invalid request: request ({len(texts)} texts) exceeds the limit of "
                              f"{limits.batch_limit} texts per request")
    chars = sum(len(text) for text in texts)
    if chars > limits.char_limit:
        raise ServeError(400, f"Invalid request: request ({chars} characters) exceeds the limit of "
                              f"{limits.char_limit} characters per request")
    if source == "auto":
        raise ServeError(400, "auto is not supported: this server does not detect languages; give the source language")
    if text_format not in ("text", "html"):
        raise ServeError(400, f"{text_format} format is not supported")
    if text_format == "html":
        raise ServeError(400, "html format is not supported by this server; send format=text")
    return TranslateRequest(list(texts), batch, source, target)


class DeskService:
    """What `workbench serve` answers, over an open workspace with local models."""

    def __init__(self, workspace: Workspace, keys: frozenset[str] | None = None, limits: ServeLimits | None = None,
                 window: float | None = None):
        self.workspace, self.keys, self.limits = workspace, keys, limits or ServeLimits()
        self._cache_lock = threading.Lock()
        self._languages: tuple[float, list[dict[str, Any]]] | None = None
        self.batcher = PairBatcher(self.translate_texts) if window is None else PairBatcher(self.translate_texts, window)

    # -- what the server offers ----------------------------------------------
    def languages(self) -> list[dict[str, Any]]:
        """GET /languages: every language of the installed models, with the targets it reaches."""
        known = self._languages
        if known is None or time.monotonic() - known[0] > LANGUAGES_TTL:
            known = self._languages = (time.monotonic(), self._list_languages())
        return known[1]

    def _list_languages(self) -> list[dict[str, Any]]:
        from workbench.mt.packages import installed_packages

        names: dict[str, str] = {}
        for package in installed_packages(self.workspace.settings.data_dir):
            names.setdefault(package.from_code, package.from_name)
            names.setdefault(package.to_code, package.to_name)
        engine = self.workspace.engine
        return [{"code": code, "name": _english_name(code, names[code]),
                 "targets": [t for t in sorted(names) if t != code and engine.model_for(code, t) is not None]}
                for code in sorted(names)]

    def models(self) -> dict[str, Any]:
        """GET /workbench/models: the model behind each pair, for the workbench client's MT cache key."""
        rows = []
        for language in self.languages():
            for target in language["targets"]:
                model = self.workspace.engine.model_for(language["code"], target)
                if model is not None:
                    rows.append({"source": model.source_lang, "target": model.target_lang, "model_id": model.model_id,
                                 "model_version": model.model_version, "glossary": "approved renderings enforced"})
        return {"models": rows}

    # -- translating -----------------------------------------------------------
    def translate(self, fields: Mapping[str, Any], from_json: bool) -> dict[str, Any]:
        """POST /translate: {"translatedText": text or list}, or a ServeError."""
        check_api_key(self.keys, fields.get("api_key"))
        request = parse_translate_request(fields, from_json, self.limits)
        self._check_pair(request.source, request.target)
        try:
            results = self.batcher.translate(request.texts, request.source, request.target)
        except QueueFull as error:
            raise ServeError(429, f"Slowdown: {error}; try again in a moment") from None
        except UserError as error:
            raise ServeError(500, f"Cannot translate text: {error}") from None
        except Exception as error:  # noqa: BLE001 - LibreTranslate's 500 for any engine failure
            raise ServeError(500, f"Cannot translate text: {type(error).__name__}: {error}") from None
        return {"translatedText": results if request.batch else results[0]}

    def _check_pair(self, source: str, target: str) -> None:
        languages = {language["code"]: language for language in self.languages()}
        for code in (source, target):
            if code not in languages:
                raise ServeError(400, f"{code} is not supported")
        if target not in languages[source]["targets"]:
            raise ServeError(400, f"{languages[target]['name']} ({target}) is not available as a target language "
                                  f"from {languages[source]['name']} ({source})")

    def translate_texts(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        """Glossary-enforced MT for `texts` in one engine call (the batcher's thread calls it)."""
        engine, store = self.workspace.engine, self.workspace.store
        model = engine.model_for(source, target)
        if model is None:
            raise UserError(engine.missing_route_hint(source, target))
        index = self.workspace.glossary_index()  # thread-safe: the workspace builds one index at a time
        protected = [served_protection(index, text, target) for text in texts]
        key = mt_key(model)
        with self._cache_lock:
            raw = store.cached_mt(key, {p.text for p in protected})
        missing = sorted({p.text for p in protected if p.text not in raw and p.text.strip()})
        if missing:
            outputs = engine.translate(missing, source, target)
            new = {text: output or "" for text, output in zip(missing, outputs, strict=True)}
            with self._cache_lock:
                store.save_mt(key, new)
            raw.update(new)
        digits = self.workspace.settings.digits
        return [localize_digits(restore(raw.get(p.text, ""), p, target).text, target, digits) for p in protected]

    def close(self) -> None:
        self.batcher.close()


def served_protection(index: GlossaryIndex, text: str, lang: str) -> Protected:
    """The desk's approved terms protected, numbered after any ``[[n]]`` already in the text.

    A workbench client pointed at this server protects its own glossary first, so its text can
    arrive holding [[0]]; the server's own placeholders then start after the highest number there,
    and restoring them leaves the client's for the client to restore.
    """
    protected = index.protected(text, lang)
    if not protected.collisions or not protected.slots:
        return protected
    offset = 1 + max(int(match.group(1) or match.group(2)) for match in TOLERANT.finditer(text))
    slots = tuple(replace(slot, number=slot.number + offset) for slot in protected.slots)
    pieces, position = [], 0
    for slot in slots:
        pieces += [text[position:slot.hit.start], slot.placeholder]
        position = slot.hit.end
    pieces.append(text[position:])
    return replace(protected, text="".join(pieces), slots=slots, collisions=())


def _english_name(code: str, fallback: str) -> str:
    from workbench.lang.languages import language

    try:
        return language(code).english_name
    except UserError:
        return fallback or code
