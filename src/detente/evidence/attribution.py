"""Attribution relations: who (source) says (cue) what (content), read from a spaCy parse.

This is the syntactic core of statement extraction, evaluated on PolNeAR (``bench/eval_polnear.py``):

1. **Cues.** Every verb (and the phrase "according to") is a candidate. A small logistic-regression
   model (``data/cue_model.json``, trained on PolNeAR *train* by ``bench/train_cue_model.py``)
   scores it from its lemma, its dependents (a clausal complement, a subject, an object), the
   kind of subject and nearby quotation marks. Without the model file a built-in lexicon of
   reporting verbs is used instead.
2. **Sources** are the cue's subject (or the agent of a passive, the object of "according to",
   the noun a "who said ..." clause hangs on, or the subject inherited by "..., adding that").
3. **Contents** are the cue's clausal complement, the quotation next to the cue
   (``"...," she said`` / ``she said: "..."``), an infinitival or nominal complement, or the
   clause an "according to" phrase modifies. Any content touching a quotation is widened to
   the whole quotation (a quotation can run over several sentences).
4. **Quotations left over** in a paragraph after an attributed one continue it
   (``"...," Ryan said. "And ..."``): they become further contents of the same attribution.

Spans are character offsets into ``doc.text`` (end exclusive).

The notion of attribution (source, cue, content, including beliefs and indirect speech) is
PARC's (Pareti, *PARC 3.0*, LREC 2016) as annotated in PolNeAR (Newell, Margolin & Ruths,
*An Attribution Relations Corpus for Political News*, LREC 2018); the span conventions
(e.g. a source includes its apposition and closing comma, a cue its auxiliaries and a
colon) were measured on PolNeAR train.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from detente.evidence.nlp import (NAME_ABBREVIATIONS, CharIndex, Covered, column, doc_text, heads_up_to, sentence_of,
                                  tokens_by_text)
from detente.evidence.quotes import Quote, find_quotes

# Reporting verbs used when no learned cue model is available, and as a feature of the model.
SPEECH_VERBS = frozenset("""
say tell add write explain claim state announce declare argue insist note warn suggest ask
answer reply respond continue post tweet acknowledge admit confirm deny report predict promise
pledge vow urge accuse criticize criticise praise describe recall stress emphasize emphasise
contend maintain assert allege observe remark comment concede estimate testify caution
question complain point reveal indicate mention joke quip cite reiterate repeat lament charge
counter retort shout chant scream speculate propose demand threaten boast brag recommend plead
disclose concur affirm proclaim blast slam attack condemn decry dismiss reject call inform
notify assure advise signal hint conclude find show clarify
""".split())
# PolNeAR counts as attributions many things that are no statement a model can rest on:
# "seems to", "offered veterans", "released an ad". A statement whose cue is not a reporting or
# belief verb and whose content is a mere object or complement needs this cue probability.
MIN_SCORE_OTHER_CUES = 0.8

COGNITION_VERBS = frozenset("""
believe think hope expect want agree feel know fear worry doubt figure consider see reckon
suspect assume guess wonder understand imagine support oppose plan intend seek refuse decline
""".split())
RECIPIENTS = frozenset("""
reporters journalists press media audience crowd supporters interviewer host lawmakers
congress senators members viewers listeners readers correspondents
""".split())

SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
CLAUSE_DEPS = ("ccomp",)
QUOTE_PUNCT = set("“”\"«»„") | {"``", "''"}
PUNCT_BETWEEN = {",", ":", "—", "–", "-", "--", ";"}


@dataclass
class Attribution:
    """One attribution relation. ``contents`` holds one span, or several when a quotation
    continues after the cue (``"A," she said. "B."``)."""

    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    contents: list[tuple[int, int]]
    kind: str  # "direct", "indirect", "mixed"
    cue_token: int | None = None
    source_token: int | None = None
    score: float = 1.0
    recipient: tuple[int, int] | None = None  # "told reporters": reporters
    inside_quote: bool = False  # the cue itself stands inside a quotation (nested attribution)
    via: str = "clause"  # how the content was found: clause, quote, complement, object,
    #                      parenthetical, block, according, colon, dash; "according-relay" for
    #                      an "according to" around someone's own speech (not a statement)
    relayed: "Attribution | None" = None  # for "according-relay": that speech's attribution
    role_turn: bool = False  # a transcript turn labelled by a role ("Spokesperson: ...")

    @property
    def content(self) -> tuple[int, int]:
        return self.contents[0]


# --------------------------------------------------------------------------------------------
# the learned cue model

@lru_cache(maxsize=1)
def load_cue_model() -> dict | None:
    try:
        text = resources.files("detente.evidence").joinpath("data/cue_model.json").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return None
    return json.loads(text)


def _ent_kind(tok) -> str:
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return tok.ent_type_
    if tok.pos_ == "PRON":
        return "PRON"
    if tok.pos_ == "PROPN":
        return "PROPN"
    return "NOUN" if tok.pos_ == "NOUN" else "OTHER"


def cue_features(tok, in_quote: bool, near_quote: bool) -> list[str]:
    """Features of a candidate cue token (shared by training and extraction)."""
    lemma = tok.lemma_.lower()
    deps = {c.dep_ for c in tok.children}
    subj = next((c for c in tok.children if c.dep_ in SUBJ_DEPS), None)
    feats = [
        "bias", "l=" + lemma, "tag=" + tok.tag_, "dep=" + tok.dep_, "l|dep=" + lemma + "|" + tok.dep_,
        "lex=speech" if lemma in SPEECH_VERBS else ("lex=cog" if lemma in COGNITION_VERBS else "lex=none"),
    ]
    for d in ("ccomp", "xcomp", "dobj", "prt", "agent", "dative", "advcl", "parataxis", "neg", "aux", "auxpass"):
        if d in deps:
            feats.append("has=" + d)
            feats.append("l|has=" + lemma + "|" + d)
    if subj is not None:
        k = _ent_kind(subj)
        feats += ["subj=" + k, "l|subj=" + lemma + "|" + k, "subjdep=" + subj.dep_]
        if subj.i > tok.i:
            feats.append("subj_after")
    else:
        feats.append("subj=none")
    mark = next((g.text.lower() for c in tok.children if c.dep_ == "ccomp" for g in c.children if g.dep_ == "mark"), None)
    if mark:
        feats.append("mark=" + mark)
    for c in tok.children:
        if c.dep_ == "prep":
            feats.append("prep=" + c.lower_)
            feats.append("l|prep=" + lemma + "|" + c.lower_)
        if c.dep_ == "dobj" and c.lower_ in RECIPIENTS:
            feats.append("recipient")
    if in_quote:
        feats.append("in_quote")
        feats.append("l|in_quote=" + lemma)
    if near_quote:
        feats.append("near_quote")
        feats.append("l|near_quote=" + lemma)
    head = tok.head
    if head.i != tok.i:
        feats.append("headdep=" + head.dep_)
        if head.lemma_.lower() in SPEECH_VERBS:
            feats.append("head_speech")
    return feats


def _score(feats: list[str], model: dict) -> float:
    w = model["weights"]
    z = sum(w.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


# --------------------------------------------------------------------------------------------
# span helpers (token spans are [start, end) token indices)

def _chars(doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


OPEN_BRACKETS = {"(": ")", "[": "]", "{": "}"}
CLOSE_BRACKETS = {v: k for k, v in OPEN_BRACKETS.items()}


def _strip(doc, start: int, end: int, keep_quotes: bool = True) -> tuple[int, int]:
    """Drop punctuation and spaces at both ends of a token span, but keep quotation marks
    (when ``keep_quotes``) and brackets that close inside the span ("Rep. Gwen Moore (D-Wis.)")."""
    def junk(t, at_end):
        if t.is_space:
            return True
        if t.is_punct or t.text in ("’", "‘"):
            if at_end and t.text in ("%", "‰") and t.i > start and doc[t.i - 1].like_num:
                return False  # "... the opposition 36%, according to X": the figure's sign
            if keep_quotes and t.text in QUOTE_PUNCT:
                return False
            if at_end and t.text in CLOSE_BRACKETS:
                return not any(doc[i].text == CLOSE_BRACKETS[t.text] for i in range(start, t.i))
            if keep_quotes and at_end and t.text == "’":  # closes a single quotation ("‘A Disgrace’")
                return not any(doc[i].text == "‘" for i in range(start, t.i))
            if keep_quotes and not at_end and t.text == "‘":
                return not any(doc[i].text == "’" for i in range(t.i + 1, end))
            return True
        return t.dep_ == "cc" or (t.dep_ == "mark" and t.lower_ in ("as", "because", "while", "if"))
    while start < end and junk(doc[start], False):
        start += 1
    # a dateline opening the text is not part of it: "WASHINGTON ― Donald Trump's ..."
    j = start
    while j < end and j - start < 4 and doc[j].is_upper and doc[j].is_alpha and len(doc[j].text) > 1:
        j += 1
    # (not a name in capitals joined by a hyphen: "RED-Tabara fighters operate ...")
    if j > start and j < end and doc[j].text in ("―", "—", "–", "-", "--") \
            and not (doc[j].text == "-" and not doc[j - 1].whitespace_):
        start = j + 1
        while start < end and junk(doc[start], False):
            start += 1
    elif start < end and doc[start].pos_ == "PROPN":  # "Istanbul, 30 October (AFP) – ..."
        j = _after_dateline(doc, start, end)
        if j > start:
            start = j
            while start < end and junk(doc[start], False):
                start += 1
    while end > start and junk(doc[end - 1], True):
        end -= 1
    return start, end


def _subtree_span(tok, exclude=()) -> tuple[int, int]:
    """Contiguous span of ``tok``'s subtree, cut before any excluded child's subtree that lies at
    an edge."""
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    for c in tok.children:
        if c in exclude or c.i in exclude:
            if c.i > tok.i:
                end = min(end, c.left_edge.i)
            else:
                start = max(start, c.right_edge.i + 1)
    return start, end


POST_MODIFIERS = ("appos", "relcl", "acl", "amod", "prep", "npadvmod", "nummod")


def _source_span(doc, subj) -> tuple[int, int]:
    """The source noun phrase as PolNeAR marks it: the subject's whole subtree (appositions and
    relative clauses included), with the comma that closes a post-modifier ("Quina Jones, 25,
    said"). Tuned on PolNeAR train: 91% of matched sources get the exact gold span."""
    start, end = _strip(doc, subj.left_edge.i, subj.right_edge.i + 1, keep_quotes=False)
    if end < len(doc) and doc[end].text == "," and end - 1 > subj.i \
            and any(c.dep_ in POST_MODIFIERS and c.i > subj.i for c in subj.children):
        end += 1
    return start, end


# --------------------------------------------------------------------------------------------

class QuoteIndex:
    def __init__(self, doc, quotes: list[Quote]):
        self.quotes = quotes
        self.starts = frozenset(q.start for q in quotes)  # (where a quotation opens: a lookup)
        self.tok_quote = [-1] * len(doc)  # index of the quote a token lies in (marks included)
        qi = 0
        for i, idx in enumerate(CharIndex.of(doc).starts):
            while qi < len(quotes) and quotes[qi].end <= idx:
                qi += 1
            if qi < len(quotes) and quotes[qi].start <= idx < quotes[qi].end:
                self.tok_quote[i] = qi
        self.first_tok: dict[int, int] = {}
        self.last_tok: dict[int, int] = {}
        for i, q in enumerate(self.tok_quote):
            if q >= 0:
                self.first_tok.setdefault(q, i)
                self.last_tok[q] = i

    def token_span(self, qi: int) -> tuple[int, int]:
        return self.first_tok[qi], self.last_tok[qi] + 1

    def widen(self, start: int, end: int) -> tuple[int, int]:
        """Widen a token span so that any quotation it touches is included whole."""
        qs = self.tok_quote[start]
        if qs >= 0:
            start = min(start, self.first_tok[qs])
        qe = self.tok_quote[end - 1]
        if qe >= 0:
            end = max(end, self.last_tok[qe] + 1)
        return start, end


def _coordinated_cue(tok) -> bool:
    """A reporting verb the parser hung as a conjunct on the clause another reporting verb
    reports ("noted that 2,300 civilians had been killed, and urged all parties to observe it
    “in deeds”", "said Damascus wanted ..., and described the presence as “...”"): in the same
    tense as the first cue, without a subject or auxiliary of its own ("and would continue
    after lunch" is the reported clause's), and quoting words of its own, it is the speaker's
    second act of speech, not part of what the first one reports."""
    if tok.dep_ != "conj" or tok.pos_ != "VERB" or tok.lemma_.lower() not in SPEECH_VERBS \
            or tok.i < tok.head.i or any(c.dep_ in SUBJ_DEPS + ("aux", "auxpass") for c in tok.children):
        return False
    clause = tok.head
    if not (clause.dep_ == "ccomp" and clause.head.pos_ in ("VERB", "AUX") and clause.head.tag_ == tok.tag_
            and clause.head.lemma_.lower() in SPEECH_VERBS and any(c.dep_ == "nsubj" for c in clause.head.children)):
        return False
    # (or an accusation, "and accused Syrian forces of shelling ...": the speaker's own act of
    # speech, quoted or not; "and urged the army to return to barracks" may go on with the clause)
    # (or a past verb after a reported clause in another tense: "said that the United States
    # “stands with Belize” and urged both sides to ...", "said the ministry would review it and
    # asked residents to ...": no verb of that clause, which would share its tense, but the
    # speaker's second act of speech, one statement per cue)
    return any(t.text in QUOTE_PUNCT for t in tok.doc[tok.i + 1:tok.right_edge.i + 2]) \
        or (tok.lemma_.lower() in _STANCE_CUES and any(c.dep_ == "dobj" for c in tok.children)) \
        or (tok.tag_ == "VBD" and _other_tense(clause)
            and any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in tok.children)
            # (not when the clause's subject is the speaker's pronoun, "said that it “rejects
            # ...” and urged the army to ...": one statement, as the devset has it)
            and not any(c.dep_ in SUBJ_DEPS and c.lower_ in ("it", "he", "she", "they", "we")
                        for c in clause.children))


def _other_tense(verb) -> bool:
    """The clause of ``verb`` is in the present ("stands", "are") or under a modal ("would
    review"): a past verb coordinated with it is none of its own."""
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _MODALS for c in verb.children):
        return True
    return verb.tag_ in ("VBZ", "VBP") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


_MODALS = frozenset("would will could can should might may must shall".split())


_STANCE_CUES = frozenset(("accuse",))


def _other_speaker(tok) -> bool:
    """A reporting verb with a subject of its own in an adverbial clause of a reported clause
    ("said that the deal “opens a new chapter”, while the minister wrote on X that ..."):
    another speaker's statement, not part of what the first one reports ("... and that X had
    told the Iranian side ..." is)."""
    # (also a concession the same speaker adds with a verb of its own after a comma: "said the
    # losses could shave 1.5 points off growth, though she cautioned that it was too early":
    # two verbs, two statements)
    concede = tok.i > 0 and tok.doc[tok.left_edge.i - 1].text == "," and any(
        c.dep_ == "mark" and c.lower_ in ("though", "although") and c.i == tok.left_edge.i for c in tok.children)
    return tok.dep_ == "advcl" and tok.i > tok.head.i and tok.pos_ == "VERB" \
        and any(c.dep_ == "mark" and c.lower_ in ("while", "whereas", "though", "although") for c in tok.children) \
        and tok.lemma_.lower() in SPEECH_VERBS and any(
            c.dep_ == "nsubj" and (c.pos_ in ("PROPN", "NOUN") or (concede and c.lower_ in ("he", "she", "they", "it")))
            for c in tok.children) \
        and any(c.dep_ in ("ccomp", "xcomp") or c.text in QUOTE_PUNCT for c in tok.children)


SUBORDINATE_PREPS = frozenset("after before since until till".split())
_POSS_WORDS = frozenset("our its their his her my your".split())


def _stranded_subject(tok):
    """The subject of a verb that the parser hung on an opening phrase instead: "In a statement
    posted on Telegram, Belarus' State Border Committee put the number at ..." ("Committee" read
    as a conjunct of "Telegram"): the noun phrase between the phrase's comma and the verb, when
    the verb has no subject of its own."""
    if tok.i < 3 or any(c.dep_ in SUBJ_DEPS for c in tok.children) or tok.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    end = tok.i - 1
    if tok.doc[end].text == "," and end > 0:
        end -= 1  # "..., the then commander, Ana Ruiz, told"
    last = tok.doc[end]
    if last.pos_ not in ("PROPN", "NOUN") or last.dep_ not in ("conj", "appos", "pobj", "dobj", "compound") \
            or last.head.i >= last.i or last.head.i == tok.i:
        return None
    k = end
    head = last
    while k > 0 and (tok.doc[k].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "PART") or tok.doc[k].text in ("’", "'", "'s", "’s")
                     # (a word of a person's name the tagger read as a verb: "[Padoh Saw] Taw Nee Htoo")
                     or tok.doc[k].ent_type_ == "PERSON"
                     # ("a reporter for our partner station": a possessive inside the phrase)
                     or (tok.doc[k].dep_ == "poss" and tok.doc[k].lower_ in _POSS_WORDS and k < end)
                     or (tok.doc[k].lower_ in ("in", "of", "at", "for", "to") and k < end
                         and tok.doc[k - 1].pos_ in ("NOUN", "PROPN")
                         and (tok.doc[k + 1].pos_ in ("PROPN", "NOUN", "DET") or tok.doc[k + 1].lower_ in _POSS_WORDS))) \
            and tok.doc[k].text != ",":
        if tok.doc[k].pos_ == "ADP":
            # "Russia's embassy in Oslo called ...": a body and where it is; the speaker is the
            # body (the noun before the preposition), the place its post-modifier
            head = tok.doc[k - 1]
        k -= 1
    if tok.doc[k].text != "," or k + 1 > end:
        return None
    # a name in the phrase, or a person's description opened by an article after an opening
    # phrase of place ("From Velna, a reporter for our partner station tells us ...": the parser
    # hangs the description on the place)
    if not any(t.pos_ == "PROPN" for t in tok.doc[k + 1:end + 1]) and not (
            tok.doc[k + 1].lower_ in ("a", "an") and head.pos_ == "NOUN" and tok.lemma_.lower() in SPEECH_VERBS
            and last.dep_ == "pobj"):
        return None
    # (the comma closes an opening phrase: nothing before it is a verb of the main clause)
    if any(t.dep_ == "ROOT" and t.i != tok.i for t in tok.doc[tok.sent.start:k]):
        return None
    return head


