"""Stored statements proposed as candidate observations for a model's ``timeline:``.

A *candidate observation* is a stored statement that reports an action taking or dropping one
of the model's options (or a state of it) by the option's owner, on a date on or after the
model's date: "Ukraine accepted the American proposal for a 30-day ceasefire" for Ukraine's
``ua_ceasefire``. :func:`suggest_observations` finds them in three steps, each simple enough
to check by hand:

1. **Relevance**, as ``detente suggest-evidence`` ranks statements for an assumption
   (:func:`detente.evidence.link.rank`: TF-IDF cosine): each option's query is its name, label
   and description; each statement's document its speaker and content; verbs of taking or
   dropping are left out of both and a few synonyms read as one word (:data:`SYNONYMS`).
2. **Action**: a verb of taking (signed, accepted, agreed, deployed, resumed, sent, ...) or of
   dropping (paused, suspended, halted, withdrew, rejected, ...) stands in the content, the one
   nearest to the words the option shares with the statement; ``not``/``never``/``without``
   just before it, or ``no``/``none`` before it in the statement, reverses it ("did not sign",
   "no soldier has been deployed": not taken); a wish, readiness, condition or demand just
   before it ("ready to sign", "if", "should", "demanded that") or a refusal in the future
   ("will not", "won't") means no action, and the statement is not proposed.
3. **Owner acting**: the option's owner is named before that verb in the content (a word of the
   decision maker's name or label, ``Ukraine (Zelenskyy)``: Ukraine, Zelenskyy; or a country
   the name or label names, by name, alias, demonym or capital, ``U.S.``, ``American``,
   ``Washington``: United States; :func:`detente.evidence.countries.country_of`), or, when the
   content names no decision maker before the verb ("we signed", "I did not allow"), the
   speaker names the owner.

A statement is proposed for one option at most: the most relevant one that passes 2 and 3.
Each option keeps its ``top`` statements above ``min_score``, best first. The
candidate's YAML is a ``move`` by the owner when the option's value before that date (from the
timeline's observed path, else the status quo) differs, else a ``state`` observation. Statements
the timeline already cites, undated ones and those dated before the model are left out.

This is a recall aid, like ``suggest-evidence``: the analyst reads each candidate and pastes
the ones that are observations. Measured on a gold set in ``bench/eval_observations.py``.

>>> import detente
>>> from types import SimpleNamespace as S
>>> c = detente.load({"date": "2025-01-01", "status_quo": "NN", "decision_makers": [
...     {"name": "Ukraine", "options": [{"name": "ua_minerals", "label": "Ukraine signs the minerals deal"}],
...      "preferences": ["not ua_minerals"]},
...     {"name": "US", "label": "United States", "options": ["us_aid"], "preferences": ["us_aid"]}]})
>>> st = [S(id=1, speaker="Yulia Svyrydenko", content="Ukraine signed the minerals deal",
...         date_start=None, article_date=__import__("datetime").date(2025, 4, 30))]
>>> [(x.option, x.value, x.kind) for x in suggest_observations(c, st)]
[('ua_minerals', True, 'move')]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from detente.model.conflict import Conflict

__all__ = ["Candidate", "OptionTarget", "action_in", "option_targets", "suggest_observations"]

# Verbs of taking / dropping an option, in the forms news reports use (past, perfect, present,
# and the base form after "will"/"to"/"did"). "lift the pause" takes.
TAKE = frozenset("""
sign signs signed signing accept accepts accepted accepting agree agrees agreed approve approves
approved ratify ratifies ratified deploy deploys deployed send sends sent resume resumes resumed
restore restores restored provide provides provided join joins joined grant grants granted
lift lifts lifted
""".split())
DROP = frozenset("""
pause pauses paused suspend suspends suspended halt halts halted stop stops stopped freeze
freezes froze frozen withdraw withdraws withdrew withdrawn reject rejects rejected refuse
refuses refused decline declines declined end ends ended cancel cancels cancelled canceled
""".split())
NEGATION = frozenset("not n't never no without".split())
# A wish, readiness, condition, demand or proposal before the verb: not a reported action.
NOT_AN_ACTION = frozenset("""
ready willing prepared preparing would could should must may might if unless wants want wanted
plan plans planning intend intends intended hope hopes demand demands demanded urge urges urged
propose proposes proposed proposal ask asks asked call calls called seek seeks sought expect
expects expected consider considers considering studying study interested whether
""".split())
DETERMINERS = frozenset("the a an this that its their his her our".split())
WINDOW = 4  # words before the verb in which a negation or a non-action word counts
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|n't")
_CAPWORD = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def action_in(content: str, near: Sequence[str] = ()) -> tuple[bool, str] | None:
    """The action a statement reports: ``(taken, verb)`` or ``None`` (see :func:`_action`).

    >>> action_in("Ukraine accepted the proposal for a ceasefire")
    (True, 'accepted')
    >>> action_in("I did not allow the ministers to sign the minerals agreement", ["minerals"])
    (False, 'sign')
    >>> action_in("Ukraine is ready to sign the minerals agreement", ["minerals"]) is None
    True
    """
    act = _action(content, near)
    return None if act is None else act[:2]


def _action(content: str, near: Sequence[str] = ()) -> tuple[bool, str, int] | None:
    """``(taken, verb, index of the verb among the content's words)`` or ``None``.

    ``near``: words of the option; the verb nearest to one of them is read (the first verb
    when none occurs). Negation just before the verb reverses it; a non-action word just before
    it (readiness, condition, demand, proposal) means no action.
    """
    words = _words(content)
    # after a determiner the word is a noun ("lift the pause", "the end of"), not the action
    verbs = [i for i, w in enumerate(words) if (w in TAKE or w in DROP)
             and not (i and words[i - 1] in DETERMINERS)]
    if not verbs:
        return None
    stems = {_stem(w) for w in near}
    anchors = [i for i, w in enumerate(words) if _stem(w) in stems]
    if anchors:
        verbs.sort(key=lambda i: (min(abs(i - a) for a in anchors), i))
    i = verbs[0]
    w = words[i]
    taken = w in TAKE
    if w in ("lift", "lifts", "lifted") and not any(x in ("pause", "suspension", "freeze", "sanctions", "ban")
                                                     for x in words[i + 1:i + 4]):
        return None
    before = words[max(0, i - WINDOW):i]
    # the sentence's condition anywhere before the verb; other non-action words just before it
    if any(x in NOT_AN_ACTION for x in before) or "if" in words[:i] or "unless" in words[:i]:
        return None
    # a refusal in the future ("will not", "will never", "won't") is a stance, not an action
    wide = words[max(0, i - 2 * WINDOW):i]
    if "won't" in wide or any(x in ("will", "shall") and any(y in NEGATION for y in wide[k + 1:k + 3])
                              for k, x in enumerate(wide)):
        return None
    def negated(ws: list[str]) -> bool:
        return any(x in NEGATION or x.endswith("n't") for x in ws)
    # "did not allow the ministers to sign": the verb is what was (not) allowed; "no European
    # soldier has been deployed": a negated subject
    if negated(before) or ("allow" in wide and negated(wide)) or any(x in ("no", "none") for x in words[:i]):
        taken = not taken
    return taken, w, i


# Words news reports use for the same thing, read as one word for relevance (both sides).
SYNONYMS = {w: group.split()[0] for group in (
    "aid assistance support weapons deliveries shipments arms",
    "deal agreement accord pact",
    "ceasefire truce cease-fire armistice",
    "troops soldiers forces peacekeepers",
) for w in group.split()}


def _objects(text: str) -> str:
    """The text without verbs of taking or dropping (and 'accepts'/'agrees' in labels), with
    :data:`SYNONYMS` read as one word."""
    out = []
    for w in re.findall(r"[\w'’.-]+", text):
        low = w.lower()
        if low in TAKE or low in DROP or low in ("agrees", "takes"):
            continue
        out.append(SYNONYMS.get(low, w))
    return " ".join(out)


def _stem(w: str) -> str:
    w = w.lower()
    for suf in ("ing", "ed", "es", "s"):
        if len(w) > len(suf) + 3 and w.endswith(suf):
            return w[: -len(suf)]
    return w


@dataclass
class OptionTarget:
    """An option observations can be proposed for."""

    name: str
    owner: str
    text: str  # name, label and description: the relevance query
    since: dt.date | None  # added by a timeline revision of that date (None: in the model)
    owner_words: set[str] = field(default_factory=set)  # lower-case words naming the owner
    owner_countries: set[str] = field(default_factory=set)


@dataclass
class Candidate:
    """A stored statement proposed as an observation of one option."""

    statement: Any  # StatementRecord
    option: str
    owner: str
    value: bool  # taken after the reported action
    verb: str
    date: dt.date
    score: float
    kind: str  # "move" or "state"
    before: bool | None  # the option's value before that date (None: not in force yet)

    def event_text(self) -> str:
        """The event's words: the statement's content, unquoted, cut to 90 characters."""
        event = (self.statement.content or "").strip().strip('"“”').replace('"', "'")
        return event if len(event) <= 90 else event[:87] + "..."

    def event(self) -> dict[str, Any]:
        """The candidate as a ``timeline: events:`` entry (plain data; the date a date): what
        :meth:`snippet` writes, for a program that edits the model (the web app's "Add to
        timeline")."""
        st = self.statement
        what: dict[str, Any] = ({"by": self.owner, "take" if self.value else "drop": [self.option]}
                                if self.kind == "move" else {self.option: self.value})
        return {"date": self.date, "event": self.event_text(), self.kind: what,
                "evidence": {"statement_id": getattr(st, "uid", None) or st.id}}

    def snippet(self) -> str:
        """The YAML to paste under ``timeline: events:``."""
        st = self.statement
        event = self.event_text()
        what = (f"move: {{by: {self.owner}, {'take' if self.value else 'drop'}: [{self.option}]}}"
                if self.kind == "move" else f"state: {{{self.option}: {'true' if self.value else 'false'}}}")
        return (f"- date: {self.date.isoformat()}\n"
                f"  event: \"{event}\"\n"
                f"  {what}\n"
                f"  evidence: {{statement_id: {getattr(st, 'uid', None) or st.id}}}")  # stable id: valid in any database

    def to_dict(self) -> dict[str, Any]:
        st = self.statement
        rec = st.to_dict() if hasattr(st, "to_dict") else {"id": st.id, "speaker": st.speaker,
                                                           "content": st.content}
        return {"option": self.option, "owner": self.owner, "value": self.value, "verb": self.verb,
                "date": self.date.isoformat(), "score": round(self.score, 4), "kind": self.kind,
                "before": self.before, "snippet": self.snippet(), "statement": rec}


def _owner_words(dm) -> tuple[set[str], set[str]]:
    from detente.evidence.countries import country_of

    words, countries = set(), set()
    for text in (dm.name, dm.label or ""):
        text = re.sub(r"[()]", " ", text)
        c = country_of(text, allow_capitals=True)
        if c:
            countries.add(c)
        for phrase in _CAPWORD.findall(text) + [text]:
            c = country_of(phrase, allow_capitals=True)
            if c:
                countries.add(c)
        for w in re.findall(r"[A-Za-z][\w.-]*", text):
            if w[0].isupper() and len(w) > 2 and w.lower() not in ("the", "states"):
                words.add(w.lower().strip("."))
                c = country_of(w, allow_capitals=True)
                if c:
                    countries.add(c)
    return words, countries


def option_targets(conflict: Conflict) -> tuple[list[OptionTarget], Any]:
    """The model's options and those its timeline's revisions add (with the revision's date),
    and the checked timeline (``None`` when the model has none or it does not load)."""
    from detente.errors import DetenteError
    from detente.model.timeline import has_timeline, load_timeline

    tl = None
    versions = [(None, conflict)]
    if has_timeline(conflict):
        try:
            tl = load_timeline(conflict)
            versions = [(None, conflict)] + [(v.date, v.conflict) for v in tl.revisions]
        except DetenteError:
            tl = None
    out: dict[str, OptionTarget] = {}
    for since, model in versions:
        for o in model.options:
            if o.name in out:
                continue
            dm = model.dm(o.dm)
            words, countries = _owner_words(dm)
            text = " ".join(x for x in (o.name, o.label, o.description) if x)
            out[o.name] = OptionTarget(o.name, o.dm, text, since, words, countries)
    return list(out.values()), tl


def _names_owner(target: OptionTarget, text: str) -> bool:
    from detente.evidence.countries import country_of

    low = " " + re.sub(r"[^\w.'’-]+", " ", text.lower()) + " "
    if any(f" {w} " in low or f" {w}'s " in low or f" {w}’s " in low for w in target.owner_words):
        return True
    if target.owner_countries:
        for phrase in _CAPWORD.findall(text):
            parts = phrase.split()
            for a in range(len(parts)):
                for b in range(a + 1, min(len(parts), a + 3) + 1):
                    if country_of(" ".join(parts[a:b]), allow_capitals=True) in target.owner_countries:
                        return True
    return False


def _before_word(content: str, index: int) -> str:
    """The content up to its ``index``-th word (as :func:`_words` counts them)."""
    n = 0
    for m in re.finditer(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?|n't", content):
        if n == index:
            return content[:m.start()]
        n += 1
    return content


def _actor_is_owner(target: OptionTarget, targets: list[OptionTarget], speaker: str, content: str,
                    index: int) -> bool:
    """The option's owner is the one acting: named before the verb in the content, or, when the
    content names no decision maker before it ("we signed", "I did not allow"), the speaker."""
    head = _before_word(content, index)
    if _names_owner(target, head):
        return True
    return not any(_names_owner(t, head) for t in targets) and _names_owner(target, speaker or "")


def _cited_ids(conflict: Conflict) -> set:
    """Statement ids the timeline cites: integers and stable ids (``st-...``, lower case)."""
    from detente.evidence.identity import parse_statement_ref
    tl = conflict.document.get("timeline") if isinstance(conflict.document, dict) else None
    out: set = set()
    for e in (tl.get("events") or []) if isinstance(tl, dict) else []:
        ev = e.get("evidence") if isinstance(e, dict) else None
        for x in ev if isinstance(ev, list) else [ev]:
            if isinstance(x, dict) and x.get("statement_id") is not None:
                try:
                    out.add(parse_statement_ref(x["statement_id"]))
                except ValueError:
                    pass
    return out


def _value_before(conflict: Conflict, tl, option: str, date: dt.date) -> bool | None:
    """The option's value just before ``date``: the timeline's last observed state before it,
    else the status quo (None: the option is not in force yet)."""
    value = None
    if conflict.status_quo is not None and option in conflict.option_names:
        value = bool(conflict.values(conflict.status_quo)[option])
    if tl is not None:
        for p in tl.path:
            if p.date < date and option in p.values:
                value = p.values[option]
    return value


def suggest_observations(conflict: Conflict, statements: Sequence[Any], *, top: int = 5,
                         min_score: float = 0.1) -> list[Candidate]:
    """Candidate observations among ``statements`` (stored statement records), best first
    within each option, options in model order (see the module docstring).

    Parameters
    ----------
    conflict : the model (with or without a ``timeline:``; it needs a ``date:``).
    statements : records with ``id``, ``speaker``, ``content``, ``date_start``, ``article_date``.
    top : candidates per option.
    min_score : smallest relevance (TF-IDF cosine) proposed.
    """
    from detente.errors import DetenteError
    from detente.evidence.link import rank

    if conflict.date is None:
        raise DetenteError("the model has no date, so no statement can be placed after it",
                           hint="add 'date: YYYY-MM-DD' at the top of the model (the day its status quo describes)")
    targets, tl = option_targets(conflict)
    cited = _cited_ids(conflict)
    # Relevance is on what is acted on, not on the verb: verbs of taking or dropping are left
    # out of both sides ("Russia agrees to a ceasefire and settlement" would otherwise draw
    # every statement in which someone agreed to anything).
    docs = [_objects(f"{s.speaker or ''} {s.content}") for s in statements]
    scores = rank([_objects(t.text) for t in targets], docs, top=len(docs), min_score=min_score)
    by_statement: dict[int, list[tuple[float, int]]] = {}  # statement -> [(score, target)]
    for k, ranked in enumerate(scores):
        for j, score in ranked:
            by_statement.setdefault(j, []).append((score, k))
    per_option: dict[int, list[Candidate]] = {}
    for j, options in by_statement.items():
        st = statements[j]
        date = st.date_start or st.article_date
        if st.id in cited or getattr(st, "uid", None) in cited or date is None or date < conflict.date:
            continue
        # the most relevant option whose owner is the one acting in the statement
        for score, k in sorted(options, key=lambda x: (-x[0], x[1])):
            t = targets[k]
            if t.since is not None and date < t.since:
                continue
            near = [w for w in _words(t.text) if len(w) > 3 and w not in ("accepts", "signs", "takes")]
            act = _action(st.content, near)
            if act is None or not _actor_is_owner(t, targets, st.speaker or "", st.content, act[2]):
                continue
            value, verb, _ = act
            before = _value_before(conflict, tl, t.name, date)
            kind = "move" if before is not None and before != value else "state"
            per_option.setdefault(k, []).append(Candidate(st, t.name, t.owner, value, verb, date, score,
                                                          kind, before))
            break
    out: list[Candidate] = []
    for k in range(len(targets)):
        cands = sorted(per_option.get(k, []), key=lambda c: (-c.score, c.date, c.statement.id))
        out += cands[:top]
    return out
