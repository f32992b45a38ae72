#!/usr/bin/env python3
"""Measure statement matching on the CheckThat! claim-retrieval splits (research data, not shipped).

    python scripts/eval_matching.py                 # import + match + score.py per split (CLI contract)
    python scripts/eval_matching.py --tune          # grid-search rerank weights on the TRAIN splits
    python scripts/eval_matching.py --ablate        # dev MAP@5 with one feature removed at a time

The default mode runs exactly what a measuring tool runs: ``quotedesk statements import`` then
``quotedesk match --top 5`` then ``score.py``, and prints the official and clean rows.
Data: ``$QUOTEDESK_EVAL`` or ``/work/shared/eval/claim_matching``. Databases are cached in
``$TMPDIR/quotedesk-eval`` (delete the folder after changing the analysis or the schema).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import fields, replace
from pathlib import Path

EVAL = Path(os.environ.get("QUOTEDESK_EVAL", "/work/shared/eval/claim_matching"))
CACHE = Path(tempfile.gettempdir()) / "quotedesk-eval"
SPLITS = [("clef2020_t2", "dev"), ("clef2021_t2b_en", "dev")]
TRAIN = [("clef2020_t2", "train"), ("clef2021_t2a_en", "train"), ("clef2021_t2b_en", "train")]


def _scorer():
    spec = importlib.util.spec_from_file_location("cm_score", EVAL / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def db_for(folder: str, rebuild: bool = False) -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    db = CACHE / f"{folder}.db"
    if rebuild and db.exists():
        for p in CACHE.glob(f"{folder}.db*"):
            p.unlink()
    if not db.exists():
        subprocess.run([sys.executable, "-m", "quotedesk", "statements", "import",
                        str(EVAL / folder / "collection.jsonl"), "--db", str(db), "-q"], check=True)
    return db


def run_cli(folder: str, split: str, rebuild: bool) -> str:
    db = db_for(folder, rebuild)
    run = CACHE / f"{folder}.{split}.run.tsv"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "quotedesk", "match", str(EVAL / folder / f"queries_{split}.jsonl"),
                    "--db", str(db), "--top", "5", "--out", str(run)], check=True)
    dt = time.perf_counter() - t0
    out = subprocess.run([sys.executable, str(EVAL / "score.py"), "--qrels",
                          str(EVAL / folder / f"qrels_{split}.tsv"), "--run", str(run)],
                         check=True, capture_output=True, text=True).stdout
    return f"== {folder} {split} (match: {dt:.1f} s)\n{out}"


# --- in-process tuning ---------------------------------------------------------------------------

def load_features(folder: str, split: str, options) -> dict:
    """{query_id: [(statement_id, features), ...]} for every candidate of every query."""
    from rapidfuzz.utils import default_process

    from quotedesk.core.matching.service import find_matches
    from quotedesk.core.store.db import open_store

    store = open_store(db_for(folder))
    out = {}
    with open(EVAL / folder / f"queries_{split}.jsonl", encoding="utf-8") as f:
        for line in f:
            q = json.loads(line)
            ms = find_matches(store, q["text"], speaker=q.get("speaker"), top=10_000, options=options)
            out[str(q["id"])] = [(m.statement_id, m.features, default_process(m.text)) for m in ms]
    store.close()
    return out


def map5(score_mod, folder: str, split: str, feats: dict, weights) -> float:
    from quotedesk.core.matching.rerank import combine

    qrels = score_mod.read_qrels(EVAL / folder / f"qrels_{split}.tsv")
    ranked = {}
    for qid, lst in feats.items():
        # same order as the CLI: score (copies of one text share the best copy's score, as in
        # rerank), then (ties) the order find_matches returned
        scores = [combine(f, weights) for _, f, _ in lst]
        best: dict[str, float] = {}
        for sc, (_, _, text) in zip(scores, lst):
            best[text] = max(best.get(text, sc), sc)
        scores = [best[text] for _, _, text in lst]
        order = sorted(range(len(lst)), key=lambda i: -scores[i])[:5]
        ranked[qid] = [lst[i][0] for i in order]
    res, _ = score_mod.evaluate(qrels, ranked)
    return res["official"]["MAP@5"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tune", action="store_true")
    ap.add_argument("--ablate", action="store_true")
    ap.add_argument("--rebuild", action="store_true", help="re-import the collections")
    ap.add_argument("--train", action="store_true", help="also score the train splits (CLI mode)")
    ap.add_argument("--quick", action="store_true", help="in-process dev (and train) MAP@5 only")
    ap.add_argument("--opt", action="append", default=[], metavar="NAME=VALUE",
                    help="override a MatchOptions field (in-process modes), e.g. budget=5000")
    ap.add_argument("--only", default="", metavar="TEXT",
                    help="only the splits whose folder name contains TEXT (e.g. 2021_t2b)")
    a = ap.parse_args()
    if not (a.tune or a.ablate or a.quick):
        splits = SPLITS + (TRAIN if a.train else [])
        for folder, split in splits:
            print(run_cli(folder, split, a.rebuild), flush=True)
        return 0

    from quotedesk.core.matching.service import DEFAULT_OPTIONS

    sm = _scorer()
    for folder, _ in SPLITS + TRAIN:
        if a.only in folder:
            db_for(folder, a.rebuild)
    which = TRAIN if a.tune else SPLITS + TRAIN if a.quick else SPLITS
    which = [(f, s) for f, s in which if a.only in f]
    over = {}
    for kv in a.opt:
        k, v = kv.split("=", 1)
        cur = getattr(DEFAULT_OPTIONS, k)
        if v == "None":
            over[k] = None
        elif isinstance(cur, bool):
            over[k] = v.lower() in ("1", "true", "yes")
        else:
            over[k] = type(cur or 0)(v)
    opts = replace(DEFAULT_OPTIONS, **over)
    opts = replace(opts, weights=replace(opts.weights, cosine=opts.weights.cosine or 1e-9))
    feats = {(f, s): load_features(f, s, opts) for f, s in which}
    # the weights find_matches uses: the lexical set when the semantic stage is off
    DEFAULT_WEIGHTS = opts.weights if opts.semantic else opts.lexical_weights

    def report(w, label):
        vals = [map5(sm, f, s, feats[(f, s)], w) for f, s in which]
        print(f"{label:<40} " + "  ".join(f"{f[:15]}/{s}={v:.4f}" for (f, s), v in zip(which, vals))
              + f"  mean={sum(vals) / len(vals):.4f}", flush=True)
        return sum(vals) / len(vals)

    t0 = time.perf_counter()
    report(DEFAULT_WEIGHTS, "default " + " ".join(a.opt))
    if a.quick:
        return 0
    if a.ablate:
        zero = {f.name: 0.0 for f in fields(DEFAULT_WEIGHTS) if f.name != "speaker_unknown"}
        report(replace(DEFAULT_WEIGHTS, **{**zero, "bm25": 1.0}), "only bm25 (no rerank)")
        report(replace(DEFAULT_WEIGHTS, **{**zero, "fuzzy": 1.0}), "only token_set_ratio")
        for fld in fields(DEFAULT_WEIGHTS):
            if fld.name == "speaker_unknown":
                continue
            report(replace(DEFAULT_WEIGHTS, **{fld.name: 0.0}), f"without {fld.name}")
        return 0
    # coordinate ascent on the mean train MAP@5 (a full grid is too slow in pure Python)
    values = [0.0, 0.05, 0.1, 0.2, 0.35, 0.5, 0.8]
    names = [f.name for f in fields(DEFAULT_WEIGHTS)]
    best_w = DEFAULT_WEIGHTS
    best_m = report(best_w, "start")
    for sweep in range(3):
        improved = False
        for name in names:
            vals = ([0.0, 0.3, 0.6, 1.0] if name == "speaker_unknown"
                    else [0.0, 0.5, 1.0, 1.5, 2.0, 2.7, 3.5, 5.0] if name.startswith("semantic")
                    else values)
            for v in vals:
                w = replace(best_w, **{name: v})
                if w.total() == 0 or w == best_w:
                    continue
                m = sum(map5(sm, f, s, feats[(f, s)], w) for f, s in which) / len(which)
                if m > best_m + 1e-4:
                    best_m, best_w, improved = m, w, True
                    print(f"  {m:.4f} {name}={v}", flush=True)
        if not improved:
            break
    report(best_w, "tuned")
    print("best:", best_w)
    return 0


if __name__ == "__main__":
    sys.exit(main())
