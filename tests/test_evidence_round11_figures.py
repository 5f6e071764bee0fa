"""Issue 15 round 11: classes of figures the finder missed, claimants and dispute links; on
invented sentences (new names, places, numbers)."""

from __future__ import annotations

from evidence_helpers import claimant_of, extract, figure


def _texts(e):
    return [(f.text, f.unit, f.claimed_by) for f in e.figures]


# -- figures not found ---------------------------------------------------------------------------

def test_distance_with_the_unit_written_against_the_number(ex):
    e = extract(ex, 'Most of the families walked to Kerevo, about 45km to the north, according to the '
                    'Danish Refugee Council.')
    f = figure(e, "45km")
    assert f.unit == "kilometres" and f.value == 45
    assert claimant_of(e, "45km") == "Danish Refugee Council"


def test_weight_with_the_unit_written_against_the_number(ex):
    e = extract(ex, 'Customs officers seized 320kg of cocaine in the port, the Ecuadorian navy said.')
    f = figure(e, "320kg")
    assert f.value == 320


def test_a_fraction_as_the_size_of_a_change(ex):
    e = extract(ex, 'The tilapia harvest has shrunk by nearly a quarter since 2015, according to the '
                    'Malawi Fisheries Department.')
    f = figure(e, "nearly a quarter")
    assert abs(f.value - 0.25) < 1e-9
    assert claimant_of(e, "a quarter") == "Malawi Fisheries Department"


def test_a_bare_fraction_as_the_size_of_a_change(ex):
    e = extract(ex, '"Our orders have fallen by half since the border closed," said Tamar Oduya-Berg.')
    f = figure(e, "half")
    assert f.value == 0.5 and claimant_of(e, "half") == "Tamar Oduya-Berg"


def test_a_span_ahead_said_as_more_days(ex):
    e = extract(ex, 'The manager of the water plant in Doruma says the pumps have diesel "for six more '
                    'days". "Then the taps run dry," he said.')
    f = figure(e, "six more days")
    assert f.value == 6 and f.unit == "days"


def test_a_span_ahead_said_as_another_weeks(ex):
    e = extract(ex, '"We can hold the line for another three weeks," said Ilkka Vornanen-Paz.')
    f = figure(e, "three weeks")
    assert f.value == 3 and f.unit == "weeks" and claimant_of(e, "three weeks") == "Ilkka Vornanen-Paz"


def test_a_number_before_a_quoted_noun(ex):
    e = extract(ex, 'The Ruritanian labour ministry has said that 2.4 million "irregular workers" left '
                    'the country last year.')
    f = figure(e, "2.4 million")
    assert f.value == 2.4e6
    assert claimant_of(e, "2.4 million") == "Ruritanian labour ministry"


def test_a_bare_bound_after_put_the_number_of_people_at(ex):
    e = extract(ex, 'By the Vesna Centre\'s count, 2,310 detainees remain in custody. A Moldovan '
                    'interior ministry official, speaking to a state broadcaster, put the number of people '
                    'held for "sedition" at "no more than 400."')
    f = figure(e, "no more than 400")
    assert f.value == 400


def test_a_bare_bound_after_a_count_in_the_same_sentence(ex):
    e = extract(ex, 'The ruling bloc holds 91 seats, by the count of the assembly\'s own register; '
                    'rebel deputies say it commands no more than 86 on most votes.')
    f = figure(e, "no more than 86")
    assert f.value == 86 and f.unit == "seats"


def test_size_of_groups_said_as_plural_noun_of_a_number(ex):
    e = extract(ex, 'The union says fewer than 90 lorries crossed on Sunday. "The police escort '
                    'columns of 40, and most of them never leave Tessalit," said its chairman, '
                    'Oumar Traore-Diallo.')
    f = figure(e, "40")
    assert f.value == 40 and claimant_of(e, "40") == "Oumar Traore-Diallo"


# -- no link rather than a wrong one -------------------------------------------------------------

def test_group_size_is_no_rival_of_a_count(ex):
    e = extract(ex, 'The drivers\' federation says fewer than 90 lorries crossed on Sunday. The army disputes '
                    'that number. "We escort columns of 40, and the rest wait at the depot," said Colonel '
                    'Oumar Traore-Diallo.')
    assert figure(e, "40").unit == "per column"
    assert figure(e, "fewer than 90").dispute_text is None, _texts(e)


def test_a_generic_answer_does_not_pick_one_of_two_counts_of_a_sentence(ex):
    e = extract(ex, 'The Vesna Centre says 2,310 political prisoners were still behind bars on Friday and that '
                    'at least 75 people have been arrested since June.\n\nA Moldovan interior ministry '
                    'official put the number of people jailed for "sedition" at "fewer than 400."')
    assert figure(e, "at least 75").dispute_text is None, _texts(e)


# -- claimants ------------------------------------------------------------------------------------

def test_figure_in_a_coordinated_that_clause_after_the_quoted_content(ex):
    e = extract(ex, 'Dilnoza Karimova-Saidova, who studies water policy in Tashkent, says the canal looks '
                    '“built for cotton, not for farmers,” and that the river “loses 2,150 cubic metres a second '
                    'before it reaches the sea.”\n\nShe adds that the ministry “has no plan. But it does not '
                    'need one either.”')
    assert claimant_of(e, "2,150") == "Dilnoza Karimova-Saidova"


def test_agentless_put_at_right_after_a_statement_is_the_same_speakers(ex):
    e = extract(ex, 'The chairman of the electoral board, reading the results on national radio, said the '
                    'incumbent had won 61.2% of the vote. Turnout was put at 48.3%.')
    assert claimant_of(e, "48.3%") == "chairman of the electoral board"


