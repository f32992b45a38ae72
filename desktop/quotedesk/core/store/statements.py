"""Importing statements recorded elsewhere (JSONL or CSV) into the statement memory.

Fields: ``id`` and ``text`` required; ``speaker``, ``date``, ``source``, ``title``, ``url``
optional (other fields are ignored). Bad rows are reported with their line numbers and the good
ones kept. Re-importing an id updates the row when something changed and skips it otherwise.

Speed: rows go in by batches, one transaction per batch, with the full-text index written by
``executemany`` (no per-row triggers); a big import's index is optimised once at the end.

Consistency: each batch updates the term document-frequency table (``statement_terms``, which
matching weighs terms by) in the same transaction as its rows, so a batch is there whole or not at
all, whatever stops the import (cancel, Ctrl+C, SIGKILL, a full disk). It was once refreshed only at
the end of a big import, and a killed import left it empty or stale: :func:`repair_terms` (run on
open) rebuilds it when it is empty while statements exist.

Threading: call from one thread with its own :class:`~quotedesk.core.store.db.Store`.
"""
from __future__ import annotations

import csv
import io
from collections import Counter
import json
import re
import os
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Callable, Iterable, Iterator

from quotedesk.core.matching.text import analysed, canonical_hash, speaker_key
from quotedesk.core.store.csv_records import csv_records
from quotedesk.core.store.db import Store

FIELDS = ("id", "text", "speaker", "date", "source", "title", "url")
OPTIONAL = FIELDS[2:]
BATCH_SIZE = 20_000
#: Above this many rows an import ends with an FTS ``optimize`` (merges index segments).
OPTIMIZE_AFTER = 20_000


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    cancelled: bool = False
    #: sentence vectors computed after the rows went in (``quotedesk.core.matching.semantic``)
    vectors: int = 0

    @property
    def kept(self) -> int:
        return self.added + self.updated + self.unchanged


class ImportFormatError(ValueError):
    """The file as a whole cannot be read (unknown extension, CSV without the needed columns)."""


# --- reading -------------------------------------------------------------------------------------

def _clean(line_no: int, obj) -> tuple[dict | None, str | None]:
    if not isinstance(obj, dict):
        return None, "not an object"
    sid = obj.get("id")
    if isinstance(sid, bool) or sid is None or (isinstance(sid, str) and not sid.strip()):
        return None, "missing id"
    if not isinstance(sid, (str, int)):
        return None, "id must be a string or an integer"
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return None, "missing or empty text"
    row = {"id": str(sid).strip(), "text": text}
    for key in OPTIONAL:
        v = obj.get(key)
        if v is None or v == "":
            row[key] = None
        elif isinstance(v, (str, int, float)) and not isinstance(v, bool):
            row[key] = str(v)
        elif key == "speaker" and isinstance(v, list) and all(isinstance(x, str) for x in v):
            row[key] = " & ".join(v)  # joint statement
        else:
            return None, f"field {key!r} must be text"
    return row, None


def _text_encoding(head: bytes) -> str:
    """The encoding a byte order mark announces (spreadsheets save "Unicode text" as UTF-16);
    UTF-8 (with or without its mark) otherwise."""
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return "utf-8-sig"


_UNDECODED = re.compile("[\udc80-\udcff]")
#: Characters one CSV field may hold (a statement, or a whole speech pasted as one).
CSV_FIELD_LIMIT = 64 * 1024 * 1024


def _encoding_name(encoding: str) -> str:
    return encoding.upper().replace("-SIG", "")


