"""Importing statements: JSONL and CSV, bad rows with line numbers, re-import, cancel, progress."""
from __future__ import annotations

import json

import pytest

from quotedesk.core.matching import find_matches
from quotedesk.core.store.db import open_store
from quotedesk.core.store.statements import (
    ImportFormatError,
    add_statement,
    import_statements,
    statement_count,
)


def _jsonl(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def _terms(store):
    return dict(store.conn.execute("SELECT term, doc FROM statement_terms"))


def test_jsonl_bad_rows_reported_good_kept(tmp_path):
    f = _jsonl(tmp_path / "s.jsonl", [
        {"id": "a", "text": "Inflation fell to two percent.", "speaker": "Ann Lee", "date": "2020-01-01"},
        "{not json",
        {"id": "b"},
        {"text": "no id here"},
        {"id": 7, "text": "Numbers as ids are fine.", "title": "T", "url": "http://x"},
        {"id": "c", "text": "   "},
        {"id": "d", "text": "Speaker of wrong type", "speaker": {"x": 1}},
        {"id": "e", "text": "Joint statement", "speaker": ["Ann Lee", "Bo Ray"]},
    ])
    with open_store(tmp_path / "db.sqlite") as store:
        rep = import_statements(store, f)
        assert (rep.added, rep.updated, rep.unchanged) == (3, 0, 0)
        assert [e.line for e in rep.errors] == [2, 3, 4, 6, 7]
        assert "JSON" in rep.errors[0].message and "text" in rep.errors[1].message
        assert statement_count(store) == 3
        row = store.query("SELECT * FROM statements WHERE ext_id = '7'")[0]
        assert row["title"] == "T" and row["url"] == "http://x"
        assert store.query("SELECT speaker FROM statements WHERE ext_id='e'")[0]["speaker"] == "Ann Lee & Bo Ray"
        assert _terms(store)["inflat"] == 1


def test_reimport_updates_and_skips(tmp_path):
    f = _jsonl(tmp_path / "s.jsonl", [{"id": "a", "text": "The dam will be built by 2030."},
                                       {"id": "b", "text": "Ferries run every hour."}])
    with open_store(tmp_path / "db.sqlite") as store:
        import_statements(store, f)
        rep = import_statements(store, f)
        assert (rep.added, rep.updated, rep.unchanged) == (0, 0, 2)
        _jsonl(f, [{"id": "a", "text": "The canal will be dug by 2040."},
                   {"id": "b", "text": "Ferries run every hour.", "speaker": "Port authority"}])
        rep = import_statements(store, f)
        assert (rep.added, rep.updated, rep.unchanged) == (0, 2, 0)
        assert statement_count(store) == 2
        # the index follows the new text: old words gone, new ones found
        terms = _terms(store)
        assert "dam" not in terms and terms["canal"] == 1
        assert find_matches(store, "canal dug 2040")[0].statement_id == "a"
        assert all(m.statement_id != "a" for m in find_matches(store, "dam built"))


def test_csv_with_bad_rows(tmp_path):
    f = tmp_path / "s.csv"
    f.write_text('id,text,speaker,date\n'
                 'c1,"Rents rose by half, he said",Bo Ray,2021-02-02\n'
                 'c2,,Bo Ray,\n'
                 'c3,"A quote spanning\ntwo lines",,\n'
                 ',"no id",,\n'
                 'c4,too,many,values,here\n'
                 'c5,Fine again,,\n', encoding="utf-8")
    with open_store(None) as store:
        rep = import_statements(store, f)
        assert rep.added == 3
        assert [(e.line) for e in rep.errors] == [3, 6, 7]
        assert store.query("SELECT text FROM statements WHERE ext_id='c3'")[0]["text"] == "A quote spanning\ntwo lines"


def test_csv_without_id_column_and_unknown_type(tmp_path):
    f = tmp_path / "s.csv"
    f.write_text("name,quote\nx,y\n", encoding="utf-8")
    with open_store(None) as store:
        with pytest.raises(ImportFormatError):
            import_statements(store, f)
        g = tmp_path / "s.xml"
        g.write_text("<x/>")
        with pytest.raises(ImportFormatError):
            import_statements(store, g)


def test_batches_progress_and_cancel(tmp_path):
    rows = [{"id": f"r{i}", "text": f"Statement number {i} about topic{i % 7} and budget{i}"}
            for i in range(250)]
    f = _jsonl(tmp_path / "s.jsonl", rows)
    seen = []
    with open_store(tmp_path / "db.sqlite") as store:
        rep = import_statements(store, f, batch_size=100, progress=seen.append,
                                cancelled=lambda: len(seen) >= 2)
        assert rep.cancelled and rep.added == 200
        assert statement_count(store) == 200
        assert _terms(store)["topic0"] == len([i for i in range(200) if i % 7 == 0])
        seen2 = []
        rep = import_statements(store, f, batch_size=100, progress=seen2.append)
        assert not rep.cancelled and rep.added == 50 and rep.unchanged == 200
        assert seen2[-1] == 1.0 and seen2 == sorted(seen2) and len(seen2) >= 3
        assert find_matches(store, "budget249 topic4")[0].statement_id == "r249"


def test_add_statement_incremental_terms():
    with open_store(None) as store:
        add_statement(store, "x1", "Wind farms power the island.", speaker="Ann Lee")
        add_statement(store, "x2", "The island imports its power.")
        assert _terms(store)["island"] == 2
        assert find_matches(store, "wind farms island")[0].statement_id == "x1"
        with pytest.raises(ValueError):
            add_statement(store, "x3", "")
