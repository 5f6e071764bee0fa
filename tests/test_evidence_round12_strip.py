"""Issue 15, twelfth round (continued): a cue whose only following token is punctuation ("told
―", found by the property test on random text) leaves an empty content, which must not make the
extractor read past the end of the document."""

from __future__ import annotations

from evidence_helpers import extract


def test_a_cue_followed_only_by_a_dash_gives_no_statement_and_no_error(ex):
    e = extract(ex, "told \u2015")
    assert e.statements == []
