"""Speaker failure classes of issue 15's fourth round (held-out part 3, now development
material): each test is written for the test, not taken from bench/evidence_devset, and checks
the resolved speaker a user sees."""

from __future__ import annotations

import datetime as dt


from detente.evidence.extract import Extractor
from detente.evidence.types import Article
from evidence_helpers import by_content
from evidence_helpers import extract as _extract


def extract(ex, text, date=dt.date(2025, 6, 3)):  # this file's stories are of 3 June
    return _extract(ex, text, date)


def test_a_surname_maps_to_the_full_name_the_tagger_missed(ex):
    # the full name stands where no one speaks, and the tagger did not read it as a person;
    # the surname alone later is the speaker
    text = ("In a tent outside the town, Brahim Tamek lights the stove before anyone speaks.\n\n"
            "“We were promised a vote and we got a waiting room,” says Tamek, a veteran of the "
            "negotiating team.")
    e = extract(ex, text)
    assert by_content(e, "waiting room").speaker == "Brahim Tamek"


def test_a_possessive_owner_does_not_take_he_from_the_person_it_introduces(ex):
    # (with the full name found, "Tamek" is a man the article names; "Karim" is a given name of
    # either gender in the registers: the possessive introduces Aloui, who is the "he")
    text = ("In a tent outside the town, Brahim Tamek lights the stove.\n\n"
            "“We got a waiting room,” says Tamek.\n\n"
            "Tamek’s rival at the table, the diplomat Karim Aloui, recalls the talks otherwise. "
            "The mediator, he says, “knew the map better than either of us.”")
    e = extract(ex, text)
    assert by_content(e, "knew the map").speaker == "Karim Aloui"


def test_a_role_then_another_description_then_the_name(ex):
    text = ("Last winter the current UN special envoy, the Danish diplomat Paolo Juul, told the "
            "parties that the council was losing patience.")
    e = extract(ex, text)
    assert by_content(e, "losing patience").speaker == "Paolo Juul"


def test_a_role_with_a_place_then_a_name_the_tagger_took_for_a_place(ex):
    # (the tagger reads the name as a place and the parser hangs it on "Horn" as a conjunct)
    text = ("The African Union's envoy for the Horn of Africa, Babatunde Okafor, who chaired the "
            "session, told Reuters that both sides had \"spoken frankly\" and would meet again. "
            "\"Nobody expects a treaty by spring,\" he said.")
    e = extract(ex, text)
    assert by_content(e, "spoken frankly").speaker == "Babatunde Okafor"
    assert by_content(e, "Nobody expects").speaker == "Babatunde Okafor"


def test_who_after_a_title_and_a_name_is_that_person(ex):
    text = ("Canada was represented by Senior Adviser for Energy Security Mark Donnelly, who said "
            "in remarks at the opening session that Ottawa was \"ready to help, one step at a time.\"")
    e = extract(ex, text)
    s = by_content(e, "Ottawa was")
    assert s.speaker == "Mark Donnelly"


def test_a_delegation_led_by_a_named_person_speaks_through_that_person(ex):
    text = ("The Chilean delegation, led by deputy foreign minister Ana Lucero, said Chile wanted "
            "\"a border that both sides can patrol.\"")
    e = extract(ex, text)
    assert by_content(e, "Chile wanted").speaker == "Ana Lucero"


def test_a_question_label_in_brackets_is_not_the_speaker_it_reports(ex):
    text = ("Spokesperson, Ravi Menon: Good afternoon.\n\n"
            "Question (Kavita Rao, The Daily): A retired air marshal told a conference on Monday "
            "that twenty airfields were still closed. Is that correct?\n\n"
            "Spokesperson, Ravi Menon: I have no comment on those numbers.")
    e = extract(ex, text)
    s = by_content(e, "airfields were still closed")
    assert s.speaker == "retired air marshal"


def test_a_number_in_an_organisations_name_is_kept(ex):
    text = ("Exiled opposition groups see it differently. Charter 91, a movement banned at home, "
            "said on its Telegram channel that the deal gave away the pastures.")
    e = extract(ex, text)
    assert by_content(e, "gave away the pastures").speaker == "Charter 91"


def test_it_is_the_body_that_was_the_subject_of_the_sentence_before(ex):
    text = ("The monitors counted twelve incidents.\n\n"
            "Armenia’s National Security Service puts the number higher. In a statement this "
            "morning it said 30 people had been detained this year.")
    e = extract(ex, text)
    s = by_content(e, "30 people had been detained")
    assert s.speaker is not None and "National Security Service" in s.speaker


