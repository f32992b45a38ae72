"""MatchesPanel: background matching, ranking, stale results, decisions, verdict banner, signals."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from quotedesk.core.matching.verdicts import clear_verdict, set_verdict
from quotedesk.gui.matching.match_model import WEAK_SCORE, MatchTableModel
from quotedesk.gui.matching.matches_panel import MatchesPanel

TIMEOUT = 10_000


def make_panel(qtbot, store) -> MatchesPanel:
    panel = MatchesPanel()
    qtbot.addWidget(panel)
    panel.set_store(store)
    return panel


def show(qtbot, panel, quote_id):
    with qtbot.waitSignal(panel.sig_results_ready, timeout=TIMEOUT) as blocker:
        panel.show_quote(quote_id)
    return blocker.args


def test_verbatim_quote_lists_the_earlier_statement_first(qtbot, store):
    panel = make_panel(qtbot, store)
    qid = store.quote_ids[0]
    args = show(qtbot, panel, qid)
    assert args[0] == qid and args[1] >= 1
    first = panel.model.match_row(0)
    assert first.statement_id == "s1"
    assert first.kind == "verbatim" and first.score > 90
    assert first.speaker == "Jane Miller" and first.date == "2019-03-01"
    assert first.match_id is not None  # saved, so it can be confirmed
    # the table (through the sort proxy) shows the best first too
    assert panel.proxy.index(0, 0).data().startswith("We will cut taxes")  # statement first
    assert panel.selected_row().statement_id == "s1"


def test_reworded_quote_finds_the_statement(qtbot, store):
    panel = make_panel(qtbot, store)
    show(qtbot, panel, store.quote_ids[1])
    first = panel.model.match_row(0)
    assert first.statement_id == "s4"
    assert first.kind == "reworded"


def test_stale_results_are_dropped(qtbot, store):
    panel = make_panel(qtbot, store)
    seen = []
    panel.sig_results_ready.connect(lambda qid, n: seen.append(qid))
    with qtbot.waitSignal(panel.sig_results_ready, timeout=TIMEOUT,
                          check_params_cb=lambda qid, n: qid == store.quote_ids[2]):
        panel.show_quote(store.quote_ids[0])
        panel.show_quote(store.quote_ids[1])
        panel.show_quote(store.quote_ids[2])
    qtbot.wait(300)  # give any late worker a chance to (wrongly) deliver
    assert len(seen) == 1  # the quick succession started one match only (debounce)
    from quotedesk.gui.workers import wait_all
    wait_all(5000)
    qtbot.wait(50)
    assert seen == [store.quote_ids[2]]
    assert panel.model.match_row(0).statement_id == "s3"
    assert panel.current_quote_id() == store.quote_ids[2]


def test_weak_matches_hidden_until_asked(qtbot, qtmodeltester, store, add_quotes):
    # said before, only loosely like the 2021 tax pledge
    add_quotes(store, "Old news", "2018-05-01", "The Courier", [
        ("Working families in this town pay too much for parking.", "Sam Reed"),
        ("The country needs more dollars for roads.", "Sam Reed")])
    panel = make_panel(qtbot, store)
    show(qtbot, panel, store.quote_ids[0])
    rows = panel.model.rows()
    weak = [r for r in rows if r.score < WEAK_SCORE]
    assert weak, "the small database has loosely similar statements"
    assert panel.proxy.rowCount() == len(rows) - len(weak)
    assert f"(+{len(weak)} weak)" in panel.status_text()
    qtmodeltester.check(panel.proxy)
    panel.set_show_weak(True)
    assert panel.proxy.rowCount() == len(rows)
    assert "weak" not in panel.status_text()
    qtmodeltester.check(panel.proxy)
    # a confirmed weak match always shows
    panel.select_row(rows.index(weak[0]))
    panel.confirm_button.click()
    panel.set_show_weak(False)
    assert panel.proxy.rowCount() == len(rows) - len(weak) + 1


def test_clearing_the_quote(qtbot, store):
    panel = make_panel(qtbot, store)
    show(qtbot, panel, store.quote_ids[0])
    panel.show_quote(None)
    assert panel.model.rowCount() == 0
    assert panel.banner_text() == ""
    assert not panel.confirm_button.isEnabled()


def test_match_model_passes_modeltester(qtbot, qtmodeltester, store):
    panel = make_panel(qtbot, store)
    show(qtbot, panel, store.quote_ids[0])
    assert panel.model.rowCount() > 1
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.proxy)
    qtmodeltester.check(MatchTableModel())


def test_verdict_banner(qtbot, store):
    panel = make_panel(qtbot, store)
    set_verdict(store, "s1", "false", "The cut was one thousand dollars.")
    show(qtbot, panel, store.quote_ids[0])
    text = panel.banner_text()
    assert text.startswith("Checked before: false, 2019-03-01 — ")  # the checked statement's date
    assert "one thousand" in text and "Jane Miller" in text
    assert not panel._banner.isHidden()
    assert panel.model.match_row(0).verdict.label == "false"
    # removing it hides the banner after a reload
    clear_verdict(store, "s1")
    panel.reload_verdicts()
    assert panel.banner_text() == ""
    assert panel.model.match_row(0).verdict is None


def test_rejected_match_does_not_count_as_checked(qtbot, store):
    panel = make_panel(qtbot, store)
    set_verdict(store, "s1", "false")
    show(qtbot, panel, store.quote_ids[0])
    assert panel.banner_text()
    panel.select_row(0)
    panel.reject_button.click()
    assert panel.banner_text() == ""


def test_verdict_on_the_quote_itself(qtbot, store):
    panel = make_panel(qtbot, store)
    set_verdict(store, f"q{store.quote_ids[0]}", "Needs context", "my own label")
    show(qtbot, panel, store.quote_ids[0])
    assert panel.banner_text().startswith("Your verdict on this quote: Needs context")


def test_no_banner_without_verdicts(qtbot, store):
    panel = make_panel(qtbot, store)
    show(qtbot, panel, store.quote_ids[0])
    assert panel.banner_text() == ""


def test_confirm_reject_and_undo(qtbot, store):
    panel = make_panel(qtbot, store)
    stack = QUndoStack()
    panel.set_undo_stack(stack)
    show(qtbot, panel, store.quote_ids[0])
    row = panel.model.match_row(0)

    def status():
        return store.query("SELECT status FROM matches WHERE id = ?", (row.match_id,))[0]["status"]

    with qtbot.waitSignal(panel.sig_match_status_changed, timeout=1000) as blocker:
        panel.confirm_button.click()
    assert blocker.args == [row.match_id, "confirmed"]
    assert status() == "confirmed"
    assert panel.model.match_row(0).status == "confirmed"
    assert not panel.confirm_button.isEnabled() and panel.reject_button.isEnabled()
    assert stack.undoText().startswith("Confirm match “We will cut taxes")
    stack.undo()
    assert status() == "suggested" and panel.model.match_row(0).status == "suggested"
    stack.redo()
    assert status() == "confirmed"
    # undo, then a re-match replaces the suggested rows (their ids are reassigned, SQLite reuses
    # them in rank order): redo still confirms s1, whatever its row id is now
    stack.undo()
    show(qtbot, panel, store.quote_ids[0])
    new_id = panel.model.match_row(0).match_id
    assert panel.model.match_row(0).statement_id == "s1"
    stack.redo()
    assert store.query("SELECT status FROM matches WHERE id = ?", (new_id,))[0]["status"] == "confirmed"
    assert panel.model.match_row(0).status == "confirmed"
    row = panel.model.match_row(0)
    # decisions survive re-matching the quote
    show(qtbot, panel, store.quote_ids[0])
    assert panel.model.match_row(panel.model.row_of_match(row.match_id)).status == "confirmed"
    panel.select_row(panel.model.row_of_match(row.match_id))
    panel.reject_button.click()
    assert status() == "rejected"


def test_compare_and_open_quote_signals(qtbot, store):
    panel = make_panel(qtbot, store)
    show(qtbot, panel, store.quote_ids[0])
    with qtbot.waitSignal(panel.sig_compare_requested, timeout=1000) as blocker:
        panel.compare_button.click()
    left, right, left_label, right_label = blocker.args
    assert left.startswith("We will cut taxes") and right.startswith("We will cut taxes")
    assert left_label.startswith("Earlier: Jane Miller · 2019-03-01")
    assert right_label.startswith("This quote (new): Jane Miller · 2021-03-02")
    assert "s1" not in left_label  # no internal ids
    # a match that is a stored quote can be opened
    panel.set_show_weak(True)
    quote_rows = [i for i, r in enumerate(panel.model.rows()) if r.is_quote]
    assert not panel.open_button.isEnabled()
    if quote_rows:
        panel.select_row(quote_rows[0])
        assert panel.open_button.isEnabled()
        with qtbot.waitSignal(panel.sig_open_quote, timeout=1000) as blocker:
            panel.open_button.click()
        assert blocker.args == [panel.model.match_row(quote_rows[0]).row_id]


def test_quote_matches_an_earlier_quote(qtbot, store, add_quotes):
    earlier = store.quote_ids[2]  # Tom Baker on hospitals, 2021-04-12
    (new,) = add_quotes(store, "Baker again", "2022-01-01", "The Courier", [
        ("Our hospitals are overwhelmed and this government has done nothing to hire nurses.",
         "Tom Baker")])
    panel = make_panel(qtbot, store)
    show(qtbot, panel, new)
    ids = [r.statement_id for r in panel.model.rows()]
    assert f"q{earlier}" in ids[:2] and "s3" in ids[:2]
    i = ids.index(f"q{earlier}")
    row = panel.model.match_row(i)
    assert row.is_quote and row.source == "The Courier" and row.date == "2021-04-12"
    panel.select_row(i)
    with qtbot.waitSignal(panel.sig_open_quote, timeout=1000) as blocker:
        panel.open_button.click()
    assert blocker.args == [earlier]


def test_panel_grab_not_empty(qtbot, store):
    panel = make_panel(qtbot, store)
    panel.resize(900, 300)
    show(qtbot, panel, store.quote_ids[0])
    img = panel.grab().toImage()
    assert not img.isNull() and img.width() == 900
    assert len({img.pixel(x, y) for x in range(0, 900, 15) for y in range(0, 300, 15)}) > 3
    shot = qtbot.screenshot(panel, suffix="matches")  # lands under this test's tmp_path
    assert shot.exists() and shot.stat().st_size > 1000


def test_in_memory_database_matches_on_the_gui_thread(qtbot, add_quotes):
    from quotedesk.core.store.db import open_store
    from quotedesk.core.store.statements import add_statement
    mem = open_store(None)
    bridge = "The new bridge will be finished before the end of next summer, on budget."
    add_statement(mem, "s6", bridge, speaker="Ann Lee", date="2021-05-05")
    add_statement(mem, "s7", "Rents went up again this year.", speaker="Ann Lee", date="2021-06-05")
    (qid,) = add_quotes(mem, "t", "2022-01-01", "o", [(bridge, "Ann Lee")])
    panel = make_panel(qtbot, mem)
    show(qtbot, panel, qid)
    assert panel.model.match_row(0).statement_id == "s6"
    mem.close()


def test_read_only_database(qtbot, store):
    from quotedesk.core.store.db import open_store
    qid = store.quote_ids[0]
    show_panel = make_panel(qtbot, store)
    show(qtbot, show_panel, qid)  # saves the suggestions once
    ro = open_store(store.path, readonly=True)
    panel = make_panel(qtbot, ro)
    show(qtbot, panel, qid)
    assert panel.model.match_row(0).statement_id == "s1"
    assert "read-only" in panel.status_text()
    assert not panel.confirm_button.isEnabled() and not panel.verdict_button.isEnabled()
    assert panel.compare_button.isEnabled()
    ro.close()


def test_later_statements_are_not_listed(qtbot, store, add_quotes):
    # an older article quoting Baker: the imported statement s3 (2020-01-15) comes later
    (old,) = add_quotes(store, "Old Baker", "2019-01-01", "The Courier", [
        ("Frankly, our hospitals are overwhelmed and the government has done nothing to hire "
         "more nurses.", "Tom Baker")])
    panel = make_panel(qtbot, store)
    show(qtbot, panel, old)
    panel.set_show_weak(True)
    ids = {r.statement_id for r in panel.model.rows()}
    assert "s3" not in ids and f"q{store.quote_ids[2]}" not in ids
    assert all(r.date < "2019-01-01" for r in panel.model.rows())
    assert panel.status_text().startswith("No earlier statement")


def test_result_for_a_deleted_panel_is_ignored(qtbot, store):
    from quotedesk.gui.workers import wait_all
    panel = MatchesPanel()
    panel.set_store(store)
    panel.show_quote(store.quote_ids[0])
    panel.deleteLater()
    qtbot.wait(10)  # the panel's C++ side is gone before the worker answers
    assert wait_all(10_000)
    qtbot.wait(50)  # the queued result arrives and is dropped without touching the widget


def test_a_result_arriving_after_a_newer_selection_is_dropped(qtbot, store, monkeypatch):
    import threading

    from quotedesk.gui.matching import matches_panel
    from quotedesk.gui.workers import wait_all
    release = threading.Event()
    real = matches_panel.compute_matches

    def slow_for_the_first_quote(s, quote_id, **kw):  # worker thread
        if quote_id == store.quote_ids[0]:
            release.wait(5)
        return real(s, quote_id, **kw)
    monkeypatch.setattr(matches_panel, "compute_matches", slow_for_the_first_quote)
    panel = MatchesPanel(debounce_ms=0)
    qtbot.addWidget(panel)
    panel.set_store(store)
    seen = []
    panel.sig_results_ready.connect(lambda qid, n: seen.append(qid))
    panel.show_quote(store.quote_ids[0])
    qtbot.waitUntil(lambda: panel._op is not None, timeout=2000)  # the first worker is running
    first_op = panel._op
    threading.Timer(0.3, release.set).start()  # the first (stale) result comes back later
    with qtbot.waitSignal(panel.sig_results_ready, timeout=TIMEOUT,
                          check_params_cb=lambda qid, n: qid == store.quote_ids[2]):
        panel.show_quote(store.quote_ids[2])
    assert first_op is not panel._op
    wait_all(5000)
    qtbot.wait(50)
    assert seen == [store.quote_ids[2]]
    assert panel.model.match_row(0).statement_id == "s3"


def test_finished_background_ops_are_released(qtbot, store):
    from quotedesk.gui import workers
    from quotedesk.gui.workers import wait_all
    panel = make_panel(qtbot, store)
    for qid in store.quote_ids:
        show(qtbot, panel, qid)
    wait_all(5000)
    qtbot.waitUntil(lambda: not workers._running, timeout=2000)  # destroyed on the GUI thread


def test_keys_in_the_table(qtbot, store):
    panel = make_panel(qtbot, store)
    panel.show()
    qtbot.waitExposed(panel)
    show(qtbot, panel, store.quote_ids[0])
    panel.table.setFocus()
    with qtbot.waitSignal(panel.sig_compare_requested, timeout=1000):
        qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    with qtbot.waitSignal(panel.sig_match_status_changed, timeout=1000) as blocker:
        qtbot.keyClick(panel.table, Qt.Key.Key_Y)
    assert blocker.args[1] == "confirmed"
    assert [a.text() for a in panel.table.actions()] == ["Compare", "Confirm", "Reject", "Open quote",
                                                         "Verdict…"]


def test_panel_finds_a_reworded_claim_by_meaning(qtbot, store, add_quotes):
    """With the semantic index built, the panel (in its worker) lists a statement that shares
    no content word with the quote."""
    from quotedesk.core.matching import semantic

    (qid,) = add_quotes(store, "Miller on jobs", "2021-06-01", "Daily Bugle", [
        ("Fewer people are out of work than at any time in half a century, and pay is going up.",
         "Jane Miller")])
    semantic.index_statements(store)
    semantic.index_quotes(store)
    panel = make_panel(qtbot, store)
    show(qtbot, panel, qid)
    first = panel.model.match_row(0)
    assert first.statement_id == "s2" and first.speaker == "Jane Miller"
    assert first.kind == "reworded"
    assert "by words only" not in panel.status_text()
    assert "by meaning" in panel._status.toolTip()


def test_panel_says_when_matching_is_by_words_only(qtbot, store):
    panel = make_panel(qtbot, store)          # this database has no sentence vectors
    show(qtbot, panel, store.quote_ids[0])
    assert "by words only" in panel.status_text()
    assert "no sentence vectors" in panel._status.toolTip()
