"""Failure classes of issue 15's sixth round (held-out part 5, now development material) in
which statements are found or not: extras (what a talk is about, a platform read as the content,
a wish, a request to the writer, who was described, a court's finding, the outlet's own crew)
and misses. Each test is written for the test, not taken from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, extract


def _contents(e) -> list[str]:
    return [s.content for s in e.statements]


# -- extras -----------------------------------------------------------------------------------

def test_what_a_talk_is_about_is_no_claim(ex):
    e = extract(ex, "Envoys from Velmar and Zembia are still arguing over the size of the fund. "
                    "The two capitals have been talking about reopening the railway for six years.")
    assert not any("size of the fund" in c or "railway" in c for c in _contents(e)), _contents(e)


def test_a_question_put_to_the_speaker_is_not_theirs_and_leaves_them_their_answer(ex):
    e = extract(ex, "A spokesman for the council, asked about the delay by this newspaper, said "
                    "the talks would resume in May.")
    assert not any("delay" in c for c in _contents(e)), _contents(e)
    # (the role keeps whose it is: "spokesman for the council", see test_evidence_round6_speakers)
    assert by_content(e, "resume in May").speaker == "spokesman for the council"


def test_a_wish_is_not_a_statement(ex):
    e = extract(ex, "Petra Lindqvist, 77, wants to cross the bridge once more before she dies.")
    assert not any("cross the bridge" in c for c in _contents(e)), _contents(e)


def test_asking_the_writer_for_anonymity_is_no_claim(ex):
    e = extract(ex, "A teacher in Morvala, who asked us not to use her name, writes: \"The ferry "
                    "still runs twice a day.\"")
    assert not any("her name" in c for c in _contents(e)), _contents(e)
    assert by_content(e, "ferry still runs")


def test_who_was_described_is_not_what_was_said(ex):
    e = extract(ex, "Petr Oblak still describes the guard, a young man who spoke Zembian, waving "
                    "the bus through.")
    assert not any("guard" in c for c in _contents(e)), _contents(e)
    # a characterisation with "as" stays a statement
    e = extract(ex, "Petr Oblak described the truce as fragile.")
    assert by_content(e, "fragile").speaker == "Petr Oblak"


def test_a_court_ruling_is_a_finding_not_a_statement(ex):
    e = extract(ex, "The Zembian Supreme Court ruled in March that the 2019 treaty was void "
                    "because it had never been ratified. Interior Minister Ada Kross said the "
                    "government would appeal.")
    assert not any("void" in c for c in _contents(e)), _contents(e)
    assert by_content(e, "would appeal").speaker == "Ada Kross"


def test_the_outlets_own_crew_narrates(ex):
    e = extract(ex, "Our photographer says the square has been empty since noon. Our diplomatic "
                    "editor reports that the draft text mentions a buffer zone.")
    assert not any("empty since noon" in c for c in _contents(e)), _contents(e)
    assert by_content(e, "buffer zone")  # an editor's report is a source's statement


def test_a_platform_is_not_the_content(ex):
    e = extract(ex, "Its leader, Oren Tasco, wrote on X that the vote was historic. Later the "
                    "Zembian ministry posted on Telegram a video of its convoy.")
    assert "X" not in _contents(e) and "Telegram" not in _contents(e), _contents(e)
    assert by_content(e, "historic").speaker == "Oren Tasco"


# -- misses -----------------------------------------------------------------------------------

_TRANSCRIPT = """Envoy Tadeo Brun: Good morning. Yesterday I met the council in Velmar and we agreed a plan.

I want to be honest. The status quo is not stable. Every month the reserves shrink and the risk grows.

With that, I will take your questions.

Question (Ada Marr, Zembia Radio): When will the vote be?