def test_a_reporting_verb_announcing_a_quotation_with_a_colon():
    # the cue model was unsure of "has posted on Telegram: “...”" when the parser hung the verb
    # on the quotation; a threshold no cue meets shows the colon rule does not depend on it
    strict = Extractor(cue_threshold=0.999)
    text = ("Talks in Vienna – live\n\n"
            "10:05 Abkhazia’s chief negotiator Ruslan Kvarchia has posted on Telegram: “We came "
            "to discuss bridges and pensions. Nothing else.”\n\n"
            "10:20 Kvarchia wrote that the talks would go on, one official added.")
    e = strict.extract(Article(text=text, date=dt.date(2025, 6, 3)))
    s = by_content(e, "bridges and pensions")
    assert s.speaker == "Ruslan Kvarchia"
    assert s.channel == "social-media post"
    assert not any("talks would go on" in st.content for st in e.statements)  # no colon: model's call


def test_the_second_half_of_a_quotation_the_cue_interrupts(ex):
    text = "Tomas Rudak told reporters the talks would resume. “Slowly,” he said, “but surely.”"
    e = extract(ex, text)
    assert by_content(e, "Slowly").speaker == "Tomas Rudak"
    assert by_content(e, "but surely").speaker == "Tomas Rudak"


def test_a_name_and_where_it_was_posted_before_a_colon(ex):
    text = ("Deputy minister Levan Abashidze said the talks were useful.\n\n"
            "Abashidze, in a post on X: “They say they are not a party. Their tanks say otherwise.”")
    e = extract(ex, text)
    s = by_content(e, "Their tanks say otherwise")
    assert s.speaker == "Levan Abashidze"
    assert s.channel == "social-media post"


def test_in_his_words_around_a_quotation(ex):
    text = ("Tomas Rudak has heard the offer before. The plan, in his words, is “a prison with "
            "better curtains.”")
    e = extract(ex, text)
    s = by_content(e, "better curtains")
    assert s.speaker == "Tomas Rudak"
    assert s.cue == "in his words"


def test_a_role_before_the_name_is_remembered_for_later_descriptions(ex):
    text = ("The Swiss mediator, Karin Amsler, opened the session on Monday.\n\n"
            "Later that day the mediator told reporters that both sides had accepted the agenda.")
    e = extract(ex, text)
    assert by_content(e, "accepted the agenda").speaker == "Karin Amsler"


def test_a_press_release_names_its_people_once_then_by_their_titles(ex):
    text = ("Press release\n\n"
            "The Minister of Foreign Affairs, Ms. Ana Lopez, today received the Special Envoy of the "
            "Secretary-General, Mr. Kofi Mensah.\n\n"
            "The Minister underlined that Ecuador \"remains committed to dialogue.\" The Special "
            "Envoy welcomed the invitation and said he would return in June.")
    e = extract(ex, text)
    assert by_content(e, "remains committed").speaker == "Ana Lopez"
    assert by_content(e, "return in June").speaker == "Kofi Mensah"
    # the quotation closed by a full stop belongs to the sentence it ends, not to the next one's verb
    assert [s.speaker for s in e.statements if "remains committed" in s.content] == ["Ana Lopez"]


def test_a_name_tagged_as_an_organisation_whose_surname_speaks_later(ex):
    text = ("In the back room of a teahouse in Osh, Bakyt Toktogulov unfolds a map from 1924.\n\n"
            "\"Every line on this paper was drawn in Moscow,\" says Toktogulov, a retired surveyor.")
    e = extract(ex, text)
    assert by_content(e, "Every line").speaker == "Bakyt Toktogulov"


def test_a_predecessor_named_in_apposition(ex):
    text = ("His predecessor, Ulf Brandt, who held the post until 2023, told me the problem was "
            "\"the calendar, not the map.\"")
    e = extract(ex, text)
    assert by_content(e, "the calendar").speaker == "Ulf Brandt"


def test_a_post_announced_with_a_colon_after_a_role_and_a_name(ex):
    text = ("Border talks – live\n\n"
            "11:00 The EU's special representative, Toivo Klaar, posted on X: \"Good atmosphere in "
            "the room.\"\n\n"
            "11:30 Armenia's prime minister Nikol Pashinyan, speaking in parliament: \"We will not "
            "trade land for promises.\"")
    e = extract(ex, text)
    s = by_content(e, "Good atmosphere")
    assert s.speaker == "Toivo Klaar" and s.channel == "social-media post"
    assert by_content(e, "trade land").speaker == "Nikol Pashinyan"


def test_a_participle_asked_by_reporters_is_not_speech():
    # the parser hangs "asked" on its subject as it hangs "posted on X:" above; a low cue
    # threshold lets the model propose it, and without a quotation announced by a colon the
    # subject is still not the source of "asked"
    loose = Extractor(cue_threshold=0.3)
    text = ("The Kremlin’s Sorokin, asked about Berg’s remarks by reporters in Moscow, said "
            "Europe’s threats “have never worked and will not work now.”")
    e = loose.extract(Article(text=text, date=dt.date(2025, 6, 3)))
    assert not any("Berg’s remarks" in s.content for s in e.statements)
    assert any("never worked" in s.content for s in e.statements)


