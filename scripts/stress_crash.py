#!/usr/bin/env python3
"""Crash-safety stress test: kill a writer with SIGKILL at random moments and check the database.

A child process imports articles (the bundled seeds, made unique per round) and corrects
speakers, printing ``IMPORTED <article id>`` and ``SAVED <quote id> <speaker>`` only after each
transaction has committed. The parent kills it at a random moment, then checks that:

* ``PRAGMA integrity_check`` is ``ok`` and ``PRAGMA foreign_key_check`` is empty;
* every correction reported saved is there (the last one per quote);
* no half-imported article is visible: every article has exactly the quotes extraction gives.

Long form: ``python scripts/stress_crash.py --trials 50`` (the test suite runs a short form).
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def child(db_path: str, seed: int) -> None:
    from quotedesk.core.importer import import_draft
    from quotedesk.core.ingest import read_path
    from quotedesk.core.store import edits, open_store

    rng = random.Random(seed)
    store = open_store(db_path)
    drafts = [read_path(p) for p in sorted(SEEDS.glob("*.txt"))]
    n = 0
    while True:
        n += 1
        base = rng.choice(drafts)
        stamp = f"\n\nUpdated {seed}-{n}-{rng.random()}"
        draft = type(base)(**{**{f: getattr(base, f) for f in base.__dataclass_fields__}, "text": base.text + stamp})
        article_id, _, _ = import_draft(store, draft)
        print(f"IMPORTED {article_id}", flush=True)
        ids = [r[0] for r in store.execute("SELECT id FROM quotes ORDER BY random() LIMIT 3")]
        for qid in ids:
            name = f"Checked Person {seed}-{n}-{qid}"
            print(f"SAVING {qid} {name}", flush=True)
            edits.apply(store, edits.SetSpeakers(qid, new_names=(name,)))
            print(f"SAVED {qid} {name}", flush=True)


def check(db_path: Path, saved: dict[int, list[str]], in_flight: dict[int, list[str]] | None = None) -> list[str]:
    """Problems found in the database; ``in_flight`` is the correction each quote was being given
    when the writer died (it may or may not have committed: both are fine)."""
    in_flight = in_flight or {}
    from quotedesk.core.attribution import extract_quotes

    problems = []
    conn = sqlite3.connect(db_path)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            problems.append("integrity_check failed")
        if conn.execute("PRAGMA foreign_key_check").fetchall():
            problems.append("foreign_key_check found orphans")
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles'").fetchone():
            # killed before its first schema was committed (a loaded machine can take longer than
            # the kill's delay to start Python): fine while nothing was reported saved; the next
            # writer must open and migrate it (a failure there is the child's traceback)
            return problems + [f"schema gone, {len(saved)} saved corrections lost"] * bool(saved)
        for qid, expected in saved.items():
            names = _speakers(conn, qid)
            if names != expected and names != in_flight.get(qid):
                problems.append(f"quote {qid}: saved speakers {expected} lost (found {names})")
        for article_id, text, n in conn.execute(
                "SELECT a.id, a.text, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) FROM articles a"):
            expected = len(extract_quotes(text))
            if n != expected:
                problems.append(f"article {article_id} is half-imported: {n} of {expected} quotes")
    finally:
        conn.close()
    return problems


def _speakers(conn: sqlite3.Connection, quote_id: int) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT s.name FROM quote_speakers qs JOIN speakers s ON s.id = qs.speaker_id "
        "WHERE qs.quote_id = ? ORDER BY qs.position", (quote_id,))]


def _current(db_path: Path, quote_id: int) -> list[str]:
    conn = sqlite3.connect(db_path)
    try:
        return _speakers(conn, quote_id)
    finally:
        conn.close()


def run_trials(db_path: Path, trials: int, *, seed: int = 0, max_delay: float = 1.5) -> dict:
    rng = random.Random(seed)
    saved: dict[int, list[str]] = {}
    in_flight: dict[int, list[str]] = {}
    imported = 0
    failures: list[str] = []
    for trial in range(trials):
        proc = subprocess.Popen([sys.executable, __file__, "--child", str(db_path), "--seed", str(seed * 1000 + trial)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.3, max_delay))
        os.kill(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        for line in out.splitlines():
            parts = line.split(" ", 2)
            if parts[0] == "SAVING" and len(parts) == 3:
                in_flight[int(parts[1])] = [parts[2]]
            elif parts[0] == "SAVED" and len(parts) == 3:
                saved[int(parts[1])] = [parts[2]]
                in_flight.pop(int(parts[1]), None)
            elif parts[0] == "IMPORTED":
                imported += 1
        if "Traceback" in err:
            failures.append(f"trial {trial}: child failed before the kill:\n{err[-2000:]}")
            break
        failures += [f"trial {trial}: {p}" for p in check(db_path, saved, in_flight)]
        for qid in list(in_flight):  # settle what the next run builds on: whichever of the two is there
            if qid in saved or _current(db_path, qid) == in_flight[qid]:
                saved[qid] = _current(db_path, qid)
        in_flight.clear()
    return {"trials": trials, "imported": imported, "corrections": len(saved), "failures": failures}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--child", metavar="DB")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--trials", type=int, default=50)
    ap.add_argument("--db", type=Path)
    a = ap.parse_args()
    if a.child:
        child(a.child, a.seed)
        return 0
    import tempfile

    db = a.db or Path(tempfile.mkdtemp()) / "stress.db"
    result = run_trials(db, a.trials, seed=a.seed)
    print(f"{result['trials']} kills survived with {result['imported']} articles imported and "
          f"{result['corrections']} corrections reported saved; {len(result['failures'])} problems")
    for f in result["failures"]:
        print("  " + f)
    return 1 if result["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
