"""Figures: amounts of money, casualty counts and other counts, normalised.

A figure is a number phrase ("$183 billion", "a quarter of a million", "millions of", "32
percent", "12,000 troops") with

* ``value``: the number it states ("nearly $183 billion" -> 1.83e11; "a quarter of a million"
  -> 250,000). A vague plural of a scale word states a lower bound: "millions of deaths" is
  at least two million (``value = lower_bound = 2e6``, qualifier ``"vague"``), "hundreds of"
  at least 200, "tens of thousands of" at least 20,000;
* ``unit``: a currency code (``USD``, ``EUR``, ``GBP``, ...), ``percent``, or the counted
  noun ("troops", "people"); people who "died" or "were killed" are counted as ``deaths``;
* a share said as "one in five Ukrainians" has unit ``share`` and the ratio as value; so has
  a hedged fraction of a whole ("nearly half of the population"), with the
  fraction as value; a fraction of the figure before ("at most half of that") that figure's unit
  and the fraction of its value;
* ``qualifier``: the hedge before it ("nearly", "about", "more than", "at least", "up to",
  "in the region of", ...).

Numbers that are dates, clock times ("14:10"), durations in days or longer ("three years
ago", "spent two years"), ages, ordinals or parts of names are not figures; how long a
claimed state of affairs lasted ("blocked every project, for thirty years") is a figure when
someone claims it. How long talks or a
call lasted, in hours or minutes ("four and a half hours", "41 hours"), is a figure (unit
``hours``/``minutes``), and so is a deadline or horizon ahead ("within thirty days", "for the
next ten years": unit ``days``/``years``), and a count of events in digits ("violated the
airspace 47 times", "64 rounds of talks": unit ``times``/``rounds``). A spelled-out number counts
its plural noun when it is a count of its own ("Eighteen leaders are expected", "operates
eleven bulk carriers"), not a reference to things already known ("the two leaders") nor one
or two of anything but people, weapons and the like.

The claimant (done in :mod:`detente.evidence.extract`) is the speaker of the statement whose
content holds the figure (or whose cue reports it), unless a clause of the figure's own names
another ("according to X", "X puts it at"), else the article itself. :func:`find_disputes`
marks a figure as disputed when a later sentence in the article's own voice denies its order
of magnitude ("millions of deaths" ... "they aren't in the millions"); :func:`find_counter_figures`
links a later figure of the same kind from another claimant that answers it (said in its
clause, announced by the sentence before, or the same claim with another number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detente.evidence.nlp import Overlaps, column, doc_text, ents_within
from detente.evidence.types import Figure

_SMALL = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12,
}
_FRACTIONS = {"half a": 0.5, "a half": 0.5, "a quarter of a": 0.25, "a third of a": 1 / 3,
              "three quarters of a": 0.75, "two thirds of a": 2 / 3, "half of a": 0.5}
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
           "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "tr": 1e12}
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2e3, "tens of thousands": 2e4,
          "hundreds of thousands": 2e5, "millions": 2e6, "tens of millions": 2e7,
          "hundreds of millions": 2e8, "billions": 2e9, "tens of billions": 2e10,
          "hundreds of billions": 2e11, "trillions": 2e12}
_CUR_PREFIX = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP",
               "gbp": "GBP", "¥": "JPY", "₽": "RUB", "₴": "UAH", "c$": "CAD", "a$": "AUD", "r": "ZAR",
               "m": "LSL"}
_CUR_WORDS = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP",
              "rubles": "RUB", "roubles": "RUB", "hryvnias": "UAH", "hryvnia": "UAH", "yuan": "CNY",
              "renminbi": "CNY", "yen": "JPY", "rupees": "INR", "shekels": "ILS",
              "norwegian kroner": "NOK", "swedish kronor": "SEK", "danish kroner": "DKK",
              "swiss francs": "CHF", "zlotys": "PLN", "zloty": "PLN", "lira": "TRY", "rand": "ZAR",
              "kina": "PGK", "ariary": "MGA", "cfa francs": "XOF", "naira": "NGN",
              "baht": "THB", "ringgit": "MYR", "rupiah": "IDR"}
# dollars named by their country ("about 4 million New Zealand dollars", "20 billion Hong Kong dollars")
_DOLLAR_COUNTRIES = {"new zealand": "NZD", "australian": "AUD", "canadian": "CAD", "hong kong": "HKD",
                     "singapore": "SGD", "singaporean": "SGD", "taiwan": "TWD", "taiwanese": "TWD",
                     "fijian": "FJD", "fiji": "FJD", "namibian": "NAD", "jamaican": "JMD", "u.s.": "USD",
                     "us": "USD", "american": "USD", "liberian": "LRD", "guyanese": "GYD", "zimbabwean": "ZWL",
                     "solomon islands": "SBD", "east caribbean": "XCD", "brunei": "BND", "bahamian": "BSD"}
_NAMED_DOLLARS_RX = re.compile(r"\s+(" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in sorted(
    _DOLLAR_COUNTRIES, key=len, reverse=True)) + r")\s+dollars?\b", re.I)
QUALIFIERS = [
    "something in the region of", "in the region of", "upwards of", "more than", "less than",
    "fewer than", "at least", "at most", "up to", "as many as", "as much as", "as few as",
    "just over", "just under", "well over", "close to", "an estimated", "estimated", "nearly",
    "almost", "nearer to", "nearer", "about", "around", "roughly", "approximately", "some", "over", "under", "below",
    "above", "roughly", "approx.", "more or less", "no fewer than", "no more than", "closer to",
    "perhaps", "possibly", "exceeded", "exceeding", "topped", "a few",
]
_WORDNUM = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a dozen|a hundred|hundred)"
_NUM = (r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|" + _WORDNUM +
        r"|half an?|a half|a quarter of an?|a third of an?|three quarters of an?|two thirds of an?|an?)")
_SCALE = r"(?P<scale>(?:[- ]?(?:thousand|million|billion|trillion|bn|mn|mln|tn)\b|(?<=\d)(?:k|m|b)\b)+)"
_QUAL = "(?P<qual>" + "|".join(re.escape(q) for q in sorted(set(QUALIFIERS), key=len, reverse=True)) + r")\s+"
# ISO 4217 codes written before an amount ("NOK 25 million", "CHF 3bn")
_ISO_CODES = ("USD EUR GBP JPY CNY RUB UAH CHF NOK SEK DKK ISK PLN CZK HUF RON BGN TRY ILS AED SAR QAR "
              "KWD EGP INR PKR BDT IDR MYR SGD THB VND PHP KRW HKD TWD AUD NZD CAD MXN BRL ARS CLP COP "
              "PEN ZAR NGN KES ETB GHS MAD DZD TND IRR IQD KZT GEL AMD AZN BYN RSD").split()
_CUR = (r"(?P<cur>US\$|C\$|A\$|\$|€|£|¥|₽|₴|(?:" + "|".join(_ISO_CODES) + r")\s?|"
        # (the South African rand's "R", only before an amount with a scale or thousands: "R697
        # million", "R1 billion", "R12,500"; not a road's or a grade's "R2")
        r"(?<![\w-])R(?=\d{1,3}(?:,\d{3})+\b|\d+(?:\.\d+)?\s?(?:million|billion|trillion|bn)\b)|"
        # (Lesotho's loti, "M" before an amount with thousands: "M3,000", "at most M2,600"; kept
        # only where the text names the loti or Lesotho, see find_figures)
        r"(?<![\w-])(?-i:M)(?=\d{1,3}(?:,\d{3})+\b))")
_PCT = r"(?P<pct>\s?(?:%|percent\b|per cent\b|percentage points?\b))"
_VAGUE_RX = r"(?P<vague>(?:tens of |hundreds of )?(?:thousands|millions|billions|trillions)|dozens|hundreds|scores)\s+of\b"

def _named(rx: str, suffix: str) -> str:
    return rx.replace("(?P<num>", f"(?P<num{suffix}>").replace("(?P<scale>", f"(?P<scale{suffix}>")


FIGURE_RX = re.compile(
    r"(?<![\w$€£¥./-])(?:" + _QUAL + r")?(?:"
    r"(?:" + _CUR + r"\s?" + _named(_NUM, "c") + r"(?:" + _named(_SCALE, "c") + r")?)"  # $183 billion
    r"|(?:" + _named(_NUM, "p") + r"(?:" + _named(_SCALE, "p") + r")?" + _PCT + r")"  # 32 percent
    r"|(?:" + _named(_NUM, "n") + r"(?:" + _named(_SCALE, "n") + r")?)"  # 12,000 (troops)
    r"|(?:" + _VAGUE_RX + r")"  # millions of
    # (a unit written against the number, "about 60km", "320kg", is no part of a longer word)
    r")(?!(?!(?:km|kg)\b)\w|/\d)", re.I)


TIME_UNITS = frozenset("""year years month months week weeks day days hour hours minute minutes
second seconds decade decades century centuries yr yrs term terms times time round rounds
o'clock am pm a.m. p.m.""".split())
COUNT_UNITS = frozenset("""troops soldiers people persons civilians deaths dead casualties fatalities
refugees prisoners hostages children men women fighters servicemen victims migrants residents
killed wounded injured missiles drones tanks jets aircraft warships shells rockets votes jobs
workers families homes households beings lives nationals employees""".split())
PEOPLE = frozenset("""people persons civilians soldiers troops men women children fighters servicemen
beings lives residents migrants refugees prisoners hostages victims""".split())
DIE = frozenset("die perish".split())
KILL = frozenset("kill slay murder execute".split())
WOUND = frozenset("wound injure".split())


def _number(text: str) -> float | None:
    t = text.lower().replace(",", "").strip()
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    if t in _FRACTIONS or t.rstrip("n") in _FRACTIONS:
        return _FRACTIONS.get(t, _FRACTIONS.get(t.rstrip("n")))
    if t in _SMALL:
        return float(_SMALL[t])
    m = re.fullmatch(r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](\w+)", t)
    if m and m.group(2) in _SMALL:
        return float(_SMALL[m.group(1)] + _SMALL[m.group(2)])
    return None


def _scale(text: str | None) -> float:
    if not text:
        return 1.0
    f = 1.0
    for w in re.findall(r"thousand|million|billion|trillion|bn|mn|mln|tn|k|m|b", text.lower()):
        f *= _SCALES[w]
    return f


@dataclass
class _Match:
    start: int
    end: int
    value: float
    unit: str | None
    qualifier: str | None
    lower_bound: float | None
    has_scale: bool
    is_digits: bool


def _match_to_figure(m: re.Match) -> _Match | None:
    g = m.groupdict()
    qual = g.get("qual")
    qual = qual.lower() if qual else None
    start = m.start()
    if qual == "something in the region of":
        qual = "in the region of"
        start += len("something ")  # the figure is "in the region of a quarter of a million"
    if g.get("vague"):
        v = _VAGUE[g["vague"].lower()]
        return _Match(start, m.end(), v, None, "vague" if qual is None else qual, v, True, False)
    num = g.get("numc") or g.get("nump") or g.get("numn")
    scale = g.get("scalec") or g.get("scalep") or g.get("scalen")
    if num is None:
        return None
    base = _number(num)
    if base is None:
        return None
    if num.lower() in ("a", "an") and not scale:
        return None
    if re.fullmatch(r"\d{10,}", num):
        return None  # an identifier (a tweet's, a phone number), not an amount
    value = base * _scale(scale)
    unit = None
    if g.get("cur"):
        code = g["cur"].strip()
        unit = _CUR_PREFIX.get(code.lower()) or (code if code in _ISO_CODES else "USD")
    elif g.get("pct"):
        unit = "percentage points" if "point" in g["pct"].lower() else "percent"
    return _Match(start, m.end(), value, unit, qual, None, bool(scale),
                  bool(re.match(r"\d", num)))


def _counted_noun(doc, char_end: int, chars):
    """The noun a number counts: the first noun after it (skipping 'of', adjectives, 'worth')."""
    i = chars.after(char_end)
    if i is None:
        return None, None
    seen = 0
    while i < len(doc) and seen < 5:
        t = doc[i]
        if t.pos_ in ("NOUN", "PROPN") and i + 2 < len(doc) and doc[i + 1].tag_ == "HYPH":
            i += 2  # the first word of a hyphenated modifier ("300 French-speaking technicians")
            seen += 1
            continue
        if t.pos_ in ("NOUN", "PROPN") and t.lower_ not in ("worth",):
            # a compound ("human beings", "troop deaths", "South Koreans") ends at its head
            while i + 1 < len(doc) and (t.dep_ == "compound" or (t.dep_ == "amod" and t.head.i == i + 1)) \
                    and (doc[i + 1].pos_ == "NOUN" or (t.pos_ == "PROPN" and doc[i + 1].pos_ == "PROPN")):
                i += 1
                t = doc[i]
            return t, i
        if seen == 0 and t.text in ('"', "“", "‘") and t.idx > 0 and doc_text(doc)[t.idx - 1].isspace() \
                and t.whitespace_ == "" and i + 1 < len(doc) and doc[i + 1].is_alpha:
            i += 1  # an opening quote before the noun: 'left 1.5 million "unregistered migrants"'
            seen += 1
            continue
        if t.pos_ in ("ADJ", "DET", "NUM") or t.tag_ == "HYPH" or t.lower_ in ("worth", "of", "more", "additional", "extra") \
                or (t.tag_ in ("VBN", "VBG") and t.dep_ == "amod") \
                or (t.pos_ == "ADV" and t.dep_ == "advmod" and t.head.i == i + 1 and t.head.dep_ == "amod"):
            # ("40 jailed reporters"; "60,000 of the most affected people")
            i += 1
            seen += 1
            continue
        break
    return None, None


