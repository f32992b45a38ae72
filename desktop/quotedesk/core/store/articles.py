"""Articles: storing an imported article with its quotes, listing and filtering the library."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Callable, Iterable

from quotedesk.core.model import ArticleDraft, ExtractedQuote
from quotedesk.core.store.db import Store, add_date_range, like_contains
from quotedesk.core.store.quotes import fts_phrase_query, insert_extracted
from quotedesk.core.store.speakers import persist_article_speakers


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: int
    title: str
    outlet: str
    date: str | None
    url: str | None
    n_quotes: int


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def find_by_text(store: Store, text: str) -> int | None:
    row = store.execute("SELECT id FROM articles WHERE sha256 = ?", (text_sha256(text),)).fetchone()
    return row[0] if row else None


class ImportCancelled(Exception):
    """The user cancelled while an article was being stored; nothing of it was kept."""


#: How many quotes are stored between two looks at the cancel callback.
CANCEL_EVERY = 64


def add_article(store: Store, draft: ArticleDraft, quotes: Iterable[ExtractedQuote], *,
                cancelled: Callable[[], bool] | None = None) -> tuple[int, bool]:
    """Store an article and its extracted quotes in one transaction, in time linear in both.

    Speaker identity is decided by ``quotedesk.core.identity`` (through
    ``speakers.persist_article_speakers``): nothing already stored is renamed or moved.
    Returns ``(article_id, created)``; an article whose text is already stored is not
    duplicated (``created`` is False and nothing is written). ``cancelled()`` is polled every
    ``CANCEL_EVERY`` quotes: when it says yes the transaction is rolled back (nothing of the
    article is kept) and :class:`ImportCancelled` is raised. ``draft.extra["warnings"]`` (what
    the reader left out) is kept in ``import_warnings``, one line each.

    The article is listed in ``article_import_pending`` while its quotes go in, so the quote
    count trigger does not rewrite the article row once per quote (migration 0008); the count is
    set once at the end.
    """
    digest = text_sha256(draft.text)
    warnings = "\n".join(draft.extra.get("warnings") or ()) or None
    with store.transaction():
        row = store.execute("SELECT id FROM articles WHERE sha256 = ?", (digest,)).fetchone()
        if row:
            return row[0], False
        cur = store.execute(
            "INSERT INTO articles (title, outlet, date, url, source_path, format, sha256, text, "
            "import_warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (draft.title or "", draft.outlet or "", draft.date, draft.url, draft.source_path,
             draft.fmt, digest, draft.text, warnings),
        )
        article_id = cur.lastrowid
        store.execute("INSERT INTO article_import_pending (article_id) VALUES (?)", (article_id,))
        quotes = list(quotes)
        n = 0
        for n, (quote, speaker_ids) in enumerate(
                zip(quotes, persist_article_speakers(store, article_id, draft, quotes)), start=1):
            if cancelled is not None and n % CANCEL_EVERY == 0 and cancelled():
                raise ImportCancelled(draft.source_path or draft.title)
            insert_extracted(store, article_id, quote, speaker_ids=speaker_ids)
        store.execute("DELETE FROM article_import_pending WHERE article_id = ?", (article_id,))
        store.execute("UPDATE articles SET n_quotes = n_quotes + ? WHERE id = ?", (n, article_id))
    return article_id, True


def article_titles(store: Store, article_ids) -> dict[int, str]:
    """Titles of many articles in one query (without loading their text)."""
    ids = list(dict.fromkeys(article_ids))
    out: dict[int, str] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        out.update(store.execute(f"SELECT id, title FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                                 chunk).fetchall())
    return out


def get_article(store: Store, article_id: int) -> dict | None:
    rows = store.query("SELECT * FROM articles WHERE id = ?", (article_id,))
    return rows[0] if rows else None


_SORTS = {"date": "a.date", "title": "a.title COLLATE NOCASE", "outlet": "a.outlet COLLATE NOCASE",
          "quotes": "a.n_quotes", "id": "a.id"}


def _filters(search, outlet, date_from, date_to, speaker_id, review) -> tuple[str, list]:
    where, params = [], []
    if search and search.strip():
        query = fts_phrase_query(search)
        if query is None:
            where.append("0")
        else:
            where.append("(a.title LIKE ? ESCAPE '\\' OR a.id IN (SELECT q.article_id FROM quotes q WHERE q.id IN "
                         "(SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)))")
            params += [like_contains(search.strip()), query]
    if outlet:
        where.append("a.outlet = ?")
        params.append(outlet)
    add_date_range(where, params, date_from, date_to)
    if speaker_id is not None:
        where.append("a.id IN (SELECT q.article_id FROM quotes q JOIN quote_speakers qs ON qs.quote_id = q.id "
                     "WHERE qs.speaker_id = ?)")
        params.append(speaker_id)
    if review == "unreviewed":
        where.append("a.id IN (SELECT article_id FROM quotes WHERE status = 'auto')")
    elif review == "reviewed":
        where.append("a.id NOT IN (SELECT article_id FROM quotes WHERE status = 'auto')")
    return ("WHERE " + " AND ".join(where)) if where else "", params


def list_articles(store: Store, *, offset: int = 0, limit: int = 200, sort: str = "date",
                  descending: bool = True, search: str | None = None, outlet: str | None = None,
                  date_from: str | None = None, date_to: str | None = None,
                  speaker_id: int | None = None, review: str | None = None) -> list[ArticleRow]:
    """One page of the library, sorted and filtered (never loads the whole table)."""
    where, params = _filters(search, outlet, date_from, date_to, speaker_id, review)
    direction = " DESC" if descending else " ASC"
    order = _SORTS.get(sort, "a.date") + direction + ", a.id" + direction
    # the page's ids first (index only), then their columns: OFFSET never reads skipped rows
    sql = (f"SELECT a.id, a.title, a.outlet, a.date, a.url, a.n_quotes FROM "
           f"(SELECT a.id FROM articles a {where} ORDER BY {order} LIMIT ? OFFSET ?) AS page "
           f"JOIN articles a ON a.id = page.id ORDER BY {order}")
    return [ArticleRow(*r) for r in store.execute(sql, (*params, limit, offset))]


def count_articles(store: Store, *, search: str | None = None, outlet: str | None = None,
                   date_from: str | None = None, date_to: str | None = None,
                   speaker_id: int | None = None, review: str | None = None) -> int:
    where, params = _filters(search, outlet, date_from, date_to, speaker_id, review)
    return store.execute(f"SELECT count(*) FROM articles a {where}", params).fetchone()[0]


def outlets(store: Store) -> list[str]:
    return [r[0] for r in store.execute(
        "SELECT DISTINCT outlet FROM articles WHERE outlet <> '' ORDER BY outlet COLLATE NOCASE")]
