"""Issue 15 round 11, bounded work: the lookups that replace reading back over every earlier
person (a role's description, "the envoy"; a bare surname or a transcript label, "MS. VARGA:")
give the answers the whole-document passes gave; on invented text. (Behaviour only: no timing.)"""

from __future__ import annotations

import pytest

from evidence_helpers import by_content, extract

_TEXT = (
    "The Freedonian trade envoy, Ilse Marvek, arrived in Lirana on Monday. Deputy Foreign Minister "
    "Tomas Okafor-Brandt met her at the airport. Marvek said the talks would be long.\n\n"
    "Ilse Marvek's counterpart, the Sylvanian trade envoy Petra Okafor-Brandt, said little. "
    "Harbour Master Jonas Velde, a former navy captain, said the port was closed. The envoy said "
    "the tariffs were not on the table.\n\n"
    "MS. OKAFOR-BRANDT: We will see.\n\nThe deputy foreign minister said on Tuesday that he "
    "expected an agreement. Velde said the ships were waiting. The harbour master said 40 ships "
    "were at anchor. Captain Anna Velde, his sister, said nothing."
)


@pytest.fixture(scope="module")
def parsed():
    from detente.evidence.entities import build_entities
    from detente.evidence.nlp import load_nlp
    doc = load_nlp()(_TEXT)
    return doc, build_entities(doc)


def _brute_role_people(idx, char, words, limit):
    """What reading back over every person mention gives: each person once, nearest first,
    whose roles have one of ``words`` among their words."""
    out = []
    for _, e in idx.persons_before(char, limit=limit):
        for role in e.roles:
            r = " ".join(w for w in role.lower().split() if w not in ("the", "a", "an"))
            if any(w in r.split() or w in r.replace(",", " ").split() for w in words) and e not in out:
                out.append(e)
    return out


def _brute_person_ending(idx, char, key):
    people = [e for _, e in idx.persons_before(char)] + [e for e in idx.entities if e.kind == "person"]
    return next((e for e in people if e.kind == "person" and " " in e.canonical
                 and e.canonical.casefold().endswith(" " + key)), None)


def test_people_by_role_word_are_those_read_back_nearest_first(parsed):
    doc, idx = parsed
    assert any(e.roles for e in idx.entities if e.kind == "person")
    words_seen = {w for e in idx.entities for role in e.roles for w in role.lower().replace(",", " ").split()}
    for words in [[w] for w in sorted(words_seen)] + [["envoy", "minister"], ["nobody"]]:
        for t in doc:
            for limit in (None, 1, 2, 500):
                got = idx.persons_with_role_word(t.idx, words, limit=limit)
                assert got == _brute_role_people(idx, t.idx, words, limit), (words, t.i, limit)


def test_person_ending_is_the_nearest_before_else_the_first(parsed):
    doc, idx = parsed
    keys = {" ".join(e.canonical.casefold().split(" ")[i:]) for e in idx.entities
            if e.kind == "person" for i in range(1, len(e.canonical.split(" ")))}
    assert "okafor-brandt" in keys and "velde" in keys
    for key in sorted(keys) + ["nobody", "marvek x"]:
        for t in doc:
            assert idx.person_ending(t.idx, key) is _brute_person_ending(idx, t.idx, key), (key, t.i)
    # two people share a surname: the nearest before wins, else the first named
    velde = [e.canonical for e in idx.entities if e.kind == "person" and e.canonical.endswith("Velde")]
    assert len(velde) >= 1
    assert idx.person_ending(0, "velde").canonical == velde[0]


def test_roles_and_surnames_resolve_as_before(ex):
    e = extract(ex, _TEXT)
    # a role's description: the person last mentioned with that role
    assert by_content(e, "tariffs were not on the table").speaker == "Petra Okafor-Brandt"
    assert by_content(e, "expected an agreement").speaker == "Tomas Okafor-Brandt"
    # a transcript label and a bare surname: the person of that surname mentioned nearest before
    assert by_content(e, "We will see").speaker == "Petra Okafor-Brandt"
    assert by_content(e, "ships were waiting").speaker.endswith("Jonas Velde")


def test_an_interview_occasion_dates_the_next_speakers_words_only(ex):
    # (the occasion's interviewee is the first statement after it, found by a lookup)
    e = extract(ex, 'Officials in Marbeck said the pier would reopen. When I met Odile Franssen in '
                    'March, she was cautious. "We are not there yet," Franssen said. "The cranes are '
                    'old."\n\nKasimir Delong said on Friday that repairs had begun.')
    st = by_content(e, "We are not there yet")
    assert st.speaker == "Odile Franssen" and st.date == "2025-03" and st.channel == "interview"
    assert by_content(e, "repairs had begun").date != "2025-03"
    assert by_content(e, "pier would reopen").date != "2025-03"


def test_the_same_speakers_words_later_in_the_paragraph_keep_the_channel(ex):
    # (the statements before in the paragraph are read back only as far as the paragraph goes)
    e = extract(ex, 'Rainer Holmqvist told reporters in Verlund that the dam was safe. "The cracks are '
                    'old," he said.\n\nMarit Szabo said the inspection was late. "We asked for it in '
                    'May," she said.')
    assert by_content(e, "The cracks are old").channel == "told reporters"
    assert by_content(e, "We asked for it in May").channel is None


def test_a_quotation_right_after_an_indirect_statement_continues_it(ex):
    e = extract(ex, 'Walking away, Lene Tarvas said, was the easy part. "Coming back is harder."\n\n'
                    'Oskar Brill said the road was open.')
    assert by_content(e, "Coming back is harder").speaker == "Lene Tarvas"