def _casualty_unit(noun) -> str | None:
    """'human beings have died' -> deaths; 'soldiers were killed' -> deaths."""
    if noun.lower_ in ("deaths", "dead", "fatalities", "killed"):
        return "deaths"
    if noun.lower_ in ("casualties",):
        return "casualties"
    # (any noun that died, "at least 26 of our brothers and sisters had died"; of those killed, people
    # only: "31 villagers were killed" counts villagers)
    people = noun.lower_ in PEOPLE or noun.lemma_.lower() in PEOPLE
    # climb from the noun to its verb ("a quarter of a million human beings have died": the
    # counted noun hangs on the subject through "of")
    cur, rel = noun, noun.dep_
    for _ in range(10):
        if cur.dep_ in ("nsubj", "nsubjpass"):
            rel = cur.dep_
            verb = cur.head
            lemma = verb.lemma_.lower()
            if lemma in DIE or (lemma in KILL and rel == "nsubjpass" and people):
                return "deaths"
            if lemma in WOUND and rel == "nsubjpass" and people:
                return "wounded"
            break
        if cur.dep_ not in ("pobj", "prep", "compound", "nummod", "quantmod", "amod") or cur.head.i == cur.i:
            break
        cur = cur.head
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in KILL and people:
        return "deaths"
    return None


_DURATIONS = frozenset("seconds minutes hours days weeks months years decades".split())
_NAMED_TOLLS = {"dead": "deaths", "killed": "deaths", "fatalities": "deaths", "injured": "wounded"}


def find_figures(doc, skip_spans: list[tuple[int, int]] = (), char_index=None) -> list[Figure]:
    """All figures of a parsed text, in order.

    Parameters
    ----------
    doc : a parsed spaCy ``Doc``.
    skip_spans : character spans to ignore (time expressions, so that "16 months ago" or
        "2022" are not read as counts).
    char_index : a :class:`detente.evidence.nlp.CharIndex` of ``doc`` (made if not given).

    Returns
    -------
    :class:`~detente.evidence.types.Figure` objects without claimant (see
    :func:`detente.evidence.extract.Extractor.extract`).

    Example
    -------
    >>> from detente.evidence.nlp import load_nlp
    >>> [(f.text, f.value, f.unit, f.qualifier) for f in find_figures(load_nlp()("Congress gave nearly $183 billion."))]
    [('nearly $183 billion', 183000000000.0, 'USD', 'nearly')]
    """
    from detente.evidence.nlp import CharIndex
    chars = char_index or CharIndex(doc)
    text = doc_text(doc)
    out: list[Figure] = []
    skip = Overlaps(skip_spans)  # (looked up for each figure, not read through)
    loti = re.search(r"\b(?:loti|maloti|Lesotho)\b", text) is not None
    for m in FIGURE_RX.finditer(text):
        fm = _match_to_figure(m)
        if fm is None:
            continue
        if fm.unit == "LSL" and not loti:
            continue  # an "M" before thousands in a text that names no loti: no money shown
        if re.match(r":\d\d\b|\.\d\d\s?(?:[ap]\.?m\b|GMT|UTC)", text[fm.end:fm.end + 8], re.I) \
                or re.search(r"\d:$", text[max(0, fm.start - 3):fm.start]):
            continue  # a clock time ("08:55", a live blog's "14:10", "9.58am GMT")
        if fm.lower_bound is not None and re.match(r"\s*(?:thousands|millions|billions|trillions)\b", text[fm.end:fm.end + 14], re.I):
            continue  # "differ by hundreds of thousands": a vague amount of nothing counted
        if fm.unit is None and not fm.has_scale and fm.lower_bound is None:
            # a deadline or a span ahead ("will open within thirty days", "invest for the next
            # ten years", "could double within three years"): what someone promises or forecasts
            # (not "three years ago", "in five months", "spent two years")
            dur = re.match(r"(?:\s*(?:to|-|–|or)\s*(?:\d+|" + _WORDNUM + r"))?(?P<more>\s+(?:more|further|additional|extra))?"
                           r"[\s-]*(days?|weeks?|months?|years?|decades?)\b",
                           text[fm.end:fm.end + 40])  # (and a range: "within 12 to 18 months")
            ahead = dur and (_AHEAD_RX.search(text[max(0, fm.start - 32):fm.start])
                             # ("fuel for four more days", "hold out for another three weeks")
                             or (dur.group("more") and re.search(r"\b(?:for|last|lasts|lasting)\s+$", text[max(0, fm.start - 10):fm.start], re.I))
                             or re.search(r"\b(?:for|last|lasts|lasting)\s+another\s+$", text[max(0, fm.start - 20):fm.start], re.I))
            # how long a claimed state of affairs lasted ("blocked every project we designed,
            # for thirty years"): a figure when someone claims it (the claimant decides, see
            # CLAIMED_ONLY), not the article's own "served for ten years"
            lasting = dur and fm.value >= 2 and dur.group(2).lower().rstrip("s") in ("month", "year", "decade") \
                and _FOR_SPAN_RX.search(text[max(0, fm.start - 20):fm.start])
            # a bounded amount of time someone claims ("reserves for at least 90 days", "stocks
            # of no more than 25 days", "will slip by at least two to three months"); not a time
            # ago, later or before, nor "in more than two years" (see claimed_only)
            bounded = dur and fm.qualifier in _TIME_BOUNDS and fm.value >= 2 \
                and not re.match(r"\s+(?:ago|later|earlier|before|after|since|old)\b", text[fm.end + dur.end():fm.end + dur.end() + 12]) \
                and not re.search(r"\b(?:in|within|after|before|since)\s+$", text[max(0, fm.start - 12):fm.start], re.I)
            if (ahead or lasting or bounded) and not (out and fm.start < out[-1].end):
                end = fm.end + dur.end()
                unit = dur.group(2).lower()
                out.append(Figure(text=text[fm.start:end], start=fm.start, end=end, value=fm.value,
                                  unit=unit if unit.endswith("s") else unit + "s", qualifier=fm.qualifier,
                                  lower_bound=None))
                continue
        each = _EACH_LASTS_RX.match(text, fm.end) if fm.unit is None and not fm.has_scale and fm.lower_bound is None else None
        if each is not None and fm.value >= 2 and each.group(2).lower() not in _NOT_EACH \
                and not (out and fm.start < out[-1].end):
            # the length of each of several things ("working 18-hour shifts", "signs six-month
            # contracts"): a figure in someone's claim (see claimed_only); not an age
            # ("20-year-olds") nor one thing ("a 72-hour ceasefire")
            end = each.end()
            out.append(Figure(text=text[fm.start:end], start=fm.start, end=end, value=fm.value,
                              unit=each.group(1).lower() + "s", qualifier=fm.qualifier, lower_bound=None))
            continue
        lasted = re.match(r"(?: and a half)?\s(?:hours?|minutes?)\b", text[fm.end:fm.end + 24])
        if not lasted and skip.overlaps(fm.start, fm.end):
            continue  # (a time expression; "four hours" is one too, and still a figure)
        half = re.match(r" and a half\b", text[fm.end:fm.end + 12])
        if half and not fm.has_scale and fm.unit is None:  # "four and a half hours"
            fm.end += half.end()
            fm.value += 0.5
        after = text[fm.end:fm.end + 40]
        nxt = re.match(r"[\s-]*([A-Za-z.']+)", after)
        next_word = nxt.group(1).lower() if nxt else ""
        if out and fm.start < out[-1].end:
            continue  # "a half" in "four and a half hours"
        clock = re.match(r"\s(hours?|minutes?)\b", after)
        if clock and fm.unit is None and not fm.has_scale \
                and not re.match(r"\s\w+\s+(?:ago|old|later|earlier|before|from now)\b", after):
            # how long something lasted: "lasted less than two hours", "41 hours in the same room"
            end = fm.end + clock.end()
            out.append(Figure(text=text[fm.start:end], start=fm.start, end=end, value=fm.value,
                              unit="minutes" if clock.group(1).startswith("minute") else "hours",
                              qualifier=fm.qualifier, lower_bound=fm.lower_bound))
            continue
        if next_word.rstrip(".") in ("times", "rounds") and fm.is_digits and not fm.has_scale and fm.unit is None \
                and not re.match(r"\s\w+\s+(?:as|more|less|higher|lower|larger|smaller|bigger|greater|over)\b", after):
            # a count of events in digits ("violated the airspace 47 times", "held 64 rounds of
            # talks"; not a multiplier, "four times as many", nor "three times in a century")
            out.append(Figure(text=text[fm.start:fm.end], start=fm.start, end=fm.end, value=fm.value,
                              unit=next_word.rstrip("."), qualifier=fm.qualifier, lower_bound=None))
            continue
        if next_word in TIME_UNITS or next_word.rstrip(".") in TIME_UNITS or re.match(r"-(?:year|month|week|day|hour)", after):
            continue  # a duration or an age
        if re.match(r"\s*(?:st|nd|rd|th)\b", after):
            continue
        num_text = m.group("numc") or m.group("nump") or m.group("numn") or ""
        if fm.unit is None and fm.is_digits and not fm.has_scale and re.fullmatch(r"1[89]\d\d|20\d\d", num_text.strip()):
            if next_word not in COUNT_UNITS:
                continue  # a year
        if (_RESTATES_RX.search(text[max(0, fm.start - 24):fm.start])
                or re.match(r"[\s-]+(?:figure|number|estimate|toll|count|tally|total)\b", after)) and any(
                f.value == fm.value and f.end <= fm.start for f in out):
            # ("the figure of 6,000 dead was inflated", "The 110,000 number is a lobbying number")
            continue  # "the figure of 6,000 dead was inflated": the figure given before, named again
        unit = fm.unit
        measure = re.match(r"(-|\s+)(km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|hectares?|acres?|tonnes?|tons?|kg|kilograms?)\b", after, re.I) \
            if unit is None and not fm.has_scale else None
        if measure is None and unit is None and not fm.has_scale and fm.is_digits:
            measure = re.match(r"()(km|kg)\b", after)  # written against the number: "about 60km"
        if measure is not None and (measure.group(1) in ("-", "") or fm.value != 1):
            # a measure, also as a hyphenated adjective ("their 375-km border") or spelled out
            # ("by two kilometres")
            word = measure.group(2).lower()
            unit = _MEASURE_UNITS.get(word) or _MEASURE_UNITS.get(word.rstrip("s")) or word
            end = fm.end + measure.end() if measure.group(1) in ("-", "") else fm.end
            out.append(Figure(text=text[fm.start:end], start=fm.start, end=end, value=fm.value, unit=unit,
                              qualifier=fm.qualifier, lower_bound=None))
            continue
        noun, _ = _counted_noun(doc, fm.end, chars)
        if noun is not None and unit is None and _RATE_RX.match(after):
            noun = None  # "four a week": a rate of what was counted before, not a count of weeks
        named_dollars = _NAMED_DOLLARS_RX.match(text, fm.end) if unit is None else None
        if named_dollars:  # "4 million New Zealand dollars": that country's currency, not a count of "New"
            unit = _DOLLAR_COUNTRIES[named_dollars.group(1).lower()]
        if unit is None:  # "$500 billion worth of minerals" keeps its currency; others count a noun
            for w, code in _CUR_WORDS.items():
                if re.match(r"\s*" + re.escape(w) + r"\b", text[fm.end:fm.end + len(w) + 2], re.I):  # (not "European")
                    unit = code
                    break
            else:
                if noun is not None:
                    unit = _casualty_unit(noun) or noun.lower_
                    if unit == "beings":  # "human beings"
                        unit = "people"
        if unit is None and (fm.is_digits or fm.value >= 2) and fm.lower_bound is None:
            # a casualty count whose noun the sentence gave once ("at least 50 civilians were
            # killed and 447 wounded", "12 dead and 30 injured")
            hurt = re.match(r"\s+(killed|dead|wounded|injured)\b", after)
            if hurt:
                unit = "deaths" if hurt.group(1).lower() in ("killed", "dead") else "wounded"
            elif re.match(r"\s+missing\b", after) and re.search(
                    r"\b(?:dead|killed|wounded|injured)(?:,|\s+and)\s+$", text[max(0, fm.start - 16):fm.start]):
                unit = "missing"  # a toll's missing after its dead ("23 dead and seven missing")
        if unit is None and noun is None:
            # a quoted number and the noun after the quotation ('owed "no more than 800,000"
            # acre-feet'): that noun
            q = re.match(r"[\"”’']\s+(?=[a-z])", after)
            if q:
                qnoun, _ = _counted_noun(doc, fm.end + q.end(), chars)
                if qnoun is not None:
                    unit = _casualty_unit(qnoun) or qnoun.lower_
        if unit is None:
            # a bare large number that restates or disputes a count ("put the number at roughly
            # 3.2 million", "closer to 1.2 million", "a figure that exceeded 11,000"): it counts
            # what the figure before it counted
            if (fm.has_scale or (fm.is_digits and fm.value >= 1000)) and (
                    fm.qualifier or _REFERS_TO_COUNT.search(_sentence_text(doc, chars, fm.start))):
                # (what it counts is no duration: "for twenty years ... 'no more than 800,000'")
                last = next((f for f in reversed(out) if f.unit not in _DURATIONS), None)
                # (the count the claim names wins: "puts the number of dead far higher, at 1,190"
                # counts the dead, not the wounded given last)
                put = _PUT_NUMBER_AT_RX.search(text[max(0, fm.start - 160):fm.start])
                put_noun = (put.group("noun") or "").lower() if put else ""
                if put_noun in COUNT_UNITS or put_noun in PEOPLE:
                    last = Figure(text="", start=fm.start, end=fm.start, value=0,
                                  unit=_NAMED_TOLLS.get(put_noun, put_noun))
                # (a count of things rather than the measure after it in the same paragraph: "6,000
                # workers ... within 20 kilometres ... 'more than 2,000'")
                thing = next((f for f in reversed(out) if _counts_things(f.unit)), None)
                if last is not None and not _counts_things(last.unit) and fm.unit is None and thing is not None \
                        and text.count("\n\n", thing.end, fm.start) == text.count("\n\n", last.end, fm.start):
                    last = thing
                unit = last.unit if last is not None and text.count("\n\n", last.end, fm.start) <= 3 else "count"
            elif fm.qualifier == "a few" and fm.has_scale is False and num_text.lower() == "hundred":
                unit = out[-1].unit if out else "count"
            elif fm.is_digits and fm.value >= 2 and (put := _PUT_NUMBER_AT_RX.search(text[max(0, fm.start - 160):fm.start])):
                # a bare number a claim puts a count at ('put the number of people held for
                # "sedition" at "no more than 400"'): the people it names, else what the figure
                # before it counted
                put_noun = (put.group("noun") or "").lower()
                if put_noun not in COUNT_UNITS and put_noun not in PEOPLE:
                    # (a noun after its adjectives: "the number of unmatched ballots", "of
                    # political prisoners still held"): the first plural noun of the words
                    words = (put.group("more") or "").lower().split()
                    put_noun = next((w for w in words if w in COUNT_UNITS or w in PEOPLE), None) or next(
                        (w for w in words if len(w) > 4 and w.endswith("s") and not w.endswith("ss")
                         and w not in TIME_UNITS), put_noun)
                unit = _NAMED_TOLLS.get(put_noun, put_noun) if put_noun in COUNT_UNITS or put_noun in PEOPLE \
                    or put_noun != (put.group("noun") or "").lower() else \
                    (out[-1].unit if out and text.count("\n\n", out[-1].end, fm.start) <= 3 else "count")
            elif fm.is_digits and fm.value >= 2 and (
                    _NAMES_COUNT_BEFORE.search(text[max(0, fm.start - 40):fm.start])
                    or (fm.qualifier and _TRUE_COUNT.search(_sentence_text(doc, chars, fm.start)))):
                # a smaller bare number that the words before it make a count ("a lower toll of
                # 60", "the true figure was above 400"): what the figure before it counted
                unit = out[-1].unit if out and text.count("\n\n", out[-1].end, fm.start) <= 3 else "count"
        if unit is None and fm.is_digits and not fm.has_scale and not fm.qualifier and fm.value < 130 \
                and re.match(r",\s", after) and re.search(r"[A-Z][\w'’.-]+,\s+$", text[max(0, fm.start - 40):fm.start]):
            continue  # an age set off by commas after a name ("says Desmond Ortiz-Kane, 63, who ...")
        if unit is None and fm.is_digits and not fm.has_scale and re.match(r",?\s+(?:who|of whom)\b", after):
            unit = "people"  # "the released soldiers included 45 who had been held since 2022"
        owned_part = elliptic = False
        if unit is None and noun is None and (fm.is_digits or fm.has_scale or fm.value >= 2):
            # a part of a counted whole ("had verified 180,000 of the roughly 800,000 names"):
            # what the whole counts; spelled out, only of what someone owns ("struck three of
            # its depots", not "two of the men")
            part = _PART_OF_RX.match(after) if fm.is_digits or fm.has_scale else _OWNED_PART_RX.match(after)
            if part is not None:
                pnoun, _ = _counted_noun(doc, fm.end + part.end(), chars)
                if pnoun is not None and pnoun.pos_ == "NOUN" and (fm.is_digits or fm.has_scale or pnoun.tag_ == "NNS"):
                    unit = _casualty_unit(pnoun) or pnoun.lower_
                    owned_part = not (fm.is_digits or fm.has_scale)
        if unit is None and fm.is_digits and fm.value >= 2 and not fm.has_scale and (fm.qualifier or after[:1] in "\"”") \
                and _COUNTED_BY_CLAUSE_RX.match(after):
            # a hedged count of things a relative clause describes ('knew of "fewer than 30" that
            # had received anything'): what the figure before it in the passage counted
            last = next((f for f in reversed(out) if f.unit not in _DURATIONS), None)
            unit = last.unit if last is not None and text.count("\n\n", last.end, fm.start) <= 2 else "count"
        if unit is None and not fm.has_scale and fm.lower_bound is None and (fm.is_digits or fm.value >= 2):
            unit, rate_end = _elliptic_unit(doc, chars, text, fm, num_text, after, out)
            elliptic = unit is not None and not fm.is_digits
            if unit is not None and rate_end:
                out.append(Figure(text=text[fm.start:fm.end + rate_end], start=fm.start, end=fm.end + rate_end,
                                  value=fm.value, unit=unit, qualifier=fm.qualifier, lower_bound=None))
                continue
        if unit is None:
            continue  # a bare number: an age, a score, a rank
        if fm.value < 10 and not fm.has_scale and unit in _SOURCE_UNITS and (
                re.search(r"\baccording to\s+$", text[max(0, fm.start - 16):fm.start], re.I)
                or re.match(r"\s+\w+\s+(?:familiar with|briefed on|close to|with knowledge of)\b", after)):
            continue  # the description of anonymous sources ("according to two people who were present")
        # a spelled-out small number counts only people, weapons and the like ("two leaders" is
        # no figure); written in digits it is a count of whatever noun follows ("300 fishermen")
        small = not fm.has_scale and fm.value < 1000 and fm.lower_bound is None and not fm.is_digits
        if small and unit in CLOCK_UNITS and fm.qualifier:  # "fewer than three of those hours"
            unit = "minutes" if unit.startswith("minute") else "hours"
        elif small and unit not in COUNT_UNITS and unit not in ("percent", "percentage points", "deaths", "wounded", "casualties", "missing") \
                and not unit.isupper() and not owned_part and not elliptic and not _own_count(doc, chars, fm, noun):
            continue
        if fm.is_digits and not fm.has_scale and not fm.qualifier and fm.unit is None:
            ti = chars.token(fm.start)
            before = doc[ti - 1] if ti else None
            if (before is not None and before.pos_ == "PROPN" and before.is_title
                    and before.ent_type_ not in ("DATE", "TIME", "GPE", "NORP")) \
                    or (noun is not None and noun.pos_ == "PROPN" and unit == noun.lower_
                        and not _PEOPLE_NAMED_RX.search(noun.text)):
                continue  # part of a name: "Fortune 500", "Route 66", "Boeing 737"
                #           (not people named by where they are from: "317 South Koreans", "32 Allies")
        out.append(Figure(text=text[fm.start:fm.end], start=fm.start, end=fm.end, value=fm.value,
                          unit=unit, qualifier=fm.qualifier, lower_bound=fm.lower_bound))
    _add_fractions(text, out)
    _add_ratios(text, out)
    _add_changed_counts(text, out)
    _add_magnitudes(text, out)
    return out


