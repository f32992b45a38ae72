"""The identity repair of migration 0012: undo what earlier versions merged by surname.

Before 0012 an import joined a bare surname to "the one person with that surname" and
"upgraded" that speaker to any fuller name it met, so Prime Minister Boris Johnson's quotes ended
up under "Mike Johnson". :func:`repair_merged_speakers` finds speakers whose quotes come from
articles that name *different* full names for them, and splits them back by each article's own
resolved name (the attribution engine is run again on the stored, never rewritten, article text,
and each stored quote takes the name the engine gives the quote at the same place):

* the group of articles whose name is the speaker's current name (else the largest group) stays;
* every other full name gets a speaker of its own (never a rename of the existing one) and the
  quotes of its articles move there, except quotes the analyst confirmed, corrected or added;
* articles that give only the surname stay where they are (uncertain: nothing is guessed);
* every split is recorded as a ``repair`` row of ``speaker_suggestions`` (what moved, from whom,
  why), which the analyst reviews: accepting it merges the two back (undoable like any merge),
  dismissing it keeps the split.

:func:`drop_capturing_aliases` removes aliases that are generic nouns ("Union") or a surname
shared by several named people, so no alias stands for the wrong person.

:func:`backfill_forms` then records the name forms and evidence of every stored speaker per
article (``speaker_forms``), from which later imports decide identity.
Both read each article once; the engine runs only on articles of suspect speakers (their
article texts name two or more different first names with the speaker's surname).
"""
from __future__ import annotations

import contextvars
import json
import re
from collections import defaultdict
from typing import Callable

from quotedesk.core.identity import article_speakers
from quotedesk.core.identity.names import NameForm, parse_name
from quotedesk.core.model import ExtractedQuote, Span
from quotedesk.core.store.db import Store
from quotedesk.core.store.names import alias_key

#: Where the repair reports how far it is: ``progress(what, fraction)`` (``open_store(progress=...)``
#: sets it for the migrations it runs; migrations take no arguments, so it travels this way).
#: Called from the thread that migrates; ``None``: nobody listens.
PROGRESS: contextvars.ContextVar[Callable[[str, float], None] | None] = contextvars.ContextVar(
    "quotedesk_repair_progress", default=None)


def report(what: str, done: int, total: int, *, every: int = 10) -> None:
    """Tell the listener of :data:`PROGRESS` (if any) that ``done`` of ``total`` are done."""
    listener = PROGRESS.get()
    if listener is not None and (done % every == 0 or done == total):
        listener(what, done / total if total else 1.0)


#: Quote statuses that are the analyst's word: never moved by anything automatic.
ANALYST_STATUSES = ("confirmed", "corrected", "added")


_FULL_NAME = re.compile(r"\b([A-Z][\w'’-]+)[ \t]+(?:[A-Z]\.[ \t]+)?([A-Z][\w'’-]+)\b")


def _given_names(text: str) -> dict[str, set[str]]:
    """First names written right before each capitalised surname in ``text`` (folded), for
    the cheap suspect test: one scan per article."""
    out: dict[str, set[str]] = defaultdict(set)
    for m in _FULL_NAME.finditer(text):
        form = parse_name(m.group(0))
        if form.is_full:
            out[form.surname].add(form.given[0])
    return out


class _Engine:
    """The attribution engine's speakers per stored quote span, one extraction per article."""

    KEEP = 512  # articles whose extraction is kept for the next speaker

    def __init__(self, store: Store):
        self.store = store
        self._cache: dict[int, list[ExtractedQuote]] = {}

    def text(self, article_id: int) -> str:
        return self.store.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]

    def quotes(self, article_id: int) -> list[ExtractedQuote]:
        if article_id not in self._cache:
            from quotedesk.core.attribution import extract_quotes

            if len(self._cache) >= self.KEEP:
                self._cache.pop(next(iter(self._cache)))  # bounded memory on a large library
            self._cache[article_id] = extract_quotes(self.text(article_id))
        return self._cache[article_id]

    def name_for(self, article_id: int, start: int, end: int, surname: str) -> NameForm | None:
        """The full name the engine gives the quote at ``start..end`` now, if it has this surname."""
        best = None
        for q in self.quotes(article_id):
            overlap = min(end, q.end) - max(start, q.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, q)
        if best is None:
            return None
        for name in best[1].speakers:
            form = parse_name(name)
            if form.is_full and form.surname == surname:
                return form
        return None


