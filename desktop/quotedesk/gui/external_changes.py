"""Noticing what other programs write into the open database (issue 15).

``quotedesk import`` or ``quotedesk statements import`` in a terminal, or a second window, may add
articles, quotes, speakers or statements while the window is open, and the ``sqlite3`` shell or a
second window may correct a speaker or delete a quote. :class:`DataVersionWatcher`
polls SQLite's ``PRAGMA data_version`` on the window's own connection every ``POLL_MS``: the
number changes only when *another* connection commits, and reading it touches no table (a few
microseconds). When it changes, a fingerprint of what the window lists is read (``max(id)`` and
counts through the primary keys: no table scan; and the counter that triggers move on every
update or delete of articles, quotes, quote speakers, speakers and verdicts, schema 0017) and only
if that moved does the window refresh the library, the speakers, the review queue, the open
article's quotes, the matches of the selected quote and an open timeline (:func:`refresh_window`). The fingerprint keeps the window's own background writers (the Matches
panel saving its suggestions, sentence vectors) from triggering a refresh that would write again.

The window's own edits (a verdict, a corrected speaker) move the fingerprint too, and must not read
as another program's: the watcher hooks the store's write transactions (:meth:`Store.watch_writes`).
Inside one, with the write lock held so nobody else can commit, it first checks for changes
committed by others since the last poll (the refresh then runs once the edit is saved), and after
the commit it takes the new fingerprint as the baseline. A write outside a transaction is seen
through ``total_changes`` at the next poll and taken as the baseline when nobody else committed.

What the analyst was doing is kept: the selected article and the library's scroll position, the
article being read (its text and scroll position are not touched), the selected quote and the
selected match.

Threading: GUI thread only (the poll is one pragma on the GUI's connection).
"""
from __future__ import annotations

import logging
import sqlite3

import shiboken6

from PySide6.QtCore import QObject, QTimer, Signal

from quotedesk.core.store.edits import Changes

log = logging.getLogger(__name__)

#: How often the database is asked whether another connection committed.
POLL_MS = 1000

_FINGERPRINT = """SELECT (SELECT max(id) FROM articles), (SELECT count(*) FROM articles),
    (SELECT max(id) FROM quotes), (SELECT max(id) FROM speakers), (SELECT count(*) FROM speakers),
    (SELECT max(id) FROM statements), (SELECT max(rowid) FROM verdicts)"""
#: With the updates and deletes too (schema 0017: a counter moved by triggers); a database opened
#: read-only at an older schema has no counter and is watched for additions only.
_FINGERPRINT_UPDATES = _FINGERPRINT.replace("SELECT (SELECT", "SELECT (SELECT version FROM content_version), (SELECT", 1)


