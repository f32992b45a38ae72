"""The analyst's edits as immutable, invertible operations.

``apply(store, op)`` performs ``op`` in one transaction and returns an :class:`Applied` holding
the operation that undoes it and a :class:`Changes` saying what the views must refresh. Applying
the inverse returns the original op again (up to ids that stay the same), so an undo stack only
has to keep the last inverse of each step. Nothing here knows about Qt: the GUI wraps these in
thin ``QUndoCommand``s.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from quotedesk.core.store.db import Store, StoreError
from quotedesk.core.store.names import alias_key
from quotedesk.core.store.quotes import raw_quote, set_quote_speakers
from quotedesk.core.store.speakers import create_speaker, form_key, resolve_speaker


@dataclass(frozen=True)
class Changes:
    """What an edit touched, so each view can decide whether to refresh."""

    articles: frozenset[int] = frozenset()
    quotes: frozenset[int] = frozenset()
    speakers: bool = False
    quote_set: bool = False  # quotes were added or removed (not only changed)

    def __or__(self, other: "Changes") -> "Changes":
        return Changes(self.articles | other.articles, self.quotes | other.quotes,
                       self.speakers or other.speakers, self.quote_set or other.quote_set)


@dataclass(frozen=True)
class Applied:
    inverse: "Edit"
    changes: Changes


class Edit:
    """Base of all edits: ``label`` is the human text shown in the undo history."""

    label = "Edit"

    def _apply(self, store: Store) -> Applied:  # pragma: no cover - abstract
        raise NotImplementedError


def apply(store: Store, op: Edit) -> Applied:
    """Apply one edit atomically; returns its inverse and what changed."""
    with store.transaction():
        return op._apply(store)


def _article_of(store: Store, quote_id: int) -> int:
    row = store.execute("SELECT article_id FROM quotes WHERE id = ?", (quote_id,)).fetchone()
    if row is None:
        raise StoreError(f"quote {quote_id} no longer exists")
    return row[0]


def _touch(store: Store, quote_id: int) -> None:
    store.execute("UPDATE quotes SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
                  (quote_id,))


@dataclass(frozen=True)
class SetSpeakers(Edit):
    """Attribute a quote to these speakers (ids); ``new_names`` are created if unknown.

    The article's name forms follow the analyst (identity reads them on later imports). For each
    speaker taken off the quote that keeps no other quote in that article, the forms that article
    gave it ("Mayor Ana Ruiz", with its role) go to the speaker the analyst put on instead: the
    only one put on, or, when several were, the one whose name is that form's name. When the
    analyst put no one on, or nobody of that name among several, the forms are dropped: either
    way they no longer pull later quotes of that name back to the old speaker.

    ``forms`` (form id, speaker id), ``restore`` (whole ``speaker_forms`` rows) and ``drop``
    (form ids), given by an inverse, set those forms exactly instead (restored rows keep their
    ids, so undo gives back exactly what was there).

    ``expect`` (set on an inverse): the speakers the edit being undone left on the quote. If
    another window or program has put others on since, the undo is refused rather than silently
    overwrite that later attribution."""

    quote_id: int
    speaker_ids: tuple[int, ...] = ()
    new_names: tuple[str, ...] = ()
    status: str | None = "corrected"
    forms: tuple[tuple[int, int], ...] | None = None
    restore: tuple[tuple, ...] = ()
    drop: tuple[int, ...] = ()
    expect: tuple[int, ...] | None = None

    @property
    def label(self) -> str:  # type: ignore[override]
        return "Change speaker"

    def _apply(self, store: Store) -> Applied:
        article_id = _article_of(store, self.quote_id)
        old_ids = _speakers_of(store, self.quote_id)
        old_status = store.execute("SELECT status FROM quotes WHERE id = ?", (self.quote_id,)).fetchone()[0]
        if self.expect is not None and old_ids != self.expect:
            raise StoreError(f"the speaker of quote {self.quote_id} was changed in another window or "
                             f"program after this edit (now {_names(store, old_ids)}); undoing it "
                             "would overwrite that change, so nothing was changed")
        ids = list(self.speaker_ids)
        for name in self.new_names:
            sid = resolve_speaker(store, name)
            if sid is not None:
                ids.append(sid)
        set_quote_speakers(store, self.quote_id, tuple(ids))
        if self.status is not None:
            status = "added" if old_status == "added" else self.status
            store.execute("UPDATE quotes SET status = ? WHERE id = ?", (status, self.quote_id))
        _touch(store, self.quote_id)
        if self.forms is not None:
            moves, restore, drop = self.forms, self.restore, self.drop
        else:
            moves, drop = _forms_to_follow(store, article_id, old_ids, tuple(ids))
            restore = ()
        previous = []
        for form_id, sid in moves:
            row = store.execute("SELECT speaker_id FROM speaker_forms WHERE id = ?", (form_id,)).fetchone()
            if row is not None:
                previous.append((form_id, row[0]))
                store.execute("UPDATE speaker_forms SET speaker_id = ? WHERE id = ?", (sid, form_id))
        dropped = _drop_forms(store, drop)
        restored = _restore_forms(store, restore)
        inverse = SetSpeakers(self.quote_id, old_ids, (), old_status, tuple(previous), tuple(dropped),
                              tuple(restored), expect=_speakers_of(store, self.quote_id))
        return Applied(inverse, Changes(frozenset({article_id}), frozenset({self.quote_id}), speakers=True))


def _speakers_of(store: Store, quote_id: int) -> tuple[int, ...]:
    return tuple(r[0] for r in store.execute(
        "SELECT speaker_id FROM quote_speakers WHERE quote_id = ? ORDER BY position", (quote_id,)))


def _names(store: Store, speaker_ids: tuple[int, ...]) -> str:
    if not speaker_ids:
        return "no speaker"
    marks = ", ".join("?" * len(speaker_ids))
    names = dict(store.execute(f"SELECT id, name FROM speakers WHERE id IN ({marks})", speaker_ids).fetchall())
    return ", ".join(names.get(i, f"speaker {i}") for i in speaker_ids)


#: Every column of ``speaker_forms`` (id first), to drop a row and restore it exactly.
_FORM_COLUMNS = ("id, speaker_id, article_id, form, mention, key, surname, roles, role_text, orgs, gender, "
                 "outlet, date")


def _drop_forms(store: Store, form_ids) -> tuple[tuple, ...]:
    """Delete these ``speaker_forms`` rows; returns them whole, for :func:`_restore_forms`."""
    dropped = []
    for form_id in form_ids:
        row = store.execute(f"SELECT {_FORM_COLUMNS} FROM speaker_forms WHERE id = ?", (form_id,)).fetchone()
        if row is not None:
            dropped.append(tuple(row))
            store.execute("DELETE FROM speaker_forms WHERE id = ?", (form_id,))
    return tuple(dropped)


def _restore_forms(store: Store, rows) -> tuple[int, ...]:
    """Insert dropped ``speaker_forms`` rows again, with their ids where still free."""
    restored = []
    for row in rows:
        form_id = row[0]
        if store.execute("SELECT 1 FROM speaker_forms WHERE id = ?", (form_id,)).fetchone():
            form_id = None  # taken meanwhile (ids are reused after a delete): keep the row, not the id
        cur = store.execute(f"INSERT INTO speaker_forms ({_FORM_COLUMNS}) VALUES "
                            f"({', '.join('?' * len(row))})", (form_id, *row[1:]))
        restored.append(cur.lastrowid)
    return tuple(restored)


def _forms_to_follow(store: Store, article_id: int, old_ids: tuple[int, ...],
                     new_ids: tuple[int, ...]) -> tuple[tuple[tuple[int, int], ...], tuple[int, ...]]:
    """((form id, new speaker) moves, form ids to drop) for the article's forms of the speakers
    the quote was taken from that keep no quote in the article (see :class:`SetSpeakers`)."""
    added = [sid for sid in dict.fromkeys(new_ids) if sid not in old_ids]
    removed = [sid for sid in dict.fromkeys(old_ids) if sid not in new_ids]
    moves: list[tuple[int, int]] = []
    drop: list[int] = []
    named: dict[int, set[str]] = {}
    if len(added) > 1:  # which of them is each form's person: the one whose names have its key
        for sid in added:
            keys = {r[0] for r in store.execute("SELECT key FROM speaker_forms WHERE speaker_id = ?", (sid,))}
            row = store.execute("SELECT name, kind FROM speakers WHERE id = ?", (sid,)).fetchone()
            if row is not None:
                keys.add(form_key(row[0], row[1])[0])
            named[sid] = keys - {""}
    for sid in removed:
        if store.execute("SELECT 1 FROM quote_speakers qs JOIN quotes q ON q.id = qs.quote_id "
                         "WHERE qs.speaker_id = ? AND q.article_id = ?", (sid, article_id)).fetchone():
            continue
        for form_id, key in store.execute("SELECT id, key FROM speaker_forms WHERE speaker_id = ? AND article_id = ? "
                                          "ORDER BY id", (sid, article_id)).fetchall():
            owners = added if len(added) == 1 else [a for a in added if key and key in named[a]]
            if len(owners) == 1:
                moves.append((form_id, owners[0]))
            else:
                drop.append(form_id)
    return tuple(moves), tuple(drop)


@dataclass(frozen=True)
class SetStatus(Edit):
    """Set the review status of quotes (confirm = 'confirmed'); ``statuses`` maps id -> status."""

    statuses: Mapping[int, str] = field(default_factory=dict)

    label = "Confirm"

    @classmethod
    def same(cls, quote_ids, status: str) -> "SetStatus":
        return cls({qid: status for qid in quote_ids})

    def _apply(self, store: Store) -> Applied:
        old: dict[int, str] = {}
        articles = set()
        for qid, status in self.statuses.items():
            row = store.execute("SELECT status, article_id FROM quotes WHERE id = ?", (qid,)).fetchone()
            if row is None:
                raise StoreError(f"quote {qid} no longer exists")
            old[qid] = row[0]
            articles.add(row[1])
            store.execute("UPDATE quotes SET status = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') "
                          "WHERE id = ?", (status, qid))
        return Applied(SetStatus(old), Changes(frozenset(articles), frozenset(self.statuses)))


@dataclass(frozen=True)
class RestoreQuote(Edit):
    """Insert a quote row again, with its original id and speakers (undo of a deletion)."""

    row: Mapping
    speaker_ids: tuple[int, ...] = ()
    forms: tuple[tuple, ...] = ()  # the article's name forms the deletion dropped, whole rows

    label = "Restore quote"

    def _apply(self, store: Store) -> Applied:
        cols = list(self.row)
        store.execute(
            f"INSERT INTO quotes ({', '.join(chr(34) + c + chr(34) for c in cols)}) "
            f"VALUES ({', '.join('?' * len(cols))})", [self.row[c] for c in cols])
        qid = self.row["id"]
        set_quote_speakers(store, qid, self.speaker_ids)
        _restore_forms(store, self.forms)
        return Applied(DeleteQuote(qid), Changes(frozenset({self.row["article_id"]}), frozenset({qid}),
                                                 quote_set=True))


@dataclass(frozen=True)
class DeleteQuote(Edit):
    """Remove a false quote. The name forms its article gave a speaker that keeps no other quote
    there are dropped too (as when the speaker is taken off, :class:`SetSpeakers`): they would
    otherwise pull later quotes of that name to that speaker; undo puts them back."""

    quote_id: int

    label = "Delete quote"

    def _apply(self, store: Store) -> Applied:
        row = raw_quote(store, self.quote_id)
        if row is None:
            raise StoreError(f"quote {self.quote_id} no longer exists")
        ids = _speakers_of(store, self.quote_id)
        store.execute("DELETE FROM quotes WHERE id = ?", (self.quote_id,))
        _, drop = _forms_to_follow(store, row["article_id"], ids, ())
        forms = _drop_forms(store, drop)
        return Applied(RestoreQuote(row, ids, forms), Changes(frozenset({row["article_id"]}), frozenset({self.quote_id}),
                                                       quote_set=True))


@dataclass(frozen=True)
class AddQuote(Edit):
    """Mark ``article.text[start:end]`` as a quote by these speakers (status 'added')."""

    article_id: int
    start: int
    end: int
    speaker_ids: tuple[int, ...] = ()
    new_names: tuple[str, ...] = ()
    kind: str = "direct"

    label = "Mark as quote"

    def _apply(self, store: Store) -> Applied:
        row = store.execute("SELECT text FROM articles WHERE id = ?", (self.article_id,)).fetchone()
        if row is None:
            raise StoreError(f"article {self.article_id} no longer exists")
        text = row[0]
        if not (0 <= self.start < self.end <= len(text)):
            raise StoreError(f"the selection {self.start}..{self.end} is outside the article")
        ids = list(self.speaker_ids)
        for name in self.new_names:
            sid = resolve_speaker(store, name)
            if sid is not None:
                ids.append(sid)
        cur = store.execute(
            'INSERT INTO quotes (article_id, start, "end", text, kind, confidence, status) '
            "VALUES (?, ?, ?, ?, ?, 1.0, 'added')",
            (self.article_id, self.start, self.end, text[self.start:self.end], self.kind))
        qid = cur.lastrowid
        set_quote_speakers(store, qid, tuple(ids))
        return Applied(DeleteQuote(qid), Changes(frozenset({self.article_id}), frozenset({qid}),
                                                 speakers=bool(self.new_names), quote_set=True))


@dataclass(frozen=True)
class SetSpan(Edit):
    """Move a quote's boundaries (extend, shrink); its text follows the article."""

    quote_id: int
    start: int
    end: int

    label = "Change quote span"

    def _apply(self, store: Store) -> Applied:
        row = store.execute('SELECT q.start, q."end", a.text, a.id FROM quotes q JOIN articles a '
                            "ON a.id = q.article_id WHERE q.id = ?", (self.quote_id,)).fetchone()
        if row is None:
            raise StoreError(f"quote {self.quote_id} no longer exists")
        old_start, old_end, text, article_id = row
        if not (0 <= self.start < self.end <= len(text)):
            raise StoreError(f"the span {self.start}..{self.end} is outside the article")
        store.execute('UPDATE quotes SET start = ?, "end" = ?, text = ? WHERE id = ?',
                      (self.start, self.end, text[self.start:self.end], self.quote_id))
        _touch(store, self.quote_id)
        return Applied(SetSpan(self.quote_id, old_start, old_end),
                       Changes(frozenset({article_id}), frozenset({self.quote_id})))


