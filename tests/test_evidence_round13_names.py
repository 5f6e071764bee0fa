"""Issue 15, thirteenth round: names. A live blog's entry time with its time zone ("14:10 CST",
"09:05 WAT", "11:30 GMT+1", "10:15 local time") is the entry's time: the zone never glues onto
the name after it ("CST Varga" is no speaker, nor claimant). A person introduced by a full name
and later called by the given name alone ("Ilinca said") is that person. Written for the test
on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

import pytest

from evidence_helpers import by_content, claimant_of, extract

LIVE = (
    "Orlavia election: count resumes - live updates\n\n"
    "07:30 {zone} Good morning. We will bring you every update from the electoral board as it "
    "comes.\n\n"
    "08:05 {zone} The board's chairwoman, Teodora Lazic-Ferrum, told Radio Velna that the count "
    "had \"fully resumed\" overnight.\n\n"
    "08:50 {zone} Lazic-Ferrum says the board has now counted 71.5% of ballots.\n\n"
    "09:20 {zone} The Northern Trade Union said in a statement that its members would \"stay at "
    "the gates\" until the count ends.\n\n"
    "09:45 {zone} Orlavia's border police said in a statement that no officer \"has touched a "
    "ballot box\" since Sunday.\n\n"
    "09:55 IT minister Pavel Ostrov-Kain said the board's network would be \"back by noon\".\n\n"
    "10:10 {zone} Correction: the 08:50 entry misstated the share of ballots counted. It has "
    "been corrected.\n"
)


@pytest.mark.parametrize("zone", ["CST", "WAT", "IST", "AEST", "GMT+1", "Velna time"])
def test_a_time_zone_goes_with_the_entry_time(ex, zone):
    e = extract(ex, LIVE.format(zone=zone))
    for words, who in (("fully resumed", "Teodora Lazic-Ferrum"),
                       ("71.5% of ballots", "Teodora Lazic-Ferrum"),
                       ("stay at the gates", "Northern Trade Union"),
                       ("has touched a ballot box", "Orlavia's border police"),
                       # ("IT" after a time without a zone is no zone: "the IT minister")
                       ("back by noon", "Pavel Ostrov-Kain")):
        assert by_content(e, words).speaker == who, (zone, words, by_content(e, words).speaker)
    assert claimant_of(e, "71.5%") == "Teodora Lazic-Ferrum"
    head = zone.split()[0].split("+")[0]
    assert not any(head in (st.speaker or "") for st in e.statements), [st.speaker for st in e.statements]
    assert not any(head in (f.claimed_by or "") for f in e.figures)


@pytest.mark.parametrize("zone", ["CST", "WAT", "PDT"])
def test_a_correction_note_is_no_statement(ex, zone):
    e = extract(ex, LIVE.format(zone=zone))
    assert not any("misstated" in st.content for st in e.statements), \
        [(st.speaker, st.content) for st in e.statements if "misstated" in st.content]



@pytest.mark.parametrize("line", ["the Line of Demarcation", "the Green Line", "the border"])
def test_a_description_after_an_opening_place_is_the_speaker(ex, line):
    # (with the entry time and its zone blanked, the parser may hang "a reporter ..." on the
    # place of the opening phrase: the description is still who tells us)
    text = ("Orlavia - live\n\n12:02 WAT\nFrom Dolna, a reporter for our partner station tells us "
            f"shelling along {line} has killed at least 12 civilians on the northern side since "
            "Wednesday. We are trying to reconcile the figures.\n")
    e = extract(ex, text)
    assert by_content(e, "civilians").speaker == "reporter for our partner station"


FEATURE = (
    "Across the canal from Tamsa\n\n"
    "VELNA, Orlavia — The canal that marks the border here was empty in March, and for {full} "
    "the walk across it was the whole distance between one life and another. She crossed with her "
    "sons and a bag of papers, while the shelling in Tamsa went on behind her.\n\n"
    "“We heard the guns at dawn and by noon we were in Velna,” she says, sitting in the shade of "
    "a tarpaulin.\n\n"
    "Gjergj Dushku, who runs the camp for the county, has a list of his own. About 4,000 new "
    "arrivals had registered by Friday, he says.\n\n"
    "{given} is not waiting for the vote. “Whoever wins, the canal will still be empty,” she says.\n"
)


@pytest.mark.parametrize("full", ["Nadira Osmani Karsh", "Nadira Velic Tamsi"])
def test_a_given_name_alone_is_the_full_name_written_before(ex, full):
    e = extract(ex, FEATURE.format(full=full, given=full.split()[0]))
    assert by_content(e, "the canal will still be empty").speaker == full
    assert by_content(e, "We heard the guns").speaker == full



ELDER = (
    "Across the canal from {town}\n\n"
    "VELNA, Orlavia — The canal that marks the border here was empty in March, and for Nadira "
    "Osmani Karsh the walk across it was the whole distance between one life and another. She "
    "crossed with her sons, while the shelling in {town} went on behind her.\n\n"
    "“We heard the guns at dawn and by noon we were in Velna,” she says.\n\n"
    "The fighting around {town}, a small border town in the Eastern region, pits the army against "
    "militias loyal to the provincial council.\n\n"
    "Gjergj Dushku Vela, 71, a shepherd who crossed with his grandsons, remembers the colonel who "
    "came to {town} in October. “He stood in the church and said, ‘We are here for the vote, not "
    "for you,’” the old man recalls.\n"
)


@pytest.mark.parametrize("town", ["Tamsa Dolna"])
def test_a_place_the_article_gives_as_one_is_no_person(ex, town):
    # (the place, which the tagger may read as a person where it is not after "in", and which
    # an apposition calls a town, is no speaker nor the antecedent of "she")
    e = extract(ex, ELDER.format(town=town))
    assert all(st.speaker != town for st in e.statements), [(st.speaker, st.content) for st in e.statements]


@pytest.mark.parametrize("town", ["Tamsa Dolna"])
def test_the_old_man_is_the_one_person_the_paragraph_named(ex, town):
    e = extract(ex, ELDER.format(town=town))
    assert by_content(e, "He stood in the church").speaker == "Gjergj Dushku Vela"


ONE = (
    "Orlavia talks - live\n\n"
    "11.50am BST Several {group} from island states told us they had received calls this week "
    "from embassies in their capitals asking them to back a delay. One, from {where}, said the "
    "message was “kind in words and not kind in substance.” We have not been able to verify the "
    "calls.\n"
)


@pytest.mark.parametrize("group,where", [("delegates", "a small Pacific state"),
                                         ("diplomats", "a northern coastal republic")])
def test_one_of_a_group_named_before_is_one_of_them(ex, group, where):
    e = extract(ex, ONE.format(group=group, where=where))
    assert by_content(e, "kind in words").speaker == group[:-1] + " from " + where


def test_a_word_between_a_and_a_noun_names_no_one():
    # ("a Velnan opposition MP": the tagger's person "Velnan" says what the MP is; it is no
    # mention of "Velnan Dara", a region it took for a person too)
    from evidence_helpers import doc_with_entities
    from detente.evidence.entities import build_entities
    text = ("Fishermen from Velnan Dara were arrested. Asked by a Velnan opposition MP whether he "
            "would back patrols, the minister said he would.")
    doc = doc_with_entities(text, [("Velnan Dara", "PERSON"), ("Velnan", "PERSON")])
    idx = build_entities(doc)
    mp = next(t for t in doc if t.text == "Velnan" and t.i > 5)
    assert idx.entity_at(mp.i) is None or idx.entity_at(mp.i).kind != "person"


def test_a_hyphenated_surname_under_another_label_is_the_person():
    # ("For Vasquel-Amari, ..." tagged a place after "Ilinca Vasquel-Amari": the person)
    from evidence_helpers import doc_with_entities
    from detente.evidence.entities import build_entities
    text = ("Ilinca Vasquel-Amari, who follows the talks, says the collapse was a clarification. "
            "For Vasquel-Amari, the real deadline is political, not financial.")
    doc = doc_with_entities(text, [("Ilinca Vasquel-Amari", "PERSON"), ("Vasquel-Amari", "GPE")])
    idx = build_entities(doc)
    later = next(t for t in doc if t.text == "Vasquel" and t.i > 5)
    ent = idx.entity_at(later.i)
    assert ent is not None and ent.kind == "person" and ent.canonical == "Ilinca Vasquel-Amari", ent


@pytest.mark.parametrize("acronym", ["CGT", "CNT", "SAT"])
def test_a_bodys_acronym_opening_an_entry_is_no_time_zone(ex, acronym):
    # (only the zones' own abbreviations go with the entry time: a union's acronym opening an
    # entry is the subject of its sentence and stays in the text the parser sees)
    text = ("Velna strike - live\n\n"
            f"09:30 {acronym} said in a statement that the strike would \"last as long as it "
            "has to\".\n\n"
            "09:45 Police said 40 people had been detained.\n")
    e = extract(ex, text)
    assert by_content(e, "last as long as it has to").speaker == acronym