# a count a change takes from one number to another, its noun before it ("would cut the troop
# ceiling from 17,000 to 12,500"): one figure, the number it goes to
_CHANGED_COUNT_RX = re.compile(
    r"\b(?:cut|cuts|cutting|raise|raises|raised|raising|reduce|reduces|reduced|reducing|lower|lowers|lowered|lowering|"
    r"increase|increases|increased|increasing|lift|lifts|lifted|lifting|trim|trims|trimmed|trimming)\s+"
    r"(?:the|its|their|a)\s+(?P<noun>[a-z]+(?:\s+[a-z]+){0,2}?)\s+"
    r"(?P<fig>from\s+(?P<a>\d{1,3}(?:,\d{3})+|\d+)\s+to\s+(?P<b>\d{1,3}(?:,\d{3})+|\d+))\b(?![.,]?\d)")


def _add_changed_counts(text: str, out: list[Figure]) -> None:
    """"cut the troop ceiling from 17,000 to 12,500" (the bare numbers named no unit of their
    own): one figure of the number it goes to, counting what the noun before names."""
    import bisect
    for m in _CHANGED_COUNT_RX.finditer(text):
        if any(f.start < m.end("fig") and m.start("fig") < f.end for f in out):
            continue
        a, b = _number(m.group("a")), _number(m.group("b"))
        words = m.group("noun").split()
        if a is None or b is None or a == b or any(w in TIME_UNITS for w in words) \
                or any(1900 <= v <= 2100 and "," not in g for v, g in ((a, m.group("a")), (b, m.group("b")))):
            continue
        unit = next((w + "s" for w in words if w + "s" in COUNT_UNITS), None) or \
            next((w for w in words if w in COUNT_UNITS), None) or words[-1]
        fig = Figure(text=m.group("fig"), start=m.start("fig"), end=m.end("fig"), value=b, unit=unit, qualifier=None)
        out.insert(bisect.bisect([f.start for f in out], fig.start), fig)


# an estimate given as an order of magnitude ("estimating the gain at 'tens of millions, not
# hundreds'"): what the figure before it counted, at the bottom of that order
_MAGNITUDE_ESTIMATE_RX = re.compile(r"\b(?:at|to|of|was|is|be|were|are)\s+[\"“]?((tens|hundreds) of (thousands|millions|billions))"
                                    r"(?!\s+of\b)(?:,? (?:not|rather than) (?:tens|hundreds|thousands|millions|billions)\b)?", re.I)


def _add_magnitudes(text: str, out: list[Figure]) -> None:
    for m in _MAGNITUDE_ESTIMATE_RX.finditer(text):
        start, end = m.start(1), m.end()
        if any(f.start < end and start < f.end for f in out):
            continue
        before = [f for f in out if f.end <= start and f.unit and text.count("\n\n", f.end, start) <= 1]
        if not before:
            continue
        value = (10 if m.group(2).lower() == "tens" else 100) * _SCALES[m.group(3).lower().rstrip("s")]
        out.append(Figure(text=text[start:end], start=start, end=end, value=value, unit=before[-1].unit,
                          qualifier="vague", lower_bound=value))
    out.sort(key=lambda f: f.start)


_FRACTION_VALUES = {"half": 0.5, "a half": 0.5, "one half": 0.5, "a third": 1 / 3, "one third": 1 / 3,
                    "a quarter": 0.25, "one quarter": 0.25, "a fifth": 0.2, "one fifth": 0.2,
                    "a tenth": 0.1, "one tenth": 0.1, "two thirds": 2 / 3, "three quarters": 0.75,
                    "two fifths": 0.4, "three fifths": 0.6, "four fifths": 0.8}
_FRACTION_RX = re.compile(
    r"(?<![\w-])(?:(?P<qual>at most|at least|more than|less than|nearly|almost|about|around|roughly|"
    r"over|under|just over|just under|close to|some|only|barely)\s+)?"
    r"(?P<frac>half|(?:a|one|two|three|four)[- ](?:half|third|quarter|fifth|tenth)s?)\s+of\b"
    r"(?P<rest>[^.;:!?]{0,40})", re.I)
_REFERENT_RX = re.compile(r"\s+(?:that|this|it|those|these)\b(?:\s+(?:figure|number|amount|total|estimate|sum))?", re.I)
_NOT_A_SHARE_RX = re.compile(r"\s+(?:the|this|that|next|last|its|each)\s+(?:\w+\s+)?(?:year|month|century|decade|"
                             r"day|week|season|match|game|term|hour|session|night|morning|afternoon)s?\b", re.I)


_RATIO_RX = re.compile(r"(?<![\w-])(?:(?P<qual>nearly|almost|about|around|roughly|more than|fewer than|less than|"
                       r"at least|only|just)\s+)?(?P<a>one|two|three|four|five|\d{1,2}) (?:in|out of) (?:every )?"
                       r"(?P<b>two|three|four|five|six|seven|eight|nine|ten|twenty|\d{1,3})(?=\s+[a-z])", re.I)


def _add_ratios(text: str, out: list[Figure]) -> None:
    """Shares said as "one in five Ukrainians", "nearly two out of three voters" (unit ``share``)."""
    import bisect
    for m in _RATIO_RX.finditer(text):
        a, b = _number(m.group("a")), _number(m.group("b"))
        if not a or not b or a >= b:
            continue
        # ("one in five Ukrainians" is one share, not five Ukrainians)
        out[:] = [f for f in out if not (f.start < m.end() and m.start() < f.end)]
        fig = Figure(text=m.group(0), start=m.start(), end=m.end(), value=a / b, unit="share",
                     qualifier=m.group("qual").lower() if m.group("qual") else None)
        out.insert(bisect.bisect([f.start for f in out], fig.start), fig)


# a fraction as the size of a change ("has fallen by about a third", "cut by half"): unit ``share``
_CHANGE_FRACTION_RX = re.compile(
    r"\bby\s+(?P<fig>(?:(?P<qual>at most|at least|more than|less than|nearly|almost|about|around|roughly|"
    r"over|under|just over|just under|close to|some|only|barely|well over)\s+)?"
    r"(?P<frac>half|(?:a|one|two|three|four)[- ](?:half|third|quarter|fifth|tenth)s?))"
    # (not "by a third party", "by half past nine": the change ends there)
    r"(?=\s*[,.;:!?\"”’)]|\s+(?:since|from|in|on|over|this|last|compared|between|to|and|or|after|before|within|"
    r"while|but|as|when|because|until|against|during|year-on-year|a year|each|every|at)\b)",
    re.I)


def _add_fractions(text: str, out: list[Figure]) -> None:
    """Hedged fractions of a whole ("about a fifth of the territory", "nearly half of the
    population", unit ``share``) and fractions of the figure before ("at most half of that": that
    figure's unit, and the fraction of its value), in text order among ``out``; not parts of a
    time ("the second half of the year", "half of the session")."""
    import bisect
    for m in _FRACTION_RX.finditer(text):
        before = text[max(0, m.start() - 12):m.start()].lower()
        if re.search(r"\b(?:the|first|second|other|latter|former|and a)\s+$", before) and not m.group("qual"):
            continue
        if _NOT_A_SHARE_RX.match(m.group("rest")) or any(f.start < m.end("frac") and m.start() < f.end for f in out):
            continue
        key = re.sub(r"[- ]+", " ", m.group("frac").lower())
        frac = _FRACTION_VALUES.get(key, _FRACTION_VALUES.get(key.rstrip("s")))
        if frac is None:
            continue
        qual = m.group("qual").lower() if m.group("qual") else None
        ref = _REFERENT_RX.match(m.group("rest"))
        prev = [f for f in out if f.end <= m.start() and f.unit not in ("share",)]
        if ref:
            if not prev or text.count("\n\n", prev[-1].end, m.start()) > 2:
                continue
            end = m.end("frac") + len(" of") + ref.end()
            fig = Figure(text=text[m.start():end], start=m.start(), end=end, value=frac * prev[-1].value,
                         unit=prev[-1].unit, qualifier=qual)
        elif qual is None:
            continue  # (a bare share, "fund half of the monitoring costs", is a plan more often than a count)
        else:
            fig = Figure(text=text[m.start():m.end("frac")], start=m.start(), end=m.end("frac"), value=frac,
                         unit="share", qualifier=qual)
        out.insert(bisect.bisect([f.start for f in out], fig.start), fig)
    for m in _CHANGE_FRACTION_RX.finditer(text):
        if any(f.start < m.end() and m.start("fig") < f.end for f in out):
            continue
        key = re.sub(r"[- ]+", " ", m.group("frac").lower())
        frac = _FRACTION_VALUES.get(key, _FRACTION_VALUES.get(key.rstrip("s")))
        if frac is None:
            continue
        fig = Figure(text=m.group("fig"), start=m.start("fig"), end=m.end("fig"), value=frac, unit="share",
                     qualifier=m.group("qual").lower() if m.group("qual") else None)
        out.insert(bisect.bisect([f.start for f in out], fig.start), fig)


