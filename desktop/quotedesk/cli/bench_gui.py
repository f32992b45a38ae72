"""``quotedesk bench gui``: open and scroll the app on a large synthetic library."""
from __future__ import annotations

from pathlib import Path


def register(sub, bench) -> None:
    p = bench.add_parser("gui", help="time to open the app and scroll the library (synthetic library)")
    p.add_argument("--articles", type=int, default=100_000, help="library size (default 100,000)")
    p.add_argument("--quotes-per-article", type=int, default=10)
    p.add_argument("--runs", type=int, default=5, help="fresh app processes to measure (median reported)")
    p.add_argument("--db", type=Path, help="database to build or reuse (default: a cache file per size)")
    p.set_defaults(func=_run)


def _run(args) -> int:
    from quotedesk.gui.bench import run_bench

    run_bench(args.articles, runs=args.runs, db=args.db, quotes_per_article=args.quotes_per_article)
    return 0
