"""Opening the database: pragmas, migrations, version check, and transactions.

One :class:`Store` owns one ``sqlite3`` connection and must be used from one thread only;
a worker thread opens its own store on the same file (WAL mode lets readers and one writer
work at once, and the busy timeout makes writers wait instead of failing).
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Iterator

from sqlite_utils import Database

from quotedesk.core.store.migrations import migrations

BUSY_TIMEOUT_MS = 15_000


class StoreError(Exception):
    """A database problem worth telling the user about in one sentence."""


class NewerDatabaseError(StoreError):
    pass


class Store:
    """A connection to a Quotedesk database (sqlite-utils ``Database`` as ``.db``)."""

    def __init__(self, db: Database, path: Path | None, *, readonly: bool = False):
        self.db = db
        self.path = path
        self.readonly = readonly

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def close(self) -> None:
        self.db.conn.close()
        self.closed = True

    closed = False  # set by close(): work scheduled earlier (timers, callbacks) checks it

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside commits together or not at all.

        Starts with ``BEGIN IMMEDIATE`` so a second writer waits (busy timeout) at the start
        rather than failing half-way. Nested use joins the outer transaction.
        """
        conn = self.conn
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only; changes cannot be saved")
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def execute(self, sql: str, params=()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def query(self, sql: str, params=()) -> list[dict]:
        cur = self.conn.execute(sql, params)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]


def like_contains(text: str) -> str:
    """A LIKE pattern (with ``ESCAPE '\\'``) matching ``text`` anywhere, wildcards taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def add_date_range(where: list[str], params: list, date_from: str | None, date_to: str | None,
                   column: str = "a.date") -> None:
    """Append an inclusive date-range condition on ``column`` (ISO dates) to a WHERE list."""
    if date_from:
        where.append(f"{column} >= ?")
        params.append(date_from)
    if date_to:
        where.append(f"{column} <= ?")
        params.append(date_to)


def _connect(path: Path | None, readonly: bool) -> sqlite3.Connection:
    if path is None:
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    elif readonly:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, isolation_level=None,
                               check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def check_version(db: Database) -> None:
    """Refuse a database made by a newer Quotedesk, before anything is written to it."""
    known = {m.name for m in migrations._migrations}
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        raise NewerDatabaseError(
            "this database was made by a newer version of Quotedesk "
            f"(it has schema step {unknown[-1]!r}, which this version does not know); "
            "upgrade Quotedesk to open it. The file was left untouched."
        )


def backup_to(store: Store, target: Path) -> Path:
    """Copy the whole database to ``target`` with SQLite's online backup API, into a temporary
    file renamed over ``target`` once complete (a failed backup leaves an older one intact)."""
    from quotedesk.core.output import atomic_path

    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(target) as tmp:
        dest = sqlite3.connect(str(tmp))
        try:
            store.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            dest.close()
    return target


def open_store(path: str | os.PathLike | None = None, *, readonly: bool = False,
               migrate: bool = True, backup_before_migrate: bool = True) -> Store:
    """Open (creating if needed) and migrate the database at ``path``; ``None`` is in-memory.

    Raises :class:`StoreError` with a user-facing message for a file that is not a database,
    one from a newer version, or one that cannot be opened. A database on a read-only medium
    (or ``readonly=True``) opens read-only and is not migrated.
    """
    p = Path(path).expanduser() if path is not None else None
    if p is not None and not readonly:
        if p.exists() and not os.access(p, os.W_OK):
            readonly = True
        elif not p.exists():
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for the database {p}: {exc.strerror}") from exc
            if not os.access(p.parent, os.W_OK):
                raise StoreError(f"cannot create the database {p}: the folder is not writable")
        elif not os.access(p.parent, os.W_OK):
            readonly = True  # WAL needs to create files beside the database
    if p is not None and readonly and not p.exists():
        raise StoreError(f"no database at {p}")
    try:
        conn = _connect(p, readonly)
        db = Database(conn)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{p} is not a Quotedesk database (SQLite says: {exc})") from exc
    try:
        if not readonly:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if p is not None and mode != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        check_version(db)
        pending = migrations.pending(db)
        if pending and migrate:
            if readonly:
                raise StoreError(f"{p} needs a schema upgrade but is open read-only")
            applied = migrations.applied(db)
            if p is not None and applied and backup_before_migrate:
                backup_to(Store(db, p), p.with_name(f"{p.name}.before-{pending[0].name}.bak"))
            migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"cannot open {p}: {exc}") from exc
    except StoreError:
        conn.close()
        raise
    return Store(db, p, readonly=readonly)
