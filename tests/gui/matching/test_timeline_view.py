"""SpeakerTimeline: a speaker's quotes and statements as points, clusters, filters, clicks."""
from __future__ import annotations

import random


from PySide6.QtCore import Qt

from quotedesk.core.matching.timeline import TimelineItem
from quotedesk.gui.matching.timeline_view import (ClusterStatementsModel, SpeakerTimeline,
                                                  cluster_numbers, load_speaker)

TIMEOUT = 10_000


def make_view(qtbot) -> SpeakerTimeline:
    view = SpeakerTimeline()
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    return view


def st(i: int, text: str, date: str | None) -> TimelineItem:
    return TimelineItem(f"x{i}", text, "Jane Miller", date, "Somewhere", False)


def test_load_speaker_by_name_and_id(store):
    res = load_speaker(store, "Jane Miller")
    sts, clusters = res.items, res.threads
    ids = {s.statement_id for s in sts}
    # 4 imported statements by Miller and her 2 quotes
    assert ids == {"s1", "s2", "s4", "s5", f"q{store.quote_ids[0]}", f"q{store.quote_ids[1]}"}
    assert len(clusters) == 6
    sid = store.query("SELECT id FROM speakers WHERE name = 'Jane Miller'")[0]["id"]
    assert {s.statement_id for s in load_speaker(store, sid).items} == ids
    assert load_speaker(store, "Nobody Known").items == []
    assert load_speaker(store, 10**6).items == []


def test_cluster_numbers():
    texts = ["We will cut taxes for every working family by two thousand dollars.",
             "We will cut the taxes of every working family by two thousand dollars!",
             "Tuition at public universities has doubled over the last decade.",
             "The bridge will be finished next summer.",
             "Tuition at public universities doubled over the last decade."]
    c = cluster_numbers([st(i, t, None) for i, t in enumerate(texts)])
    assert c[0] == c[1] and c[2] == c[4]
    assert len({c[0], c[2], c[3]}) == 3
    assert cluster_numbers([]) == []


def test_loads_a_speaker_and_clicks_a_point(qtbot, store):
    view = make_view(qtbot)
    view.set_store(store)
    with qtbot.waitSignal(view.sig_loaded, timeout=TIMEOUT) as blocker:
        view.show_speaker("Jane Miller")
    n, n_clusters = blocker.args
    assert n == 6
    canvas = view.canvas
    assert canvas.point_count() == 6
    assert n_clusters == canvas.cluster_count() == len(set(view.clusters()))
    i = next(k for k, s in enumerate(view.statements()) if s.statement_id == "s5")
    pos = canvas.point_position(i)
    with qtbot.waitSignal(view.sig_statement_selected, timeout=1000) as sel:
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=pos)
    assert sel.args == ["s5"]
    members = {view.cluster_model.statement(r).statement_id for r in range(view.cluster_model.rowCount())}
    assert "s5" in members
    assert all(view.clusters()[k] == view.clusters()[i] for k, s in enumerate(view.statements())
               if s.statement_id in members)
    # clicking on empty space selects nothing
    with qtbot.assertNotEmitted(view.sig_statement_selected):
        qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=pos.__class__(canvas.width() - 3, 3))


def test_rows_and_colours_follow_the_clusters(qtbot):
    view = make_view(qtbot)
    texts = ["tax pledge A", "tax pledge A again", "bridge B", "bridge B again", "bridge B third",
             "alone C"]
    items = [st(i, t, f"2020-0{i + 1}-01") for i, t in enumerate(texts)]
    view.set_statements(items, [0, 0, 1, 1, 1, 2])
    assert view.canvas.point_count() == 6 and view.canvas.cluster_count() == 3
    assert view.canvas.row_count() == 3  # two repeated claims + the row of single statements
    ys = {view.clusters()[k]: view.canvas.point_position(k).y() for k in range(6)}
    assert len(set(ys.values())) == 3
    with qtbot.waitSignal(view.sig_statement_selected, timeout=1000) as sel:
        qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=view.canvas.point_position(3))
    assert sel.args == ["x3"]
    assert view.cluster_model.rowCount() == 3
    assert "3 occurrences" in view.cluster_label.text()


def test_keyboard_moves_between_points_and_the_list_follows(qtbot):
    view = make_view(qtbot)
    texts = ["tax pledge A", "tax pledge A again", "bridge B", "bridge B again", "bridge B third",
             "alone C"]
    items = [st(i, t, f"2020-0{i + 1}-01") for i, t in enumerate(texts)]
    view.set_statements(items, [0, 0, 1, 1, 1, 2])
    seen = []
    view.sig_statement_selected.connect(seen.append)
    view.canvas.setFocus()
    qtbot.keyClick(view.canvas, Qt.Key.Key_Home)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Right)
    qtbot.keyClick(view.canvas, Qt.Key.Key_Right)
    assert seen == ["x0", "x1", "x2"]
    qtbot.keyClick(view.canvas, Qt.Key.Key_End)
    assert seen[-1] == "x5"
    # the cluster list shows x5's cluster; picking a row there selects that statement
    view.set_statements(items, [0, 0, 1, 1, 1, 1])
    qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=view.canvas.point_position(2))
    assert seen[-1] == "x2" and view.cluster_model.rowCount() == 4
    n = len(seen)
    view.cluster_table.setCurrentIndex(view.cluster_model.index(3, 0))
    assert seen[n:] == ["x5"]


