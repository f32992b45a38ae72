"""Hostile data on its way out: exports are whole or absent, never formulas, never forged rows."""
from __future__ import annotations

import csv
import errno
import io
import json

import pytest

from tests.core.hostile_helpers import hostile_db, tmpfs

from quotedesk.cli import main


def test_failed_export_on_a_full_disk_leaves_the_existing_file_intact(tmp_path, capsys):
    db = hostile_db(tmp_path, long_quotes=150)  # a CSV of ~70 KB
    with tmpfs(tmp_path / "small", "48k") as small:
        out = small / "quotes.csv"
        out.write_text("the analyst's earlier export\n", encoding="utf-8")
        code = main(["export", "--db", str(db), "--out", str(out)])
        err = capsys.readouterr().err
        assert code != 0
        assert out.read_text(encoding="utf-8") == "the analyst's earlier export\n"
        assert "disk is full" in err and str(out) in err and "Traceback" not in err
        assert [p.name for p in small.iterdir()] == ["quotes.csv"]  # no temporary file left


def test_csv_cells_never_start_a_spreadsheet_formula(tmp_path, capsys):
    db = hostile_db(tmp_path)
    out = tmp_path / "q.csv"
    assert main(["export", "--db", str(db), "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    texts = sorted(r["text"] for r in rows)
    assert texts and all(t.startswith("'") for t in texts), texts
    assert any(t.startswith("'=HYPERLINK") for t in texts)
    for r in rows:
        assert not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for v in r.values())
        assert "\x1b" not in "".join(r.values())
    # the JSON export keeps the exact text (it is data, not a spreadsheet)
    assert main(["export", "--db", str(db), "--format", "json", "--out", str(tmp_path / "q.json")]) == 0
    items = json.loads((tmp_path / "q.json").read_text(encoding="utf-8"))
    assert any(i["text"].startswith("=HYPERLINK") for i in items)


def test_verdict_csv_cells_never_start_a_spreadsheet_formula(tmp_path):
    from quotedesk.core.matching.verdicts import export_csv, set_verdict
    from quotedesk.core.store import open_store
    from quotedesk.core.store.statements import import_rows

    with open_store(tmp_path / "v.db") as store:
        import_rows(store, [(1, 1, {"id": "s1", "text": "=cmd|' /C calc'!A0", "speaker": "@Ana",
                                    "date": None, "source": None, "title": None, "url": None}, None)])
        set_verdict(store, "s1", "false", note="-2+3")
        text = export_csv(store, tmp_path / "v.csv")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["text"].startswith("'=") and row["note"].startswith("'-")
    assert (tmp_path / "v.csv").read_text(encoding="utf-8") == text


def test_control_characters_in_ids_cannot_forge_rows_of_the_match_run(tmp_path, capsys):
    from quotedesk.core.store import open_store
    from quotedesk.core.store.statements import import_rows

    db = tmp_path / "m.db"
    with open_store(db) as store:
        import_rows(store, [(1, 1, {"id": "s\t1\nforged\ts2\t1\t99.0", "text": "We will build the new road",
                                    "speaker": "Ana Rivera", "date": None, "source": None,
                                    "title": None, "url": None}, None)])
    queries = tmp_path / "q.jsonl"
    queries.write_text(json.dumps({"id": "q1\tforged\t1\t99", "text": "We will build the new road"}) + "\n"
                       + json.dumps({"id": "q2", "text": "We will build the new road"}) + "\n",
                       encoding="utf-8")
    run = tmp_path / "run.tsv"
    assert main(["match", str(queries), "--db", str(db), "--no-quotes", "--out", str(run)]) == 0
    err = capsys.readouterr().err
    lines = run.read_text(encoding="utf-8").splitlines()
    assert lines and all(len(line.split("\t")) == 4 for line in lines), lines
    assert {line.split("\t")[0] for line in lines} == {"q2"}
    assert lines[0].split("\t")[1] == "s\\t1\\nforged\\ts2\\t1\\t99.0"  # escaped, one field
    assert f"{queries}:1:" in err and "control characters" in err


def test_a_backup_or_claimreview_that_fails_on_a_full_disk_leaves_the_earlier_file_intact(tmp_path):
    """Issue 13 item 2 beyond exports: a backup (SQLite's backup API) and a ClaimReview file written
    onto a real 64 KB tmpfs that cannot hold them; the earlier files there are kept byte for byte
    and no temporary file is left."""
    from quotedesk.core.matching.claimreview import Publisher, export_claimreview
    from quotedesk.core.store import open_store
    from quotedesk.core.store.db import DiskFullError, backup_to

    db = hostile_db(tmp_path, long_quotes=300)  # a database far larger than the disk
    pub = Publisher("Checks", "https://checks.example", "", "https://checks.example/{id}")
    rows = [{"statement_id": f"s{i}", "text": "We will build the road " * 40, "speaker": "Ana Rivera",
             "date": "2024-01-01", "label": "false", "note": "It was never funded. " * 20,
             "url": "https://news.example/a", "source": "Radio", "title": "Roads"} for i in range(200)]
    with tmpfs(tmp_path / "small", "64k") as small:
        old_backup, old_review = small / "quotedesk-backup.db", small / "review.json"
        old_backup.write_bytes(b"the analyst's earlier backup")
        old_review.write_text("the earlier ClaimReview\n", encoding="utf-8")
        with open_store(db) as store, pytest.raises(DiskFullError) as full:
            backup_to(store, old_backup)
        assert f"the disk holding {old_backup} is full" in str(full.value)
        with pytest.raises(OSError) as full:
            export_claimreview(rows, pub, old_review)
        assert full.value.errno == errno.ENOSPC
        assert old_backup.read_bytes() == b"the analyst's earlier backup"
        assert old_review.read_text(encoding="utf-8") == "the earlier ClaimReview\n"
        assert sorted(p.name for p in small.iterdir()) == ["quotedesk-backup.db", "review.json"]