def _elliptic_unit(doc, chars, text: str, fm: "_Match", num_text: str, after: str, out: list[Figure]):
    """What a bare number counts when its noun was named before (``(unit, rate_end)``): a rate
    ("fell to four a week": the figure before's things, per week), the other end of a change
    ("four a week from 11"), a count coordinated with a figure of its sentence ("14 killed on
    one side and eight on the other"), a count a verb takes as its object ("has approved 12 so
    far"), a number in digits with thousands separators ("says 3,500 are trained", "put the
    crowd at 2,000"); ``(None, 0)`` otherwise."""
    prev = next((f for f in reversed(out) if f.unit not in _DURATIONS), None)
    near = prev is not None and text.count("\n\n", prev.end, fm.start) <= 1
    same_sentence = near and not re.search(r"[.!?:;][\s\"”’]|\n", text[prev.end:fm.start])
    counted = near and _counts_things(prev.unit) and not prev.unit.startswith("per ")
    rate = _RATE_RX.match(after)
    if rate:
        return (prev.unit if counted and same_sentence or counted and fm.is_digits is False and near
                else "per " + rate.group(1)), rate.end()
    if re.search(r"\b[a-z]{3,}s\s+of\s+$", text[max(0, fm.start - 24):fm.start]) \
            and re.match(r"\s*[,.;:!?\"”’)]|\s+(?:and|but|or|each|at|in|on|to|from|a day|a week)\b", after):
        # the size of each of a plural noun's groups ("escorts convoys of 50, but ...", "in
        # columns of 40"): a count per group (unit "per convoy"), no rival of a count of all
        ti = chars.token(fm.start)
        head = doc[ti - 2] if ti is not None and ti >= 2 else None
        if head is not None and head.tag_ == "NNS" and head.lower_ not in TIME_UNITS \
                and head.lower_ not in ("ages", "sizes", "scores", "terms", "rates", "levels", "odds"):
            return "per " + head.lemma_.lower(), 0
    if prev is None or not near:
        return None, 0
    if counted and fm.qualifier in _STATED_BOUNDS and _RIVAL_VERBS_RX.search(text[prev.end:fm.start]) \
            and not re.search(r"\d|[.!?][\s\"”’]|\n", text[prev.end:fm.start]):
        # a rival bound on the count just given ("holds 91 seats ...; rebel deputies say it
        # commands no more than 86"): the same things
        return prev.unit, 0
    if same_sentence and re.fullmatch(r"\s+(?:up |down )?from\s+", text[prev.end:fm.start]):
        return prev.unit, 0  # "to four a week from 11"
    if same_sentence and counted and re.search(r"\b(?:and|but|while|with)\s+$", text[max(0, fm.start - 8):fm.start]) \
            and re.match(r"\s+(?:on|in|at|among|from)\s+(?:the|its|their)\b", after):
        return prev.unit, 0  # "and eight on the Syrian side"
    if not counted:
        return None, 0
    if (fm.is_digits and re.match(r"\s*(?:so far|of them|to date|in all|in total)?\s*[,.;]", after)
            # (spelled out, or with where they were after it: "We found fourteen in the wrong box")
            or (fm.value >= 2 and re.match(r"\s*(?:so far|of them|to date|in all|in total)?\s*(?:[,.;]|(?:in|on|at|inside|among)"
                                           r"\s+(?:the|a|an|their|its|our|his|her)\b)", after))) \
            and not re.search(r"[.!?][\s\"”’]+\S[^.!?]*[.!?][\s\"”’]", text[prev.end:fm.start]):
        ti = chars.token(fm.start)
        tok = doc[ti] if ti is not None else None
        if tok is not None and ti > 0 and doc[ti - 1].pos_ == "VERB" and doc[ti - 1].tag_ in ("VBD", "VBN", "VBZ", "VBP") \
                and tok.dep_ in ("dobj", "obj", "attr"):
            return prev.unit, 0  # "Kyiv has approved 12 so far"
    if re.match(r"\s+(?:have|has|had|were|are)\s+(?:(?:been|now|already|since)\s+){0,2}[a-z]{3,}(?:ed|en)\b", after) \
            and not re.search(r"[.!?][\s\"”’]+\S[^.!?]*[.!?][\s\"”’]|\n", text[prev.end:fm.start]):
        ti = chars.token(fm.start)
        tok = doc[ti] if ti is not None else None
        if tok is not None and tok.dep_ in ("nsubj", "nsubjpass") and (ti == 0 or doc[ti - 1].pos_ not in ("DET", "ADJ", "ADP")):
            return prev.unit, 0  # "promised to release 40 political prisoners; ... say 11 have been freed"
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", num_text.strip()) \
            and not re.match(r"\s+(?:would|could|might|should|may)\b", after):
        return prev.unit, 0  # "of whom it says 3,500 are trained", "put the crowd at 2,000"
    return None, 0


_STATED_BOUNDS = frozenset(("no more than", "at most", "fewer than", "less than", "closer to", "nearer to", "nearer",
                            "no fewer than", "at least", "more than", "as many as", "up to", "well over", "upwards of"))
_RATE_RX = re.compile(r"\s+(?:a|per|each|every)\s+(day|week|month|year)\b")
CLOCK_UNITS = frozenset("hour hours minute minutes".split())
_MEASURE_UNITS = {"kg": "kilograms", "kilogram": "kilograms", "km": "kilometres", "kilometre": "kilometres", "kilometer": "kilometres", "mile": "miles",
                  "metre": "metres", "meter": "metres", "hectare": "hectares", "acre": "acres", "tonne": "tonnes",
                  "ton": "tons"}
_SOURCE_UNITS = frozenset("people persons sources officials diplomats people".split())
# what puts a duration ahead of now, as a deadline or a horizon
_AHEAD_RX = re.compile(r"\b(?:within|(?:in|over|for|during) the (?:next|coming|following))\s+$", re.I)
# a span a claim covers ("for thirty years", "for the past two decades")
# words that name a figure already given ("the figure of 6,000", "that estimate of 3 million")
_RESTATES_RX = re.compile(r"\b(?:the|that|this|their|its|his|her)\s+(?:\w+\s+)?(?:figure|estimate|number|toll|count|tally)\s+of\s+$", re.I)
_FOR_SPAN_RX = re.compile(r"\bfor\s+(?:the\s+(?:past|last)\s+)?$", re.I)


# a plural noun naming people by where they are from or what they are ("South Koreans", "Papua
# New Guineans", "Cook Islanders", "Allies")
_PEOPLE_NAMED_RX = re.compile(r"^[A-Z][a-z]+(?:ans|ers|ese|is|ies|ites)$")
_TIME_BOUNDS = frozenset(("at least", "no more than", "at most", "up to", "more than", "less than", "fewer than",
                          "no fewer than", "as many as", "as few as", "as much as", "as little as"))


def claimed_only(f: Figure, text: str) -> bool:
    """Whether a figure counts only when someone claims it: how long a state of affairs lasted
    ("for thirty years" in a speaker's words is a claim; the article's own "he served for ten
    years" is biography, not a figure), a bounded amount of time ("at least 90 days")."""
    if f.unit in ("days", "weeks", "months", "years", "decades") and f.qualifier in _TIME_BOUNDS:
        return True
    if _EACH_LASTS_RX.search(f.text):  # "18-hour shifts": in a claim, not the article's own account
        return True
    return f.unit in ("months", "years", "decades") and bool(_FOR_SPAN_RX.search(text[max(0, f.start - 20):f.start]))
_DEFINITE = frozenset("the these those its their his her our your my this that whose which all both".split())
# the length of each of several things: "18-hour shifts", "six-month contracts", "12-hour days"
_EACH_LASTS_RX = re.compile(r"-(hour|day|week|month|year)(?:-long)? ([a-z]{3,20}s)\b")
_NOT_EACH = frozenset("olds lows highs ago".split())
# a spelled-out number of what someone owns: "three of its air bases", "two of our hospitals"
_OWNED_PART_RX = re.compile(r"\s+of\s+(?:its|their|his|her|our|my|your)\s+(?=[a-z])")


def _own_count(doc, chars, fm: "_Match", noun) -> bool:
    """A spelled-out number that counts a plural noun of its own: "Eighteen leaders are
    expected", "we asked five specialists", "operates eleven bulk carriers", "only two
    vessels" (not "the two leaders", "one of them", nor a number below three unless said to be
    small)."""
    if noun is not None and noun.tag_ == "NN" and noun.dep_ in ("amod", "compound") \
            and noun.head.i > noun.i and noun.head.i - noun.i <= 2:
        noun = noun.head  # "eleven bulk carriers"
    # ("only two vessels", "just two incidents": a number said to be small is a count someone
    # claims, even below three)
    restricted = bool(re.search(r"\b(?:only|just|merely)\s+$", doc_text(doc)[max(0, fm.start - 8):fm.start], re.I))
    if noun is None or fm.value < (2 if restricted else 3) or fm.value != int(fm.value) \
            or noun.tag_ not in ("NNS", "NNPS") or noun.lower_ in TIME_UNITS:
        return False
    ti = chars.token(fm.start)
    if ti is None:
        return False
    first = ti
    if fm.qualifier:  # the number's first token after the qualifier
        first = chars.token(fm.end - 1) or ti
        while first > ti and doc[first - 1].idx >= fm.start + len(fm.qualifier):
            first -= 1
    before = doc[first - 1] if first > 0 else None
    if before is not None and (before.lower_ in _DEFINITE or before.dep_ == "poss" or before.tag_ == "POS"):
        return False
    return noun.i - (chars.token(fm.end - 1) or ti) <= 3


_NAMES_COUNT_BEFORE = re.compile(r"\b(?:number|figure|toll|count|tally|total|estimate)s? (?:of|was|is|were|at|"
                                 r"stood at|stands at|to)\s+$", re.I)
_PUT_NUMBER_AT_RX = re.compile(r"\bput(?:s|ting)?\s+(?:the|its|their|that|this|his|her)\s+(?:\w+\s+)?(?:number|figure|toll|count|tally|total)"
                               r"(?:\s+of\s+(?P<noun>[a-z]+)(?P<more>(?:\s+[a-z]+){0,2})\b[^.;!?]{0,100}?)?\s+at\s+[\"“]?$", re.I)
_PART_OF_RX = re.compile(r"\s+of\s+(?:the|its|their|his|her|our|those|these|all)\s+(?:(?:"
                         + "|".join(re.escape(q) for q in sorted(set(QUALIFIERS), key=len, reverse=True))
                         + r")\s+)?(?=[\d,.]+\b|[a-z])", re.I)
_COUNTED_BY_CLAUSE_RX = re.compile(r"[\"”]?\s+(?:that|which)\s+(?:had|have|has|were|was|are|is|did|would|could)\b")
_TRUE_COUNT = re.compile(r"\b(?:true|real|actual|correct) (?:number|figure|toll|count|total)\b", re.I)
_REFERS_TO_COUNT = re.compile(r"\b(?:number|figure|total|toll|count|tally|estimate|estimates)\b", re.I)


def _sentence_text(doc, chars, char: int) -> str:
    from detente.evidence.nlp import sentence_of
    ti = chars.token(char)
    return sentence_of(doc, ti).text if ti is not None else ""


_MAGNITUDE_RX = re.compile(r"\b(?:in the )?(thousands|millions|billions|hundreds of thousands|tens of thousands|"
                           r"hundreds)\b", re.I)
_MAG_VALUE = {"hundreds": 1e2, "thousands": 1e3, "tens of thousands": 1e4, "hundreds of thousands": 1e5,
              "millions": 1e6, "billions": 1e9}


def _answered_by(disputed: Figure, answer: Figure, text: str) -> None:
    """Mark ``disputed`` as answered by the counter-figure ``answer`` (its claimant, text, span)."""
    disputed.disputed_by = answer.claimed_by
    disputed.dispute_text = text[answer.start:answer.end]
    disputed.dispute_span = (answer.start, answer.end)


def find_disputes(doc, figures: list[Figure], statement_spans: list[tuple[int, int, str | None]]) -> None:
    """Mark claimed figures that a later sentence denies ("they aren't in the millions").

    A dispute is a negated clause that names an order of magnitude ("in the millions", "not
    thousands") after a claimed figure of that order, in the article's own voice (or in
    another speaker's statement, who is then the disputer). The figure gets ``disputed_by``,
    ``dispute_text`` and ``dispute_span``.

    Parameters
    ----------
    doc : the parsed article.
    figures : its figures, with ``claimed_by`` set.
    statement_spans : ``(start, end, speaker)`` content spans of the statements.
    """
    deps, lowers = column(doc, "dep_"), column(doc, "lower_")
    for sent in doc.sents:
        neg = [doc[i] for i in range(sent.start, sent.end) if deps[i] == "neg" or lowers[i] in ("never",)]
        if not neg:
            continue
        m = _MAGNITUDE_RX.search(sent.text)
        if not m:
            continue
        pos = sent.start_char + m.start()
        mag = _MAG_VALUE[m.group(1).lower()]
        verb = neg[0].head
        # the denying clause, without a concessive "Although ..." before it
        s, e = verb.left_edge.i, verb.right_edge.i + 1
        for c in verb.children:
            if c.dep_ in ("advcl", "mark") and c.i < verb.i:
                s = max(s, c.right_edge.i + 1)
        while s < e and (doc[s].is_punct or doc[s].is_space):
            s += 1
        while e > s and (doc[e - 1].is_punct or doc[e - 1].is_space):
            e -= 1
        if e <= s:
            continue
        span = (doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text))
        owner = next((sp for a, b, sp in statement_spans if a <= pos < b), "the article")
        if owner is None:
            owner = "the article"
        for f in figures:
            if f.start >= pos or f.start < pos - 5000 or f.claimed_by is None or f.claimed_by == owner:
                continue
            v = f.lower_bound if f.lower_bound is not None else f.value
            if mag <= v < mag * 1000 and doc_text(doc).count("\n\n", f.end, pos) <= 2:
                f.disputed_by = owner
                f.dispute_text = doc_text(doc)[span[0]:span[1]]
                f.dispute_span = span


