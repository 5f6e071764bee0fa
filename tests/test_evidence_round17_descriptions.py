"""Issue 15, seventeenth round, described sources: one who speaks for no one but themselves,
named by an occupation and where they are ("a principal in Port Ellery", "a midwife in
Varnhold"), is the speaker as described, not missed, and the pronoun after speaks for them.
Written for the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

import pytest

from evidence_helpers import by_content, claimant_of, extract


def _report(role: str, place: str) -> str:
    return ("Clinic strike\n\n"
            f"10:05am A {role} in {place}, who did not want to be named, told us only six of her "
            "40 colleagues had come in. \u201cThe wards are empty. We closed at noon,\u201d she said.\n")


@pytest.mark.parametrize("role", ["principal", "headmistress", "midwife", "pharmacist"])
def test_an_occupation_in_a_place_is_the_described_speaker(ex, role):
    e = extract(ex, _report(role, "Port Ellery"))
    assert by_content(e, "only six of her").speaker == f"{role} in Port Ellery"
    assert claimant_of(e, "40") == f"{role} in Port Ellery"


# A participle right after a plural source's head, which the tagger may take for a past tense
# ("People briefed on the talks say"), still says who the source is.

@pytest.mark.parametrize("head", ["People", "Officials"])
def test_a_participle_the_tagger_took_for_a_past_tense_keeps_the_description(ex, head):
    e = extract(ex, "Bond talks\n\nThe talks drag on. "
                    f"{head} briefed on the talks say the treasury's last offer would cut the debt by "
                    "12% and push maturities out to 2031.\n")
    assert by_content(e, "last offer").speaker.lower() == f"{head.lower()} briefed on the talks"
    assert claimant_of(e, "12%").lower() == f"{head.lower()} briefed on the talks"
