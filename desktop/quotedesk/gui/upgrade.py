"""Upgrading an existing database at start-up with a progress window.

A schema step can take long on a large library (0012's identity repair re-reads every article:
about 3 s at 20,000 quotes under load, and it grows with the library). :func:`migrate_with_progress`
runs the upgrade in a worker thread that opens (and migrates) its own store, while the GUI thread
shows a progress window and keeps the event loop turning (events are processed at least every
50 ms). The upgrade is one transaction, so it offers no cancel: stopping halfway would leave the
old schema, which this version cannot open. Errors are raised again in the GUI thread, so the
caller reports them as it does for any database it cannot open.
"""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog

from quotedesk.core.store import open_store
from quotedesk.core.store.db import pending_migrations

_STEPS = 1000


def migrate_with_progress(path: str | Path, *, parent=None) -> bool:
    """Apply the pending schema steps of ``path`` off the GUI thread with a progress window;
    returns whether there was anything to do."""
    pending = pending_migrations(path)
    if not pending:
        return False
    state = {"what": "Upgrading the library", "fraction": 0.0, "error": None}

    def listen(what: str, fraction: float) -> None:  # worker thread: no widget here
        state["what"], state["fraction"] = what, fraction

    def work() -> None:
        try:
            open_store(path, progress=listen).close()
        except BaseException as exc:  # noqa: BLE001 - raised again in the GUI thread
            state["error"] = exc

    dialog = QProgressDialog(f"Upgrading the library {Path(path).name} to this version…", "", 0, _STEPS, parent)
    dialog.setWindowTitle("Quotedesk: upgrading the library")
    dialog.setCancelButton(None)  # one transaction: it finishes or changes nothing
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setObjectName("UpgradeProgress")
    dialog.show()
    worker = threading.Thread(target=work, name="quotedesk-upgrade", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            worker.join(0.05)
            dialog.setLabelText(f"Upgrading the library {Path(path).name}: {state['what']}…")
            dialog.setValue(int(state["fraction"] * (_STEPS - 1)))
    finally:
        dialog.close()
        dialog.deleteLater()
    if state["error"] is not None:
        raise state["error"]
    return True
