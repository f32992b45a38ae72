#!/usr/bin/env python3
"""The window's resident memory before and after its first semantic match (issue 14).

    python scripts/app_memory.py DB [--runs 3]

Each run is a fresh process: it opens the real window (offscreen) on a copy of ``DB`` (give it a
database with recorded statements and their vectors, e.g. the 19,250 PolitiFact claims imported
with ``quotedesk statements import``, plus some articles), reads VmRSS once the window is shown,
selects the first quote, waits until the Matches panel has its rows (the encoder loaded and the
vector index read) and reads VmRSS and VmHWM (the peak) again. Prints one JSON line per run and
the medians. Linux only (it reads /proc/self/status).
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


def _status_mb() -> dict:
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = round(int(value.split()[0]) / 1024, 1)
    return out


def _child(db: str) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from quotedesk.gui.app import make_app, open_window
    from quotedesk.gui.settings import Settings

    app = make_app()
    window = open_window(db, seed=False, settings=Settings(Path(db).with_suffix(".ini")))
    window.show()
    app.processEvents()
    started = _status_mb()["VmRSS"]
    quote_id = window.store.execute("SELECT id FROM quotes ORDER BY id LIMIT 1").fetchone()[0]
    panel = window.matches
    t = time.perf_counter()
    panel.show_quote(quote_id)
    while (panel.busy or panel._result is None) and time.perf_counter() - t < 120:
        QApplication.processEvents()
        time.sleep(0.01)
    took = time.perf_counter() - t
    after = _status_mb()
    rows = panel.model.rowCount()
    window.close()
    return {"rss_open_mb": started, "rss_after_match_mb": after["VmRSS"], "peak_mb": after["VmHWM"],
            "first_match_s": round(took, 2), "rows": rows}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", nargs="?")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_child(args.child)))
        return 0
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.runs):
            copy = Path(tmp) / "copy.db"
            shutil.copyfile(args.db, copy)
            run = subprocess.run([sys.executable, __file__, "--child", str(copy)], capture_output=True,
                                 text=True, timeout=300)
            if run.returncode:
                sys.exit(run.stderr[-2000:])
            results.append(json.loads(run.stdout.strip().splitlines()[-1]))
            print(json.dumps(results[-1]), flush=True)
    print(json.dumps({k: statistics.median(r[k] for r in results) for k in results[0]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
