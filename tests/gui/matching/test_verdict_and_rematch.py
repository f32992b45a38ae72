"""VerdictDialog (save, custom labels, remove, ClaimReview/CSV export) and RematchDialog."""
from __future__ import annotations

import csv
import json

import pytest

from quotedesk.core.store.db import open_store
from quotedesk.core.matching.verdicts import get_verdict
from quotedesk.core.matching.panel_rows import StatementRef, verdict_labels
from quotedesk.gui.matching.rematch_dialog import RematchDialog
from quotedesk.gui.matching.verdict_dialog import VerdictDialog

TIMEOUT = 20_000


def test_verdict_dialog_saves_and_removes(qtbot, store):
    dlg = VerdictDialog(store, "s1")
    qtbot.addWidget(dlg)
    assert dlg.current_label.text() == "No verdict yet."
    labels = [dlg.label_combo.itemText(i) for i in range(dlg.label_combo.count())]
    assert {"true", "false", "misleading", "unverified"} <= set(labels)
    dlg.set_label("False")
    dlg.set_note("It was one thousand dollars.")
    with qtbot.waitSignal(dlg.sig_verdict_saved, timeout=1000) as blocker:
        assert dlg.save()
    assert blocker.args == ["s1", "false"]
    ref = "s1"
    v = get_verdict(store, ref)
    assert v.label == "false" and v.note == "It was one thousand dollars."
    assert dlg.current_label.text().startswith("Saved: false, ")
    # a second save replaces it (one verdict per statement)
    dlg.set_label("half true")
    dlg.save()
    assert get_verdict(store, ref).label == "half true"  # the user's own label, kept as typed
    assert store.query("SELECT count(*) AS n FROM verdicts")[0]["n"] == 1
    assert "half true" in verdict_labels(store)
    with qtbot.waitSignal(dlg.sig_verdict_saved, timeout=1000) as blocker:
        dlg.remove_button.click()
    assert blocker.args == ["s1", ""]
    assert get_verdict(store, ref) is None


def test_verdict_on_a_quote_and_unknown_ids(qtbot, store):
    qid = store.quote_ids[2]
    dlg = VerdictDialog(store, StatementRef(True, qid))
    qtbot.addWidget(dlg)
    assert dlg.statement_id == f"q{qid}"
    dlg.set_label("misleading")
    dlg.buttons.accepted.emit()  # Save closes the dialog
    assert dlg.result() == dlg.DialogCode.Accepted
    assert get_verdict(store, f"q{qid}").label == "misleading"
    with pytest.raises(KeyError):
        VerdictDialog(store, "no-such-id")


def test_export_claimreview_and_csv(qtbot, store, tmp_path, monkeypatch):
    qid = store.quote_ids[0]
    for ref, label, note in (("s1", "false", "Only $1,000."), (f"q{qid}", "unverified", ""),
                             ("s2", "true", "BLS data.")):
        d = VerdictDialog(store, ref)
        qtbot.addWidget(d)
        d.set_label(label)
        d.set_note(note)
        d.save()
    from quotedesk.core.matching.claimreview import Publisher
    from quotedesk.gui.matching.publisher_dialog import save_publisher
    from quotedesk.gui.settings import Settings

    settings = Settings(tmp_path / "s.ini")
    save_publisher(settings, Publisher("Bugle Checks", "https://bugle.example", "",
                                       "https://bugle.example/checks/{id}"))
    dlg = VerdictDialog(store, "s1", settings=settings)
    qtbot.addWidget(dlg)
    out = tmp_path / "verdicts.jsonld"
    monkeypatch.setattr(dlg, "_ask_path", lambda fmt: str(out))
    with qtbot.waitSignal(dlg.sig_exported, timeout=1000) as blocker:
        dlg.export_jsonld_button.click()
    assert blocker.args == [str(out), 3]
    reviews = json.loads(out.read_text(encoding="utf-8"))
    assert len(reviews) == 3
    by_id = {r["identifier"]: r for r in reviews}
    r = by_id["s1"]
    assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
    assert r["claimReviewed"].startswith("We will cut taxes")
    assert r["reviewRating"]["alternateName"] == "false" and r["reviewRating"]["ratingValue"] == 1
    assert r["itemReviewed"]["author"]["name"] == "Jane Miller"
    assert r["itemReviewed"]["datePublished"] == "2019-03-01"
    assert r["itemReviewed"]["appearance"]["url"] == "https://example.org/s1"
    assert r["reviewBody"] == "Only $1,000."
    q = by_id[f"q{qid}"]
    assert q["itemReviewed"]["appearance"]["publisher"]["name"] == "Daily Bugle"
    assert "ratingValue" not in q["reviewRating"]
    out_csv = tmp_path / "verdicts.csv"
    monkeypatch.setattr(dlg, "_ask_path", lambda fmt: str(out_csv))
    dlg.export_csv_button.click()
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8", newline="")))
    assert {r["statement_id"]: r["label"] for r in rows} == {"s1": "false", f"q{qid}": "unverified",
                                                            "s2": "true"}
    assert rows[0]["note"] == "Only $1,000."
    assert not dlg.grab().isNull()


def test_panel_verdict_button_refreshes_banner(qtbot, store):
    from quotedesk.gui.matching.matches_panel import MatchesPanel
    panel = MatchesPanel()
    qtbot.addWidget(panel)
    panel.set_store(store)
    with qtbot.waitSignal(panel.sig_results_ready, timeout=TIMEOUT):
        panel.show_quote(store.quote_ids[0])
    assert panel.banner_text() == ""
    panel.verdict_button.click()
    dlg = panel._verdict_dialog
    assert dlg.statement_id == "s1"
    dlg.set_label("false")
    with qtbot.waitSignal(panel.sig_verdict_changed, timeout=1000):
        dlg.buttons.accepted.emit()
    assert panel.banner_text().startswith("Checked before: false, ")


