"""Speakers panel (rename, merge as one undo step), search, library filters, exports, settings, themes."""
from __future__ import annotations

import csv
import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from quotedesk.core.store.speakers import speaker_names
from quotedesk.gui import speaker_picker
from quotedesk.gui.main_window import SEARCH_TAB
from quotedesk.gui.speaker_picker import SpeakerChoice


def _sid(w, name):
    return next(sid for sid, n in speaker_names(w.store) if n == name)


def test_rename_and_merge_speakers_undo(qtbot, make_window, library, monkeypatch):
    from quotedesk.gui.main_window import SPEAKERS_TAB

    w = make_window()
    panel = w.speakers
    assert panel.model.rowCount() == 0  # loaded lazily, when first shown, in the background
    with qtbot.waitSignal(panel.sig_loaded, timeout=10_000):
        w.show_tab(SPEAKERS_TAB)
    assert panel.model.rowCount() == 3
    ruiz, berg = _sid(w, "Tom Ruiz"), _sid(w, "Anna Berg")
    panel.select_speaker(ruiz)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Tomas Ruiz", True)))
    with qtbot.waitSignal(panel.sig_loaded, timeout=10_000):
        panel.rename_button.click()
    assert "Tomas Ruiz" in dict(speaker_names(w.store)).values()
    row = next(r for r in range(panel.model.rowCount()) if panel.model.speaker(r)["id"] == ruiz)
    assert "Tom Ruiz" in panel.model.speaker(row)["aliases"]

    w.open_article(library["a"])
    panel.select_speaker(ruiz)
    monkeypatch.setattr(speaker_picker, "ask_speaker", lambda *a, **k: SpeakerChoice(speaker_id=berg))
    panel.merge_button.click()
    assert ruiz not in dict(speaker_names(w.store))
    assert {q.speaker_label for q in w.article.model.quotes} == {"Anna Berg"}  # the open article follows
    assert w.undo_stack.count() == 2
    w.act_undo.trigger()  # one step undoes the whole merge
    assert ruiz in dict(speaker_names(w.store))
    assert "Tomas Ruiz" in {q.speaker_label for q in w.article.model.quotes}


def test_search_opens_article_at_quote(qtbot, make_window, library):
    w = make_window()
    w.show_tab(SEARCH_TAB)
    w.search.query.setText('money "is')  # FTS syntax is just text
    w.search.run_search()
    assert w.search.model.rowCount() == 1
    idx = w.search.model.index(0, 1)
    w.search.table.clicked.emit(idx)
    assert w.article.article_id == library["a"]
    assert "money" in w.article.current_quote().text
    w.search.set_speaker(_sid(w, "the union"))
    w.search.query.clear()
    w.search.run_search()
    assert w.search.model.rowCount() == 1
    w.search.set_speaker(None)
    w.search.status.setCurrentIndex(w.search.status.findData("auto"))
    assert w.search.model.rowCount() == 4
    w.search.status.setCurrentIndex(w.search.status.findData("confirmed"))
    assert w.search.model.rowCount() == 0


def test_library_filters(qtbot, make_window, library):
    w = make_window()
    lib = w.library
    lib.outlet.setCurrentIndex(lib.outlet.findData("Rundschau"))
    assert lib.model.rowCount() == 1
    lib.outlet.setCurrentIndex(0)
    lib.date_from.setText("2024-05")
    lib.apply_filter()
    assert lib.model.rowCount() == 1
    lib.date_from.clear()
    lib.date_to.setText("2024-04")
    lib.apply_filter()
    assert lib.model.rowCount() == 1 and lib.model.index(0, 1).data() == "Rundschau"
    lib.date_to.clear()
    lib.search.setText("fantasy")
    lib.apply_filter()
    assert lib.model.rowCount() == 1 and lib.model.index(0, 1).data() == "Harbor Gazette"
    lib.search.clear()
    lib.speaker.setCurrentIndex(lib.speaker.findText("the union"))
    assert lib.model.rowCount() == 1 and lib.model.index(0, 1).data() == "Rundschau"
    lib.speaker.setCurrentIndex(0)
    lib.review.setCurrentIndex(lib.review.findData("reviewed"))
    assert lib.model.rowCount() == 0
    assert "0 articles" in lib.count.text()