def _inherited_subject(tok):
    """The subject of a verb that has none of its own: "..., adding that", "and continued",
    "wants to say" — climb to the governing verb."""
    if _coordinated_cue(tok):
        return next(c for c in tok.head.head.children if c.dep_ == "nsubj")
    for c in tok.children:
        # "A spokesman, asked about the delay, said ...": the parser hung the subject on the
        # participle of the question put to the speaker
        if c.dep_ == "advcl" and c.i < tok.i and c.lemma_.lower() in ("ask", "question", "press"):
            subj = next((g for g in c.children if g.i < c.i and _asked_subject(g)), None)
            if subj is not None:
                return subj
        # (or read the subject and the participle as a clause the verb reports: "A spokesman for
        # the ministry, asked about the figure, said" with "asked" a ccomp of "said")
        if _asked_aside(c, tok):
            subj = next((g for g in c.children if g.i < c.i - 1 and g.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                return subj
    if tok.dep_ == "advcl" and tok.head.i < tok.i and not any(c.dep_ == "mark" for c in tok.children):
        # "The row escalated after China's consul, Zhao Lei, wrote that ...": a subordinator
        # read as a preposition, its object the subject of the clause it opens (ending right
        # before the verb), not the main clause's subject
        for p in tok.head.children:
            if p.dep_ == "prep" and p.lower_ in SUBORDINATE_PREPS and p.i < tok.i:
                obj = next((g for g in p.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.i < tok.i:
                    k, r = tok.i - 1, obj.right_edge.i
                    while k > obj.i and tok.doc[k].is_punct:
                        k -= 1
                    while r > obj.i and tok.doc[r].is_punct:
                        r -= 1
                    if r == k:
                        return obj
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.i < tok.i and tok.i > 1 and tok.doc[tok.i - 1].text == ",":
        # "..., a number that a Western attaché described as “aspirational”, estimating ...": a
        # participle right after the clause of another reporting verb is that verb's speaker's,
        # not the subject of the main clause the parser hung it on
        k = tok.i - 2
        while k > tok.head.i and tok.doc[k].is_punct:
            k -= 1
        for v in tok.doc[tok.head.i + 1:k + 1]:
            if v.pos_ == "VERB" and v.lemma_.lower() in SPEECH_VERBS and v.dep_ in ("relcl", "ccomp", "conj", "advcl") \
                    and v.right_edge.i >= k and v.right_edge.i < tok.i:
                subj = next((c for c in v.children if c.dep_ == "nsubj" and c.i < v.i and c.pos_ in ("NOUN", "PROPN")), None)
                if subj is not None:
                    return subj
    cur = tok
    for _ in range(4):
        if cur.dep_ == "acomp" and cur.tag_ in ("JJ", "VBN") and cur.head.i != cur.i and cur.head.lemma_ == "be" \
                and any(c.dep_ == "xcomp" and c.i > cur.i for c in cur.children):
            # "The Ministry is pleased to announce that ...", "the union is happy to report":
            # the subject of "be" (not an empty "it": "it is important to note that")
            subj = next((c for c in cur.head.children if c.dep_ in SUBJ_DEPS), None)
            if subj is not None and subj.lower_ not in ("it", "this", "that", "there", "what"):
                return subj
            break
        if cur.dep_ in ("conj", "xcomp", "advcl", "ccomp") and cur.head.i != cur.i:
            cur = cur.head
            subjs = [c for c in cur.children if c.dep_ in SUBJ_DEPS]
            if len(subjs) > 1:  # not a turn label before a colon ("Reuters: A spokesman called ...")
                subjs = [c for c in subjs if not (c.i < cur.i and any(
                    _colon(t) for t in c.doc[c.i + 1:cur.i]))] or subjs
            subj = subjs[0] if subjs else _stranded_subject(cur)
            if subj is not None:
                return subj
            continue
        if cur.dep_ in ("relcl", "acl") and cur.head.i != cur.i:
            return cur.head
        break
    return None


def _finite_verb_on_root_noun(doc, tok) -> bool:
    """Whether ``tok`` is a finite verb after a comma that the parser hung on the noun before it
    as if a reduced relative, leaving that noun as the sentence's root ("Denmark's foreign
    minister, speaking in Copenhagen, called on the officers to ..."): the noun is its subject."""
    head = tok.head
    return tok.dep_ == "acl" and tok.tag_ == "VBD" and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN") \
        and head.i < tok.i and tok.i > 0 and doc[tok.i - 1].text == ","


def _asked_aside(c, tok) -> bool:
    """Whether ``c`` is the question put to the speaker set off by commas before the cue
    ``tok``, which the parser read as a clause the cue reports, with the speaker its subject ("A
    spokesman for the ministry, asked about the figure, said ...")."""
    return c.dep_ == "ccomp" and c.head.i == tok.i and c.i < tok.i and c.lemma_.lower() in ("ask", "question", "press") \
        and c.tag_ in ("VBD", "VBN") and c.i > 0 and tok.doc[c.i - 1].text == "," \
        and any(t.text == "," for t in tok.doc[c.right_edge.i:tok.i]) \
        and any(g.dep_ in ("nsubj", "nsubjpass") and g.i < c.i - 1 for g in c.children)


def _colon(t) -> bool:
    """A colon, alone or glued to a bracket ("):")."""
    return t.text == ":" or (t.is_punct and ":" in t.text and len(t.text) <= 3)


def _passive_agent(tok):
    for c in tok.children:
        if c.dep_ == "agent":
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _name_word_as_verb(doc, t) -> bool:
    """A capitalised word inside a name that the tagger read as a verb ("Its Mother [See] at
    Etchmiadzin said"): the subject of the cue, after another capitalised word of the name, not
    opening the sentence."""
    return t.dep_ == "nsubj" and t.pos_ in ("VERB", "AUX") and t.is_title and not t.is_sent_start \
        and t.i > 0 and doc[t.i - 1].pos_ == "PROPN" and doc[t.i - 1].is_title and doc[t.i - 1].whitespace_ \
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "aux") or (c.dep_ == "nsubj" and c.i != t.i - 1)
                    for c in t.children)


def _relative_pronoun(t) -> bool:
    return t.tag_ in ("WP", "WDT") or t.lower_ in ("who", "that", "which")


def candidates(doc, qix: "QuoteIndex"):
    """Candidate cue tokens: ``(token, is "according to", inside a quotation, near one)``."""
    pos, lowers = column(doc, "pos_"), column(doc, "lower_")
    for tok in (doc[i] for i in range(len(doc)) if pos[i] in ("VERB", "AUX") or lowers[i] == "according"):
        cand = tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass")
        according = tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"
        if not (cand or according):
            continue
        q = qix.tok_quote[tok.i]
        near = any(qix.tok_quote[j] >= 0 and qix.tok_quote[j] != q
                   for j in range(max(0, tok.i - 4), min(len(doc), tok.i + 5)))
        yield tok, according, q >= 0, near


def _statement_before_semicolon(tok) -> bool:
    """Whether ``tok`` is a speech verb with a subject and a clause of its own that the parser
    made the clause of the next speech verb, across a semicolon ("Burundi says A; Rwanda
    denies it")."""
    head = tok.head
    if tok.dep_ != "ccomp" or head.i <= tok.i or tok.lemma_.lower() not in SPEECH_VERBS \
            or head.lemma_.lower() not in SPEECH_VERBS or tok.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    if not any(c.dep_ == "nsubj" for c in tok.children) or not any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children):
        return False
    return any(t.text == ";" and t.head.i == head.i for t in tok.doc[tok.right_edge.i + 1:head.i])


def _after_quotation(doc, tok, qix) -> bool:
    """Whether ``tok`` is a speech verb with a named subject right after a quotation's
    closing mark ('“...,” Halina said', '“...,” said the minister')."""
    if tok.lemma_.lower() not in SPEECH_VERBS or tok.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ not in ("PROPN", "NOUN", "PRON"):
        return False
    first = min(subj.left_edge.i, tok.i)
    if abs(subj.i - tok.i) > 4 or first == 0:
        return False
    j = first - 1
    while j > 0 and doc[j].is_space:
        j -= 1
    return doc[j].text in ("”", "\"", "’”", "''") and qix.tok_quote[j] >= 0 \
        and doc[j - 1].text in (",", "’", "?", "!", "—", "–") if j > 0 else False


def find_attributions(doc, quotes: list[Quote] | None = None, model: dict | None | bool = True,
                      threshold: float | None = None) -> list[Attribution]:
    """All attribution relations in a parsed ``doc``, nested ones included.

    Parameters
    ----------
    doc : a spaCy ``Doc`` with a dependency parse (see :func:`detente.evidence.nlp.load_nlp`).
    quotes : the text's quotations (found with :func:`~detente.evidence.quotes.find_quotes`
        when not given).
    model : the cue model (``True``: the shipped one; ``False``/``None``: the lexicon of
        reporting verbs).
    threshold : cue probability needed (default: the model's, tuned on PolNeAR dev).

    Returns
    -------
    :class:`Attribution` objects sorted by content.

    Example
    -------
    >>> from detente.evidence.nlp import load_nlp
    >>> text = '"We will win," Jane Doe said.'
    >>> [(text[slice(*a.source)], text[slice(*a.cue)], text[slice(*a.content)], a.kind)
    ...  for a in find_attributions(load_nlp()(text))]
    [('Jane Doe', 'said', '"We will win,"', 'direct')]
    """
    if quotes is None:
        quotes = find_quotes(doc_text(doc))
    if model is True:
        model = load_cue_model()
    if threshold is None:
        threshold = model.get("threshold", 0.5) if model else 0.5
    qix = QuoteIndex(doc, quotes)
    results: list[Attribution] = []
    used_quotes: set[int] = set()

    for tok, according, in_quote, near in candidates(doc, qix):
        if according:
            att = _according(doc, tok, qix)
            if att:
                att.inside_quote = in_quote
                results.append(att)
                # a clause that is itself someone's speech ("X told the leaders that ...,
                # according to two people in the room"): the phrase says how the reporter knows
                # (kept, nested, as PolNeAR marks it), X is the speaker of the words (the phrase
                # also vouches for the verb as a cue)
                head = tok.head
                if head.i != tok.i and head.lemma_.lower() in SPEECH_VERBS and head.pos_ in ("VERB", "AUX") \
                        and any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
                    att.via = "according-relay"
                    if not any(a.cue_token == head.i for a in results):
                        # (kept aside: PolNeAR marks no cue the model did not find here)
                        att.relayed = _verbal(doc, head, qix, qix.tok_quote[head.i] >= 0)
                        if att.relayed is not None:
                            att.relayed.inside_quote = in_quote
                            if att.relayed.via not in ("clause", "quote", "parenthetical", "block"):
                                # "According to X, A has asked for a port": a request, no words
                                # of A's reported, the phrase's source tells of it
                                att.via, att.relayed = "according", None
            continue
        if model:
            p = _score(cue_features(tok, in_quote, near), model)
            if p < threshold and not in_quote and _coordinated_cue(tok):
                # a second reporting verb with quoted words, hung on the first one's clause
                # ("said that ..., and called the response “slow and confused”"): a cue whatever
                # the model thinks of its parse
                att = _verbal(doc, tok, qix, in_quote)
                if att is not None and att.source is not None:
                    att.score = p
                    results.append(att)
                continue
            if p < threshold and not in_quote and _after_quotation(doc, tok, qix):
                # '“..., ‘...,’” Halina said.': the speech verb right after a quotation, with its
                # subject, whatever the parser hung it on (a verb inside the quotation)
                att = _verbal(doc, tok, qix, in_quote)
                if att is not None and att.via == "quote" and att.source is not None:
                    att.score = p
                    results.append(att)
                    continue
            if p < threshold and not in_quote and _statement_before_semicolon(tok):
                # "Burundi says A; Rwanda denies it": the first statement, which the parser hung
                # on the second one's verb across the semicolon, is a cue of its own
                att = _verbal(doc, tok, qix, in_quote)
                if att is not None and att.via == "clause" and att.source is not None:
                    att.score = p
                    results.append(att)
                continue
            if p < threshold:
                # a reporting verb that announces a quotation with a colon ("Ignatenko has
                # posted on Telegram: “...”") is a cue whatever the model thinks of its parse
                # (or any verb of a clause about someone named that ends with the colon: "Israel's
                # foreign ministry has weighed in on X: “...”", "X was having none of it: “...”")
                if ((tok.lemma_.lower() not in SPEECH_VERBS and tok.lemma_.lower() not in ("speak", "address"))
                        and not _named_clause_before_colon(doc, tok, qix)) or in_quote:
                    continue
                att = _verbal(doc, tok, qix, in_quote)
                text = doc_text(doc)
                # (or over a block quotation: "X, Name, posted on X:" and a "> " paragraph)
                block = att is not None and att.via == "block" and att.source is not None \
                    and att.content[0] > tok.idx and text[tok.idx:att.content[0]].rstrip(" \n>")[-1:] == ":"
                if not block and (att is None or att.via not in ("quote", "clause") or att.source is None
                                  or att.content[0] <= tok.idx or text[att.content[0]] not in "“\"‘'"
                                  or text[tok.idx:att.content[0]].rstrip(" “\"‘'")[-1:] != ":"):
                    continue
                att.score = p
                results.append(att)
                continue
        else:
            lemma = tok.lemma_.lower()
            if lemma not in SPEECH_VERBS:
                continue
            p = 0.9
        att = _verbal(doc, tok, qix, in_quote)
        if att is None:
            continue
        att.score = p
        att.inside_quote = in_quote
        results.append(att)

    for att in results:
        # "According to a person briefed on the talks, the Israeli side proposed dividing ...":
        # the verb the phrase stands on reports no speech of its own (no content, no cue; or
        # no words, "Ethiopia has asked for a port concession"): the clause is the phrase's
        # source's statement
        if att.via == "according-relay" and att.relayed is not None \
                and att.relayed.via not in ("clause", "quote", "parenthetical", "block"):
            att.relayed = None
            att.via = "according"
        if att.via == "according-relay" and att.relayed is None:
            head = doc[att.cue_token].head.i
            if not any(a.cue_token == head for a in results):
                att.via = "according"
    # (the passes below read only the tokens that can pass their first test: see column())
    pos, deps, tags = column(doc, "pos_"), column(doc, "dep_"), column(doc, "tag_")
    quoted_tok = [q >= 0 for q in qix.tok_quote]
    ins = [doc[i] for i, w in enumerate(column(doc, "lower_")) if w == "in"]
    for tok in ins:  # "Autonomy, in his words, is “a cage”", "in the words of one diplomat"
        if tok.lower_ == "in" and tok.dep_ == "prep" and qix.tok_quote[tok.i] < 0:
            att = _in_words(doc, tok, qix)
            if att is not None:
                results.append(att)
    for tok in (doc[i] for i, w in enumerate(column(doc, "lower_")) if w == "by"):
        # "By her count, A"
        if tok.dep_ == "prep" and qix.tok_quote[tok.i] < 0:
            att = _by_count(doc, tok, qix)
            if att is not None:
                results.append(att)
    taken = {a.cue_token for a in results}
    for tok in (doc[i] for i, d in enumerate(deps) if d in ("relcl", "acl") and not quoted_tok[i]):
        # "..., a number that a diplomat described as “aspirational at best”"
        if tok.i not in taken and qix.tok_quote[tok.i] < 0:
            att = _verdict_on_noun(doc, tok, qix)
            if att is not None:
                results.append(att)
                taken.add(tok.i)
    for tok in (doc[i] for i, d in enumerate(deps) if d == "acl" and tags[i] == "VBG" and not quoted_tok[i]):
        # "... has issued a statement calling the warrant “a dangerous act”"
        if tok.i not in taken and qix.tok_quote[tok.i] < 0:
            att = _verdict_in_statement(doc, tok, qix)
            if att is not None:
                # (the act of issuing the statement, "issued | a statement calling ...", gives way)
                results[:] = [a for a in results if not (a.via == "object" and a.cue_token == tok.head.head.i)]
                results.append(att)
                taken.add(tok.i)
    for tok in (doc[i] for i, p in enumerate(pos) if p == "VERB" and quoted_tok[i]):
        # "The embassy, in a post on X, “strongly condemns” the attack and asks ..."
        if tok.i not in taken:
            att = _quoted_verb(doc, tok, qix, results)
            if att is not None:
                results.append(att)
                taken.add(tok.i)
    _cut_before_verdicts(doc, results)
    taken = {a.cue_token for a in results}
    inside = Covered(c for a in results for c in a.contents)
    for tok in (doc[i] for i, p in enumerate(pos) if p == "VERB" and not quoted_tok[i]):
        # "An auditor's report seen by this newspaper puts the figure at $1.8 billion"
        if tok.i not in taken and qix.tok_quote[tok.i] < 0 and not inside.covers(tok.idx):
            att = _document_puts_at(doc, tok, qix)
            if att is not None:
                results.append(att)
    results += _colon_and_dash(doc, qix, results)
    results += _named_after(doc, qix, results)
    results += _reaction_before(doc, qix, results)
    # Quotations a cue was found for; then quotations that continue them.
    q_starts = [q.start for q in quotes]
    for att in results:
        for s, e in att.contents:
            qi = bisect.bisect_left(q_starts, s)
            while qi < len(quotes) and quotes[qi].start < e:
                if qi in qix.first_tok and quotes[qi].end <= e:
                    used_quotes.add(qi)
                qi += 1
    _continuations(doc, qix, results, used_quotes)
    results.sort(key=lambda a: a.contents[0])
    return results


def _named_clause_before_colon(doc, tok, qix) -> bool:
    """Whether ``tok`` is the main verb of a clause whose subject names someone (a name, a
    body, a role) and which ends with a colon that opens a quotation."""
    if qix.tok_quote[tok.i] >= 0 or not (tok.dep_ == "ROOT" or (
            # (the parser may hang the clause on the quotation's verb)
            tok.dep_ == "ccomp" and tok.head.i > tok.i and qix.tok_quote[tok.head.i] >= 0)):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subj is None:
        # "Rao, asked about that, laughed:": the subject the parser hung on the question's participle
        subj = next((g for c in tok.children if c.dep_ == "advcl" and c.i < tok.i
                     and c.lemma_.lower() in ("ask", "question", "press")
                     for g in c.children if g.i < c.i and _asked_subject(g)), None)
    if subj is None or not (subj.pos_ == "PROPN" or subj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                            or subj.lemma_.lower() in ROLE_NOUNS or subj.lower_ in _BODY_WORDS
                            or _surname_named_before(doc, subj)):
        return False
    colon = next((t for t in doc[tok.i + 1:min(len(doc), tok.i + 12)] if _colon(t) or qix.tok_quote[t.i] >= 0), None)
    return colon is not None and _colon(colon) and colon.i + 1 < len(doc) and qix.tok_quote[colon.i + 1] >= 0 \
        and not any(t.pos_ in ("VERB", "AUX") and t.i != tok.i and t.head.i == tok.i for t in doc[tok.i + 1:colon.i])


def _asked_subject(g) -> bool:
    """The subject of "X, asked about it, said", however the parser labelled it: a subject, or a
    capitalised word alone before the comma (a surname read as an adverb)."""
    return g.dep_ in ("nsubj", "nsubjpass") or (
        g.dep_ in ("advmod", "npadvmod") and g.is_title and g.is_alpha and g.i + 1 < len(g.doc)
        and g.doc[g.i + 1].text == "," and (g.i == 0 or g.is_sent_start or g.doc[g.i - 1].is_punct))


def _surname_named_before(doc, t) -> bool:
    """A capitalised word the tagger took for a common noun that ends a person's name written
    before ("Aditya Rao ... Rao, asked about that, laughed:")."""
    return t.is_title and t.is_alpha and len(t.text) > 2 and t.pos_ in ("NOUN", "ADV", "ADJ", "X") and any(
        u.i > 0 and (u.ent_type_ == "PERSON" or u.pos_ == "PROPN")
        and doc[u.i - 1].pos_ == "PROPN" and doc[u.i - 1].is_title and not (
            u.i + 1 < len(doc) and doc[u.i + 1].pos_ == "PROPN" and doc[u.i + 1].is_title)
        for u in (doc[i] for i in tokens_by_text(doc)[t.text] if i < t.i))


NOT_SPEAKERS = frozenset("""
update note editor editors photo photos source sources related read watch see correction
transcript video audio image images credit caption warning disclaimer q a question questions
questioner reporter audience moderator operator
live breaking exclusive explainer factbox timeline recap
present attendees attending participants panelists panellists absent venue location subject
""".split())  # (a headline's "LIVE: ...", "BREAKING: ...": a kind of story, no speaker; a
#                  transcript's header, "PRESENT: ...", "Venue: ...": who attended, where)
DASHES = {"―", "—", "–", "-", "--"}


def _paragraph_starts(doc) -> list[int]:
    """The index of the first token of every paragraph of ``doc`` (after each line break)."""
    return [0] + [t.i + 1 for t in doc if t.is_space and "\n" in t.text and t.i + 1 < len(doc)]


def _paragraph_tokens(doc, i: int) -> tuple[int, int]:
    s = i
    while s > 0 and not (doc[s - 1].is_space and "\n" in doc[s - 1].text):
        s -= 1
    e = i
    while e < len(doc) and not (doc[e].is_space and "\n" in doc[e].text):
        e += 1
    return s, e


def _name_like(toks) -> bool:
    if not toks or len(toks) > 6:
        return False
    if toks[0].lower_ in NOT_SPEAKERS:
        return False
    words = [t for t in toks if not t.is_punct]
    if not words:
        return False
    if all(t.is_upper and (t.is_alpha or t.text in NAME_ABBREVIATIONS) for t in words):
        return True  # transcripts: "WALLACE:", "COMMODORE STO. TOMAS:"
    return all(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or t.is_title or t.is_punct
               for t in toks) and any(t.pos_ == "PROPN" for t in toks)


_BODY_WORDS = frozenset("""ministry office government delegation council committee commission
presidency embassy mission army command service agency spokesperson spokesman spokeswoman""".split())


def _speaker_label(doc, name):
    """A live blog's label before a quotation that names its speaker with a role or a body:
    "Kyiv's delegation head Rustem Umerov: “...”", "From the Turkish foreign ministry: “...”".
    The label is a noun phrase of at most ten words, without a verb, ending in a person's name
    or a body; a leading "From" is not part of it."""
    toks = [t for t in name if not t.is_space]
    if toks and toks[0].lower_ == "from":
        toks = toks[1:]
    while toks and toks[0].lower_ in ("the", "a", "an"):
        toks = toks[1:]
    while toks and toks[-1].text == ",":
        toks = toks[:-1]
    # "The EU's envoy, Miroslav Lajčák": a role and, set off by a comma, the person's name
    commas = [k for k, t in enumerate(toks) if t.text == ","]
    appositive = len(commas) == 1 and 0 < commas[0] < len(toks) - 1 \
        and all(t.pos_ == "PROPN" or t.ent_type_ == "PERSON" for t in toks[commas[0] + 1:]) \
        and any(t.ent_type_ == "PERSON" for t in toks[commas[0] + 1:])
    if not 1 <= len(toks) <= 10 or any(t.pos_ in ("VERB", "AUX", "PRON", "SCONJ") or t.text == ";"
                                       or (t.text == "," and not appositive) for t in toks):
        return None
    from detente.evidence.entities import ROLE_WORDS
    last = toks[-1]
    k = len(toks) - 1  # (a body and where it is: "The US Embassy in Manila")
    while k > 1 and toks[k].pos_ == "PROPN" and toks[k].is_title:
        k -= 1
    if k < len(toks) - 1 and k > 1 and toks[k].lower_ == "in" and toks[k - 1].lower_ in _BODY_WORDS | {"embassy", "consulate"}:
        last = toks[k - 1]
    titled = last.pos_ == "PROPN" and last.is_title and any(t.lower_ in ROLE_WORDS for t in toks[:-1])
    if not (last.ent_type_ == "PERSON" or titled or last.lower_ in _BODY_WORDS or last.lower_ in ROLE_NOUNS):
        return None
    if toks[0].lower_ in NOT_SPEAKERS:
        return None
    return doc[toks[0].i:toks[-1].i + 1]


_PROCEDURAL_RX = re.compile(
    # ("Let me be clear about what this means.", "Let me say it plainly: ...": emphasis on what
    # follows, the speaker's own words, not the briefing's procedure)
    r"(?:let me(?! (?:be (?:very |absolutely |quite |perfectly )?(?:clear|frank|honest|direct|blunt|precise)|"
    r"say (?:this|it|clearly|plainly|again|very clearly|once again|frankly)|stress|repeat|emphasi[sz]e|"
    r"underline|reiterate|insist)\b)|let's|let us|good (?:morning|afternoon|evening)|thank you|thanks|i will (?:start|begin)|"
    r"i'll (?:start|begin)|questions?,? please|next question)\b", re.I)


# a sentence that only runs the briefing: "The minister will make a short statement, then the
# general, and then we will take your questions.", "That concludes the briefing."
_PROCEDURE_SENT_RX = re.compile(
    r"\b(?:(?:that|this) (?:concludes|ends|brings)\b[^.]{0,40}\b(?:briefing|conference|session|press point|"
    r"to an end)|(?:we will|we'll|i will|i'll) (?:now )?take (?:your |a few |some |two |three |any )?questions|"
    r"(?:will|would) (?:first )?(?:make|give|deliver|read) (?:a |an )?(?:short |brief |opening |few )?"
    r"(?:statement|remarks|opening remarks)\b[^.]{0,80}\b(?:questions|then)\b|the floor is yours|over to you)", re.I)


# a moderator's sentence that runs the briefing: a greeting with no clause of its own ("Good
# morning to our friends from the media.", "Welcome to the colleagues from the press."), the order
# of who speaks ("X will give an overview of ..., then Y, and then we open the floor."), a request
# to the reporters ("Please identify yourselves.", "Kindly state your name and your outlet.")
_GREETING_RX = re.compile(r"(?:good (?:morning|afternoon|evening|day)|welcome|thank you|thanks)\b", re.I)
_RUN_BRIEFING_RX = re.compile(
    r"\b(?:(?:will|would|is going to) (?:first |now |then |briefly )?(?:give|make|deliver|read|present|provide|offer) "
    r"(?:us |you )?(?:a |an |the |his |her |their |some )?(?:short |brief |opening |quick |few )?"
    r"(?:overview|summary|update|briefing|account|presentation|introduction)\b[^.]{0,80}"
    r"\b(?:questions|then|floor)\b|(?:we|we'll|we will|i|i'll|i will) (?:now |then )?open (?:up )?the floor\b|"
    r"\bthe floor is (?:now )?open\b|"
    # (a guest introduced: "Joining us today is Commodore Ana Ruiz of the Navy, who will brief us
    # on ...")
    r"^(?:joining|with) (?:us|me)(?: today| this (?:morning|afternoon|evening)| now| here)? (?:is|are)\b(?:[^.]|\b(?:Sto|Sta|Ma|Jr|Sr|St|Dr|Mr|Mrs|Ms)\.){0,160}"
    r"\bwho (?:will|would|is going to) (?:now )?(?:brief|update|speak to|talk to|walk|give|present)\b)", re.I)
_ASK_REPORTERS_RX = re.compile(
    r"(?:please|kindly|could you|would you|can you|if you could)(?: all| please)?,? (?:identify|introduce|state|give|"
    r"say|keep|limit|wait|raise|use|switch|turn|speak)\b[^.]{0,60}\b(?:yoursel(?:f|ves)|your (?:name|names|"
    r"outlet|outlets|organi[sz]ation|media|questions?|microphones?|hands?|phones?)|one question|the microphone|"
    r"for the microphone)\b", re.I)


def _procedural_sentence(doc, a: int, b: int) -> bool:
    """Whether the sentence ``[a, b)`` of a turn only runs the briefing: thanks or a greeting
    of at most four words, a greeting with no finite verb ("Good morning to our friends from
    the media."), who speaks in which order, a request to the reporters, the briefing's end."""
    said = doc[a:b].text.strip()
    words = [t for t in doc[a:b] if not t.is_punct and not t.is_space]
    if len(words) <= 3 or (_PROCEDURAL_RX.match(said) and len(words) <= 4) or _PROCEDURE_SENT_RX.search(said):
        return True
    if _GREETING_RX.match(said) and len(words) <= 12 \
            and not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in words):
        return True
    return bool(_RUN_BRIEFING_RX.search(said) or _ASK_REPORTERS_RX.match(said) or _TAKE_QUESTIONS_RX.search(said))


def _procedure_only(doc, c0: int, c1: int) -> bool:
    """Whether a turn's words are the briefing's procedure alone: an opening of thanks or
    greeting ("Thank you.", "Good morning.") or of a sentence that runs the briefing ("We will
    now take questions."), and nothing after it but such sentences or sentences of at most three
    words ("Welcome, everyone.", a greeting in another language)."""
    sents = [s for s in doc[c0:c1].sents if any(not t.is_space for t in s)] \
        if doc.has_annotation("SENT_START") else [doc[c0:c1]]
    if not sents:
        return False
    first = doc[max(sents[0].start, c0):c1].text.strip()
    if not _PROCEDURAL_RX.match(first) \
            and not _procedural_sentence(doc, max(sents[0].start, c0), min(sents[0].end, c1)):
        return False
    for k, s in enumerate(sents):
        a, b = max(s.start, c0), min(s.end, c1)
        if not _procedural_sentence(doc, a, b):
            return False
    return True


def _role_label(name) -> bool:
    """A transcript turn labelled by a role, not a name: "Spokesperson:", "Deputy Spokesperson:",
    "The Minister:" (at most four capitalised words ending in a role noun)."""
    from detente.evidence.entities import ROLE_WORDS
    toks = [t for t in name if not t.is_space]
    if toks and toks[0].lower_ == "the":
        toks = toks[1:]
    return 1 <= len(toks) <= 4 and toks[0].lower_ not in NOT_SPEAKERS \
        and all((t.is_title or t.is_upper) and t.is_alpha for t in toks) \
        and toks[-1].lower_ in (ROLE_WORDS | ROLE_NOUNS) and toks[-1].lower_ not in ("state", "national", "foreign")


def _turn_label_at(doc, p_start: int, p_end: int) -> int | None:
    """The colon of a turn label opening the paragraph ``[p_start, p_end)``, if any."""
    for t in doc[p_start:min(p_end, p_start + 8)]:
        if _colon(t):
            # (no label the speaker's own words open with, a verb in them: "Let me be clear:
            # ...", "I want to say this: ...": the turn read on)
            if any(w.lower_ in ("me", "we", "us") or w.text == "I" or (w.is_lower and w.pos_ in ("VERB", "AUX"))
                   for w in doc[p_start:t.i]):
                return None
            return t.i
    # a long office before the name in brackets ("DIRECTOR FOR THE PROTECTION OF CITIZENS
    # (Name):")
    for t in doc[p_start + 8:min(p_end, p_start + _BRACKET_LABEL_MAX)]:
        if _colon(t):
            return t.i if _bracket_label(doc, p_start, t.i) is not None else None
    return None


