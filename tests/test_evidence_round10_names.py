"""Issue 15 round 10: a given name written abbreviated with a full stop ("Ma." for María, "Mohd."
for Mohammed) is part of a person's canonical name, not a cut before it; on invented sentences."""

from __future__ import annotations

from evidence_helpers import by_content, extract


def test_abbreviated_given_name_split_from_its_full_stop(ex):
    e = extract(ex, 'Flooding closed the port on Monday. Ma. Cristina Bautista, who runs a shipping firm, '
                    'said trade had "stopped dead." Bautista added that insurers were nervous.')
    assert by_content(e, "stopped dead").speaker == "Ma. Cristina Bautista"
    assert by_content(e, "insurers were nervous").speaker == "Ma. Cristina Bautista"


def test_abbreviated_given_name_with_a_hyphenated_surname(ex):
    e = extract(ex, 'The ferry sank near the island. Ma. Luisa Dimaculangan-Reyes, a historian, said the '
                    'route had "always been dangerous." "Nobody listens," she said.')
    assert by_content(e, "always been dangerous").speaker == "Ma. Luisa Dimaculangan-Reyes"
    assert by_content(e, "Nobody listens").speaker == "Ma. Luisa Dimaculangan-Reyes"


def test_abbreviated_given_name_kept_whole_by_the_tokenizer(ex):
    e = extract(ex, 'Prices rose again. Mohd. Faizal Rahman, a trader in Penang, said customers "are angry."')
    assert by_content(e, "are angry").speaker == "Mohd. Faizal Rahman"


def test_a_title_or_a_place_before_a_name_stays_out(ex):
    e = extract(ex, 'Gen. Ramon Villanueva said the troops would stay.')
    assert by_content(e, "troops would stay").speaker == "Ramon Villanueva"
    e = extract(ex, 'The ship left Baltimore, Md. Harold Jennings said the port was busy.')
    assert by_content(e, "port was busy").speaker == "Harold Jennings"
