"""Time expressions resolved against the dateline (detente.evidence.dates)."""

import datetime as dt

import pytest

from detente.evidence.dates import find_times, is_duration, resolve_time, tense_direction

WED = dt.date(2025, 2, 12)  # a Wednesday

# Hand-written report in the style of a wire story (not taken from any corpus).
REPORT = (
    "The foreign minister said on Monday that the ceasefire talks, which broke down "
    "in March 2023, would resume on Thursday in Geneva. Officials met yesterday to prepare. "
    "As of October, the agency had spent about $2 billion since June 2021, and the minister "
    "said last week that 18 months ago the situation was worse. The mission has now lasted "
    "nearly four years. Elections are planned for next year and a summit is set for Saturday."
)


def by_text(times):
    return {t.text: t for t in times}


def test_report_values_and_offsets():
    times = find_times(REPORT, WED)
    got = by_text(times)
    assert got["Monday"].value == "2025-02-10"  # past clause: most recent Monday
    assert got["March 2023"].value == "2023-03" and got["March 2023"].granularity == "month"
    assert got["Thursday"].value == "2025-02-13"  # "would resume": the coming Thursday
    assert got["yesterday"].value == "2025-02-11"
    assert got["October"].value == "2024-10"  # "had spent": the last October
    assert got["June 2021"].value == "2021-06"
    assert got["last week"].value == "2025-W06"
    assert got["18 months ago"].value == "2023-08" and got["18 months ago"].approximate
    assert got["next year"].value == "2026" and got["next year"].granularity == "year"
    assert got["Saturday"].value == "2025-02-15"  # "set for": future
    for t in times:
        assert REPORT[t.start:t.end] == t.text


def test_duration_kept_without_date():
    t = by_text(find_times(REPORT, WED))["nearly four years"]
    assert t.value == "P4Y" and t.granularity == "year" and t.approximate
    assert t.date is None and is_duration(t)


@pytest.mark.parametrize("text,before,value,granularity", [
    ("Wednesday", "Talks began on ", "2025-02-12", "day"),
    ("Friday", "The conference is scheduled to begin on ", "2025-02-14", "day"),
    ("Friday", "The envoy arrived in the capital on ", "2025-02-07", "day"),
    ("last Friday", "", "2025-02-07", "day"),
    ("next Wednesday", "", "2025-02-19", "day"),
    ("this Sunday", "", "2025-02-16", "day"),
    ("tomorrow", "", "2025-02-13", "day"),
    ("Feb. 3", "Fighting resumed on ", "2025-02-03", "day"),
    ("Dec. 28", "The deal was signed on ", "2024-12-28", "day"),
    ("March 4, 2022", "", "2022-03-04", "day"),
    ("4 March 2022", "", "2022-03-04", "day"),
    ("2022-03-04", "", "2022-03-04", "day"),
    ("last month", "", "2025-01", "month"),
    ("this year", "", "2025", "year"),
    ("the third quarter", "Profit fell in ", "2024-Q3", "quarter"),
    ("last summer", "", "2024-SU", "quarter"),
    ("the 1990s", "", "199", "decade"),
    ("two years ago", "", "2023", "year"),
    ("three days ago", "", "2025-02-09", "day"),
    ("now", "", "PRESENT_REF", "approximate"),
    ("nineteen ninety-six", "In ", "1996", "year"),
])
def test_resolve_examples(text, before, value, granularity):
    t = resolve_time(text, WED, before, ".")
    assert t is not None
    assert (t.value, t.granularity) == (value, granularity)


def test_first_day_of_period():
    assert resolve_time("this week", WED).date == dt.date(2025, 2, 10)
    assert resolve_time("September 2024", WED).date == dt.date(2024, 9, 1)
    assert resolve_time("recently", WED).date is None


def test_tense_direction():
    assert tense_direction("He will meet them on ", ".") == 1
    assert tense_direction("They met on ", ".") == -1
    assert tense_direction("The record high set on ", ".") == -1
    assert tense_direction("The meeting that is being set up on ", ".") == 1
    assert tense_direction("", "") == 0


def test_not_times():
    text = ("About 2000 troops and a quarter of a million people; she would one day return. "
            "The 52-year-old envoy, 61 years old now retired, toured Eastern Europe.")
    assert [t.text for t in find_times(text, WED)] == ["now"]


def test_no_dateline_no_times():
    assert find_times("on Friday", None) == []


def test_year_boundary_weekday_and_month():
    jan2 = dt.date(2025, 1, 2)  # Thursday
    assert resolve_time("Monday", jan2, "They signed on ").value == "2024-12-30"
    assert resolve_time("December", jan2, "Prices rose in ").value == "2024-12"
    assert resolve_time("last winter", jan2).value == "2023-WI"


# --- properties over arbitrary datelines ---------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

DAYNAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
anchors = st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2099, 10, 31))


@settings(max_examples=200, deadline=None)
@given(anchors, st.integers(0, 6), st.sampled_from(["They met on ", "Talks will resume on ", "On "]))
def test_weekday_is_that_weekday_within_a_week(anchor, wd, before):
    t = resolve_time(DAYNAMES[wd], anchor, before, ".")
    d = dt.date.fromisoformat(t.value)
    assert d.weekday() == wd and abs((d - anchor).days) <= 6
    if before.startswith("They met"):
        assert d <= anchor
    if before.startswith("Talks will"):
        assert d >= anchor


@settings(max_examples=200, deadline=None)
@given(anchors, st.integers(1, 40))
def test_counted_offsets(anchor, n):
    assert resolve_time(f"{n} days ago", anchor).date == anchor - dt.timedelta(days=n)
    months = resolve_time(f"{n} months ago", anchor)
    k = anchor.year * 12 + anchor.month - 1 - n
    assert months.value == f"{k // 12:04d}-{k % 12 + 1:02d}" and months.approximate
    assert resolve_time(f"{n} years ago", anchor).value == f"{anchor.year - n:04d}"


@settings(max_examples=100, deadline=None)
@given(anchors)
def test_found_spans_are_exact_and_ordered(anchor):
    times = find_times(REPORT, anchor)
    assert [t.start for t in times] == sorted(t.start for t in times)
    assert all(REPORT[t.start:t.end] == t.text for t in times)
    assert all(a.end <= b.start for a, b in zip(times, times[1:]))
