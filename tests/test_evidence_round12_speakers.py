"""Issue 15, twelfth round (continued), speakers: a finite speech verb set off by commas after
its subject ("Denmark's foreign minister, speaking in Copenhagen, called on ...") that the parser hung
on the subject as if a reduced relative clause still has that subject as its speaker. Written
for the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, extract

TEXT = (
    "Soldiers seized the radio station in Marovia on Tuesday and said they would hold it until "
    "a new council was named.\n\n"
    "The regional bloc condemned the seizure and said its envoys would travel to Marovia.\n\n"
    "Denmark's foreign minister, speaking in Copenhagen, called on the officers to \"return to "
    "the barracks and let the ballots be counted.\" There are about 300 Danish citizens in "
    "Marovia, the ministry said.\n"
)


def test_a_speaker_set_off_by_a_participle_phrase_keeps_the_verb_after_it(ex):
    e = extract(ex, TEXT)
    st = by_content(e, "return to the barracks")
    assert st.speaker == "Denmark's foreign minister"
