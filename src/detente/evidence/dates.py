"""Time expressions in news text, resolved against the article's dateline.

:func:`find_times` finds every time expression in a text and resolves it against the
dateline (the document creation time) with its granularity kept; :func:`resolve_time` resolves
one expression given its surrounding text. Values follow TimeML's TIMEX3 ``value`` conventions
(Pustejovsky et al., *TimeML*, 2003; ISO-TimeML, ISO 24617-1:2012) so that they can be scored
against TimeBank/TempEval-3:

=================  ==============================  ==============
granularity        example text                    value
=================  ==============================  ==============
``day``            "Wednesday", "Feb. 12"           ``2025-02-12``
``week``           "this week", "the weekend"       ``2025-W07``, ``2025-W07-WE``
``month``          "As of September"                ``2024-09``
``quarter``        "the third quarter", "last fall" ``1989-Q3``, ``1998-FA``, ``1989-H1``
``year``           "2023", "last year"              ``2023``
``decade``         "the 1990s"                      ``199``
``approximate``    "now", "recently", "the future"  ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``
=================  ==============================  ==============

Seasons and half-years are kept with granularity ``quarter`` (a part of a year coarser than a
month). ``TimeExpression.date`` is the first day of the period (Monday of an ISO week, the 1st
of a month, March/June/September/December 1st for spring/summer/fall/winter), or the dateline
for ``PRESENT_REF``, or ``None`` when there is no calendar date.

**Durations** ("nearly three years", "for years", "a two-year term") are also returned, as
TimeML does, with an ISO 8601 duration value (``P3Y``, ``P16M``, ``P2W``; ``X`` for an unknown
amount: ``PXY``), the unit as granularity, ``date=None`` (a duration alone does not say when)
and ``approximate=True`` when qualified ("nearly", "about", "more than"). Use
:func:`is_duration` (or ``date is None``) to leave them out when dating statements. Counted
offsets ("16 months ago", "a year earlier", "three weeks from now") are *dates*: the dateline
minus/plus the amount at the unit's granularity (a year for "a decade ago"; in an earnings
report "a year ago" is the reported quarter a year before, "1988-Q3"), marked ``approximate``.

**Bare weekdays and months** are resolved by the news convention: a bare weekday ("on Friday")
is the nearest such day in the direction of the clause's tense, the dateline's own weekday
being the dateline itself: in a past-tense clause ("said on Friday", "met Tuesday") the most
recent one on or before the dateline, in a future clause ("will meet on Friday", "is scheduled
to begin on Friday") the next one on or after it. The tense is read from the nearest tense cue
word in the same clause (``will``, ``scheduled``, ``said``, verbs in *-ed*, ...); with no cue
the nearest day wins (ties go to the past, as most news reports the past). "last Friday" is
the one before the dateline's day, "next Friday" the one after, "this Friday" the one in the
dateline's week. Months without a year ("As of September", "Nov. 16") follow the same rule at
month granularity. Absolute dates ("Feb. 12, 2025", "12 February 2025", "2025-02-12",
"September 2024") are parsed with :mod:`dateparser`.

Example
-------
>>> import datetime as dt
>>> [(t.text, t.value) for t in find_times("He said on Friday he will meet them on Monday.",
...                                         dt.date(2025, 2, 12))]
[('Friday', '2025-02-07'), ('Monday', '2025-02-17')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from detente.evidence.types import TimeExpression

__all__ = ["find_times", "resolve_time", "is_duration", "tense_direction", "period_start"]

# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "a hundred": 100, "a couple of": 2, "a couple": 2, "half a": 0.5,
}
VAGUE_NUMBERS = {"several", "a few", "few", "many", "some", "numerous", "a number of"}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
UNIT_CODE = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "quarter": "Q",
             "hour": "H", "minute": "MIN", "century": "CE"}

# Tense cues for bare weekdays/months. Future first: "scheduled", "planned" end in -ed too.
FUTURE_CUES = {
    "will", "shall", "ll", "wo", "going", "scheduled", "schedule", "expected", "expects",
    "expect", "plans", "plan", "planned", "planning", "due", "upcoming", "next", "coming",
    "would", "intends", "intend", "hopes", "hope", "tomorrow", "later", "await", "awaits",
    "awaiting", "begins", "starts", "opens", "meets", "convene", "convenes", "until", "by",
    "supposed", "slated", "aims", "deadline", "soon",
}
PAST_CUES = {
    "said", "was", "were", "had", "did", "ago", "last", "earlier", "yesterday", "told", "met",
    "held", "began", "spoke", "went", "came", "made", "took", "gave", "won", "lost", "rose",
    "fell", "saw", "left", "sent", "got", "hit", "led", "cut", "paid", "sold", "put", "struck",
    "shot", "ran", "wrote", "broke", "chose", "drew", "drove", "flew", "fought", "found", "heard",
    "kept", "knew", "meant", "read", "stood", "thought", "won", "brought", "bought", "caught",
    "taught", "since", "been",
}
# Words ending in -ed that are not past-tense cues.
_NOT_PAST_ED = {"need", "indeed", "speed", "seed", "feed", "bed", "red", "shed", "proceed",
                "succeed", "exceed", "united", "limited", "red", "hundred", "expected",
                "scheduled", "planned", "based", "related", "detailed", "advanced", "ned",
                "ted", "fred", "armed", "embed", "interested", "supposed", "slated"}
_CLAUSE_WORDS = {"and", "but", "while", "when", "after", "before", "because", "which", "who",
                 "whereas", "although", "though", "since", "until"}
# Weights: "to" and "by"/"until" are weak hints compared with "will" or "said".
_WEAK = {"by", "until", "since", "been"}

_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")

# --------------------------------------------------------------------------------------------
# Patterns (detection). Month and weekday names must be capitalised; relative words not.
# --------------------------------------------------------------------------------------------

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
_MONTH_SAFE = (r"(?:January|February|April|June|July|August|September|October|November|"
               r"December|(?:Jan|Feb|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_NUM = (r"(?:\d+(?:\.\d+)?|a hundred|a couple(?: of)?|half an?|an?|one|two|three|four|five|six|"
        r"seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
        r"eighteen|nineteen|twenty|thirty|forty|fifty|sixty)")
_VAGUE = r"(?:several|a few|few|many|some|numerous|a number of)"
_UNIT = r"(?:day|week|month|year|decade|quarter|hour|minute|century|centuries)"
_QUAL = (r"(?:nearly|almost|about|around|roughly|some|approximately|more than|over|less than|"
         r"fewer than|at least|up to|under|just over|just under|well over|close to|the past|"
         r"the last|the next|the first|the coming|the previous|another|an additional|the)")
_PART = r"(?:morning|afternoon|evening|night|overnight)"
_CLOCK = (r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)"
          r"(?:\s+(?:EDT|EST|CDT|CST|MDT|MST|PDT|PST|GMT|UTC|BST|CET|local time))?|noon|midnight)")
_PREP = r"(?:in|since|until|till|by|during|from|through|of|before|after|last|next|this|that|" \
        r"early|late|mid|end of|beginning of|as of|on|at|to|between|and)"

_PATTERNS: list[tuple[str, str]] = [
    # absolute dates
    ("iso", rf"\b{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b"),
    ("numeric", r"\b(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:\d\d)?\d\d\b"),
    ("mdy", rf"\b(?:{_WEEKDAY},?\s+)?{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?"),
    ("dmy", rf"\b(?:{_WEEKDAY},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}\b(?:,?\s+{_YEAR}\b)?"),
    ("my", rf"\b(?:(?i:early|late|mid|the end of|the beginning of|the middle of)[\s-]+)?"
           rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}\b"),
    ("month_mod", rf"\b(?i:(?:last|next|this|that|early|late|mid|earlier this|later this)[\s-]+)"
                  rf"{_MONTH}\b"),
    ("month_prep", rf"\b(?i:in|since|until|till|by|during|from|through|as of|before|after|"
                   rf"of|between|and|to)\s+{_MONTH}\b(?!\s+\d)"),
    ("month", rf"\b{_MONTH_SAFE}(?!\s+\d)"),
    ("decade", rf"(?:\b(?i:the\s+)?(?:(?i:early|late|mid)[\s-]+)?(?:1[6-9]\d|20\d)0'?s\b|"
               rf"(?<!\w)'[0-9]0s\b)"),
    ("year", rf"(?<![\w$.,/-]){_YEAR}(?![\w%/]|[.,]\d)"
             rf"|(?<=pre-|mid-){_YEAR}(?![\w%/]|[.,]\d)"),
    ("fiscal", rf"\b(?i:fiscal|calendar|the\s+fiscal\s+year|fiscal\s+year|the\s+year|model\s+year)"
               rf"\s+(?:{_YEAR}|'\d\d)\b"),
    ("season_year", rf"\b(?i:(?:the\s+)?(?:early\s+|late\s+)?(?:spring|summer|fall|autumn|winter)"
                    rf"(?:\s+of)?)\s+{_YEAR}\b"),
    # weekdays, relative days
    ("weekday", rf"\b(?:(?i:last|next|this|that|coming|past|on)\s+)?(?:{_CLOCK}\s+)?{_WEEKDAY}"
                rf"(?:\s+(?i:{_PART}))?\b(?!,?\s+{_MONTH}\s+\d)"),
    ("relday", r"\b(?i:the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|today|tonight|"
               r"yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night|"
               r"overnight)\b"),
    ("holiday", r"\b(?:(?i:last|next|this|on)\s+)?(?:Christmas(?:\s+(?:Day|Eve))?|"
                r"New\s+Year's(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Independence\s+Day|"
                r"Easter(?:\s+Sunday)?|Labor\s+Day|Memorial\s+Day|Election\s+Day|Halloween|"
                r"Valentine's\s+Day)\b(?!\s+Island)"),
    # relative periods
    ("relperiod", r"\b(?i:(?:earlier|later)\s+this|(?:this|last|next|past|coming|the\s+current|"
                  r"the\s+previous|the\s+prior|the\s+following|the\s+same)|the(?=\s+weekend))"
                  r"\s+(?i:week(?:end)?|month|year|quarter|spring|summer|fall|autumn|winter|"
                  r"decade|century)\b"),
    ("edge_period", r"\b(?i:(?:early|late|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of"
                    r"|the\s+middle\s+of)[\s-]+(?:this|last|next)\s+(?:week|month|year|decade))\b"),
    ("quarter", r"\b(?i:(?:the\s+)?(?:(?:company's|fiscal|calendar|its|year-earlier|year-ago)\s+)?"
                r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final|latest|current|recent)"
                r"(?:[\s-]+fiscal)?[\s-]+(?:quarter|half|period)|the\s+(?:year-earlier|year-ago)\s+"
                r"(?:quarter|period)|the\s+quarter|year-earlier|year-ago)\b"),
    ("ago", rf"\b(?i:(?:(?:just|only|nearly|almost|about|around|roughly|some|more\s+than|over|"
            rf"less\s+than)\s+)?(?:{_NUM}|{_VAGUE})[\s-]+{_UNIT}s?\s+(?:ago|earlier|later|"
            rf"from\s+now|hence|before|after))\b"),
    ("duration", rf"\b(?i:(?:{_QUAL}\s+)?(?:{_QUAL}\s+)?(?:{_NUM}|{_VAGUE})[\s-]+{_UNIT}s?)\b"
                 rf"(?![\s-]+old\b)|\b(?i:(?:for|in)\s+(?:many\s+|several\s+)?(?:days|weeks|"
                 rf"months|years|decades))\b"),
    ("ref", r"\b(?i:now|currently|nowadays|at\s+present|these\s+days|recently|in\s+recent\s+"
            r"(?:days|weeks|months|years)|recent\s+years|the\s+future|in\s+the\s+past|"
            r"the\s+past|soon|formerly|once\s+again)\b"),
    ("clock", rf"\b{_CLOCK}"),
]
_COMPILED = [(name, re.compile(rx)) for name, rx in _PATTERNS]
_PRIORITY = {name: i for i, (name, _) in enumerate(_PATTERNS)}


def is_duration(t: TimeExpression) -> bool:
    """True for durations ("three years": value ``P3Y``), which carry no calendar date."""
    return t.value.startswith("P") and not t.value.endswith("_REF")


# --------------------------------------------------------------------------------------------
# Tense
# --------------------------------------------------------------------------------------------

def _cue(word: str) -> int:
    w = word.lower()
    if "'" in w:
        head, _, tail = w.partition("'")
        if tail == "ll":
            return 2
        if tail in {"d"}:
            return 0
        w = head
    if w in FUTURE_CUES:
        return 1 if w in _WEAK else 2
    if w in PAST_CUES:
        return -1 if w in _WEAK else -2
    if len(w) > 4 and w.endswith("ed") and w not in _NOT_PAST_ED:
        return -2
    return 0


def tense_direction(before: str, after: str) -> int:
    """Tense of the clause around a time expression: -1 past, +1 future, 0 unknown.

    ``before``/``after`` are the text of the clause before and after the expression. The
    nearest strong cue word (``will``, ``scheduled``, ``said``, a verb in *-ed*) decides; weak
    cues ("to", "by", "until", "since") only when no strong cue is within reach.

    >>> tense_direction("the summit, which is scheduled to begin on ", ".")
    1
    >>> tense_direction("Trump said on ", " that talks will begin")
    -1
    """
    if re.match(r"['’]s\b", after):  # "Wednesday's ruling": an event already reported
        return -1
    left_words = _WORD.findall(before)[-12:]
    right = _WORD.findall(after)[:8]
    # the right side counts up to the next clause ("on Saturday and were planning ...") or the
    # reported clause ("told television on Sunday that Lima would ...": the content's tense)
    for i, w in enumerate(right):
        if w.lower() in _CLAUSE_WORDS or (w.lower() == "that" and i == 0):
            right = right[:i]
            break
    # "set" is future in "is set to", "set for", "being set up", else a past participle
    for i, w in enumerate(left_words):
        if w.lower() == "set":
            prev = left_words[i - 1].lower() if i else ""
            nxt = left_words[i + 1].lower() if i + 1 < len(left_words) else ""
            future = prev in ("is", "are", "be", "being", "been") or nxt in ("to", "for")
            left_words[i] = "will" if future else "held"
    left = left_words[::-1]
    best: tuple[float, int] | None = None
    weak: tuple[float, int] | None = None
    for side, words, penalty in ((0, left, 0.0), (1, right, 0.5)):
        for i, w in enumerate(words):
            c = _cue(w)
            if not c:
                continue
            dist = i + penalty
            if abs(c) == 2:
                if best is None or dist < best[0]:
                    best = (dist, 1 if c > 0 else -1)
                break
            if weak is None or dist < weak[0]:
                weak = (dist, 1 if c > 0 else -1)
    if best is not None:
        return best[1]
    return weak[1] if weak is not None else 0


# --------------------------------------------------------------------------------------------
# Calendar helpers
# --------------------------------------------------------------------------------------------

def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def _add_date_months(d: dt.date, n: int) -> dt.date:
    y, m = _add_months(d.year, d.month, n)
    return dt.date(y, m, 1)


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def at_granularity(d: dt.date, unit: str) -> tuple[str, dt.date]:
    """``d`` read at ``unit`` ("day", "week", "month" or "year"): the ISO value and the date it
    starts on ("2025-07-16" at "month" is ("2025-07", 1 July 2025))."""
    if unit == "day":
        return d.isoformat(), d
    if unit == "week":
        return _iso_week(d), d - dt.timedelta(days=d.weekday())
    if unit == "month":
        return f"{d.year}-{d.month:02d}", d.replace(day=1)
    return str(d.year), d.replace(month=1, day=1)


def _week_start(value: str) -> dt.date:
    y, w = value.split("-W")
    return dt.date.fromisocalendar(int(y), int(w[:2]), 1)


def _nearest_weekday(anchor: dt.date, weekday: int, direction: int) -> dt.date:
    back = (anchor.weekday() - weekday) % 7
    fwd = (weekday - anchor.weekday()) % 7
    if direction < 0:
        return anchor - dt.timedelta(days=back)
    if direction > 0:
        return anchor + dt.timedelta(days=fwd)
    return anchor - dt.timedelta(days=back) if back <= fwd else anchor + dt.timedelta(days=fwd)


def _choose_year_month(anchor: dt.date, month: int, direction: int) -> int:
    """Year of a bare month name, by the tense rule (see module docstring)."""
    y = anchor.year
    if direction < 0:
        return y if month <= anchor.month else y - 1
    if direction > 0:
        return y if month >= anchor.month else y + 1
    diff = month - anchor.month
    if diff > 6:
        return y - 1
    if diff < -6:
        return y + 1
    return y


def _choose_year_day(anchor: dt.date, month: int, day: int, direction: int) -> int:
    cands = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            cands.append(dt.date(y, month, day))
        except ValueError:
            continue
    if not cands:
        return anchor.year
    if direction < 0:
        past = [c for c in cands if c <= anchor]
        if past and (anchor - max(past)).days <= 300:
            return max(past).year
    elif direction > 0:
        fut = [c for c in cands if c >= anchor]
        if fut and (min(fut) - anchor).days <= 300:
            return min(fut).year
    return min(cands, key=lambda c: (abs((c - anchor).days), c > anchor)).year


def _holiday(name: str, year: int) -> dt.date | None:
    n = name.lower()
    if n.startswith("christmas"):
        return dt.date(year, 12, 24 if "eve" in n else 25)
    if n.startswith("new year"):
        return dt.date(year, 12, 31) if "eve" in n else dt.date(year, 1, 1)
    if n.startswith("thanksgiving"):  # fourth Thursday of November (US)
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if n.startswith("independence"):
        return dt.date(year, 7, 4)
    if n.startswith("easter"):
        from dateutil.easter import easter  # installed with dateparser
        return easter(year)
    if n.startswith("labor"):  # first Monday of September
        first = dt.date(year, 9, 1)
        return first + dt.timedelta(days=(0 - first.weekday()) % 7)
    if n.startswith("memorial"):  # last Monday of May
        last = dt.date(year, 5, 31)
        return last - dt.timedelta(days=last.weekday())
    if n.startswith("election"):  # US: the Tuesday after the first Monday of November
        first = dt.date(year, 11, 1)
        monday = first + dt.timedelta(days=(0 - first.weekday()) % 7)
        return monday + dt.timedelta(days=1)
    if n.startswith("halloween"):
        return dt.date(year, 10, 31)
    if n.startswith("valentine"):
        return dt.date(year, 2, 14)
    return None


def _number(text: str) -> float | None:
    t = text.lower().strip()
    if t in NUMBERS:
        return NUMBERS[t]
    try:
        return float(t)
    except ValueError:
        return None


def _unit(word: str) -> str:
    w = word.lower()
    if w.startswith("centur"):
        return "century"
    return w[:-1] if w.endswith("s") else w


@functools.lru_cache(maxsize=64)
def _dateparser(anchor: dt.date):
    from dateparser.date import DateDataParser
    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": dt.datetime(anchor.year, anchor.month, anchor.day),
        "PREFER_DATES_FROM": "current_period", "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "MDY", "STRICT_PARSING": False,
    })


@functools.lru_cache(maxsize=4096)
def _parse_absolute(text: str, anchor: dt.date) -> dt.date | None:
    data = _dateparser(anchor).get_date_data(text)
    return data.date_obj.date() if data and data.date_obj else None


# --------------------------------------------------------------------------------------------
# Resolution
# --------------------------------------------------------------------------------------------

@dataclass
class _Value:
    value: str
    granularity: str
    date: dt.date | None
    approximate: bool = False


def _day(d: dt.date, approx: bool = False) -> _Value:
    return _Value(d.isoformat(), "day", d, approx)


def _month(y: int, m: int, approx: bool = False) -> _Value:
    return _Value(f"{y:04d}-{m:02d}", "month", dt.date(y, m, 1), approx)


def _year(y: int, approx: bool = False) -> _Value:
    return _Value(f"{y:04d}", "year", dt.date(y, 1, 1), approx)


def _week(d: dt.date, approx: bool = False) -> _Value:
    v = _iso_week(d)
    return _Value(v, "week", _week_start(v), approx)


def _quarter(y: int, q: int) -> _Value:
    return _Value(f"{y:04d}-Q{q}", "quarter", dt.date(y, 3 * q - 2, 1))


def _season(y: int, code: str) -> _Value:
    return _Value(f"{y:04d}-{code}", "quarter", dt.date(y, SEASON_MONTH[code], 1))


_RX_MONTH_WORD = re.compile(r"(?i)\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?")
_RX_WEEKDAY_WORD = re.compile(r"(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
_RX_YEAR = re.compile(rf"(?<!\d){_YEAR}(?!\d)")
_RX_NUM_UNIT = re.compile(rf"(?i)\b({_NUM}|{_VAGUE})[\s-]+({_UNIT}|centuries)s?\b")
_RX_QUARTER = re.compile(r"(?i)\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+"
                         r"(?:fiscal[\s-]+)?(quarter|half)\b")
_RX_SEASON = re.compile(r"(?i)\b(spring|summer|fall|autumn|winter)\b")
_RX_DECADE = re.compile(r"(?:(1[6-9]\d|20\d)0'?s|'([0-9])0s)")
_RX_HOLIDAY = re.compile(r"(?i)(christmas(?: eve)?|new year's(?: eve)?|thanksgiving|independence "
                         r"day|easter|labor day|memorial day|election day|halloween|valentine's)")
_RX_CLOCK = re.compile(rf"(?i){_CLOCK}")


# An earnings report: "a year ago" there is the reported quarter a year before.
_RX_QUARTER_CTX = re.compile(r"(?i)\bquarter|\bquarterly\b|\ba share\b|\bper share\b|"
                             r"\bnet income\b|\bnet loss\b")
_SPELLED_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                  "eight": 8, "nine": 9}
_SPELLED_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                 "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
                 "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                 "seventy": 70, "eighty": 80, "ninety": 90}
_RX_SPELLED_YEAR = re.compile(
    r"(?i)\b(?:nineteen|eighteen)[\s-]+(" + "|".join(_SPELLED_TENS) + r")(?:[\s-]+("
    + "|".join(_SPELLED_UNITS) + r"))?\b|\b(?:the\s+year\s+)?two\s+thousand(?:\s+and)?"
    r"(?:[\s-]+(" + "|".join(list(_SPELLED_TENS) + list(_SPELLED_UNITS)) + r"))?\b")


def _spelled_years(raw: str) -> str:
    """'nineteen ninety-six' -> '1996', 'the year two thousand' -> '2000' (broadcast transcripts)."""
    def sub(m: re.Match) -> str:
        w = m.group(0).lower()
        if m.group(1):
            century = 1900 if w.startswith("nineteen") else 1800
            return str(century + _SPELLED_TENS[m.group(1).lower()]
                       + (_SPELLED_UNITS[m.group(2).lower()] if m.group(2) else 0))
        extra = m.group(3).lower() if m.group(3) else None
        return str(2000 + (_SPELLED_TENS.get(extra) or _SPELLED_UNITS.get(extra, 0) if extra else 0))
    return _RX_SPELLED_YEAR.sub(sub, raw) if "thousand" in raw or "teen" in raw else raw


def _reported_quarter(anchor: dt.date, context: str) -> tuple[int, int]:
    """The quarter an earnings report talks about: an ordinal quarter named in the context
    ("third-quarter"), else the last completed quarter before the dateline."""
    q_now = (anchor.month - 1) // 3 + 1
    m = _RX_QUARTER.search(context or "")
    if m and m.group(2).lower() == "quarter":
        qn = ORDINALS[m.group(1).lower()]
        return (anchor.year if qn < q_now else anchor.year - 1), qn
    y, mth = _add_months(anchor.year, anchor.month, -3)
    return y, (mth - 1) // 3 + 1


def _resolve(text: str, anchor: dt.date, direction: int, context: str) -> _Value | None:
    raw = " ".join(text.split())
    raw = _spelled_years(raw)
    low = raw.lower()
    # qualifiers that make a value approximate
    approx = bool(re.match(r"(nearly|almost|about|around|roughly|some|approximately|more than|"
                           r"over|less than|just|only|early|late|mid|the end of|the beginning of|"
                           r"the middle of|the start of)\b", low))

    # --- references
    if re.fullmatch(r"(right )?(now|currently|nowadays|at present|these days|current|the present|"
                    r"present|today's|the moment|this time|at the moment|already|"
                    r"this( \w+)? moment|the current time)", low):
        return _Value("PRESENT_REF", "approximate", anchor, True)
    if re.fullmatch(r"((more|most|until|only|very|as) )?(recently|recent|in recent (days|weeks|months|years)|recent (days|weeks|"
                    r"months|years)|the past|in the past|past|formerly|once|earlier|previously|"
                    r"lately|the recent past|before)", low):
        return _Value("PAST_REF", "approximate", None, True)
    if re.fullmatch(r"(the future|future|soon|in the future|the near future|later|eventually|"
                    r"the coming (days|weeks|months|years)|coming (days|weeks|months|years))", low):
        return _Value("FUTURE_REF", "approximate", None, True)

    # --- relative days
    m = re.search(r"\b(the day before yesterday|the day after tomorrow|today|tonight|yesterday|"
                  r"tomorrow|this (morning|afternoon|evening)|last night|overnight)\b", low)
    if m and not _RX_MONTH_WORD.search(raw) and not _RX_WEEKDAY_WORD.search(raw):
        if "before yesterday" in low:
            return _day(anchor - dt.timedelta(days=2))
        if "after tomorrow" in low:
            return _day(anchor + dt.timedelta(days=2))
        if "yesterday" in low or low == "last night":
            return _day(anchor - dt.timedelta(days=1))
        if "tomorrow" in low:
            return _day(anchor + dt.timedelta(days=1))
        return _day(anchor)

    # --- ISO and numeric dates, "Month D(, YYYY)", "D Month (YYYY)", "Month YYYY"
    mo = _RX_MONTH_WORD.search(raw)
    yr = _RX_YEAR.search(raw)
    is_month_word = bool(mo) and not (mo.group(1).lower() == "may" and mo.group(0)[0] == "m")
    if re.search(r"\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4}", raw):
        d = _parse_absolute(re.search(r"\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4}", raw).group(0),
                            anchor)
        return _day(d) if d else None
    if is_month_word:
        month = MONTHS[mo.group(1).lower()]
        daym = re.search(r"(?<![\d])([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d])",
                         _RX_YEAR.sub(" ", _RX_CLOCK.sub(" ", raw)))
        if daym:
            day = int(daym.group(1))
            if yr:
                d = _parse_absolute(f"{calendar.month_name[month]} {day}, {yr.group(0)}", anchor)
            else:
                y = _choose_year_day(anchor, month, day, direction)
                d = _parse_absolute(f"{calendar.month_name[month]} {day}, {y}", anchor)
            return _day(d, approx) if d else None
        if yr:
            return _month(int(yr.group(0)), month, approx)
        y = anchor.year
        if re.search(r"(?i)\blast\b", low):
            y = anchor.year if month < anchor.month else anchor.year - 1
        elif re.search(r"(?i)\bnext\b", low):
            y = anchor.year if month > anchor.month else anchor.year + 1
        elif re.search(r"(?i)\b(this|earlier this|later this)\b", low):
            y = anchor.year
        else:
            y = _choose_year_month(anchor, month, direction)
        return _month(y, month, approx)

    # --- holidays
    h = _RX_HOLIDAY.search(raw)
    if h:
        name = h.group(1)
        if yr:
            d = _holiday(name, int(yr.group(0)))
        else:
            cands = [c for c in (_holiday(name, anchor.year + k) for k in (-1, 0, 1)) if c]
            if "last" in low or direction < 0:
                cands_d = [c for c in cands if c <= anchor] or cands
                d = max(cands_d)
            elif "next" in low or direction > 0:
                cands_d = [c for c in cands if c >= anchor] or cands
                d = min(cands_d)
            else:
                d = min(cands, key=lambda c: abs((c - anchor).days))
        return _day(d) if d else None

    # --- weekdays
    wd = _RX_WEEKDAY_WORD.search(raw)
    if wd:
        w = WEEKDAYS[wd.group(1).lower()]
        if re.search(r"(?i)\blast\b|\bpast\b", low):
            back = (anchor.weekday() - w) % 7 or 7
            d = anchor - dt.timedelta(days=back)
        elif re.search(r"(?i)\b(next|coming)\b", low):
            fwd = (w - anchor.weekday()) % 7 or 7
            d = anchor + dt.timedelta(days=fwd)
        elif re.search(r"(?i)\bthis\b", low):
            d = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(days=w)
        else:
            d = _nearest_weekday(anchor, w, direction)
        return _day(d)

    # --- decades
    dm = _RX_DECADE.search(raw)
    if dm:
        if dm.group(1):
            v = dm.group(1)
        else:  # '90s: the decade nearest below the anchor's
            digit = int(dm.group(2))
            century = anchor.year // 100 * 100
            start = century + digit * 10
            if start > anchor.year:
                start -= 100
            v = str(start // 10)
        return _Value(v, "decade", dt.date(int(v) * 10, 1, 1), approx)

    # --- seasons
    sm = _RX_SEASON.search(raw)
    if sm and not re.search(r"(?i)\b(spring|fall)\s+(break|collection)", raw):
        code = SEASONS[sm.group(1).lower()]
        if yr:
            return _season(int(yr.group(0)), code)
        # each season as a 3-month period starting on its first month; winter spans New Year
        starts = [dt.date(y, SEASON_MONTH[code], 1) for y in (anchor.year - 2, anchor.year - 1,
                                                             anchor.year, anchor.year + 1)]
        current = [d for d in starts if d <= anchor < _add_date_months(d, 3)]
        if re.search(r"(?i)\b(last|past|previous)\b", low):
            d = max(d for d in starts if _add_date_months(d, 3) <= anchor)
        elif re.search(r"(?i)\b(next|coming)\b", low):
            d = min(d for d in starts if d > anchor)
        elif current:
            d = current[0]
        elif direction < 0:
            d = max(d for d in starts if d <= anchor)
        elif direction > 0 or re.search(r"(?i)\bthis\b", low):
            d = min(d for d in starts if d > anchor)
        else:
            d = min(starts, key=lambda x: min(abs((x - anchor).days),
                                              abs((_add_date_months(x, 3) - anchor).days)))
        y = d.year
        return _season(y, code)

    # --- quarters and halves
    if re.search(r"(?i)\bquarter\b|\bhalf\b|year-earlier|year-ago|\bperiod\b", raw):
        q_now = (anchor.month - 1) // 3 + 1
        last_q = _add_months(anchor.year, anchor.month, -3)
        last_q_year, last_q_num = last_q[0], (last_q[1] - 1) // 3 + 1
        qm = _RX_QUARTER.search(raw)
        if yr and not qm:
            return _year(int(yr.group(0)))
        year_earlier = bool(re.search(r"(?i)year-earlier|year-ago|a year (earlier|ago)", raw))
        y = yr and int(yr.group(0))
        if qm:
            n = ORDINALS[qm.group(1).lower()]
            if qm.group(2).lower() == "half":
                y = y or (anchor.year if n <= (anchor.month + 5) // 6 else anchor.year - 1)
                return _Value(f"{y - (1 if year_earlier else 0):04d}-H{n}", "quarter",
                              dt.date(y, 6 * n - 5, 1))
            if not y:
                y = anchor.year
                if direction < 0 and n > q_now:
                    y -= 1
            if year_earlier:
                y -= 1
            return _quarter(y, n)
        if re.search(r"(?i)\b(current|this)\b", raw):
            return _quarter(anchor.year, q_now)
        if re.search(r"(?i)\bnext\b", raw):
            y2, m2 = _add_months(anchor.year, anchor.month, 3)
            return _quarter(y2, (m2 - 1) // 3 + 1)
        if re.search(r"(?i)\b(quarter|period)\b", raw) or year_earlier:
            # "the quarter", "the latest quarter", "last quarter": the one reported on, i.e. the
            # quarter before the dateline's; "year-earlier" the same one a year before.
            qy, qn = _reported_quarter(anchor, context)
            if year_earlier:
                qy -= 1
            return _quarter(qy, qn)

    # --- fiscal years, centuries
    if re.fullmatch(r"(the )?(current |this )?(fiscal|financial) year", low):
        return _year(anchor.year)
    m = re.fullmatch(r"(the )?(\d{1,2})(st|nd|rd|th) century", low)
    if m:
        c = int(m.group(2)) - 1
        return _Value(f"{c:02d}", "decade", dt.date(max(c * 100, 1), 1, 1))

    # --- counted offsets: "16 months ago", "a year earlier", "three weeks from now"
    m = re.fullmatch(rf"(?:(?:just|only|nearly|almost|about|around|roughly|some|more than|over|"
                     rf"less than)\s+)?({_NUM}|{_VAGUE})[\s-]+({_UNIT}|centuries)s?\s+(ago|earlier|"
                     rf"later|from now|hence|before|after)", low)
    if m:
        n = _number(m.group(1))
        unit = _unit(m.group(2))
        sign = -1 if m.group(3) in ("ago", "earlier", "before") else 1
        if n is None:
            return _Value("PAST_REF" if sign < 0 else "FUTURE_REF", "approximate", None, True)
        n = int(round(n)) if n >= 1 else n
        if unit == "day":
            return _day(anchor + dt.timedelta(days=sign * n), True)
        if unit == "week":
            return _week(anchor + dt.timedelta(weeks=sign * n), True)
        if unit == "month":
            y, mth = _add_months(anchor.year, anchor.month, int(sign * n))
            return _month(y, mth, True)
        if unit == "quarter":
            y, mth = _add_months(anchor.year, anchor.month, int(sign * 3 * n))
            return _quarter(y, (mth - 1) // 3 + 1)
        if unit == "year":
            # In earnings news "a year earlier/ago" is the same quarter a year before.
            if n == 1 and sign < 0 and _RX_QUARTER_CTX.search(context or ""):
                qy, qn = _reported_quarter(anchor, context)
                return _quarter(qy - 1, qn)
            return _year(anchor.year + int(sign * n), True)
        if unit == "decade":  # "a decade ago": about that year, as TimeML annotates it
            return _year(anchor.year + int(sign * 10 * n), True)
        if unit in ("hour", "minute"):
            return _day(anchor, True)
        return None

    # --- durations: "nearly three years", "for years", "a two-year term"
    m = _RX_NUM_UNIT.search(low)
    bare = re.fullmatch(r"(?:for|in)\s+(?:many\s+|several\s+)?(days|weeks|months|years|decades)",
                        low)
    if bare or (m and not re.search(r"\b(this|last|next|the same|the current)\s+", low)):
        if bare:
            unit, amount = _unit(bare.group(1)), "X"
        else:
            unit = _unit(m.group(2))
            n = _number(m.group(1))
            amount = "X" if n is None else (f"{n:g}" if n != int(n) else str(int(n)))
        code = UNIT_CODE[unit]
        if unit == "decade":
            amount, code = ("X" if amount == "X" else str(int(float(amount) * 10))), "Y"
        if unit == "century":
            amount, code = ("X" if amount == "X" else str(int(float(amount) * 100))), "Y"
        if unit == "quarter":
            amount, code = ("X" if amount == "X" else str(int(float(amount) * 3))), "M"
        prefix = "PT" if unit in ("hour", "minute") else "P"
        if unit == "minute":
            code = "M"
        gran = {"day": "day", "week": "week", "month": "month", "year": "year",
                "decade": "decade", "quarter": "quarter"}.get(unit, "day")
        qualified = bool(re.match(r"(nearly|almost|about|around|roughly|some|approximately|more "
                                  r"than|over|less than|fewer than|at least|up to|under|just over|"
                                  r"just under|well over|close to)\b", low))
        return _Value(f"{prefix}{amount}{code}", gran, None, qualified or amount == "X")

    # --- "this/last/next week|month|year|weekend|decade", edges ("early next year")
    m = re.search(r"(this|last|next|past|coming|current|previous|prior|following|same|the)\s+"
                  r"(week(?:end)?|month|year|decade|century)\b", low)
    if m:
        which, unit = m.group(1), m.group(2)
        off = {"last": -1, "past": -1, "previous": -1, "prior": -1, "next": 1, "coming": 1,
               "following": 1}.get(which, 0)
        if unit == "week":
            return _week(anchor + dt.timedelta(weeks=off), approx)
        if unit == "weekend":
            if which in ("this", "the", "current", "same") and off == 0:
                # the weekend just past in past-tense clauses, else the coming one
                sat = anchor + dt.timedelta(days=(5 - anchor.weekday()) % 7)
                if anchor.weekday() == 6:  # Sunday: the weekend is the one ending today
                    sat = anchor - dt.timedelta(days=1)
                elif direction < 0 or (direction == 0 and anchor.weekday() <= 2):
                    sat -= dt.timedelta(days=7)
            else:
                sat = anchor + dt.timedelta(days=(5 - anchor.weekday()) % 7 + 7 * off)
                if off < 0 and anchor.weekday() >= 5:
                    sat = anchor - dt.timedelta(days=anchor.weekday() - 5) - dt.timedelta(days=7)
                elif off < 0:
                    sat -= dt.timedelta(days=7) if sat > anchor else dt.timedelta(0)
            v = _iso_week(sat)
            return _Value(v + "-WE", "week", sat, approx)
        if unit == "month":
            y, mth = _add_months(anchor.year, anchor.month, off)
            return _month(y, mth, approx)
        if unit == "year":
            return _year(anchor.year + off, approx)
        if unit == "decade":
            y = anchor.year + 10 * off
            return _Value(str(y // 10), "decade", dt.date(y // 10 * 10, 1, 1), approx)
        if unit == "century":
            y = anchor.year + 100 * off
            return _Value(str(y // 100), "decade", dt.date(y // 100 * 100, 1, 1), approx)

    # --- bare years, "fiscal 1989", "'98"
    if yr:
        return _year(int(yr.group(0)), approx)
    m = re.search(r"(?<!\d)'(\d\d)\b", raw)
    if m and re.search(r"(?i)fiscal|calendar|year", raw):
        two = int(m.group(1))
        y = anchor.year // 100 * 100 + two
        if y > anchor.year + 10:
            y -= 100
        return _year(y)

    # --- clock times (reduced to the dateline's day: the text gives no other)
    if _RX_CLOCK.search(raw):
        return _day(anchor)
    return None


def resolve_time(text: str, anchor: dt.date, before: str = "", after: str = "",
                 start: int = 0) -> TimeExpression | None:
    """Resolve one time expression against the dateline.

    Parameters
    ----------
    text : the expression as written ("on Friday", "16 months ago", "Sept. 30").
    anchor : the dateline (document creation time).
    before, after : the text of the sentence before and after the expression; it decides the
        tense for bare weekdays and months (see the module docstring).
    start : character offset of ``text`` in its document (kept in the result).

    Returns
    -------
    A :class:`TimeExpression`, or ``None`` when ``text`` is not a time expression this module
    understands.

    Example
    -------
    >>> import datetime as dt
    >>> resolve_time("16 months ago", dt.date(2025, 2, 12)).value
    '2023-10'
    >>> resolve_time("Friday", dt.date(2025, 2, 12), "The conference is scheduled to begin on ").value
    '2025-02-14'
    """
    wide = before[-300:] + " " + after[:300]  # the surrounding sentences, for earnings reports
    before = _clause_left(before)
    after = _clause_right(after)
    direction = tense_direction(before, after)
    v = _resolve(text, anchor, direction, wide)
    if v is None:
        return None
    return TimeExpression(text=text, start=start, end=start + len(text), value=v.value,
                          granularity=v.granularity, approximate=v.approximate, date=v.date)


_CLAUSE_BREAK = re.compile(r"[.!?;:\n\"“”]\s|[.!?;\n]$|\n")


def _clause_left(before: str) -> str:
    before = before[-200:]
    cut = 0
    for m in _CLAUSE_BREAK.finditer(before):
        cut = m.end()
    return before[cut:]


def _clause_right(after: str) -> str:
    after = after[:200]
    m = _CLAUSE_BREAK.search(after)
    return after[: m.start() + 1] if m else after


# Leading words kept out of the expression's span ("on Friday" -> "Friday"), as TimeML does.
_LEAD = re.compile(r"^(?:on|in|at|since|by|as of|until|till|during|from|through|before|after|"
                   r"of|between|and|to)\s+", re.I)
# Words that look like times but are not, when they stand alone.
_FALSE_REFS = {"the past", "once again", "formerly"}
# Idioms that look like durations: "would one day join", "a quarter of a million".
_FALSE_DURATIONS = {"one day", "some day", "a day", "some days", "one time"}


def find_times(text: str, anchor: dt.date) -> list[TimeExpression]:
    """Find and resolve every time expression in ``text`` against the dateline ``anchor``.

    Parameters
    ----------
    text : the article text.
    anchor : the dateline (document creation time) that relative expressions count from.

    Returns
    -------
    The expressions in text order, non-overlapping (the longest match wins), each with
    character offsets into ``text``, a TimeML-style value, its granularity, whether it is
    approximate, and the first day of the period it refers to (``None`` for durations and
    past/future references). See the module docstring for the conventions.

    Example
    -------
    >>> import datetime as dt
    >>> ts = find_times("As of September, Congress had spent nearly $183 billion.", dt.date(2025, 2, 12))
    >>> [(t.text, t.value, t.granularity) for t in ts]
    [('September', '2024-09', 'month')]
    """
    if anchor is None:
        return []
    cands: list[tuple[int, int, int, str]] = []
    for name, rx in _COMPILED:
        for m in rx.finditer(text):
            s, e = m.start(), m.end()
            span = text[s:e]
            lead = _LEAD.match(span)
            if lead and lead.end() < len(span):
                s += lead.end()
            if e > s:
                cands.append((s, e, _PRIORITY[name], name))
    # longest leftmost wins; ties by pattern priority
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[2]))
    chosen: list[tuple[int, int, str]] = []
    last_end = -1
    for s, e, _, name in cands:
        if s < last_end:
            continue
        chosen.append((s, e, name))
        last_end = e
    out: list[TimeExpression] = []
    for s, e, name in chosen:
        span = text[s:e]
        if name == "ref" and span.lower() in _FALSE_REFS:
            continue
        if name == "year" and _year_is_number(text, s, e):
            continue
        if name == "duration" and (span.lower() in _FALSE_DURATIONS
                                   or (span.lower().endswith("quarter")
                                       and text.startswith(" of", e))):
            continue
        t = resolve_time(span, anchor, text[max(0, s - 200):s], text[e:e + 200], start=s)
        if t is not None:
            out.append(t)
    return out


_NUMBER_AFTER = re.compile(r"\s*(?:percent|per cent|people|troops|soldiers|shares|dollars|"
                           r"euros|votes|members|students|cars|units|men|women|jobs|tons|"
                           r"barrels|miles|kilometers|km|feet|meters|acres|residents|deaths)\b",
                           re.I)


def _year_is_number(text: str, s: int, e: int) -> bool:
    """A four-digit number that counts things ("2000 troops") rather than naming a year."""
    return bool(_NUMBER_AFTER.match(text, e))


_RX_VALUE = re.compile(r"^(\d{4})(?:-(?:(\d\d)(?:-(\d\d))?|W(\d{1,2})(?:-WE)?|Q([1-4])|H([12])|"
                       r"(SP|SU|FA|WI)))?$")


def period_start(value: str | None) -> dt.date | None:
    """First day of the period a TimeML-style value names (``None`` if it names none).

    >>> period_start("2024-09"), period_start("2025-W07"), period_start("1989-Q3")
    (datetime.date(2024, 9, 1), datetime.date(2025, 2, 10), datetime.date(1989, 7, 1))
    """
    if not value:
        return None
    if re.fullmatch(r"\d{3}", value):
        return dt.date(int(value) * 10, 1, 1)
    m = _RX_VALUE.match(value)
    if not m:
        return None
    y = int(m.group(1))
    try:
        if m.group(3):
            return dt.date(y, int(m.group(2)), int(m.group(3)))
        if m.group(2):
            return dt.date(y, int(m.group(2)), 1)
        if m.group(4):
            return dt.date.fromisocalendar(y, int(m.group(4)), 1)
        if m.group(5):
            return dt.date(y, 3 * int(m.group(5)) - 2, 1)
        if m.group(6):
            return dt.date(y, 6 * int(m.group(6)) - 5, 1)
        if m.group(7):
            return dt.date(y, SEASON_MONTH[m.group(7)], 1)
        return dt.date(y, 1, 1)
    except ValueError:
        return None