_BRACKET_LABEL_MAX = 26  # tokens of a label with its office and the name in brackets
_LABEL_FUNCTION_WORDS = frozenset("of for the and on to in at with de del la le du des van von".split())


def _bracket_label(doc, p_start: int, colon: int):
    """A transcript's turn label that gives a role or an office and, in brackets before the
    colon, who holds it or who asks: "SPOKESPERSON (Mira Tondu):", "Director for Consular
    Affairs (Teodor Amsel Halvorsen):", "QUESTION (Johan Brisk, Daily Courier):". Returns
    ``(role tokens, person tokens or None)`` (None: a reporter's or questioner's label, or no
    person's name in the brackets), or None for any other label."""
    while p_start < colon and doc[p_start].is_space:
        p_start += 1
    # (the tokenizer may read the bracket and the colon as one token, "):")
    close = colon if doc[colon].text == "):" else colon - 1
    if close - p_start < 3 or colon - p_start > _BRACKET_LABEL_MAX or doc[close].text not in (")", "):"):
        return None
    op = next((k for k in range(close - 1, max(p_start, close - 10) - 1, -1) if doc[k].text in ("(", ")")), None)
    if op is None or op <= p_start or doc[op].text != "(":
        return None
    role = [t for t in doc[p_start:op] if not t.is_space]
    if not 1 <= len(role) <= 16 or not (role[0].is_upper or role[0].is_title) or not all(
            ((t.is_upper or t.is_title) and t.is_alpha) or t.lower_ in _LABEL_FUNCTION_WORDS
            or t.text in ("-", "&", ".", "'", "’") for t in role):
        return None
    inner = [t for t in doc[op + 1:close] if not t.is_space]
    if role[0].lower_ in NOT_SPEAKERS or role[0].lower_ in ("q", "question", "moderator", "chair", "host"):
        return role, None
    comma = next((k for k, t in enumerate(inner) if t.text == ","), None)
    person = inner[:comma] if comma is not None else inner
    if _person_words(person):
        return role, person
    # the name first and the office in brackets ("Viktor Haldane (Director of Customs):")
    from detente.evidence.entities import ROLE_WORDS
    if _person_words(role) and any(t.lower_ in ROLE_WORDS | ROLE_NOUNS for t in inner) \
            and all(t.is_alpha or t.text in ("-", "&", ",", ".") for t in inner):
        return inner, role
    return role, None


def _person_words(toks) -> bool:
    """Whether tokens are a person's name as a label gives it: two to five capitalised words (a
    hyphen or an apostrophe between them, a particle among them), no role, body, or function word."""
    from detente.evidence.entities import NAME_PARTICLES, ORG_WORDS, ROLE_WORDS
    words = [t for t in toks if t.text not in ("-", "'", "’", ".")]
    return 2 <= len(words) <= 5 and all(
        (t.is_title or (t.is_upper and len(t.text) > 1) or t.lower_ in NAME_PARTICLES) and t.is_alpha
        and t.lower_ not in ROLE_WORDS and t.lower_ not in ROLE_NOUNS and t.lower_ not in ORG_WORDS
        and t.lower_ not in NOT_SPEAKERS for t in words) and (words[0].is_title or words[0].is_upper)


def _turn_on_next_line(doc, p_start: int, colon: int, p_end: int, bracket) -> int:
    """The end of a transcript turn whose label stands on a line of its own ("DEPUTY MINISTER
    ASTRID KOLLVIK:" and the words in the paragraph after it): the end of that next paragraph;
    ``p_end`` for any other colon. The label is in capitals, a role, or a role with the name in
    brackets, and the document has other turn labels; a block quote or a quotation after it
    ("... wrote on X:" then "> ...") is no turn."""
    if any(not t.is_space for t in doc[colon + 1:p_end]) or p_end >= len(doc):
        return p_end
    words = [t for t in doc[p_start:colon] if not t.is_space]
    if not words or words[0].lower_ in NOT_SPEAKERS or not (
            bracket is not None or (all(t.is_upper for t in words if t.is_alpha) and len(words) <= 8)
            or _role_label(doc[p_start:colon])):
        return p_end
    s0 = p_end
    while s0 < len(doc) and doc[s0].is_space:
        s0 += 1
    if s0 >= len(doc) or doc[s0].text in QUOTE_PUNCT or doc[s0].text == ">":
        return p_end
    _, e1 = _paragraph_tokens(doc, s0)
    if _turn_label_at(doc, s0, e1) is not None or not _is_transcript(doc, colon):
        return p_end
    return e1


def _bracket_roles(doc) -> dict:
    """The people a transcript's bracket labels name, by their role's words in lower case
    ("spokesperson" -> the tokens of the name in "SPOKESPERSON (Mira Tondu):"): whom a later
    label of the role alone ("SPOKESPERSON:") stands for. The first label of a role wins."""
    cached = doc.user_data.get("detente_bracket_roles")
    if cached is not None:
        return cached
    out: dict = {}
    if ")" in doc_text(doc):
        starts = _paragraph_starts(doc)
        for s0 in starts:
            if s0 >= len(doc) or doc[s0].is_space:
                continue
            _, e0 = _paragraph_tokens(doc, s0)
            c = _turn_label_at(doc, s0, e0)
            br = _bracket_label(doc, s0, c) if c is not None else None
            if br is not None and br[1] is not None:
                out.setdefault(" ".join(t.lower_ for t in br[0]), br[1])
    doc.user_data["detente_bracket_roles"] = out
    return out


def _label_span_ok(doc, s0: int, colon: int) -> bool:
    """Whether a turn label ``[s0, colon)`` is short enough to be one: six tokens, or a role
    with the name in brackets."""
    return colon - s0 <= 6 or _bracket_label(doc, s0, colon) is not None


def _is_transcript(doc, colon: int) -> bool:
    """Whether another paragraph of the document also opens with a turn label (a transcript,
    not a single line with a colon). (The paragraphs' labels are found once per document.)"""
    labels = doc.user_data.get("detente_turn_label_colons")
    if labels is None:
        starts = _paragraph_starts(doc)
        labels = []
        for s0 in starts:
            _, e0 = _paragraph_tokens(doc, s0)
            c = _turn_label_at(doc, s0, e0)
            if c is not None and _label_span_ok(doc, s0, c):
                labels.append(c)
                if len(labels) > 2:
                    break  # (enough to tell: one label besides any colon asked about)
        doc.user_data["detente_turn_label_colons"] = labels
    return any(c != colon for c in labels)


def _role_turn(doc, qix, colon, name, p_end: int, found, covered, person=None) -> list[Attribution]:
    """A transcript turn labelled by a role ("Spokesperson: ..."): what the speaker says, without
    the briefing's procedure ("Good afternoon.", "Let me just finish ..."), and the paragraphs
    after it that open with no label (the same turn read on), sentence by sentence where no one
    else is reported there, questions and sentences without a verb left out."""
    # (the speaker's own "We expect them to reopen on Friday", "I believe ...": still the turn,
    # not another's report; nor what someone will say, nor an object nobody is named for, "The
    # ambassador was told that clearly")
    # (nor what the speaker's own office found, "our screening found that ...")
    others = [a for a in found if not (a.source_token is not None and doc[a.source_token].lower_ in ("i", "we"))
              and not predicted_speech(doc, a) and not (a.source is None and a.via in ("object", "complement"))
              and not _own_source(doc, a)]
    taken = [c for a in others for c in a.contents] + [a.cue for a in others if a.cue] \
        + [a.source for a in others if a.source]

    def free(c0: int, c1: int) -> bool:
        a0, a1 = _chars(doc, c0, c1)
        return not any(x < a1 and a0 < y for x, y in taken)

    def said(c0: int, c1: int) -> bool:
        words = [t for t in doc[c0:c1] if not t.is_punct and not t.is_space]
        return len(words) >= 4 and any(t.pos_ in ("VERB", "AUX") for t in words) \
            and doc[c0:c1].text.rstrip().rstrip("\"”’'").rstrip()[-1:] != "?" \
            and not _PROCEDURAL_RX.match(doc[c0:c1].text.strip())

    src = _chars(doc, name[0].i, colon.i)
    src_tok = name[-1].i
    if person is not None:  # the person a bracket names ("SPOKESPERSON (Mira Tondu):")
        src, src_tok = _chars(doc, person[0].i, person[-1].i + 1), person[-1].i
    out = []

    def emit(c0: int, c1: int) -> None:
        c0, c1 = _strip(doc, c0, c1)
        if c1 > c0 and free(c0, c1):
            c0, c1 = qix.widen(c0, c1)
            out.append(Attribution(cue=_chars(doc, colon.i, colon.i + 1), source=src,
                                   contents=[_chars(doc, c0, c1)], kind=_kind(doc, qix, c0, c1),
                                   cue_token=colon.i, source_token=src_tok, via="colon",
                                   role_turn=True))

    # the labelled paragraph: one statement from its first sentence that says something
    sents = [s for s in doc[colon.i + 1:p_end].sents if any(not t.is_space for t in s)] \
        if doc.has_annotation("SENT_START") else []
    first = next((s for s in sents if said(max(s.start, colon.i + 1), min(s.end, p_end))), None)
    if first is not None:
        c0 = max(first.start, colon.i + 1)
        if free(*_strip(doc, c0, p_end)):
            emit(c0, p_end)
        else:
            # (someone else reported inside it: the runs of sentences around that report, each
            # one statement)
            run = None
            for sent in (x for x in sents if x.start >= first.start):
                a, b = max(sent.start, c0), min(sent.end, p_end)
                if free(*_strip(doc, a, b)) and said(a, b):
                    run = (run[0] if run else a, b)
                    continue
                if run:
                    emit(*run)
                run = None
            if run:
                emit(*run)
    # the paragraphs after it that open with no label
    for s0, e1, _text in _unlabelled_paragraphs_after(doc, p_end):
        for sent in doc[s0:e1].sents:
            c0, c1 = max(sent.start, s0), min(sent.end, e1)
            if said(c0, c1):
                emit(c0, c1)
    return out


def _own_source(doc, a: Attribution) -> bool:
    """Whether an attribution's source is the speaker's own office or work, a noun phrase
    opened by "our" or "my" ("our screening found", "my ministry has counted")."""
    if a.source_token is None or a.source is None:
        return False
    head = doc[a.source_token]
    return head.pos_ == "NOUN" and head.lemma_.lower() in _OWN_WORK_NOUNS \
        and any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in head.children)


# what an office does to know a number ("our screening found", "my ministry's records show"); no
# people ("our colleagues at OCHA tell us": someone else)
_OWN_WORK_NOUNS = frozenset("""screening survey record records data figure figures count tally analysis
assessment estimate estimates monitoring investigation review study research calculation calculations
tracking audit finding findings information number numbers check checks verification inspection""".split())


def _unlabelled_paragraphs_after(doc, p_end: int):
    """The paragraphs after a transcript turn that ends at token ``p_end``, as
    ``(start, end, stripped text)``, up to the next labelled turn or an all-capitals heading."""
    e = p_end
    while e < len(doc):
        s0 = e
        while s0 < len(doc) and doc[s0].is_space:
            s0 += 1
        if s0 >= len(doc):
            return
        _, e1 = _paragraph_tokens(doc, s0)
        text = doc[s0:e1].text.strip()
        if _turn_label_at(doc, s0, e1) is not None or (text.isupper() and len(text.split()) <= 6):
            return  # the next turn, or a heading
        e = e1
        if text[:1] in "([" and text[-1:] in ")]" and len(text) <= 200:
            continue  # the transcript's own note, "(The press conference ended at 4:21 p.m.)"
        yield s0, e1, text


def _opens_with_cited_source(doc, k: int, c1: int) -> int | None:
    """The end of the sentence at token ``k`` when it opens with another's account, "According
    to the Central Bank, ..." (not the speaker's own work, "According to our estimates, ...",
    nor "according to plan"): the source's statement, none of the speaker's. None otherwise."""
    if k + 3 >= c1 or doc[k].lower_ != "according" or doc[k + 1].lower_ != "to":
        return None
    comma = next((t.i for t in doc[k + 2:min(c1, k + 12)] if t.text == ","), None)
    pobj = next((g for g in doc[k + 1].children if g.dep_ == "pobj"), None)
    if comma is None or pobj is None or pobj.pos_ == "PRON" or (
            pobj.lemma_.lower() in _OWN_WORK_NOUNS and any(c.lower_ in ("our", "my") for c in pobj.children)):
        return None
    return min(sentence_of(doc, k).end, c1)


def _at_cited_sentences(doc, c0: int, c1: int, cited_first: bool = False) -> list[tuple[int, int]]:
    """A transcript turn's words ``[c0, c1)`` without the procedure they open with, cut before
    each sentence after the first that opens with the source it cites ("The figure is wrong. | According to the Ministry of Education, 71
    schools ..."): the speaker relays another's account there, a statement of its own (the turn
    reads on in it to the next cut)."""
    if not doc.has_annotation("SENT_START"):
        return [(c0, c1)]
    # (the briefing's procedure before the words, "Good afternoon, colleagues. I will begin with
    # Hungary.", is no part of them)
    for sent in doc[c0:c1].sents:
        a, b = max(sent.start, c0), min(sent.end, c1)
        words = [t for t in doc[a:b] if not t.is_punct and not t.is_space]
        said = doc[a:b].text.strip()
        if b >= c1 or not ((_PROCEDURAL_RX.match(said) and len(words) <= 6) or _PROCEDURE_SENT_RX.search(said)):
            break
        c0 = b
    if cited_first:
        # (a turn that opens with another's account, "According to our Consulate General in X,
        # 63 citizens were detained.": the source's statement; the turn's own words follow it)
        k = c0
        while k < c1 and (doc[k].is_space or doc[k].text in QUOTE_PUNCT):
            k += 1
        e = _opens_with_cited_source(doc, k, c1)
        if e is not None:
            c0 = e
            if not any(not t.is_punct and not t.is_space for t in doc[c0:c1]):
                return []
    cuts = []
    for sent in doc[c0:c1].sents:
        k = max(sent.start, c0)
        while k < c1 and (doc[k].is_space or doc[k].text in QUOTE_PUNCT):
            k += 1
        if k <= c0 or k + 2 >= c1:
            continue
        if doc[k].lower_ == "according" and doc[k + 1].lower_ == "to":
            if any(t.text == "," for t in doc[k + 2:min(c1, k + 12)]):
                cuts.append(k)  # ("according to plan": no source set off before the words)
        elif _reports_another(sent):
            cuts.append(k)
        elif doc[k].lower_ in _NEXT_ITEM_WORDS and k + 1 < c1 and doc[k + 1].text == "," \
                and any(doc[j].lower_ in ("first", "firstly") and j + 1 < c1 and doc[j + 1].text == ","
                        and (j == c0 or doc[j].is_sent_start) for j in range(c0, k)):
            # "First, the commissions met ... Second, the Minister will travel to Brussels": the
            # announcements a spokesperson numbers, one statement each (round 18)
            cuts.append(k)
    spans, a = [], c0
    for k in cuts:
        s0, s1 = _strip(doc, a, k)
        if s1 > s0:
            spans.append((s0, s1))
        a = k
    s0, s1 = _strip(doc, a, c1)
    if s1 > s0:
        spans.append((s0, s1))
    # (a reply of a word or two before the words, "He has. | He told his counterparts that ...",
    # says nothing of its own)
    if len(spans) > 1 and sum(1 for t in doc[spans[0][0]:spans[0][1]] if not t.is_punct and not t.is_space) < 3:
        spans = spans[1:]
    return spans or [(c0, c1)]


_NEXT_ITEM_WORDS = frozenset(("second", "secondly", "third", "thirdly", "fourth", "finally", "lastly"))


def _reports_another(sent) -> bool:
    """Whether a sentence of a turn tells what someone else has said: its main verb a speech verb
    with a clause after it and a subject that is not the speaker ("The President has said from the
    start that this would be done in stages"; not "I would note that ...", "We have told them
    that ...", nor what someone will say)."""
    root = sent.root
    if root.pos_ not in ("VERB", "AUX") or root.lemma_.lower() not in SPEECH_VERBS:
        return False
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.i > root.i or subj.lower_ in ("i", "we", "you", "it", "this", "that", "there", "what", "who"):
        return False
    if any(c.dep_ in ("aux", "neg") and c.lower_ in ("will", "'ll", "’ll", "might", "may", "would", "could",
                                                     "shall", "not", "n't", "n’t") for c in root.children):
        return False
    return any(c.dep_ == "ccomp" and c.i > root.i for c in root.children)


_EDITORS_NOTE_RX = re.compile(r"\btranscript\b|\btranslat|\bcheck against delivery\b|\bthe following\b|"
                              r"\bprepared by\b|\bverbatim\b", re.I)


def opening_statement(doc, atts: list[Attribution]) -> list[Attribution]:
    """``atts`` of a briefing transcript with the paragraphs before its first turn label that are
    the speaker's opening statement ("Press briefing by the Minister of Information, Nadim X ...
    | Good evening. The Council of Ministers today approved ... | MINISTER X: ..."): prose that is
    no editor's note ("[Transcript prepared by ...]", "The following is a transcript of ..."), no
    question, and does not name the speaker, given to the speaker whose turn label's name the
    text before it (the title) also names; the turns' own rules apply (procedure left out, a cut
    before a cited source)."""
    text = doc_text(doc)
    starts = _paragraph_starts(doc)
    before: list[tuple[int, int]] = []  # the paragraphs before the first turn label
    labels = []  # (colon, paragraph start) of every turn label
    for s0 in starts:
        if s0 >= len(doc) or doc[s0].is_space:
            continue
        _, e0 = _paragraph_tokens(doc, s0)
        c = _turn_label_at(doc, s0, e0)
        if c is not None and _label_span_ok(doc, s0, c):
            labels.append((c, s0))
        elif not labels:
            before.append((s0, e0))
    if not before or len(labels) < 2:
        return atts
    title = text[:doc[labels[0][1]].idx]
    speakers = {}
    for c, s0 in labels:
        name = [t for t in doc[s0:c] if not t.is_space]
        if not name or name[0].lower_ in NOT_SPEAKERS or name[0].lower_ in ("q", "question", "moderator"):
            continue
        last = text[name[0].idx:doc[c].idx].split()[-1] if text[name[0].idx:doc[c].idx].split() else ""
        if len(last) > 2 and re.search(r"(?<![\w-])" + re.escape(last) + r"(?![\w-])", title, re.I):
            speakers.setdefault(last.lower(), (c, s0, name))
    if len(speakers) != 1:
        return atts
    (surname, (colon, s0, name)), = speakers.items()
    # (what others are reported to have said inside the opening statement gives way to it, as
    # inside a labelled turn; only words already given to a label are taken)
    taken = [c for a in atts if a.via in ("colon", "dash") for c in a.contents]
    out = list(atts)
    for p0, p1 in before:
        c0, c1 = _strip(doc, p0, p1)
        if c1 <= c0:
            continue
        para = text[doc[c0].idx:doc[c1 - 1].idx + len(doc[c1 - 1].text)]
        words = [t for t in doc[c0:c1] if not t.is_punct and not t.is_space]
        if para[:1] in "[(" or _EDITORS_NOTE_RX.search(para) or len(words) < 6 \
                or not any(t.pos_ in ("VERB", "AUX") for t in words) \
                or not re.search(r"[.!][\"”’']?$", text[doc[c0].idx:doc[p1 - 1].idx + len(doc[p1 - 1].text)].rstrip()) \
                or re.search(r"(?<![\w-])" + re.escape(surname) + r"(?![\w-])", para, re.I) \
                or _procedure_only(doc, c0, c1):
            continue
        parts = [_chars(doc, a, b) for a, b in _at_cited_sentences(doc, c0, c1)]
        if any(x < parts[-1][1] and parts[0][0] < y for x, y in taken):
            continue
        out.append(Attribution(cue=_chars(doc, colon, colon + 1), source=_chars(doc, name[0].i, colon),
                               contents=parts, kind="indirect", cue_token=colon, source_token=name[-1].i,
                               via="colon", role_turn=not _name_like(name) and _role_label(name)))
    out.sort(key=lambda a: a.contents[0])
    return out


def _label_recurs(doc, name) -> bool:
    """Whether another paragraph opens with the same turn label (a speaker who takes several
    turns, not a headline's "Place: ...")."""
    # (or a shorter label of the same person: "CHIEF CABINET SECRETARY MICHIKO KUROSAWA:" and
    # then "CHIEF CABINET SECRETARY KUROSAWA:", "MINISTER ANA RUIZ:" and then "RUIZ:"; the counts
    # made once per document, before the text is searched for the label itself)
    last = next((t.lower_ for t in reversed(name) if t.is_alpha), None)
    if last is not None and len(last) > 2 and _label_last_words(doc).get(last, 0) >= 2:
        return True
    rx = re.compile(r"(?m)^[ \t]*" + re.escape(name.text.strip()) + r"[ \t]*:")
    parsed = doc.user_data.get("detente_parsed_text")
    if parsed is None:  # (the text as parsed, its entry times blanked: made once per document)
        parsed = doc.user_data["detente_parsed_text"] = doc.text
    return len(rx.findall(parsed)) >= 2


def _label_last_words(doc) -> dict:
    """How many turn labels of the document end in each word (lower case): a per-document
    count of the paragraphs that open with a label."""
    cached = doc.user_data.get("detente_label_last_words")
    if cached is not None:
        return cached
    out: dict = {}
    starts = _paragraph_starts(doc)
    for s0 in starts:
        if s0 >= len(doc) or doc[s0].is_space:
            continue
        _, e0 = _paragraph_tokens(doc, s0)
        c = _turn_label_at(doc, s0, e0)
        if c is None or c - s0 > 6:
            continue
        last = next((t.lower_ for t in reversed(doc[s0:c]) if t.is_alpha), None)
        if last is not None:
            out[last] = out.get(last, 0) + 1
    doc.user_data["detente_label_last_words"] = out
    return out


_TAKE_QUESTIONS_RX = re.compile(r"\b(?:take|open (?:it )?(?:up )?(?:to|for)) (?:your |a few |some )?questions\b", re.I)


def predicted_speech(doc, a: Attribution) -> bool:
    """Whether an attribution only predicts what someone else will say ("Russia will say that
    nothing happened", inside a minister's turn): the speaker's words, no statement of theirs."""
    if a.cue_token is None or a.via != "clause":
        return False
    # (it depends on the cue alone; a transcript asks it of every attribution at every turn)
    memo = doc.user_data.setdefault("detente_predicted_speech", {})
    known = memo.get(a.cue_token)
    if known is None:
        cue = doc[a.cue_token]
        subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        known = memo[a.cue_token] = any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "’ll", "might", "may", "shall")
                                        for c in cue.children) and (subj is None or subj.lower_ not in ("i", "we"))
    return known


def _unsure_act(doc, a: Attribution) -> bool:
    """An object or complement of a verb that is neither speech nor belief, which the cue model
    is unsure is a cue ("has released $5 million from the fund"): no one else's report."""
    if a.via not in ("object", "complement") or a.cue_token is None or a.score >= MIN_SCORE_OTHER_CUES:
        return False
    lemma = doc[a.cue_token].lemma_.lower()
    return lemma not in SPEECH_VERBS and lemma not in COGNITION_VERBS


