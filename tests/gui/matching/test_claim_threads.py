"""The timeline tells a claim's history (issue 15): lanes are claim threads built with the Matches
panel's ranking, the first occurrence and each change of wording are marked, dots never overlap,
sources and dates are shown (never internal ids), a selected dot shows its word diff against the
previous occurrence, and Compare puts the chosen earlier occurrence left and the selected right."""
from __future__ import annotations

import itertools
import math
import re

import pytest
from PySide6.QtCore import Qt

from quotedesk.core.matching.panel_rows import compute_matches
from quotedesk.core.matching.threads import FIRST
from quotedesk.core.matching.timeline import TimelineItem, speaker_timeline
from quotedesk.gui.matching.timeline_view import SpeakerTimeline, cluster_numbers

from tests.core.matching_helpers import build_library

TIMEOUT = 20_000
PLEDGE = "Under my plan taxes for working families fall by two thousand dollars a year."
#: said by the panel to be a reworded repeat of PLEDGE, with hardly a word in common
PLEDGE_REWORDED = "If I win, a working family keeps two thousand dollars more of its income every year."
BRIDGE = "The new bridge will be finished before the end of next summer, on budget."
NURSES = "Nurses deserve a raise and our hospitals need more of them."

#: a statement memory with a repeat in the same words and reworded repeats in the library
STATEMENTS = [
    ("m1", PLEDGE, "Jane Miller", "2019-03-01", "Campaign rally"),
    ("m2", PLEDGE, "Jane Miller", "2019-09-14", "Town hall"),
    ("m3", BRIDGE, "Jane Miller", "2019-05-05", "Council meeting"),
    ("m4", NURSES, "Jane Miller", "2019-07-01", "Debate"),
]
#: dated articles: two on the same day, one dated after the others
ARTICLES = [
    ("Miller's promise", "2021-03-02", "Daily Bugle", [(PLEDGE_REWORDED, "Jane Miller")]),
    ("Miller at the fair", "2021-03-02", "The Courier", [(PLEDGE, "Jane Miller")]),
    ("Bridge again", "2021-06-01", "Evening Post",
     [("The new bridge will be finished before the end of next summer, and fully on budget.",
       "Jane Miller")]),
    ("Hospitals", "2020-01-10", "Morning Star",
     [("Nurses deserve a raise, and our hospitals need many more of them.", "Jane Miller")]),
]
INTERNAL_ID = re.compile(r"\bq\d+\b|\bm\d\b")


@pytest.fixture
def library(db_path):
    s = build_library(db_path, STATEMENTS, ARTICLES)
    yield s
    s.close()


def loaded_view(qtbot, store, speaker="Jane Miller", size=(1000, 700)) -> SpeakerTimeline:
    view = SpeakerTimeline()
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    view.set_store(store)
    with qtbot.waitSignal(view.sig_loaded, timeout=TIMEOUT):
        view.show_speaker(speaker)
    qtbot.wait(50)  # the layout settles
    return view


def idx(view, statement_id: str) -> int:
    return view.index_of(statement_id)


def test_a_repeat_the_panel_calls_reworded_lands_in_the_same_lane(qtbot, library):
    reworded_q = library.quote_ids[0]
    rows = {r.statement_id: r for r in compute_matches(library, reworded_q, save=False).rows}
    assert rows["m1"].kind == "reworded" and rows["m1"].shown  # what the panel says
    items = speaker_timeline(library, "Jane Miller")
    lexical = dict(zip((i.statement_id for i in items), cluster_numbers(items)))
    assert lexical["m1"] != lexical[f"q{reworded_q}"]  # the words alone do not join them
    view = loaded_view(qtbot, library)
    lane = view.canvas.lane_of
    assert lane(idx(view, "m1")) == lane(idx(view, f"q{reworded_q}")) == lane(idx(view, "m2"))
    assert lane(idx(view, "m1")) == lane(idx(view, f"q{library.quote_ids[1]}"))  # same-day repeat
    assert lane(idx(view, "m3")) != lane(idx(view, "m1"))


