"""Engines and sessions for detente's one database.

A database is named by a SQLAlchemy URL: ``sqlite:///path/to/file.sqlite`` or
``postgresql+psycopg://user:password@host/dbname``. With no URL, the environment variable
``DETENTE_DB`` is used (a URL, or a plain file path meaning a SQLite file), else the SQLite
file ``~/.local/share/detente/detente.sqlite`` (``$XDG_DATA_HOME`` respected), created on
first use. Connecting brings the schema up to date by running the Alembic migrations kept in
``detente/store/migrations`` (``upgrade head``); users need no ``alembic.ini``.

Example
-------
>>> from detente.store.db import get_engine, transaction
>>> engine = get_engine("sqlite://")          # in memory, migrated
>>> with transaction(engine) as session:       # committed on success, rolled back on error
...     pass
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from sqlalchemy import event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy import create_engine

from detente.errors import DetenteError, Problem

ENV_VAR = "DETENTE_DB"
MIGRATIONS = Path(__file__).with_name("migrations")

_lock = threading.Lock()
_engines: dict[str, Engine] = {}


class StoreError(DetenteError):
    """The database cannot be opened, reached or migrated."""


def default_path() -> Path:
    """``$XDG_DATA_HOME/detente/detente.sqlite`` (``~/.local/share/...`` by default)."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "detente" / "detente.sqlite"


def resolve_url(url: str | os.PathLike | None = None) -> str:
    """The database URL to use: ``url``, else ``$DETENTE_DB``, else the default SQLite file.

    A value without ``://`` is taken as the path of a SQLite file.
    """
    value = str(url) if url is not None else os.environ.get(ENV_VAR) or str(default_path())
    if "://" not in value:
        return "sqlite:///" + str(Path(value).expanduser().resolve())
    return value


def describe(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")  # wait for another writer instead of failing
    cur.close()


def get_engine(url: str | os.PathLike | None = None, *, migrate: bool = True,
               create: bool = True) -> Engine:
    """An engine for ``url`` (see :func:`resolve_url`), migrated to the latest schema.

    Engines are cached per URL within a process. Raises :class:`StoreError` with a hint when
    the URL is malformed, the driver is missing, the server cannot be reached, the file is not
    a database, the database was written by a newer detente, or (with ``create=False``, for
    commands that only read) there is no SQLite file at the path: a mistyped ``--db`` must not
    quietly give an empty database.
    """
    full = resolve_url(url)
    with _lock:
        engine = _engines.get(full)
        if engine is not None:
            return engine
        try:
            parsed = make_url(full)
        except ArgumentError as exc:
            raise StoreError(f"not a database URL: {describe(full)!r}",
                             hint="write sqlite:///path/file.sqlite or "
                                  "postgresql+psycopg://user:password@host/dbname") from exc
        kwargs: dict = {"future": True}
        if parsed.get_backend_name() == "sqlite":
            db = parsed.database
            if db and db != ":memory:" and not db.startswith("file:"):
                if not create and not Path(db).is_file():
                    what = "is a folder, not a database file" if Path(db).is_dir() else \
                        "does not exist"
                    raise StoreError(Problem(
                        f"no database: {db} {what}",
                        hint="check the --db path (or $DETENTE_DB); `detente ingest` and "
                             "`detente serve` create a database, the other commands only "
                             "read one"))
                try:
                    Path(db).parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise StoreError(f"cannot create the folder for {db}: {exc.strerror}",
                                     hint=f"choose another file with --db or ${ENV_VAR}") from exc
            else:  # one shared in-memory database for every session of this engine
                from sqlalchemy.pool import StaticPool
                kwargs.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            kwargs["pool_pre_ping"] = True
        try:
            engine = create_engine(full, **kwargs)
        except (ArgumentError, ImportError, SQLAlchemyError) as exc:
            raise StoreError(f"cannot use database {describe(full)}: {exc}",
                             hint="SQLite and PostgreSQL (postgresql+psycopg://...) are supported") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        if migrate:
            upgrade(engine)
        _engines[full] = engine
        return engine


# any fixed 64-bit number: the PostgreSQL advisory lock that serialises detente's migrations
_PG_MIGRATION_LOCK = 0x64657465_6E7465  # "detente"


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the Alembic migrations up to ``revision`` on ``engine``'s database.

    Several processes may start on one new database at once (parallel ``detente ingest``
    runs, a server and a command): the migration takes a write lock first (SQLite ``BEGIN
    IMMEDIATE``, a PostgreSQL transaction-level advisory lock) so one process migrates and the
    others wait, then find the schema up to date. A database at a revision this detente does not
    know (written by a newer version), a database of another program and a file that is not
    a database are refused with a message saying so.
    """
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    where = describe(str(engine.url))
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")  # waits (busy_timeout) for the migrator
            elif conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_MIGRATION_LOCK})")
            current = MigrationContext.configure(conn).get_current_revision()
            script = ScriptDirectory.from_config(cfg)
            if current is not None and not _known(script, current):
                raise CommandError(current)
            if current is None:
                tables = [t for t in inspect(conn).get_table_names()
                          if not t.startswith(("sqlite_", "alembic_"))]
                if tables:
                    raise StoreError(Problem(
                        f"{where} is a database of another program, not detente's (it has "
                        f"tables {', '.join(sorted(tables)[:5])}"
                        f"{', ...' if len(tables) > 5 else ''} but no detente schema version)",
                        hint="choose another file or database with --db or $DETENTE_DB"))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
    except CommandError as exc:
        known = ScriptDirectory.from_config(cfg).get_current_head()
        raise StoreError(Problem(
            f"{where} was written by a newer version of detente (schema revision "
            f"{_revision_of(engine) or exc}; this version knows revisions up to {known})",
            hint="upgrade detente (pip install -U detente), or use another database with --db "
                 "or $DETENTE_DB")) from exc
    except OperationalError as exc:
        raise StoreError(Problem(
            f"cannot open database {where}: {exc.orig}",
            hint="check the file path or that the PostgreSQL server is running and the URL's "
                 "user, password and database name are right")) from exc
    except DatabaseError as exc:  # e.g. SQLite's "file is not a database"
        raise StoreError(Problem(
            f"{where} is not a database detente can read ({exc.orig})",
            hint="--db must name an SQLite database file (or a PostgreSQL URL); choose "
                 "another file, or move this one away")) from exc


def _known(script, revision: str) -> bool:
    from alembic.script.revision import RevisionError
    try:
        return script.get_revision(revision) is not None
    except RevisionError:
        return False


def _revision_of(engine: Engine) -> str | None:
    try:
        return current_revision(engine)
    except SQLAlchemyError:
        return None


def current_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at (``None`` if never migrated)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def table_names(engine: Engine) -> list[str]:
    return sorted(inspect(engine).get_table_names())


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


@contextlib.contextmanager
def transaction(engine: Engine | str | None = None):
    """A session inside one transaction: committed when the block ends, rolled back (and
    nothing written) when it raises, including on Ctrl-C."""
    if not isinstance(engine, Engine):
        engine = get_engine(engine)
    with Session(engine, expire_on_commit=False) as session:
        with session.begin():
            yield session


def dispose_all() -> None:
    """Close every cached engine (tests, forked workers)."""
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()