# --- re-match ------------------------------------------------------------------------------------

@pytest.fixture
def big_store(store):
    """The small database plus 600 synthetic quotes, so a re-match takes long enough to cancel."""
    from quotedesk.core.synthetic import build_library
    build_library(store, 60, 10, seed=3)
    return store


def _integrity(path) -> None:
    with open_store(path) as s:
        assert s.query("PRAGMA integrity_check")[0]["integrity_check"] == "ok"
        assert s.query("PRAGMA foreign_key_check") == []
        # never more suggestions than the top asked for, never a quote matched to itself
        worst = s.query("SELECT max(n) AS n FROM (SELECT count(*) AS n FROM matches "
                        "WHERE status = 'suggested' GROUP BY quote_id)")[0]["n"]
        assert worst is None or worst <= 5
        assert s.query("SELECT count(*) AS n FROM matches WHERE other_quote_id = quote_id")[0]["n"] == 0


def test_rematch_completes(qtbot, store):
    dlg = RematchDialog(store)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.sig_finished, timeout=TIMEOUT) as blocker:
        dlg.start_button.click()
        assert dlg.running and not dlg.start_button.isEnabled()
    report = blocker.args[0]
    assert not report.cancelled and report.quotes == 3 and report.matched == 3
    assert dlg.progress.value() == dlg.progress.maximum()
    assert dlg.status.text().startswith("Done: 3 quotes")
    assert dlg.cancel_button.text() == "Close"
    first = store.query("SELECT s.ext_id FROM matches m JOIN statements s ON s.id = m.other_statement_id "
                        "WHERE m.quote_id = ? ORDER BY m.rank LIMIT 1", (store.quote_ids[0],))
    assert first[0]["ext_id"] == "s1"
    _integrity(store.path)


def test_rematch_cancel_while_computing_vectors_keeps_what_is_done(qtbot, big_store):
    from quotedesk.core.matching import semantic

    def missing() -> int:
        return len(semantic.missing_statements(big_store.conn)) + len(semantic.missing_quotes(big_store.conn))

    before = missing()
    dlg = RematchDialog(big_store)
    qtbot.addWidget(dlg)
    dlg.show()
    with qtbot.waitSignal(dlg.sig_finished, timeout=TIMEOUT) as blocker:
        dlg.start()
        qtbot.waitUntil(lambda: dlg.progress.value() > 0, timeout=TIMEOUT)  # the vector phase
        dlg.cancel_button.click()
    report = blocker.args[0]
    assert report.cancelled and report.quotes == 0
    assert dlg.status.text().startswith("Cancelled while computing sentence vectors")
    # progress only moves once a chunk of vectors is stored: those computed before the cancel stay
    assert report.vectors > 0 and before - missing() == report.vectors
    assert missing() > 0                                             # ... and the rest waits
    _integrity(big_store.path)


def test_rematch_cancel_keeps_the_database_consistent(qtbot, big_store):
    from quotedesk.core.matching import semantic

    semantic.index_statements(big_store)   # vectors done: the cancel lands in the matching
    semantic.index_quotes(big_store)
    dlg = RematchDialog(big_store)
    qtbot.addWidget(dlg)
    dlg.show()
    progress = []
    with qtbot.waitSignal(dlg.sig_finished, timeout=TIMEOUT) as blocker:
        dlg.start()
        # the GUI thread stays responsive: progress arrives while the worker runs
        qtbot.waitUntil(lambda: dlg.progress.value() > 0, timeout=TIMEOUT)
        progress.append(dlg.progress.value())
        dlg.cancel_button.click()
        assert dlg.status.text() == "Cancelling…"
    report = blocker.args[0]
    assert report.cancelled
    assert 0 < report.quotes < 603
    assert dlg.status.text().startswith("Cancelled after")
    assert not dlg.running and dlg.start_button.isEnabled()
    _integrity(big_store.path)
    # quotes handled before the cancel have their matches saved
    n = big_store.query("SELECT count(DISTINCT quote_id) AS n FROM matches")[0]["n"]
    assert n >= report.matched > 0


def test_closing_while_running_cancels(qtbot, big_store):
    dlg = RematchDialog(big_store)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.start()
    qtbot.waitUntil(lambda: dlg.progress.value() > 0, timeout=TIMEOUT)
    dlg.reject()
    assert not dlg.running and dlg.report is not None and dlg.report.cancelled
    _integrity(big_store.path)


def test_rematch_only_given_quotes(qtbot, store):
    dlg = RematchDialog(store, quote_ids=[store.quote_ids[2]])
    qtbot.addWidget(dlg)
    assert "the 1 new quote" in dlg.explain.text()
    with qtbot.waitSignal(dlg.sig_finished, timeout=TIMEOUT) as blocker:
        dlg.start()
    assert blocker.args[0].quotes == 1
    assert {r["quote_id"] for r in store.query("SELECT DISTINCT quote_id FROM matches")} == {store.quote_ids[2]}


def test_rematch_in_memory_database(qtbot, add_quotes):
    mem = open_store(None)
    add_quotes(mem, "a", "2020-01-01", "o", [("We will build the bridge next year.", "Ann Lee")])
    add_quotes(mem, "b", "2021-01-01", "o", [("We will build that bridge next year!", "Ann Lee")])
    dlg = RematchDialog(mem)
    qtbot.addWidget(dlg)
    with qtbot.waitSignal(dlg.sig_finished, timeout=TIMEOUT) as blocker:
        dlg.start()
    # the 2020 quote has nothing said before it; the 2021 one has the 2020 quote
    assert blocker.args[0].quotes == 2 and blocker.args[0].matched == 1
    mem.close()