Envoy Tadeo Brun: Before the end of the year. We will not wait longer than that.
"""


def test_a_transcript_turn_read_on_in_a_paragraph_with_no_label(ex):
    e = extract(ex, _TRANSCRIPT)
    st = by_content(e, "status quo is not stable")
    assert st.speaker == "Tadeo Brun" and st.content.startswith("I want to be honest")
    assert not any(c.startswith("to be honest") or "take your questions" in c for c in _contents(e)), _contents(e)


def test_a_headline_with_a_colon_does_not_speak_for_the_release(ex):
    e = extract(ex, "Velmar: border committee meets in Morvala\n\nThe committee reviewed the "
                    "timetable for the new crossing.\n\nThe next meeting will take place in "
                    "October.\n\nPress contact: press@example.org\n")
    assert not any("timetable" in c or "next meeting" in c for c in _contents(e)), _contents(e)


def test_an_appeal_on_someone_with_a_quotation_is_a_statement(ex):
    e = extract(ex, "The Nordic Council secretariat called on Velmar in a statement in March to "
                    "\"take firm and early steps\" to restore the treaty.")
    st = by_content(e, "firm and early steps")
    assert st.speaker == "Nordic Council secretariat" and "Velmar" in st.content, st


def test_a_second_speakers_verdict_in_a_clause_on_a_noun(ex):
    e = extract(ex, "The Alliance rejects that. Its joint force, it says, now has 3,000 troops "
                    "ready to deploy — a number that a Western diplomat in Morvala described as "
                    "\"wishful at best\".")
    verdict = by_content(e, "wishful at best")
    # (the gold convention of every spent part: an anonymous source of no named body keeps the
    # place that names it, "Western diplomat in Baghdad")
    assert verdict.speaker == "Western diplomat in Morvala" and verdict.content.strip('"') == "wishful at best"
    claim = by_content(e, "3,000 troops")
    assert "wishful" not in claim.content and claim.speaker == "Alliance", claim
    e = extract(ex, "The army says it has 400 tanks, a figure that one analyst called \"pure theatre\".")
    assert by_content(e, "pure theatre").speaker == "analyst"
    assert "theatre" not in by_content(e, "400 tanks").content


def test_a_post_set_as_a_block_after_the_platform_is_the_statement(ex):
    e = extract(ex, "The Velmar party says the vote is historic. Its leader, Oren Tasco, wrote on X:"
                    "\n\n> Nobody will take this day from us. We will keep our word.\n\nHe did not "
                    "say when.")
    st = by_content(e, "keep our word")
    assert st.speaker == "Oren Tasco" and not st.content.startswith(">"), st
    assert "X" not in _contents(e)


def test_the_line_posted_with_a_picture_is_the_statement(ex):
    e = extract(ex, "9.10am – The Zembian interior ministry has posted on X a photo of its "
                    "delegation boarding the plane in Morvala overnight, with the line: \"Talks, "
                    "always. Land, never.\"")
    assert by_content(e, "Land, never").speaker == "Zembian interior ministry"
    assert not any("photo" in c for c in _contents(e)), _contents(e)


def test_a_quotation_given_in_someones_view_is_theirs(ex):
    e = extract(ex, "That pressure is real, says Ines Varga, a fellow at a think tank in Tarnow. "
                    "In her view, the river has become \"a symbol of pride for a generation that "
                    "never saw the war\".")
    assert by_content(e, "symbol of pride").speaker == "Ines Varga"


def test_a_story_told_in_a_quotation_after_the_verb_that_names_it(ex):
    e = extract(ex, "Petr Oblak laughs when he tells the story. \"I said to him, 'I will listen. "
                    "But I will also argue.' He said that was fine, as long as I said the same to "
                    "Velmar.\"")
    st = by_content(e, "I said to him")
    assert st.speaker == "Petr Oblak" and st.content.startswith('"I said'), st
    assert "the story" not in _contents(e)


def test_a_documents_estimate_with_puts_at_is_its_statement(ex):
    e = extract(ex, "The numbers are disputed. A customs report seen by this newspaper puts the "
                    "cost at closer to $900 million, with the rest still unpaid.")
    st = by_content(e, "closer to $900 million")
    assert st.speaker == "customs report" and st.cue == "puts", st
    # a party's "put the number at" is its statement too (round 7: the gold of heldout5 and
    # heldout6 records a body's or a person's estimate given this way as a statement)
    e = extract(ex, "The Velmar side put the number of prisoners at more than 6,000.")
    assert by_content(e, "put the number of prisoners").speaker == "Velmar side"
