"""Stage 3 of matching: meaning. Sentence vectors from a small local model re-rank the lexical
candidates and add the nearest statements by meaning ("joblessness is at a 17-year low" finds
"the lowest unemployment rate in 17 years", which share no rare word).

The model is all-MiniLM-L6-v2 (22 M parameters, 384 dimensions), int8 ONNX run by onnxruntime
(``encoder``), its files inside the package: nothing is fetched at run time and no deep-learning
framework is imported. CPU only; the model loads once per process (~0.3 s). The stage works at
any collection size.

Vectors are stored in ``statement_vectors`` / ``quote_vectors`` (int8 + a scale, 388 bytes each,
see ``vectors``): ``index_statements`` and ``index_quotes`` fill them (import, re-match,
``quotedesk statements index``); the matcher computes a missing one on the fly. Semantic matching
is used for a database that has vectors; ``QUOTEDESK_SEMANTIC=0`` switches it off (lexical
matching only), as does a missing model package. Nearest-neighbour search (``vectors.Index``)
is exact below 50,000 statements and by cells of an inverted file above, held in memory once
per process (384 bytes a statement).
"""
from __future__ import annotations

import logging
import os
import sqlite3
import threading
from typing import Callable, Iterable, Sequence

import numpy as np

from quotedesk.core.matching import vectors
from quotedesk.core.store.db import Store

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2"
DIM = 384
#: Weight of the title's vector in the nearest-neighbour score (text + 0.5 x title).
DENSE_TITLE = vectors.TITLE_WEIGHT
#: Below this nearest-neighbour score a statement is unrelated, not a candidate (9 in 10 true
#: pairs of the CheckThat! training splits score above it; unrelated sentences score 0-0.2).
DENSE_MIN = 0.3
#: Texts per call into the encoder while indexing (it batches by length itself).
BATCH = 32

_lock = threading.Lock()
_model = None
_error: str | None = None


def disabled_by_env() -> bool:
    return os.environ.get("QUOTEDESK_SEMANTIC", "1").strip().lower() in ("0", "false", "no", "off")


def installed() -> bool:
    """True if the encoder's packages and model files are installed (without loading it)."""
    from quotedesk.core.matching import encoder

    return encoder.missing() is None


def available() -> bool:
    """True if semantic matching can run here: not switched off and the model loads."""
    if disabled_by_env() or not installed():
        return False
    return _get_model() is not None


def unavailable_reason() -> str | None:
    if disabled_by_env():
        return "switched off (QUOTEDESK_SEMANTIC=0)"
    from quotedesk.core.matching import encoder

    return encoder.missing() or _error


def loaded() -> bool:
    """True once this process's encoder is loaded (nothing is loaded by asking)."""
    return _model is not None


def preload() -> bool:
    """Load the encoder now if it can run here (call it from a background thread at start, so
    the first semantic match does not wait); True if it is loaded."""
    if disabled_by_env() or not installed():
        return False
    model = _get_model()
    if model is None:
        return False
    model.load_alone()  # the session queries are encoded with, too
    return True


def _get_model():
    """The process's one encoder, loaded on first use (~0.3 s); None if it cannot load."""
    global _model, _error
    if _model is not None or _error is not None:
        return _model
    with _lock:
        if _model is None and _error is None:
            try:
                from quotedesk.core.matching.encoder import Encoder

                _model = Encoder()
            except Exception as exc:  # noqa: BLE001 - any failure means "lexical only", logged
                _error = f"the sentence model could not be loaded: {exc}"
                log.warning(_error)
    return _model


