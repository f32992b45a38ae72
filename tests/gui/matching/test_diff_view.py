"""DiffView: changed words marked on each side, a summary line, dark palette colours."""
from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from quotedesk.gui.matching.diff_view import DiffView, diff_colors

OLD = "We will cut taxes for every working family in this country by two thousand dollars."
NEW = "We will cut taxes for every family in this country by three thousand dollars."


def test_marks_changed_words(qtbot):
    view = DiffView()
    qtbot.addWidget(view)
    view.set_statements(OLD, NEW, "s1 · Jane Miller · 2019", "this quote")
    assert view.deleted_words() == ["working", "two"]
    assert view.inserted_words() == ["three"]
    assert view.summary_text().startswith("3 words changed (2 removed, 1 added")
    left, right = view.left_html(), view.right_html()
    assert "line-through" in left and "line-through" not in right
    assert "working" in left and "working" not in right
    assert "three" in right and "three" not in left
    # the plain text of each side is the statement itself
    assert view.left.toPlainText() == OLD
    assert view.right.toPlainText() == NEW
    assert "Jane Miller" in view.left_title.text()


def test_each_side_keeps_its_own_spelling(qtbot):
    view = DiffView()
    qtbot.addWidget(view)
    left = "As I said before, we will cut TAXES by two thousand dollars."
    right = "We will cut taxes by three thousand dollars!"
    view.set_statements(left, right)
    assert view.left.toPlainText() == left
    assert view.right.toPlainText() == right
    assert view.deleted_words() == ["As", "I", "said", "before,", "two"]
    assert view.inserted_words() == ["three"]


def test_identical_and_empty(qtbot):
    view = DiffView()
    qtbot.addWidget(view)
    view.set_statements(OLD, OLD.upper())  # case and punctuation do not count
    assert view.summary_text() == "Identical wording"
    view.clear()
    assert view.segments() == []
    assert "Compare" in view.summary_text()


def test_compare_signal_wires_to_view(qtbot):
    from quotedesk.gui.matching.matches_panel import MatchesPanel
    panel, view = MatchesPanel(), DiffView()
    qtbot.addWidget(panel)
    qtbot.addWidget(view)
    panel.sig_compare_requested.connect(view.set_statements)
    panel.sig_compare_requested.emit(OLD, NEW, "left", "right")
    assert view.inserted_words() == ["three"]


def test_dark_palette_colours_are_readable(qtbot):
    view = DiffView()
    qtbot.addWidget(view)
    pal = QPalette(view.palette())
    pal.setColor(QPalette.ColorRole.Base, QColor("#1d1f23"))
    pal.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    view.setPalette(pal)
    view.set_statements(OLD, NEW)
    fg, bg = diff_colors(True)["delete"]
    assert fg in view.left_html()
    # contrast of the marked text against its background is high
    assert abs(QColor(fg).lightnessF() - QColor(bg).lightnessF()) > 0.4
    for dark in (True, False):
        for fg, bg in diff_colors(dark).values():
            assert abs(QColor(fg).lightnessF() - QColor(bg).lightnessF()) > 0.4


def test_grab_not_empty(qtbot):
    view = DiffView()
    qtbot.addWidget(view)
    view.resize(800, 240)
    view.set_statements(OLD, NEW)
    img = view.grab().toImage()
    assert not img.isNull() and img.width() == 800