@dataclass(frozen=True)
class UpdateArticle(Edit):
    """Edit an article's metadata (title, outlet, date, url); the text is never edited."""

    article_id: int
    fields: Mapping[str, str | None] = field(default_factory=dict)

    label = "Edit article details"
    _ALLOWED = ("title", "outlet", "date", "url")

    def _apply(self, store: Store) -> Applied:
        bad = set(self.fields) - set(self._ALLOWED)
        if bad:
            raise StoreError(f"cannot edit {', '.join(sorted(bad))} of an article")
        row = store.query("SELECT title, outlet, date, url FROM articles WHERE id = ?", (self.article_id,))
        if not row:
            raise StoreError(f"article {self.article_id} no longer exists")
        old = {k: row[0][k] for k in self.fields}
        for key, value in self.fields.items():
            if key in ("title", "outlet"):
                value = value or ""
            store.execute(f"UPDATE articles SET {key} = ? WHERE id = ?", (value, self.article_id))
        return Applied(UpdateArticle(self.article_id, old), Changes(frozenset({self.article_id})))


@dataclass(frozen=True)
class RenameSpeaker(Edit):
    """Give a speaker a new canonical name; the old one stays an alias."""

    speaker_id: int
    name: str
    drop_alias: str | None = None  # an alias key the rename being undone had added

    label = "Rename speaker"

    def _apply(self, store: Store) -> Applied:
        row = store.execute("SELECT name FROM speakers WHERE id = ?", (self.speaker_id,)).fetchone()
        if row is None:
            raise StoreError(f"speaker {self.speaker_id} no longer exists")
        name = " ".join(self.name.split())
        if not name:
            raise StoreError("a speaker needs a name")
        clash = store.execute("SELECT id FROM speakers WHERE name = ? AND id <> ?", (name, self.speaker_id)).fetchone()
        if clash:
            raise StoreError(f"there is already a speaker called {name!r}: merge them instead")
        store.execute("UPDATE speakers SET name = ? WHERE id = ?", (name, self.speaker_id))
        if self.drop_alias:
            store.execute("DELETE FROM speaker_aliases WHERE key = ? AND speaker_id = ?",
                          (self.drop_alias, self.speaker_id))
        key = alias_key(name)
        added = store.execute("SELECT 1 FROM speaker_aliases WHERE key = ?", (key,)).fetchone() is None
        store.execute("INSERT OR REPLACE INTO speaker_aliases (key, alias, speaker_id) VALUES (?, ?, ?)",
                      (key, name, self.speaker_id))
        return Applied(RenameSpeaker(self.speaker_id, row[0], key if added else None), Changes(speakers=True))


