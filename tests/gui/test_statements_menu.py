"""The Statements menu and File > Back up database, driven through the real window."""
from __future__ import annotations

import json
import sqlite3

from PySide6.QtWidgets import QApplication

from quotedesk.core.matching.verdicts import get_verdict
from quotedesk.core.store import open_store
from quotedesk.core.store.articles import list_articles
from quotedesk.core.store.quotes import quotes_for_article
from quotedesk.gui.app import open_window
from quotedesk.gui.settings import Settings
from quotedesk.gui.workers import wait_all


def make_window(qtbot, db_path, settings_path):
    window = open_window(db_path, seed=True, settings=Settings(settings_path))  # the bundled seeds
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_kremlin_quote(window):
    article = next(a for a in list_articles(window.store, limit=50) if a.title.startswith("Putin, Trump"))
    window.open_article(article.id)
    quote = next(q for q in quotes_for_article(window.store, article.id) if q.text.startswith("The conversation"))
    window.open_quote(article.id, quote.id)
    return quote


def test_import_statements_in_the_background_then_compare_and_give_a_verdict(qtbot, tmp_path, db_path,
                                                                               settings_path, monkeypatch):
    window = make_window(qtbot, db_path, settings_path)
    menu = window.statements_menu
    source = tmp_path / "claims.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in [
        {"id": "k-1", "text": "The conversation took place in a constructive and businesslike manner",
         "speaker": "Kremlin", "date": "2017-01-28", "source": "TASS"},
        {"id": "k-2", "text": "Bread prices rose again this winter", "speaker": "Rosstat"},
        {"bad": "row without text"},
    ]) + "\n", encoding="utf-8")
    shown = []  # the import reports skipped rows in a message box: record it instead
    import quotedesk.gui.statements_menu as sm

    monkeypatch.setattr(sm.QMessageBox, "information", staticmethod(lambda *args: shown.append(args[2])))
    op = menu.import_statements(str(source))
    with qtbot.waitSignal(op.sig_finished, timeout=30_000):
        pass
    assert shown and "line 3" in shown[0]
    assert window.store.execute("SELECT count(*) FROM statements").fetchone()[0] == 2
    # the same background job computed their sentence vectors (semantic matching)
    assert window.store.execute("SELECT count(*) FROM statement_vectors").fetchone()[0] == 2

    quote = open_kremlin_quote(window)
    menu.act_compare.trigger()   # matched in the background, then shown
    qtbot.waitUntil(lambda: menu.diff_view is not None and menu.diff_view.isVisible(), timeout=30_000)
    assert menu.diff_view.summary_text().startswith("2 words changed (1 removed, 1 added")  # positive → constructive

    menu.act_verdict.trigger()
    dialog = menu.verdict_dialog
    dialog.set_label("misleading")
    dialog.set_note("checked against the readout")
    assert dialog.save()
    assert get_verdict(window.store, f"q{quote.id}").label == "misleading"
    dialog.close()
    window.close()


def test_speaker_timeline_opens_for_the_selected_quote(qtbot, db_path, settings_path):
    window = make_window(qtbot, db_path, settings_path)
    open_kremlin_quote(window)
    window.statements_menu.act_timeline.trigger()
    from quotedesk.gui.matching import SpeakerTimeline

    view = window.statements_menu.timeline_dialog.findChild(SpeakerTimeline)
    qtbot.waitUntil(lambda: len(view.statements()) >= 3, timeout=10_000)  # the Kremlin's statements
    assert all(s.text for s in view.statements())
    window.close()


def test_back_up_database_writes_a_consistent_copy(qtbot, tmp_path, db_path, settings_path):
    window = make_window(qtbot, db_path, settings_path)
    target = window.statements_menu.backup(str(tmp_path / "copy.db"))
    assert target is not None and target.exists()
    conn = sqlite3.connect(target)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.close()
    assert n == len(list_articles(window.store, limit=100)) > 0
    with open_store(target) as copy:  # the copy opens as a Quotedesk database
        assert copy.execute("SELECT count(*) FROM quotes").fetchone()[0] > 0
    window.close()
    wait_all(5000)
    QApplication.processEvents()