def _turn_read_on(doc, qix, colon, src, src_tok, p_end: int, found, covered) -> list[Attribution]:
    """The paragraphs after a transcript turn labelled by a name ("Minister Okafor: ...") that
    open with no label: the same speaker's turn read on, one statement a paragraph, questions
    and paragraphs without a verb or with someone else's report in them left out."""
    # (the speaker's own "I want to be frank", "we believe": still the turn, not another's report;
    # nor an act the cue model is unsure is speech, "The agency has released $5 million ...")
    others = [a for a in found if not (a.source_token is not None and doc[a.source_token].lower_ in ("i", "we"))
              and not predicted_speech(doc, a) and not _unsure_act(doc, a)]
    taken = [c for a in others for c in a.contents] + [a.cue for a in others if a.cue] \
        + [a.source for a in others if a.source]
    out = []
    for s0, e1, text in _unlabelled_paragraphs_after(doc, p_end):
        c0, c1 = _strip(doc, s0, e1)
        words = [t for t in doc[c0:c1] if not t.is_punct and not t.is_space]
        if c1 <= c0 or len(words) < 4 or not any(t.pos_ in ("VERB", "AUX") for t in words) \
                or text.rstrip("\"”’' ")[-1:] == "?" or text[:1] in QUOTE_PUNCT \
                or _PROCEDURAL_RX.match(text) or _TAKE_QUESTIONS_RX.search(text) or _procedure_only(doc, c0, c1):
            continue
        a0, a1 = _chars(doc, c0, c1)
        if any(x < a1 and a0 < y for x, y in taken):
            # someone else reported there ("The minister said ..."); but a paragraph that opens
            # with another's account ("According to our weather service, ...") reads on in the
            # speaker's own words after it
            e = _opens_with_cited_source(doc, c0, c1)
            if e is None:
                continue
            c0, c1 = _strip(doc, e, c1)
            a0, a1 = _chars(doc, c0, c1) if c1 > c0 else (0, 0)
            words = [t for t in doc[c0:c1] if not t.is_punct and not t.is_space]
            if c1 <= c0 or len(words) < 4 or any(x < a1 and a0 < y for x, y in taken):
                continue
        out.append(Attribution(cue=_chars(doc, colon.i, colon.i + 1), source=src, contents=[(a0, a1)],
                               kind=_kind(doc, qix, c0, c1), cue_token=colon.i, source_token=src_tok,
                               via="colon"))
    return out


def _label_with_occasion(doc, name, colon) -> int | None:
    """The last comma of a colon's label after which the label says where the words were
    given ("Bosnia's security minister, Nenad X, at a press conference in Sarajevo:", "Its
    deputy spokesman, Qari Y, writing on X:", "The Office of the High Representative, which
    oversees ..., on X:"): the token index of that comma, when what is before it is a speaker's
    label and no verb but a speaking participle follows it."""
    commas = [t.i for t in name if t.text == ","]
    for k in reversed(commas):
        if k + 1 >= colon.i or colon.i - k > 10:
            continue
        nxt = doc[k + 1]
        speaking = nxt.tag_ == "VBG" and nxt.lemma_.lower() in ("speak", "write", "post", "address", "tell", "talk")
        if not (speaking or (nxt.pos_ == "ADP" and nxt.lower_ in ("in", "on", "via", "at"))):
            continue
        if any(t.pos_ in ("VERB", "AUX") for t in doc[k + 1 + speaking:colon.i]):
            continue
        head = doc[name.start:k]
        if _name_like(list(head)) or _occasion_label(doc, head) is not None:
            return k
    return None


def _occasion_label(doc, name):
    """The speaker a label before its occasion names: a role or body ("The Indian embassy in
    Dhaka"), the body a relative clause describes ("The Office of X, which oversees Y"), or the
    name set off by commas after a role a pronoun opens ("Its spokesman, Arjun Kapoor")."""
    label = _speaker_label(doc, name) or _body_of(doc, name)
    if label is not None:
        return label
    rel = next((t.i for t in name if t.text == "," and t.i + 1 < name.end and _relative_pronoun(doc[t.i + 1])), None)
    if rel is not None:
        return _speaker_label(doc, doc[name.start:rel]) or _body_of(doc, doc[name.start:rel])
    commas = [t.i for t in name if t.text == ","]
    if commas:
        tail = [t for t in doc[commas[-1] + 1:name.end] if not t.is_space and t.text != ","]
        if tail and _name_like(tail) and any(t.ent_type_ == "PERSON" for t in tail):
            return doc[tail[0].i:tail[-1].i + 1]
    return None


def _body_of(doc, name):
    """A body named by what it is of ("The Office of the High Representative", "Ministry of
    Foreign Affairs"): the span without its article, or None."""
    toks = [t for t in name if not t.is_space]
    while toks and toks[0].lower_ in ("the", "from"):
        toks = toks[1:]
    if len(toks) < 3 or toks[0].lower_ not in _BODY_WORDS or not toks[0].is_title or toks[1].lower_ != "of":
        return None
    rest = [t for t in toks[2:] if t.lower_ != "the"]
    if not rest or not all(t.is_title or t.lower_ in ("of", "and", "for") for t in rest) or not rest[-1].is_title:
        return None
    return doc[toks[0].i:toks[-1].i + 1]


def _clausal(doc, a: int, b: int) -> bool:
    """Whether tokens [a, b) hold a clause of their own: a verb with its subject inside."""
    return any(t.dep_ in ("nsubj", "nsubjpass", "expl") and a <= t.head.i < b for t in doc[a:b])


def _platform_first_label(doc, name):
    """The poster of a label that opens with its platform ("On X, Gen Z Orsinia, the collective
    that called the protests", "14h10 Via Telegram, Free Velna"): the name after the platform,
    set off by commas from what follows it; None for any other label."""
    from detente.evidence.channels import PLATFORMS
    words = [t for t in name if not t.is_space]
    k = 0
    while k < len(words) and k < 3 and (any(ch.isdigit() for ch in words[k].text) or words[k].lower_ in ("am", "pm", "a.m.", "p.m.")):
        k += 1  # a live blog's time stamp
    if k < len(words) and words[k].lower_ in ("a", "an"):
        k += 1
    if k + 3 < len(words) and words[k].lower_ in PLATFORMS and words[k].text[:1].isupper() \
            and words[k + 1].lower_ in ("post", "video", "message", "thread", "update", "livestream") \
            and words[k + 2].lower_ in ("from", "by"):
        # "Threads post from Ilvo Marsden, a trade lawyer who ...", "Instagram post from the
        # mayor of Porto, Rita Saldanha": the platform's post and its poster
        rest = words[k + 3:]
        comma = next((j for j, t in enumerate(rest) if t.text == ","), None)
        if comma is not None and not _name_like(rest[:comma]) and _name_like(rest[comma + 1:]):
            return rest[comma + 1:]
        head = rest[:comma] if comma is not None else rest
        return head if _name_like(head) else None
    if not (k + 2 < len(words) and words[k].lower_ in ("on", "via") and words[k + 1].lower_ in PLATFORMS
            and words[k + 1].text[:1].isupper() and words[k + 2].text == ","):
        return None
    rest = words[k + 3:]
    comma = next((j for j, t in enumerate(rest) if t.text == ","), None)
    head = rest[:comma] if comma is not None else rest
    if comma is not None and (comma + 1 >= len(rest) or rest[comma + 1].lower_ not in (
            "the", "a", "an", "its", "their", "which", "who", "one")):
        return None
    return head if _name_like(head) else None


def _platform_named(span) -> bool:
    from detente.evidence.channels import PLATFORMS
    return any(t.lower_ in PLATFORMS and (t.text[:1].isupper()) for t in span)


def _block_after_label(doc, colon, p_end: int) -> list[tuple[int, int]]:
    """The block-quoted paragraph ("> ...") right after a label that ends its paragraph with a
    colon, as token spans."""
    if any(not t.is_space for t in doc[colon.i + 1:p_end]):
        return []
    i = p_end
    while i < len(doc) and doc[i].is_space:
        i += 1
    if i >= len(doc) or doc[i].text != ">":
        return []
    _, e = _paragraph_tokens(doc, i)
    return [(i, e)]


def _colon_and_dash(doc, qix, found: list[Attribution]) -> list[Attribution]:
    """Attributions marked by punctuation alone: ``Name: text`` opening a paragraph
    (headlines, transcripts) and ``"quotation" ― Name`` (reader comments, epigraphs)."""
    taken = {a.cue_token for a in found}
    covered = [c for a in found for c in a.contents]
    out = []
    # (a colon, a dash, or a quotation mark and a dash read as one token: the only tokens read)
    for tok in (doc[i] for i, w in enumerate(column(doc, "text")) if w == ":" or w == "):" or w[-1:] in DASHES or w in DASHES):
        if tok.text in (":", "):") and tok.i not in taken and qix.tok_quote[tok.i] < 0:
            p_start, p_end = _paragraph_tokens(doc, tok.i)
            name = doc[p_start:tok.i]
            bracket = _bracket_label(doc, p_start, tok.i)
            p_end = _turn_on_next_line(doc, p_start, tok.i, p_end, bracket)
            if bracket is not None and _turn_label_at(doc, p_start, p_end) == tok.i and _is_transcript(doc, tok.i):
                # "SPOKESPERSON (Mira Tondu): ...": the turn of the person in brackets; a
                # reporter's "QUESTION (Johan Brisk, Daily Courier): ..." is no one's statement
                if bracket[1] is not None:
                    out += _role_turn(doc, qix, tok, name, p_end, found + out, covered, person=bracket[1])
                continue
            if tok.text != ":":
                continue
            role_of = _bracket_roles(doc).get(" ".join(t.lower_ for t in name if not t.is_space)) \
                if tok.i - p_start <= 16 and _turn_label_at(doc, p_start, p_end) == tok.i else None
            if role_of is not None and _is_transcript(doc, tok.i):
                # ("SPOKESPERSON:" after "SPOKESPERSON (Mira Tondu):": the person named there)
                out += _role_turn(doc, qix, tok, name, p_end, found + out, covered, person=role_of)
                continue
            # "Kapanadze, in a post on X: “...”", "Pashinyan, speaking in parliament: “...”": a
            # name and where it was said
            comma = next((t.i for t in name if t.text == ","), None)
            speaking = comma is not None and doc[comma + 1].tag_ == "VBG" and doc[comma + 1].lemma_.lower() in (
                "speak", "write", "post", "address", "tell", "talk")
            if comma is not None and comma > p_start and not _name_like(list(name)) \
                    and _name_like(list(doc[p_start:comma])) and (speaking or (
                        doc[comma + 1].pos_ == "ADP" and doc[comma + 1].lower_ in ("in", "on", "via"))) \
                    and tok.i - comma <= 8 \
                    and not any(t.pos_ in ("VERB", "AUX") for t in doc[comma + 1 + speaking:tok.i]) \
                    and any(qix.tok_quote[j] >= 0 for j in range(tok.i + 1, min(tok.i + 3, len(doc)))):
                name = doc[p_start:comma]
            quoted = any(qix.tok_quote[j] >= 0 for j in range(tok.i + 1, min(tok.i + 3, len(doc))))
            head = _platform_first_label(doc, name) if quoted else None
            if head is not None:
                # "On X, Gen Z Orsinia, the collective that called the protests: “...”": the
                # platform first, then the poster's name and what it is
                c0, c1 = _strip(doc, tok.i + 1, p_end)
                if c1 > c0:
                    c0, c1 = qix.widen(c0, c1)
                    cs = _chars(doc, c0, c1)
                    lab0, lab1 = _chars(doc, name.start, tok.i)
                    for a in found:  # the quotation read with a word of the label as its speaker
                        if a.source and lab0 <= a.source[0] and a.source[1] <= lab1 and any(
                                cs[0] <= x and y <= cs[1] for x, y in a.contents):
                            a.source, a.source_token = _chars(doc, head[0].i, head[-1].i + 1), head[-1].i
                            if a.cue and lab0 <= a.cue[0] < lab1 and a.cue_token is not None \
                                    and doc[a.cue_token].dep_ == "relcl":
                                # ("Threads post from X, a lawyer who advised on the law: “...”":
                                # the verb of the label's relative clause is no cue; the colon is)
                                a.cue, a.cue_token, a.via = _chars(doc, tok.i, tok.i + 1), tok.i, "colon"
                    if not any(a <= cs[0] and cs[1] <= b for a, b in covered):
                        out.append(Attribution(cue=_chars(doc, tok.i, tok.i + 1), source=_chars(doc, head[0].i, head[-1].i + 1),
                                               contents=[cs], kind=_kind(doc, qix, c0, c1), cue_token=tok.i,
                                               source_token=head[-1].i, via="colon"))
                continue
            block = _block_after_label(doc, tok, p_end)
            posted = None  # "..., on X: the laws are “null and void” and “...”": the quotations
            if not quoted and not _name_like(list(name)):
                # ("The Taliban has responded. Its spokesman, X, writing on X:": the label is
                # the colon's sentence)
                s0 = max(p_start, sentence_of(doc, tok.i).start)
                cut = _label_with_occasion(doc, doc[s0:tok.i], tok)
                if cut is not None and (block or (_platform_named(doc[cut + 1:tok.i]) and any(
                        qix.tok_quote[j] >= 0 for j in range(tok.i + 1, p_end)))):
                    name = doc[s0:cut]
                    posted = not block
                elif cut is not None and any(qix.tok_quote[j] >= 0 for j in range(tok.i + 1, min(tok.i + 3, len(doc)))):
                    name = doc[p_start:cut]
            elif quoted and not _name_like(list(name)) and _speaker_label(doc, name) is None:
                # "Bosnia's security minister, Nenad X, at a press conference in Sarajevo: “...”"
                cut = _label_with_occasion(doc, name, tok)
                if cut is not None:
                    name = doc[p_start:cut]
            if posted is not None and _occasion_label(doc, name) is not None:
                label = _occasion_label(doc, name)
                src = _chars(doc, label.start, label[-1].i + 1)
                src_tok = label.root.i if label.root.lower_ in _BODY_WORDS | {"embassy", "consulate"} else label[-1].i
                if block:
                    parts = [(_strip(doc, a, b)) for a, b in block]
                    parts = [(a + (doc[a].text == ">"), b) for a, b in parts]
                    parts = [_strip(doc, a, b) for a, b in parts]
                else:
                    parts, seen = [], set()
                    for j in range(tok.i + 1, p_end):
                        qi = qix.tok_quote[j]
                        if qi >= 0 and qi not in seen:
                            seen.add(qi)
                            parts.append(_strip(doc, *qix.token_span(qi)))
                    s_end = min(p_end, sentence_of(doc, tok.i + 1).end)
                    if parts and not any(_clausal(doc, a, b) for a, b in parts) \
                            and all(b <= s_end for a, b in parts):
                        # "..., on Facebook: the session “has no legal basis” and its results are
                        # “non-existent”": quoted fragments inside the poster's clause are that
                        # clause's words, one statement (a quoted sentence of its own stays one)
                        parts = [_strip(doc, tok.i + 1, s_end)]
                for a, b in parts:
                    if b > a:
                        out.append(Attribution(cue=_chars(doc, tok.i, tok.i + 1), source=src,
                                               contents=[_chars(doc, a, b)], kind=_kind(doc, qix, a, b),
                                               cue_token=tok.i, source_token=src_tok, via="colon"))
                continue
            if not _name_like(list(name)) and _role_label(name) and _is_transcript(doc, tok.i):
                out += _role_turn(doc, qix, tok, name, p_end, found + out, covered)
                continue
            label = None
            if quoted and not _name_like(list(name)):
                # "The US Embassy in Manila on X: “...”": a label with the platform it posted on
                from detente.evidence.channels import PLATFORMS
                words = [t for t in name if not t.is_space]
                cut = next((k for k in range(len(words) - 1, 0, -1) if words[k].lower_ in ("on", "via")
                            and " ".join(t.text for t in words[k + 1:]).lower() in PLATFORMS), None)
                while cut is not None and cut > 1 and words[cut - 1].text in (",", "-", "–", "—"):
                    cut -= 1  # "From the foreign ministry, via X:"
                if cut is not None:
                    label = doc[words[0].i:words[cut].i]
                    if not _name_like(words[:cut]):
                        label = _speaker_label(doc, label)
                if label is None:
                    label = _speaker_label(doc, name)
            src_start = p_start
            if label is not None:
                name, src_start = label, label.start
            if p_end - tok.i > 2 and (label is not None or _name_like(list(name))):
                c0, c1 = _strip(doc, tok.i + 1, p_end)
                if c1 > c0 and not quoted and _procedure_only(doc, c0, c1) and _is_transcript(doc, tok.i):
                    continue  # a turn that only greets or thanks ("Thank you. Welcome, everyone.")
                if c1 > c0:
                    c0, c1 = qix.widen(c0, c1)
                    cs = _chars(doc, c0, c1)
                    if not any(a <= cs[0] and cs[1] <= b for a, b in covered):
                        src = _chars(doc, src_start, name[-1].i + 1 if label is not None else tok.i)
                        src_tok = (name.root.i if name.root.lower_ in _BODY_WORDS | {
                            "embassy", "consulate"} else name[-1].i) if label is not None else name.root.i
                        parts = [cs]
                        if label is None and not quoted and _is_transcript(doc, tok.i):
                            parts = [_chars(doc, a, b) for a, b in _at_cited_sentences(doc, c0, c1, cited_first=True)]
                        if parts:
                            out.append(Attribution(cue=_chars(doc, tok.i, tok.i + 1), source=src, contents=parts,
                                                   kind=_kind(doc, qix, c0, c1), cue_token=tok.i,
                                                   source_token=src_tok, via="colon"))
                        if label is None and not quoted and _is_transcript(doc, tok.i) \
                                and _label_recurs(doc, name):
                            out += _turn_read_on(doc, qix, tok, src, src_tok, p_end, found + out, covered)
        elif (tok.text in DASHES and tok.i > 0 and qix.tok_quote[tok.i - 1] >= 0
              and doc[tok.i - 1].text in QUOTE_PUNCT | {".", ","} and qix.tok_quote[tok.i] < 0) \
                or (len(tok.text) == 2 and tok.text[0] in QUOTE_PUNCT and tok.text[1] in DASHES
                    and qix.tok_quote[tok.i] >= 0):  # '”―' read as one token
            _, p_end = _paragraph_tokens(doc, tok.i)
            j = tok.i + 1
            while j < p_end and not (doc[j].text in (".", ",", ";", "/") or qix.tok_quote[j] >= 0):
                j += 1
            name = [t for t in doc[tok.i + 1:j] if not t.is_space]
            if _name_like(name) and (j >= p_end or doc[j].text in (".", ",", "/")):
                qi = qix.tok_quote[tok.i] if qix.tok_quote[tok.i] >= 0 else qix.tok_quote[tok.i - 1]
                q0, q1 = qix.token_span(qi)
                if q1 > tok.i:  # the quotation's closing mark is glued to the dash
                    q1 = tok.i
                    qend = qix.quotes[qi].end
                    cue_chars = (qend, tok.idx + len(tok.text))
                    content_chars = (doc[q0].idx, qend)
                else:
                    cue_chars = _chars(doc, tok.i, tok.i + 1)
                    content_chars = _chars(doc, q0, q1)
                out.append(Attribution(cue=cue_chars,
                                       source=_chars(doc, name[0].i, name[-1].i + 1),
                                       contents=[content_chars], kind="direct",
                                       cue_token=tok.i, source_token=name[-1].i, via="dash"))
    return out


QUOTE_CLOSERS = "\u201d\"' "
_NAMED_AFTER_RX = re.compile(r"(?:that|this|those|these) (?:was|were|is|are) (?:the |his |her |their |its )?"
                             r"(?:[\w-]+ )?(?:message|words|verdict|warning|response|reply|assessment|answer)"
                             r" (?:of|from) ", re.I)


_SPACES_RX = re.compile(r" *")


def _quotes_without_cue(qix, found: list[Attribution]):
    """The closed quotations (index, quote) that start a token and that no attribution found so
    far covers: the candidates of the rules that give such a quotation a speaker from what is
    around it."""
    covered = Covered(c for a in found for c in a.contents)
    for qi, q in enumerate(qix.quotes):
        if q.closed and qi in qix.first_tok and not covered.covers(q.start):
            yield qi, q


def _named_after(doc, qix, found: list[Attribution]) -> list[Attribution]:
    """A quotation that opens a paragraph with no cue of its own, named by the sentence right
    after it: "“The border stays closed.” That was the message from Interior Minister X on
    Tuesday." The speaker is the object of "from"/"of"."""
    text = doc_text(doc)
    out = []
    for qi, q in _quotes_without_cue(qix, found):
        p_start, _ = _paragraph_of(text, q.start)
        if text[p_start:q.start].strip():
            continue  # (only a quotation that opens its paragraph)
        m = _NAMED_AFTER_RX.match(text, _SPACES_RX.match(text, q.end).end())
        if m is None or text[q.start:q.end].rstrip(QUOTE_CLOSERS)[-1:] not in (".", "!", "?"):
            continue
        i = CharIndex.of(doc).after(m.end())
        prep = doc[i - 1] if i is not None else None
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if pobj is None or not (pobj.pos_ == "PROPN" or pobj.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
                                or pobj.lemma_.lower() in ROLE_NOUNS):
            continue
        s0, s1 = _source_span(doc, pobj)
        q0, q1 = qix.token_span(qi)
        cue = doc[prep.head.head.i] if prep.head.head.i != prep.head.i else prep.head
        out.append(Attribution(cue=_chars(doc, cue.i, cue.i + 1), source=_chars(doc, s0, s1),
                               contents=[_chars(doc, q0, q1)], kind="direct", cue_token=cue.i,
                               source_token=pobj.i, via="quote"))
    return out


# what someone does instead of saying, right before the words they answer with ("he shrugged.
# “...”", "X laughed when I passed that on. “...”")
REACTION_VERBS = frozenset("""shrug laugh smile sigh nod grin chuckle scoff snort frown wince pause
shake""".split())


def _reaction_before(doc, qix, found: list[Attribution]) -> list[Attribution]:
    """A quotation with no cue of its own that opens a sentence right after one in the same
    paragraph whose main verb is a reaction and whose subject is someone, and closes the
    paragraph ("When I asked him ..., Okafor shrugged. “Where would I go?”"): the words are that
    person's answer."""
    text = doc_text(doc)
    out = []
    for qi, q in _quotes_without_cue(qix, found):
        line_end = text.find("\n", q.end)
        if text[q.end:line_end if line_end >= 0 else len(text)].strip():
            continue  # (the answer closes its paragraph)
        q0, q1 = qix.token_span(qi)
        k = q0 - 1
        while k >= 0 and doc[k].is_space and "\n" not in doc[k].text:
            k -= 1
        if k < 1 or doc[k].text not in (".", "!") or qix.tok_quote[k] >= 0:
            continue  # (a sentence ends right before it, in the same paragraph)
        root = sentence_of(doc, k).root
        if root.lemma_.lower() not in REACTION_VERBS or root.pos_ != "VERB" or qix.tok_quote[root.i] >= 0 \
                or any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.lemma_.lower() not in ("head", "shoulder")
                       for c in root.children):
            continue
        subj = next((c for c in root.children if c.dep_ == "nsubj" and c.i < root.i), None)
        if subj is None or not (subj.ent_type_ == "PERSON" or subj.pos_ == "PROPN"
                                or subj.lower_ in ("he", "she") or _surname_named_before(doc, subj)):
            continue
        s0, s1 = _source_span(doc, subj)
        out.append(Attribution(cue=_chars(doc, root.i, root.i + 1), source=_chars(doc, s0, s1),
                               contents=[_chars(doc, q0, q1)], kind="direct", cue_token=root.i,
                               source_token=subj.i, via="quote"))
    return out


# people a live blog or a feature names by what they are when it gives their words after a
# colon ("A user on X, replying to the minister: “...”")
LABEL_PERSON_NOUNS = frozenset("""commenter commentator user blogger poster reporter journalist
resident witness viewer reader activist protester student teacher nurse doctor farmer worker""".split())
_FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))


def _label_speaker(doc, a: int, b: int):
    """The speaker a colon label at tokens ``a:b`` names: its first person's name (the tagger's
    PERSON, or a capitalised word run with a proper noun in it, hyphens inside), else a person
    noun it opens with and that noun's prepositional phrase ("A Czech commenter on Instagram").
    ``(start, end, head)`` in tokens, or None."""
    k = a
    while k < b:
        t = doc[k]
        if t.ent_type_ == "PERSON":
            e = k
            while e < b and doc[e].ent_type_ == "PERSON":
                e += 1
            if not (e < b and doc[e].text in ("'s", "’s", "'", "’")):
                return k, e, doc[e - 1]
            k = e  # (whose office it is, "X's prime minister, Y": not the speaker)
        k += 1
    k = a
    while k < b:
        t = doc[k]
        # (a word that opens the label and is followed by a comma is an aside: "Asked, X ...")
        if t.is_title and t.is_alpha and not (k == a and k + 1 < b and doc[k + 1].text == ","):
            e = k + 1
            while e + 1 < b and doc[e].text == "-" and doc[e + 1].is_title and doc[e + 1].is_alpha:
                e += 2
            run = doc[k:e]
            # (not a name a preposition governs: where it was posted or said, "on Facebook",
            # "in Kampala")
            if any(x.pos_ == "PROPN" for x in run) and not any(
                    x.ent_type_ in ("GPE", "NORP", "LOC", "DATE", "FAC") for x in run) \
                    and not (k > a and doc[k - 1].pos_ == "ADP"):
                return k, e, doc[e - 1]
            k = e
            continue
        k += 1
    det = a
    while det < b and doc[det].is_space:
        det += 1
    if det < b and doc[det].lower_ in ("a", "an", "one", "another"):
        head = next((t for t in doc[det + 1:min(b, det + 5)] if t.pos_ == "NOUN"), None)
        if head is not None and (head.lower_ in LABEL_PERSON_NOUNS or head.lower_ in ROLE_NOUNS):
            e = head.i + 1
            if e + 1 < b and doc[e].lower_ in ("on", "at", "in", "from") and doc[e + 1].pos_ == "PROPN":
                e += 2  # (where the person wrote or lives: "on Instagram", "in the port")
            return det + 1, e, head
    return None