def repair_merged_speakers(store: Store) -> list[dict]:
    """Split speakers merged across different full names (see the module docstring); returns
    one record per split: ``{"speaker_id", "from_id", "name", "quotes", "articles"}``."""
    from quotedesk.core.store.speakers import create_speaker, suggest

    engine = _Engine(store)
    names_in: dict[int, dict[str, set[str]]] = {}
    done: list[dict] = []
    speakers = store.execute(
        "SELECT s.id, s.name FROM speakers s WHERE s.kind IN ('person', 'unknown') AND "
        "(SELECT count(DISTINCT q.article_id) FROM quote_speakers qs JOIN quotes q ON q.id = qs.quote_id "
        " WHERE qs.speaker_id = s.id) >= 2 ORDER BY s.id").fetchall()
    for i, (sid, name) in enumerate(speakers):
        report("Checking speakers merged by surname", i, len(speakers))
        own = parse_name(name)
        if not own.surname:
            continue
        rows = store.execute(
            'SELECT q.id, q.article_id, q.start, q."end", q.status FROM quote_speakers qs '
            "JOIN quotes q ON q.id = qs.quote_id WHERE qs.speaker_id = ? ORDER BY q.article_id, q.start",
            (sid,)).fetchall()
        given: set[str] = set()
        for article_id in dict.fromkeys(r[1] for r in rows):
            if article_id not in names_in:
                text = store.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
                names_in[article_id] = _given_names(text)
            given |= names_in[article_id].get(own.surname, set())
        if len(given) < 2:
            continue  # the articles name at most one first name with this surname: nothing merged
        # group the speaker's quotes by the full name each article's engine gives them
        groups: list[tuple[NameForm, str, list[tuple[int, int, str]]]] = []
        for qid, article_id, start, end, status in rows:
            form = engine.name_for(article_id, start, end, own.surname)
            if form is None:
                continue
            shown = _name_in_text(engine.text(article_id), form) or " ".join(w.capitalize() for w in form.key.split())
            for g_form, _shown, members in groups:
                if g_form.same_full_name(form):
                    members.append((qid, article_id, status))
                    break
            else:
                groups.append((form, shown, [(qid, article_id, status)]))
        if len(groups) < 2:
            continue
        keep = next((g for g in groups if own.is_full and g[0].same_full_name(own)), None)
        if keep is None:
            keep = max(groups, key=lambda g: len(g[2]))
        for form, shown, members in groups:
            if form is keep[0]:
                continue
            movable = [(qid, aid) for qid, aid, status in members if status not in ANALYST_STATUSES]
            if not movable:
                continue
            new_id = create_speaker(store, shown, kind="person")
            for qid, _aid in movable:
                pos = store.execute("SELECT position FROM quote_speakers WHERE quote_id = ? AND speaker_id = ?",
                                    (qid, sid)).fetchone()[0]
                store.execute("DELETE FROM quote_speakers WHERE quote_id = ? AND speaker_id = ?", (qid, sid))
                store.execute("INSERT INTO quote_speakers (quote_id, speaker_id, position) VALUES (?, ?, ?)",
                              (qid, new_id, pos))
            key = alias_key(shown)
            store.execute("UPDATE speaker_aliases SET speaker_id = ? WHERE key = ? AND speaker_id = ?",
                          (new_id, key, sid))
            store.execute("INSERT OR IGNORE INTO speaker_aliases (key, alias, speaker_id) VALUES (?, ?, ?)",
                          (key, shown, new_id))
            articles = sorted({aid for _q, aid in movable})
            record = {"speaker_id": new_id, "from_id": sid, "from_name": name, "name": shown,
                      "quotes": [q for q, _a in movable], "articles": articles}
            reason = (f"upgrade 0012 split {len(movable)} quote(s) off {name!r}: "
                      f"{len(articles)} article(s) name this speaker {shown!r}")
            suggest(store, new_id, sid, reason, kind="repair", detail=json.dumps(record))
            done.append(record)
    report("Checking speakers merged by surname", len(speakers), len(speakers))
    return done


