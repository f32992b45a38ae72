"""Opening the database: pragmas, migrations, version check, and transactions.

One :class:`Store` owns one ``sqlite3`` connection and must be used from one thread only;
a worker thread opens its own store on the same file (WAL mode lets readers and one writer
work at once, and the busy timeout makes writers wait instead of failing; the window's store
waits only briefly, :attr:`Store.write_wait_ms`, and queues its edits instead).

Before anything is written, opening refuses another program's database (left byte-identical), a
damaged one (naming the latest backup, which :func:`restore_backup` can put in place) and one from
a newer Quotedesk; creation and migration hold an exclusive lock so that processes started together
all succeed.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Callable, Iterator

from sqlite_utils import Database

from quotedesk.core.store.migrations import migrations

BUSY_TIMEOUT_MS = 15_000


class StoreError(Exception):
    """A database problem worth telling the user about in one sentence."""


class NewerDatabaseError(StoreError):
    pass


class DiskFullError(StoreError):
    """A write failed for lack of space; it was rolled back, earlier commits are kept."""


class StoreBusyError(StoreError):
    """Another connection (often another program) held the write lock longer than this store
    waits (:attr:`Store.write_wait_ms`, else the busy timeout); nothing was written."""


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
    notice: str | None = None  # why a database opened read-only, to show the user
    #: How long a write waits for another writer's lock before :class:`StoreBusyError` (``None``:
    #: the busy timeout). The window sets it short: its thread must never wait long, so its
    #: edits are queued and retried instead (``quotedesk.gui.write_queue``).
    write_wait_ms: int | None = None
    #: Called inside each of this store's own write transactions: ``before(conn)`` once the write
    #: lock is held and before anything is changed, ``after(conn)`` once it has committed. The
    #: window's change watcher uses it to tell its own writes from another program's (a write
    #: lock held means no other connection commits in between). Set with :meth:`watch_writes`.
    _write_watch: tuple[Callable, Callable] | None = None

    def watch_writes(self, before: Callable[[sqlite3.Connection], None],
                     after: Callable[[sqlite3.Connection], None]) -> None:
        """Have ``before``/``after`` called around each own write transaction (one watcher)."""
        self._write_watch = (before, after)

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
        self._begin_immediate(conn)
        watch = self._write_watch
        try:
            if watch is not None:
                watch[0](conn)
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError) and getattr(exc, "sqlite_errorcode", 0) == 13:
                raise DiskFullError(f"the disk holding {self.path} is full: this change was not "
                                    "saved, everything saved before is kept. Free some space "
                                    "and try again.") from exc
            raise
        if watch is not None:
            watch[1](conn)

    def _begin_immediate(self, conn: sqlite3.Connection) -> None:
        """Take the write lock, waiting at most :attr:`write_wait_ms` (or the busy timeout)."""
        wait = self.write_wait_ms
        if wait is not None:
            conn.execute(f"PRAGMA busy_timeout = {int(wait)}")
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if getattr(exc, "sqlite_errorcode", 0) & 0xFF != 5:  # not SQLITE_BUSY
                raise
            raise StoreBusyError(
                f"another program is writing to {self.path} (for example `quotedesk import`); "
                "nothing was changed: try again when it has finished") from exc
        finally:
            if wait is not None:
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

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


def _connect(path: Path | None, readonly: bool, *, immutable: bool = False) -> sqlite3.Connection:
    if path is None:
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    elif readonly:
        # immutable=1: on a read-only medium SQLite cannot make the WAL index beside the file
        query = "?mode=ro&immutable=1" if immutable else "?mode=ro"
        conn = sqlite3.connect(f"{path.as_uri()}{query}", uri=True, isolation_level=None,
                               check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


SQLITE_MAGIC = b"SQLite format 3\x00"
#: ``PRAGMA quick_check`` on open is stopped after this long (a huge file is checked in part),
#: looked at every this many SQLite virtual-machine steps.
QUICK_CHECK_SECONDS = 2.0
QUICK_CHECK_STEPS = 10_000


class DamagedDatabaseError(StoreError):
    """The file is a SQLite database whose pages are damaged; ``backup`` is the latest backup
    beside it (or ``None``)."""

    def __init__(self, message: str, *, path: Path, backup: Path | None):
        super().__init__(message)
        self.path = path
        self.backup = backup


class ForeignDatabaseError(StoreError):
    """A SQLite database made by another program: never written to."""


def latest_backup(p: Path) -> Path | None:
    """The newest backup of ``p`` beside it (File > Back up, or the copy kept before an upgrade)."""
    found = [c for pattern in (f"{p.name}.before-*.bak", f"{p.stem}-backup*{p.suffix}")
             for c in p.parent.glob(pattern) if c.is_file()]
    return max(found, key=lambda c: c.stat().st_mtime) if found else None


def damaged_error(p: Path, what: str) -> DamagedDatabaseError:
    backup = latest_backup(p)
    offer = (f" The latest backup is {backup}: close Quotedesk, keep the damaged file aside, and "
             f"copy the backup in its place (or open it with --db {backup})." if backup else
             " There is no backup beside it; `sqlite3 FILE .recover` may save part of it.")
    return DamagedDatabaseError(f"{p} is damaged ({what}); it was left untouched.{offer}",
                                path=p, backup=backup)


def restore_backup(damaged: Path, backup: Path) -> Path:
    """Put ``backup`` in the place of the damaged database ``damaged``, which is kept aside as
    ``<name>.damaged-<time>`` (with its -wal/-shm files), never deleted; returns where it went."""
    import shutil
    import time

    from quotedesk.core.output import atomic_path

    aside = damaged.with_name(f"{damaged.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    with atomic_path(damaged) as tmp:  # the copy is complete before anything is moved
        shutil.copyfile(backup, tmp)
        try:
            os.link(damaged, aside)
        except OSError:  # no hard links on this filesystem
            shutil.copyfile(damaged, aside)
        for suffix in ("-wal", "-shm"):
            side = damaged.with_name(damaged.name + suffix)
            if side.exists():
                side.replace(aside.with_name(aside.name + suffix))
    return aside


def _quick_check(conn: sqlite3.Connection, p: Path) -> None:
    """Raise :class:`DamagedDatabaseError` if SQLite's quick check finds a problem (bounded in time:
    a check stopped at the limit counts as passed)."""
    import time

    deadline = time.monotonic() + QUICK_CHECK_SECONDS
    conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, QUICK_CHECK_STEPS)
    try:
        rows = [r[0] for r in conn.execute("PRAGMA quick_check(5)").fetchall()]
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            return
        raise damaged_error(p, f"SQLite says: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        raise damaged_error(p, f"SQLite says: {exc}") from exc
    finally:
        conn.set_progress_handler(None, 0)
    if rows != ["ok"]:
        raise damaged_error(p, "SQLite's check found: " + "; ".join(rows[:3]))


def _probe(conn: sqlite3.Connection, p: Path) -> None:
    """Refuse, before anything is written: a damaged file, another program's database, one from a
    newer Quotedesk."""
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        if is_damage(exc):
            raise damaged_error(p, f"SQLite says: {exc}") from exc
        raise StoreError(f"{p} is not a Quotedesk database (SQLite says: {exc})") from exc
    _quick_check(conn, p)
    others = _foreign_tables(conn)
    if others:
        raise _foreign_error(p, others)
    check_version(Database(conn))


def is_damage(exc: BaseException) -> bool:
    """Whether a SQLite error says the file's pages are damaged (SQLITE_CORRUPT, "malformed")."""
    return isinstance(exc, sqlite3.DatabaseError) and (
        getattr(exc, "sqlite_errorcode", 0) & 0xFF == 11 or "malformed" in str(exc))


