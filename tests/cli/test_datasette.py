"""The database a user owns opens cleanly in Datasette: tables, the readable view, full-text search."""
from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_datasette_browses_and_searches_the_database(tmp_path):
    from datasette.app import Datasette

    db = tmp_path / "quotes.db"
    res = subprocess.run([sys.executable, "-m", "quotedesk", "import", str(SEEDS), "--db", str(db)],
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr

    async def fetch(*paths):
        ds = Datasette([str(db)])
        return [await ds.client.get(p) for p in paths]

    listing, view, search, page = asyncio.run(fetch(
        "/quotes.json", "/quotes/quotes_view.json?_shape=array&_size=500",
        "/quotes/quotes.json?_search=ferry&_shape=array", "/quotes"))
    assert listing.status_code == 200
    tables = {t["name"] for t in listing.json()["tables"]}
    assert {"articles", "quotes", "speakers", "speaker_aliases", "statements", "verdicts", "matches"} <= tables
    rows = view.json()
    assert view.status_code == 200 and any(r["speaker"] == "Kremlin" for r in rows)
    assert search.status_code == 200 and search.json() and all("ferry" in r["text"].lower() for r in search.json())
    assert page.status_code == 200
