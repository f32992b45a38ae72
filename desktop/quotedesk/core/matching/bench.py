"""``quotedesk bench match``: matching latency against N synthetic statements, vs brute force.

Synthetic statements are English-like: about 45% stop words, the rest drawn from a 60,000-word
Zipf vocabulary of pronounceable pseudo-words, 12-35 words each, 800 speakers, dates over ten
years (fixed seed, so runs are comparable). The 20 quotes (an article's worth) are 16 noisy
copies of random statements (about 15% of words dropped, two adjacent words swapped, one typo,
40% truncated to two thirds, as a partial quote would be) and 4 word salads with no true match.

With ``--vectors`` the sentence vectors are built first (timed) and the semantic stage runs too.
Measured: per batch of 20 and per quote, median and p95 latency (warm cache, one thread; per quote
also the process's CPU time, every thread counted: less sensitive to other programs), peak
RSS (``resource.getrusage``) before the brute-force step, database size, import time (writing the
JSONL file is not counted), and the same quotes answered by brute force (rapidfuzz
``process.extract`` with ``token_set_ratio`` over every statement) for the speed ratio.
"""
from __future__ import annotations

import json
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from quotedesk.core.matching.text import STOP_WORDS

SEED = 20240501
VOCAB = 60_000
N_QUOTES = 20
N_TRUE = 16
_SYL = ["ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "ri", "so", "tu",
        "va", "we", "xi", "yo", "za", "bro", "cla", "dre", "fli", "gro", "pla", "stu", "tra", "an",
        "el", "in", "or", "um", "ent", "ist", "ock", "ard", "ine", "ous", "ment"]
_STOPS = sorted(STOP_WORDS - {"s", "t", "via", "http", "https", "www", "com", "pic", "twitter",
                               "rt", "amp"})


def _vocab(rng: random.Random) -> list[str]:
    seen, out = set(), []
    while len(out) < VOCAB:
        w = "".join(rng.choice(_SYL) for _ in range(rng.choice((1, 2, 2, 3, 3, 3, 4))))
        if w not in seen and w not in STOP_WORDS:
            seen.add(w)
            out.append(w)
    return out