def test_exports(qtbot, make_window, library, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    w = make_window()
    w.open_article(library["a"])
    target = tmp_path / "out.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))

    def export(action):
        action.trigger()
        with qtbot.waitSignal(w.exports.export_op.sig_finished, timeout=60000):
            pass

    export(w.act_export)
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert len(rows) == 3 and {r["speaker"] for r in rows} == {"Anna Berg", "Tom Ruiz"}
    target = tmp_path / "sel.json"
    w.article.table.selectRow(0)
    export(w.act_export_sel)
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 1
    target = tmp_path / "report.html"
    w.act_report.trigger()
    page = target.read_text(encoding="utf-8")
    assert "class='q'" in page and "Tom Ruiz" in page and "Leaders agree to talk" in page
    target = tmp_path / "report.pdf"
    w.act_report.trigger()
    assert target.read_bytes().startswith(b"%PDF")
    target = tmp_path / "found.csv"
    w.search.query.setText("the")
    w.search.run_search()
    export(w.act_export_view)
    assert len(list(csv.DictReader(target.open(encoding="utf-8")))) == w.search.model.rowCount() > 0


def test_settings_remember_geometry_and_splitters(qtbot, make_window, settings_path):
    w = make_window()
    w.resize(701, 555)  # the offscreen screen is 800x600: stay inside it
    size = w.size()  # (or the window's minimum width)
    w.splitter.setSizes([w.splitter.sizes()[0] + 40, w.splitter.sizes()[1] - 40])
    wanted = w.splitter.sizes()
    w.close()
    assert settings_path.exists()
    w2 = make_window()
    assert w2.size() == size
    before = w2.article.view.font().pointSizeF()
    w2.act_zoom_in.trigger()
    w2.act_zoom_in.trigger()
    assert w2.article.view.font().pointSizeF() == before + 2
    w2.close()
    w3 = make_window()
    assert w3.article.view.font().pointSizeF() == before + 2
    assert w2.splitter.sizes() == wanted


def test_settings_are_typed_and_isolated(settings_path):
    from quotedesk.gui.settings import Settings, default_settings_path

    assert default_settings_path() == settings_path  # the autouse fixture points here
    s = Settings()
    assert s.theme == "system" and s.get("library/page_size") == 200
    s.theme = "dark"
    s.sync()
    assert Settings(settings_path).theme == "dark"


def test_theme_switch_and_stable_colours(qtbot, make_window, library):
    from PySide6.QtWidgets import QApplication

    from quotedesk.gui.colors import is_dark, speaker_color
    from quotedesk.gui.theme import apply_theme, stylesheet

    assert "ArticleHeader" in stylesheet("light")
    assert speaker_color(7, dark=False) == speaker_color(7, dark=False)
    assert speaker_color(7, dark=False) != speaker_color(8, dark=False)
    assert speaker_color(7, dark=True).lightnessF() < 0.5 < speaker_color(7, dark=False).lightnessF()
    from PySide6.QtGui import QColor

    from quotedesk.gui.colors import contrast, speaker_accent
    for key in [None, *range(400), "Anna Berg"]:  # readable in both palettes, for every hue
        assert contrast(speaker_color(key, dark=False), QColor("black")) >= 7
        assert contrast(speaker_color(key, dark=True), QColor("#e6e6e6")) >= 7
        assert contrast(speaker_accent(key, dark=False), QColor("white")) >= 4.5
        assert contrast(speaker_accent(key, dark=True), QColor("black")) >= 4.5
    w = make_window()
    w.open_article(library["a"])
    try:
        w.act_themes["dark"].trigger()
        assert is_dark() and w.settings.theme == "dark"
        w.act_themes["light"].trigger()
        assert not is_dark()
    finally:
        apply_theme(QApplication.instance(), "system")


def test_every_action_has_a_tooltip_and_shortcuts_dialog(qtbot, make_window):
    from quotedesk.gui.dialogs import ShortcutsDialog

    w = make_window()
    for act in w.actions():
        assert act.toolTip() and act.toolTip() != act.text().replace("&", ""), act.text()
    keys = [k.toString() for act in w.actions() for k in act.shortcuts()]
    assert len(keys) == len(set(keys)), "a key bound twice is ambiguous and fires neither action"
    dlg = ShortcutsDialog(w.actions(), w)
    qtbot.addWidget(dlg)
    html = dlg.findChild(type(dlg.layout().itemAt(0).widget())).toHtml()
    assert "Ctrl+Shift+V" in html and "Confirm quote" in html


def test_read_only_store_refuses_edits(qtbot, make_window, library, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: shown.append(a[2])))
    w = make_window()
    w.store.readonly = True
    w.open_article(library["a"])
    w.article.table.selectRow(0)
    w.act_confirm.trigger()
    assert shown and "read-only" in shown[0]
    assert w.undo_stack.count() == 0


