"""``quotedesk bench import``: the per-quote import cost for articles of growing size."""
from __future__ import annotations

import json
import sys


def register(sub, bench) -> None:
    p = bench.add_parser("import", help="per-quote import cost for articles of 20, 200 and 2,000 quotes")
    p.add_argument("--sizes", default="20,200,2000", help="quotes per article, comma-separated")
    p.add_argument("--runs", type=int, default=5, help="runs per size (the median is reported)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=_run)


def _run(args) -> int:
    from quotedesk.cli import CliError
    from quotedesk.core.import_bench import format_report, run_bench

    try:
        sizes = tuple(int(s) for s in args.sizes.split(",") if s.strip())
    except ValueError:
        raise CliError(f"--sizes must be whole numbers separated by commas (got {args.sizes!r})") from None
    if not sizes or min(sizes) < 1 or args.runs < 1:
        raise CliError("--sizes and --runs must be at least 1")
    res = run_bench(sizes, runs=args.runs, log=lambda s: print(s, file=sys.stderr, flush=True))
    print(json.dumps(res, indent=2) if args.json else format_report(res))
    return 0
