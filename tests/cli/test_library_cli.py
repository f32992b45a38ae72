"""``quotedesk import`` and ``quotedesk export`` through the real entry point."""
from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(*args, env_db: Path | None = None, cwd: Path | None = None):
    import os

    env = {**os.environ, "QUOTEDESK_SEMANTIC": "0"}  # lexical matching: no model load per run
    if env_db is not None:
        env["QUOTEDESK_DB"] = str(env_db)
    return subprocess.run([sys.executable, "-m", "quotedesk", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=120, cwd=cwd)


def counts(db: Path) -> tuple[int, int]:
    conn = sqlite3.connect(db)
    try:
        return (conn.execute("SELECT count(*) FROM articles").fetchone()[0],
                conn.execute("SELECT count(*) FROM quotes").fetchone()[0])
    finally:
        conn.close()


def test_import_seed_then_again_is_not_duplicated(tmp_path):
    db = tmp_path / "q.db"
    first = run("import", SEEDS / "putin-trump-call.txt", "--db", db)
    assert first.returncode == 0, first.stderr
    assert "1 imported" in first.stdout
    n_articles, n_quotes = counts(db)
    assert n_articles == 1 and n_quotes >= 3
    again = run("import", SEEDS / "putin-trump-call.txt", "--db", db)
    assert again.returncode == 0
    assert "already in the library" in again.stdout
    assert counts(db) == (n_articles, n_quotes)


def test_import_folder_recursively_and_export_csv_and_json(tmp_path):
    db = tmp_path / "q.db"
    res = run("import", SEEDS, "--db", db)
    assert res.returncode == 0, res.stderr
    n_articles, n_quotes = counts(db)
    assert n_articles == len([p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md", ".html")])
    out = run("export", "--db", db, "--format", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert len(rows) == n_quotes
    kremlin = [r for r in rows if r["speaker"] == "Kremlin"]
    assert kremlin and all(r["article_title"].startswith("Putin, Trump") for r in kremlin)
    assert all(r["date"] == "" or len(r["date"]) == 10 for r in rows)
    target = tmp_path / "quotes.json"
    out = run("export", "--db", db, "--format", "json", "--out", target)
    assert out.returncode == 0, out.stderr
    items = json.loads(target.read_text(encoding="utf-8"))
    assert len(items) == n_quotes
    assert {"text", "speaker", "article_title", "date", "start", "end"} <= set(items[0])


def test_a_relative_database_path_works_for_every_command(tmp_path):
    # `--db q.db` in the current folder: the foreign-database probe and the read-only opening
    # build SQLite URIs, which need an absolute path (this was a traceback)
    imported = run("import", SEEDS / "putin-trump-call.txt", "--db", "q.db", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "1 imported" in imported.stdout and counts(tmp_path / "q.db")[0] == 1
    again = run("import", SEEDS / "putin-trump-call.txt", "--db", "q.db", cwd=tmp_path)
    assert again.returncode == 0 and "already in the library" in again.stdout, again.stderr
    exported = run("export", "--db", "q.db", "--format", "json", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    assert len(json.loads(exported.stdout)) == counts(tmp_path / "q.db")[1]


def test_default_database_comes_from_the_environment(tmp_path):
    db = tmp_path / "env.db"
    res = run("import", SEEDS / "putin-trump-call.txt", env_db=db)
    assert res.returncode == 0, res.stderr
    assert counts(db)[0] == 1


def test_bad_inputs_are_reported_and_change_nothing(tmp_path):
    db = tmp_path / "q.db"
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    cp1252 = tmp_path / "french.txt"
    cp1252.write_bytes("Caf\xe9 news\n\x93Nous resterons,\x94 a dit le maire.".encode("latin-1"))
    res = run("import", binary, empty, tmp_path / "missing.txt", "--db", db)
    assert res.returncode == 1
    assert "photo.txt" in res.stderr and "binary" in res.stderr
    assert "empty.txt" in res.stderr and "empty" in res.stderr
    assert "missing.txt" in res.stderr and "no such file" in res.stderr
    assert counts(db) == (0, 0)
    ok = run("import", cp1252, "--db", db)
    assert ok.returncode == 0, ok.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT text FROM articles").fetchone()[0].startswith("Café news")
    conn.close()


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    db = tmp_path / "q.db"
    assert run("import", SEEDS / "putin-trump-call.txt", "--db", db).returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                  "VALUES ('quotedesk', '9999_future', '2030-01-01')")
    conn.commit()
    conn.close()
    res = run("export", "--db", db)
    assert res.returncode == 2
    assert "newer version of Quotedesk" in res.stderr


def test_folder_import_includes_jsonl_batches_and_reports_bad_lines(tmp_path):
    folder = tmp_path / "in" / "nested"
    folder.mkdir(parents=True)
    (folder / "batch.jsonl").write_text(
        json.dumps({"id": "a1", "text": 'Port talks\n"We will reopen the port," said Mayor Ana Rivera.'}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "a2", "text": 'Ferry fares\n"Fares stay the same," the ministry said.'}) + "\n",
        encoding="utf-8")
    db = tmp_path / "q.db"
    res = run("import", tmp_path / "in", "--db", db)
    assert res.returncode == 0, res.stderr
    assert "2 imported" in res.stdout and "1 failed" in res.stdout
    assert "line 2" in res.stderr
    assert counts(db)[0] == 2
