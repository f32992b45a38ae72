"""``quotedesk bench extract``: quote extraction speed on a synthetic news corpus, in process and
as a whole command.

``run()`` returns a dict of figures (medians of several runs, one core):
  * ``in_process``: ``extract_quotes`` over the corpus (articles/s, MB/s);
  * ``process``: the whole ``python -m quotedesk extract corpus.jsonl --out …`` command, start-up
    included (articles/s, MB/s, and the start-up time of an empty batch);
  * ``linearity``: time of one article 10× longer divided by the time of the plain article
    (≈10 means linear).
The corpus is deterministic (seeded), news-like, ~5 KB an article, with every quote shape.
"""
from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

from quotedesk.core.attribution import extract_quotes

_PEOPLE = [("Ana", "Rivera", "f", "Mayor"), ("Vladimir", "Putin", "m", "Russian President"),
           ("Donald", "Trump", "m", "US President"), ("Chrystia", "Freeland", "f", "Finance Minister"),
           ("Jane", "Doe", "f", "spokeswoman"), ("Omar", "Haddad", "m", "Police Chief"),
           ("Maria", "Lopez", "f", "Senator"), ("Kenji", "Sato", "m", "Professor")]
_ORGS = ["the Kremlin", "the ministry", "police", "the city council", "the company", "the agency"]
_CLAUSES = [
    "the budget would be balanced by the end of the decade",
    "talks with the union had broken down late on Friday night",
    "the new bridge will open to traffic in the spring",
    "investigators found no sign of foul play at the scene",
    "the two countries agreed to expand trade and cultural ties",
    "rents in the city centre have risen faster than wages for a decade",
]
_FILLER = [
    "The measure passed its first reading by a narrow margin after a long and heated debate in the chamber.",
    "Construction is expected to begin in the autumn and to take about three years, according to the schedule.",
    "The province has faced growing pressure from municipalities to increase transit funding since the pandemic.",
    "Several residents who attended the meeting on Tuesday left before the vote was held late in the evening.",
    "The decision follows months of negotiation between the two sides and several public hearings.",
    "Officials released figures showing that spending rose by 4.2 per cent over the previous year.",
    "The plan has drawn criticism from opposition members, who say it does not go far enough.",
    "Analysts had expected the announcement after a series of leaks earlier in the week.",
    "Story continues below advertisement",
    "Residents packed the hall on Tuesday evening, and many were turned away at the door.",
]


def _article(rng: random.Random, target: int = 5000) -> str:
    first, last, gender, title = rng.choice(_PEOPLE)
    other = rng.choice([p for p in _PEOPLE if p[1] != last])
    pron = "she" if gender == "f" else "he"
    org = rng.choice(_ORGS)
    parts = [f"{last} and {other[1]} meet as talks resume",
             f"{title} {first} {last} met {other[3]} {other[0]} {other[1]} on Monday, {org} said."]
    while sum(len(p) + 1 for p in parts) < target:
        c = rng.choice(_CLAUSES)
        shape = rng.randrange(26)  # about 13 quotes in 5 KB, like real news
        if shape == 0:
            parts.append(f"\u201c{c.capitalize()}, and we will not back down,\u201d {last} said.")
        elif shape == 1:
            parts.append(f"{pron.capitalize()} told reporters that {c}.")
        elif shape == 2:
            parts.append(f"{c.capitalize()}, {org} said in a statement.")
        elif shape == 3:
            parts.append(f"According to {other[0]} {other[1]}, {c}.")
        elif shape == 4:
            parts.append(f"\"{c.capitalize()}. We have said so from the start.\n\n"
                         f"\"Nobody should be surprised by this,\" {pron} added.")
        elif shape == 5:
            parts.append(f"{last} and {other[1]} agreed that {c} and vowed to make it \u201cwork for everyone.\u201d")
        elif shape == 6:
            parts.append(f"\u201c{c.capitalize()}.\u201d")
        else:
            parts.append(rng.choice(_FILLER))
    return "\n".join(parts)


