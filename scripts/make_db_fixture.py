#!/usr/bin/env python3
"""Write a small database at a given schema step, with data in every table of that step, as a
fixture for the upgrade tests: ``python scripts/make_db_fixture.py 0001_core tests/data/db/v0001.db``.

Run once per released schema step; the files are committed and never regenerated."""
from __future__ import annotations

import sys
from pathlib import Path

from sqlite_utils import Database

from quotedesk.core.store.migrations import migrations

TEXT = '"Rents are too high," said Ana Rivera, the mayor. "The market will correct itself," Tom Baker said.'


def make(step: str, target: Path) -> None:
    target.unlink(missing_ok=True)
    db = Database(target)
    names = [m.name for m in migrations._migrations]
    after = names[names.index(step) + 1:]
    migrations.apply(db, stop_before=after[0] if after else None)
    db.execute("INSERT INTO articles (id, title, outlet, date, sha256, text) VALUES "
               "(1, 'Rents', 'Harbor Gazette', '2024-05-01', 'fixture-1', ?)", [TEXT])
    db.execute("INSERT INTO speakers (id, name, kind) VALUES (1, 'Ana Rivera', 'person'), (2, 'Tom Baker', 'person')")
    db.execute("INSERT INTO speaker_aliases (key, alias, speaker_id) VALUES ('ana rivera', 'Ana Rivera', 1), "
               "('rivera', 'Ms. Rivera', 1), ('tom baker', 'Tom Baker', 2)")
    db.execute('INSERT INTO quotes (id, article_id, start, "end", text, kind, cue, confidence, status) VALUES '
               "(1, 1, 1, 20, 'Rents are too high,', 'direct', 'said', 0.9, 'confirmed'), "
               "(2, 1, 51, 82, 'The market will correct itself,', 'direct', 'said', 0.8, 'corrected')")
    db.execute("INSERT INTO quote_speakers (quote_id, speaker_id, position) VALUES (1, 1, 0), (2, 2, 0)")
    db.conn.commit()
    if "statements" in db.table_names():  # 0002 and later: a recorded statement with a verdict
        from quotedesk.core.store.db import Store
        from quotedesk.core.store.statements import add_statement

        add_statement(Store(db, target), "pf-1", "Rents in the city are far too high for families",
                      speaker="Ana Rivera", date="2023-11-02", source="PolitiFact")
        db.execute("INSERT INTO verdicts (statement_id, label, note) SELECT id, 'misleading', 'checked' "
                   "FROM statements WHERE ext_id = 'pf-1'")
        db.execute("INSERT INTO matches (quote_id, other_statement_id, score, match_kind, rank) "
                   "SELECT 1, id, 80, 'reworded', 1 FROM statements WHERE ext_id = 'pf-1'")
        db.conn.commit()
    if "statement_vectors" in db.table_names():  # 0006 and later: real sentence vectors
        from quotedesk.core.matching import semantic
        from quotedesk.core.store.db import Store

        store = Store(db, target)
        semantic.index_statements(store)
        semantic.index_quotes(store)
    db.execute("PRAGMA journal_mode = DELETE")
    db.conn.close()


if __name__ == "__main__":
    make(sys.argv[1], Path(sys.argv[2]))
