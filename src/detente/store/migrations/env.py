"""Alembic environment for detente's database (run by :func:`detente.store.db.upgrade`).

The connection is handed over by the caller in ``config.attributes["connection"]``; run
standalone (``alembic -x url=sqlite:///file.sqlite upgrade head`` with
``script_location`` pointing here) it connects to the ``url`` given with ``-x``.
"""

from alembic import context
from sqlalchemy import create_engine

from detente.store.schema import Base, load_all_tables

load_all_tables()

target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite",
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url")
    engine = create_engine(url)
    with engine.connect() as conn:
        _run(conn)


def run_migrations_offline() -> None:
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite://")
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