def test_agentless_put_at_by_an_agent_is_not_the_speakers(ex):
    e = extract(ex, 'The chairman of the electoral board said the incumbent had won 61.2% of the vote. '
                    'Turnout was put at 48.3% by the observers of the Carter Center.')
    assert claimant_of(e, "48.3%") != "chairman of the electoral board"


def test_a_described_body_that_estimated_a_figure(ex):
    e = extract(ex, 'A United Nations panel of experts estimated in a report this year that about 7,000 '
                    'Rwandan troops were deployed.')
    assert claimant_of(e, "7,000") == "United Nations panel of experts"


def test_a_titled_person_who_announced_a_figure(ex):
    e = extract(ex, 'Last night the French president announced a 30% levy on all Chilean wine from 1 March.')
    assert claimant_of(e, "30%") == "French president"


def test_own_tally_answers_the_figure_said_of_its_claimant(ex):
    e = extract(ex, '10:05 The board\'s chairman, reading the results on state radio, said the incumbent had '
                    'won 58.1% of the vote and Ilie Castaneda-Moro 33.4%. Turnout was put at 61.9%.\n\n'
                    '10:40 Ilie Castaneda-Moro, on Facebook: "Our own tally from the polling stations gives us '
                    '51.2%. I will not accept this."')
    assert figure(e, "61.9%").dispute_text is None, _texts(e)
    assert figure(e, "33.4%").dispute_text == "51.2%", _texts(e)


def test_a_described_body_before_another_source_of_the_sentence(ex):
    e = extract(ex, 'A United Nations panel of experts estimated in a report this year that about 7,000 '
                    'Rwandan troops were deployed; the Rwandan army\'s spokesman, Colonel Jean-Paul '
                    'Mugenzi-Habyara, told the state broadcaster RBA the number was "not even a third of that."')
    assert claimant_of(e, "7,000") == "United Nations panel of experts"


# -- disputes: what makes two figures rivals -------------------------------------------------------

def test_an_age_after_a_name_is_no_figure(ex):
    e = extract(ex, '"The lake has no owner," says Tobias Mwangi-Hale, 58, who has fished off Rusinga since '
                    'he was a boy. The council put the turnout at 1,904 voters.\n\nA local teacher doubts '
                    'it. "I would be surprised if more than 300 people came," she said.')
    assert not [f for f in e.figures if f.text == "58"], _texts(e)


def test_a_quota_is_no_rival_of_a_stock(ex):
    e = extract(ex, 'Anton Belyaev, head of the Russian delegation, said a quota of 520,000 tonnes would have '
                    'been "fully sustainable."\n\nNorwegian scientists disagree. The Institute in Tromso '
                    'estimates the spawning stock at about 610,000 tonnes, said Sigrid Aasheim-Lunde, a '
                    'researcher.')
    assert figure(e, "520,000").dispute_text is None, _texts(e)


def test_a_figure_another_party_rejects_answers_nothing_before_it(ex):
    e = extract(ex, 'The patrol boat was later seen moving away at around 8 knots, the captain, Ramon '
                    'Dizon-Ocampo, said.\n\nChina\'s coast guard gave a very different account.\n\nManila says '
                    'Chinese vessels have harassed Filipino fishermen more than 70 times since March, a count '
                    'Beijing rejects.')
    assert figure(e, "around 8").dispute_text is None, _texts(e)


# -- disputes: rival counts not linked before ------------------------------------------------------

def test_a_bare_rival_count_in_the_next_sentence(ex):
    e = extract(ex, 'When the abbey called pilgrims to Sveti Naum in August, monastery officials said 22,000 '
                    'people came. The police estimated 6,500. A photographer who was there said the road was '
                    'full.')
    assert figure(e, "22,000").dispute_text in ("6,500", "estimated 6,500"), _texts(e)


def test_the_number_restated_before_a_rival_estimate(ex):
    e = extract(ex, '10h10 The Federation of Mills has put out an estimate: the levy could cost 85,000 jobs in '
                    'the first year.\n\n10h52 Not everyone buys that. Economist Marta Quiroga-Ferraz, on '
                    'Bluesky: "The 85,000 number is a lobbying number. Model it honestly and you get something '
                    'closer to 20,000."')
    assert figure(e, "85,000 jobs").dispute_text is not None and "20,000" in figure(e, "85,000 jobs").dispute_text, _texts(e)


def test_a_doubt_announced_before_a_rival_count(ex):
    e = extract(ex, 'The electoral board said 3,410 voters had taken part at polling stations set up across the '
                    'river.\n\nIrena Kovalska-Moss, who studies border disputes in Gdansk, doubts even that. '
                    '"I would be surprised if more than 500 people turned up," she told me.')
    assert figure(e, "3,410").dispute_text == "more than 500", _texts(e)


def test_a_party_that_rejects_the_figures_right_after_them(ex):
    e = extract(ex, 'The Human Rights Council of Lesotho said it had documented 27 deaths and 310 arrests.\n\nThe Council is '
                    'aware of the Lesotho Mounted Police Service\'s statement of this morning, according to which '
                    '9 people died in the protests. The Council respectfully disagrees with these figures.')
    f = figure(e, "9")
    assert f.dispute_text == "27", _texts(e)


def test_a_rival_bound_on_the_articles_own_count_in_its_sentence(ex):
    e = extract(ex, 'The ruling bloc holds 91 seats, by the count of the assembly\'s own register; rebel '
                    'deputies say it commands no more than 86 on most votes.')
    assert figure(e, "91").dispute_text == "no more than 86", _texts(e)