def _run(texts: Sequence[str], alone: bool) -> np.ndarray:
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    model = _get_model()
    if model is None:
        raise RuntimeError(unavailable_reason() or "semantic matching is not available")
    return model.encode_alone(list(texts)) if alone else model.encode(list(texts))


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit-length float32 vectors, one row per text (empty input: shape (0, DIM))."""
    return _run(texts, alone=False)


def encode_alone(texts: Sequence[str]) -> np.ndarray:
    """Like :func:`encode`, each text in a forward pass of its own (``Encoder.encode_alone``):
    its vector depends on its text only. Queries and imported quotes are encoded so."""
    return _run(texts, alone=True)


def to_blob(vec: np.ndarray) -> bytes:
    """The stored form of a vector (int8 + scale, ``vectors``)."""
    return vectors.to_blob(vec)


def from_blob(blob: bytes | None) -> np.ndarray | None:
    return vectors.decode(blob)


# --- filling the vector tables -------------------------------------------------------------------

def in_scope(conn) -> bool:
    """True: the semantic stage works at any collection size (kept for callers of versions
    that switched it off above 200,000 statements)."""
    return True


def can_index(conn) -> bool:
    """True if vectors should be computed for this database: the model loads (the first call
    in a process loads it, ~0.3 s)."""
    return available()


def has_vectors(conn) -> bool:
    """True if the database has a semantic index (any stored vector)."""
    return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM statement_vectors) "
                             "OR EXISTS (SELECT 1 FROM quote_vectors)").fetchone()[0])


def missing_statements(conn) -> list[int]:
    return [r[0] for r in conn.execute(
        "SELECT s.id FROM statements s WHERE NOT EXISTS "
        "(SELECT 1 FROM statement_vectors v WHERE v.statement_id = s.id) ORDER BY s.id")]


def missing_quotes(conn, quote_ids: Iterable[int] | None = None) -> list[int]:
    """Quotes without a vector (all, or among ``quote_ids``: only those are looked at, so an
    imported article's few quotes do not cost a pass over the whole library)."""
    if quote_ids is None:
        return [r[0] for r in conn.execute(
            "SELECT q.id FROM quotes q WHERE NOT EXISTS "
            "(SELECT 1 FROM quote_vectors v WHERE v.quote_id = q.id) ORDER BY q.id")]
    import json

    return [r[0] for r in conn.execute(
        "SELECT q.id FROM quotes q WHERE q.id IN (SELECT value FROM json_each(?)) AND NOT EXISTS "
        "(SELECT 1 FROM quote_vectors v WHERE v.quote_id = q.id) ORDER BY q.id",
        (json.dumps([int(i) for i in quote_ids]),))]


def _chunks(ids: list[int], n: int):
    for i in range(0, len(ids), n):
        yield ids[i:i + n]


def index_statements(store: Store, ids: list[int] | None = None, *,
                     progress: Callable[[float], None] | None = None,
                     cancelled: Callable[[], bool] | None = None, chunk: int = 512) -> int:
    """Compute and store the vectors of the statements that have none (or of ``ids``); returns
    how many were written. Each chunk is its own transaction: a cancel keeps what is done."""
    conn = store.conn
    todo = missing_statements(conn) if ids is None else list(ids)
    done = 0
    for part in _chunks(todo, chunk):
        if cancelled and cancelled():
            break
        rows = conn.execute("SELECT id, text, title FROM statements WHERE id IN "
                            f"({','.join('?' * len(part))})", part).fetchall()
        if not rows:
            continue
        text_vecs = encode([r[1] for r in rows])
        titled = [i for i, r in enumerate(rows) if r[2] and r[2].strip()]
        title_vecs = encode([rows[i][2] for i in titled])
        tv = dict(zip(titled, title_vecs))
        cells = vectors.cells_of(conn, text_vecs, [tv.get(i) for i in range(len(rows))])
        with store.transaction() as c:
            # an upsert, not INSERT OR REPLACE: the count triggers must see what happened
            c.executemany("INSERT INTO statement_vectors (statement_id, text_vec, title_vec, cell) "
                          "VALUES (?, ?, ?, ?) ON CONFLICT (statement_id) DO UPDATE SET "
                          "text_vec = excluded.text_vec, title_vec = excluded.title_vec, "
                          "cell = excluded.cell",
                          [(r[0], to_blob(text_vecs[i]), to_blob(tv[i]) if i in tv else None,
                            cells[i]) for i, r in enumerate(rows)])
        done += len(rows)
        if progress:
            progress(done / len(todo))
    if not (cancelled and cancelled()):
        vectors.maintain(store)  # cells trained or extended (fast unless due for training)
    return done


def index_quotes(store: Store, quote_ids: Iterable[int] | None = None, *,
                 progress: Callable[[float], None] | None = None,
                 cancelled: Callable[[], bool] | None = None, chunk: int = 256,
                 given: dict | None = None) -> int:
    """Compute and store the vectors of the quotes that have none (all, or among ``quote_ids``);
    ``given`` (quote id -> vector) are stored as they are instead of being encoded again."""
    conn = store.conn
    todo = missing_quotes(conn, quote_ids)
    done = 0
    for part in _chunks(todo, chunk):
        if cancelled and cancelled():
            break
        rows = conn.execute(f"SELECT id, text FROM quotes WHERE id IN ({','.join('?' * len(part))})",
                            part).fetchall()
        if given is not None and all(r[0] in given for r in rows):
            vecs = [given[r[0]] for r in rows]
        else:
            vecs = encode([r[1] for r in rows])
        with store.transaction() as c:
            c.executemany("INSERT OR REPLACE INTO quote_vectors (quote_id, text_vec) VALUES (?, ?)",
                          [(r[0], to_blob(v)) for r, v in zip(rows, vecs)])
        done += len(rows)
        if progress:
            progress(done / len(todo))
    return done


def keep_vectors(store: Store, cands) -> None:
    """Store the vectors computed on the fly for candidates (statements and quotes with ``vec``
    set) so that the next match reads them. Best effort: a read-only or busy database skips it."""
    if getattr(store, "readonly", False):
        return
    st = [(c.row_id, to_blob(c.vec), to_blob(c.title_vec) if c.title_vec is not None else None)
          for c in cands if not c.is_quote and c.vec is not None]
    qs = [(c.row_id, to_blob(c.vec)) for c in cands if c.is_quote and c.vec is not None]
    try:
        with store.transaction() as c:
            c.executemany("INSERT OR IGNORE INTO statement_vectors (statement_id, text_vec, title_vec) "
                          "VALUES (?, ?, ?)", st)
            c.executemany("INSERT OR IGNORE INTO quote_vectors (quote_id, text_vec) VALUES (?, ?)", qs)
    except sqlite3.Error as exc:  # locked by another writer for 15 s, or read-only: next time
        log.info("sentence vectors not kept: %s", exc)


# --- reading them at match time ------------------------------------------------------------------

def statement_vectors(conn, ids: Sequence[int]) -> dict[int, tuple[np.ndarray, np.ndarray | None]]:
    if not ids:
        return {}
    rows = conn.execute("SELECT statement_id, text_vec, title_vec FROM statement_vectors WHERE "
                        f"statement_id IN ({','.join('?' * len(ids))})", list(ids)).fetchall()
    return {r[0]: (from_blob(r[1]), from_blob(r[2])) for r in rows}


def quote_vectors(conn, ids: Sequence[int]) -> dict[int, np.ndarray]:
    if not ids:
        return {}
    rows = conn.execute("SELECT quote_id, text_vec FROM quote_vectors WHERE "
                        f"quote_id IN ({','.join('?' * len(ids))})", list(ids)).fetchall()
    return {r[0]: from_blob(r[1]) for r in rows}


def nearest_statements(store: Store, qvec: np.ndarray, k: int, *,
                       nprobe: int = vectors.NPROBE) -> list[tuple[int, float]]:
    """The ``k`` statements nearest in meaning to ``qvec`` scoring at least ``DENSE_MIN``:
    ``[(statements.id, score)]`` (search vector: text + 0.5 x title; ``vectors.Index``: exact
    below 50,000 statements, by ``nprobe`` cells above); empty when the database has no vectors."""
    if k <= 0:
        return []
    idx = _index(store)
    return [(i, s) for i, s in idx.search(qvec, k, nprobe=nprobe) if s >= DENSE_MIN]


def _index(store: Store) -> vectors.Index:
    key = str(store.path) if store.path else f"memory:{id(store.conn)}"  # each in-memory db its own
    return vectors.index_for(key, store.conn)


#: Rows widened to float32 at a time by :class:`ExactSearch` (6 MB).
_MANY_BLOCK = 4096


class ExactSearch:
    """Several searches of :func:`nearest_statements` over one state of an exact index (below
    ``vectors.IVF_MIN`` every statement is scored for every query): the statement vectors are
    widened to float32 once, on the first search, and each search is one matrix-matrix product
    for all its queries. An import keeps one from article to article while the vectors do not
    change (``importer.MatchSession``; 19,250 statements: 30 MB while it lives).

    Why: a query alone pays for the whole int8 matrix in a mixed-type product (numpy widens it
    and misses BLAS: ~9 ms a quote at 19,250 statements idle, 11-32 ms loaded), the largest part
    of matching an imported quote. Same scores up to float rounding (gemm against gemv), so the
    same neighbours unless two tie to the last bit.

    :meth:`of` gives None when the index searches by cells (each query scores its own cells,
    and a query costs little there) or is one this class does not know."""

    def __init__(self, blocks: list[tuple[np.ndarray, np.ndarray, np.ndarray]]):
        self._int8 = blocks          # (ids, int8 rows, scales), as the index holds them
        self._wide: list | None = None

    @classmethod
    def of(cls, store: Store) -> "ExactSearch | None":
        idx = _index(store)
        parts = [getattr(idx, name, None) for name in ("cent", "ids", "q", "scale", "extra")]
        if parts[0] is not None or any(p is None for p in parts[1:]):
            return None
        _, ids, q, scale, extra = parts
        return cls([(ids, q, scale), *extra])

    def _blocks(self) -> list:
        if self._wide is None:
            self._wide = [(i[a:a + _MANY_BLOCK], rows[a:a + _MANY_BLOCK].astype(np.float32),
                           s[a:a + _MANY_BLOCK])
                          for i, rows, s in self._int8 for a in range(0, len(i), _MANY_BLOCK)]
        return self._wide

    def nearest(self, qvecs: Sequence[np.ndarray], k: int) -> list[list[tuple[int, float]]]:
        """``nearest_statements(store, v, k)`` of each vector in ``qvecs``."""
        if k <= 0 or not len(qvecs):
            return [[] for _ in qvecs]
        blocks = self._blocks()
        if not blocks:
            return [[] for _ in qvecs]
        queries = np.vstack([np.asarray(v, dtype=np.float32) for v in qvecs])  # (m, DIM)
        scores = np.vstack([(w @ queries.T) * s[:, None] for _, w, s in blocks]).T  # (m, rows)
        ids_all = np.concatenate([i for i, _, _ in blocks])
        k = min(k, len(ids_all))
        out = []
        for col in scores:
            top = np.argpartition(-col, k - 1)[:k]
            top = top[np.argsort(-col[top], kind="stable")]
            out.append([(int(ids_all[t]), float(col[t])) for t in top if col[t] >= DENSE_MIN])
        return out


def nearest_statements_many(store: Store, qvecs: Sequence[np.ndarray],
                            k: int) -> list[list[tuple[int, float]]] | None:
    """:func:`nearest_statements` of several queries at once (see :class:`ExactSearch`), or
    None when the index searches by cells: then call :func:`nearest_statements` per query."""
    search = ExactSearch.of(store)
    return None if search is None else search.nearest(qvecs, k)
