"""``quotedesk bench gui``: time to open the app and to scroll the library on a large database.

The parent builds (or reuses) a synthetic library (``quotedesk.core.synthetic``), then runs each
measurement in a fresh process, so start-up is measured cold (interpreter, imports, store, window):

* open: from just before the child process starts until the window is shown with its first
  page of articles painted;
* scroll: paging the library table to its last row the way a view does (scroll bar to the end,
  ``fetchMore``, repaint), reporting the median and the worst single step — the longest the
  event loop was blocked while scrolling;
* sort: re-sorting the whole library by title and by quote count.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _child(db_path: str, started: float) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt

    from quotedesk.gui.app import make_app, open_window
    from quotedesk.gui.settings import Settings

    app = make_app()
    settings = Settings(Path(db_path).with_suffix(".bench.ini"))  # never the user's own settings
    window = open_window(db_path, seed=False, settings=settings)
    window.resize(1400, 900)
    window.show()
    app.processEvents()
    table = window.library.table
    table.viewport().repaint()
    opened = time.monotonic() - started
    model = window.library.model
    steps = []
    bar = table.verticalScrollBar()
    while model.rowCount() < model.total:
        t = time.perf_counter()
        bar.setValue(bar.maximum())
        if model.canFetchMore():  # what the view asks when the bar reaches the end
            model.fetchMore()
        app.processEvents()
        steps.append(time.perf_counter() - t)
    rows = model.rowCount()
    sorts = {}
    for column, name in ((0, "title"), (3, "quotes"), (2, "date")):
        t = time.perf_counter()
        table.sortByColumn(column, Qt.SortOrder.AscendingOrder)
        app.processEvents()
        sorts[name] = time.perf_counter() - t
    window.close()
    return {"open_s": opened, "rows": rows, "total": model.total, "scroll_steps": len(steps),
            "scroll_total_s": sum(steps), "scroll_step_median_ms": 1000 * statistics.median(steps) if steps else 0,
            "scroll_step_max_ms": 1000 * max(steps) if steps else 0,
            "sort_ms": {k: round(1000 * v, 1) for k, v in sorts.items()}}


def run_bench(n_articles: int, *, runs: int = 5, db: Path | None = None, quotes_per_article: int = 10,
              out=sys.stdout) -> dict:
    from quotedesk.core.store import open_store
    from quotedesk.core.store.articles import count_articles
    from quotedesk.core.synthetic import build_library

    db = Path(db) if db else Path.home() / ".cache" / "quotedesk-bench" / f"gui-{n_articles}.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    with open_store(db) as store:
        have = count_articles(store)
        if have < n_articles:
            print(f"building {n_articles - have:,} synthetic articles in {db} …", file=out, flush=True)
            t = time.perf_counter()
            build_library(store, n_articles - have, quotes_per_article, seed=have + 1)
            print(f"built in {time.perf_counter() - t:.1f} s", file=out, flush=True)
        n_quotes = store.execute("SELECT count(*) FROM quotes").fetchone()[0]
        total = count_articles(store)
    results = []
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    for _ in range(runs):
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "quotedesk.gui.bench", "--child", str(db), str(started)],
                              capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr[-2000:])
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    med = lambda key: statistics.median(r[key] for r in results)  # noqa: E731
    summary = {
        "articles": total, "quotes": n_quotes, "runs": runs, "db_mb": round(db.stat().st_size / 1e6, 1),
        "open_s_median": round(med("open_s"), 3), "open_s_max": round(max(r["open_s"] for r in results), 3),
        "scroll_to_end_s_median": round(med("scroll_total_s"), 3),
        "scroll_pages": results[0]["scroll_steps"],
        "scroll_step_ms_median": round(med("scroll_step_median_ms"), 2),
        "scroll_step_ms_worst": round(max(r["scroll_step_max_ms"] for r in results), 2),
        "sort_ms_median": {k: statistics.median(r["sort_ms"][k] for r in results) for k in results[0]["sort_ms"]},
    }
    print(json.dumps(summary, indent=1), file=out)
    return summary


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(_child(sys.argv[2], float(sys.argv[3]))))
