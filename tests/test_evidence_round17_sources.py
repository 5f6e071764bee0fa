"""Issue 15, seventeenth round, described sources, places and the channel of an occasion:
words said at or told to a conference, a forum or a seminar are a speech (the gold of the
later spent parts); a speech a platform only carried is a speech; a legislature by its own
name ("the Løgting") is a speech; a saint-named place after "in" is no speaker. Written for
the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

import pytest

from detente.evidence.channels import channel_from_words
from evidence_helpers import by_content, extract


@pytest.mark.parametrize("frame", [
    "Marit Vasko, a researcher at the Tallinn Policy Lab, said at an online seminar on Monday",
    "Olek Brann, a former central bank official, warned at a forum in Tartu last month",
    "the deputy minister told a conference in Narva last week",
    "the energy minister told an investors' forum in Pärnu in June",
    "she said at a symposium in Riga",
])
def test_words_at_a_conference_forum_or_seminar_are_a_speech(frame):
    assert channel_from_words(frame, "say").channel == "speech"


@pytest.mark.parametrize("frame, channel", [
    ("he said at a news conference in Narva", "press conference"),
    ("she said at a meeting of Baltic fisheries ministers", "remarks at a meeting"),
    ("At the closing session in May, the envoy told the two leaders", "remarks at a meeting"),
])
def test_other_occasions_keep_their_channel(frame, channel):
    assert channel_from_words(frame, "say").channel == channel


def test_a_speech_a_platform_carried_is_a_speech():
    frame = ("In a speech to village heads in March, broadcast on the district office's Facebook page, "
             "she said")
    assert channel_from_words(frame, "say").channel == "speech"


@pytest.mark.parametrize("house", ["Løgting", "Lagting", "Tynwald"])
def test_a_legislature_by_its_own_name_is_a_speech(ex, house):
    e = extract(ex, "Quota talks\n\n"
                    f"The islands' fisheries minister, Ragna í Hoyvík, told the {house} in October that the "
                    "islands would cut their quota by 20% if the others moved first. She said the islands had "
                    "taken 14% of the catch last year.\n")
    assert by_content(e, "cut their quota").channel == "speech"
    assert by_content(e, "had taken 14%").channel == "speech"


@pytest.mark.parametrize("place", ["St Bridget", "St Columba", "San Isidro", "Saint Ursula"])
def test_a_saint_named_place_after_in_is_no_speaker(ex, place):
    e = extract(ex, "Pharmacy strike\n\n"
                    f"10:40am A pharmacist in {place}, who asked not to be named, told us the shelves were "
                    "bare. \u201cWe have nothing left,\u201d she said.\n")
    assert by_content(e, "shelves were bare").speaker == f"pharmacist in {place}"
    assert by_content(e, "nothing left").speaker != place


# A name inside the apposition that describes the subject (a place the tagger took for a
# person, or a client) is what the subject is, not whom the next "he" stands for.

@pytest.mark.parametrize("who, advised", [
    ("Lahbib Aït Ouarab", "Rabat and Nouakchott"),
    ("Driss Aït Baha", "Algiers and Banjul"),
    ("Yassine Oufkir Amrani", "Algiers and Tunis"),
    ("Lahbib Aït Ouarab", "Marek Dunaj and Petras Zemaitis"),
])
def test_a_name_inside_the_subjects_description_is_not_the_pronouns_antecedent(ex, who, advised):
    e = extract(ex, "Harbour deal\n\nThe port authority wants a deal by March.\n\n"
                    f"{who}, a fisheries lawyer in Essaouira who has advised both {advised}, expects the "
                    "union to offer more money rather than fewer boats. \u201cBrussels buys quiet; it doesn't "
                    "buy fish,\u201d he told me. He noted that the old fisheries agreement had been struck "
                    "down in 2024.\n")
    assert by_content(e, "Brussels buys quiet").speaker == who
    assert by_content(e, "struck down").speaker == who


# An adjective phrase after an anonymous source's head says who the source is, as a participle
# phrase does (the round-8 convention): "an official familiar with the loan".

@pytest.mark.parametrize("source, expected", [
    ("An ADB official familiar with the loan, speaking on condition of anonymity,",
     "ADB official familiar with the loan"),
    ("A source close to the negotiations", "source close to the negotiations"),
    ("A Latvian diplomat familiar with the talks", "Latvian diplomat familiar with the talks"),
])
def test_an_adjective_phrase_keeps_the_anonymous_description(ex, source, expected):
    e = extract(ex, f"Debt talks\n\nThe talks drag on. {source} said the bank would not take sides in "
                    "the dispute.\n")
    assert by_content(e, "not take sides").speaker == expected


# A long Somali or Arabic name with a religious honorific inside it ("Abdikarim Osman Sheikh
# Nur") is one name, whatever spans the tagger cut it into; an elder or a farmer named by where
# they are and then by name between commas is the named person.

def test_an_honorific_inside_a_long_name_keeps_the_name_whole():
    from evidence_helpers import doc_with_entities, person_names
    doc = doc_with_entities("An elder in Bula Hawa, Abdikarim Osman Sheikh Nur, said the market was open. "
                            "Nur said more.", [("Bula Hawa", "GPE"), ("Abdikarim Osman", "PERSON"),
                                               ("Nur", "PERSON"), ("Nur", "PERSON")])
    assert person_names(doc) == ["Abdikarim Osman Sheikh Nur"]


@pytest.mark.parametrize("role", ["elder", "farmer"])
def test_an_elder_in_a_place_then_a_name_is_the_named_person(ex, role):
    article = "An" if role[0] in "aeiou" else "A"
    e = extract(ex, "Ceasefire\n\n"
                f"10:55 EAT {article} {role} in Bula Hawa, Abdikarim Osman Sheikh Nur, "
                "speaking to our correspondent by phone, said shops had reopened but that \u201cnobody trusts "
                "the market yet\u201d. Families were coming back at a rate of \u201cmaybe 150 a day\u201d, he said.\n")
    for part in ("shops had reopened", "maybe 150 a day"):
        s = by_content(e, part)
        assert s.speaker == "Abdikarim Osman Sheikh Nur"
        assert s.channel == "interview"


# A specialist or a scientist named by where they work keeps that in the description, and a
# subject the parser made a verb of ("A [fisheries] specialist ..., who asked not to be named,
# told me") is still the subject of the cue.

@pytest.mark.parametrize("field, body, city", [
    ("fisheries", "Danube Commission", "Budapest"),
    ("fisheries", "Niger Basin Authority", "Niamey"),
    ("forestry", "Congo Basin Commission", "Yaoundé"),
])
def test_a_specialist_at_a_secretariat_is_the_described_speaker(ex, field, body, city):
    e = extract(ex, "River survey\n\nThe authority itself is more cautious. "
                    f"A {field} specialist at the {body}'s secretariat in {city}, who asked not to be named "
                    "because the findings have not been published, told me the authority's own survey showed "
                    "a decline \u201csomewhere between the two numbers.\u201d\n")
    assert by_content(e, "showed a decline").speaker == f"{field} specialist at the {body}'s secretariat in {city}"


# A quotation that closes a sentence with its own cue is not taken by the verb of the next
# sentence when that verb has a topic of its own ("the two sides are still arguing about ...").

@pytest.mark.parametrize("verb", ["are still arguing about", "keep quarrelling over"])
def test_a_quotation_is_not_taken_by_the_next_sentences_verb_with_a_topic(ex, verb):
    e = extract(ex, "Bond talks\n\nWhen Ghana's creditors rejected the offer in March, the Treasury called "
                    "their counter-proposal \u201cincompatible with the programme.\u201d Two months on, the two "
                    f"sides {verb} the same thing: how much of the bond the country can afford to repay.\n")
    s = by_content(e, "incompatible with the programme")
    assert s.speaker == "Treasury"


# "The audit found that A, spokesman X told reporters": the cue that closes the sentence reports
# all of it, the audit's finding included; the audit is no speaker of its own there.

@pytest.mark.parametrize("name", ["Mamadou Mbengue Diop", "Alioune Diop Faye", "Ibrahima Sall Mbaye"])
def test_a_finding_reported_by_a_spokesman_is_the_spokesmans(ex, name):
    e = extract(ex, "ACCRA \u2014 In October, Ghana's fisheries ministry published the list of 120 industrial "
                    "vessels licensed to fish in its waters and promised that their declared catches would "
                    "follow. The first results came this week, and they have given the government a new card "
                    "to play in its talks with the European Union on a fishing protocol.\n\n"
                    "The audit found that 38 of those vessels, most of them flagged in Ghana but owned by "
                    f"Chinese or Spanish companies, had under-declared their catches, Fisheries Ministry "
                    f"spokesman {name} told reporters on Tuesday. Fines would follow \u201cwithin the month,\u201d "
                    "he said.\n")
    s = by_content(e, "38 of those vessels")
    assert s.speaker == name
    assert s.content.startswith("The audit found")
    assert not [x for x in e.statements if x.speaker == "audit"]


# Whom a person told something ("told Yicai that ...", an outlet the tagger may take for a
# person) is the listener, not whom the next "he" stands for.

@pytest.mark.parametrize("who, outlet", [("Wen Boqiang", "Yicai"), ("Tan Weimin", "Xinhua")])
def test_the_listener_of_told_is_not_the_next_pronouns_antecedent(ex, who, outlet):
    e = extract(ex, "Soybeans\n\nThe soybean promises divide analysts too. The White House said China had "
                    "agreed to buy 12 million tonnes of U.S. soybeans by the end of the year. Chinese state media "
                    f"did not repeat the numbers. {who}, a trade economist at Fudan University, told {outlet} that "
                    "the figures were \"American arithmetic\" and that purchases would follow \"market "
                    "conditions.\" He said a realistic figure for this year was \"closer to 6 million tonnes.\"\n")
    assert by_content(e, "realistic figure").speaker == who


@pytest.mark.parametrize("frame", [
    "In a sermon in May 2019, he told his congregation",
    "in a homily on Sunday, the bishop said",
    "she told her audience in Gdansk",
])
def test_a_sermon_or_words_to_ones_own_audience_are_a_speech(frame):
    assert channel_from_words(frame, "tell").channel == "speech"


def test_words_said_now_do_not_take_the_sermons_channel(ex):
    e = extract(ex, "Border town\n\nTarnowo is a Catholic town, and its parish priest, Father Tomasz Wielgus, has "
                    "been in the middle of the argument from the start. In a sermon in May 2019, he told his "
                    "congregation that \u201ca hungry man at the gate is a guest at the table.\u201d "
                    "\u201cSome stopped coming to Mass,\u201d he says now. \u201cSome came back with bread.\u201d\n")
    assert by_content(e, "hungry man at the gate").channel == "speech"
    assert by_content(e, "stopped coming to Mass").channel is None
