"""The sentence model: the window starts without it, loads it in a pool thread, and the first
semantic match (asked for at once, while the model may still be loading) never blocks the event
loop for more than 100 ms. The process's model is unloaded first, so the load here is real."""
from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from quotedesk.core.matching import semantic
from quotedesk.core.store import open_store
from quotedesk.gui.app import open_window
from quotedesk.gui.settings import Settings
from tests.core.matching_helpers import add_quotes_article, import_statements

STATEMENTS = [
    ("jobs", "Joblessness has dropped to a seventeen-year low.", "Ray Ortiz", "2019-03-01", "Wire"),
    ("tax", "Income tax rates will be raised for the richest households next spring.", None,
     "2019-04-01", "Wire"),
    ("flu", "Flu vaccines are available free of charge at every pharmacy this winter.", None,
     "2019-05-01", "Wire"),
]


def test_first_semantic_match_loads_the_model_off_the_gui_thread(qtbot, db_path, settings_path,
                                                                 monkeypatch):
    store = open_store(db_path)
    import_statements(store, STATEMENTS)
    (qid,) = add_quotes_article(store, "Jobs", "2021-06-01", "Daily Bugle", [
        ("Fewer people are out of work now than at any time since 2007.", "Ray Ortiz")])
    semantic.index_statements(store)          # vectors stored (this loads the model here) ...
    semantic.index_quotes(store)
    store.close()
    monkeypatch.setattr(semantic, "_model", None)   # ... then the process forgets it
    monkeypatch.setattr(semantic, "_error", None)

    window = open_window(db_path, seed=False, settings=Settings(settings_path))
    qtbot.addWidget(window)
    assert not semantic.loaded()              # the window exists, the model is not loaded
    ticks: list[float] = []
    probe = QTimer()
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    probe.start(10)
    window.show()
    panel = window.matches
    with qtbot.waitSignal(panel.sig_results_ready, timeout=60_000):
        panel.show_quote(qid)                 # the first match, while the model loads
    qtbot.waitUntil(semantic.loaded, timeout=60_000)
    probe.stop()
    assert panel.model.match_row(0).statement_id == "jobs"      # found by meaning
    assert "by words only" not in panel.status_text()
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    assert len(ticks) > 5 and max(gaps) < 0.100, f"event loop blocked {max(gaps) * 1000:.0f} ms"
    from quotedesk.gui.workers import wait_all

    wait_all(10_000)
    window.close()
    window.store.close()