def label_colon(doc, qix, found: list[Attribution]) -> list[Attribution]:
    """A quotation with no cue of its own after a colon that closes a label without a finite
    verb of its own, the label naming someone: live-blog and feature shorthand for "X said"
    ("X, explaining the vote: a “blank cheque”", "Asked, X laughs: “...”" with the verb the
    tagger took for a noun, "A commenter on Instagram, under the post: “...”", "X again, this
    time on Facebook: “...”"). The words are that person's; the quotation ends its sentence."""
    text = doc_text(doc)
    out = []
    for qi, q in _quotes_without_cue(qix, found):
        q0, q1 = qix.token_span(qi)
        k = q0 - 1
        while k >= 0 and doc[k].is_space and "\n" not in doc[k].text:
            k -= 1
        c0 = q0
        if k >= 0 and doc[k].lower_ in ("a", "an") and qix.tok_quote[k] < 0:
            c0, k = k, k - 1  # ("...: a “blank cheque for ...”")
        if k < 1 or not _colon(doc[k]) or qix.tok_quote[k] >= 0:
            continue
        if text[q.start:q.end].rstrip(QUOTE_CLOSERS + "\u2019")[-1:] not in (".", "!", "?") \
                and text[q.end:q.end + 1] not in (".", "!", "?"):
            continue  # (the quotation closes its sentence, a quotation inside it too: '...’”')
        p_start, _ = _paragraph_tokens(doc, k)
        a = max(p_start, sentence_of(doc, k).start)
        for j in range(k - 1, a - 1, -1):
            if doc[j].text in (".", "?", "!") or qix.tok_quote[j] >= 0:
                a = j + 1
                break
        while a < k and (doc[a].is_space or doc[a].like_num or doc[a].is_punct):
            a += 1  # (an entry's time, "10:52")
        if k - a < 1 or k - a > 40:
            continue
        if any(t.tag_ in _FINITE_TAGS and (t.head if t.dep_ in ("aux", "auxpass") else t).dep_ not in ("relcl", "acl")
               for t in doc[a:k]):
            continue  # (a clause of its own: the verb rules had their say)
        sp = _label_speaker(doc, a, k)
        if sp is None:
            continue
        s0, s1, head = sp
        c0, c1 = _strip(doc, c0, q1, keep_quotes=True)
        if c1 <= c0:
            continue
        out.append(Attribution(cue=_chars(doc, k, k + 1), source=_chars(doc, s0, s1),
                               contents=[_chars(doc, c0, c1)], kind=_kind(doc, qix, c0, c1), cue_token=k,
                               source_token=head.i, via="colon"))
    return out


def sentence_end(doc, i: int) -> int:
    """The index after the last non-punctuation token of token ``i``'s sentence."""
    sent = doc[i].sent
    e = sent.end
    while e > sent.start and (doc[e - 1].is_punct or doc[e - 1].is_space):
        e -= 1
    return e


_TELLING_VERBS = frozenset("inform notify assure advise tell remind".split())


def _according(doc, tok, qix) -> Attribution | None:
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    if pobj.lower_ == "which" and pobj.i == to.i + 1 and tok.i >= 2 and doc[tok.i - 1].text == ",":
        # "the statements made by the X authorities, according to which Y is ...": what the
        # relative pronoun stands for is the source (whoever made it), the clause after it the
        # content
        clause = next((c for c in tok.children if c.dep_ in ("pcomp", "ccomp", "advcl") and c.i > pobj.i), None) \
            or next((c for c in pobj.ancestors if c.i > pobj.i and c.pos_ in ("VERB", "AUX")), None)
        cur = doc[tok.i - 2]  # (the noun phrase before the comma, up to its highest noun)
        ante = cur if cur.pos_ in ("NOUN", "PROPN") else None
        while cur.head.i != cur.i and cur.head.i < tok.i and cur.head.right_edge.i == tok.i - 2 \
                and cur.head.dep_ != "ROOT":
            cur = cur.head
            if cur.pos_ in ("NOUN", "PROPN"):
                ante = cur
        if clause is None or ante is None:
            return None
        # (the statements made by whom: the agent is the source)
        agent = next((g for a in ante.children if a.dep_ == "acl" for g in a.children if g.dep_ == "agent"), None)
        by = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        if by is not None:
            ante = by
        start, end = _strip(doc, pobj.i + 1, clause.right_edge.i + 1)
        if end <= start:
            return None
        start, end = qix.widen(start, end)
        return Attribution(cue=_chars(doc, tok.i, tok.i + 3), source=_chars(doc, ante.left_edge.i, ante.right_edge.i + 1),
                           contents=[_chars(doc, start, end)], kind=_kind(doc, qix, start, end),
                           cue_token=tok.i, source_token=ante.i, via="according")
    src = _source_span(doc, pobj)
    head = tok.head if tok.head.i != tok.i else None
    if head is None:
        return None
    # content: the clause "according to" modifies, without the phrase itself
    if head.i == tok.i:
        return None
    while head.dep_ == "advcl" and head.tag_ == "VBG" and head.head.i < head.i and tok.i > head.i \
            and tok.right_edge.i + 2 >= sentence_end(doc, tok.i) \
            and any(t.text == "," for t in doc[head.head.i:head.left_edge.i]):
        # "The crossing has been shut since May, stranding 3,000 lorries, according to X": the
        # phrase closes the sentence and covers the clause the participle hangs on too
        head = head.head
    while head.dep_ == "conj" and head.head.i < head.i and tok.i > head.i and head.head.pos_ in ("VERB", "AUX") \
            and tok.right_edge.i + 2 >= sentence_end(doc, tok.i):
        # "The conflict has killed 6,000 people and driven 600,000 from their homes, according to
        # X": the phrase closing the sentence covers the whole coordination, not the last verb
        head = head.head
    start, end = head.left_edge.i, head.right_edge.i + 1
    ph_start, ph_end = tok.left_edge.i, tok.right_edge.i + 1
    if ph_start <= start and head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") for c in head.children):
        # ("According to our weather service, Velhydromet, the flow of the river was ...": the
        # parser took the clause's subject for an apposition inside the phrase; the phrase ends
        # at the comma before it)
        subj = next((a for a in doc[pobj.i + 1:ph_end] if a.dep_ == "appos" and a.pos_ == "NOUN"
                     and a.left_edge.i > pobj.i + 1 and doc[a.left_edge.i - 1].text == ","
                     and a.right_edge.i + 1 == ph_end and ph_end <= head.i), None)
        if subj is not None:
            ph_end = subj.left_edge.i - 1
            src = (src[0], min(src[1], ph_end))
    sent = sentence_of(doc, tok.i)
    if ph_start <= start and all(t.is_space or t.is_punct for t in doc[sent.start:ph_start]):
        # "According to X, A; B.": a phrase opening the sentence covers all of it
        end = max(end, sentence_end(doc, tok.i))
    if ph_start <= start:
        start = ph_end
    elif ph_end >= end:
        end = ph_start
    else:  # the phrase sits in the middle: keep the longer side
        after = ph_end
        while after < end and doc[after].text == ",":
            after += 1
        if after < end and doc[after].dep_ == "cc" and doc[after].lower_ in ("and", "but", "yet", "while"):
            # "A, according to X, and B": the phrase closes A's clause; the clause the
            # conjunction adds is not X's (however long it is)
            end = ph_start
        elif after < end and doc[after].lower_ in _TRAILING_ADJUNCT_WORDS and doc[after].pos_ in ("ADP", "SCONJ") \
                and head.i < ph_start and any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i < head.i
                                              for c in head.children):
            # "The river rose by two metres on Monday night, according to X, after heavy rain
            # upstream": the phrase closes the main clause, subject and verb; the circumstance
            # added after it (a cause or a time) is no statement of X's on its own
            end = ph_start
        elif ph_start - start >= end - ph_end:
            end = ph_start
        else:
            start = ph_end
    # ("According to X data, A — which makes B hard to square, officials point out": the data
    # back A; the clause after the dash, and the source and cue that close the sentence, are
    # someone else's statement)
    dash = next((t.i for t in doc[start:end] if t.text in _ASIDE_DASHES and qix.tok_quote[t.i] < 0
                 and t.i + 1 < end and doc[t.i + 1].lower_ == "which"), None)
    if dash is not None and dash > ph_end:
        end = dash
    start, end = _strip(doc, start, end)
    if end <= start:
        return None
    src_tok = pobj.i
    if pobj.pos_ == "NOUN" and pobj.i + 3 < len(doc) and doc[pobj.i + 1].text == "," \
            and start in (pobj.i + 2, ph_end + 1):
        # "According to our weather service, Velhydromet, the flow ...": the body's name set off
        # after the phrase's noun is who the phrase names, no part of what it says
        n0 = pobj.i + 2
        k = n0
        while k < len(doc) and k - n0 < 4 and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
            k += 1
        if n0 < k and k + 1 < end and doc[k].text == "," and start in (n0, k + 1):
            src, src_tok = (src[0], k), k - 1
            start = k + 1
    start, end = qix.widen(start, end)
    return Attribution(cue=_chars(doc, tok.i, tok.i + 2), source=_chars(doc, *src),
                       contents=[_chars(doc, start, end)], kind=_kind(doc, qix, start, end),
                       cue_token=tok.i, source_token=src_tok, via="according")


_TRAILING_ADJUNCT_WORDS = frozenset(
    "after before following amid despite because due as since when until during".split())


def _quotation_of(doc, tok, subj, q0, q1) -> Attribution | None:
    """The quotation at tokens ``q0:q1`` (marks stripped) as ``subj``'s words, cued by ``tok``."""
    start, end = _strip(doc, q0, q1)
    if end <= start:
        return None
    return Attribution(cue=_chars(doc, tok.i, tok.i + 1), source=_chars(doc, *_source_span(doc, subj)),
                       contents=[_chars(doc, start, end)], kind="direct", cue_token=tok.i,
                       source_token=subj.i, score=0.9, via="quote")


# "in his words", "in her view"; and, opening a sentence, "In his reading, ...", "In her
# assessment, ...", "In the committee's judgement, ..."
VIEW_NOUNS = frozenset("words view reading assessment estimation judgment judgement opinion analysis".split())


def _in_words(doc, tok, qix) -> Attribution | None:
    """"in his words", "in the words of X" around a quotation: X's words."""
    # (also "In her view, the river has become “a symbol ...”": her words, quoted)
    words = next((c for c in tok.children if c.dep_ == "pobj" and c.lower_ in VIEW_NOUNS), None)
    if words is None or tok.head.i == tok.i:
        return None
    owner = next((c for c in words.children if c.dep_ == "poss"), None)
    if owner is None:
        of = next((c for c in words.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if owner is None or owner.pos_ not in ("PRON", "PROPN", "NOUN") or owner.lower_ in ("my", "our", "your"):
        return None
    head = tok.head
    start, end = head.left_edge.i, head.right_edge.i + 1
    ph_start, ph_end = tok.left_edge.i, tok.right_edge.i + 1
    if ph_start - start >= end - ph_end:
        end = ph_start
    else:
        start = ph_end
    start, end = _strip(doc, start, end)
    # ("In his view, Astana cares less about ...": a view phrase that opens the sentence, set off
    # by a comma, gives its owner's view whether quoted or not; the clause after it is the content)
    opens_view = words.lower_ != "words" and ph_start <= start and ph_end < len(doc) and doc[ph_end].text == "," \
        and all(t.is_space or t.is_punct for t in doc[sentence_of(doc, tok.i).start:ph_start]) \
        and any(doc[k].pos_ in ("VERB", "AUX") and doc[k].dep_ in ("ROOT", "ccomp", "conj") for k in range(start, end))
    if end <= start or not (opens_view or (words.lower_ in ("words", "view") and any(
            qix.tok_quote[i] >= 0 for i in range(start, end)))):
        return None  # only around a quotation: "in other words" and the like are no one's
    start, end = qix.widen(start, end)
    src = (owner.left_edge.i, owner.right_edge.i + 1)
    return Attribution(cue=_chars(doc, tok.i, words.i + 1), source=_chars(doc, *src),
                       contents=[_chars(doc, start, end)], kind=_kind(doc, qix, start, end),
                       cue_token=tok.i, source_token=owner.i, via="according")


COUNT_NOUNS = frozenset("count tally reckoning estimate estimates calculation calculations".split())


def _by_count(doc, tok, qix) -> Attribution | None:
    """"By her count, A", "By the league's tally, A" opening a sentence: A is the owner's
    statement (the clause after the phrase, without a participle phrase set off by commas that
    says what the count rests on: "By his count, based on court records, A")."""
    if tok.lower_ != "by" or not all(t.is_space or t.is_punct for t in doc[sentence_of(doc, tok.i).start:tok.i]):
        return None
    count = next((c for c in tok.children if c.dep_ == "pobj" and c.lower_ in COUNT_NOUNS), None)
    owner = None
    if count is None and tok.i + 3 < len(doc) and doc[tok.i + 1].lower_ in ("his", "her", "their", "its") \
            and doc[tok.i + 2].lower_ in COUNT_NOUNS:
        # "By her reckoning the work will cost ...": no comma, which the parser reads as a
        # clause of its own ("her" the subject of "reckoning")
        count, owner = doc[tok.i + 2], doc[tok.i + 1]
    if count is None or count.i + 1 >= len(doc):
        return None
    comma = doc[count.i + 1].text == ","
    if not comma and (owner is None and not any(c.dep_ == "poss" for c in count.children)
                      or doc[count.i + 1].pos_ not in ("DET", "PROPN", "NOUN", "PRON", "ADV", "NUM", "ADJ")
                      or doc[count.i + 1].lower_ == "of"):
        return None
    owner = owner if owner is not None else next((c for c in count.children if c.dep_ == "poss"), None)
    if owner is None:
        of = next((c for c in count.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if owner is None or owner.pos_ not in ("PRON", "PROPN", "NOUN") or owner.lower_ in ("my", "our", "your"):
        return None
    start, end = count.i + (2 if comma else 1), sentence_end(doc, tok.i)
    if start < end and doc[start].lower_ in ("based", "drawing", "using", "relying") and doc[start].tag_ in ("VBN", "VBG"):
        # (the phrase that says what the count rests on, up to its closing comma)
        k = next((k for k in range(start + 1, min(end, start + 16)) if doc[k].text == ","), None)
        if k is None:
            return None
        start = k + 1
    if not any(doc[k].pos_ in ("VERB", "AUX") for k in range(start, end)) \
            or not any(doc[k].like_num or doc[k].pos_ == "NUM" for k in range(start, end)):
        # (a count gives a number: "By the board's count, the strike is the work of a few" is
        # an idiom for its view, left to the rules for views)
        return None
    start, end = _strip(doc, start, end)
    if end <= start:
        return None
    start, end = qix.widen(start, end)
    src = (owner.left_edge.i, owner.i + 1)
    return Attribution(cue=_chars(doc, tok.i, count.i + 1), source=_chars(doc, *src),
                       contents=[_chars(doc, start, end)], kind=_kind(doc, qix, start, end),
                       cue_token=tok.i, source_token=owner.i, via="according")


DOCUMENT_NOUNS = frozenset("""report survey study audit assessment census analysis review paper document
estimate memo dossier""".split())


def _document_puts_at(doc, tok, qix) -> Attribution | None:
    """A document's estimate given with "puts/places X at <number>" ("An auditor's report
    puts the figure at closer to $1.8 billion, with the rest committed but not spent"): the
    document's statement, from the estimated thing to the end of the clause. (A person's or a
    party's "put the number at" is left to the figure's claimant.)"""
    if tok.lemma_.lower() not in ("put", "place") or tok.pos_ != "VERB":
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.lemma_.lower() not in DOCUMENT_NOUNS:
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
    if obj is None:
        return None
    at = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "at" and c.i > obj.i), None)
    if at is None:
        at = next((c for c in obj.subtree if c.dep_ == "prep" and c.lower_ == "at"), None)
    if at is None or not any(t.like_num or t.tag_ == "CD" for t in at.subtree):
        return None
    end = max(t.i for t in tok.subtree) + 1
    cut = next((c.i for c in tok.children if c.dep_ == "cc" and c.i > at.i), None)
    start, end = _strip(doc, obj.left_edge.i, cut if cut is not None else end)
    if end <= start:
        return None
    return Attribution(cue=_chars(doc, tok.i, tok.i + 1), source=_chars(doc, *_source_span(doc, subj)),
                       contents=[_chars(doc, start, end)], kind=_kind(doc, qix, start, end),
                       cue_token=tok.i, source_token=subj.i, score=0.9, via="complement")


VERDICT_VERBS = frozenset("describe call dismiss label brand characterise characterize deride".split())


def _verdict_on_noun(doc, tok, qix) -> Attribution | None:
    """A second speaker's verdict on what the sentence reports, in a clause on a noun standing
    for it ("now has 5,000 troops — a number that a Western attaché described as “aspirational
    at best”", "a claim that the minister's aides describe, privately, as “a very large if”"):
    the quoted words are the clause's subject's statement."""
    if tok.lemma_.lower() not in VERDICT_VERBS or tok.dep_ not in ("relcl", "acl") or tok.head.i >= tok.i \
            or tok.head.pos_ not in ("NOUN", "PROPN"):
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subj is None or _relative_pronoun(subj) or subj.pos_ == "PRON":
        return None
    pred = next((c for c in tok.children if c.i > tok.i and (
        (c.dep_ == "prep" and c.lower_ == "as") or c.dep_ in ("oprd", "xcomp", "dobj"))), None)
    if pred is None:
        return None
    span = [i for i in range(pred.i, len(doc)) if qix.tok_quote[i] >= 0]
    if not span or span[0] > pred.right_edge.i + 1:
        return None
    qi = qix.tok_quote[span[0]]
    q0, q1 = qix.token_span(qi)
    return _quotation_of(doc, tok, subj, q0, q1)


def _quoted_verb(doc, tok, qix, results) -> Attribution | None:
    """A verb quoted as the speaker's own word ("China's embassy, in a post on its WeChat
    account, “strongly condemns” the attack and asks ...", "The ministry, in a statement,
    “firmly rejects” the claims"): the short quotation is the subject's statement, when the
    sentence names where it was said or the same subject speaks in a verb coordinated with it."""
    if tok.pos_ != "VERB" or tok.dep_ not in ("ROOT", "conj") or qix.tok_quote[tok.i] < 0:
        return None
    qi = qix.tok_quote[tok.i]
    q0, q1 = qix.token_span(qi)
    words = [t for t in doc[q0:q1] if not t.is_punct and not t.is_space]
    if not 1 <= len(words) <= 5 or any(t.dep_ in ("nsubj", "nsubjpass") for t in words):
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < q0), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN") or _relative_pronoun(subj):
        return None
    p_start, _ = _paragraph_tokens(doc, tok.i)
    if any(t.text == ":" for t in doc[p_start:q0]):
        return None  # the words of a label's speaker ("X, at a briefing: Japan must “stop ...”")
    occasion = any(c.dep_ == "prep" and c.i < q0 and c.i > subj.i and any(
        t.lemma_.lower() in OCCASION_NOUNS for t in c.subtree) for c in tok.children)
    spoken = any(a.cue_token == c.i for c in tok.children if c.dep_ == "conj" for a in results) \
        or any(c.dep_ == "conj" and c.lemma_.lower() in SPEECH_VERBS for c in tok.children)
    if not (occasion or spoken):
        return None
    return _quotation_of(doc, tok, subj, q0, q1)


STATEMENT_NOUNS = frozenset("""statement communiqué communique declaration post letter note message
tweet readout release resolution""".split())


def _verdict_in_statement(doc, tok, qix) -> Attribution | None:
    """A verdict given in a statement someone issued ("Serbia's foreign ministry has issued a
    statement calling the warrant “a dangerous political act” that “puts at risk the peace”",
    "published a communiqué describing the vote as “...”"): the quoted words, each quotation a
    statement, are the words of whoever issued it."""
    if tok.lemma_.lower() not in VERDICT_VERBS or tok.dep_ != "acl" or tok.tag_ != "VBG" \
            or tok.head.lower_ not in STATEMENT_NOUNS or tok.head.dep_ != "dobj":
        return None
    verb = tok.head.head
    subj = next((c for c in verb.children if c.dep_ in ("nsubj",) and c.i < verb.i), None)
    if subj is None or _relative_pronoun(subj) or subj.pos_ == "PRON":
        return None
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    last = tok.right_edge.i
    while last + 1 < len(doc) and qix.tok_quote[last + 1] >= 0 and doc[last + 1].text in QUOTE_PUNCT | {".", ","}:
        last += 1  # the closing mark after the sentence's full stop
    contents, seen = [], set()
    for i in range(obj.right_edge.i + 1, last + 1):
        qi = qix.tok_quote[i]
        if qi < 0 or qi in seen:
            continue
        seen.add(qi)
        q0, q1 = qix.token_span(qi)
        start, end = _strip(doc, q0, q1)
        if end > start:
            contents.append(_chars(doc, start, end))
    if not contents:
        return None
    return Attribution(cue=_chars(doc, tok.i, tok.i + 1), source=_chars(doc, *_source_span(doc, subj)),
                       contents=contents, kind="direct", cue_token=tok.i,
                       source_token=subj.i, score=0.9, via="quote")


def _cut_before_verdicts(doc, results: list[Attribution]) -> None:
    """A statement whose content runs on into another speaker's verdict on it after a dash
    ("now has 5,000 troops — a number that X called ...") ends before the dash."""
    verdicts = [a for a in results if a.via == "quote" and a.cue_token is not None
                and doc[a.cue_token].dep_ in ("relcl", "acl") and doc[a.cue_token].lemma_.lower() in VERDICT_VERBS]
    for v in verdicts:
        noun = doc[v.cue_token].head
        first = noun.left_edge.i
        if first == 0 or doc[first - 1].text not in DASHES | {","}:
            continue
        cut = doc[first - 1].idx
        for a in results:
            if a is v:
                continue
            s0, e0 = a.contents[0]
            if s0 < cut < e0 and e0 >= doc[v.cue_token].idx:
                s1, e1 = _strip(doc, doc_char_token(doc, s0), first - 1)
                if e1 > s1:
                    a.contents[0] = _chars(doc, s1, e1)


def doc_char_token(doc, char: int) -> int:
    """The index of the token at character ``char``."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


OCCASION_NOUNS = frozenset("""briefing conference meeting summit session statement interview speech address
event rally hearing post letter video message call broadcast programme program show forum gathering
assembly debate parliament reporters journalists press communiqué communique readout declaration
release note tweet podcast""".split())


def _misattached_that_clause(doc, tok) -> tuple[int, int] | None:
    """The "that" clause after a cue's prepositional phrase, parsed as modifying the phrase's
    noun ("said at a briefing that the bloc was ...")."""
    sent_end = sentence_of(doc, tok.i).end

    def that_mark(g):
        return next((m for m in g.children if m.dep_ == "mark" and m.lower_ == "that" and m.i < g.i), None)

    # "said at a press conference later that Germany would decide ..., and that it would ...":
    # parsed as an adverbial clause (and a conjunct) of the verb
    for c in tok.children:
        mark = that_mark(c) if c.dep_ == "advcl" and c.i > tok.i else None
        if mark is not None:
            end = c.right_edge.i + 1
            for d in tok.children:
                if d.dep_ == "conj" and d.i > c.i and that_mark(d) is not None:
                    end = max(end, d.right_edge.i + 1)
            return (mark.i, end)
    # (a phrase right after the person told: "told the Security Council in a report in
    # September that ...")
    told = [c.right_edge.i + 1 for c in tok.children if c.i > tok.i and (
        c.dep_ in ("dobj", "dative") or (c.dep_ == "prep" and c.lower_ == "to" and c.i == tok.i + 1))]
    # (or a phrase right after such phrases, one after the other: "told reporters at the airport
    # on his return that ...", "told reporters in Tarn after the talks on Friday that ...")
    reach = tok.i + 1
    for c in sorted((c for c in tok.children if c.i > tok.i), key=lambda c: c.i):
        if c.left_edge.i != reach or c.dep_ not in ("dobj", "dative", "prep", "npadvmod"):
            break
        told.append(c.i)
        reach = c.right_edge.i + 1
    for p in tok.children:
        # "said at a briefing that ...", "told a briefing that ..." (an occasion: not "cited a
        # report that ...", whose "that" clause says what the report is)
        if p.dep_ not in ("prep", "dobj") or p.i < tok.i or (p.i > tok.i + 3 and p.i not in told):
            continue
        noun = p if p.dep_ == "dobj" else next((c for c in p.children if c.dep_ == "pobj"), None)
        # "told reporters outside the venue that ...", "said in Geneva that ...": a place the
        # words were said in (its "that" clause, with a subject of its own, is what was said);
        # or a journey ("on his return", "on a visit to the port")
        place = p.dep_ == "prep" and noun is not None and noun.pos_ in ("NOUN", "PROPN") and (
            (p.lower_ in PLACE_PREPS and noun.lemma_.lower() not in DOCUMENT_WORDS)
            or (p.lower_ in ("on", "upon") and noun.lemma_.lower() in JOURNEY_NOUNS))
        if noun is None or (noun.lemma_.lower() not in OCCASION_NOUNS and not place and not (
                # ("said in a report that ...": a report the cue is made in, not one cited)
                p.dep_ == "prep" and p.lower_ == "in" and noun.lemma_.lower() == "report")) or (
                p.dep_ == "dobj" and tok.lemma_.lower() != "tell"):
            continue
        for g in p.subtree:
            if g.dep_ in ("relcl", "acl", "ccomp") and g.i > p.i and g.i < sent_end:
                mark = that_mark(g)
                if mark is not None and g.left_edge.i == mark.i:
                    return _and_that(tok, g, (mark.i, _subtree_span(g, exclude={
                        d for d in g.children if _other_speaker(d)})[1]))
                # "that" read as the relative clause's object although the clause has one of
                # its own ("told a briefing that Russia would consider only a mission"), or
                # after a place, with a subject of its own ("outside the venue that the two
                # heads had spoken")
                first = doc[g.left_edge.i]
                if first.lower_ == "that" and first.dep_ in ("dobj", "pobj") and first.head.i == g.i and (place or any(
                        c.dep_ in ("dobj", "attr", "ccomp", "acomp") and c.i > first.i for c in g.children)) \
                        and any(c.dep_ in ("nsubj", "nsubjpass") and c.i > first.i for c in g.children):
                    return _and_that(tok, g, (first.i, g.right_edge.i + 1))
                # (or as the determiner of the clause's subject, after a place: "told Reuters by
                # telephone from Taraz that snow had cut off ...")
                if first.lower_ == "that" and first.dep_ == "det" and place and first.head.i == first.i + 1 \
                        and first.head.dep_ in ("nsubj", "nsubjpass") and first.head.head.i == g.i \
                        and first.head.tag_ in ("NN", "NNS", "NNP", "NNPS"):
                    return _and_that(tok, g, (first.i, g.right_edge.i + 1))
    return None


PLACE_PREPS = frozenset("at in outside inside near after before during following from".split())
# the marks of a condition ("possible by March, but only if ...", "unless ...", "provided ...")
_CONDITION_MARKS = frozenset("if unless provided providing".split())
# what a speaker was on when the words were said ("told reporters on his return that ...")
JOURNEY_NOUNS = frozenset("return arrival departure visit trip tour way sidelines".split())
# what a "that" clause may describe rather than report ("in the belief that", "in a letter that")
DOCUMENT_WORDS = frozenset("""belief hope view fact idea claim expectation assumption knowledge
letter document article book paper study""".split())


def _and_that(tok, clause, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` of a misattached "that" clause, widened to a second "that" clause conjoined to
    the cue ("..., and that the next round would be held on Saturday")."""
    end = span[1]
    for d in tok.children:
        # (its "that" may be read as the determiner of the clause's subject: "and that household
        # energy bills could rise ...", the clause opening with it and a subject of its own)
        if d.dep_ == "conj" and d.i >= end and (
                any(m.dep_ == "mark" and m.lower_ == "that" and m.i < d.i for m in d.children)
                or (tok.doc[d.left_edge.i].lower_ == "that" and tok.doc[d.left_edge.i].dep_ == "det"
                    and any(c.dep_ in ("nsubj", "nsubjpass") and c.i < d.i for c in d.children))) \
                and all(t.is_punct or t.dep_ == "cc" for t in tok.doc[end:d.left_edge.i]):
            end = d.right_edge.i + 1
    return span[0], end


def _kind(doc, qix, start: int, end: int) -> str:
    inq = sum(1 for i in range(start, end) if qix.tok_quote[i] >= 0)
    if inq == 0:
        return "indirect"
    if inq >= (end - start) - 1:
        return "direct"
    return "mixed"


def _cue_span(doc, tok, qix, content_prep=None) -> tuple[int, int]:
    """The cue as PolNeAR marks it: the verb with its auxiliaries, negation and adverbs just
    before it ("has also said", "did not deny"), a particle ("pointed out"), the preposition
    whose object is the content ("called for"), a day right after it ("said Thursday") and a
    colon that introduces the quotation ("said:")."""
    start = tok.i
    while start > 0:
        prev = doc[start - 1]
        if prev.head.i == tok.i and prev.dep_ in ("aux", "auxpass", "neg", "advmod") and qix.tok_quote[prev.i] < 0:
            start -= 1
        else:
            break
    while start < tok.i and doc[start].dep_ == "advmod" and doc[start].lower_ not in ("also", "not", "never"):
        start += 1  # a sentence adverb ("Later, ...") is not part of the cue
    end = tok.i + 1
    while end < len(doc) and doc[end].head.i == tok.i and doc[end].dep_ == "prt":
        end += 1
    if content_prep is not None and content_prep.i >= end:
        end = content_prep.i + 1
    if end < len(doc) and doc[end].ent_type_ in ("DATE", "TIME"):
        when = next((c for c in tok.children if c.dep_ == "npadvmod" and c.left_edge.i == end), None)
        if when is not None:  # "said Thursday morning"
            end = when.right_edge.i + 1
    if end < len(doc) and doc[end].text == ":":
        end += 1
    return start, end


# verbs that put their subject after them in a parenthetical ("..., says X, ...", "..., argues X, ...")
_QUOTATIVE_INVERSION = frozenset("""say write argue add note insist warn explain observe recall contend
suggest maintain claim reckon believe think estimate predict concede admit reply answer counter
complain remark continue conclude""".split())
_NP_POS = frozenset(("DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM", "PART", "ADP", "CCONJ"))


def _interrupted_clause(doc, tok, qix):
    """A reporting verb set off by commas inside the clause it reports, before that clause's
    predicate: "The loss, says Doherty-Vance, is small"; "For the United States, says X, the
    practical loss is small"; "39 percent, he pointed out, still expected help";
    "Reparations, she wrote in response to questions, were ...". What is said is the whole
    clause (the parenthetical inside it), from the sentence's start (or a colon) to its end; the
    speaker is the subject inside the commas, before or after the verb, whatever the parser hung
    it on. ``(start, end, subject token, subject span)`` in tokens, or ``None``."""
    if tok.tag_ not in ("VBD", "VBZ", "VBP") or qix.tok_quote[tok.i] >= 0:
        return None
    sent = sentence_of(doc, tok.i)
    # the comma before: the subject between it and the verb, or the verb right after it
    left = tok.i - 1
    while left > sent.start and tok.i - left <= 7 and doc[left].text != ",":
        left -= 1
    if left <= sent.start or doc[left].text != ",":
        return None
    right = tok.i + 1
    while right < sent.end and right - tok.i <= 10 and doc[right].text != ",":
        right += 1
    if right >= sent.end - 1 or doc[right].text != ",":
        return None
    before = [t for t in doc[left + 1:tok.i]]
    after = [t for t in doc[tok.i + 1:right]]
    if any(qix.tok_quote[t.i] >= 0 or t.pos_ in ("VERB", "AUX") or t.text in ",;:" for t in before + after):
        return None
    if before:
        # "..., he pointed out, ...", "..., the ministry said, ...": a noun phrase, then the verb
        if any(t.pos_ not in _NP_POS and not (t.is_punct and t.text in ("-", "'s", "’s")) for t in before):
            return None
        # (after the verb only how or where it was said, "he pointed out", "she wrote in response
        # to questions", "he told state broadcaster ORTM"; not an object of its own: "Within
        # hours, Finnish authorities suspected the Eagle S, an oil tanker ...")
        if tok.lemma_.lower() not in SPEECH_VERBS or after and not (
                after[0].pos_ in ("ADP", "ADV") or after[0].dep_ == "prt" or tok.lemma_.lower() == "tell"):
            return None
        heads = [t for t in before if t.pos_ in ("NOUN", "PROPN", "PRON")]
        adp = next((t.i for t in before if t.pos_ == "ADP"), None)
        heads = [t for t in heads if adp is None or t.i < adp]
        if not heads or heads[-1].pos_ == "PRON" and heads[-1].lower_ not in ("he", "she", "they", "we", "it"):
            return None
        subj, src = heads[-1], (before[0].i, tok.i)
    else:
        # "..., says Doherty-Vance, ...": a name or a described source after the verb
        if tok.lemma_.lower() not in _QUOTATIVE_INVERSION:
            return None
        if not after or any(t.pos_ not in _NP_POS and not (t.is_punct and t.text in ("-", "'s", "’s"))
                            for t in after) or any(t.pos_ == "ADP" for t in after[:1]):
            return None
        heads = [t for t in after if t.pos_ in ("NOUN", "PROPN")]
        adp = next((t.i for t in after if t.pos_ == "ADP"), None)
        heads = [t for t in heads if adp is None or t.i < adp]
        if not heads or heads[-1].dep_ in ("dobj", "dative", "iobj"):
            return None  # (an object: "Her deputy, X, informed the envoys of Y, at a lunch, of ...")
        subj, src = heads[-1], (tok.i + 1, right)
    # the clause around it: from the sentence's start (after a colon or semicolon) to its end
    start = sent.start
    for k in range(sent.start, left):
        if doc[k].text in (":", ";") and qix.tok_quote[k] < 0:
            start = k + 1
    # (to the full stop, whatever the parser made a sentence: "In the end, he says, the process
    # died not with a no but with silence.")
    end = right + 1
    while end < len(doc) and not (doc[end].text in (".", "!", "?", ";") and qix.tok_quote[end] < 0) \
            and not (doc[end].is_space and "\n" in doc[end].text) and end - right < 120:
        if doc[end].text in (".", "!", "?") and qix.tok_quote[end] >= 0 and end + 1 < len(doc) \
                and qix.last_tok[qix.tok_quote[end]] == end + 1:
            # ('Israel, it says, has “won the war.” It adds ...': the full stop that closes a
            # quotation closes the sentence)
            end += 2
            break
        end += 1
    while end > right + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space) and qix.tok_quote[end - 1] < 0:
        end -= 1
    head_part, tail = doc[start:left], doc[right + 1:end]
    if not len(head_part) or not len(tail) or qix.tok_quote[left - 1] >= 0 or qix.tok_quote[right + 1] >= 0:
        return None
    # (the predicate comes after the parenthetical: nothing before it is a verb, and the rest
    # is no new clause of its own joined by "and")
    if any(t.pos_ in ("VERB", "AUX") for t in head_part) or any(t.is_space and "\n" in t.text for t in head_part):
        return None
    if not any(t.pos_ in ("VERB", "AUX") for t in tail) or tail[0].dep_ == "cc" or tail[0].lower_ in ("and", "but", "or"):
        return None
    return start, end, subj, src