def read_rows(path: Path, *, fmt: str | None = None) -> Iterator[tuple[int, int, dict | None, str | None]]:
    """Yield ``(line_no, bytes_read, row or None, error or None)`` for every record of the file."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt in ("jsonl", "ndjson", "json"):
        with open(path, "rb") as f:
            pos = 0
            for n, raw in enumerate(f, start=1):
                pos += len(raw)
                if not raw.strip():
                    continue
                try:
                    obj = json.loads(raw)
                except RecursionError:
                    yield n, pos, None, "JSON nested too deeply (more levels than a statement has)"
                    continue
                except (ValueError, UnicodeDecodeError) as exc:
                    yield n, pos, None, f"not valid JSON ({str(exc)[:200]})"
                    continue
                row, err = _clean(n, obj)
                yield n, pos, row, err
    elif fmt in ("csv", "tsv"):
        with open(path, "rb") as fb:
            encoding = _text_encoding(fb.read(4))
            fb.seek(0)
            # bytes that are not text in that encoding become U+DC80-U+DCFF: their row is reported
            text = io.TextIOWrapper(fb, encoding=encoding, errors="surrogateescape", newline="")
            # the csv module's default field limit (131,072 characters) stops the whole file at the
            # first long statement: a field may be as long as the largest text an article may be
            csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
            records = csv_records(text, delimiter="\t" if fmt == "tsv" else ",")
            try:
                _, header, _ = next(records)
            except StopIteration:
                header = []
            except csv.Error as exc:
                raise ImportFormatError(f"{path.name}: unreadable CSV header ({exc})") from None
            names = [(h or "").strip().lower() for h in header]
            if "id" not in names or "text" not in names:
                raise ImportFormatError(f"{path.name}: the header must name the columns id and text "
                                        f"(found: {', '.join(names) or 'nothing'})")
            line = 1
            try:
                for line, values, error in records:
                    if error is not None:
                        yield line, fb.tell(), None, error
                        continue
                    if len(values) > len(names):
                        yield line, fb.tell(), None, "more values than columns"
                        continue
                    rec = dict(zip(names, values + [None] * (len(names) - len(values))))
                    bad = next((v for v in rec.values() if isinstance(v, str)
                                and _UNDECODED.search(v)), None)
                    if bad is not None:
                        byte = ord(_UNDECODED.search(bad).group()) - 0xDC00
                        yield (line, fb.tell(), None,
                               f"not {_encoding_name(encoding)} text (byte 0x{byte:02X}); save the "
                               "file as UTF-8 and import it again")
                        continue
                    row, err = _clean(line, rec)
                    yield line, fb.tell(), row, err
            except csv.Error as exc:
                yield line, fb.tell(), None, f"unreadable CSV ({exc}); the rest was skipped"
    else:
        raise ImportFormatError(f"{path.name}: expected a .jsonl or .csv file")


# --- writing -------------------------------------------------------------------------------------

_COLS = ("ext_id", "text", "speaker", "speaker_key", "date", "source", "title", "url",
         "canonical_hash")


def _prepare(row: dict) -> tuple:
    return (row["id"], row["text"], row["speaker"], speaker_key(row["speaker"]), row["date"],
            row["source"], row["title"], row["url"], canonical_hash(row["text"]))


#: Speaker-scoped index (migration 0005): tokens ``<speaker key>_<term>`` ('_' joins them).
#: No positions and no document sizes: it is only asked which statements hold a token (unranked),
#: which keeps it small and quick to write.
SPEAKER_FTS_SQL = ("CREATE VIRTUAL TABLE statement_speaker_fts USING fts5(terms, content='', "
                   "detail=none, columnsize=0, "
                   "tokenize=\"unicode61 remove_diacritics 0 tokenchars '_'\")")


def speaker_tokens(key: str, analysed_text: str) -> str:
    """The speaker-scoped index's document for a statement: its distinct terms, keyed."""
    return " ".join(f"{key}_{t}" for t in dict.fromkeys(analysed_text.split()))


def speaker_fts_rows(rows) -> list[tuple[int, str]]:
    """``(rowid, tokens)`` of the speaker index for ``(id, speaker_key, text)`` statement rows."""
    return [(rid, speaker_tokens(key, analysed(text))) for rid, key, text in rows if key]


def _doc_terms(text: str, title: str) -> set[str]:
    return set(text.split()).union(title.split()) if title else set(text.split())


