"""Hostile input at the command line: one clear line and a non-zero exit, never a traceback, and
nothing imported can drive the terminal."""
from __future__ import annotations

import json
import os
import sqlite3

import pytest

from tests.core.hostile_helpers import HOSTILE_TITLE, hostile_batch, hostile_db, tmpfs

from quotedesk.cli import main


@pytest.fixture(autouse=True)
def _lexical(monkeypatch):
    monkeypatch.setenv("QUOTEDESK_SEMANTIC", "0")


def test_ansi_escapes_in_article_text_never_reach_the_terminal(tmp_path, capsys):
    batch = hostile_batch(tmp_path)
    (tmp_path / "Title \x1b[2J.txt").write_text('"We will win," said Ana Rivera.\n', encoding="utf-8")
    db = str(tmp_path / "q.db")
    printed = []
    for argv in (["import", str(batch), str(tmp_path / "Title \x1b[2J.txt"), "--db", db],
                 ["export", "--db", db], ["export", "--db", db, "--format", "json"],
                 ["extract", str(tmp_path / "Title \x1b[2J.txt")]):
        assert main(argv) == 0
        printed.append(capsys.readouterr())
    for out, err in printed:
        for stream in (out, err):
            assert "\x1b" not in stream and "\x07" not in stream and "\x9b" not in stream
    assert "Title \\x1b[2J.txt" in printed[0].err  # the file name is shown, not obeyed
    assert "\\x1b]0;pwned\\x07" in printed[1].out
    # the JSON export is still the exact text, written as JSON escapes
    assert any(i["article_title"] == HOSTILE_TITLE for i in json.loads(printed[2].out))


def test_statements_file_in_utf16_or_with_bad_utf8_reports_rows_not_a_traceback(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    u16 = tmp_path / "u16.csv"
    u16.write_bytes("id,text\ns1,We will build the road\n".encode("utf-16"))
    assert main(["statements", "import", str(u16), "--db", db, "--no-vectors"]) == 0
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"id,text\ns2,fine text here\ns3,caf\xe9 au lait\ns4,more fine text\n")
    assert main(["statements", "import", str(bad), "--db", db, "--no-vectors"]) == 0
    err = capsys.readouterr().err
    assert f"{bad}:3: not UTF-8 text (byte 0xE9)" in err and "Traceback" not in err
    conn = sqlite3.connect(db)
    assert sorted(r[0] for r in conn.execute("SELECT ext_id FROM statements")) == ["s1", "s2", "s4"]
    conn.close()


