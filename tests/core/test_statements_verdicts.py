"""Verdicts, "checked before", ClaimReview/CSV export, speaker timeline and clusters."""
from __future__ import annotations

import csv
import io
import json

import pytest

from quotedesk.core.matching import find_matches
from quotedesk.core.matching.timeline import cluster, speaker_timeline
from quotedesk.core.matching.verdicts import (
    checked_before,
    clear_verdict,
    export_claimreview,
    export_csv,
    get_verdict,
    set_verdict,
)
from quotedesk.core.store.db import open_store
from quotedesk.core.store.statements import add_statement, import_rows

ROWS = [
    ("p1", "Crime fell by forty percent in the city since I became mayor.", "Ann Lee", "2019-10-22",
     "https://example.org/p1"),
    ("p2", "Since I became mayor, crime in the city fell forty percent.", "Ann Lee", "2020-03-01", None),
    ("p3", "We built more housing than any council before us.", "Ann Lee", "2021-06-01", None),
    ("p4", "Crime fell by forty percent in the city since she became mayor.", "Bo Ray", "2020-05-05", None),
    ("p5", "Bus fares will be frozen next year.", "Donald Lee", "2018-01-01", None),
]


@pytest.fixture()
def store():
    s = open_store(None)
    import_rows(s, [(i, 0, {"id": a, "text": b, "speaker": c, "date": d, "source": "Gazette",
                            "title": None, "url": e}, None) for i, (a, b, c, d, e) in enumerate(ROWS)])
    yield s
    s.close()


def test_set_get_clear_verdict(store):
    v = set_verdict(store, "p1", "False", "Police data show a 4% drop.")
    assert v.label == "false" and get_verdict(store, "p1").note.startswith("Police")
    set_verdict(store, "p1", "My own label")
    assert get_verdict(store, "p1").label == "My own label"
    assert store.conn.execute("SELECT count(*) FROM verdicts").fetchone()[0] == 1
    clear_verdict(store, "p1")
    assert get_verdict(store, "p1") is None
    with pytest.raises(KeyError):
        set_verdict(store, "nope", "false")
    with pytest.raises(ValueError):
        set_verdict(store, "p1", "  ")


def test_checked_before(store):
    set_verdict(store, "p1", "false")
    hits = checked_before(store, text="crime fell by forty percent in the city since I became mayor",
                          speaker="Ann Lee")
    assert hits and hits[0].match.statement_id == "p1"
    assert hits[0].summary() == "checked before: false, 2019-10-22"
    assert checked_before(store, text="bus fares frozen") == []
    ms = find_matches(store, "we built more housing than any council")
    assert checked_before(store, matches=ms) == []


def test_claimreview_and_csv_export(store, tmp_path):
    set_verdict(store, "p1", "false", "4% drop, not 40%")
    set_verdict(store, "p3", "unverified")
    items = export_claimreview(store, tmp_path / "cr.json")
    assert json.loads((tmp_path / "cr.json").read_text()) == items
    assert len(items) == 2
    cr = items[0]
    assert cr["@context"] == "https://schema.org" and cr["@type"] == "ClaimReview"
    assert cr["claimReviewed"].startswith("Crime fell")
    assert cr["reviewRating"] == {"@type": "Rating", "alternateName": "false", "ratingValue": 1,
                                  "bestRating": 5, "worstRating": 1}
    assert cr["itemReviewed"]["author"] == {"@type": "Person", "name": "Ann Lee"}
    assert cr["itemReviewed"]["appearance"]["url"] == "https://example.org/p1"
    assert cr["itemReviewed"]["datePublished"] == "2019-10-22"
    assert len(cr["datePublished"]) == 10 and cr["reviewBody"] == "4% drop, not 40%"
    assert "ratingValue" not in items[1]["reviewRating"]
    rows = list(csv.DictReader(io.StringIO(export_csv(store, tmp_path / "v.csv"))))
    assert [r["statement_id"] for r in rows] == ["p1", "p3"]
    assert rows[0]["label"] == "false" and rows[0]["speaker"] == "Ann Lee"


