"""ClaimReview export from the window asks for the publisher it lacks and names it (issue 15)."""
from __future__ import annotations

import json

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from quotedesk.core.matching.claimreview import Publisher, missing_properties
from quotedesk.gui.matching import VerdictDialog
from quotedesk.gui.matching.publisher_dialog import (PublisherDialog, publisher_from_settings,
                                                     save_publisher)
from quotedesk.gui.settings import Settings


def ok_button(dialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_dialog_says_what_is_missing_and_ok_waits_for_it(qtbot):
    d = PublisherDialog(Publisher())
    qtbot.addWidget(d)
    assert not ok_button(d).isEnabled()
    assert "organisation's name" in d.missing_label.text()
    d.edits["name"].setText("Harbor Checks")
    d.edits["url"].setText("javascript:alert(1)")
    d.edits["review_url_pattern"].setText("https://checks.example/r/{id}")
    assert not ok_button(d).isEnabled() and "web address" in d.missing_label.text()
    d.edits["url"].setText("https://checks.example")
    assert ok_button(d).isEnabled() and d.missing_label.text() == ""


def test_export_asks_for_the_publisher_once_then_uses_settings(qtbot, store, tmp_path, settings_path):
    settings = Settings(settings_path)
    dlg = VerdictDialog(store, "s1", settings=settings)
    qtbot.addWidget(dlg)
    dlg.set_label("false")
    dlg.save()
    out = tmp_path / "cr.jsonld"
    dlg._ask_path = lambda fmt: str(out)
    asked = []

    def fill():
        d = QApplication.activeModalWidget()
        assert isinstance(d, PublisherDialog)
        asked.append(d.missing_label.text())
        d.edits["name"].setText("Harbor Checks")
        d.edits["url"].setText("https://checks.example")
        d.edits["review_url_pattern"].setText("https://checks.example/r/{id}")
        ok_button(d).click()

    QTimer.singleShot(0, fill)
    with qtbot.waitSignal(dlg.sig_exported, timeout=3000):
        dlg.export_jsonld_button.click()
    assert asked and "organisation's name" in asked[0]
    (item,) = json.loads(out.read_text())
    assert item["author"] == {"@type": "Organization", "name": "Harbor Checks",
                              "url": "https://checks.example"}
    assert item["url"] == "https://checks.example/r/s1" and missing_properties(item) == []
    assert publisher_from_settings(Settings(settings_path)).name == "Harbor Checks"  # kept
    # the second export does not ask again (a modal dialog would time the signal out)
    out.unlink()
    with qtbot.waitSignal(dlg.sig_exported, timeout=3000):
        dlg.export_jsonld_button.click()
    assert out.exists() and len(asked) == 1


def test_cancelling_the_publisher_writes_nothing(qtbot, store, tmp_path, settings_path):
    dlg = VerdictDialog(store, "s1", settings=Settings(settings_path))
    qtbot.addWidget(dlg)
    dlg.set_label("false")
    dlg.save()
    out = tmp_path / "cr.jsonld"
    dlg._ask_path = lambda fmt: str(out)
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    dlg.export_jsonld_button.click()
    assert not out.exists()


def test_saved_publisher_round_trips(settings_path):
    pub = Publisher("A", "https://a.example", "https://a.example/l.png", "https://a.example/{id}")
    save_publisher(Settings(settings_path), pub)
    assert publisher_from_settings(Settings(settings_path)) == pub
