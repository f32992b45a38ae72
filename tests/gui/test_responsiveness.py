"""Load: the window keeps answering while a 10,000-article import runs in the background.

A 10 ms timer on the GUI thread is the probe: the longest gap between two of its ticks is the
longest the event loop was blocked. The import itself runs in a pool thread with its own store.
"""
from __future__ import annotations

import json
import os
import time

from PySide6.QtCore import QTimer

from quotedesk.core.store import open_store
from quotedesk.gui.main_window import MainWindow
from quotedesk.gui.settings import Settings

N_ARTICLES = int(os.environ.get("QUOTEDESK_LOAD_ARTICLES", "10000"))
SPEAKERS = ("Ana Rivera", "Tom Baker", "Maria Chen", "Luis Novak", "Olga Berg")


def write_batch(path, n: int) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            name = SPEAKERS[i % len(SPEAKERS)]
            text = (f"Council report {i}\n\"The budget for district {i} will not cover the repairs,\" said {name}. "
                    f"The meeting ended at {i % 12 + 1} pm. {name.split()[1]} said the vote was close.")
            out.write(json.dumps({"id": f"a{i}", "text": text}) + "\n")


def test_event_loop_never_blocked_long_during_a_large_import(qtbot, tmp_path, db_path, settings_path):
    batch = tmp_path / "batch.jsonl"
    write_batch(batch, N_ARTICLES)
    window = MainWindow(open_store(db_path), Settings(settings_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    ticks: list[float] = []
    window.importer.match_new = False  # a bulk load; matching as articles land is tested elsewhere
    probe = QTimer()
    probe.setInterval(10)
    probe.timeout.connect(lambda: ticks.append(time.perf_counter()))
    probe.start()
    with qtbot.waitSignal(window.importer.sig_finished, timeout=600_000) as finished:
        window.importer.import_paths([str(batch)])
        # the user keeps working meanwhile: the library scrolls and filters while rows land
        qtbot.wait(300)
        window.library.search.setText("budget")
        qtbot.wait(300)
        window.library.search.setText("")
    probe.stop()
    report = finished.args[0]
    assert report is not None and len(report.added) == N_ARTICLES and not report.failed
    gaps = [b - a for a, b in zip(ticks, ticks[1:])]
    if os.environ.get("QUOTEDESK_LOAD_DEBUG"):
        worst = sorted(range(len(gaps)), key=gaps.__getitem__)[-5:]
        print([(round(ticks[i] - ticks[0], 2), round(1000 * gaps[i], 1)) for i in worst])
    assert len(ticks) > 100  # the probe really ran during the import
    worst_ms = 1000 * max(gaps)
    print(f"import of {N_ARTICLES} articles: {len(ticks)} probe ticks, worst event-loop gap {worst_ms:.1f} ms")
    assert worst_ms < 100, f"event loop blocked for {worst_ms:.0f} ms"
    assert window.store.execute("SELECT count(*) FROM articles").fetchone()[0] == N_ARTICLES
    window.close()
