"""Issue 15 round 18: people's names and who a description is, on invented sentences.

- a prefix that is part of a name in some cultures (Karen "Saw", "Padoh") the tagger leaves out
  of the name or reads as a verb; forms of address ("Frau", "Señora") still stay out;
- a ranked person the tagger took for a body, named in apposition to a description;
- a relative clause on a description in apposition to a name ("said Ana Ruiz, a nurse from
  Lobito who said ...") is the named person's."""

from __future__ import annotations

from evidence_helpers import by_content, claimant_of, extract


def test_a_karen_prefix_opening_a_sentence_is_part_of_the_name(ex):
    e = extract(ex, 'The clinic has run out of insulin. Saw Kyaw Htet, who runs the pharmacy in the camp, is '
                    'blunt. “We have not had a delivery since June,” he says. “Forty patients are waiting.”')
    assert by_content(e, "delivery since June").speaker == "Saw Kyaw Htet"
    assert by_content(e, "Forty patients").speaker == "Saw Kyaw Htet"


def test_a_title_and_prefix_in_apposition_are_part_of_the_name(ex):
    e = extract(ex, 'Upstream, in Papun, a spokesman for the Salween Farmers Union, Padoh Saw Eh Doh Wah, told '
                    'reporters on Monday that only 30 percent of the paddy fields had been cleared of mines.')
    st = by_content(e, "paddy fields had been cleared")
    assert st.speaker == "Padoh Saw Eh Doh Wah"
    assert claimant_of(e, "30 percent") == "Padoh Saw Eh Doh Wah"


def test_a_form_of_address_still_stays_out_of_the_name(ex):
    e = extract(ex, 'The mill closed in May. Frau Henrike Stoltz, who ran its canteen, said the workers had '
                    '"nowhere else to go."')
    assert by_content(e, "nowhere else to go").speaker == "Henrike Stoltz"


def test_a_ranked_spokeswoman_in_apposition_is_the_speaker(ex):
    e = extract(ex, 'The navy says it is ready. A ministry spokeswoman, Rear Admiral Oyuna Batbayar, told '
                    'the weekly briefing in Ulaanbaatar that 12 vessels were waiting at the border.')
    assert by_content(e, "12 vessels were waiting").speaker == "Oyuna Batbayar"
    assert claimant_of(e, "12") == "Oyuna Batbayar"


def test_a_relative_clause_on_a_description_of_a_named_person_is_that_persons(ex):
    e = extract(ex, 'Farmers at the Kasumbalesa crossing were wary. “We were told the same thing in March,” said '
                    'Kabwe Mulenga, a trader from Ndola who said he had lost 9,000 kwacha in rotten maize. '
                    '“I will believe it when I see the lorries move.”')
    assert by_content(e, "lost 9,000 kwacha").speaker == "Kabwe Mulenga"
    assert by_content(e, "see the lorries move").speaker == "Kabwe Mulenga"
    assert claimant_of(e, "9,000") == "Kabwe Mulenga"


def test_a_person_with_a_job_like_a_bodys_trade_stays_a_person(ex):
    e = extract(ex, 'Not every docker wants the stoppage. Themba Khumalo, a crane operator with three '
                    'daughters at school, said he could not afford another month without pay. “My sister warned '
                    'me, ‘If you walk out, you feed my children too,’” he said, smiling.')
    assert by_content(e, "could not afford another month").speaker == "Themba Khumalo"
    assert by_content(e, "My sister warned me").speaker == "Themba Khumalo"


def test_a_post_over_a_block_quotation_after_a_role_and_name(ex):
    e = extract(ex, '09:40 Tallinn\nEstonia’s economy minister, Kadri Lõhmus, posted on X:\n\n> Gas is not a '
                    'weapon. Paldiski can take Finnish cargoes by ship next week if the pipeline stays shut.\n\n'
                    'Asked later by reporters in Tartu how much, she said the terminal could handle 2 million '
                    'tonnes a year.\n')
    st = by_content(e, "Gas is not a weapon")
    assert st.speaker == "Kadri Lõhmus"
    assert by_content(e, "terminal could handle").speaker == "Kadri Lõhmus"


def test_a_chair_for_a_term_is_the_envoy_named_in_apposition(ex):
    e = extract(ex, 'The vote is set for Thursday. The Human Rights Council’s president for June, the Chilean '
                    'ambassador, told reporters on Monday that he expected “a vote by consensus, or close to it.”')
    assert by_content(e, "a vote by consensus").speaker == "Chilean ambassador"