def _foreign_tables(conn: sqlite3.Connection) -> list[str] | None:
    """The tables of another program's database, or ``None`` when it is ours (or empty)."""
    tables = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    ours = "_sqlite_migrations" in tables and conn.execute(
        "SELECT count(*) FROM _sqlite_migrations WHERE migration_set = ?",
        (migrations.name,)).fetchone()[0] > 0
    others = sorted(tables - {"_sqlite_migrations"})
    return others if others and not ours else None


def _foreign_error(p: Path, others: list[str]) -> ForeignDatabaseError:
    shown = ", ".join(others[:5]) + (", ..." if len(others) > 5 else "")
    return ForeignDatabaseError(
        f"{p} is another program's SQLite database (tables: {shown}), not a Quotedesk "
        "database; it was left untouched. Give --db a new file name or a Quotedesk database.")


def _refuse_foreign(p: Path) -> None:
    """Refuse another program's database through a read-only connection, before anything is
    created beside it; any other problem is left to the probe under the setup lock."""
    if not p.exists() or p.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(f"{p.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return
    try:
        others = _foreign_tables(conn)
    except sqlite3.Error:
        return
    finally:
        conn.close()
    if others:
        raise _foreign_error(p, others)


def _validate_path(path) -> Path:
    if isinstance(path, str) and not path.strip():
        raise StoreError("the database path is empty; give a file name (e.g. --db quotedesk.db)")
    p = Path(path).expanduser().absolute()  # SQLite URIs (read-only probes) need an absolute path
    if p.is_dir():
        raise StoreError(f"{p} is a folder, not a database file; give a file inside it "
                         f"(e.g. {p / 'quotedesk.db'})")
    if p.exists():
        try:
            with open(p, "rb") as fh:
                head = fh.read(16)
        except OSError as exc:
            raise StoreError(f"cannot read {p}: {exc.strerror}") from exc
        if head and head != SQLITE_MAGIC:
            raise StoreError(f"{p} is not a Quotedesk database (it is not a SQLite file at all); "
                             "it was left untouched. Give --db a Quotedesk database or a new name.")
    return p


@contextlib.contextmanager
def _setup_lock(p: Path) -> Iterator[None]:
    """Only one process at a time creates, switches to WAL or migrates ``p`` (an exclusive
    ``flock`` on ``<name>.open-lock`` beside it); the others wait, then find it done."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: SQLite's own locks, and a retry
        yield
        return
    fd = os.open(p.with_name(p.name + ".open-lock"), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


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
    try:
        with atomic_path(target) as tmp:
            dest = sqlite3.connect(str(tmp))
            try:
                store.conn.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                dest.close()
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorcode", 0) != 13:  # SQLITE_FULL
            raise
        raise DiskFullError(f"the disk holding {target} is full: the backup was not written (an "
                            "earlier file there is kept). Free some space or choose another "
                            "folder.") from exc
    return target


def pending_migrations(path: str | os.PathLike) -> list[str]:
    """Names of the schema steps opening the existing database at ``path`` would run (read
    only, cheap: the app shows progress for them); [] for a new, foreign or unreadable file
    (opening it says what is wrong)."""
    p = Path(path)
    if not p.is_file() or p.stat().st_size == 0:
        return []
    try:
        conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True)
        try:
            db = Database(conn)
            if "_sqlite_migrations" not in db.table_names():
                return []
            return [m.name for m in migrations.pending(db)]
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def open_store(path: str | os.PathLike | None = None, *, readonly: bool = False,
               migrate: bool = True, backup_before_migrate: bool = True,
               progress: Callable[[str, float], None] | None = None) -> Store:
    """Open (creating if needed) and migrate the database at ``path``; ``None`` is in-memory.

    Raises :class:`StoreError` with a user-facing message for an empty path, a folder, a file that
    is not a database, another program's database (left byte-identical), a damaged one (naming
    the latest backup), one from a newer version, or one that cannot be opened. A database on a
    read-only medium (or ``readonly=True``) opens read-only, is not migrated, and says so in
    :attr:`Store.notice`. Creation and migration hold an exclusive lock, so processes started
    together on a new profile all succeed. ``progress(what, fraction)`` hears how far a long
    schema step (the identity repair of 0012) is, from the thread that opens.
    """
    from quotedesk.core.store import repair

    token = repair.PROGRESS.set(progress)
    try:
        return _open_store(path, readonly=readonly, migrate=migrate, backup_before_migrate=backup_before_migrate)
    finally:
        repair.PROGRESS.reset(token)


def _open_store(path, *, readonly: bool, migrate: bool, backup_before_migrate: bool) -> Store:
    if path is None:
        conn = _connect(None, False)
        db = Database(conn)
        migrations.apply(db)
        return Store(db, None)
    p = _validate_path(path)
    notice = None
    if not readonly:
        if p.exists() and not os.access(p, os.W_OK):
            readonly, notice = True, f"{p} cannot be written (read-only file or medium): opened read-only"
        elif not p.exists():
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for the database {p}: {exc.strerror}") from exc
            if not os.access(p.parent, os.W_OK):
                raise StoreError(f"cannot create the database {p}: the folder is not writable")
        elif not os.access(p.parent, os.W_OK):
            readonly = True  # WAL needs to create files beside the database
            notice = f"the folder of {p} cannot be written (read-only medium): opened read-only"
    if readonly:
        return _open_readonly(p, notice)
    _refuse_foreign(p)  # before the lock file is made beside another program's database
    with _setup_lock(p):
        conn = _connect(p, False)
        try:
            _probe(conn, p)
            db = Database(conn)
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if mode != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            pending = migrations.pending(db)
            if pending and migrate:
                applied = migrations.applied(db)
                if applied and backup_before_migrate:
                    backup_to(Store(db, p), p.with_name(f"{p.name}.before-{pending[0].name}.bak"))
                migrations.apply(db)
            if not migrations.pending(db):
                from quotedesk.core.store.statements import repair_terms

                repair_terms(Store(db, p))  # left empty by an import an older version was killed in
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"cannot open {p}: {_sqlite_reason(exc)}") from exc
        except BaseException:
            conn.close()
            raise
    return Store(db, p)


def _sqlite_reason(exc: sqlite3.Error) -> str:
    if getattr(exc, "sqlite_errorcode", None) == 13:  # SQLITE_FULL
        return "the disk is full (free some space and try again); what was saved before is kept"
    return str(exc)


def _open_readonly(p: Path, notice: str | None) -> Store:
    if not p.exists():
        raise StoreError(f"no database at {p}")
    conn = None
    for immutable in (False, True):
        try:
            conn = _connect(p, True, immutable=immutable)
            _probe(conn, p)
            break
        except (sqlite3.OperationalError, StoreError) as exc:
            if conn is not None:
                conn.close()
                conn = None
            # SQLITE_CANTOPEN: on a read-only medium SQLite cannot create the WAL index beside the
            # file (the probe reports it as a StoreError caused by it): open it as immutable
            cause = exc.__cause__ if isinstance(exc, StoreError) else exc
            if immutable or getattr(cause, "sqlite_errorcode", None) != 14:
                if isinstance(exc, StoreError):
                    raise
                raise StoreError(f"cannot open {p}: {exc}") from exc
    if migrations.pending(Database(conn)):
        conn.close()
        raise StoreError(f"{p} needs a schema upgrade but is open read-only")
    store = Store(Database(conn), p, readonly=True)
    store.notice = notice
    return store