@dataclass(frozen=True)
class RestoreSpeaker(Edit):
    """Undo of a merge: bring a speaker back with its aliases and its quotes."""

    row: Mapping
    alias_rows: tuple[tuple[str, str], ...]
    quote_rows: tuple[tuple[int, int, bool], ...]  # (quote_id, position, keep_id was there too)
    into_id: int
    form_ids: tuple[int, ...] = ()  # speaker_forms rows the merge had moved to ``into_id``

    label = "Split speaker"

    def _apply(self, store: Store) -> Applied:
        row = {k: v for k, v in self.row.items() if k not in ("n_quotes", "first_date", "last_date")}
        cols = list(row)  # counts and dates are rebuilt by triggers as the links come back
        store.execute(f"INSERT INTO speakers ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                      [row[c] for c in cols])
        sid = self.row["id"]
        for key, alias in self.alias_rows:
            store.execute("INSERT OR REPLACE INTO speaker_aliases (key, alias, speaker_id) VALUES (?, ?, ?)",
                          (key, alias, sid))
        quotes = set()
        for qid, pos, shared in self.quote_rows:
            if not shared:
                store.execute("DELETE FROM quote_speakers WHERE quote_id = ? AND speaker_id = ?",
                              (qid, self.into_id))
            store.execute("INSERT OR REPLACE INTO quote_speakers (quote_id, speaker_id, position) VALUES (?, ?, ?)",
                          (qid, sid, pos))
            quotes.add(qid)
        for form_id in self.form_ids:
            store.execute("UPDATE speaker_forms SET speaker_id = ? WHERE id = ?", (sid, form_id))
        return Applied(MergeSpeakers(self.into_id, sid), Changes(quotes=frozenset(quotes), speakers=True))


@dataclass(frozen=True)
class MergeSpeakers(Edit):
    """Merge speaker ``merged_id`` into ``keep_id``: its quotes and aliases move over."""

    keep_id: int
    merged_id: int
    drop_alias_keys: tuple[str, ...] = ()  # aliases of ``merged_id`` to drop, not move (undo of a split)

    label = "Merge speakers"

    def _apply(self, store: Store) -> Applied:
        if self.keep_id == self.merged_id:
            raise StoreError("cannot merge a speaker with itself")
        rows = store.query("SELECT * FROM speakers WHERE id = ?", (self.merged_id,))
        if not rows or store.execute("SELECT 1 FROM speakers WHERE id = ?", (self.keep_id,)).fetchone() is None:
            raise StoreError("one of the speakers no longer exists")
        aliases = tuple((k, a) for k, a in store.execute(
            "SELECT key, alias FROM speaker_aliases WHERE speaker_id = ?", (self.merged_id,)))
        quote_rows = tuple((q, p, bool(shared)) for q, p, shared in store.execute(
            "SELECT quote_id, position, EXISTS (SELECT 1 FROM quote_speakers k WHERE k.quote_id = qs.quote_id "
            "AND k.speaker_id = ?) FROM quote_speakers qs WHERE speaker_id = ?", (self.keep_id, self.merged_id)))
        for qid, pos, _shared in quote_rows:
            store.execute("INSERT OR IGNORE INTO quote_speakers (quote_id, speaker_id, position) VALUES (?, ?, ?)",
                          (qid, self.keep_id, pos))
        for key in self.drop_alias_keys:
            store.execute("DELETE FROM speaker_aliases WHERE key = ? AND speaker_id = ?", (key, self.merged_id))
        store.execute("UPDATE speaker_aliases SET speaker_id = ? WHERE speaker_id = ?", (self.keep_id, self.merged_id))
        # the merged speaker's name forms and evidence now describe the kept one (identity)
        form_ids = tuple(r[0] for r in store.execute("SELECT id FROM speaker_forms WHERE speaker_id = ?",
                                                     (self.merged_id,)))
        store.execute("UPDATE speaker_forms SET speaker_id = ? WHERE speaker_id = ?", (self.keep_id, self.merged_id))
        store.execute("DELETE FROM speakers WHERE id = ?", (self.merged_id,))
        inverse = RestoreSpeaker(rows[0], aliases, quote_rows, self.keep_id, form_ids)
        return Applied(inverse, Changes(quotes=frozenset(q for q, _, _ in quote_rows), speakers=True))


@dataclass(frozen=True)
class Batch(Edit):
    """Several edits as one atomic step (one transaction, one undo entry)."""

    ops: tuple[Edit, ...] = ()
    text: str = "Edit"

    @property
    def label(self) -> str:  # type: ignore[override]
        return self.text

    def _apply(self, store: Store) -> Applied:
        inverses, changes = [], Changes()
        for op in self.ops:
            applied = op._apply(store)
            inverses.append(applied.inverse)
            changes = changes | applied.changes
        return Applied(Batch(tuple(reversed(inverses)), self.text), changes)


@dataclass(frozen=True)
class SplitQuote(Edit):
    """Split a quote in two at an article offset; both halves keep its speakers and kind."""

    quote_id: int
    at: int

    label = "Split quote"

    def _apply(self, store: Store) -> Applied:
        row = raw_quote(store, self.quote_id)
        if row is None:
            raise StoreError(f"quote {self.quote_id} no longer exists")
        text = store.execute("SELECT text FROM articles WHERE id = ?", (row["article_id"],)).fetchone()[0]
        left_end, right_start = self.at, self.at
        while left_end > row["start"] and text[left_end - 1].isspace():
            left_end -= 1
        while right_start < row["end"] and text[right_start].isspace():
            right_start += 1
        if not (row["start"] < left_end and right_start < row["end"]):
            raise StoreError("split inside the quote, between two words")
        first = SetSpan(self.quote_id, row["start"], left_end)._apply(store)
        ids = _speakers_of(store, self.quote_id)
        cur = store.execute(
            'INSERT INTO quotes (article_id, start, "end", text, kind, floating, cue, cue_start, cue_end, mention, '
            "mention_start, mention_end, resolved_from, confidence, status) "
            "SELECT article_id, ?, ?, ?, kind, 1, cue, cue_start, cue_end, mention, mention_start, mention_end, "
            "resolved_from, confidence, status FROM quotes WHERE id = ?",
            (right_start, row["end"], text[right_start:row["end"]], self.quote_id))
        new_id = cur.lastrowid
        set_quote_speakers(store, new_id, ids)
        inverse = Batch((DeleteQuote(new_id), first.inverse), "Split quote")
        return Applied(inverse, first.changes | Changes(frozenset({row["article_id"]}), frozenset({new_id}),
                                                        quote_set=True))


def merge_quotes(store: Store, quote_ids) -> Batch:
    """The edit that merges quotes of one article into the first: it spans them all, the others go."""
    rows = [raw_quote(store, qid) for qid in quote_ids]
    if len(rows) < 2 or any(r is None for r in rows):
        raise StoreError("select two or more quotes to merge")
    if len({r["article_id"] for r in rows}) != 1:
        raise StoreError("only quotes of the same article can be merged")
    rows.sort(key=lambda r: (r["start"], r["end"]))
    keep = rows[0]
    ops: list[Edit] = [DeleteQuote(r["id"]) for r in rows[1:]]
    ops.append(SetSpan(keep["id"], keep["start"], max(r["end"] for r in rows)))
    return Batch(tuple(ops), "Merge quotes")


@dataclass(frozen=True)
class SetSpeakerInfo(Edit):
    """Change a speaker's kind (person, organisation, group) and role/description."""

    speaker_id: int
    kind: str | None = None
    description: str | None = None

    label = "Edit speaker details"

    def _apply(self, store: Store) -> Applied:
        row = store.execute("SELECT kind, description FROM speakers WHERE id = ?", (self.speaker_id,)).fetchone()
        if row is None:
            raise StoreError(f"speaker {self.speaker_id} no longer exists")
        kind = row[0] if self.kind is None else self.kind
        description = row[1] if self.description is None else self.description
        store.execute("UPDATE speakers SET kind = ?, description = ? WHERE id = ?", (kind, description, self.speaker_id))
        return Applied(SetSpeakerInfo(self.speaker_id, row[0], row[1]), Changes(speakers=True))


@dataclass(frozen=True)
class SplitAlias(Edit):
    """Split an alias off a speaker: it becomes a speaker of its own, taking the quotes whose
    speaker mention was that alias; future imports resolve the alias to the new speaker."""

    speaker_id: int
    alias: str

    label = "Split alias off speaker"

    def _apply(self, store: Store) -> Applied:
        row = store.execute("SELECT name, kind FROM speakers WHERE id = ?", (self.speaker_id,)).fetchone()
        if row is None:
            raise StoreError(f"speaker {self.speaker_id} no longer exists")
        key = alias_key(self.alias)
        if key == alias_key(row[0]):
            raise StoreError("that is the speaker's own name: rename the speaker instead")
        owner = store.execute("SELECT speaker_id, alias FROM speaker_aliases WHERE key = ?", (key,)).fetchone()
        if owner is None or owner[0] != self.speaker_id:
            raise StoreError(f"{self.alias!r} is not an alias of {row[0]}")
        name = owner[1]
        if store.execute("SELECT 1 FROM speakers WHERE name = ?", (name,)).fetchone():
            raise StoreError(f"there is already a speaker called {name!r}")
        new_id = create_speaker(store, name, kind=row[1], exact=True)
        store.execute("UPDATE speaker_aliases SET speaker_id = ? WHERE key = ?", (new_id, key))
        moved = []
        for qid, mention in store.execute(
                "SELECT q.id, q.mention FROM quotes q JOIN quote_speakers qs ON qs.quote_id = q.id "
                "WHERE qs.speaker_id = ? AND q.mention IS NOT NULL", (self.speaker_id,)).fetchall():
            if alias_key(mention) == key:
                moved.append(qid)
        for qid in moved:  # delete + insert (not update) so the speaker-stats triggers run
            pos = store.execute("SELECT position FROM quote_speakers WHERE quote_id = ? AND speaker_id = ?",
                                (qid, self.speaker_id)).fetchone()[0]
            store.execute("DELETE FROM quote_speakers WHERE quote_id = ? AND speaker_id = ?", (qid, self.speaker_id))
            store.execute("INSERT INTO quote_speakers (quote_id, speaker_id, position) VALUES (?, ?, ?)",
                          (qid, new_id, pos))
        return Applied(MergeSpeakers(self.speaker_id, new_id), Changes(quotes=frozenset(moved), speakers=True))


@dataclass(frozen=True)
class SplitSpeaker(Edit):
    """Move exactly the chosen quotes of a speaker to a new speaker called ``name`` (the
    analyst's "split alias": "Union" into "Eastbrook Teachers Union"). Nothing else moves, and
    no alias is added that could capture later quotes: the new speaker gets its name as an
    alias only when that name is specific (not a role word or generic noun). The name forms of
    articles left with no quote of the old speaker go with the quotes. Undo merges it back.
    ``speakers.split_name_for`` gives the name to prefill."""

    speaker_id: int
    quote_ids: tuple[int, ...]
    name: str

    label = "Split speaker"

    def _apply(self, store: Store) -> Applied:
        from quotedesk.core.identity.names import is_generic

        row = store.execute("SELECT name, kind FROM speakers WHERE id = ?", (self.speaker_id,)).fetchone()
        if row is None:
            raise StoreError(f"speaker {self.speaker_id} no longer exists")
        name = " ".join(self.name.split())
        if not name:
            raise StoreError("the new speaker needs a name")
        chosen = tuple(dict.fromkeys(self.quote_ids))
        if not chosen:
            raise StoreError("choose the quotes that belong to the new speaker")
        linked = {r[0]: r[1] for r in store.execute(
            f"SELECT quote_id, position FROM quote_speakers WHERE speaker_id = ? AND quote_id IN "
            f"({', '.join('?' * len(chosen))})", (self.speaker_id, *chosen))}
        missing = [q for q in chosen if q not in linked]
        if missing:
            raise StoreError(f"quote {missing[0]} is not attributed to {row[0]}")
        if store.execute("SELECT 1 FROM speakers WHERE name = ?", (name,)).fetchone():
            raise StoreError(f"there is already a speaker called {name!r}: attribute the quotes to them instead")
        new_id = create_speaker(store, name, kind=row[1], exact=True)
        articles = set()
        for qid in chosen:  # delete + insert (not update) so the speaker-stats triggers run
            store.execute("DELETE FROM quote_speakers WHERE quote_id = ? AND speaker_id = ?", (qid, self.speaker_id))
            store.execute("INSERT INTO quote_speakers (quote_id, speaker_id, position) VALUES (?, ?, ?)",
                          (qid, new_id, linked[qid]))
            articles.add(_article_of(store, qid))
        for article_id in articles:
            still = store.execute("SELECT 1 FROM quote_speakers qs JOIN quotes q ON q.id = qs.quote_id "
                                  "WHERE qs.speaker_id = ? AND q.article_id = ?", (self.speaker_id, article_id)).fetchone()
            if still is None:
                store.execute("UPDATE speaker_forms SET speaker_id = ? WHERE speaker_id = ? AND article_id = ?",
                              (new_id, self.speaker_id, article_id))
        added: tuple[str, ...] = ()
        if not is_generic(name) and store.execute("SELECT 1 FROM speaker_aliases WHERE key = ?",
                                                  (alias_key(name),)).fetchone() is None:
            store.execute("INSERT INTO speaker_aliases (key, alias, speaker_id) VALUES (?, ?, ?)",
                          (alias_key(name), name, new_id))
            added = (alias_key(name),)
        return Applied(MergeSpeakers(self.speaker_id, new_id, added),
                       Changes(frozenset(articles), frozenset(chosen), speakers=True))
