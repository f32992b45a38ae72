"""Set a verdict (true, false, misleading, unverified, or the user's own label) and a note on a
quote or an imported statement; export every verdict as ClaimReview JSON-LD or CSV.

Saving and exports go through the core (``quotedesk.core.matching.verdicts``: one transaction
per save); the dialog holds no SQL. File choosers go through :meth:`VerdictDialog._ask_path` so tests can
monkeypatch them.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QMessageBox, QPlainTextEdit, QPushButton,
                               QVBoxLayout)

from quotedesk.core.matching.verdicts import (clear_verdict, export_claimreview, export_csv,
                                              get_verdict, set_verdict)
from quotedesk.core.store.db import Store, StoreError
from quotedesk.core.matching.panel_rows import (StatementRef, get_statement, resolve_statement_id,
                                               verdict_labels)


def export_verdicts(store: Store, path: str | Path, fmt: str, publisher=None,
                    notes: list[str] | None = None) -> int:
    """Write every verdict to ``path`` as ``"jsonld"`` (ClaimReview by ``publisher``) or ``"csv"``;
    returns how many. ``notes`` receives what a ClaimReview record lacks or had left out."""
    if fmt == "jsonld":
        return len(export_claimreview(store, path, publisher=publisher or "Quotedesk user",
                                      notes=notes))
    export_csv(store, path)
    return store.query("SELECT count(*) AS n FROM verdicts")[0]["n"]


class VerdictDialog(QDialog):
    """Verdict and note for one statement, plus export of all verdicts."""

    sig_verdict_saved = Signal(str, str)
    """A verdict was saved: ``(statement_id, label)``; label is '' when the verdict was removed."""
    sig_exported = Signal(str, int)
    """Verdicts were exported: ``(path, count)``."""

    def __init__(self, store: Store, ref: str | StatementRef, parent=None, settings=None):
        """``ref`` is a statement id (``q<id>`` or an imported id) or a :class:`StatementRef`."""
        super().__init__(parent)
        #: where the ClaimReview publisher is kept (None: the user's Settings file)
        self.settings = settings if settings is not None else getattr(parent, "settings", None)
        self.notes: list[str] = []
        self.setWindowTitle("Verdict")
        self.setObjectName("VerdictDialog")
        self._store = store
        if isinstance(ref, str):
            resolved = resolve_statement_id(store, ref)
            if resolved is None:
                raise KeyError(f"no statement {ref!r}")
            ref = resolved
        self._ref = ref
        self._statement = get_statement(store, ref)
        if self._statement is None:
            raise KeyError(f"no statement {ref.key}")
        st = self._statement

        header = QLabel(
            f"<b>{escape(st.speaker or 'Unknown speaker')}</b>"
            f"{', ' + escape(st.date) if st.date else ''}"
            f"{' · ' + escape(st.source) if st.source else ''}"
            f" <span style='color: palette(placeholder-text)'>({escape(st.statement_id)})</span>"
            f"<br>“{escape(st.text)}”")
        header.setWordWrap(True)
        header.setTextFormat(Qt.TextFormat.RichText)
        header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.label_combo = QComboBox()
        self.label_combo.setEditable(True)
        self.label_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.label_combo.addItems(verdict_labels(store))
        self.label_combo.lineEdit().setPlaceholderText("true, false, misleading, unverified, or your own")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText("Why: sources, reasoning (optional)")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMinimumHeight(80)
        self.current_label = QLabel()
        self.current_label.setObjectName("VerdictCurrent")
        form = QFormLayout()
        form.addRow("Verdict", self.label_combo)
        form.addRow("Note", self.note_edit)
        form.addRow("", self.current_label)

        self.remove_button = QPushButton("Remove verdict")
        self.remove_button.clicked.connect(self._on_remove)
        self.export_jsonld_button = QPushButton("Export ClaimReview JSON-LD…")
        self.export_jsonld_button.clicked.connect(lambda: self._on_export("jsonld"))
        self.export_csv_button = QPushButton("Export CSV…")
        self.export_csv_button.clicked.connect(lambda: self._on_export("csv"))
        exports = QHBoxLayout()
        exports.addWidget(self.export_jsonld_button)
        exports.addWidget(self.export_csv_button)
        exports.addStretch(1)
        exports.addWidget(self.remove_button)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(form)
        layout.addLayout(exports)
        layout.addWidget(self.buttons)
        self.resize(560, 360)
        self._load()
        if store.readonly:
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            self.remove_button.setEnabled(False)

    # --- public ----------------------------------------------------------------------------------
    @property
    def statement_id(self) -> str:
        return self._statement.statement_id

    @property
    def ref(self) -> StatementRef:
        return self._ref

    def set_label(self, label: str) -> None:
        self.label_combo.setCurrentText(label)

    def set_note(self, note: str) -> None:
        self.note_edit.setPlainText(note)

    @Slot()
    def save(self) -> bool:
        """Save what the form says (an empty label removes the verdict); True on success."""
        label = " ".join(self.label_combo.currentText().split())
        try:
            if label:
                v = set_verdict(self._store, self.statement_id, label,
                                self.note_edit.toPlainText().strip())
            else:
                clear_verdict(self._store, self.statement_id)
                v = None
        except StoreError as exc:
            QMessageBox.warning(self, "Verdict not saved", str(exc))
            return False
        self.sig_verdict_saved.emit(self.statement_id, v.label if v else "")
        self._load()
        return True

    def export(self, path: str | Path, fmt: str, publisher=None,
               notes: list[str] | None = None) -> int:
        """Export every verdict to ``path`` (``"jsonld"`` or ``"csv"``); returns how many."""
        n = export_verdicts(self._store, path, fmt, publisher, notes)
        self.sig_exported.emit(str(path), n)
        return n

    # --- internals -------------------------------------------------------------------------------
    def _load(self) -> None:
        v = get_verdict(self._store, self.statement_id)
        if v is None:
            self.label_combo.setCurrentText("")
            self.note_edit.setPlainText("")
            self.current_label.setText("No verdict yet.")
            self.remove_button.setEnabled(False)
        else:
            self.label_combo.setCurrentText(v.label)
            self.note_edit.setPlainText(v.note)
            self.current_label.setText(f"Saved: {v.label}, {v.decided_at[:10]}")
            self.remove_button.setEnabled(not self._store.readonly)

    def _on_save(self) -> None:
        if self.save():
            self.accept()

    def _on_remove(self) -> None:
        self.label_combo.setCurrentText("")
        self.save()

    def _ask_path(self, fmt: str) -> str:
        """Ask where to export (monkeypatched in tests)."""
        if fmt == "jsonld":
            path, _ = QFileDialog.getSaveFileName(self, "Export verdicts as ClaimReview",
                                                  "verdicts.jsonld", "JSON-LD (*.jsonld *.json)")
        else:
            path, _ = QFileDialog.getSaveFileName(self, "Export verdicts as CSV", "verdicts.csv",
                                                  "CSV (*.csv)")
        return path

    def _on_export(self, fmt: str) -> None:
        publisher = None
        if fmt == "jsonld":
            from quotedesk.gui.matching.publisher_dialog import ask_publisher
            from quotedesk.gui.settings import Settings

            publisher = ask_publisher(self, self.settings or Settings())
            if publisher is None:
                return
        path = self._ask_path(fmt)
        if not path:
            return
        notes: list[str] = []
        try:
            n = self.export(path, fmt, publisher, notes)
        except OSError as exc:
            QMessageBox.warning(self, "Export failed", f"Could not write {path}: {exc.strerror or exc}")
            return
        self.notes = notes
        text = f"Exported {n} verdict{'s' if n != 1 else ''} to {Path(path).name}"
        if notes:  # said in the dialog (full list on hover), not in a box that blocks
            text += f"; {len(notes)} note{'s' if len(notes) != 1 else ''}: {notes[0]}"
        self.current_label.setTextFormat(Qt.TextFormat.PlainText)
        self.current_label.setText(text)
        self.current_label.setToolTip("\n".join(notes[:50]))
