#!/usr/bin/env python3
"""Does the Matches panel rank like ``quotedesk match``? (issue 15; research data, not shipped.)

For each dev query of a CheckThat! split, counts how often the qrels claim is
(a) rank 1 of ``quotedesk match --top 5`` (the CLI contract) and
(b) the first row of the Matches panel when the query is a quote of an article dated after
    every statement (``compute_matches(...).rows[0]``, nothing saved).

    python scripts/eval_panel_first_row.py [--split clef2021_t2b_en] [--db CACHED.db]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

EVAL = Path(os.environ.get("QUOTEDESK_EVAL", "/work/shared/eval/claim_matching"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="clef2021_t2b_en")
    ap.add_argument("--db", type=Path, help="a database with the split's collection imported")
    args = ap.parse_args()
    folder = EVAL / args.split
    work = Path(tempfile.mkdtemp(prefix="qd-panel-"))
    db = work / "eval.db"
    if args.db:
        shutil.copy(args.db, db)
    else:
        subprocess.run([sys.executable, "-m", "quotedesk", "statements", "import",
                        str(folder / "collection.jsonl"), "--db", str(db), "-q"], check=True)
    run = work / "run.tsv"
    subprocess.run([sys.executable, "-m", "quotedesk", "match", str(folder / "queries_dev.jsonl"),
                    "--db", str(db), "--top", "5", "--out", str(run)], check=True)
    gold: dict[str, set[str]] = {}
    for line in (folder / "qrels_dev.tsv").read_text().splitlines()[1:]:
        q, c = line.split("\t")[:2]
        gold.setdefault(q, set()).add(c)
    cli_first = {}
    for line in run.read_text().splitlines():
        q, c, rank = line.split("\t")[:3]
        if rank == "1":
            cli_first[q] = c

    from quotedesk.core.matching.panel_rows import compute_matches
    from quotedesk.core.store.db import open_store

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.core.matching_helpers import add_quotes_article

    store = open_store(db)
    queries = [json.loads(x) for x in (folder / "queries_dev.jsonl").read_text().splitlines() if x.strip()]
    cli_hits = panel_hits = same = 0
    for i, q in enumerate(queries):
        (qid,) = add_quotes_article(store, f"query {i}", "2100-01-01", "eval",
                                    [(q["text"], q.get("speaker") or "Unknown")])
        rows = compute_matches(store, qid, top=5, save=False).rows
        panel = rows[0].statement_id if rows else None
        g = gold.get(q["id"], set())
        cli_hits += cli_first.get(q["id"]) in g
        panel_hits += panel in g
        same += panel == cli_first.get(q["id"])
    store.close()
    n = len(queries)
    print(f"{args.split} dev, {n} queries: qrels claim first in `quotedesk match` {cli_hits}/{n}, "
          f"first row of the Matches panel {panel_hits}/{n}; same first statement {same}/{n}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
