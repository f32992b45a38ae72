"""Numbered schema migrations, run once at start-up before any UI (sqlite-utils ``Migrations``).

Rules: a migration, once released, is never edited; add a new one. Each runs in one transaction
with the record of it having been applied, so a failure leaves the previous schema intact.
A database whose ``_sqlite_migrations`` names a migration this version does not know was made by
a newer Quotedesk: :func:`check_version` refuses it before anything is written.
"""
from __future__ import annotations

from sqlite_utils import Database, Migrations

migrations = Migrations("quotedesk")


@migrations(name="0001_core")
def m0001_core(db: Database) -> None:
    """Articles, speakers with aliases, quotes with their evidence, full-text index on quotes."""
    db.execute(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL DEFAULT '',
            outlet TEXT NOT NULL DEFAULT '',
            date TEXT,                      -- publication date, YYYY-MM-DD
            url TEXT,
            source_path TEXT,
            format TEXT NOT NULL DEFAULT 'txt',
            sha256 TEXT NOT NULL UNIQUE,    -- of the text: importing the same article twice is a no-op
            text TEXT NOT NULL,             -- never rewritten: quote offsets point into it
            imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        )
        """
    )
    db.execute("CREATE INDEX idx_articles_date ON articles(date)")
    db.execute("CREATE INDEX idx_articles_outlet ON articles(outlet)")
    db.execute(
        """
        CREATE TABLE speakers (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,      -- canonical: the fullest name
            kind TEXT NOT NULL DEFAULT 'unknown'
                CHECK (kind IN ('person', 'organisation', 'group', 'unknown')),
            description TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        )
        """
    )
    db.execute(
        """
        CREATE TABLE speaker_aliases (
            key TEXT PRIMARY KEY,           -- normalised alias (casefolded, titles dropped)
            alias TEXT NOT NULL,            -- as first seen
            speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE
        )
        """
    )
    db.execute("CREATE INDEX idx_speaker_aliases_speaker ON speaker_aliases(speaker_id)")
    db.execute(
        """
        CREATE TABLE quotes (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'direct' CHECK (kind IN ('direct', 'indirect', 'mixed')),
            floating INTEGER NOT NULL DEFAULT 0,
            cue TEXT,
            cue_start INTEGER,
            cue_end INTEGER,
            mention TEXT,
            mention_start INTEGER,
            mention_end INTEGER,
            resolved_from TEXT,
            confidence REAL NOT NULL DEFAULT 0.5,
            status TEXT NOT NULL DEFAULT 'auto'
                CHECK (status IN ('auto', 'confirmed', 'corrected', 'added')),
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            CHECK (start >= 0 AND "end" >= start)
        )
        """
    )
    db.execute("CREATE INDEX idx_quotes_article ON quotes(article_id, start)")
    db.execute("CREATE INDEX idx_quotes_review ON quotes(status, confidence)")
    db.execute(
        """
        CREATE TABLE quote_speakers (
            quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
            speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
            position INTEGER NOT NULL DEFAULT 0,  -- order of names in a joint quote
            PRIMARY KEY (quote_id, speaker_id)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX idx_quote_speakers_speaker ON quote_speakers(speaker_id, quote_id)")
    db["quotes"].enable_fts(["text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")
    # A readable view for the sqlite3 shell and Datasette: one row per quote with its speakers.
    db.execute(
        """
        CREATE VIEW quotes_view AS
        SELECT q.id, a.title AS article, a.outlet, a.date, q.start, q."end", q.text, q.kind,
               (SELECT group_concat(s.name, ' & ') FROM
                   (SELECT s.name FROM quote_speakers qs JOIN speakers s ON s.id = qs.speaker_id
                    WHERE qs.quote_id = q.id ORDER BY qs.position) AS s) AS speaker,
               q.cue, q.confidence, q.status
        FROM quotes q JOIN articles a ON a.id = q.article_id
        """
    )


@migrations(name="0002_statements")
def m0002_statements(db: Database) -> None:
    """Statements recorded elsewhere (imported), their search index, verdicts, and matches.

    Quotes are statements too; they are searched through ``quotes_fts`` and named ``q<id>``
    when a statement id is needed, so nothing is copied between the two tables.

    ``statements_fts`` is a *contentless* FTS5 table (rowid = ``statements.id``) holding the
    analysed text (Porter stems, stop words dropped) made by ``quotedesk.core.matching.text``;
    it is written by ``quotedesk.core.store.statements`` only (no triggers: the analysis is
    Python). ``statement_terms`` is the materialised document frequency of each indexed term,
    refreshed after every import, used to pick the rarest terms of a query cheaply.
    """
    db.execute(
        """
        CREATE TABLE statements (
            id INTEGER PRIMARY KEY,
            ext_id TEXT NOT NULL UNIQUE,    -- the id given in the imported file
            text TEXT NOT NULL,
            speaker TEXT,
            speaker_key TEXT,               -- normalised surname, for speaker-scoped search
            speaker_id INTEGER REFERENCES speakers(id) ON DELETE SET NULL,
            date TEXT,
            source TEXT,
            title TEXT,
            url TEXT,
            canonical_hash INTEGER NOT NULL,  -- of the processed text: exact repeats
            imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        )
        """
    )
    db.execute("CREATE INDEX idx_statements_speaker ON statements(speaker_id, date)")
    db.execute("CREATE INDEX idx_statements_speaker_key ON statements(speaker_key, date)")
    db.execute("CREATE INDEX idx_statements_hash ON statements(canonical_hash)")
    db.execute(
        "CREATE VIRTUAL TABLE statements_fts USING fts5("
        "text, title, content='', tokenize='unicode61 remove_diacritics 0')"
    )
    db.execute("CREATE VIRTUAL TABLE statements_vocab USING fts5vocab(statements_fts, 'row')")
    db.execute(
        "CREATE TABLE statement_terms (term TEXT PRIMARY KEY, doc INTEGER NOT NULL) WITHOUT ROWID"
    )
    db.execute(
        """
        CREATE TABLE verdicts (
            id INTEGER PRIMARY KEY,
            quote_id INTEGER REFERENCES quotes(id) ON DELETE CASCADE,
            statement_id INTEGER REFERENCES statements(id) ON DELETE CASCADE,
            label TEXT NOT NULL,            -- true, false, misleading, unverified, or the user's own
            note TEXT NOT NULL DEFAULT '',
            decided_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            CHECK ((quote_id IS NULL) <> (statement_id IS NULL))
        )
        """
    )
    db.execute("CREATE UNIQUE INDEX idx_verdicts_quote ON verdicts(quote_id) WHERE quote_id IS NOT NULL")
    db.execute(
        "CREATE UNIQUE INDEX idx_verdicts_statement ON verdicts(statement_id) "
        "WHERE statement_id IS NOT NULL"
    )
    db.execute(
        """
        CREATE TABLE matches (
            id INTEGER PRIMARY KEY,
            quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
            other_quote_id INTEGER REFERENCES quotes(id) ON DELETE CASCADE,
            other_statement_id INTEGER REFERENCES statements(id) ON DELETE CASCADE,
            score REAL NOT NULL,
            match_kind TEXT NOT NULL,       -- verbatim, partial, reworded, other_speaker
            rank INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'suggested'
                CHECK (status IN ('suggested', 'confirmed', 'rejected')),
            decided_at TEXT,
            CHECK ((other_quote_id IS NULL) <> (other_statement_id IS NULL))
        )
        """
    )
    db.execute("CREATE INDEX idx_matches_quote ON matches(quote_id, rank)")
    db.execute("CREATE INDEX idx_matches_other_statement ON matches(other_statement_id)")
    db.execute("CREATE INDEX idx_matches_other_quote ON matches(other_quote_id)")


@migrations(name="0003_library_indexes")
def m0003_library_indexes(db: Database) -> None:
    """A quote count kept on each article, and indexes for every library sort order, so that a
    page of a 100,000-article library sorted by any column loads without scanning the table."""
    db.execute("ALTER TABLE articles ADD COLUMN n_quotes INTEGER NOT NULL DEFAULT 0")
    db.execute("UPDATE articles SET n_quotes = (SELECT count(*) FROM quotes q WHERE q.article_id = articles.id)")
    db.execute("""CREATE TRIGGER quotes_count_insert AFTER INSERT ON quotes BEGIN
                  UPDATE articles SET n_quotes = n_quotes + 1 WHERE id = new.article_id; END""")
    db.execute("""CREATE TRIGGER quotes_count_delete AFTER DELETE ON quotes BEGIN
                  UPDATE articles SET n_quotes = n_quotes - 1 WHERE id = old.article_id; END""")
    db.execute("CREATE INDEX idx_articles_title ON articles(title COLLATE NOCASE, id)")
    db.execute("CREATE INDEX idx_articles_outlet_nocase ON articles(outlet COLLATE NOCASE, id)")
    db.execute("CREATE INDEX idx_articles_n_quotes ON articles(n_quotes, id)")
    db.execute("CREATE INDEX idx_articles_date_id ON articles(date, id)")


_SPEAKER_DATES = """
    UPDATE speakers SET
        first_date = (SELECT min(a.date) FROM quote_speakers qs JOIN quotes q ON q.id = qs.quote_id
                      JOIN articles a ON a.id = q.article_id WHERE qs.speaker_id = speakers.id),
        last_date = (SELECT max(a.date) FROM quote_speakers qs JOIN quotes q ON q.id = qs.quote_id
                     JOIN articles a ON a.id = q.article_id WHERE qs.speaker_id = speakers.id)
"""


@migrations(name="0004_speaker_stats")
def m0004_speaker_stats(db: Database) -> None:
    """Quote count and first/last date kept on each speaker by triggers, so the speakers panel
    reads one row per speaker instead of joining a million quotes."""
    for column, decl in (("n_quotes", "INTEGER NOT NULL DEFAULT 0"), ("first_date", "TEXT"), ("last_date", "TEXT")):
        db.execute(f"ALTER TABLE speakers ADD COLUMN {column} {decl}")
    db.execute("UPDATE speakers SET n_quotes = (SELECT count(*) FROM quote_speakers WHERE speaker_id = speakers.id)")
    db.execute(_SPEAKER_DATES)
    date_of = "(SELECT a.date FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.id = new.quote_id)"
    db.execute(f"""CREATE TRIGGER speaker_stats_insert AFTER INSERT ON quote_speakers BEGIN
        UPDATE speakers SET n_quotes = n_quotes + 1,
            first_date = CASE WHEN first_date IS NULL OR {date_of} < first_date THEN {date_of} ELSE first_date END,
            last_date = CASE WHEN last_date IS NULL OR {date_of} > last_date THEN {date_of} ELSE last_date END
        WHERE id = new.speaker_id; END""")
    db.execute(f"""CREATE TRIGGER speaker_stats_delete AFTER DELETE ON quote_speakers BEGIN
        UPDATE speakers SET n_quotes = n_quotes - 1 WHERE id = old.speaker_id;
        {_SPEAKER_DATES} WHERE id = old.speaker_id; END""")
    db.execute(f"""CREATE TRIGGER speaker_stats_article_date AFTER UPDATE OF date ON articles BEGIN
        {_SPEAKER_DATES} WHERE id IN (SELECT qs.speaker_id FROM quote_speakers qs JOIN quotes q
                                      ON q.id = qs.quote_id WHERE q.article_id = new.id); END""")
    db.execute("CREATE INDEX idx_speakers_n_quotes ON speakers(n_quotes DESC, name)")


@migrations(name="0005_speaker_terms")
def m0005_speaker_terms(db: Database) -> None:
    """A second contentless full-text index whose tokens are the statements' analysed terms
    prefixed with their speaker key (``obama_tax``): each doclist holds one speaker's statements
    with one term, so "what did this speaker say before" is a small FTS query instead of
    re-analysing the speaker's statements in Python at query time. Written by
    ``quotedesk.core.store.statements`` on import; filled here for existing rows."""
    from quotedesk.core.store.statements import SPEAKER_FTS_SQL, speaker_fts_rows

    db.execute(SPEAKER_FTS_SQL)
    cur = db.conn.execute("SELECT id, speaker_key, text FROM statements "
                          "WHERE speaker_key IS NOT NULL ORDER BY id")
    while True:
        rows = cur.fetchmany(20_000)
        if not rows:
            break
        db.conn.executemany("INSERT INTO statement_speaker_fts (rowid, terms) VALUES (?, ?)",
                            speaker_fts_rows(rows))


@migrations(name="0006_vectors")
def m0006_vectors(db: Database) -> None:
    """Sentence vectors for the semantic re-ranker (``quotedesk.core.matching.semantic``): one
    row per imported statement (its text and, when it has one, its title) and per stored quote,
    384 float16 values each. A row is deleted when its text changes, so a vector is never stale;
    missing vectors are computed when needed (re-match, ``quotedesk statements index``)."""
    db.execute("""CREATE TABLE statement_vectors (
        statement_id INTEGER PRIMARY KEY REFERENCES statements(id) ON DELETE CASCADE,
        text_vec BLOB NOT NULL,
        title_vec BLOB)""")
    db.execute("""CREATE TABLE quote_vectors (
        quote_id INTEGER PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,
        text_vec BLOB NOT NULL)""")
    db.execute("""CREATE TRIGGER statement_vectors_stale AFTER UPDATE OF text, title ON statements
        WHEN new.text IS NOT old.text OR new.title IS NOT old.title
        BEGIN DELETE FROM statement_vectors WHERE statement_id = new.id; END""")
    db.execute("""CREATE TRIGGER quote_vectors_stale AFTER UPDATE OF text ON quotes
        WHEN new.text IS NOT old.text
        BEGIN DELETE FROM quote_vectors WHERE quote_id = new.id; END""")


@migrations(name="0008_linear_import")
def m0008_linear_import(db: Database) -> None:
    """Importing an article is linear in its size, and an article can say what its import left out.

    The quote-count trigger of 0003 rewrote the whole article row (its text included) for every
    quote inserted: 2,000 quotes into a 2 MB article wrote 4 GB. An article being imported is now
    listed in ``article_import_pending`` (inside the import's transaction, empty otherwise); the
    trigger skips its quotes and the importer sets ``n_quotes`` once. Quotes added one at a time
    (the analyst's edits, undo) still go through the trigger.

    ``import_warnings``: what the reader knows it did not keep (PDF pages over the limit, an HTML
    extraction much shorter than the page's visible text), one line each; NULL when nothing."""
    db.execute("CREATE TABLE article_import_pending (article_id INTEGER PRIMARY KEY)")
    db.execute("DROP TRIGGER quotes_count_insert")
    db.execute("""CREATE TRIGGER quotes_count_insert AFTER INSERT ON quotes
                  WHEN NOT EXISTS (SELECT 1 FROM article_import_pending WHERE article_id = new.article_id)
                  BEGIN UPDATE articles SET n_quotes = n_quotes + 1 WHERE id = new.article_id; END""")
    db.execute("ALTER TABLE articles ADD COLUMN import_warnings TEXT")


@migrations(name="0009_vector_search")
def m0009_vector_search(db: Database) -> None:
    """Sentence vectors searchable at any collection size (``quotedesk.core.matching.vectors``).

    Stored vectors become int8 with a float32 scale (388 bytes instead of 768, cosine with the
    float16 ones above 0.9999); ``statement_vectors.cell`` is a statement's cell of the inverted
    file, ``vector_cells`` the cells' centroids (both empty below 50,000 vectors and filled by
    the next indexing run), ``vector_state`` change counters (``version`` and ``n`` kept by triggers, ``layout``
    raised when cells are trained or assigned), so a matching process sees cheaply whether its
    in-memory copy of the vectors is still current. Writers upsert (``ON CONFLICT DO UPDATE``),
    never ``INSERT OR REPLACE``, whose implicit delete fires no trigger."""
    import numpy as np

    dim = 384

    def convert(blob):
        if blob is None or len(blob) != 2 * dim:
            return blob
        v = np.frombuffer(blob, dtype="<f2").astype(np.float32)
        scale = float(np.abs(v).max()) / 127.0 or 1.0
        q = np.clip(np.rint(v / scale), -127, 127).astype(np.int8)
        return q.tobytes() + np.float32(scale).astype("<f4").tobytes()

    for table, key, cols in (("statement_vectors", "statement_id", ("text_vec", "title_vec")),
                             ("quote_vectors", "quote_id", ("text_vec",))):
        last = 0
        while True:
            rows = db.conn.execute(f"SELECT {key}, {', '.join(cols)} FROM {table} WHERE {key} > ? "
                                   f"ORDER BY {key} LIMIT 20000", (last,)).fetchall()
            if not rows:
                break
            db.conn.executemany(
                f"UPDATE {table} SET {', '.join(c + ' = ?' for c in cols)} WHERE {key} = ?",
                [tuple(convert(b) for b in r[1:]) + (r[0],) for r in rows])
            last = rows[-1][0]
    db.execute("ALTER TABLE statement_vectors ADD COLUMN cell INTEGER")
    db.execute("CREATE INDEX idx_statement_vectors_unassigned ON statement_vectors(statement_id) "
               "WHERE cell IS NULL")
    db.execute("CREATE TABLE vector_cells (cell INTEGER PRIMARY KEY, centroid BLOB NOT NULL)")
    db.execute("""CREATE TABLE vector_state (id INTEGER PRIMARY KEY CHECK (id = 1),
        version INTEGER NOT NULL, n INTEGER NOT NULL, trained_n INTEGER NOT NULL DEFAULT 0,
        layout INTEGER NOT NULL DEFAULT 0)""")
    db.execute("INSERT INTO vector_state (id, version, n) SELECT 1, 0, count(*) FROM statement_vectors")
    db.execute("""CREATE TRIGGER statement_vectors_count_insert AFTER INSERT ON statement_vectors
        BEGIN UPDATE vector_state SET version = version + 1, n = n + 1 WHERE id = 1; END""")
    db.execute("""CREATE TRIGGER statement_vectors_count_delete AFTER DELETE ON statement_vectors
        BEGIN UPDATE vector_state SET version = version + 1, n = n - 1 WHERE id = 1; END""")
    db.execute("""CREATE TRIGGER statement_vectors_changed AFTER UPDATE OF text_vec, title_vec
        ON statement_vectors
        BEGIN UPDATE vector_state SET version = version + 1 WHERE id = 1; END""")


@migrations(name="0012_speaker_identity")
def m0012_speaker_identity(db: Database) -> None:
    """Speaker identity as evidence and decisions (``quotedesk.core.identity``), and a repair of
    speakers that earlier versions merged by surname.

    * ``speakers.scope_article``: set for a speaker with a generic name ("police", "Union"), which
      stands for someone in that one article only and is never matched from another article
      (and never becomes an alias).
    * ``speaker_forms``: each name form of a speaker, with what the article it comes from says
      about them (role words, organisations, honorific, outlet, date); ``article_id`` is NULL
      for a form that comes from no article (an alias, an analyst's rename). Candidates for an
      identity decision are looked up by ``surname`` and ``key``.
    * ``speaker_suggestions``: questions for the analyst. ``merge``: the article's speaker may be
      the other speaker; ``repair``: this upgrade split ``speaker_id`` off ``other_id`` (merge
      back to undo it). Answers are kept (``accepted``/``dismissed``) so a question is asked once.

    The repair (``quotedesk.core.store.repair``) runs once here: speakers whose articles name
    different full names for them are split back by each article's own name; it never touches a
    quote the analyst confirmed, corrected or added, renames no one, and every speaker it creates
    gets a ``repair`` row (accepting it merges back, dismissing it keeps the split). Aliases that
    are generic nouns or a surname several named people share are removed. Then every stored
    speaker gets its forms and evidence per article (``repair.backfill_forms``).
    """
    db.execute("ALTER TABLE speakers ADD COLUMN scope_article INTEGER")  # articles.id, for generic names
    db.execute(
        """
        CREATE TABLE speaker_forms (
            id INTEGER PRIMARY KEY,
            speaker_id INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
            article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,
            form TEXT NOT NULL,                 -- the name as this article (or the analyst) gives it
            mention TEXT NOT NULL DEFAULT '',   -- the fullest mention ("Prime Minister Boris Johnson")
            key TEXT NOT NULL DEFAULT '',       -- normalised name (titles, diacritics, Mr./Ms. dropped)
            surname TEXT NOT NULL DEFAULT '',
            roles TEXT NOT NULL DEFAULT '',     -- role phrases, '; '-separated ("finance minister; mp")
            role_text TEXT NOT NULL DEFAULT '', -- the role as written
            orgs TEXT NOT NULL DEFAULT '',      -- organisation keys, '; '-separated
            gender TEXT NOT NULL DEFAULT '',    -- 'm'/'f' from an honorific
            outlet TEXT NOT NULL DEFAULT '',
            date TEXT
        )
        """
    )
    db.execute("CREATE INDEX idx_speaker_forms_surname ON speaker_forms(surname)")
    db.execute("CREATE INDEX idx_speaker_forms_key ON speaker_forms(key)")
    # covering for the speakers panel's name forms and article counts (speakers.speaker_forms)
    db.execute("CREATE INDEX idx_speaker_forms_speaker ON speaker_forms(speaker_id, mention, article_id)")
    db.execute("CREATE INDEX idx_speaker_forms_article ON speaker_forms(article_id)")
    db.execute(
        """
        CREATE TABLE speaker_suggestions (
            id INTEGER PRIMARY KEY,
            speaker_id INTEGER NOT NULL,        -- speakers.id: the new (or split-off) speaker
            other_id INTEGER NOT NULL,          -- speakers.id: the one it may be
            -- no foreign keys: an answered row outlives a merge as the record of the answer;
            -- speaker ids named here are never reused (speakers.create_speaker)
            kind TEXT NOT NULL DEFAULT 'merge' CHECK (kind IN ('merge', 'repair')),
            reason TEXT NOT NULL DEFAULT '',
            detail TEXT NOT NULL DEFAULT '{}',  -- JSON: what a repair moved
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'dismissed')),
            created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
            decided_at TEXT,
            UNIQUE (speaker_id, other_id)
        )
        """
    )
    db.execute("CREATE INDEX idx_speaker_suggestions_other ON speaker_suggestions(other_id)")
    from quotedesk.core.store.db import Store
    from quotedesk.core.store.repair import backfill_forms, drop_capturing_aliases, repair_merged_speakers

    store = Store(db, None)
    repair_merged_speakers(store)
    drop_capturing_aliases(store)
    backfill_forms(store)


@migrations(name="0017_content_version")
def m0017_content_version(db: Database) -> None:
    """A counter that every change to what the window shows moves, so an open window notices
    another program's UPDATE or DELETE (the ``sqlite3`` shell, a Datasette write plugin, a second
    window), not only its inserts: ``PRAGMA data_version`` says another connection committed,
    this counter says it changed an article, a quote, a quote's speakers, a speaker or a verdict
    (the window's own background writers, matches and vectors, leave it alone). Inserts are
    seen by the highest ids already, so only updates and deletes are counted (no cost on import).
    Read by ``gui.external_changes``."""
    db.execute("CREATE TABLE content_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)")
    db.execute("INSERT INTO content_version (id, version) VALUES (1, 0)")
    # the counts and dates kept by triggers (speakers.n_quotes …, articles.n_quotes) move with
    # every imported quote and say nothing new: only the columns the window shows count
    watched = {"articles": "UPDATE OF title, outlet, date, url, text ON articles",
               "quotes": "UPDATE ON quotes", "quote_speakers": "UPDATE ON quote_speakers",
               "speakers": "UPDATE OF name, kind, description, scope_article ON speakers",
               "verdicts": "UPDATE ON verdicts"}
    for table, update in watched.items():
        for event, name in ((update, "update"), (f"DELETE ON {table}", "delete")):
            db.execute(f"""CREATE TRIGGER {table}_{name}_content_version AFTER {event}
                BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END""")
