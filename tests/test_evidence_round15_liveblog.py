"""Issue 15, fifteenth round, live blogs: a post set off as a "> " block ends with its block
(the entries after it are not the poster's words, even with their times blanked for the
parser). Written for the test on invented text, not taken from bench/evidence_devset."""

from __future__ import annotations

from evidence_helpers import by_content, extract

BLOCK_THEN_ENTRIES = (
    "Floods in the Varnel valley: live\n\n"
    "07:05 CET\n"
    "Mayor Ilse Brandvik has posted on Facebook:\n"
    "> The bridge at Osterholt is gone. Stay on high ground tonight.\n\n"
    "07:40 CET\n"
    "The regional water board says 4,000 homes have lost power along the river.\n\n"
    "08:15 CET\n"
    "Asked about the levees, the board's engineer Pavel Dostrova said the walls near Kettering "
    "had held \u201cbetter than we feared.\u201d\n"
)


def test_a_block_quoted_post_ends_before_the_next_entry(ex):
    e = extract(ex, BLOCK_THEN_ENTRIES)
    assert by_content(e, "bridge at Osterholt").speaker == "Ilse Brandvik"
    assert not any("Ilse Brandvik" == s.speaker and "water board" in s.content for s in e.statements)
    assert by_content(e, "4,000 homes").speaker != "Ilse Brandvik"
    assert by_content(e, "walls near Kettering").speaker == "Pavel Dostrova"
