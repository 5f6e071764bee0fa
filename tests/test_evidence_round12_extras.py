"""Issue 15, twelfth round (continued), live blogs: the blog's own earlier words ("A correction:
an earlier post said ...") are no one's statement; a reader's request about how she is named
("who asked us to use only her first name, X") is no statement; and what she "sent this by
email:" is her quotation. Written for the test on invented text, not taken from
bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, extract

BLOG = (
    "Flood in Varna: live updates\n\n"
    "09:10 The river burst its banks overnight, the regional governor said.\n\n"
    "09:40 A correction: an earlier post said the bridge at Tervel had collapsed. It is closed "
    "but standing.\n\n"
    "10:05 A reader in Varna, who asked us to use only her first name, Milena, sent this by "
    "email: \"The water is at our door. We have moved everything upstairs.\"\n"
)


def test_an_earlier_post_of_the_blog_is_no_speaker(ex):
    e = extract(ex, BLOG)
    assert not [s for s in e.statements if "bridge at Tervel" in s.content]


def test_a_request_to_be_named_by_first_name_only_is_no_statement(ex):
    e = extract(ex, BLOG)
    assert not [s for s in e.statements if "first name" in s.content]


def test_what_a_reader_sent_this_by_email_is_her_quotation(ex):
    e = extract(ex, BLOG)
    st = by_content(e, "The water is at our door")
    assert st.speaker in ("Milena", "reader in Varna")