# Words by which a later figure answers an earlier one ("disputed that, putting the number at
# roughly 4,500", "the true number is closer to", "That figure is too high", "at most half").
_COUNTER_RX = re.compile(r"\b(?:disput\w*|contest\w*|asked about (?:the|that|this|those|these) (?:[A-Z][\w-]{1,30} )?(?:figures?|numbers?|estimates?|counts?|claims?|account)|call(?:s|ed|ing)? (?:that|this|the|those|these) (?:figures?|numbers?|estimates?|counts?|claims?|tall(?:y|ies))|put(?:ting|s)? (?:the|that|it|them|their)\b[^.]{0,40}\bat|closer to|"
                         r"true (?:number|figure|toll|count)|real (?:number|figure|toll|count)|too (?:high|low)|"
                         r"overstat\w*|understat\w*|exaggerat\w*|inflat\w*|reject\w*|generous|fantasy|"
                         r"count(?:s|ed)? (?:people|them) more than once|differently|rather than|instead|"
                         r"nowhere near|disagree\w*|"
                         # (46% of teachers had stayed away, "not the numbers being put about")
                         r"not the (?:numbers?|figures?|counts?|estimates?) (?:being |that are |that were )?"
                         r"(?:put about|bandied about|cited|quoted|claimed|circulat\w*|given out)|(?:figure|number|total|toll|estimate|count),? (?:that |which )?"
                         r"[^.;]{0,60}\b(?:put|puts|placed|places|estimated|estimates)\b|(?:higher|lower) "
                         r"(?:number|figure|toll|count|tally|total|estimate))\b", re.I)
# A sentence that announces the answer before it gives it, in the same paragraph ("The
# ministry disputes that number. In a statement it said ...", "X puts the number higher.",
# "Opposition groups tell a different story.", "The numbers themselves are contested.")
_LEAD_RX = re.compile(r"\b(?:disput\w*|contest\w*|challeng\w*|reject\w*|den(?:y|ies|ied)\b|disagree\w*|doubts?\s+(?:even\s+)?(?:that|this|those|these|it)\b|"
                      r"(?:figures?|numbers?|counts?|estimates?|tall(?:y|ies)|tolls?) (?:are|is|were|was|run|runs) "
                      r"(?:much |far |considerably |significantly |even )?(?:higher|lower|smaller|larger)|"
                      r"different (?:story|picture|account|figure|number|count|tally|estimate)|"
                      r"(?:figures?|numbers?|counts?|estimates?|tall(?:y|ies)) (?:differ|diverge|vary)\w*|"
                      r"put(?:ting|s)? (?:the|that|its|their) (?:number|figure|toll|count|tally|total|estimate)s? "
                      r"(?:much |far |considerably |significantly )?(?:higher|lower)|"
                      r"(?:higher|lower|smaller|larger|bigger) (?:number|figure|toll|count|tally|total|estimate)|"
                      r"(?:says?|said|saying) otherwise|"
                      # ("X does the arithmetic differently.", "The Commission's figures are different.",
                      # "Y does not believe the jobs figure.", "Z laughs at that.", "She shakes her head at that.")
                      r"(?:does|do|did|doing) (?:the|her|his|their|its) (?:arithmetic|math|maths|sums|numbers|count|calculation) differently|"
                      r"(?:figures?|numbers?|counts?|estimates?|tall(?:y|ies)) (?:are|is|were|was) (?:quite |very |rather )?different\b|"
                      r"(?:does|do|did)(?:n['’]t| not) (?:believe|accept|buy|trust) (?:the|that|this|those|these|its|their|his|her)\b"
                      r"[^.;:!?]{0,30}?\b(?:figures?|numbers?|counts?|estimates?|tall(?:y|ies)|tolls?|totals?|claims?)\b|"
                      r"(?:laugh|scoff|shake|shook)\w{0,3} (?:(?:his|her|their) heads? )?at (?:that|this|those|these|it|the (?:figures?|numbers?|claims?))\b|"
                      # a verdict on the figure before ("told reporters that figure is 'far too
                      # high'", "The number is wrong.")
                      r"(?:figures?|numbers?|counts?|estimates?|tall(?:y|ies)|tolls?|totals?)\s+(?:is|was|are|were)\s+"
                      r"[\"“]?(?:far |much |way |simply |grossly |wildly |badly |completely )?"
                      r"(?:too (?:high|low|big|small)|wrong|exaggerated|inflated|incorrect|inaccurate|false|misleading|"
                      r"incomplete|out of date|a fantasy|a fiction|fiction|a fabrication|an invention|made up|invented|nonsense|"
                      r"not true|not correct|not accurate)|"
                      # a verdict on the claims before ("These claims are false.", "The report is untrue.")
                      r"(?:claims?|allegations?|reports?|assertions?|suggestions?)\s+(?:is|was|are|were)\s+[\"“]?"
                      r"(?:simply |completely |entirely |totally )?(?:false|untrue|wrong|baseless|unfounded|incorrect|"
                      r"inaccurate|misleading|fabricated|not true))", re.I)
# a lead that points back at what was just claimed ("Seoul disputes that.", "The ministry rejected
# those claims.", "These claims are false."): what answers it counts what the claim counted
_LEAD_POINTS_BACK_RX = re.compile(r"\b(?:(?:disput|reject|den(?:y|ies|ied)|contest|challeng|refut|doubt)\w*\s+(?:even\s+)?(?:that|this|those|"
                                  r"these|it|the (?:claims?|figures?|numbers?|account|report))\b|"
                                  r"(?:laugh|scoff|shake|shook)\w{0,3} (?:(?:his|her|their) heads? )?at (?:that|this|those|these|it)\b|"
                                  r"(?:claims?|allegations?|reports?|assertions?)\s+(?:is|was|are|were)\s+[\"“]?"
                                  r"(?:simply |completely |entirely |totally )?(?:false|untrue|wrong|baseless|unfounded|"
                                  r"incorrect|inaccurate|misleading|fabricated|not true))", re.I)
# a lead after which the figures answer each other ("Estimates vary widely."), not one that
# answers a figure before it ("The defence disagreed.")
_VARY_RX = re.compile(r"\b(?:(?:figures?|numbers?|counts?|estimates?|tall(?:y|ies)) (?:differ|diverge|var(?:y|ies|ied))(?:s|ed|ing)?\b|"
                      r"(?:are|is|were|was)\s+(?:itself|themselves)\s+(?:contested|disputed)|"
                      r"(?<!that )(?<!this )(?<!those )(?<!these )(?:figures|numbers|counts|estimates|tallies)\s+"
                      r"(?:themselves\s+)?(?:are|were)\s+(?:also |hotly |widely |fiercely )?(?:contested|disputed))\b", re.I)
# a reporter putting one side's figure to the other ("... What do you say to that?")
_CHALLENGE_RX = re.compile(r"^\W*(?:what do you (?:say|make of)|how do you (?:respond|answer)|"
                           r"how do you explain (?:the|that|this) (?:difference|gap|discrepancy)\b|"
                           r"(?:is|was) (?:that|this|it) (?:true|wrong|correct|right|accurate)\b|"
                           r"do you (?:accept|dispute|reject|deny)\b|your (?:response|answer|reaction)\?)", re.I)
# a sentence announcing an answer that speaks of numbers ("puts the number higher", "The
# numbers are contested", "tells a different story"), not of something else ("rejected the
# suggestion that the talks had ignored the victims")
_LEAD_ON_NUMBERS_RX = re.compile(r"\b(?:numbers?|figures?|counts?|tolls?|tall(?:y|ies)|totals?|estimates?|"
                                 r"different (?:story|picture|account)|otherwise)\b", re.I)
_OWN_ESTIMATE_RX = re.compile(r"\b(?:own|latest) (?:(?:quick|independent|parallel|separate) )?(?:estimate|figure|count|tally|number|calculation|reckoning|forecast|projection)s?\b", re.I)
_UNIT_FAMILIES = {"soldiers": "troops", "servicemen": "troops", "fighters": "troops", "forces": "troops",
                  "persons": "people", "civilians": "people", "ukrainians": "people", "russians": "people",
                  "refugees": "people", "residents": "people", "inhabitants": "people", "migrants": "people",
                  "citizens": "people", "hectare": "hectares", "kilometers": "kilometres", "km": "kilometres",
                  "personnel": "troops", "sailors": "troops", "marines": "troops",
                  # events counted by their noun or as "N times" ("stopped boats 47 times" /
                  # "recorded only three incidents")
                  "incidents": "times", "violations": "times", "occasions": "times", "incursions": "times",
                  "breaches": "times", "attacks": "times", "episodes": "times", "encounters": "times"}


# an answer to another's figure, explicitly ("the real number was", "disputed", "answered")
_ANSWER_RX = re.compile(r"\b(?:disput\w*|asked about (?:the|that|this|those|these) (?:figures?|numbers?|estimates?|counts?|claims?)|true (?:number|figure|toll|count)|real (?:number|figure|toll|count)|"
                        r"answer\w*|counter(?:ed|s|ing)?|repl(?:ied|ies|y)|reject\w*|put(?:ting|s)? (?:the|that|it)\b"
                        r"[^.]{0,40}\bat)\b", re.I)
_MEASURES = frozenset("""percent percentage points kilometres kilometers km miles mile metres meters
hectares acres tonnes tons barrels hours minutes days weeks months years kilograms kg knots""".split())
_AGAINST_RX = re.compile(r"\b(?:against|compared (?:with|to)|versus|vs\.?|rather than|instead of|not)\b", re.I)
_BOUNDS = ("closer to", "nearer", "nearer to", "at most", "fewer than", "less than", "no more than", "no fewer than")


_GENERIC_COUNTS = PEOPLE | frozenset("deaths dead wounded casualties count times share".split())


def _same_nouns(doc, chars, a: Figure, b: Figure) -> bool:
    """Whether two figures that count by the same verb ("were killed") count the same people:
    not when each names its own noun and the two differ ("nine Afghan fighters" / "50
    civilians")."""
    na, _ = _counted_noun(doc, a.end, chars)
    nb, _ = _counted_noun(doc, b.end, chars)
    if na is None or nb is None:
        return True
    fa, fb = na.lemma_.lower(), nb.lemma_.lower()
    return fa == fb or _family(na.lower_) == _family(nb.lower_)


def _counted_words(text: str, f: Figure) -> tuple[str, ...] | None:
    """The words a figure counts, with the modifiers between the number and its noun ("10
    Chinese vessels" -> ("chinese", "vessels")), or None when its unit is no noun after it."""
    if not f.unit or not re.fullmatch(r"[a-z][a-z-]*", f.unit):
        return None
    words = re.findall(r"[\w'’-]+", text[f.end:f.end + 60].lower())[:4]
    if f.unit not in words:
        return None
    return tuple(words[:words.index(f.unit) + 1])


def _same_thing(text: str, a: Figure, b: Figure) -> bool:
    """Whether two figures count the very same things: the same noun with the same modifiers
    ("Chinese vessels"), or the same specific noun ("vessels", not "people" or "deaths")."""
    wa, wb = _counted_words(text, a), _counted_words(text, b)
    if wa is None or wa != wb:
        return False
    return len(wa) >= 2 or wa[-1] not in _GENERIC_COUNTS


_NAME = r"([A-Z][\w.&'’-]*(?:\s+(?:[A-Z][\w.&'’-]*|of|for|and))*)"
_WHOSE_FIGURES_RX = re.compile(
    r"\b(?:the\s+)?" + _NAME + r"(?:'s|’s)\s+(?:own\s+|latest\s+|official\s+)?(?:figures?|numbers?|estimates?|"
    r"counts?|data|tall(?:y|ies)|tolls?)\b"
    r"|\b(?:figures?|numbers?|estimates?|counts?|data|tall(?:y|ies)) (?:of|from|by) (?:the\s+)?" + _NAME)


def _same_party(name: str, claimant: str | None) -> bool:
    """Whether ``name`` (as a sentence names a party: "IAEA", "the army") is ``claimant``: the
    same words, its last word, or its initials."""
    if not claimant or not name:
        return False
    n = re.sub(r"^(?:the|The)\s+", "", name.strip()).casefold()
    c = re.sub(r"^(?:the|The)\s+", "", claimant.strip()).casefold()
    if n == c or (len(n) > 3 and (c.endswith(" " + n) or c.startswith(n + " "))):
        return True
    initials = "".join(w[0] for w in re.findall(r"[\w'’-]+", claimant) if w[0].isupper())
    return len(n) >= 2 and n == initials.casefold()


def _counts_things(unit: str | None) -> bool:
    """A unit that counts things or people (not money, a percentage or a measure)."""
    return bool(unit) and not re.fullmatch(r"[A-Z]{3}", unit) and unit.lower() not in _MEASURES \
        and unit != "percentage points"


def _things_apart(ua: str | None, ub: str | None) -> bool:
    """Two counts of other things, neither of people or casualties nor a bare count ("bags" /
    "ballots"): no answer to each other whatever the sentence says."""
    return bool(ua and ub) and _counts_things(ua) and _counts_things(ub) \
        and not ({ua, ub} & (COUNT_UNITS | PEOPLE | {"count", "times", "people"})) \
        and _family(ua) not in ("times", "people", "troops") and _family(ub) not in ("times", "people", "troops")


def _family(unit: str | None) -> str | None:
    if _is_money(unit):
        return "money"  # (an answer in another currency: "about 4 million New Zealand dollars" / "under 900,000 dollars")
    return _UNIT_FAMILIES.get(unit, unit) if unit else unit


