"""``quotedesk statements import`` end to end."""
from __future__ import annotations

import json
import os
import subprocess
import sys


def qd(*args, semantic: bool = False, env: dict | None = None, **kw):
    """Run the command; lexical matching unless ``semantic`` (the model loads in ~5 s per run)."""
    env = {**(env if env is not None else os.environ), "QUOTEDESK_SEMANTIC": "1" if semantic else "0"}
    return subprocess.run([sys.executable, "-m", "quotedesk", *map(str, args)],
                          capture_output=True, text=True, timeout=180, env=env, **kw)


def test_import_jsonl_reports_bad_lines(tmp_path):
    f = tmp_path / "st.jsonl"
    f.write_text(json.dumps({"id": "a", "text": "Bus fares will be frozen."}) + "\n"
                 + "oops\n"
                 + json.dumps({"id": "b", "text": ""}) + "\n"
                 + json.dumps({"id": "c", "text": "Trams are free on Sundays.", "speaker": "Mayor"}) + "\n",
                 encoding="utf-8")
    db = tmp_path / "q.db"
    r = qd("statements", "import", f, "--db", db)
    assert r.returncode == 0, r.stderr
    assert f"{f}:2:" in r.stderr and f"{f}:3:" in r.stderr
    assert "2 added" in r.stderr and "2 bad rows" in r.stderr
    r = qd("statements", "import", f, "--db", db)
    assert "0 added" in r.stderr and "2 unchanged" in r.stderr


def test_import_csv(tmp_path):
    f = tmp_path / "st.csv"
    f.write_text("id,text,speaker,date,source,title,url\n"
                 "x,Water is safe to drink,Dr Bo,2020-01-01,Radio,Water,http://a\n", encoding="utf-8")
    r = qd("statements", "import", f, "--db", tmp_path / "q.db")
    assert r.returncode == 0 and "1 added" in r.stderr


def test_import_errors_are_one_line(tmp_path):
    r = qd("statements", "import", tmp_path / "missing.jsonl", "--db", tmp_path / "q.db")
    assert r.returncode == 2 and r.stderr.startswith("quotedesk: no such file")
    bad = tmp_path / "st.txt"
    bad.write_text("hello")
    r = qd("statements", "import", bad, "--db", tmp_path / "q.db")
    assert r.returncode == 2 and "jsonl" in r.stderr and "Traceback" not in r.stderr


def test_import_uses_quotedesk_db_env(tmp_path):
    f = tmp_path / "st.jsonl"
    f.write_text(json.dumps({"id": "a", "text": "Bus fares will be frozen."}) + "\n")
    import os

    env = {**os.environ, "QUOTEDESK_DB": str(tmp_path / "env.db")}
    r = qd("statements", "import", f, env=env)
    assert r.returncode == 0 and (tmp_path / "env.db").exists()


def test_verdicts_export(tmp_path):
    f = tmp_path / "st.jsonl"
    f.write_text(json.dumps({"id": "a", "text": "Bus fares will be frozen.", "speaker": "Mayor Lee"}) + "\n")
    db = tmp_path / "q.db"
    assert qd("statements", "import", f, "--db", db).returncode == 0
    from quotedesk.core.matching.verdicts import set_verdict
    from quotedesk.core.store.db import open_store

    with open_store(db) as store:
        set_verdict(store, "a", "false", "fares rose 5%")
    r = qd("statements", "verdicts", "--export", tmp_path / "v.jsonld", "--db", db)
    assert r.returncode == 0 and "exported 1 verdicts" in r.stderr
    items = json.loads((tmp_path / "v.jsonld").read_text())
    assert items[0]["@type"] == "ClaimReview" and items[0]["reviewRating"]["alternateName"] == "false"
    r = qd("statements", "verdicts", "--export", tmp_path / "v.csv", "--db", db)
    assert (tmp_path / "v.csv").read_text().splitlines()[0].startswith("statement_id,label")
    r = qd("statements", "verdicts", "--export", tmp_path / "v.txt", "--db", db)
    assert r.returncode == 2
