"""Issue 15, fifteenth round, long-form features: which occasion dates which statement (a
present-tense "says" is the dateline, the writer's return or visit dates the words after it),
family members who share a name, a clause that goes on after a parenthetical "she says", and
what is no statement in a feature (a thing shown to the writer, a worry, a remembered scene).
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


FAMILY = (
    "Ilisapeci Oyelaran was among the first nurses to take the new visa. \u201cI cried for a day,\u201d "
    "she told me when we met in March.\n\n"
    "Oyelaran, 36, arrived in Dunmore last winter. \u201cThe wind here has teeth,\u201d she says.\n\n"
    "Her husband, Sefo Oyelaran, found work at a sawmill. He says the work is hard but pays well.\n\n"
    "Not everyone thinks the traffic will run both ways. Hollis Abernathy-Lusk, a demographer, "
    "says the visa will take 30 nurses a year out of the islands.\n\n"
    "The health ministry said in July that eight nurses had left. Oyelaran frowns at that. "
    "\u201cI know of twelve,\u201d she says.\n\n"
    "When I visited again in August, the clinic had offered Oyelaran a permanent post. "
    "\u201cI said yes on the spot,\u201d she told me.\n"
)


def test_a_shared_family_name_alone_is_the_person_first_called_by_it(ex):
    e = extract(ex, FAMILY, DAY)
    assert by_content(e, "I know of twelve").speaker == "Ilisapeci Oyelaran"
    assert by_content(e, "I said yes on the spot").speaker == "Ilisapeci Oyelaran"
    assert by_content(e, "the work is hard").speaker == "Sefo Oyelaran"


KNOWS = (
    "The river authority said in May that 40 families had left the valley. Brannock Teale shrugs "
    "at the number. He knows, he says, of at least 60 who have already gone.\n"
)


def test_the_clause_after_a_parenthetical_says_is_what_is_said(ex):
    e = extract(ex, KNOWS, DAY)
    s = by_content(e, "of at least 60 who have already gone")
    assert s.speaker == "Brannock Teale"
    assert not [x for x in e.statements if x.content.strip() == "He knows"]


NOT_SAID = (
    "Ottilie Varga sells salt to a packer in the port. She showed me the invoice, which pays "
    "40 crowns a sack. She worries less about prices than about the rain upstream. She remembers "
    "him standing at the sluice and shaking his head.\n"
)


def test_a_thing_shown_a_worry_and_a_remembered_scene_are_no_statements(ex):
    e = extract(ex, NOT_SAID, DAY)
    assert not [s.content for s in e.statements], [s.content for s in e.statements]


RECKONING = (
    "The ministry puts the cost of the new dam at $200 million.\n\n"
    "Perpetua Oduya-Strand, a hydrologist at the river institute, thinks the number is a hope. "
    "By her reckoning the work will cost at least $350 million, \u201cand that is if the river "
    "behaves.\u201d\n"
)


def test_by_her_reckoning_without_a_comma_is_her_statement(ex):
    e = extract(ex, RECKONING, DAY)
    s = by_content(e, "at least $350 million")
    assert s.speaker == "Perpetua Oduya-Strand"


AFTER_PARENTHETICAL = (
    "The tannery stands two kilometres up the river.\n\n"
    "Ottilie Varga has never been inside. She does not need to be, she says. "
    "\u201cYou can smell what they pour away when the wind turns.\u201d\n\n"
    "The tannery's owner did not answer questions.\n"
)


def test_a_quotation_after_a_closing_says_continues_the_speaker(ex):
    e = extract(ex, AFTER_PARENTHETICAL, DAY)
    s = by_content(e, "You can smell what they pour away")
    assert s.speaker == "Ottilie Varga"


HALL = (
    "He is not against the quarry; he is against being rushed.\n\n"
    "At a public meeting in Skalvik in May, Tormod Eikeland-Vest stood up and read out a letter "
    "his father had written to the county in 1968. \u201cHe wrote, \u2018Take the stone, leave the "
    "fjord,\u2019\u201d he told the hall. \u201cI am asking for the same thing.\u201d\n"
)


def test_words_told_to_the_hall_after_a_dated_occasion_are_a_speech_then(ex):
    e = extract(ex, HALL, DAY)
    s = by_content(e, "I am asking for the same thing")
    assert s.channel == "speech"
    assert s.date == "2025-05"


BEACH = (
    "The council of net menders has counted the trucks at the gate since last year.\n\n"
    "Its chairman, Ruaridh Penhallow, made the same case to the minister when she visited "
    "Porthcarrow in February. In a speech on the quay, he said the council had \u201ccounted every "
    "truck\u201d and asked her to close the plant.\n"
)


def test_a_speech_with_no_time_takes_the_time_of_the_speakers_sentence_before(ex):
    e = extract(ex, BEACH, DAY)
    s = by_content(e, "counted every truck")
    assert s.channel == "speech"
    assert s.date == "2025-02"


SERVICE = (
    "Thousands have crossed the river since the fighting resumed.\n\n"
    "The province's information minister, Abdirashid Nuur Warfaa, puts the number far higher. "
    "\u201cMore than 15,000 of our people are sleeping in tents tonight,\u201d he told the BBC Somali "
    "service on Tuesday.\n\n"
    "Sheikh Ibrahim Dahir Kulmiye, 71, an elder who crossed with his grandchildren, remembers the "
    "federal commander who came to the town in November.\n"
)


def test_words_told_to_a_broadcasters_language_service_are_an_interview(ex):
    e = extract(ex, SERVICE, DAY)
    assert by_content(e, "sleeping in tents tonight").channel == "interview"


def test_a_person_remembered_is_no_statement(ex):
    e = extract(ex, SERVICE, DAY)
    assert not [s for s in e.statements if "federal commander" in s.content]