def _write_batch(store: Store, batch: dict[str, dict], report: ImportReport,
                 df_delta: Counter) -> None:
    conn = store.conn
    ids = list(batch)
    existing = {
        r[1]: r for r in conn.execute(
            "SELECT id, ext_id, text, speaker, date, source, title, url FROM statements "
            "WHERE ext_id IN (SELECT value FROM json_each(?))", (json.dumps(ids),))
    }
    new_rows, fts_new, changed, sp_terms, new_terms = [], [], [], [], []
    next_id = (conn.execute("SELECT max(id) FROM statements").fetchone()[0] or 0) + 1
    for ext_id, row in batch.items():
        old = existing.get(ext_id)
        if old is None:
            rid = next_id
            next_id += 1
            new_rows.append((rid, *_prepare(row)))
            a_text, a_title = analysed(row["text"]), analysed(row["title"])
            fts_new.append((rid, a_text, a_title))
            key = new_rows[-1][4]
            if key:
                sp_terms.append((rid, speaker_tokens(key, a_text)))
            new_terms.append(_doc_terms(a_text, a_title))
            continue
        same = (old[2] == row["text"] and old[3] == row["speaker"] and old[4] == row["date"]
                and old[5] == row["source"] and old[6] == row["title"] and old[7] == row["url"])
        if same:
            report.unchanged += 1
        else:
            changed.append((old, row))
    df_delta.update(chain.from_iterable(new_terms))  # one C-level count for the whole batch
    if new_rows:
        conn.executemany(
            f"INSERT INTO statements (id, {', '.join(_COLS)}) VALUES (?{', ?' * len(_COLS)})",
            new_rows)
        conn.executemany("INSERT INTO statements_fts (rowid, text, title) VALUES (?, ?, ?)", fts_new)
        conn.executemany("INSERT INTO statement_speaker_fts (rowid, terms) VALUES (?, ?)", sp_terms)
        report.added += len(new_rows)
    for old, row in changed:
        rid = old[0]
        conn.execute(
            f"UPDATE statements SET {', '.join(c + ' = ?' for c in _COLS)} WHERE id = ?",
            (*_prepare(row), rid))
        old_key, new_key = speaker_key(old[3]), speaker_key(row["speaker"])
        if (old[2], old_key) != (row["text"], new_key):
            for r in speaker_fts_rows([(rid, old_key, old[2])]):
                conn.execute("INSERT INTO statement_speaker_fts (statement_speaker_fts, rowid, terms) "
                             "VALUES ('delete', ?, ?)", r)
            conn.executemany("INSERT INTO statement_speaker_fts (rowid, terms) VALUES (?, ?)",
                             speaker_fts_rows([(rid, new_key, row["text"])]))
        if old[2] != row["text"] or old[6] != row["title"]:
            o_text, o_title = analysed(old[2]), analysed(old[6])
            n_text, n_title = analysed(row["text"]), analysed(row["title"])
            conn.execute(
                "INSERT INTO statements_fts (statements_fts, rowid, text, title) "
                "VALUES ('delete', ?, ?, ?)", (rid, o_text, o_title))
            conn.execute("INSERT INTO statements_fts (rowid, text, title) VALUES (?, ?, ?)",
                         (rid, n_text, n_title))
            df_delta.subtract(_doc_terms(o_text, o_title))
            df_delta.update(_doc_terms(n_text, n_title))
        report.updated += 1


def refresh_terms(store: Store, *, optimize: bool = False) -> None:
    """Re-materialise ``statement_terms`` from the index (and optionally merge its segments)."""
    with store.transaction() as conn:
        if optimize:
            _optimize(conn)
        conn.execute("DELETE FROM statement_terms")
        conn.execute("INSERT INTO statement_terms (term, doc) SELECT term, doc FROM statements_vocab")


def _optimize(conn) -> None:
    conn.execute("INSERT INTO statements_fts (statements_fts) VALUES ('optimize')")
    conn.execute("INSERT INTO statement_speaker_fts (statement_speaker_fts) VALUES ('optimize')")