def test_deeply_nested_json_is_one_bad_line(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    deep = tmp_path / "deep.jsonl"
    deep.write_text("[" * 100_000 + "\n" + json.dumps({"id": "s1", "text": "We will build the road"})
                    + "\n", encoding="utf-8")
    assert main(["statements", "import", str(deep), "--db", db, "--no-vectors"]) == 0
    assert main(["match", str(deep), "--db", db]) == 0
    err = capsys.readouterr().err
    assert f"{deep}:1: JSON nested too deeply" in err
    assert err.count("nested too deeply") == 2


def test_a_speaker_that_is_not_a_string_is_one_bad_query(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    st = tmp_path / "st.jsonl"
    st.write_text(json.dumps({"id": "s1", "text": "We will build the road", "speaker": "Ana"}) + "\n",
                  encoding="utf-8")
    assert main(["statements", "import", str(st), "--db", db, "--no-vectors"]) == 0
    q = tmp_path / "q.jsonl"
    q.write_text(json.dumps({"id": "q1", "text": "We will build the road", "speaker": {"name": 1}}) + "\n",
                 encoding="utf-8")
    code = main(["match", str(q), "--db", db])
    err = capsys.readouterr().err
    assert code == 2 and f"{q}:1: \"speaker\" must be a name" in err


def test_out_into_a_missing_folder_is_one_line_and_a_failure(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    st = tmp_path / "st.jsonl"
    st.write_text(json.dumps({"id": "s1", "text": "We will build the road"}) + "\n", encoding="utf-8")
    assert main(["statements", "import", str(st), "--db", db, "--no-vectors"]) == 0
    capsys.readouterr()
    missing = tmp_path / "no" / "such"
    for argv in (["export", "--db", db, "--out", str(missing / "x.csv")],
                 ["match", str(st), "--db", db, "--out", str(missing / "run.tsv")],
                 ["extract", str(st), "--out", str(missing / "x.jsonl")],
                 ["statements", "verdicts", "--db", db, "--export", str(missing / "v.csv")]):
        code = main(argv)
        err = capsys.readouterr().err
        assert code == 2, argv
        assert err.count("\n") == 1 and f"the folder {missing} does not exist" in err, err
    assert not (tmp_path / "no").exists()


def test_db_option_names_an_empty_path_or_a_folder(tmp_path, capsys, monkeypatch):
    default = tmp_path / "default.db"
    monkeypatch.setenv("QUOTEDESK_DB", str(default))
    assert main(["export", "--db", ""]) == 2
    assert "--db is empty" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["match", str(tmp_path / "q.jsonl"), "--db", ""])
    assert "empty" in capsys.readouterr().err
    assert not default.exists()  # the default database was not used instead
    assert main(["export", "--db", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is a folder, not a database file" in err and "not a Quotedesk database" not in err


def test_match_accepts_queries_with_a_utf8_byte_order_mark(tmp_path, capsys):
    db = str(tmp_path / "s.db")
    st = tmp_path / "st.jsonl"
    st.write_text(json.dumps({"id": "s1", "text": "We will build the road"}) + "\n", encoding="utf-8")
    assert main(["statements", "import", str(st), "--db", db, "--no-vectors"]) == 0
    q = tmp_path / "q.jsonl"
    q.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "q1", "text": "We will build the road"}).encode() + b"\n")
    assert main(["match", str(q), "--db", db, "--out", str(tmp_path / "run.tsv")]) == 0
    assert (tmp_path / "run.tsv").read_text(encoding="utf-8").startswith("q1\ts1\t1\t")
    assert "not valid JSON" not in capsys.readouterr().err


def _fill(folder, leave: int):
    """Fill the filesystem holding ``folder`` until only ``leave`` bytes are free."""
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    with open(folder / "filler", "wb") as fh:
        fh.write(b"\0" * max(free - leave, 0))
    return folder / "filler"


def test_a_full_disk_is_said_as_such_and_what_was_committed_is_kept(tmp_path, capsys):
    big = tmp_path / "big.jsonl"
    x = "and more words " * 15
    with open(big, "w", encoding="utf-8") as out:
        for i in range(120):
            body = "\n\n".join(f'"We will build road {i} {j} now {x}," said Ana Rivera.' for j in range(10))
            out.write(json.dumps({"id": i, "title": f"Roads {i}", "text": f"Roads {i}\n\n{body}\n"}) + "\n")
    statements = tmp_path / "statements.jsonl"
    with open(statements, "w", encoding="utf-8") as out:
        for i in range(4000):
            out.write(json.dumps({"id": f"s{i}", "text": f"We will tax road {i} {x}", "speaker": "Ana Rivera",
                                  "date": "2024-01-01"}) + "\n")
    with tmpfs(tmp_path / "small", "2m") as disk:
        db = hostile_db(disk)
        with sqlite3.connect(db) as conn:
            before = conn.execute("SELECT id, text FROM quotes ORDER BY id").fetchall()
        filler = _fill(disk, 300_000)
        said = []
        for argv in (["import", str(big), "--db", str(db), "--quiet", "--no-match"],
                     ["statements", "import", str(statements), "--db", str(db), "--no-vectors"]):
            code = main(argv)
            said.append(capsys.readouterr().err)
            assert code == 2, argv
            assert "disk" in said[-1] and "is full" in said[-1] and str(db) in said[-1]
            assert "Traceback" not in said[-1] and "OperationalError" not in said[-1]
        assert "the disk is full" in said[0] and "the rest of the batch were not imported" in said[0]
        assert "big.jsonl:" in said[0] and "imported before it" in said[0] and "kept" in said[0]
        filler.unlink()
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            kept = conn.execute("SELECT id, text FROM quotes WHERE id <= ?", (before[-1][0],)).fetchall()
            articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert kept == before  # everything committed before the disk filled is there
        assert 1 < articles < 121  # part of the batch landed before the disk filled, and is kept
        main(["import", str(big), "--db", str(db), "--quiet", "--no-match"])  # space again: it goes on
        assert f"{articles - 1} already in the library" in capsys.readouterr().out