def build_corpus(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [_article(rng) for _ in range(n)]


def _median_time(fn, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``fn()``."""
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def _children_cpu() -> float:
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return 0.0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def _process_time(path: str, out: str, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of a whole ``quotedesk extract`` process."""
    cmd = [sys.executable, "-m", "quotedesk", "extract", path, "--out", out]
    env = dict(os.environ)
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), _children_cpu()
        subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
        wall.append(time.perf_counter() - t0)
        cpu.append(_children_cpu() - c0)
    return statistics.median(wall), statistics.median(cpu)


def run(*, n_articles: int = 1000, runs: int = 5, corpus: list[str] | None = None) -> dict:
    texts = corpus if corpus is not None else build_corpus(n_articles)
    n = len(texts)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    def all_docs():
        for t in texts:
            extract_quotes(t)

    t_in, c_in = _median_time(all_docs, runs)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "corpus.jsonl")
        with open(path, "w", encoding="utf-8") as fh:
            for i, t in enumerate(texts):
                fh.write(json.dumps({"id": str(i), "text": t}) + "\n")
        empty = os.path.join(tmp, "empty.jsonl")
        with open(empty, "w", encoding="utf-8") as fh:
            fh.write(json.dumps({"id": "0", "text": ""}) + "\n")
        out = os.path.join(tmp, "out.jsonl")
        t_proc, c_proc = _process_time(path, out, runs)
        t_start, c_start = _process_time(empty, out, runs)
    # linearity: one article vs the same length ×10 (ten different articles joined), CPU time
    base = texts[0]
    long = "\n".join(texts[i % n] for i in range(10))
    reps = max(5, runs)
    t1 = _median_time(lambda: [extract_quotes(base) for _ in range(50)], reps)[1] / 50
    t10 = _median_time(lambda: [extract_quotes(long) for _ in range(5)], reps)[1] / 5

    def rates(wall: float, cpu: float) -> dict:
        return {"seconds": round(wall, 4), "articles_per_s": round(n / wall, 1),
                "mb_per_s": round(mb / wall, 3), "cpu_seconds": round(cpu, 4),
                "articles_per_cpu_s": round(n / cpu, 1) if cpu > 0 else None,
                "mb_per_cpu_s": round(mb / cpu, 3) if cpu > 0 else None}

    return {
        "articles": n,
        "megabytes": round(mb, 3),
        "runs": runs,
        "in_process": rates(t_in, c_in),
        "process": {**rates(t_proc, c_proc), "startup_seconds": round(t_start, 4),
                    "startup_cpu_seconds": round(c_start, 4)},
        "linearity": {"chars_1x": len(base), "chars_10x": len(long),
                      "cpu_seconds_1x": round(t1, 6), "cpu_seconds_10x": round(t10, 6),
                      "ratio": round(t10 / t1, 2) if t1 > 0 else None},
    }


def format_report(res: dict) -> str:
    ip, pr, li = res["in_process"], res["process"], res["linearity"]

    def line(d: dict) -> str:
        return (f"{d['articles_per_s']} articles/s, {d['mb_per_s']} MB/s wall-clock; "
                f"{d['articles_per_cpu_s']} articles/s, {d['mb_per_cpu_s']} MB/s per CPU-second")

    return "\n".join([
        f"corpus: {res['articles']} articles, {res['megabytes']} MB; median of {res['runs']} runs, one core",
        f"in-process extraction: {line(ip)}",
        f"whole `quotedesk extract` process: {line(pr)} "
        f"(start-up {pr['startup_seconds'] * 1000:.0f} ms wall, {pr['startup_cpu_seconds'] * 1000:.0f} ms CPU)",
        f"linearity: {li['chars_10x']} chars vs {li['chars_1x']} chars costs {li['ratio']}x CPU "
        f"(10 = linear)",
    ])