def test_session_and_undo_elsewhere(qtbot, make_window, library, monkeypatch):
    from quotedesk.gui.main_window import REVIEW_TAB

    w = make_window()
    w.open_article(library["b"])
    w.article.table.selectRow(0)
    w.act_delete.trigger()
    w.open_article(library["a"])
    w.act_undo.trigger()  # undoing a change in another article shows that article
    assert w.article.article_id == library["b"] and w.article.model.rowCount() == 1
    w.tabs.setCurrentIndex(REVIEW_TAB)
    w.close()
    w2 = make_window()
    assert w2.article.article_id == library["b"] and w2.tabs.currentIndex() == REVIEW_TAB


def test_picker_finds_speakers_by_alias(qtbot, db_path, library):
    from quotedesk.core.store import open_store
    from quotedesk.gui.speaker_picker import SpeakerPicker

    from quotedesk.core.store.edits import RenameSpeaker, apply

    store = open_store(db_path)
    berg = next(sid for sid, name in speaker_names(store) if name == "Anna Berg")
    apply(store, RenameSpeaker(berg, "Annika Berg-Lund"))  # "Anna Berg" stays an alias
    picker = SpeakerPicker(store)
    qtbot.addWidget(picker)
    qtbot.keyClicks(picker.edit, "anna b")
    assert picker.proxy.rowCount() == 1
    assert "Anna Berg" in picker.proxy.index(0, 0).data()
    picker.accept()
    assert picker.choice.speaker_id == berg and picker.choice.new_name is None
    picker2 = SpeakerPicker(store, initial="")
    qtbot.addWidget(picker2)
    qtbot.keyClicks(picker2.edit, "Nobody Known")
    picker2.accept()
    assert picker2.choice.new_name == "Nobody Known" and picker2.choice.speaker_id is None
    picker3 = SpeakerPicker(store)  # "Tom" matches Tom Ruiz, but Shift+Enter makes a new "Tom"
    qtbot.addWidget(picker3)
    qtbot.keyClicks(picker3.edit, "Tom")
    assert picker3.proxy.rowCount() == 1
    qtbot.keyClick(picker3.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert picker3.choice == SpeakerChoice(new_name="Tom")
    union = next(sid for sid, name in speaker_names(store) if name == "the union")
    picker4 = SpeakerPicker(store, recent=[union])  # recently used speakers come first, preselected
    qtbot.addWidget(picker4)
    assert picker4.proxy.index(0, 0).data(Qt.ItemDataRole.DisplayRole).startswith("the union")
    qtbot.keyClick(picker4.edit, Qt.Key.Key_Return)
    assert picker4.choice == SpeakerChoice(speaker_id=union)
    picker5 = SpeakerPicker(store)
    qtbot.addWidget(picker5)
    qtbot.keyClicks(picker5.edit, "no speak")
    qtbot.keyClick(picker5.edit, Qt.Key.Key_Return)
    assert picker5.choice == SpeakerChoice() and picker5.choice.op_args() == {"speaker_ids": (), "new_names": ()}
    store.close()


def test_side_tab_extension_point(qtbot, make_window, library):
    from PySide6.QtWidgets import QLabel

    w = make_window()
    seen = []
    w.article.sig_current_quote_changed.connect(seen.append)
    index = w.add_side_tab(QLabel("matches"), "Matches", tooltip="Earlier statements")
    assert w.tabs.tabText(index) == "Matches" and w.tabs.tabToolTip(index) == "Earlier statements"
    w.open_article(library["a"])
    w.article.table.selectRow(0)
    assert seen and seen[-1] is not None


def test_matches_tab_follows_the_selected_quote_only_when_shown(qtbot, make_window, library):
    from quotedesk.gui.main_window import MATCHES_TAB

    w = make_window()
    assert w.matches is not None and w.tabs.tabText(MATCHES_TAB) == "Matches"
    assert w.tabs.minimumSizeHint().width() < 500  # an embedded panel must not squeeze the article
    w.open_article(library["a"])
    w.article.table.selectRow(0)
    assert w.matches.current_quote_id() is None  # hidden: no matching work
    qtbot.keyClick(w, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert w.tabs.currentIndex() == MATCHES_TAB
    assert w.matches.current_quote_id() == w.article.current_quote_id()
    w.article.table.selectRow(1)
    assert w.matches.current_quote_id() == w.article.current_quote_id()
    qtbot.waitUntil(lambda: not w.matches.busy, timeout=10_000)


def test_a_failing_edit_is_reported_and_leaves_no_undo_step(qtbot, make_window, library, monkeypatch):
    from quotedesk.core.store.edits import DeleteQuote

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: shown.append(a[2])))
    w = make_window()
    w.push_ops([DeleteQuote(987654)])
    assert shown and "no longer exists" in shown[0]
    assert w.undo_stack.count() == 0 and not w.act_undo.isEnabled()


