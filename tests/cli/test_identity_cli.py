"""Issue 12 through the command line: importing article B after article A never changes the
``quotedesk export`` rows of article A, for every ordered pair of the identity corpus.

In-process calls of the real entry point (``quotedesk.cli.main``) on one database per order:
each article is imported with ``quotedesk import``, then ``quotedesk export --format json`` must
give every earlier article exactly the rows it had when it was imported. Importing the corpus
forwards covers every pair (A, B) with A first; backwards covers the reverse pairs."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from quotedesk.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from identity_corpus import ARTICLES  # noqa: E402


def cli(capsys, *args) -> str:
    capsys.readouterr()
    assert main([str(a) for a in args]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("direction", ["forwards", "backwards"])
def test_importing_b_never_changes_the_export_of_a(tmp_path, capsys, monkeypatch, direction):
    monkeypatch.setenv("QUOTEDESK_SEMANTIC", "0")
    db = tmp_path / "q.db"
    order = list(range(len(ARTICLES)))
    if direction == "backwards":
        order.reverse()
    rows_at_import: dict[str, list[dict]] = {}
    for n in order:
        path = tmp_path / f"article-{n:02d}.txt"
        path.write_text(ARTICLES[n][0], encoding="utf-8")
        cli(capsys, "import", path, "--db", db, "--no-match")
        by_article: dict[str, list[dict]] = {}
        for row in json.loads(cli(capsys, "export", "--db", db, "--format", "json")):
            by_article.setdefault(row["article_title"], []).append(row)
        assert len(by_article) == len(rows_at_import) + 1
        for title, rows in rows_at_import.items():
            assert by_article[title] == rows, f"importing article {n} changed the export of {title}"
        new = [t for t in by_article if t not in rows_at_import]
        rows_at_import[new[0]] = by_article[new[0]]
    speakers = {r["speaker"] for rows in rows_at_import.values() for r in rows}
    assert {"Boris Johnson", "Mike Johnson", "Robert Okafor Sr", "Robert Okafor Jr"} <= speakers


def test_a_later_cli_import_follows_the_analysts_reattribution(tmp_path, capsys, monkeypatch):
    """The analyst re-attributes article 1's quote (the GUI's edit, on the same file); a later
    ``quotedesk import`` of an article naming the person the same way exports them as the
    analyst's speaker, and article 1's export row stays as the analyst left it."""
    from quotedesk.core.store import edits, open_store
    from quotedesk.core.store.quotes import quotes_for_article

    monkeypatch.setenv("QUOTEDESK_SEMANTIC", "0")
    db = tmp_path / "q.db"
    texts = ('Mayor Ana Ruiz opened the bridge on Monday. "It took ten years," Ruiz said.',
             'Dr. Ana Ruiz, a surgeon at the clinic, warned about the heat. "Drink water," Ruiz said.',
             'Mayor Ana Ruiz cut the ribbon. "This is a good day," Ruiz said.')
    for n, text in enumerate(texts[:2], start=1):
        (tmp_path / f"a{n}.txt").write_text(text, encoding="utf-8")
        cli(capsys, "import", tmp_path / f"a{n}.txt", "--db", db, "--no-match")
    rows = {r["article_id"]: r for r in json.loads(cli(capsys, "export", "--db", db, "--format", "json"))}
    doctor_name = rows[2]["speaker"]
    assert rows[1]["speaker"] != doctor_name
    with open_store(db) as store:
        doctor = store.execute("SELECT id FROM speakers WHERE name = ?", (doctor_name,)).fetchone()[0]
        edits.apply(store, edits.SetSpeakers(quotes_for_article(store, 1)[0].id, (doctor,)))
    before = json.loads(cli(capsys, "export", "--db", db, "--format", "json"))
    (tmp_path / "a3.txt").write_text(texts[2], encoding="utf-8")
    cli(capsys, "import", tmp_path / "a3.txt", "--db", db, "--no-match")
    after = json.loads(cli(capsys, "export", "--db", db, "--format", "json"))
    assert [r for r in after if r["article_id"] != 3] == before
    assert [r["speaker"] for r in after if r["article_id"] == 3] == [doctor_name]