_NOT_CONTEXT = frozenset("say tell add accord state be have do will would could can may might".split())


_CLAUSE_DEPS = frozenset("ccomp advcl relcl conj parataxis csubj".split())


def _context(doc, chars, f: Figure, width: int = 10) -> dict[str, int]:
    """The content words of a figure's own clause (not the clauses joined to it), within
    ``width`` tokens, as lemma -> distance in tokens: what the figure is a number of ("$200
    billion would be cash investment", not the "$20 billion a year" the instalments are paid in)."""
    ti, te = chars.token(f.start), chars.token(f.end - 1)
    if ti is None or te is None:
        return {}
    head = doc[ti]
    for _ in range(8):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            break
        head = head.head
    out: dict[str, int] = {}
    stack = [head]
    while stack:
        t = stack.pop()
        stack.extend(c for c in t.children
                     if c.dep_ not in _CLAUSE_DEPS or c.left_edge.i <= ti <= c.right_edge.i)
        if ti <= t.i <= te or t.is_stop or t.is_punct or t.like_num or not t.is_alpha:
            continue
        d = ti - t.i if t.i < ti else t.i - te
        lemma = t.lemma_.lower()
        if d > width or lemma in _NOT_CONTEXT or lemma in _SCALES:
            continue
        out[lemma] = min(d, out.get(lemma, d))
    return out


def _context_overlap(ca: dict[str, int], cb: dict[str, int]) -> float:
    """How much two figures' contexts share, nearer words weighing more."""
    return sum(1 / (1 + ca[w] + cb[w]) for w in ca.keys() & cb.keys())


def _claim_key(doc, chars, f: Figure):
    """What a figure is a number of, as its clause says it: the lemma of the verb it hangs on
    and of that verb's subject, or ``"#"`` when the figure is the subject ("90,000 people live
    in the camps" -> ("live", "#"); "the licences had brought in 11 billion dollars" -> ("bring",
    "licence")); None when the clause gives no such verb."""
    ti = chars.token(f.start)
    if ti is None:
        return None
    tok = doc[ti]
    inside = set(range(ti, (chars.token(f.end - 1) or ti) + 1))
    for _ in range(6):
        if tok.pos_ == "VERB":
            break
        if tok.head.i == tok.i:
            return None
        if tok.dep_ in ("nsubj", "nsubjpass"):
            inside.add(tok.i)
        tok = tok.head
    else:
        return None
    if tok.pos_ != "VERB" or tok.lemma_.lower() in ("be", "have", "say", "tell"):
        return None
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    if subj.i in inside:
        return tok.lemma_.lower(), "#"
    if any(c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.ent_type_) for c in subj.children) \
            or subj.pos_ in ("PRON", "PROPN"):
        return None  # whose it is ("its forces", "Russian forces", "Ukraine"): perhaps not the same thing
    return tok.lemma_.lower(), subj.lemma_.lower()


_CASUALTIES = frozenset("deaths wounded casualties".split())
_CURRENCY_NOUNS = frozenset("kroner krone kronor krona dinars dinar pesos peso francs franc rupees rupee "
                            "rubles roubles dollars euros pounds yen yuan lari manat drams tenge som dirhams "
                            "riyals".split())


def _is_money(unit: str | None) -> bool:
    """A currency: an ISO code, or a currency's name ("kroner") the figure found no code for."""
    return bool(unit) and (bool(re.fullmatch(r"[A-Z]{3}", unit)) or unit.lower() in _CURRENCY_NOUNS)


def _consecutive_sentences(doc, chars, a: Figure, b: Figure):
    """The sentences of figures ``a`` and ``b`` when ``b``'s comes right after ``a``'s, else
    None."""
    from detente.evidence.nlp import sentence_of
    ta, tb = chars.token(a.start), chars.token(b.start)
    if ta is None or tb is None:
        return None
    sa, sb = sentence_of(doc, ta), sentence_of(doc, tb)
    prev = _previous_sentence(doc, sb)
    if prev is None or prev.start != sa.start:
        return None
    return sa, sb


def _next_sentence_toll(doc, chars, a: Figure, b: Figure) -> bool:
    """Whether casualty count ``b`` is another source's toll of the event ``a`` counts: its
    sentence comes right after ``a``'s in the same paragraph, and names no place ``a``'s
    sentence does not ("The fighting killed at least two people, according to X. Y said five
    civilians had died"; not "In Varno, three died")."""
    pair = _consecutive_sentences(doc, chars, a, b)
    if pair is None:
        return False
    sa, sb = pair
    places_a = {e.text.lower() for e in ents_within(doc, sa) if e.label_ in ("GPE", "LOC", "FAC")}
    if any(e.label_ in ("GPE", "LOC", "FAC") and e.text.lower() not in places_a for e in ents_within(doc, sb)):
        return False
    if _ANOTHER_EVENT_RX.search(sb.text):
        return False
    # (the later count places or explains its own event: "died there", "died in a crash")
    verb = doc[chars.token(b.start)]  # (found: _consecutive_sentences checked it)
    for _ in range(6):
        if verb.pos_ == "VERB" or verb.head.i == verb.i:
            break
        verb = verb.head
    return not any((c.dep_ == "prep" and c.lower_ in _EVENT_PREPS) or (c.dep_ == "advmod" and c.lower_ == "there")
                   for c in verb.children)


_RIVAL_VERBS_RX = re.compile(r"\b(?:claim|claims|claimed|say|says|said|put|puts|estimate|estimates|estimated|count|counts|"
                             r"counted|reckon|reckons)\b", re.I)
_DENIAL_RX = re.compile(r"\b(?:never|not|no longer|did not|does not|denies|denied)\b", re.I)


_PLEDGED_RX = re.compile(r"\b(?:promis|pledg|vow|plan|aim|intend|undert(?:ake|ook)|commit)\w*\s+to\s+[a-z]+\s+(?:(?:up to|at least|some|about)\s+)?$", re.I)


def _rival_claims(doc, chars, text: str, a: Figure, b: Figure) -> bool:
    """Whether ``b`` is another party's rival claim of what ``a`` measures: in the next clause of
    the same sentence, after a semicolon or a 'but'/'while' and a verb of claiming ("Police put
    the crowd at 2,000; organisers claim 10,000"), or a measure in the very next sentence of
    the paragraph that denies ``a``'s claim ("... violated the border by two kilometres. Y says
    the aircraft never left its territory and crashed 9.5 kilometres south of it")."""
    from detente.evidence.nlp import sentence_of
    ta, tb = chars.token(a.start), chars.token(b.start)
    if ta is None or tb is None:
        return False
    sa, sb = sentence_of(doc, ta), sentence_of(doc, tb)
    if sa.start == sb.start:
        between = text[a.end:b.start]
        sep = re.search(r";|\bbut\b|\bwhile\b|\bwhereas\b", between)
        if _PLEDGED_RX.search(text[max(sa.start_char, a.start - 40):a.start]):
            return False  # (a target is no rival of the progress towards it: "promised to release 40
            #              prisoners; opposition groups say 11 have been freed")
        return sep is not None and bool(_RIVAL_VERBS_RX.search(between[sep.end():])) \
            and not re.search(r"[\d]", between[sep.end():])
    prev = _previous_sentence(doc, sb)
    if prev is None or prev.start != sa.start or _family(a.unit) not in _DISTANCES:
        return False
    return bool(_DENIAL_RX.search(text[sb.start_char:b.start]))


# a sentence that is a source's own count of what the sentence before counted, the number bare
# ("The police estimated 4,500.", "Organisers counted 12,000.")
_BARE_RIVAL_RX = re.compile(r"^[\"“]?[A-Z][^.;:!?\d\"“”\n]{0,60}?\b(?:estimated|estimates|counted|counts|put|puts|reckoned|reckons|"
                            r"claimed|claims|gave|gives)\s+(?:(?:it|the\s+(?:number|figure|total|crowd|turnout|count))\s+at\s+)?$")


_VERDICT_AFTER_RX = re.compile(r"\b(?:disagree\w*\s+with|reject\w*|disput\w*|contest\w*|challeng\w*)\s+"
                               r"(?:these|those|the|this|that)\s+(?:figures?|numbers?|counts?|tolls?|tall(?:y|ies)|estimates?)\b", re.I)


def _names_head(name: str, claimant: str) -> bool:
    """'The Council' for 'Human Rights Council of Lesotho': one capitalised word, the claimant's
    word before its 'of' (or its last word)."""
    n = re.sub(r"^(?:the|The)\s+", "", name.strip())
    if " " in n or len(n) < 4:
        return False
    head = re.split(r"\s+(?:of|for|on|in)\s+", claimant)[0].split()
    return bool(head) and head[-1].casefold() == n.casefold()


def _elliptic_rival(doc, chars, text: str, a: Figure, b: Figure) -> bool:
    """Whether ``b`` is another source's bare count of what ``a`` counted, in the very next
    sentence of the paragraph ("church officials said 15,000 people came. The police estimated
    4,500.")."""
    pair = _consecutive_sentences(doc, chars, a, b)
    if pair is None:
        return False
    _, sb = pair
    if not re.match(r"\s*[.;,]", text[b.end:b.end + 3]):
        return False  # (a noun of its own after it: another count)
    q = b.qualifier
    start = b.start + (len(q) + 1 if q and text[b.start:b.start + len(q)].lower() == q else 0)
    if b.qualifier in ("estimated", "an estimated"):
        start = b.start  # ("The police estimated 4,500": the verb is the qualifier's word)
        return bool(re.match(r"^[\"“]?[A-Z][^.;:!?\d\"“”\n]{0,60}?\s+$", text[sb.start_char:start]))
    return bool(_BARE_RIVAL_RX.match(text[sb.start_char:start]))


_DISTANCES = frozenset("kilometres miles metres nautical".split())
_ANOTHER_EVENT_RX = re.compile(r"\b(?:separately|separate|elsewhere|also|another|other|second|further|more|"
                               r"earlier|later|previous|meanwhile)\b", re.I)
_EVENT_PREPS = frozenset("in at near on during after before from outside inside across around".split())


def _previous_sentence(doc, sent):
    """The sentence before ``sent`` in the same paragraph (or live-blog entry), or None."""
    from detente.evidence.nlp import sentence_of
    if sent.start == 0:
        return None
    prev = sentence_of(doc, sent.start - 1)
    text = doc_text(doc)
    body = text[prev.start_char:prev.end_char]
    # (a paragraph break between them, also when the parser left it at the end of the sentence
    # before: "... on Thursday.\n\nUkrainian officials said ...")
    if not body.strip() or "\n" in text[prev.start_char + len(body.rstrip()):sent.start_char]:
        return None
    return prev


# a figure that another party is said to reject, in an apposition after it ("..., a count Beijing
# rejects", "..., a figure the ministry disputes")
_REJECTED_AFTER_RX = re.compile(r"[^.;:!?\n]{0,60}?,\s+(?:a|an|the)\s+(?:figure|count|number|claim|estimate|tally|toll|total)s?\s+"
                                r"(?:that\s+|which\s+)?(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,4}?\s+"
                                r"(?:has\s+|have\s+)?(?:rejects?|rejected|disputes?|disputed|denies|denied|contests?|contested|"
                                r"challenges?|challenged|calls?|called|dismiss(?:es|ed)?)\b")
# what a figure is said to measure, named before it ("a quota of 340,000 tonnes", "estimates the
# spawning stock at about 400,000 tonnes"); generic words for a count name nothing
_MEASURED_RX = re.compile(r"\b([a-z]{3,})\s+(?:of|at)\s+(?:(?:" + "|".join(re.escape(q) for q in sorted(set(QUALIFIERS), key=len, reverse=True))
                          + r")\s+)?[\"“]?$")
_GENERIC_MEASURES = frozenset("""number numbers figure figures toll tolls count counts tally total totals estimate
estimates amount sum level levels rate lot lots group groups kind range value tune excess upwards region side
average maximum minimum cost costs""".split())


def _measured(doc, chars, text: str, f: Figure) -> str | None:
    """The noun a figure is said to measure, before it ("a quota of 340,000 tonnes" -> "quota"),
    or None (no such noun, or a generic one: "the number of", "a total of")."""
    m = _MEASURED_RX.search(text[max(0, f.start - 40):f.start])
    if m is None:
        return None
    ti = chars.token(max(0, f.start - 40) + m.start(1))
    if ti is None or doc[ti].pos_ != "NOUN" or doc[ti].lemma_.lower() in _GENERIC_MEASURES \
            or m.group(1) in _GENERIC_MEASURES:
        return None
    return doc[ti].lemma_.lower()


_OWNER_OF_PART_RX = re.compile(r"\s+of\s+(its|their|his|her|our|my|your)\b", re.I)


