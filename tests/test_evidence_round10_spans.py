"""Issue 15, tenth round: statements with the right content extent. A dash that sets off the
writer's comment after a reported clause ("— unusually sharp words for a regulator") ends the
speaker's content, and names no channel of it; a subject made of a negated quantifier ("Not
every economist thinks ...") names no one the words can be given to. Written for the test on
invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, extract

ASIDE_END = (
    "The fisheries board warned on Tuesday that the quota would be “unworkable” for small boats "
    "— a complaint echoed by the harbour master, who told local radio that the fleet would "
    "“stay tied up” all winter.\n"
)

ASIDE_BETWEEN = (
    "Inspectors from the league said after the match that the stadium “did not meet safety "
    "rules” — a rare rebuke for a club of its size — and fined the owners.\n"
)

ASIDE_INSIDE = (
    "The treasurer said the budget — a draft circulated in May — would leave the hospitals "
    "short of nurses.\n"
)


def test_a_dash_aside_after_the_clause_is_the_writers_not_the_speakers(ex):
    e = extract(ex, ASIDE_END)
    st = by_content(e, "the quota would be")
    assert "complaint echoed" not in st.content, st.content
    assert st.content.endswith("for small boats"), st.content
    # the channel named in the aside is the harbour master's, not the board's
    assert st.channel is None, st.channel
    st = by_content(e, "the fleet would")
    assert st.channel == "interview"


def test_a_dash_aside_between_two_dashes_ends_the_content(ex):
    e = extract(ex, ASIDE_BETWEEN)
    st = by_content(e, "did not meet safety")
    assert "rare rebuke" not in st.content and "fined" not in st.content, st.content


def test_a_dash_aside_inside_the_clause_is_kept(ex):
    e = extract(ex, ASIDE_INSIDE)
    st = by_content(e, "the budget")
    assert st.content.endswith("short of nurses"), st.content


def test_a_negated_quantifier_is_no_speaker(ex):
    text = (
        "Not every economist thinks the recovery will hold. Not all traders believe the rally "
        "is over. Marta Ilves, an economist at Tallinn University, said the recovery would hold.\n"
    )
    e = extract(ex, text)
    assert [s.speaker for s in e.statements] == ["Marta Ilves"], [(s.speaker, s.content) for s in e.statements]


def test_the_clause_before_a_postposed_source_is_the_content_not_the_participle_after(ex):
    text = (
        "A tanker and a trawler collided on Tuesday while racing for the harbour entrance near the "
        "disputed cape, the Norwegian Coastal Administration said, releasing footage it said "
        "showed the collision.\n"
    )
    e = extract(ex, text)
    st = by_content(e, "collided on Tuesday")
    assert st.content.startswith("A tanker and a trawler collided"), st.content
    assert st.content.endswith("near the disputed cape"), st.content
    assert st.speaker == "Norwegian Coastal Administration"
    assert not [s for s in e.statements if "releasing footage" in s.content]


def test_an_accusation_is_the_charge_not_the_quoted_target(ex):
    text = (
        "Health minister Ilse Varga-Lind, at a press conference in Pécs: “The wards are open. "
        "Nobody has been turned away.”\n\n"
        "She accused “some regional newspapers” of printing the unions' waiting times “without "
        "checking a single ward.”\n"
    )
    e = extract(ex, text)
    assert not [s for s in e.statements if s.content.strip("“”") == "some regional newspapers"], \
        [(s.speaker, s.content) for s in e.statements]
    st = by_content(e, "without checking a single ward")
    assert st.content.startswith("printing the unions' waiting times"), st.content
    assert st.speaker == "Ilse Varga-Lind"
    # a new paragraph that names no occasion is not said at the press conference named before
    assert st.channel is None, st.channel


def test_what_a_subject_puts_out_before_a_colon_is_its_statement(ex):
    text = (
        "The Baltic Dairy Producers' Confederation has put out an estimate: the drought could cost "
        "4,000 farms this summer. The confederation says the estimate leaves out “every farm under "
        "twenty cows” in the east.\n\n"
        "The ministry issued a warning on Monday: the river will burst its banks by Friday.\n"
    )
    e = extract(ex, text)
    st = by_content(e, "the drought could cost")
    assert st.content == "the drought could cost 4,000 farms this summer", st.content
    assert st.speaker == "Baltic Dairy Producers' Confederation", st.speaker
    # "the confederation" is a body that speaks, not a thing
    st = by_content(e, "leaves out")
    assert st.speaker is not None
    st = by_content(e, "burst its banks")
    assert st.content == "the river will burst its banks by Friday" and st.speaker == "ministry", (st.speaker, st.content)


def test_a_long_source_before_a_platform_and_a_colon_is_the_person_it_names(ex):
    text = (
        "Not everyone is convinced. Economist Johanna Lindqvist-Berg of the Turku School of "
        "Economics, on Bluesky: “The forecast is a lobbying number. Bad, not catastrophic.”\n"
    )
    e = extract(ex, text)
    st = by_content(e, "lobbying number")
    assert (st.speaker, st.channel) == ("Johanna Lindqvist-Berg", "social-media post"), (st.speaker, st.channel)


def test_what_something_was_called_is_the_quoted_word_not_the_writers_object(ex):
    text = (
        "The Danish ambassador, in a post on X, called the Russian manoeuvres “reckless” and said "
        "Copenhagen stood with Oslo.\n"
    )
    e = extract(ex, text)
    st = by_content(e, "reckless")
    assert st.content == "“reckless”", st.content


def test_calling_people_to_a_place_is_a_summons_not_a_statement(ex):
    text = (
        "When the bishop called the faithful to the cathedral on a Sunday in May, church officials "
        "said 9,000 people came.\n"
    )
    e = extract(ex, text)
    assert [s.content for s in e.statements] == ["9,000 people came"], [(s.speaker, s.content) for s in e.statements]


def test_a_which_clause_after_a_dash_is_what_the_postposed_source_points_out(ex):
    text = (
        "According to Eurostat data, Norway ran a trade surplus of about 3 billion euros with Sweden "
        "last year — which makes the minister's claim of a “deeply unfair” relationship hard to "
        "square with the figures, Norwegian officials point out.\n"
    )
    e = extract(ex, text)
    st = by_content(e, "hard to square")
    assert st.speaker == "Norwegian officials", st.speaker
    assert st.content.startswith("which makes the minister's claim"), st.content
    assert st.content.endswith("with the figures"), st.content
    st = by_content(e, "trade surplus")
    assert "hard to square" not in st.content, st.content


def test_a_quotation_that_goes_on_with_the_sentence_after_the_source_joins_the_clause(ex):
    text = (
        "The ferry company's director, Lars Hansen, has just told reporters that figure is \"far too "
        "high\". Bookings through Norwegian agencies came to about 40,000, he said, \"and most of "
        "them have been moved to March\". He would not say more.\n"
    )
    e = extract(ex, text)
    st = by_content(e, "moved to March")
    assert st.content.startswith("Bookings through Norwegian agencies"), st.content
    assert st.speaker == "Lars Hansen"


def test_a_subjectless_past_verb_after_a_quoted_clause_goes_on_with_it(ex):
    text = (
        "Deputy Foreign Minister Ivan Sorokin told reporters in the courtyard that Moscow was “not a "
        "party to the dispute” and attended Oslo only as an observer.\n"
    )
    e = extract(ex, text)
    st = by_content(e, "not a party")
    assert st.content.endswith("only as an observer"), st.content


def test_a_subjectless_conjunct_with_an_auxiliary_after_a_parenthetical_cue_goes_on(ex):
    text = (
        "Anna Kowalska, a welder from Gdansk, spent eight days at the detention centre in Calais. "
        "She was the only woman in her group of ten, she said, and was held apart from the others.\n"
    )
    e = extract(ex, text)
    st = by_content(e, "only woman")
    assert st.content.endswith("held apart from the others"), st.content
    assert st.speaker == "Anna Kowalska"
    # without an auxiliary, the verb after the cue is the speaker's own act
    e = extract(ex, "Talks would resume on Monday, the envoy said, and left the room.\n")
    assert all("left the room" not in s.content for s in e.statements), [s.content for s in e.statements]


def test_an_accusation_coordinated_with_the_cue_is_not_part_of_the_reported_clause(ex):
    text = (
        "The rebel movement said it had “nothing to do with” the incident and accused Chadian forces "
        "of shelling border villages.\n"
    )
    e = extract(ex, text)
    st = by_content(e, "nothing to do with")
    assert st.content.endswith("the incident"), st.content
    st = by_content(e, "shelling border villages")
    assert st.cue == "accused"


def test_the_day_of_a_dash_aside_dates_the_statement_in_it_not_the_clause_before(ex):
    import datetime as dt
    text = (
        "Officials have warned that the deal would be “void” if talks fail — a warning repeated on "
        "Wednesday by the country's foreign minister, Ali Rezaei, who told state television that "
        "the country would “reconsider every commitment” in that case.\n"
    )
    e = extract(ex, text, date=dt.date(2025, 9, 12))
    assert by_content(e, "would be “void”").date == "2025-09-12"
    assert by_content(e, "reconsider every commitment").date == "2025-09-10"


def test_a_cue_inside_what_a_labelled_source_posted_is_part_of_the_post(ex):
    text = (
        "14:10 CET\n"
        "Internet monitor NetBlocks, on X: metrics show “significant disruption to connectivity in "
        "the northern regions of Belarus, consistent with targeted restrictions.”\n\n"
        "15:00 CET\n"
        "The mayor said the roads were closed.\n"
    )
    e = extract(ex, text)
    st = by_content(e, "significant disruption")
    assert (st.speaker, st.channel) == ("NetBlocks", "social-media post"), (st.speaker, st.channel)
