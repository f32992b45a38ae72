#!/usr/bin/env python3
"""Articles per second imported in the real window with matching on, and the longest the event
loop was blocked meanwhile (issue 14: at least 10 articles/s against 19,250 statements, no stall
over 100 ms).

    python scripts/window_import_rate.py DB ARTICLES.jsonl [--n 50] [--runs 3]

Each run is a fresh process on a copy of ``DB`` (e.g. the 19,250 PolitiFact claims imported with
``quotedesk statements import``). ``ARTICLES.jsonl`` holds one ``{"text": ...}`` per line (any
news texts you have; nothing is copied into the project); the first ``--n`` are written to a
temporary folder as ``.txt`` files and imported the way File > Import does
(``ImportController.import_paths``, matching on). A 10 ms timer on the GUI thread records how
late it fires: its worst lateness is the longest stall. Prints one JSON line per run, then the
medians.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _child(db: str, folder: str) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from quotedesk.gui.app import make_app, open_window
    from quotedesk.gui.settings import Settings

    app = make_app()
    window = open_window(db, seed=False, settings=Settings(Path(db).with_suffix(".ini")))
    window.show()
    app.processEvents()
    paths = sorted(str(p) for p in Path(folder).glob("*.txt"))
    worst, last = 0.0, [time.perf_counter()]

    def tick() -> None:
        nonlocal worst
        now = time.perf_counter()
        worst = max(worst, now - last[0] - 0.010)
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    t = time.perf_counter()
    op = window.importer.import_paths(paths)
    while not op.finished:
        QApplication.processEvents()
        time.sleep(0.001)
    took = time.perf_counter() - t
    timer.stop()
    n = window.store.execute("SELECT count(*) FROM articles").fetchone()[0]
    matched = window.store.execute("SELECT count(DISTINCT quote_id) FROM matches").fetchone()[0]
    window.close()
    return {"articles": n, "seconds": round(took, 2), "articles_per_s": round(n / took, 1),
            "quotes_with_matches": matched, "worst_stall_ms": round(1000 * worst, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", nargs="?")
    ap.add_argument("articles", nargs="?")
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_child(*args.child)))
        return 0
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        with open(args.articles, encoding="utf-8") as fh:
            for i, line in zip(range(args.n), fh):
                (folder / f"article-{i:04d}.txt").write_text(json.loads(line)["text"], encoding="utf-8")
        for _ in range(args.runs):
            copy = Path(tmp) / "copy.db"
            shutil.copyfile(args.db, copy)
            run = subprocess.run([sys.executable, __file__, "--child", str(copy), str(folder)],
                                 capture_output=True, text=True, timeout=900)
            if run.returncode:
                sys.exit(run.stderr[-3000:])
            results.append(json.loads(run.stdout.strip().splitlines()[-1]))
            print(json.dumps(results[-1]), flush=True)
            copy.unlink()
    print(json.dumps({k: statistics.median(r[k] for r in results) for k in results[0]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
