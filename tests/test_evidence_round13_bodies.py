"""Issue 15, thirteenth round, bodies: a speaker or claimant named by a definite common noun
alone ("the company", "the organisation", "the Inspectorate", "the Chief Engineer", "the same
study", "estimates by the consultancy X") is the body or person the text introduced before with
that noun, not the bare noun. Written for the test on invented text, not taken from
bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, extract

COMPANY = (
    "Dockers at the port of Valtra stopped work on Monday over unpaid wages.\n\n"
    "Norwegian shipping group Nordvik Shipping AS, which leased three berths at the port until "
    "last year, said in a statement that the strike had delayed its vessels. The delay would "
    "cost about 4 million euros, the company said.\n"
)


def test_the_company_is_the_body_that_spoke_before_in_the_paragraph(ex):
    e = extract(ex, COMPANY)
    st = by_content(e, "The delay would cost")
    assert st.speaker == "Nordvik Shipping AS"


ORGANISATION = (
    "The harvest fell for a third year, according to the Pellworth Agricultural Council. "
    "Only 12% of farms are irrigated, the organisation says.\n"
)


def test_the_organisation_is_the_body_cited_just_before(ex):
    e = extract(ex, ORGANISATION)
    st = by_content(e, "Only 12% of farms")
    assert st.speaker == "Pellworth Agricultural Council"


INSPECTORATE = (
    "Inspectorate General of Mines\n\n"
    "The Inspectorate General of Mines (IGM) informs the public that 41 sites were inspected "
    "between March 3 and March 28.\n\n"
    "The IGM rejects the claims made by a union of quarry workers on Friday.\n\n"
    "Inspection records show that 9 sites were closed, the Inspectorate said. No worker was "
    "injured during the closures, it added.\n\n"
    "“Every site was visited twice,” said the Chief Engineer of the Inspectorate, Commander "
    "Tomas Velquist Arrabal.\n\n"
    "The Chief Engineer announced that the next round of inspections would begin in May.\n"
)


def test_a_capitalised_short_form_is_the_body_named_in_full_before(ex):
    e = extract(ex, INSPECTORATE)
    st = by_content(e, "9 sites were closed")
    assert st.speaker == "Inspectorate General of Mines"


def test_a_title_alone_is_the_person_named_with_it_before(ex):
    e = extract(ex, INSPECTORATE)
    st = by_content(e, "the next round of inspections")
    assert st.speaker == "Tomas Velquist Arrabal"


STUDY = (
    "The ministry rejected the study published on Tuesday by a network of rural health "
    "clinics, according to which 2,300 patients were turned away. The same study claims that "
    "at least 80 clinics had closed.\n"
)


def test_a_reports_words_go_to_who_published_it(ex):
    e = extract(ex, STUDY)
    st = by_content(e, "at least 80 clinics had closed")
    assert st.speaker == "network of rural health clinics"


ESTIMATES = (
    "Delegates met in Geneva on Tuesday to discuss the levy.\n\n"
    "The levy could raise around $4bn a year, according to estimates by the consultancy Marwell.\n"
)


def test_estimates_by_a_body_named_in_apposition_are_the_bodys(ex):
    e = extract(ex, ESTIMATES)
    st = by_content(e, "The levy could raise")
    assert st.speaker == "Marwell"


NO_ANTECEDENT = (
    "Flights resumed at Corvane airport on Sunday. Fewer than 20 planes had landed by noon, the "
    "company said.\n"
)


def test_no_antecedent_keeps_the_noun(ex):
    e = extract(ex, NO_ANTECEDENT)
    st = by_content(e, "Fewer than 20 planes")
    assert st.speaker == "company"


OFFICE = (
    "Estonia's interior minister, in a post on Facebook, wrote that she had \"no patience for "
    "smugglers\" and that the border police should \"stop them at any cost.\" Her office later said "
    "the remark referred only to armed gangs.\n"
)


def test_her_office_is_the_office_of_the_official_named_before(ex):
    e = extract(ex, OFFICE)
    st = by_content(e, "the remark referred only to armed gangs")
    assert st.speaker == "Office of the Interior Minister of Estonia"


COUNTS = (
    "09:10 Good morning. We will bring you every update from the Central Tally Bureau (CTB) as it "
    "comes.\n\n"
    "09:40 The latest CTB figures, published at 09:30, put the Green candidate on 41.3% and the "
    "Blue candidate on 38.2%.\n"
)


def test_a_bodys_figures_are_the_bodys_claim(ex):
    e = extract(ex, COUNTS)
    f = next(x for x in e.figures if x.text.startswith("41.3%"))
    assert f.claimed_by in ("CTB", "Central Tally Bureau")


def test_organisations_between_is_nearest_first_within_the_window_and_bounded():
    # the index behind "the company said": only bodies' mentions in [floor, char), nearest
    # first, at one start the entity listed first, and never more than ``limit`` of them
    from detente.evidence.entities import EntityIndex
    from detente.evidence.types import Entity

    a = Entity("Harbour Council", "organisation", mentions=[(10, 25), (300, 315)])
    b = Entity("Velta Shipping Company", "organisation", mentions=[(10, 32), (120, 142)])
    p = Entity("Ana Reyes", "person", mentions=[(200, 209)])
    idx = EntityIndex(entities=[a, b, p])
    got = [(s, e.canonical) for s, _, e in idx.organisations_between(0, 300)]
    assert got == [(120, "Velta Shipping Company"), (10, "Harbour Council"), (10, "Velta Shipping Company")]
    assert [s for s, _, _ in idx.organisations_between(11, 301)] == [300, 120]
    assert [s for s, _, _ in idx.organisations_between(0, 400, limit=1)] == [300]
    assert idx.organisations_between(0, 10) == []
