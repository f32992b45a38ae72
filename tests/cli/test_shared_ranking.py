"""The Matches panel and ``quotedesk match`` share one ranking (issue 15).

For a quote whose article is dated after every recorded statement, the earlier rows the panel
lists (``compute_matches``) are the statements ``quotedesk match --no-quotes`` ranks for the same
text and speaker, in the same order, with the same scores; the things that used to make them
differ are all in the fixture: same-day quotes of other articles (they shared the pool and moved
every score), a speaker the library had to qualify ("Jane Miller (Daily Bugle, 2022-05-01)"), and
a query file of many lines (the CLI encoded them in batches, and the int8 model's vectors depended
on the batch).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from quotedesk.core.matching import semantic
from quotedesk.core.matching.panel_rows import compute_matches
from quotedesk.core.store.db import open_store

from tests.core.matching_helpers import add_quotes_article, import_statements

STATEMENTS = [
    ("t1", "We will cut taxes for every working family by two thousand dollars.", "Jane Miller",
     "2019-03-01", "Campaign rally"),
    ("t2", "Every working family will get a tax cut of two thousand dollars from us.", "Jane Miller",
     "2020-02-11", "Town hall"),
    ("t3", "Families who work will pay two thousand dollars less in taxes.", "Tom Baker",
     "2020-05-02", "Debate"),
    ("t4", "Taxes for working families went up by two thousand dollars last year.", "Ann Lee",
     "2021-01-20", "Interview"),
    ("t5", "The bridge will be finished before the end of next summer, on budget.", "Ann Lee",
     "2021-05-05", "Council meeting"),
    ("t6", "Our hospitals need two thousand more nurses, and families are waiting.", "Tom Baker",
     "2021-07-07", "Radio"),
    ("t7", "A tax cut for working families is the first thing we will do.", "Jane Miller",
     "2021-09-09", "Press conference"),
    ("t8", "Tuition doubled over the last decade while grants shrank.", "Jane Miller",
     "2020-09-09", "Interview"),
]
QUERY = "We will cut taxes for every working family in this country by two thousand dollars."
OTHERS = [  # other lines of the query file, so that the CLI reads more than one query
    "The bridge will be finished next summer.", "Hospitals need more nurses.",
    "Tuition has doubled in ten years.", "Grants for students shrank.",
    "Taxes went up for families last year, by two thousand dollars.",
    "The first thing we will do is cut taxes.", "Working families pay too much.",
]


def _cli_run(db, queries, tmp_path) -> dict[str, list[tuple[str, float]]]:
    qf = tmp_path / "queries.jsonl"
    qf.write_text("".join(json.dumps(q) + "\n" for q in queries))
    out = tmp_path / "run.tsv"
    r = subprocess.run([sys.executable, "-m", "quotedesk", "match", str(qf), "--db", str(db),
                        "--top", "5", "--no-quotes", "--out", str(out)],
                       capture_output=True, text=True, timeout=240, env=dict(os.environ))
    assert r.returncode == 0, r.stderr
    run: dict[str, list[tuple[str, float]]] = {}
    for line in out.read_text().splitlines():
        q, sid, _rank, score = line.split("\t")
        run.setdefault(q, []).append((sid, float(score)))
    return run


@pytest.mark.parametrize("vectors", [False, True], ids=["lexical", "semantic"])
def test_panel_order_equals_quotedesk_match(db_path, tmp_path, vectors, monkeypatch):
    if vectors and not semantic.available():
        pytest.skip(f"no sentence encoder here: {semantic.unavailable_reason()}")
    monkeypatch.setenv("QUOTEDESK_SEMANTIC", "1" if vectors else "0")
    store = open_store(db_path)
    import_statements(store, STATEMENTS)
    if vectors:
        semantic.index_statements(store)
    # the quote, and two other articles of the same day saying nearly the same thing
    (qid,) = add_quotes_article(store, "Miller repeats her pledge", "2022-05-01", "Daily Bugle",
                                [(QUERY, "Jane Miller")])
    add_quotes_article(store, "Miller, again", "2022-05-01", "The Courier",
                       [("We will cut taxes for every working family by two thousand dollars, "
                         "in this country.", "Jane Miller"),
                        ("Two thousand dollars for every working family in this country.",
                         "Jane Miller")])
    # what the library does when it cannot tell two speakers of one name apart
    store.execute("UPDATE speakers SET name = 'Jane Miller (Daily Bugle, 2022-05-01)' WHERE id = "
                  "(SELECT speaker_id FROM quote_speakers WHERE quote_id = ?)", (qid,))
    panel = [(r.statement_id, r.score) for r in compute_matches(store, qid, top=5, save=False).rows
             if r.when == "earlier"]
    store.close()

    queries = [{"id": f"o{i}", "text": t} for i, t in enumerate(OTHERS[:4])]
    queries.append({"id": "quote", "text": QUERY, "speaker": "Jane Miller"})
    queries += [{"id": f"p{i}", "text": t} for i, t in enumerate(OTHERS[4:])]
    cli = _cli_run(db_path, queries, tmp_path)["quote"]

    assert [s for s, _ in panel] == [s for s, _ in cli]
    assert all(abs(a - b) < 0.01 for (_, a), (_, b) in zip(panel, cli))  # TSV: 4 decimals, ties -1e-4
    assert panel[0][0] == "t1"  # the same words, same speaker: first in both
