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
late it fires: its worst lateness is the longest stall. ``cpu_ms_per_article`` is the process's
CPU time (all its threads) over the import, per article: less at the mercy of other programs on
a shared machine than the wall-clock rate, and what bounds it (on 2 cores the rate cannot
exceed 2,000 / cpu_ms_per_article); ``thread_cpu_ms_per_article`` gives it for the busiest
threads (Linux), and the busiest one (the import's) bounds the rate an idle machine would reach:
1,000 / its ms. Prints one JSON line per run, then the medians.

``--stages`` also says where the time went: a sampling thread looks at every thread's stack
every 2 ms (``sys._current_frames``; no tracing, so the code runs at its own speed) and counts
each sample under the innermost stage it finds (``STAGES``: extraction, storing, encoding,
nearest-neighbour search, lexical candidates, re-ranking, saving matches; on the GUI thread the
window's refreshes and the signals from the worker). Threads: ``gui``, ``worker`` (the import's
pool thread) and ``encoder`` (a thread whose name says ``encode``); idle waits are not counted. Each sample stands for the time since the
previous one (a thread running Python holds the GIL and delays the sampler). ``stage_ms_per_article``
is that time per thread and stage divided by the articles; ``gui: idle`` is the event loop waiting.
Approximate: the sampler needs the GIL, so time a thread spends in Python tends to be counted
where it next lets the GIL go (often an SQL call): Python stages come out low, SQL ones high.
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


#: (stage, code names): a sample counts under the innermost frame whose function is named here.
STAGES = [
    ("extract quotes", {"extract_quotes"}),
    ("store article", {"add_article", "find_by_text"}),
    ("read file", {"read_path"}),
    ("encode (onnxruntime)", {"encode_query", "encode_many", "_encode_alone"}),
    ("nearest statements", {"nearest_statements", "nearest_statements_many", "nearest", "_blocks"}),
    ("waiting for the encoder thread", {"result"}),
    ("lexical candidates", {"statement_candidates", "exact_candidates", "quote_candidates",
                            "speaker_candidates", "statements_by_id", "term_df", "query_terms"}),
    ("candidate vectors", {"_attach_vectors"}),
    ("rerank", {"rerank", "trim", "classify"}),
    ("save matches and vectors", {"save_matches", "index_quotes", "save_article_matches"}),
    ("matching: the rest (quote, speaker, merge, shortlist)", {"match_quote", "find_matches_plan"}),
    ("match_article: the rest", {"match_article"}),
    ("refresh after external change", {"refresh_window"}),
    ("import signals", {"_on_progress", "_on_status", "_on_result"}),
]


class _Sampler:
    """Counts stack samples per (thread, stage) every ``period`` seconds (see ``--stages``)."""

    def __init__(self, period: float = 0.002):
        import threading

        self.period = period
        self.counts: dict[tuple[str, str], float] = {}  # seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._gui = threading.get_ident()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> dict:
        self._stop.set()
        self._thread.join()
        return self.counts

    @staticmethod
    def _stage(frame) -> str | None:
        while frame is not None:
            name = frame.f_code.co_name
            for stage, names in STAGES:
                if name in names:
                    return stage
            frame = frame.f_back
        return None

    def _run(self) -> None:
        import threading

        me = threading.get_ident()
        last = time.perf_counter()
        while not self._stop.wait(self.period):
            # each sample stands for the time since the last one: a thread holding the GIL in
            # Python delays the sampler, and that time is its own
            now = time.perf_counter()
            dt, last = now - last, now
            names = {t.ident: t.name for t in threading.enumerate()}
            for tid, frame in sys._current_frames().items():
                if tid == me:
                    continue
                name = names.get(tid, "")
                who = ("gui" if tid == self._gui else "encoder" if "encode" in name else "worker")
                stage = self._stage(frame)
                if stage is None:
                    code = frame.f_code
                    if who == "gui" and code.co_name in ("tick", "_child"):
                        stage = "idle"  # the measuring loop itself, between events
                    elif code.co_name in ("wait", "get", "result", "_worker") and \
                            any(m in code.co_filename for m in ("threading", "queue", "futures")):
                        if who != "worker" or code.co_name != "result":
                            continue  # an idle thread
                        stage = "waiting for the encoder thread"
                    else:
                        stage = "other"
                key = (who, stage)
                self.counts[key] = self.counts.get(key, 0.0) + dt


def _thread_cpu() -> dict[str, float]:
    """CPU seconds of each of this process's threads (Linux: /proc/self/task), by name and id."""
    out = {}
    tick = os.sysconf("SC_CLK_TCK")
    for task in Path("/proc/self/task").glob("*"):
        try:
            comm = (task / "comm").read_text().strip()
            fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[f"{comm} {task.name}"] = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    return out


def _child(db: str, folder: str, stages: bool = False) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer

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
    sampler = _Sampler() if stages else None
    if sampler:
        sampler.start()
    threads_before = _thread_cpu()
    t, cpu = time.perf_counter(), time.process_time()
    op = window.importer.import_paths(paths)
    # wait as the app does, in the event loop (a loop of processEvents() and 1 ms sleeps woke
    # the GUI thread 1,000 times a second, each time taking the GIL from the import)
    loop = QEventLoop()
    op.sig_finished.connect(loop.quit)  # emitted from the event loop: cannot pass unseen
    if not op.finished:
        loop.exec()
    took, cpu = time.perf_counter() - t, time.process_time() - cpu
    threads = {k: v - threads_before.get(k, 0.0) for k, v in _thread_cpu().items()}
    timer.stop()
    counts = sampler.stop() if sampler else None
    n = window.store.execute("SELECT count(*) FROM articles").fetchone()[0]
    matched = window.store.execute("SELECT count(DISTINCT quote_id) FROM matches").fetchone()[0]
    window.close()
    try:
        from quotedesk.core.matching.blas import threads as blas_threads
    except ImportError:  # a version before core/matching/blas.py: OpenBLAS's default
        blas_threads = lambda: None  # noqa: E731

    out = {"articles": n, "seconds": round(took, 2), "articles_per_s": round(n / took, 1),
           "quotes_with_matches": matched, "worst_stall_ms": round(1000 * worst, 1),
           "cpu_ms_per_article": round(1000 * cpu / max(n, 1), 1),
           "blas_threads": blas_threads() or 0}
    # the busiest threads: the one the import runs on bounds the rate on an idle machine
    out["thread_cpu_ms_per_article"] = {
        k: round(1000 * v / max(n, 1), 1)
        for k, v in sorted(threads.items(), key=lambda kv: -kv[1])[:4] if v > 0}
    if counts:
        out["stage_ms_per_article"] = {
            f"{who}: {stage}": round(c * 1000 / max(n, 1), 1)
            for (who, stage), c in sorted(counts.items(), key=lambda kv: -kv[1])}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", nargs="?")
    ap.add_argument("articles", nargs="?")
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--stages", action="store_true",
                    help="also sample where the time goes, per thread and stage (ms per article)")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_child(*args.child, stages=args.stages)))
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
            run = subprocess.run([sys.executable, __file__, "--child", str(copy), str(folder)]
                                 + (["--stages"] if args.stages else []),
                                 capture_output=True, text=True, timeout=900)
            if run.returncode:
                sys.exit(run.stderr[-3000:])
            results.append(json.loads(run.stdout.strip().splitlines()[-1]))
            print(json.dumps(results[-1]), flush=True)
            copy.unlink()
    med = {k: statistics.median(r[k] for r in results) for k in results[0]
           if k not in ("stage_ms_per_article", "thread_cpu_ms_per_article")}
    med["busiest_thread_cpu_ms_per_article"] = statistics.median(
        max(r["thread_cpu_ms_per_article"].values(), default=0.0) for r in results)
    if args.stages:
        keys = {k for r in results for k in r["stage_ms_per_article"]}
        med["stage_ms_per_article"] = dict(sorted(
            ((k, statistics.median(r["stage_ms_per_article"].get(k, 0.0) for r in results)) for k in keys),
            key=lambda kv: -kv[1]))
    print(json.dumps(med))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
