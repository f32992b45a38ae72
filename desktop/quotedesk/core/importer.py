"""Importing articles: read (ingest) → find quotes (attribution) → store, one transaction each.

Progress and cancellation are arguments (``progress(fraction)``, ``cancelled() -> bool``), so the
GUI can run :func:`import_paths` in a worker thread and the CLI can print a counter. Cancel is
looked at between articles and inside one (before and after its quotes are found, and every few
dozen quotes while they are stored): every article is either stored whole or not at all.
"""
from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from quotedesk.core.model import ArticleDraft
from quotedesk.core.store.articles import ImportCancelled, add_article
from quotedesk.core.store.db import Store

Progress = Callable[[float], None]
Cancelled = Callable[[], bool]


@dataclass
class ImportReport:
    """What an import did, file by file."""

    added: list[tuple[str, int, int]] = field(default_factory=list)  # (name, article id, quotes)
    duplicates: list[tuple[str, int]] = field(default_factory=list)  # (name, existing article id)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)
    #: (name, warning): imported, but the reader knows it did not keep everything (kept on the
    #: article in ``import_warnings`` too)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    cancelled: bool = False
    stopped: str | None = None  # why the batch stopped before its end (the disk is full)

    @property
    def article_ids(self) -> list[int]:
        return [a for _, a, _ in self.added] + [a for _, a in self.duplicates]

    def summary(self) -> str:
        parts = [f"{len(self.added)} imported"]
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} already in the library")
        if self.failed:
            parts.append(f"{len(self.failed)} failed")
        if self.warnings:
            parts.append(f"{len({n for n, _ in self.warnings})} imported with warnings")
        if self.cancelled:
            parts.append("cancelled")
        if self.stopped:
            parts.append("stopped: the disk is full")
        return ", ".join(parts)


def import_draft(store: Store, draft: ArticleDraft, *,
                 cancelled: Cancelled | None = None, quotes: list | None = None) -> tuple[int, bool, int]:
    """Find the quotes of one article and store both; returns (article id, created, quotes).

    ``quotes``: the article's quotes when already found (``extract_quotes(draft.text)``).
    Raises :class:`~quotedesk.core.store.articles.ImportCancelled` (nothing stored) when
    ``cancelled()`` says so before, after or while the quotes are found and stored."""
    from quotedesk.core.attribution import extract_quotes
    from quotedesk.core.store.articles import find_by_text

    existing = find_by_text(store, draft.text)
    if existing is not None:
        return existing, False, 0
    if cancelled is not None and cancelled():
        raise ImportCancelled(draft.source_path or draft.title)
    if quotes is None:
        quotes = extract_quotes(draft.text)
    if cancelled is not None and cancelled():
        raise ImportCancelled(draft.source_path or draft.title)
    article_id, created = add_article(store, draft, quotes, cancelled=cancelled)
    return article_id, created, len(quotes) if created else 0


def expand_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to read (folders expanded recursively to supported files) and inputs that do not
    exist, with the reason."""
    from quotedesk.core.ingest import BATCH_SUFFIXES, SUPPORTED_SUFFIXES, iter_paths

    files: list[Path] = []
    missing: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(iter_paths([path], suffixes=SUPPORTED_SUFFIXES + BATCH_SUFFIXES, outside=missing))
        elif path.exists():
            files.append(path)
        else:
            missing.append((str(path), f"{path}: no such file or folder"))
    return files, missing


def _drafts(path: Path):
    """Yield (name, draft-or-error-message) for every article in one file (a .jsonl holds many)."""
    from quotedesk.core.ingest import IngestError, read_jsonl, read_path
    from quotedesk.core.ingest.files import path_text

    name = path_text(path.name)  # a name that is not UTF-8 is shown by its bytes, never refused
    try:
        if path.suffix.lower() == ".jsonl":
            for item in read_jsonl(path):
                if isinstance(item, IngestError):
                    yield name, str(item)
                else:
                    yield f"{name}:{item.extra.get('id', '')}", item
        else:
            yield name, read_path(path)
    except IngestError as exc:
        yield name, str(exc)


_pools: dict = {}
_pools_lock = threading.Lock()


def _thread(name: str):
    """The one thread of ``name`` an import hands work to while it matches (made on first use):
    ``encode`` encodes the quotes, ``search`` searches their nearest statements, ``lexical``
    reads the statements' full-text index."""
    with _pools_lock:
        if name not in _pools:
            from concurrent.futures import ThreadPoolExecutor

            _pools[name] = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"quotedesk-{name}")
        return _pools[name]


