"""Stable statement identity: statements.uid (content hash, unique), filled in for the rows
already stored.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06

``uid`` is :func:`detente.evidence.identity.statement_uid` of the article's content hash, the
speaker and the content span; existing rows get theirs here, so citations by stable id work on
databases written before this revision. Downgrade drops the column (integer ids still work).
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def _statement_uid(article_hash, speaker, start, end):
    # a copy of detente.evidence.identity.statement_uid as it was at this revision: a migration
    # must not change when the application code does
    import hashlib
    h = hashlib.sha256()
    for part in ("detente-statement/1", article_hash, speaker or "", f"{int(start)}:{int(end)}"):
        h.update(part.encode("utf-8"))
        h.update(b"\x00")
    return "st-" + h.hexdigest()[:24]


# No batch (copy-and-move) operations here: on SQLite they drop and re-create the table, and
# with foreign keys on, dropping `statements` would null the figures' statement_id (ON DELETE
# SET NULL) -- data lost in a migration. Adding a column and an index needs no copy, and SQLite
# (3.35+) drops a column in place.


def _drop_column(table: str, column: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    else:
        op.drop_column(table, column)


def upgrade() -> None:
    op.add_column('statements', sa.Column('uid', sa.String(length=40), nullable=True))
    conn = op.get_bind()
    statements = sa.table('statements', sa.column('id', sa.Integer), sa.column('uid', sa.String),
                          sa.column('article_id', sa.Integer), sa.column('speaker', sa.String),
                          sa.column('content_start', sa.Integer), sa.column('content_end', sa.Integer))
    articles = sa.table('articles', sa.column('id', sa.Integer), sa.column('content_hash', sa.String))
    rows = conn.execute(sa.select(statements.c.id, articles.c.content_hash, statements.c.speaker,
                                  statements.c.content_start, statements.c.content_end)
                        .join(articles, statements.c.article_id == articles.c.id)
                        .order_by(statements.c.id)).all()
    seen: set[str] = set()
    updates = []
    for sid, h, speaker, start, end in rows:
        uid = _statement_uid(h, speaker, start, end)
        n = 1
        base = uid
        while uid in seen:  # the same span and speaker twice in one article (never by design)
            n += 1
            uid = f"{base}-{n}"
        seen.add(uid)
        updates.append({"sid": sid, "uid": uid})
    if updates:
        conn.execute(statements.update().where(statements.c.id == sa.bindparam("sid"))
                     .values(uid=sa.bindparam("uid")), updates)
    op.create_index(op.f('ix_statements_uid'), 'statements', ['uid'], unique=True)


def downgrade() -> None:
    op.drop_index(op.f('ix_statements_uid'), table_name='statements')
    _drop_column('statements', 'uid')
