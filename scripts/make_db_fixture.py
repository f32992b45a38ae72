#!/usr/bin/env python3
"""Write a small database at a given schema step, with data in every table of that step, as a
fixture for the upgrade tests: ``python scripts/make_db_fixture.py 0001_core tests/data/db/v0001.db``;
``--merged-speakers tests/data/db/merged-speakers-0008.db`` writes the bad state the 0012 repair fixes.

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
    if "speaker_forms" in db.table_names():  # 0012 and later: name forms with evidence, an answered question
        db.execute("INSERT INTO speaker_forms (speaker_id, article_id, form, mention, key, surname, roles, role_text, "
                   "outlet, date) VALUES (1, 1, 'Ana Rivera', 'Ana Rivera', 'ana rivera', 'rivera', 'mayor', "
                   "'the mayor', 'Harbor Gazette', '2024-05-01'), (2, 1, 'Tom Baker', 'Tom Baker', 'tom baker', "
                   "'baker', '', '', 'Harbor Gazette', '2024-05-01')")
        db.execute("INSERT INTO speaker_suggestions (speaker_id, other_id, kind, reason, status, decided_at) VALUES "
                   "(2, 1, 'merge', 'fixture: asked and dismissed', 'dismissed', '2024-05-02T10:00:00.000Z')")
        db.conn.commit()
    if "statement_vectors" in db.table_names():  # 0006 and later: real sentence vectors
        from quotedesk.core.matching import semantic
        from quotedesk.core.store.db import Store

        store = Store(db, target)
        semantic.index_statements(store)
        semantic.index_quotes(store)
    db.execute("PRAGMA journal_mode = DELETE")
    db.conn.close()


#: Articles of the Boris/Mike Johnson case (issue 12) as versions before 0012 stored them: one
#: speaker "Mike Johnson" for every quote (the second import had "upgraded" the first article's
#: speaker), plus a bare "Johnson" article and a confirmed quote the repair must leave alone.
MERGED = [
    ("Budget", "2024-05-01", 'Prime Minister Boris Johnson defended the budget. "We will not raise taxes," '
     'Johnson said. "Growth is coming," he added. "The deficit will shrink," Johnson said.'),
    ("Spending plan", "2024-05-02", 'House Speaker Mike Johnson rejected the plan. "This bill is dead," '
     "Johnson told reporters."),
    ("Debate", "2024-05-03", 'The debate went on. "Nothing changes," Johnson said.'),
]


def make_merged_speakers(target: Path) -> None:
    """A database at 0008 in the bad state the 0012 repair fixes (quote 3 is analyst-confirmed)."""
    from quotedesk.core.attribution import extract_quotes

    target.unlink(missing_ok=True)
    db = Database(target)
    migrations.apply(db, stop_before="0012_speaker_identity")
    db.execute("INSERT INTO speakers (id, name, kind) VALUES (1, 'Mike Johnson', 'person')")
    db.execute("INSERT INTO speakers (id, name, kind) VALUES (2, 'Eastbrook Teachers Union', 'organisation')")
    db.execute("INSERT INTO speaker_aliases (key, alias, speaker_id) VALUES ('boris johnson', 'Boris Johnson', 1), "
               "('johnson', 'Johnson', 1), ('mike johnson', 'Mike Johnson', 1), "
               "('eastbrook teachers union', 'Eastbrook Teachers Union', 2), ('union', 'Union', 2)")
    qid = 0
    for aid, (title, date, text) in enumerate(MERGED, start=1):
        db.execute("INSERT INTO articles (id, title, outlet, date, sha256, text) VALUES (?, ?, 'Gazette', ?, ?, ?)",
                   [aid, title, date, f"merged-{aid}", text])
        for q in extract_quotes(text):
            qid += 1
            status = "confirmed" if qid == 3 else "auto"
            m = q.mention_span
            db.execute('INSERT INTO quotes (id, article_id, start, "end", text, kind, cue, mention, mention_start, '
                       "mention_end, confidence, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [qid, aid, q.start, q.end, q.text, q.kind, q.cue, q.mention, m and m.start, m and m.end,
                        q.confidence, status])
            db.execute("INSERT INTO quote_speakers (quote_id, speaker_id, position) VALUES (?, 1, 0)", [qid])
    db.conn.commit()
    db.execute("PRAGMA journal_mode = DELETE")
    db.conn.close()


if __name__ == "__main__":
    if sys.argv[1] == "--merged-speakers":
        make_merged_speakers(Path(sys.argv[2]))
    else:
        make(sys.argv[1], Path(sys.argv[2]))