def test_imported_quotes_are_matched_against_earlier_ones_as_they_land(qtbot, tmp_path, db_path, settings_path):
    window = open_window(db_path, seed=False, settings=Settings(settings_path))
    qtbot.addWidget(window)
    first = tmp_path / "march.txt"
    first.write_text('Port plan\n"We will never sell the harbour to a private operator," said Mayor Ana Rivera.\n',
                     encoding="utf-8")
    second = tmp_path / "june.txt"
    second.write_text('Port plan revisited\n"We will never sell the harbour to any private operator," '
                      "Mayor Ana Rivera said on Tuesday.\n", encoding="utf-8")
    for path in (first, second):
        with qtbot.waitSignal(window.importer.sig_finished, timeout=30_000):
            window.import_paths([path])
    rows = window.store.query(
        "SELECT q.text AS quote, o.text AS earlier, m.match_kind, m.score FROM matches m "
        "JOIN quotes q ON q.id = m.quote_id JOIN quotes o ON o.id = m.other_quote_id")
    assert any(r["quote"].startswith("We will never sell the harbour to any") and
               r["earlier"].startswith("We will never sell the harbour to a private") for r in rows), rows
    window.close()


def test_first_run_indexes_the_seed_quotes_in_the_background(qtbot, db_path, settings_path):
    """The seeds are matched lexically at once (no wait for the sentence model at first start);
    their sentence vectors follow off the GUI thread, after which matching uses meaning too."""
    from quotedesk.core.matching import semantic
    from quotedesk.core.matching.service import semantic_active

    window = make_window(qtbot, db_path, settings_path)
    n_quotes = window.store.execute("SELECT count(*) FROM quotes").fetchone()[0]
    assert n_quotes > 10
    qtbot.waitUntil(lambda: getattr(window, "index_op", None) is not None, timeout=5_000)
    qtbot.waitUntil(lambda: not semantic.missing_quotes(window.store.conn), timeout=60_000)
    assert window.store.execute("SELECT count(*) FROM quote_vectors").fetchone()[0] == n_quotes
    assert semantic_active(window.store)
    window.close()


def test_statement_vectors_left_by_an_interrupted_indexing_are_resumed_at_start(
        qtbot, tmp_path, settings_path):
    """A database whose statement indexing stopped part-way (a kill: some chunks committed) gets
    the rest at the next start, off the GUI thread with progress in the status bar; matching
    uses the vectors that exist meanwhile."""
    from quotedesk.core.matching import bench, semantic
    from quotedesk.core.store.statements import import_rows

    db = tmp_path / "resume.db"
    store = open_store(db)
    import_rows(store, [(i + 1, 0, {**r, "source": "t", "title": None, "url": None}, None)
                        for i, r in enumerate(bench.synthetic_statements(700, seed=5))])
    semantic.index_statements(store, ids=list(range(1, 201)))  # what the killed run committed
    store.close()
    messages = []
    window = open_window(db, seed=False, settings=Settings(settings_path))
    qtbot.addWidget(window)
    window.statusBar().messageChanged.connect(messages.append)
    qtbot.waitUntil(lambda: getattr(window, "index_op", None) is not None, timeout=5_000)
    qtbot.waitUntil(lambda: not semantic.missing_statements(window.store.conn), timeout=120_000)
    assert window.store.execute("SELECT count(*) FROM statement_vectors").fetchone()[0] == 700
    qtbot.waitUntil(lambda: any(m.startswith("Sentence vectors computed: 500") for m in messages),
                    timeout=10_000)
    assert any(m.startswith("Sentence vectors of the statements:") for m in messages), messages
    window.close()
    wait_all()
