"""The quotes export carries what the matches panel shows (issue 15): JSON an ``earlier`` list per
quote, CSV two columns at the end; both from the panel's own rows."""
from __future__ import annotations

import csv
import io
import json

import pytest

from quotedesk.core.exporting import EARLIER_FIELDS, FIELDS, export_file, export_text
from quotedesk.core.matching.panel_rows import compute_matches
from quotedesk.core.store.db import open_store

from tests.core.matching_helpers import add_quotes_article, import_statements

CLAIM_JAN = "The harbour tunnel will open to traffic in June and it will cost less than planned."
CLAIM_MAR = "Traffic will use the harbour tunnel from June, and it will cost less than we planned."
CLAIM_APR = "In June the harbour tunnel opens to traffic, cheaper than was planned."
OTHER = "Our schools need two hundred more teachers before the autumn term begins."


@pytest.fixture
def library(tmp_path):
    """Dated library: a statement memory, a same-day and a later repeat, an unrelated quote."""
    s = open_store(tmp_path / "lib.db")
    import_statements(s, [("st-jan", CLAIM_JAN, "Mia Holt", "2024-01-09", "Council minutes"),
                          ("st-same", CLAIM_MAR, "Mia Holt", "2024-04-20", "Radio interview"),
                          ("st-later", CLAIM_MAR, "Mia Holt", "2024-06-01", "Press release")])
    add_quotes_article(s, "Tunnel in March", "2024-03-05", "Gazette", [(CLAIM_MAR, "Mia Holt")])
    add_quotes_article(s, "Tunnel in April", "2024-04-20", "Herald",
                       [(CLAIM_APR, "Mia Holt"), (OTHER, "Ann Lee")])
    add_quotes_article(s, "Tunnel in May", "2024-05-02", "Herald", [(CLAIM_JAN, "Mia Holt")])
    yield s
    s.close()


def panel_view(store, quote_id):
    """What the matches panel lists, read from its rows (not from the export function)."""
    out = []
    for r in compute_matches(store, quote_id, save=False).earlier_rows():
        out.append((r.text, r.speaker, r.date, r.kind,
                    r.title if r.is_quote else None, None if r.is_quote else r.statement_id,
                    None if r.is_quote else r.source))
    return out


def test_json_earlier_equals_the_panel_rows(library, tmp_path):
    n = export_file(library, tmp_path / "q.json", "json", earlier=True)
    items = json.loads((tmp_path / "q.json").read_text())
    assert n == len(items) == 4
    seen_any = 0
    for item in items:
        got = [(e["text"], e["speaker"], e["date"], e["match"], e.get("article_title"),
                e.get("statement_id"), e.get("source")) for e in item["earlier"]]
        assert got == panel_view(library, item["quote_id"]), item["article_title"]
        scores = [e["score"] for e in item["earlier"]]
        assert scores == sorted(scores, reverse=True)
        assert all(e["match"] in ("verbatim", "partial", "reworded", "other_speaker")
                   for e in item["earlier"])
        assert all(e["date"] is None or e["date"] < item["date"] for e in item["earlier"])
        seen_any += bool(item["earlier"])
    by_title = {i["article_title"]: i for i in items if i["speaker"] == "Mia Holt"}
    assert by_title["Tunnel in March"]["earlier"][0]["statement_id"] == "st-jan"
    april = {e.get("statement_id") or e.get("article_title") for e in by_title["Tunnel in April"]["earlier"]}
    assert "st-jan" in april and not april & {"st-same", "st-later"}  # same day / later: not earlier
    may = {e.get("statement_id") or e.get("article_title") for e in by_title["Tunnel in May"]["earlier"]}
    assert {"st-jan", "Tunnel in March"} <= may and "st-later" not in may
    assert seen_any >= 3


def test_csv_keeps_one_row_per_quote_and_appends_two_columns(library):
    text = export_text(library, "csv", earlier=True)
    reader = csv.reader(io.StringIO(text))
    header = next(reader)
    assert tuple(header) == FIELDS + EARLIER_FIELDS  # old columns first, in the old order
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 4
    items = {i["quote_id"]: i for i in json.loads(export_text(library, "json", earlier=True))}
    for row in rows:
        earlier = items[int(row["quote_id"])]["earlier"]
        assert int(row["earlier_count"]) == len(earlier)
        assert row["earlier_best_date"] == (earlier[0]["date"] if earlier else "")
    may = [r for r in rows if r["article_title"] == "Tunnel in May"][0]
    assert int(may["earlier_count"]) >= 3


def test_without_earlier_the_export_is_unchanged(library):
    header = next(csv.reader(io.StringIO(export_text(library, "csv"))))
    assert tuple(header) == FIELDS
    assert all("earlier" not in i for i in json.loads(export_text(library, "json")))
