"""Issue 15, fifteenth round, press releases and briefing transcripts: turn labels that give a
role and, in brackets, the person who holds it ("SPOKESPERSON (Name):", a long office before
the name), a later label of the role alone, a reporter's bracket label; forms of address of
other languages before a name ("Ibu ..."); words told to a legislature by its proper name.
Written for the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

import datetime as dt

from evidence_helpers import by_content, claimant_of, extract

BRIEFING = (
    "Transcript: Regular Press Briefing, Ministry of Foreign Affairs of the Republic of Kalvaria\n"
    "Port Adell, Tuesday, 12 May 2026\n\n"
    "SPOKESPERSON (Mirela Tondu Varga): Good morning, friends from the press. Two items today. "
    "First, the floods in the south. As of this morning, 412 families have been moved to shelters "
    "in the district of Ostrava Nova since the rains began on 3 May. We thank the Red Cross for its help.\n\n"
    "Second, fisheries. Our quota this year is 18,000 tonnes, the same as last year, and the season "
    "opens on 1 June. The Minister of Fisheries, Ibu Lestari Wulandari Putri, told the House of "
    "Representatives on Monday that 300 new licences would be issued this year.\n\n"
    "QUESTION (Johan Brisk, Daily Courier): Thank you, Ibu Mirela. The fishermen's union says at "
    "least 900 boats are idle. Is the ministry's figure too low?\n\n"
    "SPOKESPERSON: We have no information that supports that number. My colleague can say more.\n\n"
    "DIRECTOR FOR CONSULAR AFFAIRS AND THE PROTECTION OF CITIZENS (Teodor Amsel Halvorsen): Thank you. "
    "The number we have is 75 requests received by our consulate in Brenvik, and each is being checked. "
    "Of the families who came back, our own survey found that 40 families had lost their boats. "
    "I would urge families not to travel to the flooded areas before the roads reopen.\n\n"
    "QUESTION (Radio Nord): Will the ministry ask for foreign help?\n\n"
    "SPOKESPERSON: We have not ruled anything out. The cabinet will decide on Thursday whether to "
    "request assistance from neighbouring countries.\n"
)


def _briefing(ex):
    return extract(ex, BRIEFING, date=dt.date(2026, 5, 12))


def test_a_bracket_label_names_the_turns_speaker(ex):
    e = _briefing(ex)
    st = by_content(e, "412 families have been moved")
    assert st.speaker == "Mirela Tondu Varga"
    assert st.channel == "press conference"
    assert by_content(e, "Our quota this year").speaker == "Mirela Tondu Varga"
    assert claimant_of(e, "412") == "Mirela Tondu Varga"


def test_a_long_office_before_the_bracketed_name(ex):
    e = _briefing(ex)
    assert by_content(e, "75 requests received").speaker == "Teodor Amsel Halvorsen"
    assert claimant_of(e, "75") == "Teodor Amsel Halvorsen"
    # (the speaker's own office's finding is the speaker's claim, not another's report)
    assert claimant_of(e, "40") == "Teodor Amsel Halvorsen"
    # (the turn before it does not read on into it)
    assert not any("75 requests" in s.content and s.speaker == "Mirela Tondu Varga" for s in e.statements)


def test_the_role_alone_is_the_person_its_bracket_label_named(ex):
    e = _briefing(ex)
    assert by_content(e, "no information that supports").speaker == "Mirela Tondu Varga"
    assert by_content(e, "We have not ruled anything out").speaker == "Mirela Tondu Varga"
    assert not any(s.speaker and s.speaker.upper() == "SPOKESPERSON" for s in e.statements)


def test_a_reporters_bracket_label_is_no_statement(ex):
    e = _briefing(ex)
    assert not any("Thank you, Ibu Mirela" in s.content or "foreign help" in s.content for s in e.statements)
    assert not any(s.speaker in ("Johan Brisk", "Radio Nord") for s in e.statements)


def test_a_form_of_address_is_no_part_of_the_name(ex):
    e = _briefing(ex)
    st = by_content(e, "300 new licences")
    assert st.speaker == "Lestari Wulandari Putri"
    assert st.channel == "speech"  # (told the House of Representatives)
    e = extract(ex, "JAKARTA, March 3 (Wire) - The governor, Bapak Joko Santoso Wiryo, said on "
                    "Tuesday that the dam would be finished by June. Frau Anna Vogelsang of the "
                    "Baltic Trust said the costs had doubled.\n")
    assert by_content(e, "the dam would be finished").speaker == "Joko Santoso Wiryo"
    assert by_content(e, "the costs had doubled").speaker == "Anna Vogelsang"


RELEASE = (
    "MARANTA COFFEE AUTHORITY\nPRESS RELEASE\n\n"
    "LORREN, 3 March 2026 — The Maranta Coffee Authority (MCA) has raised the farm-gate price of "
    "coffee to 4,200 lirens per sack.\n\n"
    "The Authority has taken note of a report by the Highland Growers Union, which claims that up to "
    "90,000 sacks were smuggled across the border this season. The Authority’s own tracking of "
    "movements at the border puts the losses at no more than 12,000 sacks.\n\n"
    "Madam Efua Tandoh-Mensa, a coffee grower from Ketebi Nsuta and a member of the Authority’s "
    "Grower Council, welcomed the announcement. “For once the grower is paid what the bean is worth,” "
    "she said.\n\n"
    "Kwaku Aboagye-Tetteh, a trader from Asankrangwa Dome, said the new price would draw beans back "
    "from the border. “We will buy every sack,” he said.\n"
)


def test_a_bodys_own_tracking_is_the_bodys_claim(ex):
    e = extract(ex, RELEASE, date=dt.date(2026, 3, 3))
    assert claimant_of(e, "12,000") == "Maranta Coffee Authority"


def test_a_place_in_a_persons_description_is_not_the_speaker(ex):
    e = extract(ex, RELEASE, date=dt.date(2026, 3, 3))
    assert by_content(e, "what the bean is worth").speaker == "Efua Tandoh-Mensa"
    assert by_content(e, "draw beans back").speaker == "Kwaku Aboagye-Tetteh"
    assert by_content(e, "We will buy every sack").speaker == "Kwaku Aboagye-Tetteh"


TRANSCRIPT = (
    "Press Conference by the Minister of State for Water (Excerpt)\n\n"
    "Tuesday, 9 June 2026\n\n"
    "MINISTER OF STATE HALVARD OSTERLING: First, on the drought. The reservoirs of the northern "
    "region stand at 31 percent of capacity, the lowest level since records began.\n\n"
    "Second, on rationing. The government will limit irrigation to three days a week from 15 June. "
    "We expect this to save about 40 million cubic metres of water by the end of the summer.\n\n"
    "REPORTER (Nordic Wire): The farmers' association says the limit will ruin the harvest. Your response?\n\n"
    "MINISTER OF STATE OSTERLING: The limit is temporary. We will review it every two weeks.\n"
)


def test_a_shorter_label_of_the_same_speaker_reads_on_the_first_turn(ex):
    e = extract(ex, TRANSCRIPT, date=dt.date(2026, 6, 9))
    st = by_content(e, "limit irrigation to three days")
    assert st.speaker == "Halvard Osterling"
    assert st.channel == "press conference"


HEADLINE_RELEASE = (
    "ORF warns of a dry season “without wells and without trucks” in Verland\n\n"
    "SALMONT, 4 May 2026 – The Oasis Relief Fund (ORF) warned today that 2.3 million people in "
    "Verland are short of drinking water as the wells of the northern plain run dry.\n\n"
    "The new assessment, carried out with local partners in April, finds that the number of villages "
    "without a working well has risen to 640 villages.\n\n"
    "“We are trucking water to villages that had wells a year ago,” said Ines Morvaldi, ORF director "
    "in Verland.\n\n"
    "ORF said it had delivered water to 310,000 people in April.\n\n"
    "ORF requires US$ 48 million to keep the trucks running until the rains. Its appeal is 22 percent funded.\n\n"
    "#   #   #\n\n"
    "For more information please contact: Tomas Arlind, ORF Salmont\n"
)


def test_a_headline_naming_the_issuer_by_its_initials_gives_the_releases_own_figures(ex):
    e = extract(ex, HEADLINE_RELEASE, date=dt.date(2026, 5, 4))
    assert claimant_of(e, "48 million") == "Oasis Relief Fund"
    assert claimant_of(e, "22 percent") == "Oasis Relief Fund"


def test_a_release_s_own_unowned_document_is_the_issuers(ex):
    e = extract(ex, HEADLINE_RELEASE, date=dt.date(2026, 5, 4))
    assert by_content(e, "without a working well").speaker == "Oasis Relief Fund"
    assert claimant_of(e, "640") == "Oasis Relief Fund"


AUTHORITY_RELEASE = (
    "PRESS RELEASE\n\nNational Border Authority\n\nPort Selan, June 2, 2026\n\n"
    "The National Border Authority (NBA) informs the public that between May 1 and May 31, 2026, a total "
    "of 4,210 vehicles were turned back at the northern crossings for incomplete documents.\n\n"
    "The NBA rejects the report published on Monday by a coalition of Selanese and Orvish human rights "
    "organisations, according to which 1,150 pregnant or breastfeeding women were detained in public "
    "hospitals and deported during the same period. The same report claims that at least 40 minors "
    "were separated from their parents.\n"
)


def test_what_a_release_informs_the_public_of(ex):
    e = extract(ex, AUTHORITY_RELEASE, date=dt.date(2026, 6, 2))
    st = by_content(e, "4,210 vehicles")
    assert st.speaker == "National Border Authority"
    assert st.content.startswith("between May 1")



OWN_LINE_LABELS = (
    "Transcript of the weekly press briefing by the Ministry of Water, Brenmark, 3 June 2026\n\n"
    "DEPUTY MINISTER ASTRID KOLLVIK:\n"
    "Good morning. The reservoirs of the eastern region stand at 28 percent of capacity. We will limit "
    "irrigation to three days a week from 10 June.\n\n"
    "QUESTION (Harbour Times):\n"
    "The farmers' union says 2,000 farms will go under. Is that right?\n\n"
    "DEPUTY MINISTER KOLLVIK:\n"
    "We have seen no evidence of that. Compensation of 40 million crowns has been set aside for the "
    "worst-hit farms.\n"
)


def test_a_label_on_a_line_of_its_own_opens_the_turn_below_it(ex):
    e = extract(ex, OWN_LINE_LABELS, date=dt.date(2026, 6, 3))
    st = by_content(e, "28 percent of capacity")
    assert st.speaker == "Astrid Kollvik"
    assert st.channel == "press conference"
    # (the shorter label of the same person, in capitals, is the name the first label gave)
    assert by_content(e, "no evidence of that").speaker == "Astrid Kollvik"
    assert claimant_of(e, "40 million") == "Astrid Kollvik"


def test_a_reporters_label_on_a_line_of_its_own_asks(ex):
    e = extract(ex, OWN_LINE_LABELS, date=dt.date(2026, 6, 3))
    st = by_content(e, "2,000 farms")
    assert st.speaker == "farmers' union"
    assert st.channel is None


NAME_FIRST_LABELS = (
    "Transcript: Press Briefing, Ministry of Trade of the Republic of Ostrel\n"
    "Velgrad, Monday, 8 June 2026\n\n"
    "Lidia Marnoff Castel (Spokesperson): Good afternoon. Exports rose to 4.1 billion lats in May, the "
    "highest monthly figure on record.\n\n"
    "QUESTION (Ostrel Daily): The chamber of commerce says small exporters lost 12 percent of their "
    "orders. Your response?\n\n"
    "Spokesperson: That survey covers only 300 firms, and it was taken before the new tariffs.\n\n"
    "Viktor Haldane (Director of Customs): Since January, customs clearance times have fallen to 6 hours "
    "on average at the western border.\n"
)


def test_the_name_first_and_the_office_in_brackets(ex):
    e = extract(ex, NAME_FIRST_LABELS, date=dt.date(2026, 6, 8))
    assert by_content(e, "Exports rose to 4.1 billion").speaker == "Lidia Marnoff Castel"
    st = by_content(e, "clearance times have fallen")
    assert st.speaker == "Viktor Haldane"
    assert st.channel == "press conference"


def test_a_figure_estimated_by_a_body_is_the_bodys(ex):
    e = extract(ex, "LORREN, 4 May 2026 (Wire) - Aid groups said on Monday that 2.3 million people in "
                    "Verland were short of water.\n\nThe figure of 2.3 million is higher than the 1.8 million "
                    "estimated by the national water board, NWB, in its March update.\n",
                date=dt.date(2026, 5, 4))
    assert claimant_of(e, "1.8 million") == "national water board"
    # (a description with the body's name set off after it: the name)
    e = extract(ex, "LORREN, 4 May 2026 (Wire) - Aid groups said on Monday that 2.3 million people in "
                    "Verland were short of water.\n\nThe figure of 2.3 million is higher than the 1.8 million "
                    "estimated by Verland's national water coordination body, NWCB, in its March update.\n",
                date=dt.date(2026, 5, 4))
    assert claimant_of(e, "1.8 million") == "NWCB"