def repair_terms(store: Store) -> bool:
    """Rebuild ``statement_terms`` if it is empty while statements exist (left so by an import
    killed before this version); returns whether it did. Two indexed look-ups when all is well."""
    conn = store.conn
    if (conn.execute("SELECT EXISTS (SELECT 1 FROM statement_terms)").fetchone()[0]
            or not conn.execute("SELECT EXISTS (SELECT 1 FROM statements)").fetchone()[0]):
        return False
    refresh_terms(store)
    return True


def _apply_df_delta(store: Store, delta: Counter) -> None:
    items = sorted((t, d) for t, d in delta.items() if d and t)  # in key order: b-tree locality
    if not items:
        return
    store.conn.executemany(
        "INSERT INTO statement_terms (term, doc) VALUES (?, ?) "
        "ON CONFLICT(term) DO UPDATE SET doc = doc + excluded.doc", items)
    if any(d < 0 for _, d in items):  # a term may have left its last statement
        store.conn.execute("DELETE FROM statement_terms WHERE doc <= 0")


def import_rows(store: Store, records: Iterable[tuple[int, int, dict | None, str | None]], *,
                total_bytes: int = 0, progress: Callable[[float], None] | None = None,
                cancelled: Callable[[], bool] | None = None,
                batch_size: int = BATCH_SIZE) -> ImportReport:
    """Import already-read records (see :func:`read_rows`); the core of :func:`import_statements`."""
    report = ImportReport()
    batch: dict[str, dict] = {}
    last_pos = 0
    df_delta: Counter = Counter()
    written = 0

    def flush() -> None:
        nonlocal written
        if batch:
            try:
                with store.transaction():  # the rows and their term counts, together
                    _write_batch(store, batch, report, df_delta)
                    _apply_df_delta(store, df_delta)
                    written += len(batch)
            finally:
                df_delta.clear()
            batch.clear()
        if progress and total_bytes:
            progress(min(0.99, last_pos / total_bytes))

    interrupted = False
    try:
        for line_no, pos, row, err in records:
            last_pos = pos
            if err is not None:
                report.errors.append(RowError(line_no, err))
                continue
            if row["id"] in batch:  # repeated within the file: the later row wins
                report.unchanged += 1
            batch[row["id"]] = row
            if len(batch) >= batch_size:
                flush()
                if cancelled and cancelled():
                    report.cancelled = True
                    break
        else:
            flush()
    except KeyboardInterrupt:  # Ctrl+C in the CLI: the open batch rolled back, keep the rest
        report.cancelled = interrupted = True
    if written >= OPTIMIZE_AFTER and not report.cancelled:  # speed only: nothing depends on it
        with store.transaction() as conn:
            _optimize(conn)
    if interrupted:
        raise KeyboardInterrupt
    if progress:
        progress(1.0)
    return report


def import_statements(store: Store, path: str | os.PathLike, *, fmt: str | None = None,
                      progress: Callable[[float], None] | None = None,
                      cancelled: Callable[[], bool] | None = None,
                      batch_size: int = BATCH_SIZE) -> ImportReport:
    """Import a JSONL or CSV file of statements; see the module docstring.

    ``progress(fraction)`` is called after every batch; ``cancelled()`` is polled between batches
    (committed batches stay). Raises :class:`ImportFormatError` for an unreadable file type.
    """
    path = Path(path)
    total = path.stat().st_size
    return import_rows(store, read_rows(path, fmt=fmt), total_bytes=total, progress=progress,
                       cancelled=cancelled, batch_size=batch_size)


def add_statement(store: Store, ext_id: str, text: str, **fields) -> None:
    """Add or update one statement (for the GUI's "record a statement" form and for tests)."""
    row, err = _clean(0, {"id": ext_id, "text": text, **fields})
    if err:
        raise ValueError(err)
    import_rows(store, [(0, 0, row, None)])


def statement_count(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM statements").fetchone()[0]
