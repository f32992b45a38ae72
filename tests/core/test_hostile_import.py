"""Hostile input on the import side (issue 13): one test per finding, named after what it protects.

Every failure is made real: files written in ``tmp_path`` (malformed CSV, deep JSON, lone
surrogates, non-UTF-8 names, symlinks out of the folder, long PDFs), a real SIGKILL of a
``statements import`` child process.
"""
from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from quotedesk.core.attribution import extract_quotes
from quotedesk.core.ingest import read_text_blob
from quotedesk.core.import_bench import article_text
from quotedesk.core.importer import import_paths
from quotedesk.core.model import ArticleDraft
from quotedesk.core.store import edits
from quotedesk.core.store.articles import add_article
from quotedesk.core.store.db import open_store

from tests.core.hostile_helpers import many_page_pdf, pdf_bytes


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


def test_a_file_name_that_is_not_utf8_imports_and_names_the_file_by_its_bytes(tmp_path, db_path):
    """A real file whose name holds a byte that is not UTF-8 (b"\\xff"), beside a good one, in
    a folder import and in a .jsonl batch: both articles land, the odd name is stored and shown as
    an escape (never a lone surrogate that SQLite refuses)."""
    import os

    folder = tmp_path / "articles"
    folder.mkdir()
    odd = os.path.join(os.fsencode(folder), b"harbour-\xff\xfe.txt")
    with open(odd, "wb") as fh:
        fh.write("Harbour plan\n\n\u201cWe will build it,\u201d Tom Baker said.\n".encode())
    with open(os.path.join(os.fsencode(folder), b"batch-\xff.jsonl"), "wb") as fh:
        fh.write(b'{"id": "j1", "text": "Rates\\n\\n\\"Rates will fall,\\" said Ana Ruiz."}\n')
    (folder / "tunnel.txt").write_text("Tunnel\n\n\u201cIt opens in June,\u201d Mia Holt said.\n",
                                       encoding="utf-8")
    with open_store(db_path) as store:
        report = import_paths(store, [folder])
        assert report.failed == []
        assert sorted(name for name, _, _ in report.added) == [
            "batch-\\xff.jsonl:j1", "harbour-\\xff\\xfe.txt", "tunnel.txt"]
        paths = sorted(r[0] for r in store.execute("SELECT source_path FROM articles"))
        assert paths == sorted([str(folder / "batch-\\xff.jsonl"), str(folder / "harbour-\\xff\\xfe.txt"),
                                str(folder / "tunnel.txt")])
        assert store.execute("SELECT count(*) FROM quotes").fetchone()[0] == 3


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


@pytest.mark.parametrize("closed_later", [False, True], ids=["to-end-of-file", "by-a-later-quote"])
def test_an_unterminated_quotation_mark_in_csv_is_named_by_line_and_the_rows_after_it_import(
        tmp_path, db_path, closed_later):
    """The open quote swallowed every following row and the import said '0 bad rows'."""
    from quotedesk.core.store.statements import import_statements

    rows = ["id,text,speaker"] + [f"s{i},Statement {i} on the harbour tunnel,Mia Holt" for i in range(1, 21)]
    rows[3] = 's3,"The tunnel will open in June,Mia Holt'  # line 4: the quotation mark is never closed
    if closed_later:
        rows[12] = 's12,"Late" she said,Tom Baker'
    path = tmp_path / "claims.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with open_store(db_path) as store:
        report = import_statements(store, path)
        ids = {r[0] for r in store.execute("SELECT ext_id FROM statements")}
    assert ids == {f"s{i}" for i in range(1, 21)} - {"s3"}
    [error] = report.errors
    assert str(error).startswith("line 4: a quotation mark opened on this line is never closed")
    assert "import this row again" in str(error)


