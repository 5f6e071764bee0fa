"""Issue 15, fifteenth round, long-form features: which occasion dates which statement (a
present-tense "says" is the dateline, the writer's return or visit dates the words after it).
Written for the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

import datetime as dt

from evidence_helpers import by_content, extract

DAY = dt.date(2025, 9, 20)

MET_THEN_SAYS = (
    "The salt pans are filling again.\n\n"
    "The first time I met Ottilie Varga, in May, she was raking salt by the sluice. "
    "\u201cMy mother raked here,\u201d she told me.\n\n"
    "Varga, 51, runs a cooperative of 30 families. She says the harvest doubled last year, "
    "but that the buyers pay less. \u201cThe salt is back. The money is not,\u201d she says.\n"
)


def test_a_present_says_after_a_dated_meeting_is_the_dateline(ex):
    e = extract(ex, MET_THEN_SAYS, DAY)
    assert by_content(e, "My mother raked here").date == "2025-05"
    assert by_content(e, "harvest doubled").date == DAY.isoformat()
    assert by_content(e, "The money is not").date == DAY.isoformat()


RETURNED = (
    "The ferry still runs twice a week.\n\n"
    "Brannock Teale has skippered it for twenty years. \u201cThe engine is older than my son,\u201d "
    "he says.\n\n"
    "When I returned in early August, the ferry was tied up at the quay. \u201cWe are waiting for "
    "a pump from the mainland,\u201d Teale told me over coffee.\n\n"
    "On my last visit, in July, I asked whether he would sell the boat. \u201cNever,\u201d he said "
    "at last. \u201cThe boat is the island's road.\u201d\n"
)


def test_the_writers_return_or_visit_dates_the_words_after_it(ex):
    e = extract(ex, RETURNED, DAY)
    assert by_content(e, "waiting for a pump").date == "2025-08"
    assert by_content(e, "the island's road").date == "2025-07"
    assert by_content(e, "older than my son").date == DAY.isoformat()


RECEIVED = (
    "The smelter's manager, Ivor Delacroix-Pym, received me in a bare office in June. He said "
    "the smelter used \u201conly scrap nobody else wants\u201d and burned about 12 tonnes of coal a day.\n"
)


def test_words_after_receiving_the_writer_take_that_time_and_no_channel(ex):
    e = extract(ex, RECEIVED, DAY)
    s = by_content(e, "only scrap nobody else wants")
    assert s.date == "2025-06"
    assert s.channel is None