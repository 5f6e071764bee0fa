"""Issue 15, sixteenth round, live blogs and dates: a live blog's summary box (its "Key points"
bullets restate the entries in headline form) is no date line: "after Thursday's runoff" there
names an event, not the day the blog's entries were written. Written for the test on invented
text, not taken from bench/evidence_devset."""

from __future__ import annotations

import datetime as dt

from evidence_helpers import by_content, extract

SUMMARY_BOX_WEEKDAY = (
    "Tarvania runoff count: live\n\n"
    "All times local.\n\n"
    "Key points\n"
    "- Counting goes on after Thursday's presidential runoff\n"
    "- The Green League says ballots from Oskava are missing\n\n"
    "8.20am Good morning. The head of the Central Election Commission, Marta Lindqvist, told "
    "reporters in Velna that 900 ballot boxes had been counted overnight.\n\n"
    "9.45am Green League chair Oren Pakkala said the party would not accept a result "
    "\u201cbuilt on missing boxes.\u201d\n"
)


def test_a_summary_box_weekday_is_no_date_line(ex):
    # published on a Friday (2025-04-11): the runoff was Thursday, the entries are Friday's
    e = extract(ex, SUMMARY_BOX_WEEKDAY, dt.date(2025, 4, 11))
    assert by_content(e, "900 ballot boxes").date == "2025-04-11"
    assert by_content(e, "would not accept").date == "2025-04-11"
