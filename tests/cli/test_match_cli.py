"""``quotedesk match``, ``quotedesk rematch`` and ``quotedesk bench match`` end to end."""
from __future__ import annotations

import json
import os
import subprocess
import sys


def qd(*args, semantic: bool = False):
    """Run the command; lexical matching unless ``semantic`` (the model loads in ~5 s per run)."""
    env = {**os.environ, "QUOTEDESK_SEMANTIC": "1" if semantic else "0"}
    return subprocess.run([sys.executable, "-m", "quotedesk", *map(str, args)],
                          capture_output=True, text=True, timeout=180, env=env)


COLLECTION = [
    {"id": "c1", "text": "The minimum wage will rise to fifteen dollars an hour by 2025.", "speaker": "Ann Lee"},
    {"id": "c2", "text": "Our schools lost a thousand teachers because of budget cuts.", "speaker": "Bo Ray"},
    {"id": "c3", "text": "Coal plants will close within ten years.", "speaker": "Ann Lee",
     "title": "Lee on coal closures"},
]
QUERIES = [
    {"id": "q1", "text": "a $15 minimum wage by 2025: the minimum wage will rise to fifteen dollars"},
    {"id": "q2", "text": "thousand teachers lost to budget cuts in our schools", "speaker": "Bo Ray"},
    {"id": "q3", "text": "zebra"},
]


def _setup(tmp_path):
    col, qs = tmp_path / "c.jsonl", tmp_path / "q.jsonl"
    col.write_text("".join(json.dumps(r) + "\n" for r in COLLECTION))
    qs.write_text("".join(json.dumps(r) + "\n" for r in QUERIES))
    db = tmp_path / "m.db"
    assert qd("statements", "import", col, "--db", db).returncode == 0
    return db, qs


def test_match_writes_run_tsv(tmp_path):
    db, qs = _setup(tmp_path)
    out = tmp_path / "run.tsv"
    r = qd("match", qs, "--db", db, "--top", "2", "--out", out)
    assert r.returncode == 0, r.stderr
    rows = [line.split("\t") for line in out.read_text().splitlines()]
    assert all(len(x) == 4 for x in rows)
    by_q = {}
    for q, sid, rank, score in rows:
        by_q.setdefault(q, []).append((sid, int(rank), float(score)))
    assert by_q["q1"][0][:2] == ("c1", 1) and by_q["q2"][0][:2] == ("c2", 1)
    assert len(by_q["q1"]) <= 2 and "q3" not in by_q
    assert all(0 <= s <= 100 for v in by_q.values() for _, _, s in v)
    # stdout when no --out
    r = qd("match", qs, "--db", db, "--top", "1")
    assert r.stdout.splitlines()[0].startswith("q1\tc1\t1\t")


def test_match_bad_input(tmp_path):
    db, _ = _setup(tmp_path)
    r = qd("match", tmp_path / "nope.jsonl", "--db", db)
    assert r.returncode == 2 and "no such file" in r.stderr
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{}\n")
    r = qd("match", bad, "--db", db)
    assert r.returncode == 2 and "bad.jsonl:1" in r.stderr


def test_rematch_empty_db(tmp_path):
    db = tmp_path / "e.db"
    r = qd("rematch", "--db", db)
    assert r.returncode == 2 and "no database" in r.stderr
    from quotedesk.core.store.db import open_store

    open_store(db).close()
    r = qd("rematch", "--db", db)
    assert r.returncode == 0 and "re-matched 0 quotes" in r.stderr


def test_match_missing_db(tmp_path):
    q = tmp_path / "q.jsonl"
    q.write_text(json.dumps({"id": "1", "text": "x"}) + "\n")
    r = qd("match", q, "--db", tmp_path / "nope.db")
    assert r.returncode == 2 and "no database" in r.stderr and not (tmp_path / "nope.db").exists()


