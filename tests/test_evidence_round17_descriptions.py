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
