"""``quotedesk bench import``: what one quote costs to import, as articles grow.

An article with N quotes (N = 20, 200, 2,000 by default; about 850 characters of text per quote,
so the 2,000-quote article is 1.7 MB) is imported into a fresh database file, the way
``quotedesk import`` does it (find the quotes, then store article and quotes in one
transaction). Reported per size: the median over ``runs`` of the whole import, of each phase,
and of the cost per quote. Import is linear when the per-quote cost is flat across sizes.

Each run uses its own database in a temporary folder (WAL, as the app uses it), warmed with a
small article first so that opening and migrating the file are not counted.
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Callable

from quotedesk.core.model import ArticleDraft

DEFAULT_SIZES = (20, 200, 2000)

_SPEAKERS = ("Ana Rivera", "Tom Baker", "Maria Chen", "Luis Novak", "Amina Okafor")
_FILLER = ("The council met on Tuesday to discuss the budget for the harbour and the new ferry "
           "line, which has been delayed for too long. ")


def article_text(n_quotes: int, *, salt: str = "") -> str:
    """A plausible article with ``n_quotes`` direct quotes, each in its own paragraph."""
    paras = [f"Council budget talks continue {salt}".strip()]
    for i in range(n_quotes):
        who = _SPEAKERS[i % len(_SPEAKERS)]
        paras.append(f'"We will finish item {i} of the plan before the spring," said {who}. '
                     + _FILLER * 6)
    return "\n\n".join(paras) + "\n"


def _one_run(n_quotes: int, folder: Path, run: int) -> dict:
    from quotedesk.core.attribution import extract_quotes
    from quotedesk.core.store.articles import add_article
    from quotedesk.core.store.db import open_store

    store = open_store(folder / f"bench-{n_quotes}-{run}.db", backup_before_migrate=False)
    try:
        warm = article_text(3, salt=f"warm {run}")
        add_article(store, ArticleDraft(text=warm), extract_quotes(warm))
        text = article_text(n_quotes, salt=f"run {run}")
        t0 = time.perf_counter()
        quotes = extract_quotes(text)
        t1 = time.perf_counter()
        add_article(store, ArticleDraft(text=text), quotes)
        t2 = time.perf_counter()
    finally:
        store.close()
    return {"quotes": len(quotes), "chars": len(text), "extract_s": t1 - t0, "store_s": t2 - t1,
            "total_s": t2 - t0}


def run_bench(sizes=DEFAULT_SIZES, *, runs: int = 5,
              log: Callable[[str], None] | None = None) -> dict:
    """Median timings per article size; see the module docstring."""
    out = {"runs": runs, "sizes": []}
    with tempfile.TemporaryDirectory(prefix="quotedesk-bench-import-") as tmp:
        for n in sizes:
            results = [_one_run(n, Path(tmp), r) for r in range(runs)]
            med = {k: statistics.median(r[k] for r in results) for k in ("extract_s", "store_s", "total_s")}
            quotes = results[0]["quotes"]
            row = {"quotes_asked": n, "quotes": quotes, "chars": results[0]["chars"],
                   **{k: round(v, 4) for k, v in med.items()},
                   "ms_per_quote": round(statistics.median(r["total_s"] / max(r["quotes"], 1)
                                                           for r in results) * 1000, 3),
                   "store_ms_per_quote": round(statistics.median(r["store_s"] / max(r["quotes"], 1)
                                                                 for r in results) * 1000, 3)}
            out["sizes"].append(row)
            if log:
                log(f"{n} quotes: {row['ms_per_quote']} ms per quote")
    return out


def format_report(res: dict) -> str:
    lines = [f"import cost per article size (median of {res['runs']} runs)",
             f"{'quotes':>7} {'chars':>10} {'extract s':>10} {'store s':>9} {'total s':>9} "
             f"{'ms/quote':>9} {'store ms/quote':>15}"]
    for r in res["sizes"]:
        lines.append(f"{r['quotes']:>7} {r['chars']:>10,} {r['extract_s']:>10.3f} {r['store_s']:>9.3f} "
                     f"{r['total_s']:>9.3f} {r['ms_per_quote']:>9.3f} {r['store_ms_per_quote']:>15.3f}")
    return "\n".join(lines)