def test_bench_match_small(tmp_path):
    r = qd("bench", "match", "--statements", "2000", "--db", tmp_path / "b.db", "--repeats", "2",
           "--json")
    assert r.returncode == 0, r.stderr
    res = json.loads(r.stdout)
    for key in ("statements", "batch_ms_median", "batch_ms_p95", "quote_ms_median", "quote_ms_p95",
                "peak_rss_mb", "db_mb", "import_s", "brute_force_quote_ms", "speedup_vs_brute_force",
                "top1_found"):
        assert key in res
    assert res["statements"] == 2000
    assert res["top1_found"] >= 15
    assert res["semantic"] is False


def test_bench_match_with_vectors(tmp_path):
    r = qd("bench", "match", "--statements", "300", "--db", tmp_path / "b.db", "--repeats", "2",
           "--brute-force-quotes", "0", "--vectors", "--json", semantic=True)
    assert r.returncode == 0, r.stderr
    res = json.loads(r.stdout)
    assert res["semantic"] is True and res["vectors_built"] == 300 and res["vectors_s"] > 0
    assert res["top1_found"] >= 14
    # near-copies (one word of a stored statement replaced): found first, never without candidates
    assert res["near_copies"] == 200 and res["near_top1"] >= 190 and res["near_no_candidate"] == 0
    assert res["near_in_dense_stage"] >= 190   # the nearest-neighbour stage alone finds them too
    assert res["encode_per_s"] > 0 and res["vectors_per_s"] > 0 and res["rss_mb"] > 0
    assert res["dense_index"]["rows"] == 300
    r = qd("bench", "match", "--statements", "300", "--db", tmp_path / "b.db", "--repeats", "2",
           "--brute-force-quotes", "0", "--vectors", semantic=True)
    assert r.returncode == 0, r.stderr
    assert "near-copies" in r.stdout and "statements/s" in r.stdout and "reused" in r.stdout


MEANING = [
    {"id": "jobs", "text": "Joblessness has dropped to a seventeen-year low.", "speaker": "Ray Ortiz"},
    {"id": "tax", "text": "Income tax rates will be raised for the richest households next spring."},
    {"id": "flu", "text": "Flu vaccines are available free of charge at every pharmacy this winter."},
]


def test_reworded_claim_is_matched_by_meaning_end_to_end(tmp_path):
    """The measuring tools' sequence (statements import, then match) finds a claim that shares
    no word with the query; with --no-vectors it cannot until 'statements index' has run."""
    col, qs = tmp_path / "c.jsonl", tmp_path / "q.jsonl"
    col.write_text("".join(json.dumps(r) + "\n" for r in MEANING))
    qs.write_text(json.dumps({"id": "r1", "text": "Fewer people are out of work now than at any "
                                                  "time since 2007."}) + "\n")
    db = tmp_path / "m.db"
    r = qd("statements", "import", col, "--db", db, semantic=True)
    assert r.returncode == 0 and "semantic index: 3 vectors" in r.stderr, r.stderr
    r = qd("match", qs, "--db", db, "--top", "3", semantic=True)
    assert r.returncode == 0 and "lexical matching only" not in r.stderr, r.stderr
    assert r.stdout.splitlines()[0].split("\t")[:3] == ["r1", "jobs", "1"]

    lexical = tmp_path / "lex.db"
    assert qd("statements", "import", col, "--db", lexical, "--no-vectors", semantic=True).returncode == 0
    r = qd("match", qs, "--db", lexical, "--top", "3", semantic=True)
    assert r.returncode == 0 and "jobs" not in r.stdout
    assert "lexical matching only: the database has no sentence vectors" in r.stderr
    r = qd("statements", "index", "--db", lexical, semantic=True)
    assert r.returncode == 0 and "semantic index: 3 vectors" in r.stderr, r.stderr
    r = qd("match", qs, "--db", lexical, "--top", "3", semantic=True)
    assert r.stdout.splitlines()[0].split("\t")[:2] == ["r1", "jobs"]
