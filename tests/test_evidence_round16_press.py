"""Issue 15, sixteenth round, press releases and briefing transcripts: a release's form of
address before the minister's name ("the Minister of X, Hon. Name, said"), the title alone later
("The Minister added", "the Minister said") for that person, a ministry of two portfolios
joined by "and" ("Ministry of Education and Vocational Training") named whole.
Written for the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

import datetime as dt

from evidence_helpers import by_content, claimant_of, extract

RELEASE = (
    "MINISTRY OF EDUCATION AND VOCATIONAL TRAINING\n"
    "REPUBLIC OF VELMORIA\n\n"
    "PRESS RELEASE\n\n"
    "Velmoria sets new fishing quota\n\n"
    "PORT ARDEN, 3 March 2026 — The Ministry of Education and Vocational Training is pleased to announce "
    "that the Government of the Republic of Velmoria has set the sardine quota for 2026 at 41,000 tonnes.\n\n"
    "The Ministry estimates that the new quota will protect 6,500 jobs in the coastal provinces.\n\n"
    "“The sea has been generous to us, and we must be generous to the sea,” said the Minister of "
    "Education and Vocational Training, Hon. Teodora Malvina Ruskaya. “No boat will be left without work.”\n\n"
    "The Minister added that the Government would meet the boat owners' association before the season opens.\n\n"
    "The Velmorian Trawlers Guild said on 1 March that its members had landed 52,000 tonnes last year.\n\n"
    "The Ministry notes that the catch last year was 44,000 tonnes.\n\n"
    "According to the National Statistics Office, fish exports rose by 9 percent in 2025.\n\n"
    "The Minister further stated that the fleet had shrunk to 1,240 vessels by the end of December.\n\n"
    "“We will count every fish we can,” the Minister said.\n\n"
    "— ENDS —\n\n"
    "Issued by:\n"
    "Oskar Pell\n"
    "Head of Communications\n"
    "Ministry of Education and Vocational Training\n"
)


def _release(ex):
    return extract(ex, RELEASE, date=dt.date(2026, 3, 3))


def test_the_honourable_minister_is_named_in_the_release(ex):
    e = _release(ex)
    assert by_content(e, "The sea has been generous").speaker == "Teodora Malvina Ruskaya"
    assert by_content(e, "No boat will be left").speaker == "Teodora Malvina Ruskaya"


def test_the_minister_alone_is_the_person_named_with_the_title(ex):
    e = _release(ex)
    assert by_content(e, "meet the boat owners").speaker == "Teodora Malvina Ruskaya"
    assert by_content(e, "the fleet had shrunk").speaker == "Teodora Malvina Ruskaya"
    assert by_content(e, "We will count every fish").speaker == "Teodora Malvina Ruskaya"
    assert claimant_of(e, "1,240") == "Teodora Malvina Ruskaya"


def test_a_ministry_of_two_portfolios_is_named_whole(ex):
    e = _release(ex)
    assert by_content(e, "protect 6,500 jobs").speaker == "Ministry of Education and Vocational Training"
    assert by_content(e, "the catch last year").speaker == "Ministry of Education and Vocational Training"
    assert claimant_of(e, "44,000") == "Ministry of Education and Vocational Training"


OPENING = (
    "CORVEN, 12 May 2026 — The Ministry of Ports is pleased to announce that the Government of Taluria "
    "has completed the dredging of the Corven harbour channel to a depth of 14 metres.\n\n"
    "The Harbour Pilots Association said on Monday that 38 ships had waited outside the port in April.\n\n"
    "The Ministry wishes to clarify that its records show 21 ships waiting in April, none for more than a day.\n\n"
    "It is important to note that the channel will stay open during the works.\n"
)


def test_a_body_pleased_to_announce_is_the_speaker(ex):
    e = extract(ex, OPENING, date=dt.date(2026, 5, 12))
    assert by_content(e, "completed the dredging").speaker == "Ministry of Ports"
    assert claimant_of(e, "14") == "Ministry of Ports"


def test_a_body_wishing_to_clarify_is_the_speaker(ex):
    e = extract(ex, OPENING, date=dt.date(2026, 5, 12))
    assert by_content(e, "its records show 21 ships").speaker == "Ministry of Ports"
    assert claimant_of(e, "21") == "Ministry of Ports"
    # (an empty "it" is pleased or important to note nothing: no speaker)
    assert not any(s.speaker and s.speaker.lower() == "it" for s in e.statements)


TRANSCRIPT = (
    'Press Conference by the Press Secretary, Ministry of Foreign Affairs of Taluria\n'
    '\n'
    'Tuesday, 12 May 2026, 3:00 p.m., Ministry of Foreign Affairs, Corven\n'
    '\n'
    'Opening remarks\n'
    '\n'
    'PRESS SECRETARY ISHIDA MAYUMI: Good afternoon. I have two announcements. First, the Government of Taluria has decided to provide emergency aid of 2 million euros to people affected by the earthquake in Ostrava.\n'
    '\n'
    'Second, Foreign Minister Delacroix Anton will visit Brenmark and Solvia from 18 to 21 May. In both capitals he will hold talks on energy security.\n'
    '\n'
    'That is all from me.\n'
    '\n'
    'Questions and answers\n'
    '\n'
    'QUESTION (EMIL BRANDT, NORD RADIO): The Solvian fisheries board said yesterday that the herring quota will be cut to 900 tonnes. What is your response?\n'
    '\n'
    'PRESS SECRETARY ISHIDA: We are aware of the announcement. The quota of 1,400 tonnes agreed in March is the basis for our fleet. Minister Delacroix told Solvian Ambassador Petra Lind, whom he received at the Ministry yesterday, that the cut "has no basis in the treaty."\n'
    '\n'
    'QUESTION (ANA SOUZA, CORVEN DAILY): Fishermen say 200 boats could be idle. Will there be compensation?\n'
    '\n'
    'PRESS SECRETARY ISHIDA: That is a matter for the Fisheries Directorate. According to the Directorate, 96 vessels hold licences for this fishery, so I would ask you to be careful with larger numbers.\n'
    '\n'
    '(The press conference ended at 3:25 p.m.)\n'
    '\n'
)


def test_a_transcripts_bracketed_note_is_no_turn(ex):
    e = extract(ex, TRANSCRIPT, date=dt.date(2026, 5, 12))
    assert by_content(e, "We are aware of the announcement").channel == "press conference"
    assert not any("conference ended" in s.content for s in e.statements)
