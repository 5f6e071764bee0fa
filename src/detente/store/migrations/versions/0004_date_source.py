"""Where each date came from: articles.date_source, statements.date_source.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06

Articles: ``dateline`` (the file's own dateline or JSON ``date``), ``given`` (``--date``),
``page`` (an HTML page's metadata), ``guessed`` (a date htmldate found in an HTML article's
text). Statements: ``text``, ``inherited``, ``dateline``, ``guessed``, ``none``. Rows stored
before this revision keep NULL (not recorded): nothing is known about how their dates were
found, so nothing is made up. Downgrade drops both columns.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


# No batch (copy-and-move) operations: on SQLite they re-create the table, and with foreign
# keys on, dropping `articles` would delete every statement (ON DELETE CASCADE). Adding a
# column needs no copy, and SQLite (3.35+) drops one in place.


def _drop_column(table: str, column: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    else:
        op.drop_column(table, column)


def upgrade() -> None:
    op.add_column('articles', sa.Column('date_source', sa.String(length=20), nullable=True))
    op.add_column('statements', sa.Column('date_source', sa.String(length=20), nullable=True))


def downgrade() -> None:
    _drop_column('statements', 'date_source')
    _drop_column('articles', 'date_source')