def test_a_csv_statement_over_several_lines_still_imports_whole(tmp_path, db_path):
    from quotedesk.core.store.statements import import_statements

    path = tmp_path / "claims.csv"
    path.write_text('id,text,speaker\ns1,"First paragraph, here.\nSecond, there.\n\nThird",Ana Ruiz\n'
                    "s2,Rents are too high,Tom Baker\n", encoding="utf-8")
    with open_store(db_path) as store:
        report = import_statements(store, path)
        texts = dict(store.execute("SELECT ext_id, text FROM statements"))
    assert report.errors == []
    assert texts == {"s1": "First paragraph, here.\nSecond, there.\n\nThird", "s2": "Rents are too high"}


# --- item 5: a PDF over the page limit says which pages were not imported --------------------------

def test_a_pdf_longer_than_the_page_limit_says_which_pages_were_not_imported(tmp_path, db_path):
    """812 real pages: the first 500 were kept and the other 312 dropped without a word."""
    path = tmp_path / "long.pdf"
    path.write_bytes(many_page_pdf(812))
    lines = []
    with open_store(db_path) as store:
        report = import_paths(store, [path], on_item=lambda name, outcome: lines.append(outcome))
        assert len(report.added) == 1
        expected = "pages 501\u2013812 not imported"
        assert [name for name, w in report.warnings if w.startswith(expected)] == ["long.pdf"]
        assert "split the PDF" in report.warnings[0][1]
        assert "1 imported with warnings" in report.summary()
        assert expected in lines[0]
        text, warnings = store.execute("SELECT text, import_warnings FROM articles").fetchone()
    assert warnings.startswith(expected)
    assert "Page 500 says hello." in text and "Page 501 says" not in text


def test_a_short_pdf_imports_with_no_warning(tmp_path, db_path):
    path = tmp_path / "short.pdf"
    path.write_bytes(many_page_pdf(3))
    with open_store(db_path) as store:
        report = import_paths(store, [path])
        assert report.warnings == [] and "warnings" not in report.summary()
        assert store.execute("SELECT import_warnings FROM articles").fetchone()[0] is None


# --- item 22: a deep PDF object tree is not called a decompression bomb ----------------------------

def test_a_deep_pdf_page_tree_is_named_as_such_not_as_a_decompression_bomb(tmp_path, db_path):
    depth = 300
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    objects += [b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (3 + i) for i in range(depth)]
    content = b"BT /F1 12 Tf 72 720 Td (Deep) Tj ET"
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                   b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (depth + 1, depth + 3, depth + 4))
    objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    path = tmp_path / "deep.pdf"
    path.write_bytes(pdf_bytes(objects))
    with open_store(db_path) as store:
        report = import_paths(store, [path])
    [(name, reason)] = report.failed
    assert name == "deep.pdf" and reason.startswith("deep.pdf: refused: the PDF's object structure")
    assert "decompression bomb" not in reason
    assert "re-save it" in reason


# --- item 3: HTML import keeps the text after <embed>/<source>/<track>, warns when text is missing --

def _paragraphs(first: int, last: int) -> str:
    return "".join(f"<p>Paragraph {i}: the minister said the budget would be balanced by the end of "
                   "the year, and the opposition disagreed strongly with every word of it.</p>"
                   for i in range(first, last))


@pytest.mark.parametrize("element", ["<embed src='clip.swf'>", "<source src='clip.mp4' type='video/mp4'>",
                                     "<track src='clip.vtt' kind='captions'>"])
def test_html_import_keeps_the_article_text_after_an_embed_source_or_track(tmp_path, db_path, element):
    """The parser nested everything after the element inside it and the extractor dropped it all."""
    path = tmp_path / "page.html"
    path.write_text(f"<!DOCTYPE html><html><head><title>Budget</title></head><body><article><h1>Budget</h1>"
                    f"{_paragraphs(0, 4)}{element}{_paragraphs(4, 12)}</article></body></html>")
    with open_store(db_path) as store:
        report = import_paths(store, [path])
        assert len(report.added) == 1 and report.warnings == []
        text = store.execute("SELECT text FROM articles").fetchone()[0]
    assert all(f"Paragraph {i}:" in text for i in range(12))


