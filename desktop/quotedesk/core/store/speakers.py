"""Speakers, their name forms and aliases: persisting the identity decisions of
``quotedesk.core.identity`` (this module decides nothing about who is who).

On import, :func:`persist_article_speakers` gathers the article's speakers with their evidence,
asks :func:`quotedesk.core.identity.decide` about each one against the candidates the library
holds (speakers with a name form of the same surname or key, from ``speaker_forms``), and writes
the outcome: a link to an existing speaker, a new speaker under the article's own name (with
merge suggestions when the decision is "ask"), or an article-only speaker for a generic name.
An import never renames an existing speaker, never moves a stored quote, and never adds an alias
that could capture quotes of someone else (only specific full names and organisation names become
aliases, and aliases steer only names the analyst types, never an import).

The API the Speakers panel uses (all Qt-free; edits go through ``edits.apply`` and the undo stack):

* ``list_speakers(store, search=None) -> list[dict]``: one row per speaker with ``id, name,
  kind, description, n_quotes, first_date, last_date, scope_article`` (set for an article-only
  generic speaker), ``aliases``, ``forms`` (the fullest mention each article wrote),
  ``n_articles`` and ``suggestions`` (open merge suggestions, either side).
* ``suggestions.list_suggestions(store, status="open", speaker_id=None) -> list[SuggestionRow]``:
  each with ``reason`` and ``SpeakerEvidence`` of both sides (forms, roles, organisations,
  articles), side by side.
* ``suggestions.AcceptSuggestion(suggestion_id)`` / ``suggestions.DismissSuggestion(suggestion_id)``:
  edits; ``edits.apply(store, op)`` returns the inverse (undo reopens the question and restores
  both speakers exactly). An answered pair is never asked again.
* ``edits.SplitSpeaker(speaker_id, quote_ids, name)``: move exactly those quotes to a new speaker
  ``name``; :func:`split_name_for` ``(store, speaker_id, quote_ids) -> str`` is the name to prefill.
* ``edits.MergeSpeakers``, ``RenameSpeaker``, ``SetSpeakerInfo`` as before (they carry the
  speakers' name forms along, so later imports follow the analyst's merges).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from quotedesk.core.identity import ASK, SAME, SCOPED, ArticleSpeaker, Candidate, article_speakers, decide
from quotedesk.core.identity.names import PRONOUNS, TITLE_WORDS, fold, is_generic, org_key, parse_name, tokens
from quotedesk.core.model import ArticleDraft, ExtractedQuote
from quotedesk.core.store.db import Store, StoreError, like_contains
from quotedesk.core.store.names import alias_key


def _add_alias(store: Store, alias: str, speaker_id: int) -> None:
    """Remember a name form as an alias, unless it is generic or already someone's alias."""
    key = alias_key(alias)
    if key and not is_generic(alias):
        store.execute("INSERT OR IGNORE INTO speaker_aliases (key, alias, speaker_id) VALUES (?, ?, ?)",
                      (key, alias, speaker_id))


def form_key(form: str, kind: str) -> tuple[str, str]:
    """(key, surname) under which a name form is looked up."""
    if kind in ("organisation", "group"):
        return org_key(form), ""
    parsed = parse_name(form)
    return (parsed.key or " ".join(tokens(form))), parsed.surname


def add_form(store: Store, speaker_id: int, form: str, *, kind: str = "unknown", article_id: int | None = None,
             sp: ArticleSpeaker | None = None) -> int:
    """Record one name form of a speaker (with the article's evidence when ``sp`` is given)."""
    key, surname = form_key(form, kind)
    ev = sp or ArticleSpeaker(form)
    cur = store.execute(
        "INSERT INTO speaker_forms (speaker_id, article_id, form, mention, key, surname, roles, role_text, orgs, "
        "gender, outlet, date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (speaker_id, article_id, form, ev.mention or form, key, surname, "; ".join(sorted(ev.roles)), ev.role_text,
         "; ".join(sorted(ev.orgs)), ev.gender, ev.outlet, ev.date))
    return cur.lastrowid


