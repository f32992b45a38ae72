"""Speakers and their aliases: one canonical speaker per person or organisation.

Resolution across articles: a name is looked up by its alias key; a bare surname ("Putin")
joins the one known person with that surname; a fuller name ("Vladimir Putin") upgrades a
speaker known so far only by a shorter one. Every name seen is remembered as an alias, so
the analyst's merges and renames steer future imports the same way.
"""
from __future__ import annotations

from quotedesk.core.store.db import Store, like_contains
from quotedesk.core.store.names import alias_key, name_tokens

_PRONOUNS = frozenset("he she they it we i you him her them his hers their its".split())


def _add_alias(store: Store, alias: str, speaker_id: int) -> None:
    key = alias_key(alias)
    if key:
        store.execute(
            "INSERT OR IGNORE INTO speaker_aliases (key, alias, speaker_id) VALUES (?, ?, ?)",
            (key, alias, speaker_id),
        )


def lookup_speaker(store: Store, name: str) -> int | None:
    """The speaker a name already stands for, or None."""
    key = alias_key(name)
    if not key:
        return None
    row = store.execute("SELECT speaker_id FROM speaker_aliases WHERE key = ?", (key,)).fetchone()
    if row:
        return row[0]
    tokens = key.split()
    if len(tokens) == 1:
        # a bare surname: the one person whose name ends with it
        rows = store.execute(
            "SELECT DISTINCT a.speaker_id FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id "
            "WHERE s.kind IN ('person', 'unknown') AND (a.key = ? OR a.key LIKE ?) LIMIT 2",
            (tokens[0], "% " + tokens[0].replace("%", "").replace("_", "")),
        ).fetchall()
        if len(rows) == 1:
            return rows[0][0]
    return None


def resolve_speaker(store: Store, name: str, *, kind: str = "unknown", create: bool = True) -> int | None:
    """The id of the canonical speaker for ``name``, creating it (and its alias) if new.

    Call inside a transaction when ``create`` is true.
    """
    name = " ".join(name.split())
    if not name or alias_key(name) in _PRONOUNS:
        return None
    found = lookup_speaker(store, name)
    if found is not None:
        _add_alias(store, name, found)
        if kind != "unknown":
            store.execute("UPDATE speakers SET kind = ? WHERE id = ? AND kind = 'unknown'", (kind, found))
        return found
    if not create:
        return None
    tokens = name_tokens(name)
    if len(tokens) >= 2:
        # a fuller name for a person known so far by surname only: upgrade that speaker
        row = store.execute(
            "SELECT s.id FROM speakers s JOIN speaker_aliases a ON a.speaker_id = s.id "
            "WHERE a.key = ? AND s.kind IN ('person', 'unknown')",
            (tokens[-1],),
        ).fetchone()
        if row and store.execute("SELECT 1 FROM speakers WHERE name = ?", (name,)).fetchone() is None:
            store.execute("UPDATE speakers SET name = ? WHERE id = ?", (name, row[0]))
            _add_alias(store, name, row[0])
            return row[0]
    existing = store.execute("SELECT id FROM speakers WHERE name = ?", (name,)).fetchone()
    if existing:
        _add_alias(store, name, existing[0])
        return existing[0]
    cur = store.execute("INSERT INTO speakers (name, kind) VALUES (?, ?)", (name, kind))
    speaker_id = cur.lastrowid
    _add_alias(store, name, speaker_id)
    return speaker_id


def remember_mention(store: Store, mention: str | None, speaker_id: int) -> None:
    """Record a surface mention ('Mr. Putin') as an alias when it names the speaker."""
    if not mention:
        return
    row = store.execute("SELECT name FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
    if row is None:
        return
    mention_tokens = set(name_tokens(mention))
    if name_tokens(row[0])[-1:] and name_tokens(row[0])[-1] in mention_tokens:
        _add_alias(store, mention, speaker_id)


def get_speaker(store: Store, speaker_id: int) -> dict | None:
    rows = store.query("SELECT * FROM speakers WHERE id = ?", (speaker_id,))
    return rows[0] if rows else None


def speaker_names(store: Store) -> list[tuple[int, str]]:
    """All speakers, by name (for pickers)."""
    return [(r[0], r[1]) for r in store.execute("SELECT id, name FROM speakers ORDER BY name COLLATE NOCASE")]


def aliases_of(store: Store, speaker_id: int) -> list[str]:
    return [r[0] for r in store.execute(
        "SELECT alias FROM speaker_aliases WHERE speaker_id = ? ORDER BY alias COLLATE NOCASE", (speaker_id,))]


def speaker_aliases(store: Store) -> dict[int, list[str]]:
    """Every speaker's aliases (other than its name) in one query, for type-ahead pickers."""
    out: dict[int, list[str]] = {}
    for sid, alias in store.execute(
            "SELECT a.speaker_id, a.alias FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id "
            "WHERE a.alias <> s.name ORDER BY a.speaker_id, a.alias COLLATE NOCASE"):
        out.setdefault(sid, []).append(alias)
    return out


def list_speakers(store: Store, *, search: str | None = None) -> list[dict]:
    """Every speaker with quote count, first and last date, and aliases (the speakers panel).

    Counts and dates are kept on the speaker row by triggers, so this reads one row per speaker."""
    params: list = []
    where = ""
    if search:
        where = "WHERE s.id IN (SELECT speaker_id FROM speaker_aliases WHERE alias LIKE ? ESCAPE '\\')"
        params.append(like_contains(search))
    rows = store.query(
        f"SELECT s.id, s.name, s.kind, s.description, s.n_quotes, s.first_date, s.last_date FROM speakers s "
        f"{where} ORDER BY s.n_quotes DESC, s.name COLLATE NOCASE", params)
    aliases = speaker_aliases(store)
    for r in rows:
        r["aliases"] = aliases.get(r["id"], [])
    return rows