def synthetic_statements(n: int, seed: int = SEED):
    """Yield ``n`` statement dicts (deterministic)."""
    rng = random.Random(seed)
    vocab = _vocab(rng)
    cum, total = [], 0.0
    for r in range(1, VOCAB + 1):
        total += 1.0 / r ** 1.05
        cum.append(total)
    speakers = [f"{rng.choice(vocab).title()} {rng.choice(vocab).title()}" for _ in range(800)]
    for i in range(n):
        k = rng.randint(12, 35)
        content = rng.choices(vocab, cum_weights=cum, k=k)
        stops = rng.choices(_STOPS, k=k)
        ws = [s if rng.random() < 0.45 else c for c, s in zip(content, stops)]
        ws[0] = ws[0].capitalize()
        yield {"id": f"syn{i}", "text": " ".join(ws) + ".", "speaker": rng.choice(speakers),
               "date": f"{2015 + i * 10 // max(n, 1)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}


def _noisy(text: str, rng: random.Random, vocab_words: list[str]) -> str:
    ws = text.rstrip(".").split()
    ws = [w for w in ws if rng.random() > 0.15] or ws
    if len(ws) > 3:
        i = rng.randrange(len(ws) - 1)
        ws[i], ws[i + 1] = ws[i + 1], ws[i]
        j = rng.randrange(len(ws))
        if len(ws[j]) > 3:
            p = rng.randrange(len(ws[j]))
            ws[j] = ws[j][:p] + rng.choice("aeiouxz") + ws[j][p + 1:]
    if rng.random() < 0.4:
        ws = ws[: max(4, len(ws) * 2 // 3)]
    return " ".join(ws)


def make_quotes(db_texts: list[tuple[str, str]], seed: int = SEED) -> list[tuple[str, str | None]]:
    """(quote text, id of its source statement or None) for the 20 bench quotes."""
    rng = random.Random(seed + 1)
    words = [w for _, t in db_texts for w in t.rstrip(".").split()]
    out = []
    for sid, text in rng.sample(db_texts, N_TRUE):
        out.append((_noisy(text, rng, words), sid))
    for _ in range(N_QUOTES - N_TRUE):
        out.append((" ".join(rng.choice(words) for _ in range(rng.randint(8, 20))), None))
    return out


def near_copies(db_texts: list[tuple[str, str]], n: int, seed: int = SEED) -> list[tuple[str, str]]:
    """(query, id of its statement) for ``n`` stored statements with one word replaced by
    another word of the collection (the issue's "near-copy" recall test)."""
    rng = random.Random(seed + 3)
    words = sorted({w for _, t in db_texts for w in t.rstrip(".").split()})
    out = []
    for sid, text in rng.sample(db_texts, min(n, len(db_texts))):
        ws = text.rstrip(".").split()
        i = rng.randrange(len(ws))
        ws[i] = rng.choice([w for w in rng.sample(words, 5) if w != ws[i]] or ["word"])
        out.append((" ".join(ws) + ".", sid))
    return out


def _rss_now_mb() -> float:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return _rss_mb()


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def _rss_mb() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return r / 1024 / 1024 if sys.platform == "darwin" else r / 1024


def _every_tenth(label: str, log: Callable[[str], None]) -> Callable[[float], None]:
    """A progress callback that logs each further 10% with the seconds since it was made."""
    t0, last = time.perf_counter(), [0.0]

    def progress(x: float) -> None:
        if x - last[0] >= 0.1 or x >= 1.0:
            last[0] = x
            log(f"  {label} {x * 100:3.0f}%  {time.perf_counter() - t0:6.1f} s")
    return progress


def build_db(n: int, db_path: Path, log: Callable[[str], None]) -> float:
    """Create the benchmark database of ``n`` statements; returns the import time in seconds."""
    from quotedesk.core.store.db import open_store
    from quotedesk.core.store.statements import import_statements

    for p in db_path.parent.glob(db_path.name + "*"):
        p.unlink()
    src = db_path.with_suffix(".jsonl")
    t0 = time.perf_counter()
    with open(src, "w", encoding="utf-8") as f:
        for row in synthetic_statements(n):
            f.write(json.dumps(row) + "\n")
    log(f"generated {n:,} statements in {time.perf_counter() - t0:.1f} s; importing")
    store = open_store(db_path, backup_before_migrate=False)
    t0 = time.perf_counter()
    report = import_statements(store, src, progress=_every_tenth("import", log))
    dt = time.perf_counter() - t0
    store.close()
    src.unlink()
    db_path.with_suffix(".meta.json").write_text(json.dumps({"n": n, "import_s": dt,
                                                             "added": report.added}))
    return dt


def run_bench(n: int, *, db_path: Path | None = None, repeats: int = 10,
              brute_force_quotes: int = 3, log: Callable[[str], None] = lambda s: None,
              vectors: bool = False, near: int = 200) -> dict:
    """Build or reuse the database and measure; returns a flat dict of figures.

    With ``vectors``, the statements' sentence vectors are computed (timed; only those missing)
    and matching runs with the semantic stage: each batch encodes its 20 quotes in one call, as
    an article's import does. Without, matching is lexical only."""
    from dataclasses import replace

    from rapidfuzz import fuzz, process
    from rapidfuzz.utils import default_process

    from quotedesk.core.matching import semantic
    from quotedesk.core.matching.service import DEFAULT_OPTIONS, find_matches_plan, query_vectors
    from quotedesk.core.store.db import open_store

    db_path = Path(db_path) if db_path else Path(tempfile.gettempdir()) / f"quotedesk-bench-{n}.db"
    meta_path = db_path.with_suffix(".meta.json")
    meta = json.loads(meta_path.read_text()) if meta_path.exists() and db_path.exists() else {}
    if meta.get("n") != n:
        import_s = build_db(n, db_path, log)
        reused = False
    else:
        import_s, reused = meta["import_s"], True
        log(f"reusing {db_path}")
    store = open_store(db_path, backup_before_migrate=False)
    conn = store.conn
    vectors_s, vectors_built = 0.0, 0
    if vectors:
        if not semantic.available():
            raise RuntimeError(f"no semantic stage: {semantic.unavailable_reason()}")
        t0 = time.perf_counter()
        vectors_built = semantic.index_statements(store, progress=_every_tenth("vectors", log))
        vectors_s = time.perf_counter() - t0
        log(f"{vectors_built:,} sentence vectors in {vectors_s:.1f} s")
        if vectors_built >= 100:  # remembered: a reused database reports how fast it was built
            meta = json.loads(meta_path.read_text()) if meta_path.exists() else {"n": n}
            meta["vectors_per_s"] = round(vectors_built / vectors_s, 1)
            meta_path.write_text(json.dumps(meta))
        meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    opts = replace(DEFAULT_OPTIONS, semantic=vectors)
    # the quotes' sources: a deterministic sample, read by id
    rng = random.Random(SEED + 2)
    ids = rng.sample(range(1, n + 1), min(n, 2000))
    rows = conn.execute("SELECT ext_id, text, speaker FROM statements WHERE id IN (SELECT value "
                        "FROM json_each(?))", (json.dumps(ids),)).fetchall()
    speaker_of = {r[0]: r[2] for r in rows}
    quotes = make_quotes(sorted((r[0], r[1]) for r in rows))
    find_matches_plan(store, quotes[0][0], options=opts)  # warm-up: page cache, df table, model
    for q, _ in quotes:
        find_matches_plan(store, q, options=opts)
    batch_ms, batch_cpu_ms, quote_ms, quote_cpu_ms, found, modes = [], [], [], [], 0, {}
    for rep in range(repeats):
        t_batch = time.perf_counter()
        c_batch = time.process_time()
        qv = query_vectors(store, [q for q, _ in quotes], opts) or [None] * len(quotes)
        for (q, sid), v in zip(quotes, qv):
            t0, c0 = time.perf_counter(), time.process_time()
            ms, plan = find_matches_plan(store, q, top=5, options=opts, query_vector=v)
            quote_ms.append((time.perf_counter() - t0) * 1000)
            quote_cpu_ms.append((time.process_time() - c0) * 1000)
            if rep == 0:
                modes[plan.mode] = modes.get(plan.mode, 0) + 1
                if sid is not None and ms and ms[0].statement_id == sid:
                    found += 1
        batch_ms.append((time.perf_counter() - t_batch) * 1000)
        batch_cpu_ms.append((time.process_time() - c_batch) * 1000)
    # the same quotes with their speaker known: adds the speaker-scoped search
    sp_batch_ms, sp_cpu_ms, sp_found = [], [], 0
    for rep in range(max(3, repeats // 2 + 1)):
        t_batch = time.perf_counter()
        c_batch = time.process_time()
        qv = query_vectors(store, [q for q, _ in quotes], opts) or [None] * len(quotes)
        for (q, sid), v in zip(quotes, qv):
            ms, _ = find_matches_plan(store, q, top=5, options=opts, query_vector=v,
                                      speaker=speaker_of.get(sid) if sid else "Nobody Known")
            if rep == 0 and sid is not None and ms and ms[0].statement_id == sid:
                sp_found += 1
        sp_batch_ms.append((time.perf_counter() - t_batch) * 1000)
        sp_cpu_ms.append((time.process_time() - c_batch) * 1000)
    # near-copies: stored statements with one word replaced, in batches of 20 as an article's
    near_q = near_copies(sorted((r[0], r[1]) for r in rows), near)
    near_ms, near_top1, near_none, near_lexless, near_dense = [], 0, 0, 0, 0
    sid_row = dict(conn.execute(
        "SELECT ext_id, id FROM statements WHERE ext_id IN (SELECT value FROM json_each(?))",
        (json.dumps([sid for _, sid in near_q]),)).fetchall())
    for b in range(0, len(near_q), N_QUOTES):
        batch = near_q[b:b + N_QUOTES]
        t_batch = time.perf_counter()
        qv = query_vectors(store, [q for q, _ in batch], opts) or [None] * len(batch)
        for (q, sid), v in zip(batch, qv):
            ms, plan = find_matches_plan(store, q, top=5, options=opts, query_vector=v)
            near_top1 += bool(ms and ms[0].statement_id == sid)
            near_none += not ms
            near_lexless += plan.mode in ("generic", "empty")
            if v is not None:  # the dense stage alone: would it supply the statement?
                near_dense += sid_row.get(sid) in [i for i, _ in semantic.nearest_statements(
                    store, v, opts.dense_k)]
        near_ms.append((time.perf_counter() - t_batch) * 1000 / len(batch))
    dense = None
    if vectors:
        from quotedesk.core.matching import vectors as vec_mod

        idx = vec_mod.index_for(str(db_path), conn)
        dense = {"rows": len(idx), "mb": round(idx.nbytes() / 1e6, 1),
                 "cells": 0 if idx.cent is None else len(idx.cent), "nprobe": vec_mod.NPROBE,
                 "nprobe_wide": vec_mod.NPROBE_WIDE}
    throughput = None
    if vectors:
        from quotedesk.core.matching.encoder import throughput as enc_throughput

        throughput = enc_throughput([r[1] for r in rows[:1000]], semantic._get_model())
    rss_now = _rss_now_mb()
    per_speaker = conn.execute("SELECT count(*) FROM statements WHERE speaker_key = "
                               "(SELECT speaker_key FROM statements WHERE id = 1)").fetchone()[0]
    peak = _rss_mb()
    store.close()
    size_mb = sum(p.stat().st_size for p in (db_path, Path(f"{db_path}-wal")) if p.exists()) / 1e6
    # brute force over every statement, the same quotes
    bf_ms = []
    bf_found = 0
    if brute_force_quotes:
        store = open_store(db_path, backup_before_migrate=False)
        t0 = time.perf_counter()
        choices, ext = [], []
        for e, t in store.conn.execute("SELECT ext_id, text FROM statements ORDER BY id"):
            choices.append(default_process(t))
            ext.append(e)
        load_s = time.perf_counter() - t0
        store.close()
        for q, sid in quotes[:brute_force_quotes]:
            t0 = time.perf_counter()
            best = process.extract(default_process(q), choices, scorer=fuzz.token_set_ratio,
                                   processor=None, limit=5)
            bf_ms.append((time.perf_counter() - t0) * 1000)
            bf_found += bool(sid is not None and best and ext[best[0][2]] == sid)
        del choices, ext
    else:
        load_s = 0.0
    q_med = statistics.median(quote_ms)
    bf_med = statistics.median(bf_ms) if bf_ms else None
    return {
        "statements": n,
        "db_path": str(db_path),
        "db_reused": reused,
        "import_s": round(import_s, 1),
        "db_mb": round(size_mb, 1),
        "semantic": bool(vectors),
        "vectors_built": vectors_built,
        "vectors_s": round(vectors_s, 1),
        "batch_ms_median": round(statistics.median(batch_ms), 1),
        "batch_ms_p95": round(_pct(batch_ms, 95), 1),
        "batch_cpu_ms_median": round(statistics.median(batch_cpu_ms), 1),
        "quote_ms_median": round(q_med, 2),
        "quote_cpu_ms_median": round(statistics.median(quote_cpu_ms), 2),
        "quote_ms_p95": round(_pct(quote_ms, 95), 2),
        "quote_ms_max": round(max(quote_ms), 2),
        "peak_rss_mb": round(peak, 1),
        "rss_mb": round(rss_now, 1),
        "vectors_per_s": (round(vectors_built / vectors_s, 1) if vectors_built >= 100
                          else meta.get("vectors_per_s")),
        "encode_per_s": throughput["statements_per_s"] if throughput else None,
        "encode_threads": throughput["threads"] if throughput else None,
        "dense_index": dense,
        "near_copies": len(near_q),
        "near_top1": near_top1,
        "near_no_candidate": near_none,
        "near_without_lexical_candidates": near_lexless,
        "near_in_dense_stage": near_dense,
        "near_quote_ms_median": round(statistics.median(near_ms), 2) if near_ms else None,
        "top1_found": found,
        "with_speaker_batch_ms_median": round(statistics.median(sp_batch_ms[1:]), 1),
        "with_speaker_batch_ms_p95": round(_pct(sp_batch_ms[1:], 95), 1),
        "with_speaker_batch_cpu_ms_median": round(statistics.median(sp_cpu_ms[1:]), 1),
        "with_speaker_first_batch_ms": round(sp_batch_ms[0], 1),
        "with_speaker_first_batch_cpu_ms": round(sp_cpu_ms[0], 1),
        "with_speaker_top1_found": sp_found,
        "statements_per_speaker": per_speaker,
        "true_quotes": N_TRUE,
        "query_modes": modes,
        "brute_force_quote_ms": round(bf_med, 1) if bf_med else None,
        "brute_force_load_s": round(load_s, 1),
        "brute_force_top1_found": bf_found,
        "brute_force_quotes": len(bf_ms),
        "speedup_vs_brute_force": round(bf_med / q_med, 1) if bf_med else None,
        "peak_rss_mb_with_brute_force": round(_rss_mb(), 1),
    }


def format_report(r: dict) -> str:
    lines = [
        f"statements            {r['statements']:,}  ({'reused' if r['db_reused'] else 'built'}: {r['db_path']})",
        f"import                {r['import_s']} s",
        f"matching              {'lexical + semantic (sentence vectors)' if r.get('semantic') else 'lexical only'}"
        + (f"; {r['vectors_built']:,} vectors computed in {r['vectors_s']} s" if r.get("vectors_built") else ""),
        f"database size         {r['db_mb']} MB",
        f"batch of 20 quotes    median {r['batch_ms_median']} ms, p95 {r['batch_ms_p95']} ms "
        f"(CPU time median {r['batch_cpu_ms_median']} ms: less sensitive to a busy machine)",
        f"per quote             median {r['quote_ms_median']} ms, p95 {r['quote_ms_p95']} ms, "
        f"max {r['quote_ms_max']} ms (CPU time of the process, all its threads: median "
        f"{r['quote_cpu_ms_median']} ms)",
        f"memory                {r['rss_mb']} MB resident after matching, peak {r['peak_rss_mb']} MB"
        + (f"; vectors in memory {r['dense_index']['mb']} MB ({r['dense_index']['rows']:,} rows, "
           f"{r['dense_index']['cells'] or 'no'} cells, {r['dense_index']['nprobe']} scored a query, "
           f"{r['dense_index'].get('nprobe_wide')} when it has no lexical candidate)"
           if r.get("dense_index") else ""),
        f"peak memory (maxrss)  {r['peak_rss_mb']} MB (matching); "
        f"{r['peak_rss_mb_with_brute_force']} MB after brute force",
        f"top-1 correct         {r['top1_found']}/{r['true_quotes']} (query modes {r['query_modes']})",
        f"near-copies           {r['near_top1']}/{r['near_copies']} ranked first "
        f"({100 * r['near_top1'] / max(r['near_copies'], 1):.1f} %), {r['near_no_candidate']} without "
        f"any candidate, {r['near_without_lexical_candidates']} with no lexical candidate stage "
        f"(too generic); {r['near_quote_ms_median']} ms a quote (median of batches of 20); "
        f"the nearest-neighbour stage alone has the statement among its candidates for "
        f"{r['near_in_dense_stage']}/{r['near_copies']}",
        f"with speaker given    batch median {r['with_speaker_batch_ms_median']} ms, p95 "
        f"{r['with_speaker_batch_ms_p95']} ms (CPU {r['with_speaker_batch_cpu_ms_median']} ms); "
        f"first batch {r['with_speaker_first_batch_ms']} ms (CPU "
        f"{r['with_speaker_first_batch_cpu_ms']} ms) "
        f"(+ speaker-scoped index over ~{r['statements_per_speaker']:,} statements of the speaker; "
        f"top-1 {r['with_speaker_top1_found']}/{r['true_quotes']})",
    ]
    if r.get("encode_per_s"):
        rate = (f"{r['vectors_per_s']} statements/s (vectors stored)" if r["vectors_per_s"]
                else "not timed (the vectors were already stored)")
        lines.append(f"embedding             {r['encode_per_s']} statements/s "
                     f"({r['encode_threads']} threads, 1,000 statements, median of 3); indexing "
                     + rate)
    if r["brute_force_quote_ms"]:
        lines.append(
            f"brute force           {r['brute_force_quote_ms']} ms per quote "
            f"({r['brute_force_quotes']} quotes, token_set_ratio over all; top-1 "
            f"{r['brute_force_top1_found']}/{r['brute_force_quotes']}); "
            f"indexed is {r['speedup_vs_brute_force']}x faster")
    return "\n".join(lines)