def test_speaker_threads_say_the_same_thing(qtbot, store):
    res = load_speaker(store, "Jane Miller")
    thread = {it.statement_id: t for it, t in zip(res.items, res.threads)}
    q_tax, q_tuition = (f"q{q}" for q in store.quote_ids[:2])
    # s1, s5 (reworded) and the quote repeating s1 are one claim; the tuition quote, which the
    # Matches panel calls a reworded repeat of s4, joins s4; s2 stands alone
    assert thread["s1"] == thread["s5"] == thread[q_tax]
    assert thread["s4"] == thread[q_tuition] != thread["s1"]
    assert len(set(res.threads)) == 3


def test_in_memory_database(qtbot, add_quotes):
    from quotedesk.core.store.db import open_store
    mem = open_store(None)
    add_quotes(mem, "a", "2020-01-01", "o", [("We will build the bridge next year.", "Ann Lee")])
    add_quotes(mem, "b", "2021-05-01", "o", [("We will build that bridge next year!", "Ann Lee")])
    view = make_view(qtbot)
    view.set_store(mem)
    with qtbot.waitSignal(view.sig_loaded, timeout=TIMEOUT) as blocker:
        view.show_speaker("Ann Lee")
    assert blocker.args[0] == 2 and view.canvas.point_count() == 2
    assert view.date_to.calendarWidget().yearShown() == 2021
    mem.close()


def test_filters_by_date_and_text(qtbot, store):
    view = make_view(qtbot)
    view.set_store(store)
    with qtbot.waitSignal(view.sig_loaded, timeout=TIMEOUT):
        view.show_speaker("Jane Miller")
    view.set_date_range("2020-01-01", "2020-12-31")
    assert view.canvas.point_count() == 2  # s5 (2020-02-11) and s4 (2020-09-09)
    view.set_date_range(None, None)
    view.set_text_filter("tuition")
    assert view.canvas.point_count() == 2
    assert "2 of 6 statements" in view.info.text()
    view.set_text_filter("no such words")
    assert view.canvas.point_count() == 0
    assert not view.grab().toImage().isNull()


def test_zero_one_and_a_thousand_statements(qtbot):
    view = make_view(qtbot)
    view.set_statements([])
    assert view.canvas.point_count() == 0
    assert not view.grab().isNull()
    view.set_statements([st(1, "Only one thing said", None)])
    assert view.canvas.point_count() == 1 and view.canvas.cluster_count() == 1
    with qtbot.waitSignal(view.sig_statement_selected, timeout=1000) as sel:
        qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=view.canvas.point_position(0))
    assert sel.args == ["x1"]
    rnd = random.Random(5)
    topics = ["taxes for working families", "nurses in our hospitals", "the bridge budget",
              "tuition and grants", "crime in the capital"]
    many = []
    for i in range(1000):
        t = topics[i % 5]
        text = f"Statement {i} number {rnd.randint(0, 10**9)} about {t} " + " ".join(
            rnd.choice(["indeed", "clearly", "again", "today", "now", "surely"]) for _ in range(3))
        many.append(st(i, text, f"{2010 + i % 12}-{1 + i % 12:02d}-{1 + i % 28:02d}"))
    view.set_statements(many, [i % 40 for i in range(1000)])
    assert view.canvas.point_count() == 1000
    assert view.canvas.cluster_count() == 40
    assert view.canvas.row_count() == 40  # every repeated claim has a lane of its own
    img = view.grab().toImage()
    assert not img.isNull()
    pos = view.canvas.point_position(999)
    with qtbot.waitSignal(view.sig_statement_selected, timeout=1000):
        qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=pos)
    assert view.cluster_model.rowCount() >= 1


def test_cluster_model_passes_modeltester(qtbot, qtmodeltester):
    model = ClusterStatementsModel()
    qtmodeltester.check(model)
    model.set_statements([st(1, "a", "2020-01-01"), st(2, "b", None)])
    qtmodeltester.check(model)
    assert model.index(1, 0).data() == "no date"


def test_a_frequently_repeated_claim_is_one_cluster():
    claims = ["rents must fall", "the ferry will be fixed", "nurses are our priority"]
    items = [st(i, f"I said it before and I say it again: {claims[i % 3]}, believe me.", "2020-01-01")
             for i in range(30)]
    assert len(set(cluster_numbers(items))) == 3


HOSTILE = '<img src="file:///etc/passwd"><b>FAKE HEADLINE</b>'


def test_imported_text_in_the_timeline_is_shown_literally_never_as_rich_text(qtbot):
    """Issue 13 item 10: a title, a statement or a source that looks like HTML is shown as the
    characters it is (no fake headline, no local image loaded), in the title, list and tooltips."""
    from PySide6.QtWidgets import QToolTip

    view = make_view(qtbot)
    items = [TimelineItem(f"x{i}", f"{HOSTILE} said {i}", HOSTILE, f"2020-0{i + 1}-01", HOSTILE, False)
             for i in range(3)]
    view.set_statements(items, [0, 0, 1], title=HOSTILE)
    assert view.title.textFormat() == Qt.TextFormat.PlainText
    assert view.title.text() == HOSTILE  # literal, not "<b>…</b>"-wrapped markup
    for label in (view.info, view.cluster_label):
        assert label.textFormat() == Qt.TextFormat.PlainText
    qtbot.mouseClick(view.canvas, Qt.MouseButton.LeftButton, pos=view.canvas.point_position(0))
    tip = view.cluster_model.data(view.cluster_model.index(0, 3), Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "&lt;img" in tip
    qtbot.mouseMove(view.canvas, view.canvas.point_position(1))
    qtbot.waitUntil(QToolTip.isVisible, timeout=TIMEOUT)
    assert "<img" not in QToolTip.text() and "&lt;img" in QToolTip.text()
