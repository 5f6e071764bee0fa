"""Issue 15, twelfth round (continued), briefing transcripts: a paragraph after a spokesperson's
turn that announces an act of someone she speaks for ("The Commissioner has released 2 million
euros from the reserve fund ...") is still her turn read on, not another's report; and her
sign-off ("That's it from me. Have a good weekend.") is no statement. Written for the test on
invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, extract

BRIEFING = (
    "Daily Press Briefing by the Office of the Spokesperson for the Harbour Commission\n\n"
    "The following is a near-verbatim transcript of today's briefing by Ines Lorvald, Deputy "
    "Spokesperson for the Harbour Commission.\n\n"
    "Deputy Spokesperson: Good afternoon. I will start with the storm on the northern coast, where "
    "three ferries are still stuck in port.\n\n"
    "The Commissioner has released 2 million euros from the reserve fund to repair the piers. "
    "The Red Cross has sent four tonnes of blankets to the shelters in Tarn.\n\n"
    "Question (Per Almqvist, Tarn Daily): When will the ferries sail again?\n\n"
    "Deputy Spokesperson: We expect the first crossings on Friday, if the wind drops.\n\n"
    "That's it from me. Have a good weekend.\n"
)


def test_a_paragraph_announcing_an_act_reads_on_the_spokespersons_turn(ex):
    e = extract(ex, BRIEFING)
    st = by_content(e, "has released 2 million euros")
    assert st.speaker == "Ines Lorvald"


def test_a_briefers_sign_off_is_no_statement(ex):
    e = extract(ex, BRIEFING)
    assert not [s for s in e.statements if "it from me" in s.content or "good weekend" in s.content]
    assert by_content(e, "first crossings on Friday").speaker == "Ines Lorvald"
