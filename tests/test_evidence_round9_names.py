"""Issue 15 round 9: people's and organisations' names in the evidence extractor, on invented
sentences. A canonical person name carries no title before it (the title is a role), and a
hyphenated name is one name whatever the tagger cut at the hyphen; a later surname-only mention
is the person in full."""

from __future__ import annotations

from evidence_helpers import by_content, extract


def test_title_before_a_name_is_no_part_of_it(ex):
    e = extract(ex, 'The trial opened in May. Prosecutor Anneli Koskinen-Laakso told the court in June '
                    'that the crew "knew exactly what they were doing." "This was no accident," she said.')
    assert by_content(e, "knew exactly").speaker == "Anneli Koskinen-Laakso"
    assert by_content(e, "no accident").speaker == "Anneli Koskinen-Laakso"


def test_detective_title_is_a_role(ex):
    e = extract(ex, 'Detective Maren Solberg-Dahl said the van "was never reported stolen."')
    assert by_content(e, "never reported").speaker == "Maren Solberg-Dahl"


def test_lower_case_second_half_of_a_hyphenated_given_name(ex):
    e = extract(ex, 'Kim Seo-yeon, an engineer, said the plant was closed. "It was chaos," Kim said. '
                    'She added that nobody was hurt.')
    assert by_content(e, "plant was closed").speaker == "Kim Seo-yeon"
    assert by_content(e, "chaos").speaker == "Kim Seo-yeon"
    assert by_content(e, "nobody was hurt").speaker == "Kim Seo-yeon"


def test_title_and_hyphenated_given_name(ex):
    e = extract(ex, 'Interior Minister Cho Min-seok told parliament that the border would stay open. '
                    'Later Cho said the talks were "going well."')
    assert by_content(e, "border would stay open").speaker == "Cho Min-seok"
    assert by_content(e, "going well").speaker == "Cho Min-seok"


def test_given_name_and_hyphenated_surname_tagged_apart(ex):
    e = extract(ex, 'Cook Islands Prime Minister Teariki Vaine-Marsters said he was "disappointed." '
                    'Speaking to reporters, he insisted that the deal was fair.')
    assert by_content(e, "disappointed").speaker == "Teariki Vaine-Marsters"
    assert by_content(e, "deal was fair").speaker == "Teariki Vaine-Marsters"


def test_organisation_name_opened_by_an_acronym_is_whole(ex):
    e = extract(ex, 'The factory was built by LG Energy Solution and Hyundai. LG Energy Solution said on '
                    'Friday that hiring would resume "within weeks."')
    assert by_content(e, "hiring would resume").speaker == "LG Energy Solution"


def test_untagged_organisation_name_opened_by_an_acronym(ex):
    e = extract(ex, 'SK Hynix Materials said in a statement that output would fall "by a third."')
    assert by_content(e, "output would fall").speaker == "SK Hynix Materials"


def test_people_charged_with_a_crime_say_nothing(ex):
    # (a title word made a role, "captain", must not make the accused the speaker of the charge)
    for who in ("The captain", "The officers"):
        e = extract(ex, f'{who} and two sailors of the Nordlys went on trial in March, charged with '
                        'reckless endangerment. The judge adjourned the case.')
        assert not [s for s in e.statements if "endangerment" in s.content], who