def _verbal(doc, tok, qix, in_quote: bool) -> Attribution | None:
    inter = None if in_quote else _interrupted_clause(doc, tok, qix)
    if inter is not None:
        start, end, subj, (s0, s1) = inter
        start, end = qix.widen(*_strip(doc, start, end))
        s0, s1 = _strip(doc, s0, s1, keep_quotes=False)
        if end > start and s1 > s0:
            cue_s, cue_e = _cue_span(doc, tok, qix, None)
            return Attribution(cue=_chars(doc, cue_s, cue_e), source=_chars(doc, s0, s1),
                               contents=[_chars(doc, start, end)], kind=_kind(doc, qix, start, end),
                               cue_token=tok.i, source_token=subj.i, via="parenthetical")
    # a subject inside a quotation is the parser's mistake when the cue stands outside it
    outside = in_quote or (lambda c: qix.tok_quote[c.i] < 0)
    subjs = [c for c in tok.children if c.dep_ in ("nsubj", "csubj") and (in_quote or outside(c))]
    # a transcript's turn label the parser took for a second subject ("Bloomberg: Vietnam's
    # prime minister said ..."): the subject after the colon is the speaker
    if len(subjs) > 1:
        # (also "Question (Arjun Menon, The Hindu): A former commander told ...", "):" one token)
        subjs = [c for c in subjs if not (c.i < tok.i and any(_colon(t) for t in doc[c.i + 1:tok.i]))] or subjs
    if len(subjs) > 1:
        # "The dispute deepened after Kenya's envoy, X, wrote that ...": the subject that a
        # subordinator opens is the verb's; the one before belongs to the main clause
        near = max((c for c in subjs if c.i < tok.i), key=lambda c: c.i, default=None)
        if near is not None and near.left_edge.i > 0 and doc[near.left_edge.i - 1].lower_ in SUBORDINATE_PREPS:
            subjs = [near]
    if len(subjs) == 2 and subjs[0].i < subjs[1].i < tok.i and subjs[0].pos_ == "PROPN" \
            and subjs[0].left_edge.i == subjs[0].i and subjs[0].right_edge.i + 1 == subjs[1].left_edge.i \
            and subjs[1].ent_type_ == "PERSON":
        # "PAGASA weather specialist Lorena Dizon-Aquino told ...": an agency's name before
        # the title and name of its staff, which the parser split off as a second subject;
        # the person speaks
        subjs = [subjs[1]]
    subj = subjs[0] if subjs else None
    if subj is not None and subj.lower_ in ("that", "this") and subj.i < tok.i and tok.tag_ == "VBG" \
            and tok.dep_ == "advcl" and any(t.text == "," for t in doc[subj.i + 1:tok.i]):
        # "X disputes that, saying ...": the object of the verb before the participle, which
        # the parser took for the participle's subject; the speaker is the verb's subject
        subj = None
    passive_subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    source_tok = subj
    if source_tok is None and passive_subj is not None:
        source_tok = _passive_agent(tok)
    if source_tok is None and passive_subj is None and tok.tag_ == "VBN" and tok.dep_ == "ROOT" \
            and tok.i == sentence_of(doc, tok.i).start:
        # "Posted by the Ministry of Energy on Facebook:" over a block quote (a live blog's
        # label, no subject): the agent posted it
        source_tok = _passive_agent(tok)
    if source_tok is None and passive_subj is None and tok.dep_ in ("ROOT", "ccomp", "parataxis"):
        # '"...," said the mayor': the parser often takes a postposed subject for an object
        nxt = next((c for c in tok.children if c.i > tok.i and c.dep_ in ("dobj", "attr", "npadvmod", "dative", "appos")
                    and c.pos_ in ("PROPN", "NOUN") and (c.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                                                         or c.pos_ == "PROPN" or c.lemma_.lower() in ROLE_NOUNS)), None)
        if nxt is not None and nxt.i - tok.i <= 3 and _quote_before(doc, qix, tok):
            source_tok = nxt
    tail_source = None
    if source_tok is None and passive_subj is None:
        tail_source = _subject_in_tail(doc, tok)
        source_tok = tail_source
    if source_tok is None and passive_subj is None:
        source_tok = _stranded_subject(tok)
    if source_tok is None and passive_subj is None:
        source_tok = _inherited_subject(tok)
    if source_tok is None and passive_subj is None:
        # "A negotiator for the Alliance, asked about the figure, said ...": the parser hung the
        # subject on the participle set off by commas before the cue
        for c in tok.children:
            if c.dep_ == "advcl" and c.i < tok.i and c.tag_ in ("VBN", "VBG", "VBD") and doc[c.i - 1].text == "," \
                    and doc[c.right_edge.i + 1].text == "," and c.right_edge.i + 2 == tok.i:
                sj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and g.i < c.i
                           and g.pos_ in ("NOUN", "PROPN")), None)
                if sj is not None and qix.tok_quote[sj.i] < 0:
                    source_tok = sj
                    break
    if source_tok is None and passive_subj is None and tok.lemma_.lower() in SPEECH_VERBS:
        # "A fisheries specialist at the secretariat in Vientiane, who asked not to be named,
        # told me ...": the parser made a verb of the head noun ("fisheries" its subject) and
        # hung it on the cue; the noun phrase that opens the sentence is the subject
        for c in tok.children:
            if c.dep_ == "advcl" and c.pos_ == "NOUN" and c.i < tok.i and qix.tok_quote[c.i] < 0 \
                    and c.left_edge.i == sentence_of(doc, tok.i).start \
                    and doc[c.left_edge.i].lower_ in ("a", "an", "the") \
                    and (c.right_edge.i + 1 == tok.i or (doc[c.right_edge.i + 1].text == ","
                                                         and c.right_edge.i + 2 == tok.i)):
                source_tok = c
                break
    if source_tok is None and passive_subj is None and tok.lemma_.lower() in SPEECH_VERBS and tok.dep_ == "acl" \
            and tok.tag_ in ("VBN", "VBD") and tok.i > 1 and doc[tok.i - 1].text == "," and tok.head.i < tok.i \
            and tok.head.pos_ == "NOUN" and qix.tok_quote[tok.head.i] < 0 and any(
                c.dep_ == "appos" and c.ent_type_ == "PERSON" and c.right_edge.i + 2 == tok.i for c in tok.head.children):
        # "Lithuania's foreign minister, Darius Juknevičius, posted on X:": the parser read the
        # past tense after a role and its name in apposition as a participle on the role; the
        # role (and so its name) is the subject
        source_tok = tok.head
    if source_tok is None and passive_subj is None and tok.lemma_.lower() in SPEECH_VERBS and tok.i > 0 \
            and tok.dep_ == "ROOT":
        # "Speaking at a press conference in Doha, Qatar's chief mediator X said ...": the parser
        # hung the subject on the opening phrase; the name right before the cue is the speaker
        prev = doc[tok.i - 1]
        if prev.pos_ == "PROPN" and prev.ent_type_ in ("PERSON", "ORG") and qix.tok_quote[prev.i] < 0 \
                and prev.head.i != tok.i and prev.dep_ in ("appos", "pobj", "conj", "compound"):
            source_tok = prev
    if source_tok is not None and source_tok.i < tok.i:
        # a turn label before a colon taken for the subject ("Question (Kavita Rao, The Daily):
        # A retired air marshal told ..."): the speaker is what stands between colon and cue
        colon = next((t.i for t in doc[source_tok.i + 1:tok.i] if _colon(t)), None)
        if colon is not None and qix.tok_quote[colon] < 0:
            roots = [t for t in doc[colon + 1:tok.i] if not (colon < t.head.i < tok.i) and t.pos_ in ("NOUN", "PROPN", "PRON")]
            if roots:
                source_tok = roots[-1]
    span_tok = source_tok  # the mention marked as source: "who" in "Smith, who said ..." (PolNeAR)
    if source_tok is not None and _relative_pronoun(source_tok) and tok.dep_ == "relcl":
        source_tok = tok.head  # ... and the one it stands for, to resolve the speaker: Smith
        # (a description in apposition to a name, "said Ana Ruiz, a nurse from Lobito who said
        # ...": the one it describes, the named person)
        if source_tok.dep_ == "appos" and source_tok.pos_ == "NOUN" and source_tok.head.i < source_tok.i \
                and source_tok.head.ent_type_ == "PERSON" and source_tok.head.pos_ == "PROPN":
            source_tok = source_tok.head
    if source_tok is not None and source_tok.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "X", "ADJ", "DET") \
            and not (source_tok.pos_ == "ADV" and _surname_named_before(doc, source_tok)) \
            and not _name_word_as_verb(doc, source_tok):
        source_tok = span_tok = None  # a clause is no source ("that those who question ...")
    if span_tok is None or source_tok is None or span_tok.i != source_tok.i and not _relative_pronoun(span_tok):
        span_tok = source_tok
    content = None
    content_prep = None
    recipient = None
    spans_cue = False
    for c in tok.children:
        if c.dep_ == "dobj" and (c.lower_ in RECIPIENTS or c.ent_type_ == "PERSON" or c.pos_ == "PRON"):
            recipient = c
        elif c.dep_ in ("dobj", "dative") and tok.lemma_ == "tell" and c.ent_type_ == "ORG" and c.pos_ == "PROPN":
            recipient = c  # "told the BBC", "told Reuters": an outlet
    # 1. clausal complement (the nearest, if the parse gives several)
    via = "clause"
    cc = [c for c in tok.children if c.dep_ in CLAUSE_DEPS and sentence_of(doc, c.i).start == sentence_of(doc, tok.i).start
          # (not a clause that opens with someone else's parenthetical "the ministry said,":
          # the parser's mistake, that cue reports this verb's clause)
          and not any(p.dep_ == "parataxis" and p.lemma_.lower() in SPEECH_VERBS and p.left_edge.i == c.left_edge.i
                      and any(g.dep_ == "nsubj" for g in p.children) for p in c.children)
          and not _before_semicolon(doc, c, tok) and not _asked_aside(c, tok)
          # (nor the writer's own time clause the parser hung as a complement: "she said when we
          # last spoke", "he said when I called him")
          and not (c.i > tok.i and doc[c.left_edge.i].lower_ == "when" and c.left_edge.i + 1 < len(doc)
                   and doc[c.left_edge.i + 1].lower_ in ("i", "we") and qix.tok_quote[c.left_edge.i] < 0)
          # (nor a clause that ends at a colon before a parenthetical cue: "X said he read the poll
          # differently: 39 percent, he pointed out, still ...": the colon closes X's clause)
          and not (c.right_edge.i < tok.i and any(_colon(doc[k]) and qix.tok_quote[k] < 0
                                                  for k in range(c.i + 1, tok.i)))
          # (nor someone else's statement before the cue across a semicolon: "Officials say
          # ...; Eritrea denies ...")
          and not (c.i < tok.i and any(t.text == ";" for t in doc[c.right_edge.i + 1:tok.i])
                   and c.lemma_.lower() in SPEECH_VERBS and any(g.dep_ == "nsubj" for g in c.children))]
    if source_tok is None and any(d.dep_ == "dobj" and d.i > tok.i and d.pos_ in ("NOUN", "PRON") and not d.ent_type_
                                  and d.lemma_.lower() not in ROLE_NOUNS for d in tok.children):
        # "Begum listens, then adds something he did not say": a verb with no subject and an
        # object of its own after it reports no clause before it (the parser's "X, adds Y")
        cc = [c for c in cc if c.i > tok.i]
    if len(cc) > 1:
        # "told the state broadcaster KTV the number was ...": a name the parser took for a
        # clause of its own (a noun, or a word in capitals it tagged as a verb), before the
        # clause that is said, is whom it was told
        cc = [c for c in cc if not (c.i > tok.i and (
            (c.pos_ in ("NOUN", "PROPN") and not any(g.pos_ in ("VERB", "AUX") for g in c.subtree))
            or (c.left_edge.i == c.right_edge.i and c.is_alpha and c.is_upper and len(c) >= 2))
            and any(x.i > c.i and x.pos_ in ("VERB", "AUX") for x in cc))]
    if cc:
        colon_after = tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":"
        c = min(cc, key=lambda x: (colon_after and x.i < tok.i,  # "X, Kall said: "Y"": Y
                                   min(abs(x.right_edge.i - tok.i), abs(x.left_edge.i - tok.i))))
        content = _subtree_span(c, exclude={d for d in c.children if _coordinated_cue(d) or _other_speaker(d)})
        head = tok.head
        if c.i < tok.i and tok.dep_ == "ccomp" and head.i < c.left_edge.i and head.pos_ in ("VERB", "AUX") \
                and source_tok is not None and source_tok.i < tok.i and c.right_edge.i < source_tok.left_edge.i \
                and doc[source_tok.left_edge.i - 1].text == "," and qix.tok_quote[source_tok.i] < 0 \
                and sentence_of(doc, head.i).start == sentence_of(doc, tok.i).start \
                and head.left_edge.i == sentence_of(doc, tok.i).start:
            # "The audit found that 38 vessels, most of them ..., had under-declared their
            # catches, spokesman X told reporters": the parser made the postposed "X told
            # reporters" a clause of "found" and hung the last words on "told"; what X said is
            # the whole sentence before the comma that sets off the source
            content = (head.left_edge.i, source_tok.left_edge.i - 1)
        # ("said in a statement that the change would cost ... and put at risk projects worth $5
        # billion": the parser hung the "that" clause on "statement" and made its last words the
        # cue's complement; the content is the clause through them)
        if c.i > tok.i and tok.lemma_.lower() in SPEECH_VERBS and not any(m.dep_ == "mark" for m in c.children):
            mis = _misattached_that_clause(doc, tok)
            if mis is not None and tok.i < mis[0] and mis[1] == content[0]:
                content = (mis[0], content[1])
        # ("said later on Tuesday, in a post on Facebook, that ...": a phrase set off by commas
        # before the clause's "that", which the parser hung on the clause, is the cue's occasion)
        mark = next((m for m in c.children if m.dep_ == "mark" and m.lower_ == "that"), None)
        if mark is not None and tok.i < content[0] < mark.i and doc[mark.i - 1].text == "," \
                and doc[content[0] - 1].text == "," and doc[content[0]].dep_ == "prep" \
                and doc[content[0]].head.i == c.i and doc[content[0]].right_edge.i == mark.i - 2:
            content = (mark.i, content[1])
        semi = next((t for t in doc[c.left_edge.i:c.i] if t.text == ";" and t.head.i == c.i), None) \
            if c.i > tok.i else None
        if semi is not None and any(g.dep_ == "nsubj" and (c.lemma_.lower() in SPEECH_VERBS or semi.i < g.i < c.i)
                                    for g in c.children):
            # "Officials say A; Sylvania denies B" parsed with "denies" as what is said and A
            # hung on it: the content is A, up to the semicolon (also when the verb after the
            # semicolon is none of speech, its subject after the semicolon: "Kenya says A;
            # Uganda, which ..., has never accepted the result, and says B")
            d = next((x for x in c.children if x.dep_ == "ccomp" and x.right_edge.i < semi.i), None)
            if d is not None:
                content = _subtree_span(d)
        # "thinks a deal is possible by March, but only if Senegal “publishes first ...”": a
        # condition the parser made a conjunct of the cue (a conjunct takes no "if"), right after
        # the clause, is the clause's own condition and goes on with it
        if c.i > tok.i:
            for d in tok.children:
                if d.dep_ == "conj" and d.i > c.right_edge.i and d.lemma_.lower() not in SPEECH_VERBS \
                        and any(g.dep_ == "mark" and g.lower_ in _CONDITION_MARKS and g.i < d.i for g in d.children) \
                        and all(doc[k].is_punct or doc[k].dep_ in ("cc", "advmod") or doc[k].lower_ in _CONDITION_MARKS
                                for k in range(content[1], d.left_edge.i)):
                    end = d.right_edge.i + 1
                    if qix.tok_quote[end - 1] >= 0:  # (to the end of a quotation it opens)
                        end = max(end, qix.last_tok[qix.tok_quote[end - 1]] + 1)
                    content = (content[0], end)
                    break
        # "told the BBC that Kigali supported the process “without reservation” but would not lift
        # ...": a conjunct with no subject of its own and a modal of reported speech, hung on the
        # cue by the parser, continues the "that" clause
        if any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            for d in tok.children:
                if d.dep_ == "conj" and d.i > c.right_edge.i and d.pos_ in ("VERB", "AUX") \
                        and not any(g.dep_ in SUBJ_DEPS for g in d.children) \
                        and any(g.dep_ == "aux" and g.lower_ in ("would", "could", "might", "should") for g in d.children) \
                        and all(doc[k].is_punct or doc[k].dep_ == "cc" for k in range(c.right_edge.i + 1, d.left_edge.i)):
                    content = (content[0], d.right_edge.i + 1)
                # ("told reporters that Moscow was “not a party” and attended Oslo only as an
                # observer": a past verb with no subject, joined by a bare "and" right after a
                # quotation that closes the clause, is no cue of its own and goes on with it)
                elif d.dep_ == "conj" and d.i > c.right_edge.i and d.pos_ == "VERB" and d.tag_ == "VBD" \
                        and d.lemma_.lower() not in SPEECH_VERBS and d.lemma_.lower() not in COGNITION_VERBS \
                        and not any(g.dep_ in SUBJ_DEPS for g in d.children) \
                        and qix.tok_quote[c.right_edge.i] >= 0 and qix.tok_quote[c.right_edge.i - 1] >= 0 \
                        and d.left_edge.i == c.right_edge.i + 2 and doc[c.right_edge.i + 1].lower_ == "and":
                    content = (content[0], d.right_edge.i + 1)
        if c.i > tok.i:
            for d in sorted(tok.children, key=lambda x: x.i):
                if d.i <= c.right_edge.i or d.left_edge.i < content[1] \
                        or sentence_of(doc, d.i).start != sentence_of(doc, tok.i).start:
                    continue
                first = doc[d.left_edge.i]
                e = content[1]
                while e > content[0] and (doc[e - 1].dep_ == "cc" or doc[e - 1].text == ","):
                    e -= 1
                between = doc[e:d.left_edge.i]
                # "told the AP that the figure was “not what was signed” and that the fee agreed
                # was 0.62 dollars": a second "that" clause the parser made another complement of
                # the cue, not a conjunct of the first, is the same statement (one verb, one
                # statement: round 15's convention)
                if d.dep_ == "ccomp" and first.lower_ == "that" and first.dep_ == "mark" \
                        and doc[c.left_edge.i].lower_ == "that" and doc[c.left_edge.i].dep_ == "mark" \
                        and len(between) <= 3 and any(t.lower_ == "and" for t in between) \
                        and all(t.is_punct or t.lower_ == "and" for t in between):
                    content = (content[0], d.right_edge.i + 1)
                # "said the bloc was “following closely” because the line carries ...": the
                # reason the parser hung on the cue, right after the reported clause, is the
                # speaker's reason, part of what was said
                elif d.dep_ == "advcl" and first.lower_ == "because" and first.dep_ == "mark" \
                        and first.head.i == d.i and all(t.text in QUOTE_PUNCT for t in between) \
                        and tok.lemma_.lower() in ("say", "tell", "argue", "insist", "add", "explain", "write"):
                    content = (content[0], d.right_edge.i + 1)
                break
    # 1a. "The audit found that A, spokesman X told reporters.": a cue closing its sentence after
    # a comma, which the parser hung as a complement on the sentence's first verb, reports all
    # that comes before it
    if tok.dep_ in ("ccomp", "conj") and tok.head.dep_ == "ROOT" and tok.head.i < tok.i and tok.lemma_.lower() in ("tell", "say") \
            and source_tok is not None and tok.head.i < source_tok.i < tok.i and qix.tok_quote[tok.i] < 0:
        sent_ = sentence_of(doc, tok.i)
        comma = source_tok.left_edge.i - 1
        if comma > tok.head.i and doc[comma].text == "," and qix.tok_quote[comma] < 0 \
                and doc[tok.head.left_edge.i].i == sent_.start \
                and not any(c.dep_ in CLAUSE_DEPS and c.i > tok.i for c in tok.children) \
                and not any(qix.tok_quote[k] >= 0 for k in range(tok.i, sent_.end)) \
                and any(g.dep_ == "nsubj" and g.i < tok.head.i for g in tok.head.children) \
                and not any(t.text in (";", ":") for t in doc[sent_.start:comma]):
            content, via = (sent_.start, comma), "clause"
    # 1b. "said at a briefing that ...", "said in a statement issued by his office that ...": a
    # "that" clause the parser hung on the prepositional object (as a relative clause) is the
    # verb's complement all the same ("that" marks it, it is no relative pronoun)
    if content is None and tok.lemma_.lower() in SPEECH_VERBS:
        content = _misattached_that_clause(doc, tok)
        if content is not None and doc[content[1] - 1].dep_ == "cc":
            # "... that 50 civilians were killed and 120 wounded": the parser made the second
            # conjunct the cue's object; it continues the clause
            more = next((c for c in tok.children if c.dep_ == "dobj" and c.left_edge.i == content[1]), None)
            if more is not None:
                content = (content[0], more.right_edge.i + 1)
    # 1c. "accused “certain media” of spreading rumours", "accused the ministry of lying": the
    # one accused with the charge (not the quoted name of the one accused alone)
    if content is None and tok.lemma_.lower() == "accuse":
        target = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
        prep = None if target is None else next(
            (c for c in list(tok.children) + list(target.children)
             if c.dep_ == "prep" and c.lower_ == "of" and c.i > target.i), None)
        charge = None if prep is None else next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
        if charge is not None:
            content, via = (target.left_edge.i, _subtree_span(charge)[1]), "object"
            # (a quotation right after it, which the parser hung on the cue, goes on with it)
            if content[1] < len(doc) and qix.tok_quote[content[1]] >= 0 and qix.tok_quote[content[1] - 1] < 0:
                content = (content[0], qix.last_tok[qix.tok_quote[content[1]]] + 1)
    # 1b. "told reporters as she left the ministry that ...": the that-clause the parser hung on
    # a clause of time after the cue (whose verb is no act of speech) is the cue's
    if content is None and tok.lemma_.lower() in ("tell", "say"):
        adv = next((c for c in tok.children if c.dep_ == "advcl" and c.i > tok.i
                    and any(g.dep_ == "mark" and g.lower_ in ("as", "when", "while") for g in c.children)
                    and c.lemma_.lower() not in SPEECH_VERBS), None)
        that = next((g for g in adv.children if g.dep_ == "ccomp" and g.i > adv.i
                     and doc[g.left_edge.i].lower_ == "that" and g.left_edge.i > adv.i + 1), None) \
            if adv is not None else None
        if that is not None and qix.tok_quote[that.left_edge.i] < 0:
            content, via = (that.left_edge.i + 1, that.right_edge.i + 1), "clause"
    # 2. adjacent quotation
    if content is None:
        # (a subject inherited from the first of two coordinated cues is no part of this one's clause)
        content = _adjacent_quote(doc, tok, qix, None if _coordinated_cue(tok) else source_tok)
        via = "quote"
        lem = tok.lemma_.lower()
        obj_ = next((c for c in tok.children if c.dep_ == "dobj" and tok.i < c.i and content is not None
                     and c.right_edge.i < content[0] and c.pos_ in ("NOUN", "PROPN") and c.ent_type_ != "PERSON"
                     and c.lower_ not in RECIPIENTS and (recipient is None or c.i != recipient.i)), None)
        if obj_ is not None and (lem in SPEECH_VERBS or lem in COGNITION_VERBS) \
                and _quote_in_prep(doc, content, tok) and qix.tok_quote[content[0] - 1] < 0 \
                and all(qix.tok_quote[k] < 0 and heads_up_to(doc[k], tok) and doc[k].lemma_.lower() not in SPEECH_VERBS
                        for k in range(obj_.left_edge.i, content[0])):
            # "expects a deal by the end of March, when the review falls due, at a haircut “with a
            # 15 in front of it.”": a quoted phrase inside a prepositional phrase of the cue,
            # after its object, is no quotation of its own; what is said runs from the object to
            # the quotation's end (not "called the shooting down “an act of aggression”", a
            # name given to the object)
            content = (obj_.left_edge.i, content[1])
        elif content is not None and content[0] > tok.i and tok.lemma_.lower() in SPEECH_VERBS:
            # "Bookings came to about 40,000, he said, “and most of them were moved to March”": a
            # quotation that goes on with the sentence (in lower case) continues the clause
            # before the source; the content runs from that clause to the quotation's end
            first = next((t for t in doc[content[0]:content[1]] if t.is_alpha), None)
            pre = _clause_before_postposed_source(doc, tok, source_tok, qix) \
                if first is not None and first.is_lower else None
            if pre is not None and not any(qix.tok_quote[k] >= 0 for k in range(pre[0], pre[1])):
                content, via, spans_cue = (pre[0], content[1]), "parenthetical", True
        elif content is not None and content[1] <= tok.i and tok.lemma_.lower() in SPEECH_VERBS:
            # 'Damage at four bases was "limited", she says': a quoted phrase that ends the
            # clause the sentence opens with, the source postposed; the content is that clause
            pre = _clause_before_postposed_source(doc, tok, source_tok, qix)
            if pre is not None and pre[0] < content[0] and content[1] <= pre[1] + 1 \
                    and any(t.pos_ in ("VERB", "AUX") and qix.tok_quote[t.i] < 0 for t in doc[pre[0]:content[0]]):
                content, via = (pre[0], max(pre[1], content[1])), "parenthetical"
    # 3. infinitival complement, prepositional object taken by the verb, or nominal object
    obj = next((c for c in tok.children if c.dep_ == "dobj" and (recipient is None or c.i != recipient.i)), None)
    if content is None:
        x = next((c for c in tok.children if c.dep_ in ("xcomp", "oprd") and c.i > tok.i), None)
        appeal_on = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                          and c.i == tok.i + 1), None)
        if x is None and appeal_on is not None:
            # "called on Velmar in a statement in March to “take steps”": the parser hung the
            # appeal's infinitive on the verb as an adverbial clause
            x = next((c for c in tok.children if c.dep_ == "advcl" and c.i > appeal_on.i
                      and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
            if x is not None:
                obj = next((g for g in appeal_on.children if g.dep_ == "pobj"), obj)
                content_prep = appeal_on  # the cue is "called on", as PolNeAR marks it
        elif x is not None and obj is None and tok.lemma_.lower() == "call" and _coordinated_cue(tok):
            # ("said A and called on Velmar to publish ...", a second act of speech: the appeal
            # runs from the one called on, whether the parser made "on" a preposition or a particle)
            on = next((c for c in tok.children if c.dep_ in ("prep", "prt") and c.lower_ in ("on", "upon")
                       and c.i == tok.i + 1), None)
            obj = next((g for g in on.children if g.dep_ == "pobj" and g.i < x.i), None) if on is not None else None
        if x is not None and x.dep_ == "oprd" or (
                x is not None and any(g.dep_ == "aux" and g.lower_ == "to" for g in x.children)):
            content = _subtree_span(x)
            via = "complement"
            # "urged police to release ...", "called the charges unsubstantiated": from the object on
            target = recipient if recipient is not None and recipient.i > tok.i else obj
            if target is not None and target.i < x.i:
                content = (target.left_edge.i, content[1])
    # (a passive participle of accusing, "went on trial, charged with fraud", "X, accused of
    # bribery": what the subject is accused of, by nobody the sentence names, is no one's words)
    accused = tok.tag_ == "VBN" and tok.lemma_.lower() in ("charge", "accuse", "indict", "convict") \
        and not any(g.dep_ == "aux" and g.lemma_.lower() == "have" for g in tok.children) \
        and not any(g.dep_ == "agent" for g in tok.children)
    if content is None and not accused:
        for c in tok.children:
            if c.dep_ == "prep" and c.i > tok.i and c.i <= tok.i + 2 and c.lower_ in CONTENT_PREPS:
                pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                if pobj is not None and c.lower_ == "on" and _platform(doc, pobj):
                    continue  # "wrote on X:", "posted on Telegram a video": where, not what
                if pobj is not None and pobj.ent_type_ in ("DATE", "TIME") and c.right_edge.i == pobj.right_edge.i \
                        and all(t.ent_type_ in ("DATE", "TIME") or t.dep_ == "det" for t in pobj.subtree):
                    continue  # "repeated on Wednesday": when, not what
                if pobj is not None:
                    content_prep = c
                    via = "complement"
                    content = _subtree_span(pobj)
                    break
    if content is None and obj is not None:
        caption = _caption_quote(doc, tok, obj, qix)
        if caption is not None:
            # "posted on X a photo of its delegation, with the line: “...”": the words posted
            content, via = caption, "quote"
    if content is None and obj is not None and tok.lemma_.lower() in _TELLING_VERBS:
        # "informs the public that between April 21 and May 12 a total of 23,914 people were
        # repatriated", parsed as a relative clause on the object: a "that" with a subject after
        # it is no relative pronoun, the clause after it is what the listener is told
        rel = next((c for c in obj.children if c.dep_ == "relcl" and c.i > obj.i), None)
        that = rel.left_edge if rel is not None else None
        if rel is not None and that is not None and that.lower_ == "that" and that.i == obj.i + 1 \
                and any(c.dep_ in ("nsubj", "nsubjpass") and c.i != that.i and c.i > that.i for c in rel.children):
            # (to the end of what the verb governs: the phrases the parser hung on the verb after
            # the clause, ", the majority of them to X, in compliance with Y", are the clause's)
            content, via = (that.i + 1, max(rel.right_edge.i, min(tok.right_edge.i, sentence_end(doc, tok.i) - 1)) + 1), "clause"
    if content is None and obj is not None:
        content = _subtree_span(obj)
        via = "object"
        # "cited X as examples of Y": the object with its secondary predicate; "accused the
        # government of “using ...”", "criticised X for ...": with what the object is charged with
        for c in tok.children:
            if c.i > obj.right_edge.i and c.dep_ == "prep" and (c.lower_ == "as" or (
                    c.lower_ in ("of", "for", "over", "against") and c.i == obj.right_edge.i + 1
                    and tok.lemma_.lower() in SPEECH_VERBS)):
                content = (content[0], c.right_edge.i + 1)
                # "welcomed the final text on Monday as “the first good news in years”": the
                # words quoted for what it was called are what was said, not the thing named
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if c.lower_ == "as" and pobj is not None and c.i + 1 < len(doc) \
                        and qix.tok_quote[c.i + 1] >= 0 and qix.tok_quote[c.i] < 0 \
                        and qix.last_tok[qix.tok_quote[c.i + 1]] + 1 >= c.right_edge.i:
                    q = qix.tok_quote[c.i + 1]
                    content, via = (c.i + 1, max(qix.last_tok[q] + 1, c.right_edge.i + 1)), "quote"
    # 4. the verb is a parenthetical inside the clause it reports: "X, he said, is Y"
    if content is None and tok.dep_ in ("parataxis", "ccomp") and tok.head.i != tok.i \
            and source_tok is not None:
        head = tok.head
        start, end = _subtree_span(head, exclude={tok})
        if head.i > tok.i and any(c.dep_ == "mark" and c.lower_ in ("after", "before", "as", "while", "when", "since")
                                  for c in head.children) and source_tok.i < tok.i:
            # "X agreed to extend the truce, the ministry said, hours after talks had appeared
            # to collapse": the parser hung the cue on the adverbial clause after it; what it
            # reports is the clause before the source
            s0, s1 = _strip(doc, sentence_of(doc, tok.i).start, source_tok.left_edge.i)
            s0 = _after_dateline(doc, s0, s1)
            if s1 > s0 and any(t.pos_ in ("VERB", "AUX") for t in doc[s0:s1]):
                start, end = s0, s1
        elif head.i < tok.i and end <= tok.i:
            # "She knows, she says, of at least 15 who have gone": the clause goes on after the
            # parenthetical with its verb's own complement, which is what is reported (the
            # longer side is kept below, when the content would swallow the cue)
            after = [c for c in head.children if c.i > tok.right_edge.i and qix.tok_quote[c.i] < 0
                     and c.dep_ in ("prep", "dobj", "attr", "acomp", "ccomp", "xcomp", "oprd")]
            last = max((c.right_edge.i for c in after), default=-1) + 1
            # (only a subject and its verb before the parenthetical: not a whole clause with a
            # postposed source, "X agreed to a ceasefire, Malaysia said, after five days ...")
            bare = all(c.dep_ in ("nsubj", "aux", "neg", "advmod", "punct") for c in head.children if c.i < tok.i) \
                and tok.left_edge.i - start <= 4
            if after and bare and last - tok.right_edge.i > tok.left_edge.i - start:
                end = last
        if start < end:
            content = (start, end)
            via = "parenthetical"
    # 4b. "A tanker and a trawler collided on Tuesday ..., the coastal agency said, releasing
    # footage ...": the clause before a postposed "SOURCE said," is what was said, however the
    # parser hung it; a participle after the cue is what the source did, not its words
    if (content is None or (via in ("parenthetical", "complement", "object") and content[0] > tok.i
                            and doc[content[0]].tag_ == "VBG")) and tok.lemma_.lower() in SPEECH_VERBS:
        pre = _clause_before_postposed_source(doc, tok, source_tok, qix)
        if pre is not None:
            content, via = pre, "parenthetical"
    # 5. "X wrote:" closing a paragraph: the next paragraph is the quotation (a block quote)
    block = []
    if content is not None and via != "quote" and content[1] <= sentence_of(doc, tok.i).end:
        # "The union urges the ministry to:" over a numbered or bulleted list: the items are what
        # it urges, not the dangling "to" or the objects before the colon
        items = _list_after_colon(doc, tok)
        if items and content[1] <= items[0][0]:
            content = None
    if content is None:
        block = _block_quote(doc, tok)
        if block:
            content = block[0]
            if doc[content[0]].text == ">" and content[1] > content[0] + 1:
                content = (content[0] + 1, content[1])  # a block quote's "> " left in plain text
            via = "block"
    if content is None:
        return None
    if tail_source is not None and content[0] <= tail_source.i < content[1]:
        content = (content[0], tail_source.left_edge.i)  # the clause ends before the subject's comma
    start, end = _strip(doc, *content)
    if end <= start:
        return None
    if via in ("clause", "parenthetical") and tok.i < end:
        end = _past_false_sentence_break(doc, qix, end)
    if via == "clause" and start == tok.i + 1 and end - start > 3:
        # "said the next day, 40 boats were searched": the time, set off by a comma right after
        # the cue, is when it was said (the parser hung it on the clause)
        t = doc[start]
        while t.head.i != t.i and t.dep_ not in ("npadvmod", "advmod") and start <= t.head.i < end:
            t = t.head
        if t.dep_ == "npadvmod" and t.left_edge.i == start and t.right_edge.i + 1 < end \
                and doc[t.right_edge.i + 1].text == "," and t.head.i > t.right_edge.i \
                and all(x.ent_type_ in ("DATE", "TIME") for x in doc[start:t.right_edge.i + 1]):
            start = t.right_edge.i + 2
    if via == "clause" and tok.lemma_.lower() == "tell" and start > tok.i and end - start > 2:
        # "told the state broadcaster ERRB the damage was ...": the outlet's name, in capitals
        # right after whom the cue names as told, is no part of what was said
        first = doc[start]
        told = any(c.dep_ in ("dobj", "dative") and c.i > tok.i and c.right_edge.i + 1 == first.i for c in tok.children)
        if told and first.is_alpha and first.is_upper and len(first) >= 2 and qix.tok_quote[first.i] < 0 \
                and doc[first.i + 1].is_lower:
            start += 1
    # "said the bigger cost was political: “Europe has promised ...”": the quotation the
    # clause announces with a colon belongs to it
    if via == "clause" and end + 1 < len(doc) and end > tok.i and doc[end].text == ":" \
            and qix.tok_quote[end + 1] >= 0 and qix.tok_quote[end] < 0:
        end = qix.last_tok[qix.tok_quote[end + 1]] + 1
    start, end = qix.widen(start, end)
    if via not in ("quote", "block") and end > tok.i:
        end = _before_dash_aside(doc, qix, start, end)
    if via in ("clause", "parenthetical") and end <= tok.i:
        # ("the surplus was $7 billion — which makes the claim hard to square, officials point
        # out": what the source points out is the clause after the dash)
        dash = next((t.i for t in doc[start:end] if t.text in _ASIDE_DASHES and qix.tok_quote[t.i] < 0
                     and t.i + 1 < end and doc[t.i + 1].lower_ == "which"), None)
        if dash is not None:
            start = dash + 1
    # "“...,” Tulsa police Chief Jordan said": a quotation before the cue ends the content, even
    # when the parse hangs words of the source on the quoted clause
    qs = qix.tok_quote[start]
    if qs >= 0 and tok.i >= end - 1 and qix.last_tok[qs] + 1 < end \
            and all(qix.tok_quote[i] < 0 for i in range(qix.last_tok[qs] + 1, end)):
        end = qix.last_tok[qs] + 1
    # a content must not swallow its own cue or source
    if start <= tok.i < end and not spans_cue:
        if tok.i - start > end - tok.i:
            end = tok.i
        else:
            start = tok.i + 1
        start, end = _strip(doc, start, end)
        if end <= start:
            return None
    src = None
    if span_tok is not None:
        s0, s1 = _source_span(doc, span_tok)
        if span_tok.i < tok.i and tok.dep_ == "acl" and tok.head.i == span_tok.i and s0 <= tok.i < s1 \
                and via == "quote" and start > tok.i and any(_colon(t) for t in doc[tok.i + 1:start]):
            # a cue hung on its source as a participle ("The EU's envoy, X, posted on X: ..."
            # read as one noun phrase) announcing a quotation: the source ends before the cue
            # (not "X, asked about it by reporters, said")
            s0, s1 = _strip(doc, s0, tok.i, keep_quotes=False)
        elif span_tok.i < tok.i and tok.dep_ == "acl" and tok.head.i == span_tok.i and s0 <= tok.i < s1 \
                and _finite_verb_on_root_noun(doc, tok):
            # "Denmark's foreign minister, speaking in Copenhagen, called on ...": the source ends
            # before the verb the parser hung on it
            s0, s1 = _strip(doc, s0, tok.i, keep_quotes=False)
        if s1 > s0 and (spans_cue or not (s0 < end and start < s1)):
            src = _chars(doc, s0, s1)
    elif end <= tok.i and qix.tok_quote[end - 1] >= 0:
        # '"...," Flynn, a top surrogate, said' parsed with Flynn inside the quoted clause: the
        # words between the quotation and the cue are the source when they name someone
        s0, s1 = _strip(doc, end, tok.i, keep_quotes=False)
        words = doc[s0:s1]
        if 0 < s1 - s0 <= 15 and any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in words) \
                and not any(t.pos_ in ("VERB", "AUX") for t in words):
            if s1 < tok.i and doc[s1].text == ",":
                s1 += 1
            src = _chars(doc, s0, s1)
            roots = [t for t in words if not (s0 <= t.head.i < s1) or t.head.i == t.i]
            source_tok = roots[0] if roots else words[0]
    cue_s, cue_e = _cue_span(doc, tok, qix, content_prep)
    contents = [_chars(doc, start, end)] + [_chars(doc, *b) for b in block[1:]]
    if start > tok.i and qix.tok_quote[start] >= 0 and not in_quote and len(contents) == 1:
        # '“Trust is earned at the polls,” she said, “and we will see.”': the quotation the cue
        # interrupts, when the one after it goes on in lower case, is the same speaker's first
        # words (both halves are statements)
        first = next((t for t in doc[start:end] if t.is_alpha), None)
        k = min(tok.i, source_tok.left_edge.i) if source_tok is not None else tok.i
        k -= 1
        while k >= 0 and (doc[k].text == "," or doc[k].is_space):
            k -= 1
        qb = qix.tok_quote[k] if k >= 0 else -1
        # (the first half ends with the comma that the cue's clause interrupts: '“A,” she said')
        if first is not None and first.is_lower and qb >= 0 and qb != qix.tok_quote[start] \
                and qix.quotes[qb].closed and qix.last_tok[qb] == k \
                and doc_text(doc)[qix.quotes[qb].start:qix.quotes[qb].end].rstrip(QUOTE_CLOSERS)[-1:] == ",":
            b0, b1 = _strip(doc, *qix.token_span(qb))
            if b1 > b0:
                contents.insert(0, _chars(doc, b0, b1))
    if (via == "clause" and end <= tok.i and tok.dep_ == "ROOT") or (via == "parenthetical" and end <= tok.i):
        anchor = tok if via == "clause" else tok.head
        more = _clause_after_parenthetical(doc, tok, anchor, qix, source_tok)
        if more is not None:
            contents.append(_chars(doc, *more))
        elif len(contents) == 1:
            # "She was the only woman in her group, she said, and was held apart from the
            # others": a conjunct with no subject but an auxiliary of its own goes on with the
            # clause before the cue (its subject's); one content from that clause to its end
            tail = _subjectless_after_parenthetical(doc, tok, anchor, qix)
            if tail is not None:
                contents = [_chars(doc, start, tail)]
    return Attribution(cue=_chars(doc, cue_s, cue_e), source=src,
                       contents=contents, kind=_kind(doc, qix, start, end) if not block else "direct",
                       cue_token=tok.i, source_token=source_tok.i if source_tok is not None else None,
                       recipient=_chars(doc, recipient.i, recipient.i + 1) if recipient is not None else None,
                       via=via)


def _clause_before_postposed_source(doc, tok, source_tok, qix) -> tuple[int, int] | None:
    """The clause that opens the sentence before ", SOURCE said" (then a comma or the end of the
    sentence): the span from the sentence's start, past a dateline, to the comma before the
    source; None when that span has no verb, or lies in a quotation."""
    if source_tok is None or source_tok.i >= tok.i or qix.tok_quote[tok.i] >= 0:
        return None
    sent = sentence_of(doc, tok.i)
    left = source_tok.left_edge.i
    if left - 1 <= sent.start or doc[left - 1].text != "," or qix.tok_quote[left - 1] >= 0:
        return None
    if any(t.dep_ not in ("aux", "neg", "advmod") for t in doc[source_tok.right_edge.i + 1:tok.i]):
        return None
    after = next((t for t in doc[tok.i + 1:sent.end] if not t.is_space and t.dep_ != "prt"), None)
    if after is not None and after.text not in (",", ".", ";"):
        return None
    s0, s1 = _strip(doc, sent.start, left - 1)
    s0 = _after_dateline(doc, s0, s1)
    # ("the surplus was $7 billion — which makes the claim hard to square, officials point out":
    # what the source points out is the clause after the dash)
    dash = next((t.i for t in doc[s0:s1] if t.text in _ASIDE_DASHES and qix.tok_quote[t.i] < 0
                 and t.i + 1 < s1 and doc[t.i + 1].lower_ == "which"), None)
    if dash is not None:
        s0 = dash + 1
    if s1 - s0 < 3 or not any(t.pos_ in ("VERB", "AUX") for t in doc[s0:s1]) \
            or all(qix.tok_quote[k] >= 0 for k in range(s0, s1)):
        return None
    return s0, s1


_ASIDE_DASHES = {"―", "—", "–", "--"}


def _before_dash_aside(doc, qix, start: int, end: int) -> int:
    """``end`` moved before a dash that sets off the writer's comment on the reported clause:
    "warned that the deal would be “void” — a warning repeated on Monday", "said the plan was
    “illegal” — strong words for a union — while ...". The comment is a noun phrase after a
    complete clause, outside quotation marks; a dash aside inside the clause ("the plan — a
    draft from May — would cost jobs", the clause going on after it) is kept."""
    for k in range(start + 2, end - 1):
        if doc[k].text not in _ASIDE_DASHES or qix.tok_quote[k] >= 0:
            continue
        if not any(t.pos_ in ("VERB", "AUX") for t in doc[start:k]):
            return end
        close = next((m for m in range(k + 1, end) if doc[m].text in _ASIDE_DASHES and qix.tok_quote[m] < 0), None)
        seg = [t for t in doc[k + 1:close if close is not None else end] if not t.is_punct]
        if not seg or qix.tok_quote[k + 1] >= 0 or qix.tok_quote[seg[0].i] >= 0:
            return end  # a quotation after the dash: the speaker's words go on
        roots = [t for t in seg if not (k < t.head.i < (close if close is not None else end)) or t.head.i == t.i]
        if len(roots) != 1 or roots[0].pos_ != "NOUN" or roots[0].dep_ in ("nsubj", "nsubjpass") \
                or any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp", "conj", "parataxis")
                       and t.head.i == roots[0].i and any(g.dep_ == "nsubj" for g in t.children) for t in seg) \
                or seg[0].tag_ in ("WDT", "WP", "IN", "CC"):
            return end
        if close is not None:
            rest = [t for t in doc[close + 1:end] if not t.is_space]
            # ("— and fined the owners": a verb with no subject of its own goes on with the
            # cue's subject, not the reported clause)
            own_verb = len(rest) > 1 and rest[0].dep_ == "cc" and rest[1].pos_ == "VERB" \
                and rest[1].tag_ in ("VBD", "VBZ", "VBP") and not any(g.dep_ in ("nsubj", "nsubjpass") for g in rest[1].children)
            if rest and not (rest[0].is_punct and rest[0].text not in QUOTE_PUNCT or own_verb
                             or rest[0].lower_ in ("while", "whereas", "though", "although")):
                return end  # the clause goes on after the aside ("— and prices would rise")
        return k
    return end