def test_first_occurrence_and_each_change_of_wording_are_marked(qtbot, library):
    view = loaded_view(qtbot, library)
    mark = lambda sid: view.canvas.mark(idx(view, sid))  # noqa: E731
    q_reworded, q_same_day, q_bridge, q_nurses = (f"q{q}" for q in library.quote_ids)
    assert mark("m1") == "first"           # 2019-03-01, the claim's first occurrence
    assert mark("m2") == "same"            # the same words, later in 2019
    # 2021-03-02 twice (two articles of one day): the reworded one and the same words again
    assert {mark(q_reworded), mark(q_same_day)} <= {"changed", "same"}
    assert "changed" in {mark(q_reworded), mark(q_same_day)}
    assert mark("m3") == "first" and mark(q_bridge) == "changed"   # "and fully on budget"
    assert mark("m4") == "first" and mark(q_nurses) == "changed"
    occ = view.occurrences()
    assert occ[idx(view, "m2")].previous == idx(view, "m1")
    assert occ[idx(view, "m1")].wording == FIRST
    # the lane label starts with the first occurrence's date
    assert "since 2019-03" in view.canvas._row_label(view.canvas.lane_of(idx(view, "m1")))
    assert "wording changed" in view.info.text()


def _overlaps(view) -> list:
    r = view.canvas.RADIUS + 3  # the ring of a first occurrence
    pts = view.canvas.point_centres()
    return [(a, b) for (a, xa, ya), (b, xb, yb) in itertools.combinations(pts, 2)
            if math.hypot(xa - xb, ya - yb) < 2 * r]


def test_dots_never_overlap_at_any_zoom_or_width(qtbot):
    view = SpeakerTimeline()
    qtbot.addWidget(view)
    view.show()
    items, threads = [], []
    for i in range(160):  # 4 claims, many said on the same day or a day apart, some undated
        day = None if i % 23 == 0 else f"2020-0{1 + i % 3}-{1 + (i // 7) % 3:02d}"
        items.append(TimelineItem(f"x{i}", f"claim {i % 4} said again {i}", "Ann Lee", day, "Radio",
                                  False, i))
        threads.append(i % 4 if i % 9 else 4 + i)  # 4 threads and some single statements
    view.set_statements(items, threads)
    for width in (420, 900, 1800):
        view.resize(width, 600)
        qtbot.wait(10)
        for zoom in (1, 3, 40, 512):
            view.canvas.set_zoom(zoom)
            assert view.canvas.point_count() > 0
            assert _overlaps(view) == [], (width, zoom)
    view.canvas.set_zoom(1)
    assert view.canvas.point_count() == 160  # every statement drawn, none hidden under another
    # the canvas grew to hold the stacked dots; the scroll area scrolls it
    assert view.canvas.minimumHeight() > view.canvas_area.viewport().height()


def test_zoom_by_keyboard_and_wheel_keeps_every_dot_apart(qtbot, library):
    view = loaded_view(qtbot, library)
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_Plus)
    assert view.canvas.zoom() == 2.0
    qtbot.keyClick(view.canvas, Qt.Key.Key_Minus)
    qtbot.keyClick(view.canvas, Qt.Key.Key_0)
    assert view.canvas.zoom() == 1.0 and view.canvas.point_count() == 8
    assert _overlaps(view) == []


