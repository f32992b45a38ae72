"""Earlier means earlier (issue 15): matches come only from statements dated strictly before the
quote's article, never from its own article, whatever the order of import; same-day statements
are listed apart; the statement memory and the library's quotes are one list."""
from __future__ import annotations

import pytest

from quotedesk.core.matching import match_quote
from quotedesk.core.matching.panel_rows import compute_matches, earlier_records
from quotedesk.core.store.db import open_store

from tests.core.matching_helpers import add_quotes_article, import_statements

CLAIM_JAN = "The harbour tunnel will open to traffic in June and it will cost less than planned."
CLAIM_MAR = "Traffic will use the harbour tunnel from June, and it will cost less than we planned."
CLAIM_APR = "In June the harbour tunnel opens to traffic, cheaper than was planned."
OTHER = "Our schools need two hundred more teachers before the autumn term begins."


def add_article_with(store, title, date, quotes, outlet="Harbor Gazette"):
    return add_quotes_article(store, title, date, outlet, quotes)


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "earlier.db")
    yield s
    s.close()


def test_later_and_same_article_quotes_are_never_earlier(store):
    apr = add_article_with(store, "Tunnel in April", "2024-04-20",
                           [(CLAIM_APR, "Mia Holt"), (CLAIM_APR + " Really.", "Mia Holt")])
    may = add_article_with(store, "Tunnel in May", "2024-05-02", [(CLAIM_MAR, "Mia Holt")])
    got = match_quote(store, apr[0], top=10)
    ids = {m.row_id for m in got if m.is_quote}
    assert apr[1] not in ids, "a quote of the same article is not an earlier statement"
    assert may[0] not in ids, "a quote of a later article is not an earlier statement"
    assert all(m.when == "earlier" for m in got)
    assert all(m.date < "2024-04-20" for m in got)


def test_archive_imported_last_becomes_earlier_at_once(store):
    # this week's articles first, the January archive last: the order of import does not matter
    apr = add_article_with(store, "Tunnel in April", "2024-04-20", [(CLAIM_APR, "Mia Holt")])
    mar = add_article_with(store, "Tunnel in March", "2024-03-05", [(CLAIM_MAR, "Mia Holt")])
    jan = add_article_with(store, "Tunnel in January", "2024-01-10", [(CLAIM_JAN, "Mia Holt")])
    assert match_quote(store, jan[0], top=10) == []  # nothing was said before January
    apr_matches = {m.row_id for m in match_quote(store, apr[0], top=10) if m.is_quote}
    assert {jan[0], mar[0]} <= apr_matches
    mar_matches = {m.row_id for m in match_quote(store, mar[0], top=10) if m.is_quote}
    assert mar_matches == {jan[0]}


def test_same_day_is_listed_apart_and_not_counted(store):
    import_statements(store, [("st-jan", CLAIM_JAN, "Mia Holt", "2024-01-09", "Council minutes"),
                           ("st-same", CLAIM_MAR, "Mia Holt", "2024-04-20", "Radio interview"),
                           ("st-later", CLAIM_MAR, "Mia Holt", "2024-06-01", "Press release"),
                           ("st-undated", CLAIM_JAN + " Again.", "Mia Holt", None, "Leaflet")])
    apr = add_article_with(store, "Tunnel in April", "2024-04-20", [(CLAIM_APR, "Mia Holt")])
    res = compute_matches(store, apr[0], top=10)
    when = {r.statement_id: r.when for r in res.rows}
    assert when.get("st-jan") == "earlier"
    assert when.get("st-same") == "same_day"
    assert "st-later" not in when
    assert when.get("st-undated") == "undated"
    assert [r.statement_id for r in res.earlier_rows()] == ["st-jan"]
    # groups come in order: earlier, then same day, then undated
    order = [r.when for r in res.rows]
    assert order == sorted(order, key=["earlier", "same_day", "undated"].index)


def test_memory_and_library_are_one_list_with_their_source(store):
    import_statements(store, [("st-jan", CLAIM_JAN, "Mia Holt", "2024-01-09", "Council minutes")])
    mar = add_article_with(store, "Tunnel in March", "2024-03-05", [(CLAIM_MAR, "Mia Holt")])
    apr = add_article_with(store, "Tunnel in April", "2024-04-20", [(CLAIM_APR, "Mia Holt"),
                                                                  (OTHER, "Mia Holt")])
    recs = earlier_records(store, apr[0])
    assert {r.get("statement_id") for r in recs} >= {"st-jan"}
    lib = [r for r in recs if "article_title" in r]
    assert lib and lib[0]["article_title"] == "Tunnel in March" and lib[0]["date"] == "2024-03-05"
    mem = [r for r in recs if "statement_id" in r][0]
    assert mem["source"] == "Council minutes" and mem["match"] in ("reworded", "verbatim", "partial")
    assert all(set(r) >= {"text", "speaker", "date", "score", "match"} for r in recs)
    assert [r["score"] for r in recs] == sorted((r["score"] for r in recs), reverse=True)
    assert mar  # the March quote is the library's