def _past_false_sentence_break(doc, qix, end: int) -> int:
    """``end`` moved to the end of the next sentence when the parser broke the sentence before
    a word in lower case ("the process died not with a no | but with silence.")."""
    sent = sentence_of(doc, end - 1)
    if sentence_end(doc, end - 1) != end or sent.end >= len(doc):
        return end
    nxt = doc[sent.end]
    if nxt.is_alpha and nxt.is_lower and qix.tok_quote[nxt.i] < 0 and not any(t.is_space and "\n" in t.text
                                                                             for t in doc[end:nxt.i]):
        return sentence_end(doc, nxt.i)
    return end


def _after_dateline(doc, start: int, end: int) -> int:
    """``start`` moved past a dateline that opens the span ("Istanbul, 30 October (AFP) – "):
    a place, a date or an agency in brackets, then a dash, with no verb before it."""
    for j in range(start + 1, min(end, start + 12)):
        if doc[j].text in DASHES:
            before = doc[start:j]
            if doc[start].pos_ == "PROPN" and not any(t.pos_ in ("VERB", "AUX") for t in before) \
                    and (doc[j - 1].text == ")" or any(t.ent_type_ == "DATE" for t in before)):
                return j + 1
            break
    return start


def _clause_after_parenthetical(doc, tok, anchor, qix, source_tok) -> tuple[int, int] | None:
    """"Commanders would meet on Tuesday, he said, and Malaysia was ready to send observers":
    a clause with a subject of its own conjoined (to the cue, or to the clause the cue is a
    parenthetical in: ``anchor``) after a cue that follows what it reports goes on reporting
    (not a speech verb of its own, nor the speaker doing something else: "..., he said, and he
    left")."""
    own = {c.i for c in tok.children if c.dep_ in SUBJ_DEPS}
    for d in anchor.children:
        if d.dep_ != "conj" or d.i < tok.i or d.pos_ not in ("VERB", "AUX") \
                or d.lemma_.lower() in SPEECH_VERBS or qix.tok_quote[d.i] >= 0:
            continue
        subj = next((g for g in d.children if g.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subj is None or subj.pos_ == "PRON" and subj.lower_ not in ("it", "there") \
                or source_tok is not None and subj.lower_ == source_tok.lower_:
            return None
        between = doc[tok.i + 1:d.left_edge.i]
        if not any(t.dep_ == "cc" for t in between) or not all(
                t.is_punct or t.dep_ == "cc" or t.i in own or any(t.i in range(doc[o].left_edge.i, doc[o].right_edge.i + 1)
                                                                 for o in own) for t in between):
            return None
        start, end = _strip(doc, d.left_edge.i, d.right_edge.i + 1)
        if end <= start:
            return None
        return qix.widen(start, end)
    return None


def _subjectless_after_parenthetical(doc, tok, anchor, qix) -> int | None:
    """The end of a conjunct with no subject of its own but an auxiliary ("..., she said, and was
    held apart", "..., he said, and had not been paid"), joined by "and" right after a cue that
    follows what it reports; None when there is none."""
    for d in list(anchor.children) + ([] if anchor.i == tok.i else list(tok.children)):
        if d.dep_ != "conj" or d.i < tok.i or d.pos_ not in ("VERB", "AUX") \
                or d.lemma_.lower() in SPEECH_VERBS or qix.tok_quote[d.i] >= 0 \
                or any(g.dep_ in SUBJ_DEPS + ("expl",) for g in d.children):
            continue
        if not (d.pos_ == "AUX" or any(g.dep_ in ("aux", "auxpass") and g.i < d.i for g in d.children)):
            return None
        between = doc[tok.i + 1:d.left_edge.i]
        if not any(t.lower_ == "and" for t in between) or not all(t.is_punct or t.dep_ == "cc" for t in between):
            return None
        start, end = _strip(doc, d.left_edge.i, d.right_edge.i + 1)
        return qix.widen(start, end)[1] if end > start else None
    return None


def _subject_in_tail(doc, tok):
    """The subject of a verb closing its sentence that the parser hung on the clause before as
    an apposition ("The boat has reached the pier, the coast guard says": "coast guard" as the
    apposition of "pier"): a noun phrase after a comma, running straight into the verb, that
    names a body, a group or a person. ``None`` when the verb has its subject or there is none."""
    if tok.i < 3 or tok.tag_ not in ("VBZ", "VBD", "VBP") or any(c.dep_ in SUBJ_DEPS for c in tok.children):
        return None
    prev = doc[tok.i - 1]
    if prev.dep_ != "appos" or prev.head.i >= prev.i or prev.pos_ not in ("NOUN", "PROPN"):
        return None
    comma = prev.left_edge.i - 1
    if comma < 1 or doc[comma].text != "," or not any(
            c.dep_ in CLAUSE_DEPS and c.left_edge.i <= prev.head.i <= c.right_edge.i < tok.i for c in tok.children):
        return None
    if prev.ent_type_ in ("ORG", "PERSON", "NORP") or prev.lower_ in ROLE_NOUNS or prev.lemma_.lower() in ROLE_NOUNS:
        return prev
    return None


def _before_semicolon(doc, clause, tok) -> bool:
    """Whether a clause the parser hung on a later verb ends before a semicolon that comes
    before the verb, which has an object of its own after it ("A has asked for X; B has offered
    Y": two clauses, not what B offered)."""
    return clause.right_edge.i < tok.i and any(doc[k].text == ";" for k in range(clause.right_edge.i + 1, tok.i)) \
        and any(c.dep_ == "dobj" and c.i > tok.i for c in tok.children)


def _block_quote(doc, tok) -> list[tuple[int, int]]:
    """Paragraphs quoted after "X wrote:" at the end of a paragraph.

    The first paragraph after the colon always belongs to the quotation. Later ones do while
    they are set apart by more than one blank line (what is left of a block-quote layout in
    plain text) or speak in the first person outside quotation marks, which a news report's
    own voice does not."""
    sent = sentence_of(doc, tok.i)
    end = sent.end
    while end > sent.start and doc[end - 1].is_space:
        end -= 1
    if end == 0 or doc[end - 1].text != ":" or end >= len(doc):
        return []
    gap = doc[end] if doc[end].is_space else None
    if gap is None or "\n" not in gap.text:
        return []
    items = _list_items(doc, end + 1)
    if items:
        return items  # "calls on the authorities to:" over "1. ...; 2. ...": each item its own
    paras = []
    i = end + 1
    first = True
    text = doc_text(doc)
    while i < len(doc):
        j = i
        while j < len(doc) and not (doc[j].is_space and "\n" in doc[j].text):
            j += 1
        para = (i, j)
        if not first:
            sep = doc[i - 1]
            # (a live blog's next entry: its time, blanked for the parser, stands in the gap; a
            # "> " block goes on only while its paragraphs open with ">")
            if text[sep.idx:sep.idx + len(sep.text)].strip() or (
                    doc[paras[0][0]].text == ">" and doc[i].text != ">"):
                break
            first_person = any(t.lower_ in ("i", "we", "our", "us", "my") and t.pos_ == "PRON"
                               for t in doc[i:j])
            if sep.text.count("\n") < 3 and not first_person:
                break
        paras.append(para)
        first = False
        i = j + 1
    return paras


def _list_after_colon(doc, tok) -> list[tuple[int, int]]:
    """The list items (see :func:`_list_items`) right after the colon that ends ``tok``'s
    sentence and its line, or []."""
    sent = sentence_of(doc, tok.i)
    end = sent.end
    while end > sent.start and doc[end - 1].is_space:
        end -= 1
    if end == 0 or doc[end - 1].text != ":" or end >= len(doc) or not doc[end].is_space \
            or "\n" not in doc[end].text:
        return []
    return _list_items(doc, end + 1)


_LIST_BULLETS = frozenset("• - * – ·".split())


def _list_items(doc, i: int) -> list[tuple[int, int]]:
    """The numbered or bulleted lines starting at token ``i`` ("1. Halt ...;", "2) ...", "• ..."),
    one token span each without its marker, while the lines go on being items; [] when the
    line at ``i`` is no item."""
    items = []
    while i < len(doc):
        j = i
        while j < len(doc) and not (doc[j].is_space and "\n" in doc[j].text):
            j += 1
        t = doc[i]
        if t.text in _LIST_BULLETS:
            k = i + 1
        elif t.text.isdigit() and len(t.text) <= 2 and i + 1 < j and doc[i + 1].text in (".", ")"):
            k = i + 2
        else:
            break
        while k < j and doc[k].is_space:
            k += 1
        if j - k < 2:
            break
        items.append((k, j))
        i = j + 1
        while i < len(doc) and doc[i].is_space and doc[i].text.count("\n") == 0:
            i += 1
    return items


CAPTION_NOUNS = frozenset("line caption words message comment text note".split())


def _caption_quote(doc, tok, obj, qix) -> tuple[int, int] | None:
    """The quotation given as a post's words after its object ("a photo ..., with the line:
    “...”", "with the caption “...”"): its token span."""
    sent = sentence_of(doc, tok.i)
    for w in doc[obj.i + 1:sent.end]:
        if w.lower_ == "with" and w.dep_ == "prep":
            noun = next((g for g in w.children if g.dep_ == "pobj"), None)
            if noun is None or noun.lemma_.lower() not in CAPTION_NOUNS:
                continue
            k = noun.i + 1
            while k < sent.end and k <= noun.i + 2 and qix.tok_quote[k] < 0:
                k += 1
            if k < len(doc) and qix.tok_quote[k] >= 0:
                return qix.token_span(qix.tok_quote[k])
    return None


def _platform(doc, tok) -> bool:
    """Whether the phrase of ``tok`` is only a social-media platform's name ("X", "Truth Social")."""
    from detente.evidence.channels import PLATFORMS
    return doc[tok.left_edge.i:tok.right_edge.i + 1].text.strip().lower() in PLATFORMS


CONTENT_PREPS = frozenset(("for", "on", "to", "about", "against", "with", "of", "over", "into", "upon"))


ROLE_NOUNS = frozenset("""spokesman spokeswoman spokesperson official minister president senator
governor mayor director chief secretary ambassador adviser advisor aide analyst expert professor
lawyer attorney leader chairman candidate strategist source sources officials""".split())


def _quote_before(doc, qix, tok) -> bool:
    """A quotation closes just before the cue (only punctuation between)."""
    j = tok.i - 1
    while j >= 0 and doc[j].text in PUNCT_BETWEEN:
        j -= 1
    return j >= 0 and qix.tok_quote[j] >= 0


def _child_toward(t, top, limit: int = 12):
    """The child of ``top`` whose subtree holds ``t`` (a few steps up the tree), or None."""
    for _ in range(limit):
        if t.head.i == top.i and t.i != top.i:
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _quote_in_prep(doc, span: tuple[int, int], tok) -> bool:
    """Whether the first word of the quotation ``span`` hangs on the cue ``tok`` through a
    prepositional phrase ("at a haircut “with a 15 in front of it”")."""
    first = next((t for t in doc[span[0]:span[1]] if not t.is_punct), None)
    child = _child_toward(first, tok) if first is not None else None
    return child is not None and child.dep_ == "prep"


def _adjacent_quote(doc, tok, qix, source_tok):
    """A quotation right before the cue's clause ("...," X said) or right after it
    (X said: "...")."""
    # the clause of the cue: the verb, its subject and any adverbials, outside quotations
    idx = [tok.i]
    for c in tok.children:
        if c.dep_ in SUBJ_DEPS + ("aux", "neg", "advmod", "npadvmod", "prep", "dative", "dobj", "prt", "agent") \
                or (c.dep_ == "acomp" and c.i > tok.i):  # "X was blunt: “...”"
            if all(qix.tok_quote[i] < 0 for i in range(c.left_edge.i, c.right_edge.i + 1)):
                idx += [c.left_edge.i, c.right_edge.i]
    if source_tok is not None and qix.tok_quote[source_tok.i] < 0:
        # (a source before the cue ends before it, even when the parser hangs the cue and what
        # follows on the source: "The EU's envoy, X, posted on X: “...”" read as a noun phrase)
        idx += [source_tok.left_edge.i, source_tok.right_edge.i if source_tok.i > tok.i
                else min(source_tok.right_edge.i, tok.i)]
    left, right = min(idx), max(idx) + 1
    sent = sentence_of(doc, tok.i)
    # quotation ending just before the clause
    j = left - 1
    while j >= sent.start - 1 and j >= 0 and doc[j].text in PUNCT_BETWEEN:
        j -= 1
    # (not one closed by a full stop before a new sentence whose verb has content of its own:
    # 'The Minister underlined that Ecuador "remains committed." The Special Envoy welcomed the
    # invitation', '"... military." It says nothing about ...')
    own = any(c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and c.lower_ not in RECIPIENTS and c.ent_type_ != "PERSON"
                                                 and c.lower_ not in ("him", "her", "them", "us", "me"))
              for c in tok.children if c.i > tok.i) or any(
        # (nor when its verb has a topic of its own: '... “inconsistent with the programme.” Three
        # weeks on, the two sides are still arguing about the same thing')
        c.dep_ == "prep" and c.lower_ in ("about", "over") and any(g.dep_ == "pobj" for g in c.children)
        for c in tok.children if c.i > tok.i)
    if j >= 0 and qix.tok_quote[j] >= 0 and doc[j].text in QUOTE_PUNCT and not (
            own and j == left - 1 and j > 0 and doc[j - 1].text == "." and doc[left].is_title
            and qix.tok_quote[j - 1] >= 0):
        return qix.token_span(qix.tok_quote[j])
    # quotation starting just after the clause
    j = right
    while j < len(doc) and (doc[j].text in PUNCT_BETWEEN or doc[j].is_space):
        j += 1
    if j < len(doc) and qix.tok_quote[j] >= 0 and doc[j].text in QUOTE_PUNCT and j - right <= 2:
        return qix.token_span(qix.tok_quote[j])
    return None


def _paragraph_of(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, (len(text) if e < 0 else e)


def _quote_right_after(text: str, qix, end: int) -> bool:
    """Whether a sentence ends at ``end`` and a quotation opens right after it."""
    m = re.match(r"[.!?]\s+[“\"]", text[end:end + 4])
    return m is not None and end + m.end() - 1 in qix.starts


def _continuations(doc, qix, results: list[Attribution], used: set[int]) -> None:
    """Quotations after an attributed quotation in the same paragraph, with no cue of their
    own, continue it."""
    text = doc_text(doc)
    # an indirect one too when the quotation follows its sentence right away ("Walking out, she
    # said, was the easiest thing in the world. “Coming back is the hard part.”")
    # (or after the cue that closes its sentence: "She does not need to be, she says. “You
    # can smell it ...”")
    cands = sorted((a for a in results if not a.inside_quote and (
        a.kind != "indirect" or _quote_right_after(text, qix, a.contents[-1][1])
        or (a.cue is not None and 0 <= a.cue[0] - a.contents[-1][1] <= 40
            and not re.search(r"[.!?;:“”\"\n]", text[a.contents[-1][1]:a.cue[0]])
            and _quote_right_after(text, qix, a.cue[1])))),
                   key=lambda a: a.contents[-1][1])
    if not cands:
        return
    ends = [a.contents[-1][1] for a in cands]
    last = None  # the attribution extended last (its end moved past the sorted order)
    for qi, q in enumerate(qix.quotes):
        if qi in used or qi not in qix.first_tok:
            continue
        p_start, _ = _paragraph_of(text, q.start)
        i = bisect.bisect_right(ends, q.start) - 1
        prev = cands[i] if i >= 0 else None
        if last is not None and last.contents[-1][1] <= q.start and (
                prev is None or last.contents[-1][1] >= prev.contents[-1][1]):
            prev = last
        if prev is None or not (p_start <= prev.contents[-1][0] and prev.contents[-1][1] <= q.start):
            continue
        # the quotation must begin a sentence (not a scare quote or a title inside a clause):
        # what precedes its opening mark is the end of a sentence or of a quotation
        before = text[p_start:q.start].rstrip()
        # (or it is the second half of a quotation the cue interrupts: "“Small steps,” he said,
        # “but in the right direction.”")
        split = before.endswith(",") and prev.cue is not None and prev.kind != "indirect" \
            and prev.contents[-1][1] <= prev.cue[0] and prev.cue[1] <= q.start \
            and len(text[prev.contents[-1][1]:q.start].split()) <= 8 \
            and text[prev.contents[-1][0]:prev.contents[-1][1]].rstrip("”\"’' ").endswith(",")
        if before and before[-1] not in ".!?:”\"'’»" and not split:
            continue
        prev.contents.append((q.start, q.end))
        used.add(qi)
        last = prev