def test_timeline_and_clusters(store):
    items = speaker_timeline(store, "Ann Lee")
    assert [i.statement_id for i in items] == ["p1", "p2", "p3"]  # not Bo Ray, not Donald Lee
    # a bare surname (titles dropped) takes every Lee
    assert [i.statement_id for i in speaker_timeline(store, "MAYOR LEE")] == ["p5", "p1", "p2", "p3"]
    assert [i.statement_id for i in speaker_timeline(store, "Ann Lee", date_from="2020-01-01")] == ["p2", "p3"]
    assert [i.statement_id for i in speaker_timeline(store, "Ann Lee", date_to="2019")] == ["p1"]
    assert [i.statement_id for i in speaker_timeline(store, "Ann Lee", text="HOUSING")] == ["p3"]
    groups = cluster(items)
    assert [[i.statement_id for i in g] for g in groups] == [["p1", "p2"], ["p3"]]
    assert cluster([]) == []


def test_verdict_on_a_quote_and_export(store):
    with store.transaction() as conn:
        aid = conn.execute("INSERT INTO articles (title, outlet, date, sha256, text, url) VALUES "
                           "('T', 'Herald', '2022-02-02', 'h1', 'x', 'https://h/1')").lastrowid
        qid = conn.execute("INSERT INTO quotes (article_id, start, \"end\", text) VALUES (?, 0, 1, ?)",
                           (aid, "Crime fell by forty percent in the city since I became mayor")).lastrowid
        conn.execute("INSERT INTO speakers (name) VALUES ('Ann Lee')")
        conn.execute("INSERT INTO quote_speakers (quote_id, speaker_id) SELECT ?, id FROM speakers "
                     "WHERE name = 'Ann Lee'", (qid,))
    set_verdict(store, f"q{qid}", "misleading")
    assert get_verdict(store, f"q{qid}").label == "misleading"
    hits = checked_before(store, text="since I became mayor crime fell forty percent in the city")
    assert {h.match.statement_id for h in hits} == {f"q{qid}"}
    cr = export_claimreview(store)[0]
    assert cr["identifier"] == f"q{qid}" and cr["itemReviewed"]["appearance"]["url"] == "https://h/1"
    assert cr["itemReviewed"]["author"]["name"] == "Ann Lee"


def test_cluster_repeated_claim_and_scale():
    from quotedesk.core.matching.timeline import TimelineItem

    def item(i, text):
        return TimelineItem(f"x{i}", text, "Ann Lee", f"2020-01-{i % 28 + 1:02d}", None, False)

    repeated = [item(i, "Crime fell forty percent since I became mayor") for i in range(6)]
    others = [item(10, "We built more housing than any council"), item(11, "The river is clean again")]
    groups = cluster(repeated + others)
    assert len(groups) == 3 and len(groups[0]) == 6
    import random
    import time

    rng = random.Random(1)
    vocab = [f"w{i}" for i in range(3000)]
    many = [item(i, " ".join(rng.choices(vocab, k=12))) for i in range(1500)] + repeated * 50
    t0 = time.perf_counter()
    groups = cluster(many)
    assert time.perf_counter() - t0 < 10
    assert len(groups[0]) == 300


def test_clusters_join_a_reworded_claim_by_its_sentence_vectors(store):
    """Two statements of one claim with no words in common form one group once their vectors
    are stored; a different claim on the same topic stays apart."""
    from quotedesk.core.matching import semantic
    from quotedesk.core.matching.timeline import item_vectors

    add = [("v1", "Crime in our city fell by forty percent after I took office."),
           ("v2", "Under my leadership as mayor the city saw crime go down by 40%."),
           ("v3", "Crime in our city will be the main topic of the next council meeting.")]
    for sid, text in add:
        add_statement(store, sid, text, speaker="Ann Lee", date="2023-05-01")
    items = [i for i in speaker_timeline(store, "Ann Lee") if i.statement_id.startswith("v")]
    assert item_vectors(store, items) == [None, None, None]       # nothing computed on read
    lexical = {i.statement_id: k for k, g in enumerate(cluster(items)) for i in g}
    assert lexical["v1"] != lexical["v2"]
    semantic.index_statements(store)
    vecs = item_vectors(store, items)
    assert all(v is not None for v in vecs)
    groups = {i.statement_id: k for k, g in enumerate(cluster(items, vectors=vecs)) for i in g}
    assert groups["v1"] == groups["v2"] != groups["v3"]