def candidates_for(store: Store, sp: ArticleSpeaker, *, article_id: int | None = None) -> list[Candidate]:
    """Existing library-wide speakers who could be ``sp``: a name form with the same surname or
    the same name key (article-only speakers never are, nor speakers left with no quote, e.g.
    after the analyst re-attributed them all, unless they speak in ``article_id``, the article
    being stored). One query; each form's evidence once."""
    key, surname = form_key(sp.name, sp.kind)
    if sp.kind in ("organisation", "group"):
        where, params = "key = ?", (key,)
    else:
        where, params = "surname = ? OR key = ? OR key = ?", (surname, key, " ".join(tokens(sp.name)))
    rows = store.execute(
        "SELECT DISTINCT f.speaker_id, s.name, s.kind, f.form, f.roles, f.orgs, f.gender FROM speaker_forms f "
        "JOIN speakers s ON s.id = f.speaker_id WHERE s.scope_article IS NULL AND f.speaker_id IN "
        f"(SELECT speaker_id FROM speaker_forms WHERE {where}) AND (s.n_quotes > 0 OR EXISTS "
        "(SELECT 1 FROM speaker_forms h WHERE h.speaker_id = s.id AND h.article_id IS ?)) ORDER BY f.speaker_id",
        (*params, article_id)).fetchall()
    grouped: dict[int, tuple[str, str, list[str], set[str], set[str], set[str]]] = {}
    for sid, name, kind, form, roles, orgs, gender in rows:
        entry = grouped.setdefault(sid, (name, kind, [], set(), set(), set()))
        entry[2].append(form)
        entry[3].update(x for x in roles.split("; ") if x)
        entry[4].update(x for x in orgs.split("; ") if x)
        if gender:
            entry[5].add(gender)
    return [Candidate(sid, name, kind, tuple(dict.fromkeys(forms)), frozenset(roles), frozenset(orgs),
                      frozenset(genders)) for sid, (name, kind, forms, roles, orgs, genders) in grouped.items()]


def unique_name(store: Store, name: str, qualifiers: Sequence[str] = ()) -> str:
    """``name`` if no speaker has it yet, else the name with the first free qualifier
    ("Ana Ruiz (mayor)", "Johnson (Harbor Gazette, 2024-05-01)"), else numbered."""
    taken = lambda n: store.execute("SELECT 1 FROM speakers WHERE name = ?", (n,)).fetchone() is not None  # noqa: E731
    if not taken(name):
        return name
    for q in qualifiers:
        q = " ".join(q.split())
        if q and not taken(f"{name} ({q})"):
            return f"{name} ({q})"
    n = 2
    while taken(f"{name} ({n})"):
        n += 1
    return f"{name} ({n})"


def _qualifiers(sp: ArticleSpeaker) -> list[str]:
    source = ", ".join(x for x in (sp.outlet, sp.date or "") if x)
    return [q for q in (sp.role_text, source) if q]


def _next_speaker_id(store: Store) -> int:
    """An id no speaker has, nor any suggestion names: ids of merged-away speakers are never
    reused, so an answered suggestion can never be mistaken for one about a newer speaker."""
    row = store.execute("SELECT max(x) FROM (SELECT max(id) AS x FROM speakers UNION ALL "
                        "SELECT max(speaker_id) FROM speaker_suggestions UNION ALL "
                        "SELECT max(other_id) FROM speaker_suggestions)").fetchone()
    return (row[0] or 0) + 1


def create_speaker(store: Store, name: str, *, kind: str = "unknown", qualifiers: Sequence[str] = (),
                   scope_article: int | None = None, exact: bool = False) -> int:
    """Insert a new speaker (inside a transaction) and return its id. Its name is ``name``, or,
    when another speaker already has that name, ``name`` with the first free qualifier (see
    :func:`unique_name`); ``exact`` refuses a taken name instead (an analyst's choice)."""
    kind = kind if kind in ("person", "organisation", "group") else "unknown"
    name = " ".join(name.split())
    if exact and store.execute("SELECT 1 FROM speakers WHERE name = ?", (name,)).fetchone():
        raise StoreError(f"there is already a speaker called {name!r}")
    final = name if exact else unique_name(store, name, qualifiers)
    store.execute("INSERT INTO speakers (id, name, kind, scope_article) VALUES (?, ?, ?, ?)",
                  (_next_speaker_id(store), final, kind, scope_article))
    return store.execute("SELECT id FROM speakers WHERE name = ?", (final,)).fetchone()[0]