#: Terms whose document frequency a :class:`MatchSession` keeps at most (~100 bytes each).
_DF_TERMS = 200_000


class MatchSession:
    """What an import keeps from one article's matching to the next: the exact search over the
    statement vectors (:class:`semantic.ExactSearch`, its float32 copy made once, 30 MB at 19,250
    statements), for as long as the vectors do not change (``vectors.state``), and a read-only
    connection of the ``lexical`` thread to the database file, on which the full-text
    indexes are read for the next quotes (``service.lexical_stage``) while the import ranks the
    current one, and the document frequencies of the candidates' terms (:meth:`df_cache`). It
    lives as long as the import (:meth:`close`); one article matched alone makes its own."""

    def __init__(self, path: Path | None = None):
        self._df: tuple | None = None  # (data_version, DfCache)
        self._exact: tuple | None = None  # (vector_state, ExactSearch or None)
        self._changes = -1  # the connection's total_changes when the state was read
        self._path = Path(path) if path else None  # None: an in-memory database, no reader
        self._reader: sqlite3.Connection | None = None
        #: quote text -> (encoding future, (MatchSession.exact, search future, place) or None)
        self._ahead: dict[str, tuple] = {}

    def encode_ahead(self, store: Store, texts: list[str]) -> None:
        """Start encoding the quotes of the next article (found, not stored yet) and searching
        their nearest statements, all in one product, while the current article is matched."""
        from quotedesk.core.matching.service import DEFAULT_OPTIONS, encode_query

        texts = list(dict.fromkeys(texts))
        futures = [_thread("encode").submit(encode_query, t) for t in texts]
        now = self.exact(store)
        job = None
        if now[1] is not None and futures:
            # queued on the search thread only once they are all encoded, so that it never
            # waits there in front of the current article's searches
            job = Future()
            futures[-1].add_done_callback(lambda _: _chain(job, _thread("search").submit(
                _search, now[1], futures, DEFAULT_OPTIONS.dense_k)))
        self._ahead = {t: (f, (now, job, p) if job is not None else None)
                       for p, (t, f) in enumerate(zip(texts, futures))}

    def take_ahead(self) -> dict[str, tuple]:
        """What :meth:`encode_ahead` started (then forgotten here)."""
        ahead, self._ahead = self._ahead, {}
        return ahead

    def exact(self, store: Store, *, own_writes_only: bool = False) -> tuple:
        """``(vector state, ExactSearch or None)`` of the statement vectors as they are now
        (None: the index searches by cells, each query on its own).

        ``own_writes_only``: the state is read again only if ``store``'s connection wrote since
        the last read (vectors kept on the fly: ``total_changes``, no query), not for what
        other connections may have written; an article's quotes after its first ask so, each
        read being one more call into SQLite that lets the other threads take the GIL."""
        from quotedesk.core.matching import semantic
        from quotedesk.core.matching.vectors import state

        changes = store.conn.total_changes
        if own_writes_only and self._exact is not None and changes == self._changes:
            return self._exact
        now = state(store.conn)  # statement vectors kept on the fly move it
        self._changes = changes
        if self._exact is None or self._exact[0] != now:
            self._exact = (now, semantic.ExactSearch.of(store))
        return self._exact

    def df_cache(self, store: Store):
        """The document frequencies of terms already read on ``store``'s connection
        (:class:`candidates.DfCache`), kept from article to article while no other connection
        commits (``PRAGMA data_version``: statements imported or edited elsewhere would change
        them; this connection only adds articles, quotes, matches and vectors), and while it
        holds fewer than ``_DF_TERMS`` terms."""
        from quotedesk.core.matching.candidates import DfCache

        version = store.conn.execute("PRAGMA data_version").fetchone()[0]
        if self._df is None or self._df[0] != version or len(self._df[1]) > _DF_TERMS:
            self._df = (version, DfCache(store.conn))
        return self._df[1]

    @property
    def can_read_ahead(self) -> bool:
        return self._path is not None

    def lexical_stage(self, text: str, speaker: str | None, quote_id: int):
        """On the lexical thread: ``service.lexical_stage`` of one quote, on its connection."""
        from quotedesk.core.matching.service import lexical_stage
        from quotedesk.core.store.db import BUSY_TIMEOUT_MS

        if self._reader is None:
            self._reader = sqlite3.connect(f"{self._path.as_uri()}?mode=ro", uri=True,
                                           isolation_level=None, check_same_thread=False)
            self._reader.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return lexical_stage(self._reader, text, speaker=speaker, exclude_quote_id=quote_id)

    def close(self) -> None:
        """Close the reader, on its thread once the work queued there is done."""
        if self.can_read_ahead:
            _thread("lexical").submit(self._close_reader)

    def _close_reader(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None


def _chain(outer: Future, inner: Future) -> None:
    """``outer`` gets the outcome of ``inner`` once it has one."""
    def copy(f: Future) -> None:
        if f.cancelled():
            outer.cancel()
        elif f.exception() is not None:
            outer.set_exception(f.exception())
        else:
            outer.set_result(f.result())
    inner.add_done_callback(copy)


def _search(search, futures: list, k: int) -> list:
    """On the search thread: the ``k`` nearest statements of the vectors ``futures`` give, in one
    product (it waits for the encoder thread if one is not ready yet)."""
    return search.nearest([f.result() for f in futures], k)


def match_article(store: Store, article_id: int, *, top: int = 5, vectors: bool = True,
                  session: MatchSession | None = None, next_quotes: list[str] | None = None) -> int:
    """Match every quote of a newly stored article against everything said before and keep the
    suggestions in ``matches``; returns how many quotes found at least one earlier statement.

    Each quote is encoded once, alone, as the Matches panel encodes it: that vector is both its
    query and what it joins the semantic index with. Other threads do the work that runs without
    the GIL while this one ranks (Python): one encodes the quotes (onnxruntime), one searches
    their nearest statements (NumPy's products), one reads the full-text indexes for them
    (SQLite, on a read-only connection of its own: ``service.lexical_stage``; not for an
    in-memory database). ``next_quotes``: the quote texts of the article to be matched next
    (found, not stored yet), encoded and searched meanwhile (:meth:`MatchSession.encode_ahead`),
    so that an article's quotes are searched in one product. A quote that comes up not searched
    yet is searched together with the next ones encoded by then (a product over the statement
    vectors widened once per import, :class:`MatchSession`); above ``vectors.IVF_MIN`` each
    quote searches its own cells as the panel does, on this thread. A search made before
    statement vectors were kept on the fly is made again (those kept by another connection,
    such as the window's, count from the article's first quote or the next article on). The quotes' vectors and matches are
    saved together, in one short transaction after all its quotes are matched (the write lock is
    not held while matching, so the window's own edits do not wait): a kill meanwhile loses this
    article's suggestions only, and a re-match finds them."""
    own_session = session is None
    session = session or MatchSession(store.path)
    try:
        return _match_article(store, article_id, top, vectors, session, next_quotes or [])
    finally:
        if own_session:
            session.close()


def _match_article(store: Store, article_id: int, top: int, vectors: bool,
                   session: MatchSession, next_quotes: list[str]) -> int:
    from quotedesk.core.matching import match_quote, semantic
    from quotedesk.core.matching.service import DEFAULT_OPTIONS, article_contexts, encode_query

    k = DEFAULT_OPTIONS.dense_k
    contexts = article_contexts(store, article_id)  # read once for all its quotes
    rows = [(qid, c.text) for qid, c in contexts]
    ids = [r[0] for r in rows]
    futures = []
    searches: dict[int, tuple] = {}  # quote index -> (MatchSession.exact, search future, place)
    ahead = session.take_ahead()
    if ids and vectors and semantic.can_index(store.conn):
        for n, (_, text) in enumerate(rows):
            if text in ahead:  # encoded (and searched) while the article before was matched
                futures.append(ahead[text][0])
                if ahead[text][1] is not None:
                    searches[n] = ahead[text][1]
            else:
                futures.append(_thread("encode").submit(encode_query, text))
        if next_quotes:
            session.encode_ahead(store, next_quotes)
    lexical = []
    if ids and session.can_read_ahead:
        lexical = [_thread("lexical").submit(session.lexical_stage, c.text, c.speaker, qid)
                   for qid, c in contexts]
    found = []
    df_cache = session.df_cache(store)  # the candidates' terms, each read once
    try:
        for n, quote_id in enumerate(ids):
            vec = near = None
            if futures:
                vec = futures[n].result
                now = session.exact(store, own_writes_only=n > 0)
                if now[1] is not None:
                    if searches.get(n, (None,))[0] is not now:
                        # this quote and the next ones encoded by now, searched together
                        ready = [n]
                        while (ready[-1] + 1 < len(ids) and futures[ready[-1] + 1].done()
                               and searches.get(ready[-1] + 1, (None,))[0] is not now):
                            ready.append(ready[-1] + 1)
                        job = _thread("search").submit(_search, now[1], [futures[j] for j in ready], k)
                        searches.update((j, (now, job, p)) for p, j in enumerate(ready))
                    _, job, p = searches[n]
                    near = (lambda job=job, p=p: job.result()[p])
            try:
                found.append((quote_id, match_quote(
                    store, quote_id, top=top, query_vector=vec, near=near,
                    lexical=lexical[n].result if lexical else None, context=contexts[n][1],
                    df_cache=df_cache)))
            except KeyError:  # deleted meanwhile (the analyst works on during the import)
                continue
    finally:
        for f in futures + lexical:
            f.cancel()
    vecs = {q: f.result() for q, f in zip(ids, futures) if f.done() and not f.cancelled()}
    save_article_matches(store, found, vecs)
    return sum(bool(m) for _, m in found)


def save_article_matches(store: Store, found: list, vecs: dict | None = None) -> None:
    """``[(quote id, matches)]`` of one article, and its quotes' vectors (``vecs``: quote id ->
    vector), saved in one transaction (one commit)."""
    import json

    from quotedesk.core.matching import save_matches, semantic

    with store.transaction() as conn:
        if vecs:
            semantic.index_quotes(store, list(vecs), given=vecs)
        alive = {r[0] for r in conn.execute("SELECT id FROM quotes WHERE id IN (SELECT value FROM "
                                            "json_each(?))", (json.dumps([q for q, _ in found]),))}
        for quote_id, matches in found:
            if quote_id in alive:  # a quote deleted while the article was matched has no matches
                save_matches(store, quote_id, matches)


_FILE_START, _FILE_END = object(), object()


def _stream(targets: list[Path]):
    """``(file index, name, draft or error message)`` of every article of ``targets`` in order,
    each file's between ``(i, None, _FILE_START)`` and ``(i, None, _FILE_END)``."""
    for i, path in enumerate(targets):
        yield i, None, _FILE_START
        for name, item in _drafts(path):
            yield i, name, item
        yield i, None, _FILE_END


class _Lookahead:
    """An iterator that can also tell the next article to come (files are read one ahead)."""

    def __init__(self, items):
        self._items, self._buffer = iter(items), []

    def __iter__(self):
        return self

    def __next__(self):
        return self._buffer.pop(0) if self._buffer else next(self._items)

    def next_article(self):
        """The next ``(file index, name, item)`` that is an article (not a file boundary), or
        None at the end; it is still to come."""
        for entry in self._buffer:
            if entry[1] is not None:
                return entry
        for entry in self._items:
            self._buffer.append(entry)
            if entry[1] is not None:
                return entry
        return None


def _quotes_ahead(stream: _Lookahead, found: dict) -> list | None:
    """The quotes of the next article when it can be read and analysed now, also kept in
    ``found`` (its draft's id -> quotes); else None: they are found, or the error reported, when
    its turn comes."""
    from quotedesk.core.attribution import extract_quotes

    entry = stream.next_article()
    if entry is None or not isinstance(entry[2], ArticleDraft):
        return None
    try:
        quotes = extract_quotes(entry[2].text)
    except Exception:  # noqa: BLE001 - reported in its turn, against its own name
        return None
    found[id(entry[2])] = quotes
    return quotes


def import_paths(store: Store, paths: Iterable[str | Path], *, progress: Progress | None = None,
                 cancelled: Cancelled | None = None,
                 on_item: Callable[[str, str], None] | None = None, match: bool = False,
                 vectors: bool = True) -> ImportReport:
    """Import files and folders (recursively). Missing or unreadable inputs are reported, never
    raised; each stored article is one transaction. ``on_item(name, outcome)`` is told each result.
    With ``match``, each new article's quotes are matched against earlier statements as it lands;
    the next article is read and its quotes found before, so that they are encoded meanwhile."""
    from quotedesk.core.ingest import IngestError
    from quotedesk.core.store.db import DiskFullError, StoreBusyError

    report = ImportReport()
    targets, missing = expand_inputs(paths)
    for name, reason in missing:
        report.failed.append((name, reason))
        if on_item:
            on_item(name, reason)
    total = max(len(targets), 1)
    session = MatchSession(store.path) if match else None
    stream = _Lookahead(_stream(targets))
    quotes_found: dict[int, list] = {}  # id of a draft still to come -> its quotes, found ahead
    try:
        for i, name, item in stream:
            if item is _FILE_START:
                if cancelled is not None and cancelled():
                    report.cancelled = True
                    break
                continue
            if item is _FILE_END:
                if progress is not None:
                    progress((i + 1) / total)
                continue
            if isinstance(item, str):
                report.failed.append((name, item))
                outcome = item
            else:
                try:
                    article_id, created, n = import_draft(
                        store, item, cancelled=cancelled, quotes=quotes_found.pop(id(item), None))
                except ImportCancelled:
                    report.cancelled = True
                    if on_item:
                        on_item(name, "cancelled, not imported")
                    break
                except IngestError as exc:
                    report.failed.append((name, str(exc)))
                    outcome = str(exc)
                except StoreBusyError as exc:  # another program held the lock past the timeout
                    report.failed.append((name, f"not imported: {exc}"))
                    outcome = f"not imported: {exc}"
                except DiskFullError as exc:  # every later article would fail too: stop here
                    report.stopped = str(exc)
                    report.failed.append((name, "not imported: the disk is full"))
                    if on_item:
                        on_item(name, "not imported: the disk is full")
                    break
                except (ValueError, RecursionError, sqlite3.Error) as exc:
                    # one bad record (text that is not valid Unicode, such as a lone surrogate
                    # from a JSON escape) never aborts the batch; the transaction rolled back
                    reason = (f"{name}: not imported ({type(exc).__name__}: {str(exc)[:200]}); "
                              "fix this record and import it again")
                    report.failed.append((name, reason))
                    outcome = reason
                else:
                    if created:
                        report.added.append((name, article_id, n))
                        outcome = f"imported, {n} quotes"
                        for warning in item.extra.get("warnings") or ():
                            report.warnings.append((name, warning))
                            outcome += f"; warning: {warning}"
                        if match and n:
                            ahead = _quotes_ahead(stream, quotes_found) if vectors else None
                            try:
                                found = match_article(
                                    store, article_id, vectors=vectors, session=session,
                                    next_quotes=[q.text for q in ahead] if ahead else None)
                                outcome += f", {found} said before"
                            except DiskFullError as exc:  # the article is kept, unmatched
                                report.stopped = str(exc)
                                outcome += ", not matched: the disk is full"
                    else:
                        report.duplicates.append((name, article_id))
                        outcome = "already in the library"
            if on_item:
                on_item(name, outcome)
            if report.stopped:
                break
            if cancelled is not None and cancelled():
                report.cancelled = True
                break
    finally:
        if session is not None:
            session.close()
    return report


def import_seeds(store: Store) -> ImportReport:
    """Import the bundled sample articles (first run). Lexical matching only, so that the first
    start does not wait for the sentence model; the app computes the vectors in the background."""
    from quotedesk.core.paths import seeds_dir

    folder = seeds_dir()
    return (import_paths(store, [folder], match=True, vectors=False) if folder.is_dir()
            else ImportReport())
