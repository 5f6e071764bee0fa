"""Issue 15, seventeenth round, bodies' names: a ministry named by a list of portfolios ("Ministry
of Energy, Mining and Water", "Ministry of Labour and the Public Service"), a body whose
bracketed initials leave out its owner ("AU Office for the ... (ORDH)") or follow the word order
of another language, a diplomatic post named by its city ("Embassy in Nairobi"), a plural body
the tagger runs on with "of" ("Joint Chiefs of Staff"), and a briefing turn or paragraph that
opens with another body's account ("According to the National Bank, ..."): the whole name, and
that body's statement. Written for the test on invented text, not taken from
bench/evidence_devset."""

from __future__ import annotations

import datetime as dt

from evidence_helpers import by_content, claimant_of, extract

PORTFOLIO_LIST = (
    "In Santiago, the mood is tense. A senior official at Chile's Ministry of Energy, Mining and "
    "Water, who spoke on condition of anonymity because the talks are continuing, told reporters "
    "that Chile \u201cwill not sign a bad deal.\u201d He said the quota justified a share of at least 40%.\n\n"
    "A spokesman for the Ministry of Foreign Affairs, Trade and Chileans Abroad dismissed the "
    "report as \u201clies\u201d at a press conference on Monday.\n"
)


def test_a_ministry_of_a_list_of_portfolios_is_named_whole(ex):
    e = extract(ex, PORTFOLIO_LIST)
    name = "senior official at Chile's Ministry of Energy, Mining and Water"
    assert by_content(e, "will not sign a bad deal").speaker == name
    assert claimant_of(e, "at least 40%") == name
    assert by_content(e, "lies").speaker == "spokesman for the Ministry of Foreign Affairs, Trade and Chileans Abroad"


SECOND_PORTFOLIO_AFTER_THE = (
    "9:30am The Ministry of Labour and the Public Service said in a statement that the offer "
    "amounted to 12% over two years once allowances were included.\n\n"
    "10:15am The Ministry of Finance, the central bank and the IMF said the plan was sound.\n\n"
    "11:00am The Ministry of Health, UNICEF and WHO said the vaccine was safe.\n\n"
    "11:40am The Ministry of Petroleum, Kalunda and Mbeteza said in a joint statement that the "
    "licence had been signed.\n"
)


def test_a_portfolio_after_and_the_belongs_to_the_ministry_but_a_list_of_bodies_does_not(ex):
    e = extract(ex, SECOND_PORTFOLIO_AFTER_THE)
    assert by_content(e, "12% over two years").speaker == "Ministry of Labour and the Public Service"
    assert claimant_of(e, "12%") == "Ministry of Labour and the Public Service"
    assert by_content(e, "plan was sound").speaker == "Ministry of Finance"
    assert by_content(e, "vaccine was safe").speaker == "Ministry of Health"
    # (nor a list of one-word names the tagger takes for bodies or people of their own)
    assert by_content(e, "licence had been signed").speaker == "Ministry of Petroleum"


OWNER_OUTSIDE_INITIALS = (
    "Kalvara floods: live\n\n"
    "09:10 The AU Office for the Resettlement of Displaced Herders (ORDH) says about 12,000 people "
    "left Kalvara during the floods.\n\n"
    "11:40 Farmers in Kalvara told us the water had reached their roofs.\n\n"
    "13:05 ORDH said the first families had already returned to the upper valley.\n"
)


def test_initials_that_leave_out_the_owner_name_the_whole_body(ex):
    e = extract(ex, OWNER_OUTSIDE_INITIALS)
    name = "AU Office for the Resettlement of Displaced Herders"
    assert by_content(e, "about 12,000 people").speaker == name
    assert claimant_of(e, "12,000") == name
    assert by_content(e, "first families").speaker == name


TRANSLATED_INITIALS = (
    "LIMA \u2014 Ecuador's government wants a higher levy on fishing licences, Fisheries Minister Ana "
    "Cordero Vinces told reporters after meeting executives of the National Council of Fishing, "
    "Ports and Marine (CNFPM).\n\n"
    "The CNFPM, which represents companies including Pacifico Azul and Nautimar, said in a "
    "statement that the change would cost the sector some $300 million a year and put at risk "
    "projects worth $2 billion.\n"
)


