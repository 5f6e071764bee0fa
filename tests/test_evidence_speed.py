"""The extractor's faster stand-ins for spaCy components give the very same annotations."""

from __future__ import annotations

import pickle

import pytest

spacy = pytest.importorskip("spacy")

from detente.evidence import nlp as dn  # noqa: E402

# invented sentences: contractions and colloquial forms the attribute ruler's patterns of two
# tokens are for, possessives, auxiliaries, plurals, comparatives, a line break
TEXTS = [
    "The ministers ain't gonna sign it, y'all, the envoy said on Tuesday.\n"
    "\"We were talking about nothin' else,\" she added, while the talks stalled.",
    "Rahel Okonkwo's office has repeatedly said that the bigger delegations would not attend, "
    "and it didn't say whether 1,200 observers had been invited.",
    "Lower wages? Higher prices! The committee is reviewing its figures, he wrote in a post on X.",
]


@pytest.fixture(scope="module")
def pipelines():
    plain = spacy.load(dn.DEFAULT_MODEL)
    plain.add_pipe(dn.PARAGRAPHS, before="parser")
    return plain, dn.load_nlp()


def test_the_cached_components_are_in_use(pipelines):
    _, nlp = pipelines
    assert isinstance(nlp.get_pipe("attribute_ruler"), dn.CachedAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), dn.CachedLemmatizer)
    assert nlp.pipe_names == pipelines[0].pipe_names


def test_same_annotations_as_spacy(pipelines):
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG
    plain, nlp = pipelines
    attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]
    for _ in range(2):  # (the second time from the caches)
        for a, b in zip(plain.pipe(TEXTS), nlp.pipe(TEXTS)):
            assert (a.to_array(attrs) == b.to_array(attrs)).all()
            assert [(t.lemma_, t.pos_, str(t.morph)) for t in a] == [(t.lemma_, t.pos_, str(t.morph)) for t in b]
    doc = nlp(TEXTS[0])
    assert [t.lemma_ for t in doc[:6]] == ["the", "minister", "be", "not", "go", "to"]


def test_cached_components_pickle(pipelines):
    # (spaCy hands its components to worker processes when it parses with several)
    _, nlp = pipelines
    for name in ("attribute_ruler", "lemmatizer"):
        copy = pickle.loads(pickle.dumps(nlp.get_pipe(name)))
        assert type(copy) is type(nlp.get_pipe(name))


def test_columns_are_the_tokens_attributes(pipelines):
    # (rules pick the few tokens they read from these lists instead of reading every token)
    _, nlp = pipelines
    for doc in nlp.pipe(TEXTS + [""]):
        for attr in ("text", "lower_", "lemma_", "pos_", "tag_", "dep_"):
            assert dn.column(doc, attr) == [getattr(t, attr) for t in doc]
        assert dn.column(doc, "pos_") is dn.column(doc, "pos_")  # (made once per document)
