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