def test_initials_in_another_languages_order_name_the_body_and_its_statement_is_whole(ex):
    e = extract(ex, TRANSLATED_INITIALS)
    st = by_content(e, "would cost the sector")
    assert st.speaker == "National Council of Fishing, Ports and Marine"
    assert "$2 billion" in st.content
    assert claimant_of(e, "$300 million") == "National Council of Fishing, Ports and Marine"


POSTS = (
    "The Brazilian Embassy in Nairobi said in a statement on Tuesday that 14 of its citizens had "
    "been evacuated from the flooded districts.\n\n"
    "Separately, Chile's Joint Chiefs of Staff said on Monday that the frigate had returned to "
    "port with all 230 of its crew.\n"
)


def test_a_post_named_by_its_city_and_a_plural_body_with_of_are_named_whole(ex):
    e = extract(ex, POSTS)
    assert by_content(e, "14 of its citizens").speaker == "Brazilian Embassy in Nairobi"
    assert by_content(e, "frigate had returned").speaker.endswith("Joint Chiefs of Staff")


BRIEFING = (
    "MINISTRY OF FOREIGN AFFAIRS OF THE REPUBLIC OF VELNIA\n\n"
    "Transcript of the weekly briefing by the Official Representative of the Ministry, Irena Salvik\n"
    "Tarsk, 3 March 2026\n\n"
    "SALVIK: Good afternoon, colleagues. Let me begin with the Dorna river. On Monday the Minister "
    "received a delegation from the neighbouring provinces to discuss the new dam.\n\n"
    "According to our weather service, Velhydromet, the flow of the Dorna at the Ostrava gauge was "
    "22 percent below the ten-year average in February. We do not blame the dam for all of it. "
    "The dry winter is the main factor.\n\n"
    "QUESTION (Pavel Ionescu, Radio Tarsk): The IMF said in January that exports would fall this "
    "year. Does the ministry agree?\n\n"
    "SALVIK: According to the National Bank, exports reached 3.1 billion euros in the first two "
    "months, 6 percent more than a year ago. I would not speak of a fall.\n\n"
    "QUESTION (Mira Holt, Tarsk Daily): How many of our citizens are still held in Orlen?\n\n"
    "SALVIK: According to our Consulate General in Orlen, 48 citizens were detained and 30 have "
    "been released. The consul has visited all of them.\n\n"
    "QUESTION (Mira Holt, Tarsk Daily): Is there a date for the next round?\n\n"
    "SALVIK: Not yet. When there is one, you will hear it here first. Thank you, colleagues.\n"
)


def test_a_turn_or_paragraph_opening_with_another_bodys_account_is_that_bodys(ex):
    e = extract(ex, BRIEFING, dt.date(2026, 3, 3))
    assert by_content(e, "exports reached 3.1 billion euros").speaker == "National Bank"
    assert claimant_of(e, "3.1 billion") == "National Bank"
    assert by_content(e, "I would not speak of a fall").speaker == "Irena Salvik"
    assert not any("3.1 billion" in s.content for s in e.statements if s.speaker == "Irena Salvik")
    assert by_content(e, "48 citizens were detained").speaker == "Consulate General in Orlen"
    assert by_content(e, "consul has visited").speaker == "Irena Salvik"
    st = by_content(e, "flow of the Dorna")
    assert st.speaker == "Velhydromet" and not st.content.startswith("Velhydromet")
    assert claimant_of(e, "22 percent") == "Velhydromet"
    assert by_content(e, "do not blame the dam").speaker == "Irena Salvik"


BODY_FIGURES = (
    "Her cousin left Tumbes for Santiago in a bus in March 2025, one of more than 12,000 people who "
    "crossed the border that month, according to Chilean labour ministry figures. He called her "
    "from Arica a week later.\n"
)


def test_a_bodys_figures_named_by_the_body_before_them_are_the_bodys(ex):
    e = extract(ex, BODY_FIGURES)
    assert claimant_of(e, "12,000") == "Chilean labour ministry"