def suggest(store: Store, speaker_id: int, other_id: int, reason: str, *, kind: str = "merge",
            detail: str = "{}") -> None:
    """Ask the analyst whether two speakers are one (once: an answered pair is not asked again)."""
    if speaker_id == other_id:
        return
    asked = store.execute("SELECT 1 FROM speaker_suggestions WHERE (speaker_id = ? AND other_id = ?) OR "
                          "(speaker_id = ? AND other_id = ?)", (speaker_id, other_id, other_id, speaker_id)).fetchone()
    if asked is None:
        store.execute("INSERT INTO speaker_suggestions (speaker_id, other_id, kind, reason, detail) "
                      "VALUES (?, ?, ?, ?, ?)", (speaker_id, other_id, kind, reason, detail))


def persist_article_speakers(store: Store, article_id: int, draft: ArticleDraft,
                             quotes: Sequence[ExtractedQuote]) -> list[tuple[int, ...]]:
    """Decide and store the speakers of a new article; returns each quote's speaker ids.

    Call inside the article's transaction. Names that are not speakers (datelines, bylines,
    places) are dropped from the quote's speakers; the quote keeps its mention as evidence."""
    found = article_speakers(draft.text, quotes, outlet=draft.outlet, date=draft.date)
    ids: dict[str, int] = {}
    scoped: dict[str, int] = {}
    for sp in found.speakers:
        if sp.generic:
            local = " ".join(tokens(sp.name))
            if local in scoped:
                ids[sp.name] = scoped[local]
                continue
            sid = create_speaker(store, sp.name, kind=sp.kind, qualifiers=_qualifiers(sp), scope_article=article_id)
            scoped[local] = sid
        else:
            decision = decide(sp, candidates_for(store, sp, article_id=article_id))
            if decision.action == SAME and decision.speaker_id is not None:
                sid = decision.speaker_id
            else:
                sid = create_speaker(store, sp.name, kind=sp.kind, qualifiers=_qualifiers(sp),
                                     scope_article=article_id if decision.action == SCOPED else None)
                if decision.action == ASK:
                    for s in decision.suggestions:
                        suggest(store, sid, s.speaker_id, s.reason)
            if sp.kind == "organisation" or parse_name(sp.name).is_full:
                _add_alias(store, sp.name, sid)
        add_form(store, sid, sp.name, kind=sp.kind, article_id=article_id, sp=sp)
        ids[sp.name] = sid
    return [tuple(dict.fromkeys(ids[n] for n in names if n in ids)) for names in found.quote_names]


@dataclass(frozen=True, slots=True)
class SpeakerQuote:
    """One quote of a speaker as the split dialog lists it (imported text: show it as plain text)."""

    quote_id: int
    text: str
    mention: str
    title: str
    outlet: str
    date: str | None


def speaker_quotes(store: Store, speaker_id: int, *, alias: str | None = None) -> list[SpeakerQuote]:
    """The quotes attributed to a speaker, by article date then position; with ``alias``, only
    those whose speaker mention is that name form (its alias key: "Mr. Berg" is "Berg")."""
    rows = store.execute(
        "SELECT q.id, q.text, coalesce(q.mention, ''), a.title, a.outlet, a.date FROM quote_speakers qs "
        "JOIN quotes q ON q.id = qs.quote_id JOIN articles a ON a.id = q.article_id WHERE qs.speaker_id = ? "
        "ORDER BY a.date, a.id, q.start", (speaker_id,)).fetchall()
    out = [SpeakerQuote(*r) for r in rows]
    if alias is not None:
        key = alias_key(alias)
        out = [q for q in out if q.mention and alias_key(q.mention) == key]
    return out


_CAPITALISED = re.compile(r"[A-Z][\w&'’.-]*(?:\s+(?:of\s+(?:the\s+)?|for\s+)?[A-Z][\w&'’.-]*){0,5}")