def test_html_import_warns_when_most_of_the_pages_paragraph_text_is_not_kept(tmp_path, db_path):
    """Whatever the extractor drops (here: the body inside <figure>), a surprise is said."""
    path = tmp_path / "figure.html"
    path.write_text("<html><head><title>Budget</title></head><body><article><h1>Budget</h1>"
                    f"{_paragraphs(0, 2)}<figure>{_paragraphs(2, 14)}</figure></article></body></html>")
    lines = []
    with open_store(db_path) as store:
        report = import_paths(store, [path], on_item=lambda name, outcome: lines.append(outcome))
        [(name, warning)] = report.warnings
        stored = store.execute("SELECT import_warnings FROM articles").fetchone()[0]
    assert name == "figure.html"
    assert warning.startswith("only ") and "of the page's 364 words of paragraph text were kept" in warning
    assert stored == warning and warning in lines[0]


# --- item 22: an unreadable subfolder gets a report line, not silence -------------------------------

def test_an_unreadable_subfolder_is_reported_not_skipped_in_silence(tmp_path):
    """A real chmod 000 folder; as root the import runs without the capabilities that bypass it."""
    import os
    import shutil
    import subprocess
    import sys

    folder = tmp_path / "articles"
    (folder / "locked").mkdir(parents=True)
    (folder / "open.txt").write_text("Budget\n\nThe minister said: \"We will balance the budget.\"\n")
    (folder / "locked" / "hidden.txt").write_text("Tunnel\n\nThe mayor said: \"It opens in June.\"\n")
    prefix = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: chmod 000 cannot be made to bite")
        prefix = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    (folder / "locked").chmod(0)
    try:
        if subprocess.run(prefix + ["ls", str(folder / "locked")], capture_output=True).returncode == 0:
            pytest.skip("this system lets the folder be read despite chmod 000")
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
        done = subprocess.run(prefix + [sys.executable, "-m", "quotedesk", "import", str(folder),
                                        "--db", str(tmp_path / "q.db"), "--no-match"],
                              capture_output=True, text=True, env=env, timeout=120)
    finally:
        (folder / "locked").chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert "open.txt: imported" in done.stderr
    assert (f"{folder / 'locked'}: skipped, this folder cannot be read (permission denied); "
            "nothing in it was imported") in done.stderr
    assert "1 imported, 1 failed" in done.stdout


# --- item 15: every pattern that sees imported text runs in linear time -----------------------------

_RUN_CHARACTERS = list("!.?-,;:'\" \t*#_()[]") + ["\u201c", "\u201d", "\u2014", "\u2026", "\n", "\u00a0"]


@settings(max_examples=60, deadline=timedelta(seconds=8), suppress_health_check=[HealthCheck.too_slow])
@given(char=st.sampled_from(_RUN_CHARACTERS), where=st.sampled_from(["after-cue", "title", "alone"]))
def test_long_runs_of_punctuation_are_read_and_attributed_in_linear_time(char, where):
    """40,000 '!' or '.' took 27-30 s (sentence ends retried inside the run), 40,000 spaces 4 s."""
    run = char * 40_000
    text = {"after-cue": f"Budget\n\nThe minister said {run} and left.",
            "title": f"{run}\n\nThe minister said \"we will balance the budget\" on Monday.",
            "alone": run + "x"}[where]
    read_text_blob(text)
    extract_quotes(text)


@settings(max_examples=30, deadline=timedelta(seconds=8), suppress_health_check=[HealthCheck.too_slow])
@given(filler=st.sampled_from([" ", "\t", " #", "# ", "=", "word "]), head=st.sampled_from(["# ", "title:"]))
def test_a_60_kb_markdown_title_is_read_in_linear_time(filler, head):
    """A 60 KB heading of spaces or tabs took 27 s (a lazy group before optional closing #'s)."""
    title = head + "x" + filler * (60_000 // len(filler)) + "y"
    body = f"---\n{title}\n---\n" if head == "title:" else title
    draft = read_text_blob(body + "\n\nThe mayor said \"yes\" today.", fmt="md")
    assert draft.title