def test_sources_and_dates_are_shown_never_internal_ids(qtbot, library):
    view = loaded_view(qtbot, library)
    q_reworded = idx(view, f"q{library.quote_ids[0]}")
    view.select_statement(q_reworded)
    model = view.cluster_model
    assert model.HEADERS == ("Date", "Source", "Wording", "Statement")
    cells = [str(model.index(r, c).data() or "") for r in range(model.rowCount()) for c in range(4)]
    tips = [str(model.index(r, c).data(Qt.ItemDataRole.ToolTipRole) or "")
            for r in range(model.rowCount()) for c in range(4)]
    assert "Daily Bugle" in cells and "Campaign rally" in cells and "2019-03-01" in cells
    assert "first occurrence" in cells and "reworded" in cells
    shown = cells + tips + [view.canvas.tooltip_text(i) for i in range(len(view.statements()))]
    shown += [view.canvas._row_label(r) for r in range(view.canvas.row_count())]
    shown += [view.earlier_combo.itemText(k) for k in range(view.earlier_combo.count())]
    shown += [view.diff.left_title.text(), view.diff.right_title.text(), view.info.text()]
    assert not [t for t in shown if INTERNAL_ID.search(t)]
    assert "2021-03-02 · Daily Bugle" in view.canvas.tooltip_text(q_reworded)


def test_selecting_a_dot_shows_the_word_diff_against_the_previous_occurrence(qtbot, library):
    view = loaded_view(qtbot, library)
    bridge_q = idx(view, f"q{library.quote_ids[2]}")
    with qtbot.waitSignal(view.sig_statement_selected, timeout=1000):
        qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=view.canvas.point_position(bridge_q))
    # previous occurrence m3 (2019, Council meeting) left, the 2021 quote right: two words added
    assert view.diff.inserted_words() == ["and", "fully"] and view.diff.deleted_words() == []
    assert "2019-05-05 · Council meeting" in view.diff.left_title.text()
    assert "2021-06-01 · Evening Post" in view.diff.right_title.text()
    assert "previous occurrence" in view.diff_label.text()
    # the first occurrence has nothing earlier
    view.select_statement(idx(view, "m3"))
    assert "First occurrence" in view.diff_label.text() and not view.compare_button.isEnabled()


def test_compare_from_the_timeline_is_chosen_earlier_left_and_selected_right(qtbot, library):
    view = loaded_view(qtbot, library)
    same_day_q = idx(view, f"q{library.quote_ids[1]}")
    view.select_statement(same_day_q)
    earlier = view.earlier_choices()
    assert idx(view, "m1") in earlier and idx(view, "m2") in earlier
    view.choose_earlier(idx(view, "m1"))  # not the previous occurrence: the analyst's choice
    with qtbot.waitSignal(view.sig_compare_requested, timeout=1000) as blocker:
        view.compare_button.click()
    left, right, left_label, right_label = blocker.args
    assert left == PLEDGE and left_label.startswith("Earlier: 2019-03-01 · Campaign rally")
    assert right == view.statements()[same_day_q].text
    assert right_label.startswith("Selected: 2021-03-02 · The Courier")
    # the other order of choosing gives the same sides: selected (new) is always right
    view.select_statement(idx(view, "m2"))
    view.choose_earlier(idx(view, "m1"))
    with qtbot.waitSignal(view.sig_compare_requested, timeout=1000) as blocker:
        view.compare_button.click()
    assert blocker.args[2].startswith("Earlier: 2019-03-01") and blocker.args[3].startswith("Selected: 2019-09-14")


def test_a_rejected_match_splits_the_thread(qtbot, library):
    from quotedesk.core.matching import decide_match

    reworded_q = library.quote_ids[0]
    for sid in ("m1", "m2", f"q{library.quote_ids[1]}"):
        decide_match(library, reworded_q, sid, "rejected")  # "not the same claim"
    view = loaded_view(qtbot, library)
    lane = view.canvas.lane_of
    assert lane(idx(view, f"q{reworded_q}")) != lane(idx(view, "m1"))
    assert lane(idx(view, "m1")) == lane(idx(view, "m2"))


def test_threads_are_built_in_a_worker_and_a_new_speaker_cancels_the_old(qtbot, library):
    view = SpeakerTimeline()
    qtbot.addWidget(view)
    view.set_store(library)
    view.show_speaker("Jane Miller")
    assert view.busy and view.statements() == []  # nothing computed on the GUI thread
    with qtbot.waitSignal(view.sig_loaded, timeout=TIMEOUT) as blocker:
        view.show_speaker("Nobody Known")
    assert blocker.args == [0, 0] and view.statements() == []