def split_name_for(store: Store, speaker_id: int, quote_ids: Sequence[int]) -> str:
    """The name to prefill when the analyst splits these quotes off a speaker: the most frequent
    specific name the quotes' articles give (their recorded name forms, a capitalised name in
    the quote's mention, or, for a generic speaker such as "Union", the article's capitalised
    names ending in that word: "Eastbrook Teachers Union"). "" when the articles name no one."""
    row = store.execute("SELECT name FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
    head = tokens(row[0])[-1:] if row else []
    counts: Counter[str] = Counter()
    articles: set[int] = set()
    for qid in dict.fromkeys(quote_ids):
        q = store.execute("SELECT article_id, mention FROM quotes WHERE id = ?", (qid,)).fetchone()
        if q is None:
            continue
        article_id, mention = q
        for m in _CAPITALISED.finditer(mention or ""):
            if not is_generic(m.group(0)) and len(m.group(0).split()) > 1:
                counts[m.group(0)] += 1
        if article_id in articles:
            continue
        articles.add(article_id)
        text = store.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
        for (form,) in store.execute("SELECT form FROM speaker_forms WHERE speaker_id = ? AND article_id = ?",
                                     (speaker_id, article_id)):
            if not is_generic(form) and form in text:  # a name this article really writes
                counts[form] += 2
        if head:
            found = {m.group(0) for m in _CAPITALISED.finditer(text)
                     if len(m.group(0).split()) > 1 and tokens(m.group(0))[-1:] == head and not is_generic(m.group(0))}
            for name in found:
                words = name.split()
                while len(words) > 2 and fold(words[0]).strip(".") in TITLE_WORDS:
                    words.pop(0)  # "Prime Minister Boris Johnson" -> "Boris Johnson"
                while words and words[0].casefold() in ("the", "a", "an"):
                    words.pop(0)
                counts[" ".join(words)] += 1
    if row is not None:
        counts.pop(row[0], None)  # the speaker's own name is taken: it is never the new one's
    if not counts:
        return ""
    return max(counts, key=lambda n: (counts[n], len(n)))


def lookup_speaker(store: Store, name: str) -> int | None:
    """The speaker a name stands for exactly (its alias key or canonical name), or None.

    No partial matching: a bare surname finds a speaker only if it is that speaker's alias."""
    key = alias_key(name)
    if not key:
        return None
    row = store.execute("SELECT speaker_id FROM speaker_aliases WHERE key = ?", (key,)).fetchone()
    if row:
        return row[0]
    row = store.execute("SELECT id FROM speakers WHERE name = ?", (" ".join(name.split()),)).fetchone()
    return row[0] if row else None


def resolve_speaker(store: Store, name: str, *, kind: str = "unknown", create: bool = True) -> int | None:
    """The speaker for a name the *analyst* typed: an exact alias or name, else a new speaker.

    Call inside a transaction when ``create`` is true. Never renames anyone."""
    name = " ".join(name.split())
    if not name or fold(name) in PRONOUNS:
        return None
    found = lookup_speaker(store, name)
    if found is not None or not create:
        return found
    sid = create_speaker(store, name, kind=kind)
    add_form(store, sid, name, kind=kind)
    _add_alias(store, name, sid)
    return sid


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


def speaker_forms(store: Store) -> dict[int, tuple[list[str], int]]:
    """Every speaker's distinct name forms (the fullest mention each article wrote) and the
    number of articles they speak in; one pass over a covering index."""
    forms: dict[int, list[str]] = {}
    articles: dict[int, int] = {}
    for sid, mention, n in store.execute("SELECT speaker_id, mention, count(DISTINCT article_id) FROM speaker_forms "
                                         "GROUP BY speaker_id, mention"):
        if mention:
            forms.setdefault(sid, []).append(mention)
        articles[sid] = articles.get(sid, 0) + n
    return {sid: (sorted(forms.get(sid, []), key=str.casefold), n) for sid, n in articles.items()}


def list_speakers(store: Store, *, search: str | None = None) -> list[dict]:
    """Every speaker with quote count, first and last date, aliases, name forms, number of
    articles and open merge suggestions (the speakers panel).

    Counts and dates are kept on the speaker row by triggers, so this reads one row per speaker."""
    from quotedesk.core.store.suggestions import open_suggestion_counts

    params: list = []
    where = ""
    if search:
        where = "WHERE s.id IN (SELECT speaker_id FROM speaker_aliases WHERE alias LIKE ? ESCAPE '\\')"
        params.append(like_contains(search))
    rows = store.query(
        f"SELECT s.id, s.name, s.kind, s.description, s.n_quotes, s.first_date, s.last_date, s.scope_article "
        f"FROM speakers s {where} ORDER BY s.n_quotes DESC, s.name COLLATE NOCASE", params)
    aliases = speaker_aliases(store)
    forms = speaker_forms(store)
    pending = open_suggestion_counts(store)
    for r in rows:
        r["aliases"] = aliases.get(r["id"], [])
        r["forms"], r["n_articles"] = forms.get(r["id"], ([], 0))
        r["suggestions"] = pending.get(r["id"], 0)
    return rows