def _name_in_text(text: str, form: NameForm) -> str:
    """The full name as the article writes it ("José Núñez"), found by its folded key."""
    from quotedesk.core.identity.names import tokens

    want = form.given[0]
    for m in re.finditer(r"\b([A-Z][\w'’-]+)\s+(?:[A-Z]\.\s+)?([A-Z][\w'’-]+)", text):
        words = tokens(m.group(0))
        if words and words[0] == want and words[-1] == form.surname:
            return " ".join(m.group(0).split())
    return ""


def drop_capturing_aliases(store: Store) -> int:
    """Remove aliases that could capture someone else's quotes: generic nouns and role words
    ("union", "the ministry", "officials") that are not the speaker's own name, and a bare
    surname that is now the surname of two or more named people (after the repair); returns
    how many were removed. Aliases only steer names the analyst types."""
    from quotedesk.core.identity.names import is_generic, parse_name

    surnames: dict[str, set[int]] = defaultdict(set)
    for sid, name in store.execute("SELECT id, name FROM speakers WHERE kind IN ('person', 'unknown')"):
        form = parse_name(name)
        if form.is_full:
            surnames[form.surname].add(sid)
    gone = []
    for key, alias, sid, name in store.execute(
            "SELECT a.key, a.alias, a.speaker_id, s.name FROM speaker_aliases a JOIN speakers s "
            "ON s.id = a.speaker_id").fetchall():
        if key == alias_key(name):
            continue
        if is_generic(alias) or (len(key.split()) == 1 and len(surnames.get(key, ())) > 1):
            gone.append(key)
    for key in gone:
        store.execute("DELETE FROM speaker_aliases WHERE key = ?", (key,))
    return len(gone)


def backfill_forms(store: Store) -> int:
    """A ``speaker_forms`` row per stored speaker and article it speaks in, with the article's
    evidence (role, organisation, honorific); returns the number of rows written."""
    from quotedesk.core.store.speakers import add_form

    n = 0
    by_article: dict[int, list[tuple]] = defaultdict(list)
    for row in store.execute(
            'SELECT q.article_id, q.start, q."end", q.text, q.mention_start, q.mention_end, s.id, s.name, s.kind '
            "FROM quote_speakers qs JOIN quotes q ON q.id = qs.quote_id JOIN speakers s ON s.id = qs.speaker_id "
            "ORDER BY q.article_id, q.start"):
        by_article[row[0]].append(row[1:])
    for i, (article_id, rows) in enumerate(by_article.items()):
        report("Recording each article's name forms", i, len(by_article))
        text, outlet, date = store.execute("SELECT text, outlet, date FROM articles WHERE id = ?",
                                           (article_id,)).fetchone()
        quotes = []
        for start, end, qtext, m_start, m_end, _sid, sname, skind in rows:
            span = Span(m_start, m_end) if m_start is not None and m_end is not None and m_start <= m_end else None
            quotes.append(ExtractedQuote(start, end, qtext, speakers=(sname,), mention_span=span, speaker_kind=skind))
        found = article_speakers(text, quotes, outlet=outlet, date=date).by_name()
        for sid, sname, skind in dict.fromkeys((r[5], r[6], r[7]) for r in rows):
            add_form(store, sid, sname, kind=skind, article_id=article_id, sp=found.get(sname))
            n += 1
    report("Recording each article's name forms", len(by_article), len(by_article))
    return n
