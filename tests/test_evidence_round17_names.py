"""Issue 15 round 17: a name particle of a smaller language (Faroese "í"/"á", Swedish "af",
German "zu") is part of a person's name, not a cut before the surname; on invented sentences."""

from __future__ import annotations

from evidence_helpers import by_content, extract


def test_faroese_particle_in_a_persons_name(ex):
    e = extract(ex, 'Talks on the quota stalled on Friday. Jógvan í Stovu Hansen, the islands\' fisheries '
                    'minister, said the fleet "cannot wait another year." Hansen added that a deal was close.')
    assert by_content(e, "cannot wait another year").speaker == "Jógvan í Stovu Hansen"


def test_faroese_particle_a_in_a_persons_name(ex):
    e = extract(ex, 'The ferry strike ended. Bárður á Lakjuni Joensen, a union leader, said workers had '
                    '"won a fair wage."')
    assert by_content(e, "won a fair wage").speaker == "Bárður á Lakjuni Joensen"


def test_swedish_particle_in_a_persons_name(ex):
    e = extract(ex, 'The court ruled on Tuesday. Henrika af Wetterstedt Lind, a lawyer for the families, '
                    'said the verdict was "long overdue."')
    assert by_content(e, "long overdue").speaker == "Henrika af Wetterstedt Lind"


def test_an_open_bracket_before_an_acronym_is_not_part_of_a_body_name(ex):
    e = extract(ex, 'In late September, the Baltic Institute for the Protection of the Coast (BIPC) advised '
                    'that dredging in 2027 should not exceed 299,000 tonnes, roughly half of that.')
    assert by_content(e, "dredging in 2027").speaker == "Baltic Institute for the Protection of the Coast"
    e = extract(ex, 'In late September, the International Commission for the Conservation of the Reefs (ICCR) '
                    'advised that trawling in 2027 should not exceed 40,000 tonnes, roughly half of that.')
    assert by_content(e, "trawling in 2027").speaker == \
        "International Commission for the Conservation of the Reefs"
