"""Statements, channels and dates, failure classes of issue 15's seventh round (held-out part
6, now development material). Each test is written on sentences invented for it (not taken
from bench/evidence_devset)."""

from __future__ import annotations

import datetime as dt

from evidence_helpers import by_content, extract


_COUNCIL_BLOG = (
    "Live: the Trusteeship Council debates the atoll dispute\n\n"
    "Tuesday 8 April 2025\n\n"
    "[10.05am] The session has opened. Fiji's envoy, Mereani Tuilau Vakacegu, told the Council "
    "that the dredging would stop \"before the cyclone season\". She said the islands had been "
    "\"patient for a decade\".\n\n"
    "[10.30am] The Estonian delegate, Kaarel Mänd-Ottsen, told the committee that the fisheries "
    "data were \"incomplete at best\".\n"
)


def test_words_told_to_a_council_are_remarks_at_a_meeting(ex):
    e = extract(ex, _COUNCIL_BLOG, dt.date(2025, 4, 8))
    assert by_content(e, "dredging would stop").channel == "remarks at a meeting"
    assert by_content(e, "patient for a decade").channel == "remarks at a meeting"
    assert by_content(e, "fisheries data").channel == "remarks at a meeting"


def test_words_told_to_a_national_assembly_are_a_speech(ex):
    text = ("The finance minister, Rupert Holloway-Greer, defended the levy on Tuesday. The "
            "proceeds, he told the National Assembly, would be spent on coastal roads.")
    e = extract(ex, text)
    assert by_content(e, "spent on coastal roads").channel == "speech"


def test_answers_to_a_parliamentary_committee_are_a_speech(ex):
    text = ("In March the harbour master, Ilse Brandvold-Nieminen, told a parliamentary committee "
            "that 14 ferries had been withdrawn.")
    e = extract(ex, text)
    assert by_content(e, "ferries had been withdrawn").channel == "speech"


def test_a_release_under_a_press_service_header_is_a_statement(ex):
    text = (
        "MINISTRY OF FISHERIES OF THE REPUBLIC OF VALDORIA\n"
        "Press Service\n\n"
        "Statement on the seizure of the trawler Ostrova\n\n"
        "The Ministry demanded that the coast guard of the neighbouring state release the crew "
        "of the trawler without delay and return the vessel to its owners.\n\n"
        "\"Eleven fishermen are being held without charge,\" said the Ministry's spokesperson, "
        "Tamsin Oduya-Kerr. \"We want them home.\"\n"
    )
    e = extract(ex, text)
    assert by_content(e, "release the crew").channel == "statement"
    assert by_content(e, "held without charge").channel == "statement"
    assert by_content(e, "We want them home").channel == "statement"


def test_a_quotation_welcoming_something_as_is_a_statement_dated_by_its_day(ex):
    text = (
        "OSLO, April 10 (Reuters) - Norway's parliament passed a rent cap on Thursday.\n\n"
        "Halvard Quist-Ennemoser, who leads a tenants' group in Bergen, welcomed the ruling on "
        "Monday as \"the first good news in years,\" but said the rent cap had to be extended "
        "\"to every city, not just ours.\"\n"
    )
    e = extract(ex, text)
    welcome = by_content(e, "the first good news in years")
    assert welcome.speaker == "Halvard Quist-Ennemoser"
    assert "the ruling" not in welcome.content
    # the second cue of the same sentence keeps the day the first one names
    assert by_content(e, "extended").date == "2025-04-07"


def test_a_month_named_for_past_words_is_not_next_years(ex):
    text = ("The count of victims is still disputed. The health ministry has never released a "
            "full list; in January the then chief medical officer, Tobias Engelbrecht-Ruiz, "
            "told a parliamentary committee that 41 people had died.")
    e = extract(ex, text, dt.date(2025, 8, 9))
    assert by_content(e, "41 people had died").date == "2025-01"


_LONGFORM = (
    "The Harbour Without Boats\n\n"
    "The fishing cooperative of Vila Serrana has lost half its members since the dam opened.\n\n"
    "Its chairman, Joaquim Tavares-Nhaca, now sits on the river commission. In an interview at a "
    "café in Beira last month, he was guarded. \"I am not here to make enemies,\" he said. \"I am "
    "here because the river is dying.\" He argued that the commission would fail \"if it only "
    "counts the turbines.\"\n\n"
    "Asked about the fishermen, Tavares-Nhaca sighed. \"Tell the old men,\" he said, \"that I have "
    "their names written down.\"\n\n"
    "The utility's spokesperson, Rosa Mandlate-Vilanculos, said the flow was within the limits.\n"
)


def test_quotations_after_a_dated_interview_take_its_channel_and_month(ex):
    e = extract(ex, _LONGFORM, dt.date(2025, 8, 9))
    for part in ("make enemies", "river is dying", "counts the turbines"):
        st = by_content(e, part)
        assert (st.channel, st.date) == ("interview", "2025-07"), part
    # the next paragraph keeps the month but names no channel of its own
    st = by_content(e, "names written down")
    assert (st.channel, st.date) == (None, "2025-07")
    # another speaker's words are not part of the interview
    st = by_content(e, "within the limits")
    assert (st.channel, st.date) == (None, "2025-08-09")