def test_speaker_details_and_split_alias(qtbot, make_window, library, monkeypatch):
    from quotedesk.core.store.edits import RenameSpeaker, apply
    from quotedesk.core.store.speakers import get_speaker
    from quotedesk.gui import dialogs
    from quotedesk.gui.main_window import SPEAKERS_TAB

    w = make_window()
    berg = _sid(w, "Anna Berg")
    apply(w.store, RenameSpeaker(berg, "Annika Berg"))  # "Anna Berg" becomes an alias
    panel = w.speakers
    with qtbot.waitSignal(panel.sig_loaded, timeout=10_000):
        w.show_tab(SPEAKERS_TAB)
    panel.select_speaker(berg)
    monkeypatch.setattr(dialogs, "ask_speaker_details", lambda *a, **k: {"kind": "person",
                                                                          "description": "mayor"})
    with qtbot.waitSignal(panel.sig_loaded, timeout=10_000):
        panel.details_button.click()
    assert get_speaker(w.store, berg)["description"] == "mayor"
    w.open_article(library["a"])
    w.article.select_quote(next(q.id for q in w.article.model.quotes if berg in q.speaker_ids))
    assert "(mayor)" in w.article.details.text_of("speaker")
    panel.select_speaker(berg)
    panel.split_button.click()
    dialog = panel.split_dialog
    assert dialog.names.currentText() == "Anna Berg"  # the other name, with the quotes made through it
    assert dialog.name.text() == "Anna Berg"  # the new speaker's name is offered: the alias they were quoted as
    with qtbot.waitSignal(panel.sig_loaded, timeout=10_000):
        dialog.ok_button.click()
    assert "Anna Berg" in dict(speaker_names(w.store)).values()
    assert w.undo_stack.count() == 2
    w.act_undo.trigger()  # one step puts the alias back
    assert "Anna Berg" not in dict(speaker_names(w.store)).values()