class DataVersionWatcher(QObject):
    """Tells when another connection changed what the window shows."""

    sig_changed = Signal()
    """Another program added or removed articles, quotes, speakers, statements or verdicts."""

    def __init__(self, store, parent=None, *, interval_ms: int = POLL_MS):
        super().__init__(parent)
        self._store = store
        try:
            counted = store.db["content_version"].exists()
        except sqlite3.Error:
            counted = False
        self._query = _FINGERPRINT_UPDATES if counted else _FINGERPRINT
        self._version = self._read_version()
        self._fingerprint = self._read_fingerprint()
        self._own = self._own_changes()
        self._pending = False
        self.polls = 0
        if not store.readonly:
            store.watch_writes(self._before_own_write, self._after_own_write)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def _read_version(self) -> int | None:
        if self._store.closed:
            return None
        try:
            return self._store.conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return None

    def _read_fingerprint(self) -> tuple | None:
        if self._store.closed:
            return None
        try:
            return tuple(self._store.conn.execute(self._query).fetchone())
        except sqlite3.Error as exc:  # locked for a moment, or an older schema: try next time
            log.debug("fingerprint: %s", exc)
            return None

    def _own_changes(self) -> int:
        return 0 if self._store.closed else self._store.conn.total_changes

    def _baseline(self) -> None:
        self._version = self._read_version()
        self._fingerprint = self._read_fingerprint()
        self._own = self._own_changes()

    def _foreign_change(self) -> bool:
        """Did another connection commit a change to the listed content since the baseline?"""
        version = self._read_version()
        if version is None or version == self._version:
            return False
        self._version = version
        fp = self._read_fingerprint()
        if fp is None or fp == self._fingerprint:
            return False
        self._fingerprint = fp
        return True

    def _before_own_write(self, _conn) -> None:
        # the write lock is held: a change seen now was committed by someone else (or, if the
        # window also wrote outside a transaction since, possibly: refresh rather than miss it)
        if self._foreign_change():
            self._pending = True
            QTimer.singleShot(0, self, self._emit_pending)  # not in the middle of the edit

    def _after_own_write(self, _conn) -> None:
        self._baseline()

    def _emit_pending(self) -> None:
        if self._pending:
            self._pending = False
            self.sig_changed.emit()

    def poll(self) -> bool:
        """Check once; True (and ``sig_changed``) if another program changed the listed content."""
        self.polls += 1
        if self._store.closed:
            self.timer.stop()
            return False
        if self._pending:
            self._emit_pending()
            return True
        own = self._own_changes()
        if own != self._own and self._read_version() == self._version:
            self._baseline()  # only the window's own connection wrote (outside a transaction)
            return False
        self._own = own
        if not self._foreign_change():
            return False
        self.sig_changed.emit()
        return True


def refresh_window(window) -> None:
    """Re-read the library, speakers, review queue and matches, keeping the analyst's place.

    While the window's own import runs (its articles are what changed) only the library and the
    counts are read again, so the rows land as they come; the speakers, the review queue, the
    matches and an open timeline are read once, when the import ends
    (``MainWindow._on_import_finished``). Each full refresh, once a second, had kept the event
    loop 70-95 ms (108 ms once) during tests/gui/test_responsiveness.py's 10,000-article import
    on a busy 2-core machine: every SQL call of the GUI thread let the import's thread take the
    GIL, and each took up to a switch interval (5 ms) to come back."""
    lib = window.library
    article_id = window.article.article_id
    bar = lib.table.verticalScrollBar()
    scroll = bar.value()
    lib.reload()  # keeps as many rows as were loaded, so the scroll position still exists
    if article_id is not None:
        lib.select_article(article_id)
    bar.setValue(scroll)
    importer = getattr(window, "importer", None)
    if importer is not None and importer.busy:
        window.update_counts()
        return
    window.review.reload()
    window.speakers.reload()
    window.search.refresh_speakers()
    window.update_counts()
    # the open article's quotes and speakers read again (a speaker corrected in the sqlite3
    # shell), its text and scroll position and the selected quote kept
    window.article.apply_changes(Changes(speakers=True))
    refresh_matches_and_timeline(window)
    window.statusBar().showMessage("The database was changed by another program: lists updated", 5000)


def refresh_matches_and_timeline(window) -> None:
    """The selected quote's matches and an open speaker timeline read again (new earlier
    statements may have arrived), each keeping its selection."""
    panel = getattr(window, "matches", None)
    if panel is not None and panel.current_quote_id() is not None:
        panel.refresh(keep_selection=True)  # new earlier statements may have arrived
    menu = getattr(window, "statements_menu", None)
    dialog = getattr(menu, "timeline_dialog", None)
    if dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible():
        from quotedesk.gui.matching import SpeakerTimeline

        timeline = dialog.findChild(SpeakerTimeline)
        if timeline is not None:
            timeline.reload()  # in the background, the selected statement kept


def watch_external_changes(window) -> DataVersionWatcher:
    """Start polling for ``window``'s database (stopped with the window)."""
    watcher = DataVersionWatcher(window.store, window)
    watcher.sig_changed.connect(lambda: refresh_window(window))
    return watcher
