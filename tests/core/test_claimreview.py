"""ClaimReview that can be published (issue 15) and is safe inside HTML (issue 13 item 9)."""
from __future__ import annotations

import json

import pytest

from quotedesk.core.matching.claimreview import (REQUIRED, Publisher, http_url, missing_properties)
from quotedesk.core.matching.verdicts import export_claimreview, set_verdict
from quotedesk.core.store.db import open_store

from tests.core.matching_helpers import add_quotes_article, import_statements

PUB = Publisher("Harbor Checks", "https://checks.example", "https://checks.example/logo.png",
                "https://checks.example/reviews/{id}")


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "cr.db")
    import_statements(s, [("st-1", "The harbour tunnel will open in June.", "Mia Holt", "2024-01-09",
                           "Council minutes"),
                          ("st-2", "Crime fell by forty percent.", "Ann Lee", "2024-02-01", "Radio")])
    yield s
    s.close()


def test_every_exported_record_has_what_google_requires_and_recommends(store, tmp_path):
    set_verdict(store, "st-1", "false", "It opens in October.")
    set_verdict(store, "st-2", "my own label")
    qid = add_quotes_article(store, "Tunnel", "2024-03-01", "Gazette",
                             [("The tunnel opens in June, believe me.", "Mia Holt")])[0]
    store.conn.execute("UPDATE articles SET url = 'https://gazette.example/tunnel'")
    store.conn.commit()
    set_verdict(store, f"q{qid}", "misleading")
    notes: list[str] = []
    items = export_claimreview(store, tmp_path / "cr.json", publisher=PUB, notes=notes)
    assert len(items) == 3
    for item in items:
        assert missing_properties(item) == [], item
    by_id = {i["identifier"]: i for i in items}
    first = by_id["st-1"]
    assert first["author"] == {"@type": "Organization", "name": "Harbor Checks",
                               "url": "https://checks.example",
                               "logo": {"@type": "ImageObject", "url": "https://checks.example/logo.png"}}
    assert first["url"] == "https://checks.example/reviews/st-1"
    assert first["reviewRating"]["alternateName"] == "false"
    assert first["itemReviewed"]["author"] == {"@type": "Person", "name": "Mia Holt"}
    assert first["itemReviewed"]["datePublished"] == "2024-01-09"
    assert first["itemReviewed"]["appearance"]["url"] == "https://example.org/st-1"
    assert by_id[f"q{qid}"]["url"] == f"https://checks.example/reviews/q{qid}"
    assert notes == []
    assert json.loads((tmp_path / "cr.json").read_text()) == items


def test_the_check_names_what_a_record_lacks():
    assert "url" in missing_properties({"claimReviewed": "x"})
    assert "author.@type=Organization" in missing_properties(
        {"author": {"@type": "Person", "name": "a", "url": "https://a.example"}})
    assert len(missing_properties({})) == len(REQUIRED)


def test_a_record_without_speaker_is_written_and_reported(store):
    import_statements(store, [("st-anon", "Somebody said something.", None, None, None)])
    set_verdict(store, "st-anon", "unverified")
    notes: list[str] = []
    items = export_claimreview(store, publisher=PUB, notes=notes)
    assert [i["identifier"] for i in items] == ["st-anon"]
    assert len(notes) == 1 and "st-anon" in notes[0] and "itemReviewed.author" in notes[0]


def test_publisher_says_what_is_missing():
    assert Publisher().missing() == [
        "the organisation's name", "the organisation's web address (http or https)",
        "the review web address pattern (http or https, e.g. https://news.example/checks/{id})"]
    assert Publisher("A", "https://a.example", "", "https://a.example/r").missing() == [
        "{id} in the review web address pattern (each review needs its own address)"]
    assert Publisher("A", "javascript:alert(1)", "", "https://a.example/{id}").missing() == [
        "the organisation's web address (http or https)"]
    assert PUB.missing() == []


def test_script_end_and_comment_from_quote_text_never_reach_the_html(store, tmp_path):
    text = 'He said </script><script>alert(1)</script> and <!-- and & "quoted"'
    import_statements(store, [("st-x", text, "Mia Holt", "2024-01-01", "Blog")])
    set_verdict(store, "st-x", "false", "</SCRIPT> <!--")
    export_claimreview(store, tmp_path / "cr.json", publisher=PUB)
    raw = (tmp_path / "cr.json").read_text()
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert "\\u003c/script\\u003e" in raw and "\\u003c!--" in raw and "\\u0026" in raw
    item = [i for i in json.loads(raw) if i["identifier"] == "st-x"][0]
    assert item["claimReviewed"] == text and item["reviewBody"] == "</SCRIPT> <!--"  # value kept


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x",
                                 "JaVaScRiPt:alert(1)", "//evil.example/x", "https://", " https://a.b"])
def test_only_http_urls_reach_url_fields(store, bad):
    assert not http_url(bad)
    store.conn.execute("UPDATE statements SET url = ? WHERE ext_id = 'st-1'", (bad,))
    store.conn.commit()
    set_verdict(store, "st-1", "false")
    notes: list[str] = []
    pub = Publisher("Harbor Checks", bad, bad, "https://checks.example/reviews/{id}")
    item = export_claimreview(store, publisher=pub, notes=notes)[0]
    assert bad not in json.dumps(item, ensure_ascii=False).replace('\\"', '"').split('"')
    assert "url" not in item["author"] and "logo" not in item["author"]
    assert "url" not in item["itemReviewed"].get("appearance", {})
    assert any("st-1" in n and "left out" in n for n in notes)


def test_http_urls_pass():
    assert http_url("https://a.example/x?y=1") and http_url("HTTP://a.example")
