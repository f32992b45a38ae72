"""File > Export from the window: each quote's earlier matches go with it (as `quotedesk export`
gives them) unless the analyst picks "quotes only"; the export runs in the background with a
progress dialog whose Cancel leaves no file behind and an earlier file intact."""
from __future__ import annotations

import csv
import json

from PySide6.QtWidgets import QFileDialog

from quotedesk.core.exporting import EARLIER_FIELDS, export_text
from quotedesk.gui.export_actions import EXPORT_FILTERS, PLAIN_FILTERS

from tests.core.matching_helpers import build_library

PLEDGE = "We will reopen the harbour bridge to traffic before the end of May this year."


def _library(db_path, n_articles=1):
    statements = [("pf-1", PLEDGE, "Ana Rivera", "2023-03-01", "PolitiFact")]
    articles = [(f"Bridge {i}", f"2024-05-{1 + i % 27:02d}", "Harbor Gazette",
                 [(PLEDGE.replace("May", "June") if i % 2 else PLEDGE, "Ana Rivera"),
                  (f"The ferry timetable number {i} changes on Monday for every passenger.", "Tom Baker")])
                for i in range(n_articles)]
    store = build_library(db_path, statements, articles)
    store.close()


def _save_as(monkeypatch, target, chosen_filter):
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), chosen_filter)))


def _run(qtbot, window, action):
    action.trigger()
    op = window.exports.export_op
    with qtbot.waitSignal(op.sig_finished, timeout=120000):
        pass
    return op


def test_the_default_export_carries_the_earlier_matches_as_the_command_line_does(
        qtbot, make_window, db_path, tmp_path, monkeypatch):
    _library(db_path)
    w = make_window()
    target = tmp_path / "all.csv"
    _save_as(monkeypatch, target, EXPORT_FILTERS[0])
    _run(qtbot, w, w.act_export_all)
    rows = list(csv.DictReader(target.open(encoding="utf-8", newline="")))
    assert set(EARLIER_FIELDS) <= set(rows[0])
    pledge = next(r for r in rows if r["text"] == PLEDGE)
    assert int(pledge["earlier_count"]) >= 1 and pledge["earlier_best_date"] == "2023-03-01"
    # the very file `quotedesk export --format csv` writes for the same database
    with target.open(encoding="utf-8", newline="") as fh:
        assert fh.read() == export_text(w.store, "csv", earlier=True)

    target = tmp_path / "all.json"
    _save_as(monkeypatch, target, EXPORT_FILTERS[1])
    _run(qtbot, w, w.act_export_all)
    records = json.loads(target.read_text(encoding="utf-8"))
    earlier = next(r for r in records if r["text"] == PLEDGE)["earlier"]
    assert earlier[0]["statement_id"] == "pf-1" and earlier[0]["date"] == "2023-03-01"


def test_quotes_only_leaves_the_earlier_matches_out(qtbot, make_window, db_path, tmp_path, monkeypatch):
    _library(db_path)
    w = make_window()
    target = tmp_path / "plain.json"
    _save_as(monkeypatch, target, PLAIN_FILTERS[1])
    _run(qtbot, w, w.act_export_all)
    records = json.loads(target.read_text(encoding="utf-8"))
    assert len(records) == 2 and all("earlier" not in r for r in records)


def test_cancel_writes_nothing_and_keeps_the_earlier_file(qtbot, make_window, db_path, tmp_path, monkeypatch):
    _library(db_path, n_articles=150)  # 300 quotes, each matched: seconds of work
    w = make_window()
    target = tmp_path / "all.csv"
    target.write_text("the analyst's earlier export\n", encoding="utf-8")
    _save_as(monkeypatch, target, EXPORT_FILTERS[0])
    w.act_export_all.trigger()
    op = w.exports.export_op
    assert not op.finished  # the window is back at once; the work goes on in the background
    op.cancel()
    with qtbot.waitSignal(op.sig_finished, timeout=120000):
        pass
    assert target.read_text(encoding="utf-8") == "the analyst's earlier export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("all")) == ["all.csv"]
    assert "cancelled" in w.statusBar().currentMessage()