def test_a_live_blogs_headline_is_no_statement(ex):
    text = ("Sudan: Security Council votes on an arms embargo – as it happened\n\n"
            "Tuesday 8 April 2025 – times are New York (EDT)\n\n"
            "[9.30am] Good morning. The Council meets at 10am to vote on a draft, put forward by "
            "Sweden. Follow along here.\n\n"
            "[9.48am] Aurore Mbadinga-Ossa, a rights lawyer, has posted on X: \"We have waited long "
            "enough.\"\n")
    e = extract(ex, text)
    assert not any("as it happened" in s.content for s in e.statements)


def test_whom_a_speaker_thanked_or_informed_is_no_statement(ex):
    text = ("The prime minister, Vitalie Ciorbă-Munteanu, spoke for ten minutes. He thanked Romania "
            "and the European Union by name. His deputy, Ilinca Rotaru-Vasilache, informed the "
            "envoys of the Nordic states, at a lunch this afternoon, of the steps taken.")
    e = extract(ex, text)
    assert not any("European Union" in s.content or "Nordic states" in s.content for s in e.statements)


def test_what_money_was_found_for_is_no_statement(ex):
    text = ("The food agency warned in March that it would have to cut rations. It found enough to "
            "avoid the cut for now.")
    e = extract(ex, text)
    assert not any("avoid the cut" in s.content for s in e.statements)
    assert by_content(e, "cut rations").speaker == "food agency"


def test_a_body_putting_a_figure_at_a_number_is_a_statement(ex):
    text = ("The Coast Guard says about 300 migrants reached the island last week. The Interior "
            "Ministry, in a post on Facebook this morning, put the figure at \"well above 450\", "
            "saying many arrivals were never registered.")
    e = extract(ex, text)
    st = by_content(e, "put the figure at")
    assert st.speaker == "Interior Ministry"
    assert "450" in st.content


def test_an_expert_putting_a_share_at_a_percentage_is_a_statement(ex):
    text = ("How Russian is the trade? Tomas Vaitkevičius-Berg puts Russia's share of the freight at "
            "about 12 percent, counting goods that pass through third countries.")
    e = extract(ex, text)
    st = by_content(e, "puts Russia's share")
    assert st.speaker == "Tomas Vaitkevičius-Berg"
    assert "counting goods" in st.content


def test_a_name_the_parser_lost_puts_the_number_and_speaks_on(ex):
    text = ("In a statement posted on Telegram, Cyprus’ Coast Guard put the number at no more than "
            "1,100 and said the boats were “in secure moorings.”")
    e = extract(ex, text)
    assert by_content(e, "put the number at").speaker == "Cyprus’ Coast Guard"
    assert by_content(e, "secure moorings").speaker == "Cyprus’ Coast Guard"


def test_a_quotation_broken_off_before_the_cue_is_the_speakers_too(ex):
    text = ("Asked about the fishermen, Joaquim Tavares-Nhaca sighed. \"Tell the old men,\" he said, "
            "\"that I have their names written down.\"")
    e = extract(ex, text)
    assert by_content(e, "Tell the old men").speaker == "Joaquim Tavares-Nhaca"
    assert by_content(e, "names written down").speaker == "Joaquim Tavares-Nhaca"


def test_a_live_blog_entry_naming_source_and_channel_before_a_colon(ex):
    text = (
        "Ghana hands over the bridge – live\n\n"
        "Thursday 10 April 2025\n\n"
        "[11.20am] Ghana's foreign ministry, in a statement: Accra is \"proud\" of what its "
        "engineers achieved and will \"hand over responsibly\". The statement did not say when.\n\n"
        "[1.15pm] Togo's prime minister, Kossi Amewu-Ladzekpo, on X, a few minutes ago: \"Togo "
        "will remember who stood with it today.\" He thanked Ghana and Benin by name.\n"
    )
    e = extract(ex, text)
    st = by_content(e, "hand over responsibly")
    assert (st.speaker, st.channel) == ("Ghana's foreign ministry", "statement")
    st = by_content(e, "will remember who stood")
    assert (st.speaker, st.channel) == ("Kossi Amewu-Ladzekpo", "social-media post")


def test_a_ministry_judging_a_figure_in_its_release_is_a_statement(ex):
    text = (
        "MINISTRY OF FISHERIES OF THE REPUBLIC OF VALDORIA\n"
        "Press Service\n\n"
        "Statement on the seizure of the trawler Ostrova\n\n"
        "The coast guard of the neighbouring state has said that the trawler carried 12 tonnes of "
        "undeclared fish. The Ministry regards this claim as unfounded.\n"
    )
    e = extract(ex, text)
    st = by_content(e, "as unfounded")
    assert (st.speaker, st.channel) == ("Ministry", "statement")


def test_a_live_blog_entry_with_a_briefing_or_a_place_before_the_colon(ex):
    text = (
        "Ghana hands over the bridge – live\n\n"
        "Thursday 10 April 2025\n\n"
        "09:20 A reminder of where Lomé stands. Foreign ministry spokesman Komla Dossou-Agbe, at "
        "Wednesday's regular briefing: Ghana must \"respect the border\", withdraw its engineers, or "
        "\"bear the costs\".\n\n"
        "11:40 From Lagos, presidential spokeswoman Ngozi Adeyemi-Bello, on Facebook: Nigeria "
        "\"thanks every neighbour who keeps the peace on the coast\".\n"
    )
    e = extract(ex, text)
    st = by_content(e, "respect the border")
    assert (st.speaker, st.channel) == ("Komla Dossou-Agbe", "press conference")
    st = by_content(e, "thanks every neighbour")
    assert (st.speaker, st.channel) == ("Ngozi Adeyemi-Bello", "social-media post")
