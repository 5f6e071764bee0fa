"""Issue 15, twelfth round (continued): an estimate "put the probability of X before Y happens at
30%" whose "at" the parser hung on the verb of the clause inside what is put is still the
speaker's estimate, with the per cent sign in it. Written for the test on invented text, not
taken from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, claimant_of, extract

TEXT = (
    "Oil traders are nervous. \"The market is pricing in calm,\" Lena Varga, an analyst at Danube "
    "Capital, wrote in a note on Monday. She put the probability of a new blockade before the talks "
    "resume at 30%.\n"
)


def test_a_probability_put_at_a_share_after_a_clause_is_an_estimate(ex):
    e = extract(ex, TEXT)
    st = by_content(e, "put the probability of a new blockade")
    assert st.speaker == "Lena Varga"
    assert st.content.endswith("at 30%")
    assert claimant_of(e, "30%") == "Lena Varga"