def test_a_live_blog_label_with_a_role_or_a_body_before_a_quotation(ex):
    text = ("Talks – live\n\n"
            "14:10 Kyiv's delegation head Rustem Umerov: \"Constructive. Long. Not finished.\"\n\n"
            "14:35 From the Turkish foreign ministry: \"Istanbul stands ready to host the next round.\"\n\n"
            "14:50 Talks in Geneva: \"what we know so far\"")
    e = extract(ex, text)
    assert by_content(e, "Constructive").speaker == "Rustem Umerov"
    assert by_content(e, "Istanbul stands ready").speaker == "Turkish foreign ministry"
    assert not any("what we know" in s.content for s in e.statements)


def test_a_compound_surname_alone_is_the_full_name(ex):
    text = ("The talks were opened by Ana María García Ruiz, Colombia's chief negotiator.\n\n"
            "\"This is the last chance,\" García Ruiz said.")
    e = extract(ex, text)
    assert by_content(e, "last chance").speaker == "Ana María García Ruiz"


def test_a_surname_that_speaks_alone_joins_the_name_before_it(ex):
    # (the full name tagged as an organisation, the surname alone as a place)
    text = "Olena Kovalchuk runs the shelter. Kovalchuk, 54, says the number of arrivals has doubled."
    e = extract(ex, text)
    assert by_content(e, "arrivals has doubled").speaker == "Olena Kovalchuk"


def test_said_by_telephone_and_an_outlet_owned_by_a_group_are_interviews(ex):
    text = ("In the village, the farmer Aibek Sadyrov was less pleased. “The river decides, not "
            "the map,” he said by telephone.\n\n"
            "The rebels' spokesman, Hamid al-Sufi, told the movement’s Al-Nour radio that the "
            "crossing would open within days.")
    e = extract(ex, text)
    assert by_content(e, "The river decides").channel == "interview"
    assert by_content(e, "crossing would open").channel == "interview"


def test_a_conjunct_with_a_modal_continues_the_that_clause():
    # the parse the tagger gives some such sentences, built by hand: "lift" hung on "told"
    import spacy
    from spacy.tokens import Doc
    from detente.evidence.attribution import find_attributions
    words = ["She", "told", "the", "BBC", "that", "Kigali", "backed", "the", "plan", "but", "would",
             "not", "lift", "the", "curfew", "."]
    heads = [1, 1, 3, 1, 6, 6, 1, 8, 6, 1, 12, 12, 1, 14, 12, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "mark", "nsubj", "ccomp", "det", "dobj", "cc", "aux",
            "neg", "conj", "det", "dobj", "punct"]
    pos = ["PRON", "VERB", "DET", "PROPN", "SCONJ", "PROPN", "VERB", "DET", "NOUN", "CCONJ", "AUX",
           "PART", "VERB", "DET", "NOUN", "PUNCT"]
    lemmas = ["she", "tell", "the", "BBC", "that", "Kigali", "back", "the", "plan", "but", "would",
              "not", "lift", "the", "curfew", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
              spaces=[True] * 14 + [False, False])
    text = doc.text
    atts = [a for a in find_attributions(doc, model=False) if text[a.cue[0]:a.cue[1]] == "told"]
    assert [text[s:e] for s, e in atts[0].contents] == ["that Kigali backed the plan but would not lift the curfew"]


def test_a_speaker_the_parser_hung_on_an_opening_participle(ex):
    text = ("Speaking at a press conference in Doha, Qatar's chief mediator Mohammed Al-Khulaifi "
            "said the parties were \"closer than ever.\"")
    e = extract(ex, text)
    assert by_content(e, "closer than ever").speaker == "Mohammed Al-Khulaifi"


def test_a_given_name_cut_off_a_longer_name_stays_with_it(ex):
    # the tagger reads "Vishwanath Rao" without "Anand": the later mention is the full name
    text = ("Across the border, Anand Vishwanath Rao, a retired engineer in Delhi, sees it "
            "differently. “They blocked every dam we designed,” Vishwanath Rao said.")
    e = extract(ex, text)
    assert by_content(e, "every dam").speaker == "Anand Vishwanath Rao"


def test_the_first_of_two_surnames_alone_names_the_person(ex):
    # Spanish names carry two surnames; the first alone is how the story refers to him
    text = ("Hernán Villamizar Rueda, the ombudsman, told Reuters the talks were over. "
            "“There is no table now,” Villamizar said.")
    e = extract(ex, text)
    assert by_content(e, "no table now").speaker == "Hernán Villamizar Rueda"


def test_the_end_of_a_title_is_not_a_given_name(ex):
    text = ("“This door was closed six months ago,” said State Secretary for Foreign Affairs "
            "Kari Lund.")
    e = extract(ex, text)
    assert by_content(e, "door was closed").speaker == "Kari Lund"