def _owner(doc, chars, text: str, f: Figure) -> str:
    """Whose things a figure counts, as its words say: a possessive ("three of its bases",
    "Ukraine's soldiers") or a nationality or place before the noun ("four Indian bases",
    "Russian troops"), lower-cased; "" when they say none."""
    m = _OWNER_OF_PART_RX.match(text, f.end)
    if m is not None:
        return m.group(1).lower()
    noun, _ = _counted_noun(doc, f.end, chars)
    if noun is None:
        return ""
    for c in noun.children:
        if c.i < noun.i and (c.dep_ == "poss" or (c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE"))):
            return re.sub(r"['’]s$", "", c.lower_)
    return ""


# a part of the count just given: "at least 40 of them", "12 of whom"
_PART_OF_BEFORE_RX = re.compile(r"\s+of\s+(?:them|those|these|whom)\b", re.I)
# a figure of so much a year, month, week or day ("5 million tonnes a year", "$20 million per
# month", "12 billion annually")
_RATE_AFTER_RX = re.compile(r"(?:\s+[\w.-]+){0,3}?\s+(?:(?:a|per|each|every)\s+(?:year|month|week|day)\b|annually\b|yearly\b)", re.I)


def _is_rate(text: str, f: Figure) -> bool:
    """Whether a figure is an amount per period ("5 million tonnes a year"), not a total."""
    return bool(_RATE_AFTER_RX.match(text, f.end, min(len(text), f.end + 60)))


# ", not seven", ", not 14 million", ", “not 412": the number a figure corrects, after it in its sentence
_CORRECTS_NUMBER_RX = re.compile(r"[^.;:!?\d\n]{0,80}?,\s+[\"“]?not\s+(?:the\s+)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
                                 + _WORDNUM + r")(?P<scale>\s+(?:thousand|million|billion|trillion))?\b(?![.,]?\d)", re.I)


def _corrected_value(text: str, f: Figure, sent_end: int) -> float | None:
    """The number ``f`` corrects when its sentence says so right after it ("three people in
    that period, not seven" -> 7), or None."""
    m = _CORRECTS_NUMBER_RX.match(text, f.end, min(sent_end, f.end + 120))
    if m is None:
        return None
    v = _number(m.group("num"))
    if v is None:
        return None
    if m.group("scale"):
        v *= _scale(m.group("scale"))
    elif f.value >= 1000 and v < 1000 and re.search(r"\b(?:thousand|million|billion|trillion)\b", text[f.start:f.end], re.I):
        v *= f.value / (_number(re.search(r"\d+(?:\.\d+)?", text[f.start:f.end].replace(",", "")).group()) or 1) \
            if re.search(r"\d", text[f.start:f.end]) else 1
    return v


# a question that puts a figure to the one who answers ("Does the ministry share that
# assessment?", "Does Uzbekistan accept that figure?", "How do you explain the difference?")
_PUTS_FIGURE_RX = re.compile(r"\b(?:(?:accept|share|dispute|confirm|reject|agree\s+with|contest|challenge)\w{0,3}\s+"
                             r"(?:that|this|these|those|the(?:ir|se)?)\s+(?:[\w-]+\s+)?(?:figures?|numbers?|assessments?|"
                             r"estimates?|counts?|tall(?:y|ies)|forecasts?|projections?)|"
                             r"(?:is|are|was|were)\s+(?:that|this|those|these)\s+(?:figures?|numbers?|estimates?|counts?)\s+"
                             r"(?:right|correct|accurate|true|wrong)|how do you explain (?:the|that|this) (?:difference|gap|discrepancy)|"
                             r"what do you (?:say|make of) (?:that|this|those|these))\b", re.I)


def _question_figure(text: str, f: Figure, figures: list[Figure]) -> Figure | None:
    """The figure a question put to ``f``'s claimant, when ``f`` is the first figure of its kind
    in the turn (line) right after that question: another claimant's figure of the same kind in
    the question, the last one when there are several; else None."""
    if f.claimed_by is None:
        return None
    line_start = text.rfind("\n", 0, f.start) + 1
    if any(line_start <= g.start < f.start and _family(g.unit) == _family(f.unit) for g in figures):
        return None
    q_end = line_start - 1
    while q_end > 0 and text[q_end - 1].isspace():
        q_end -= 1
    if q_end <= 0 or line_start - q_end > 3:
        return None
    q_start = text.rfind("\n", 0, q_end) + 1
    question = text[q_start:q_end]
    m = _PUTS_FIGURE_RX.search(question)
    if m is None or "?" not in question[m.end():m.end() + 200]:
        return None
    return next((g for g in reversed(figures) if q_start <= g.start < q_start + m.start() and g.claimed_by
                 and g.claimed_by != f.claimed_by and g.disputed_by is None and _family(g.unit) == _family(f.unit)
                 and g.value != f.value), None)


_CHANGE_BEFORE_RX = re.compile(r"\b(?:by|up|down)\s+(?:(?:about|around|roughly|nearly|almost|some|only|just|more than|"
                               r"less than|over|under)\s+)?$", re.I)
_CHANGE_AFTER_RX = re.compile(r"\s+(?:more|less|higher|lower|up|down|rise|fall|increase|decrease|drop|jump|decline|gain|loss)\b", re.I)


def _pct_kind(text: str, f: Figure) -> str | None:
    """Whether a percentage is a change ("fell by 40%", "11 percent more than a year ago") or
    a share ("95% of the flow"), else None."""
    if f.unit != "percent":
        return None
    if _CHANGE_BEFORE_RX.search(text[max(0, f.start - 30):f.start]) or _CHANGE_AFTER_RX.match(text, f.end):
        return "change"
    if re.match(r"\s+of\b", text[f.end:f.end + 4]):
        return "share"
    return None


# the thing a figure is the number of, named before it in its clause: "the fall was 6 percent",
# "the fee agreed in Cotonou was 0.62 dollars", "its offer, which it put at $1.60"
_THE_NOUN_WAS_RX = re.compile(r"\b(?:the|its|their)\s+(?P<noun>[a-z]{3,})(?:\s+[A-Za-z]+){0,3}?\s+(?:was|is|were|are|had been|has been|"
                              r"stood at|stands at|came to|comes to|amounted to|totalled|totaled)\s+$")
_NOUN_PUT_AT_RX = re.compile(r"\b(?:the|its|their|his|her|an?)\s+(?P<noun>[a-z]{3,}),?\s+(?:(?:which|that)\s+)?(?:it|he|she|they|we)\s+"
                             r"(?:put|puts|estimated|estimates|valued|values)\s+at\s+$")
_GENERIC_NOUNS = frozenset("""figure figures number numbers total count tally toll estimate estimates amount sum
    level rate result difference gap share one other first second last year month week day time""".split())


def _said_of_same_noun(doc, chars, text: str, figures: list[Figure], j: int) -> Figure | None:
    """The earlier figure of another claimant that figure ``j`` gives another number for, when
    ``j``'s clause names what it is the number of by a definite noun ("the fall was 6 percent",
    "its offer, which it put at $1.60") and that earlier figure's sentence names the same thing
    ("transit revenue had fallen 18 percent", "an offer he put at $1.10"), in a later sentence
    at most two paragraphs before; else None."""
    from detente.evidence.nlp import sentence_of
    b = figures[j]
    tb = chars.token(b.start)
    if tb is None or b.claimed_by is None:
        return None
    sb = sentence_of(doc, tb)
    before = text[max(sb.start_char, b.start - 80):b.start]
    m = _THE_NOUN_WAS_RX.search(before) or _NOUN_PUT_AT_RX.search(before)
    if m is None or m.group("noun") in _GENERIC_NOUNS or m.group("noun") in TIME_UNITS:
        return None
    noun = m.group("noun")
    stem = noun if len(noun) <= 4 else noun[:len(noun) - 2]
    word = re.compile(r"\b" + re.escape(stem) + r"[a-z]{0,4}\b", re.I)
    for a in reversed(figures[:j]):
        if text.count("\n\n", a.end, b.start) > 2:
            break
        if a.claimed_by is None or a.claimed_by == b.claimed_by or a.disputed_by is not None:
            continue
        if not (_family(a.unit) == _family(b.unit) or (_is_money(a.unit) and _is_money(b.unit))):
            continue
        if not a.value or abs(a.value - b.value) / a.value < 0.05:
            continue
        ta = chars.token(a.start)
        if ta is None:
            continue
        sa = sentence_of(doc, ta)
        if sa.start == sb.start:
            continue
        if word.search(text[sa.start_char:sa.end_char]):
            return a
    return None


# a figure set against another's that it restates right after it ("883,000 barrels a day —
# lower than the ministry's 920,000")
_COMPARED_RX = re.compile(r"[^.;:!?\n\d]{0,40}?\b(?:lower|higher|less|more|fewer|greater|smaller|bigger|larger|below|"
                          r"above|under|over)\s+than\s+(?:the\s+|its\s+|their\s+|an?\s+)?"
                          r"(?:[\w.’'-]+\s+){0,3}?[$€£]?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                          r"(?:\s+(?P<scale>thousand|million|billion|trillion))?\b", re.I)


def _compared_with_restated(text: str, figures: list[Figure], j: int):
    """``(a, c)`` when figure ``j`` is compared in its sentence with a number right after it
    ("lower than the ministry's 920,000") that restates an earlier figure ``a`` of another
    claimant (the same number, within 0.5%); ``c`` the figure of that number, if one was read
    (else None). None when there is no such comparison."""
    b = figures[j]
    m = _COMPARED_RX.match(text, b.end, min(len(text), b.end + 100))
    if m is None:
        return None
    v = _number(m.group("num"))
    if v is None:
        return None
    v *= _scale(m.group("scale")) if m.group("scale") else 1
    a = next((x for x in reversed(figures[:j]) if x.claimed_by and x.claimed_by != b.claimed_by
              and x.disputed_by is None and b.start - x.end <= 5000 and x.value
              and abs(x.value - v) <= 0.005 * x.value), None)
    if a is None:
        return None
    c = next((x for x in figures[j + 1:] if x.start <= m.start("num") < x.end), None)
    return a, c


def find_counter_figures(doc, figures: list[Figure]) -> None:
    """Mark a claimed figure as disputed by a later figure of the same kind from another
    claimant, in the next three paragraphs, that answers it. The answer is said in the later
    figure's sentence ("Morozova disputed that, putting the number ... at roughly 4,500"; "a
    figure that a diplomat put closer to 1,000 kilometres"; "That estimate is generous ...
    fewer than 10,000 soldiers"), or announced by the sentence before it in its paragraph
    ("The ministry disputes that number. In a statement it said ...", "Exiled groups tell a
    different story.", "The numbers are contested. Morocco says ...; the Polisario says ..."),
    or the two figures are the same claim with other numbers: the same verb with the same
    subject ("the licences brought no more than 4 billion dollars" ... "the licences had
    brought in 11 billion dollars"). The earlier figure gets ``disputed_by`` (the later
    claimant), ``dispute_text`` and ``dispute_span`` (the later figure)."""
    import bisect

    from detente.evidence.nlp import CharIndex, sentence_of
    text = doc_text(doc)
    chars = CharIndex(doc)
    keys: dict[int, object] = {}
    named: set[int] = set()
    # (the line breaks between two figures, counted by a lookup: ``text.count("\n", a, b)``)
    breaks = [m.start() for m in re.finditer("\n", text)]

    def line_breaks(a: int, b: int) -> int:
        return max(0, bisect.bisect_left(breaks, b) - bisect.bisect_left(breaks, a))

    def key(i: int):
        if i not in keys:
            keys[i] = _claim_key(doc, chars, figures[i])
        return keys[i]

    for j, b in enumerate(figures):
        if b.claimed_by is None or id(b) in named:
            continue  # (the figure an answer before it in its clause named is no answer itself)
        again = _said_of_same_noun(doc, chars, text, figures, j)
        if again is not None:
            # "transit revenue had fallen 18 percent" ... "The Economy Ministry said that the fall
            # was 6 percent": another party's number for the thing the figure before named
            _answered_by(again, b, text)
            continue
        restated = _compared_with_restated(text, figures, j)
        if restated is not None:
            # "put output at 883,000 barrels a day — lower than the ministry's 920,000": the
            # answer to the figure it restates; the restatement is no answer of its own
            a, c = restated
            if c is not None:
                named.add(id(c))
            _answered_by(a, b, text)
            continue
        if _REJECTED_AFTER_RX.match(text, b.end):
            continue  # ("more than 60 times since January, a count Beijing rejects": the figure
            #          another rejects, no answer itself)
        if _PART_OF_BEFORE_RX.match(text, b.end):
            continue  # ("says at least 40 of them were children": a part of the count just given)
        ti = chars.token(b.start)
        if ti is None:
            continue
        sent_span = sentence_of(doc, ti)
        # (the clause between semicolons that holds the figure: "Organisers say 20,000 will
        # march; police put the turnout at under 5,000" answers in the second clause only)
        sent = text[sent_span.start_char:sent_span.end_char]
        at = b.start - sent_span.start_char
        sent = sent[sent.rfind(";", 0, at) + 1:(sent.find(";", at) + 1 or len(sent) + 1) - 1]
        prev = _previous_sentence(doc, sent_span)
        # (a sentence before that announces the answer and gives no figure of its own)
        lead = prev is not None and bool(_LEAD_RX.search(prev.text)) and not any(
            prev.start_char <= f.start < prev.end_char for f in figures)
        # (after a lead saying the numbers differ, "The numbers themselves are disputed.", the
        # figures after it answer each other, not those before it; when it is followed by one
        # figure only, "The numbers are contested. Its spokesman said 61 ...", that one answers
        # the figure before)
        lead_from, lead_far = (prev.end_char if lead and _VARY_RX.search(prev.text) and any(
            f is not b and f.start >= prev.end_char and "\n\n" not in text[prev.end_char:f.start]
            for f in figures) else 0), False
        # (a lead that only points back, "Seoul disputes that.", answers what was said just before it)
        points_back = lead and not _LEAD_ON_NUMBERS_RX.search(prev.text) and bool(_LEAD_POINTS_BACK_RX.search(prev.text))
        lead_names_count = lead and bool(_LEAD_ON_NUMBERS_RX.search(prev.text)) or points_back
        if not lead and prev is not None:
            # further up the paragraph ("Estimates vary widely. X put the number at around
            # 2,000. ..., but Y claimed 'more than 5,000'"): the figures after it answer each other
            earlier = prev
            for _ in range(2):
                earlier = _previous_sentence(doc, earlier)
                if earlier is None or "\n\n" in text[earlier.end_char:sent_span.start_char]:
                    break  # (up the paragraph only: not a lead of a live blog's entry before)
                if _LEAD_RX.search(earlier.text) and not any(
                        earlier.start_char <= f.start < earlier.end_char for f in figures):
                    # (after "Estimates vary widely." the figures answer each other, not those
                    # before it; after "The defence disagreed." they answer those before it)
                    lead, lead_far = True, True
                    lead_from = earlier.end_char if _VARY_RX.search(earlier.text) else 0
                    lead_names_count = bool(_LEAD_ON_NUMBERS_RX.search(earlier.text))
                    break
        # (the answer names whose figures it answers: "the IAEA's figures were out of date and
        # the stockpile was well over 400 kilograms")
        answered = [m.group(1) or m.group(2) for m in _WHOSE_FIGURES_RX.finditer(sent)]
        # a rival estimate of one's own ("her own estimate ... is nearer 30,000", "Beijing's own
        # figure ... was 'more than 2,000'"): the first figure after it in its clause
        own = [m for m in _OWN_ESTIMATE_RX.finditer(sent) if m.end() <= at
               and not any(sent_span.start_char + m.end() <= f.start < b.start for f in figures)]
        own_only = bool(own) and not (_COUNTER_RX.search(sent) or b.qualifier in _BOUNDS or lead or answered)
        if own:
            answered = [n for n in answered if not _same_party(n, b.claimed_by)
                        and not re.search(re.escape(n) + r"(?:'s|’s)\s+own\b", sent)]
        # a correction right after it ("14 people had been killed on one side, not 10 as Beirut says")
        corrects = bool(re.match(r"[^.;:\d]{0,60}?,\s+not [\d,.]+(?: \w+)? as\b", text[b.end:b.end + 90])
                        # ("a 20 percent rise, not a fall")
                        or re.match(r"\s+[a-z]+,\s+not an?\s+[a-z]+\W*$", text[b.end:sent_span.end_char]))
        # a reporter puts one side's figure to the other ("The army says ... more than 20
        # kilometres from the coast. What do you say to that?")
        nxt = doc[sent_span.end] if sent_span.end < len(doc) else None
        nxt_sent = sentence_of(doc, sent_span.end) if nxt is not None else None
        challenged = nxt_sent is not None and "\n" not in text[sent_span.end_char:nxt_sent.start_char] \
            and bool(_CHALLENGE_RX.search(nxt_sent.text))
        # a party that rejects the figures in the sentence right after them ("... according to which
        # 9 people died. The Council respectfully disagrees with these figures."): its own figure of
        # the same kind before them is the counter-figure
        verdict = _VERDICT_AFTER_RX.search(nxt_sent.text) if nxt_sent is not None and b.disputed_by is None \
            and "\n" not in text[b.end:nxt_sent.start_char] else None
        if verdict is not None and any(
                nxt_sent.start_char + verdict.end() <= f.start < nxt_sent.end_char and _family(f.unit) == _family(b.unit)
                for f in figures):
            verdict = None  # (the party gives its own figure after its verdict: "X rejected that figure,
            #               telling reporters that the fee was 7.2 million euros"; that one answers)
        # a correction that names the number it corrects ("three people in that period, not
        # seven", "9.5 million pesos once tax is applied, not 14 million", "430 envelopes, 'not
        # 412'"): the earlier figure of another claimant with that very number
        corrected = _corrected_value(text, b, sent_span.end_char)
        if corrected is not None:
            rival = next((a for a in reversed(figures[:j]) if a.claimed_by and a.claimed_by != b.claimed_by
                          and a.disputed_by is None and b.start - a.end <= 5000
                          and abs(a.value - corrected) <= 0.005 * max(a.value, corrected)
                          and (_family(a.unit) == _family(b.unit) or (_counts_things(a.unit) and _counts_things(b.unit))
                               or (_is_money(a.unit) and _is_money(b.unit)))), None)
            if rival is not None:
                _answered_by(rival, b, text)
                continue
        # the answer to a question that put another's figure to the speaker ("... would fall by 8
        # percent this year. Does the ministry share that assessment?" / "RAKHIMOVA: ... 11 percent
        # more than a year ago."): the answer's first figure of that kind answers it
        asked = _question_figure(text, b, figures)
        if asked is not None:
            _answered_by(asked, b, text)
            continue
        if verdict is not None:
            parties = [m.group(1) for m in re.finditer(_NAME, nxt_sent.text[:verdict.start()])]
            rival = next((a for a in reversed(figures[:j]) if a.claimed_by and a.claimed_by != b.claimed_by
                          and _family(a.unit) == _family(b.unit) and a.value != b.value
                          and text.count("\n\n", a.end, b.start) <= 2
                          and any(_same_party(n, a.claimed_by) or _names_head(n, a.claimed_by) for n in parties)), None)
            if rival is not None:
                _answered_by(b, rival, text)
                continue
        cued = bool(_COUNTER_RX.search(sent)) or b.qualifier in _BOUNDS or lead or bool(answered) or bool(own) or corrects \
            or challenged \
            or bool(re.search(r"\b(?:only|just)\s+$", text[max(0, b.start - 8):b.start]))  # "said only 37 had been freed"
        strong = bool(_ANSWER_RX.search(sent)) or lead or challenged
        # (a bound alone, "no more than $20 billion a year", is an answer only to a figure of the
        # same thing: one that shares words of its clause)
        weak = cued and b.qualifier in _BOUNDS and not (
            _COUNTER_RX.search(sent) or lead or answered or own or corrects or challenged)
        cb = _context(doc, chars, b) if weak else None
        cands = []
        owner_b = None  # (whose things ``b`` counts, read when a candidate needs it)
        if cued:  # the figure it answers named after it in the same clause ("put the cost at
            # 900 million euros, against the Commission's figure of 300 million")
            clause_end = b.start + len(sent) - at
            cands = [c for c in figures[j + 1:] if c.start < clause_end and c.claimed_by is not None
                     and c.claimed_by != b.claimed_by and c.disputed_by is None
                     and _family(c.unit) == _family(b.unit)
                     and not (c.value and abs(b.value - c.value) / c.value < 0.05)
                     and _AGAINST_RX.search(text[b.end:c.start])][:1]
        for i in range(j - 1, -1, -1):
            if cands and cands[0].start > b.start:
                break
            a = figures[i]
            if b.start - a.end > 20000 or a.start < lead_from:
                break
            if line_breaks(a.end, b.start) > 6 and not (cued and _same_thing(text, a, b)) \
                    and not (lead and not lead_far and lead_names_count and text.count("\n\n", a.end, b.start) <= 3):
                continue  # (further back, only an answer about the very same things: "only two
                #          Chinese vessels" hours after "a total of 10 Chinese vessels" in a live blog)
            if (a.claimed_by is None and not (_family(a.unit) == _family(b.unit) and _rival_claims(doc, chars, text, a, b)
                                              and b.qualifier in _STATED_BOUNDS)) \
                    or a.claimed_by == b.claimed_by or a.disputed_by is not None \
                    or b.dispute_span == (a.start, a.end):  # (not an answer to its own answer)
                continue  # (the article's own count is answered only by a rival bound in its
                #          sentence: "has 78 seats, by the count of ...; deputies say it controls
                #          no more than 74")
            if a.value and abs(b.value - a.value) / a.value < (0.05 if a.qualifier or b.qualifier else 0.02):
                continue  # the same number again (two exact numbers that differ are two numbers:
                #          "76 percent of registered voters" / "put turnout at 72.5 percent")
            ma, mb = _measured(doc, chars, text, a), _measured(doc, chars, text, b)
            if ma and mb and ma != mb:
                continue  # (a quota is no rival of a stock: "a quota of 340,000 tonnes" / "estimates
                #          the spawning stock at about 400,000 tonnes")
            pa, pb = _pct_kind(text, a), _pct_kind(text, b)
            if pa and pb and pa != pb:
                continue  # (a change is no rival of a share: "catches fell by 40%" / "released no
                #          less than 95% of the natural flow")
            if owner_b is None:
                owner_b = _owner(doc, chars, text, b)
            owner_a = _owner(doc, chars, text, a) if owner_b else ""
            if owner_a and owner_b and owner_a[:4] != owner_b[:4]:
                continue  # (whose things they are differs: "struck three of its air bases" / "four
                #          Indian bases")
            if a.unit != b.unit and ((a.unit or "").startswith("per ") or (b.unit or "").startswith("per ")):
                continue  # (a size of each group, "convoys of 50", is no rival of a count of all)
            if min(a.value, b.value) <= 0 or max(a.value, b.value) > 200 * min(a.value, b.value):
                continue  # (no rival estimates of one thing: "two men" / "about 100,000 men and women")
            if max(a.value, b.value) > 25 * min(a.value, b.value) and "\n\n" in text[a.end:b.start]:
                continue  # (nor, paragraphs apart, two amounts of other orders: "projects worth $54
                #          billion" / "additional revenue of about $900 million")
            if weak and not _counts_things(b.unit) and not (
                    _same_thing(text, a, b) or _context_overlap(_context(doc, chars, a), cb) > 0):
                continue  # (an amount, a share or a measure says little of what it is of)
            if own_only and any(f.dispute_span == (a.start, a.end) for f in figures):
                continue  # (a rival estimate answers the claim, not another rival estimate)
            if a.unit == b.unit == "percent" and abs(a.value + b.value - 100) <= 2:
                continue  # the two sides of one poll ("61 percent did not ... 39 percent still expected")
            same_kind = _family(a.unit) == _family(b.unit) or b.unit == "count"
            if answered and not cands and same_kind and any(_same_party(n, a.claimed_by) for n in answered):
                cands.append(a)
                break
            if answered and not any(_same_party(n, a.claimed_by) for n in answered) \
                    and not (_COUNTER_RX.search(sent) or b.qualifier in _BOUNDS or lead):
                continue  # (named another's figures: not an answer to this one)
            if cued and not same_kind and not lead and _things_apart(a.unit, b.unit) and re.search(
                    r"\b(?:number|count|total|tally) of (?:[a-z]+\s+){0,2}" + re.escape(b.unit) + r"\b", sent, re.I):
                continue  # (two kinds of things, neither people nor a generic count, the answer naming
                #          its own: "left 40 bags in a storeroom" / "put the number of unmatched
                #          ballots at 298")
            if cued and (same_kind or (strong and (_counts_things(a.unit) and _counts_things(b.unit)
                                                   or _is_money(a.unit) and _is_money(b.unit))
                                       and (bool(_ANSWER_RX.search(sent)) or (lead_names_count and (not lead_far or lead_from)
                                            and not (points_back and text.count("\n\n", a.end, b.start) > 1))
                                            or challenged))):
                # (an answer that says so may count the same thing by another noun: "300
                # families" / "the real number was fewer than 40 households"; announced by a
                # sentence before, one that speaks of a number: "puts the number higher", not
                # "rejected the suggestion that ...")
                cands.append(a)
            elif not cued and same_kind and text.count("\n\n", a.end, b.start) <= 1 \
                    and max(a.value, b.value) >= 1.5 * min(a.value, b.value) > 0 \
                    and key(i) is not None and key(i) == key(j) and _same_nouns(doc, chars, a, b):
                cands.append(a)  # the same claim with another number
            elif not cued and same_kind and max(a.value, b.value) >= 1.5 * min(a.value, b.value) > 0 \
                    and _rival_claims(doc, chars, text, a, b):
                cands.append(a)  # "Police put the crowd at 2,000; organisers claim 10,000"
            elif not cued and a.unit == b.unit and max(a.value, b.value) >= 1.5 * min(a.value, b.value) > 0 \
                    and _elliptic_rival(doc, chars, text, a, b):
                cands.append(a)  # "church officials said 15,000 people came. The police estimated 4,500."
            elif not cued and _family(a.unit) in _CASUALTIES and _family(a.unit) == _family(b.unit) \
                    and max(a.value, b.value) >= 1.5 * min(a.value, b.value) > 0 \
                    and _next_sentence_toll(doc, chars, a, b):
                cands.append(a)  # two sources' tolls of the same event, one sentence after the other
        if not cands:
            continue
        if len(cands) > 1:
            # (an amount answers an amount rather than a yearly rate the same source gave beside
            # it: "2 million tonnes by December and 5 million tonnes a year from 2027" ... "closer
            # to 1 million tonnes")
            rate = _is_rate(text, b)
            cands = [c for c in cands if _is_rate(text, c) == rate] or cands
        # the figure whose counted noun the answer names ("the number of Ukrainians ... at
        # roughly 4,500" answers "8,000 Ukrainians", not "2,000 civilians"), else the nearest
        low = sent.lower()
        a = next((c for c in cands if c.unit and re.search(r"\b" + re.escape(c.unit.lower()) + r"\b", low)), None)
        pick = a or (cands[0] if len(cands) == 1 else None)
        if pick is not None and pick.unit in ("people", "persons", "count") and chars.token(pick.start) is not None and any(
                c is not pick and c is not b and c.claimed_by == pick.claimed_by and _counts_things(c.unit)
                and c.unit != pick.unit and chars.token(c.start) is not None
                and sentence_of(doc, chars.token(c.start)).start == sentence_of(doc, chars.token(pick.start)).start
                for c in figures):
            # (a generic word, "people", names none of one source's two counts of one sentence:
            # "1,140 prisoners were still held, and at least 90 people have been detained since
            # August" ... "put the number of people still in prison at fewer than 300"; no link
            # rather than a wrong one)
            continue
        if a is None and len(cands) > 1 and b.claimed_by:
            # the figure said of the answer's own claimant ("the incumbent had won 53.6% and
            # Ilie Moro 31.2%. Turnout was put at 58.1%." ... Moro: "Our own tally gives us 50.4%"
            # answers 31.2%, not the turnout)
            last = b.claimed_by.split()[-1]
            about = [c for c in cands if len(last) > 2
                     and re.search(r"\b" + re.escape(last) + r"(?:'s|’s)?\s+$", text[max(0, c.start - 40):c.start])]
            if len(about) == 1:
                a = about[0]
        if a is None and len(cands) > 1:
            # else the one that counts the same measure, with most of the words around it
            # ("Korea's effective cash commitment could end up closer to $100 billion" answers
            # "$200 billion would be cash investment", not "reserves of roughly $420 billion"),
            # else the nearest
            if _counted_words(text, b) is not None:
                # (an answer that names its noun answers a claim that named one, not a bare number
                # whose noun was borrowed from the claim before it: "submitted more than 100
                # requests ... has approved 12 so far" ... "had received 61 applications")
                cands = [c for c in cands if _counted_words(text, c) is not None] or cands
            cb = _context(doc, chars, b)
            # (and a share answers a share: "closer to 70% of exports" answers "About 85% of them",
            # not "The headline tariff is 35%")
            kb = _pct_kind(text, b)
            a = max(cands, key=lambda c: (c.unit == b.unit, _family(c.unit) == _family(b.unit),
                                          kb is not None and _pct_kind(text, c) == kb,
                                          _context_overlap(_context(doc, chars, c), cb)))
        a = a or cands[0]
        if a.start > b.start:
            named.add(id(a))
        _answered_by(a, b, text)
