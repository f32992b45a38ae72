"""How sentence vectors are stored in the database and searched, at any collection size.

Storage (migration 0009): each vector is one BLOB of ``DIM`` signed bytes followed by a
little-endian float32 scale (388 bytes): ``v ~= int8 * scale``, ``scale = max|v| / 127``. The
cosine with the float vector is above 0.9999, half the size of the float16 blobs of 0006 (768
bytes, still read: :func:`decode` tells them by length; 0009 converts the stored ones).

Search: an inverted file (IVF) in NumPy, the SQLite file its one source of truth. The statements'
search vectors (text + ``TITLE_WEIGHT`` x title) are grouped into ``cells`` (spherical k-means
centroids in ``vector_cells``; each row's ``statement_vectors.cell``); a query scores the
centroids, then only the statements of its ``NPROBE`` nearest cells, exactly (:func:`scores`:
the int8 rows are widened inside NumPy's einsum loop a buffer at a time, on the calling thread;
no float32 copy of a cell and no BLAS call per query). Below ``IVF_MIN`` vectors there are no cells and every
statement is scored (one matrix product). Rows whose cell is not assigned yet (vectors written
by the matcher on the fly, an index run interrupted) are always scored. Cells are (re)trained by
:func:`maintain` when the collection first reaches ``IVF_MIN`` and whenever it has grown
``RETRAIN_GROWTH`` times since; it is called at the end of every indexing run.

In memory: one int8 matrix sorted by cell (384 bytes a statement: 384 MB at 1,000,000),
loaded once per process and database, extended with the rows appended since (highest id), reloaded
whole when ``vector_state`` says rows were changed or deleted elsewhere.
"""
from __future__ import annotations

import sqlite3
import threading
from typing import Iterable, Sequence

import numpy as np

DIM = 384
#: Weight of the title's vector in the search vector (text + 0.5 x title).
TITLE_WEIGHT = 0.5
#: From this many vectors on, the search is by cells; below, every statement is scored.
IVF_MIN = 50_000
#: Statements per cell aimed at when training (cells = a power of two near n / this).
CELL_SIZE = 256
MIN_CELLS, MAX_CELLS = 64, 8192
#: Cells scored per query. bench match at 200,000 statements (1,024 cells), 200 near-copies, the
#: statement among the 10 nearest: 16 cells 189 (0.5 ms a query), 32: 193 (1.1 ms), 64: 195
#: (1.8 ms), all 1,024 (exact): 200. A query the lexical stage found candidates for is scored
#: over NPROBE cells (those candidates carry near-copies); one it found none for (every word
#: common, or none known) over NPROBE_WIDE, since the nearest-neighbour stage is then its only
#: source of candidates.
NPROBE = 16
NPROBE_WIDE = 64
#: Retrain the cells when the collection is this many times larger than when they were trained.
RETRAIN_GROWTH = 4
#: k-means: sample rows per cell and iterations.
TRAIN_PER_CELL = 32
TRAIN_ITERS = 6
_BLOB = DIM + 4
#: Rows appended since the index was read, scored exactly, before it is read again whole.
EXTRA_MAX = 20_000


# --- the BLOB format ----------------------------------------------------------------------------

def quantise(vecs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(int8 rows, float32 scales) of float rows: ``row ~= int8 * scale``."""
    vecs = np.atleast_2d(np.asarray(vecs, dtype=np.float32))
    scale = np.abs(vecs).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(vecs / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def to_blob(vec: np.ndarray) -> bytes:
    q, s = quantise(vec)
    return q[0].tobytes() + s.astype("<f4").tobytes()


def decode(blob: bytes | None) -> np.ndarray | None:
    """The float32 vector of a stored BLOB (int8 + scale, or the float16 of schema 0006)."""
    if blob is None:
        return None
    if len(blob) == _BLOB:
        return np.frombuffer(blob, dtype=np.int8, count=DIM).astype(np.float32) * \
            np.frombuffer(blob, dtype="<f4", offset=DIM, count=1)[0]
    if len(blob) == 2 * DIM:
        return np.frombuffer(blob, dtype="<f2").astype(np.float32)
    raise ValueError(f"a stored sentence vector of {len(blob)} bytes (expected {_BLOB})")


def decode_many(blobs: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """(int8 rows, scales) of many int8 BLOBs at once (fast path: all of the current format)."""
    if blobs and all(len(b) == _BLOB for b in blobs):
        raw = np.frombuffer(b"".join(blobs), dtype=np.uint8).reshape(len(blobs), _BLOB)
        q = raw[:, :DIM].view(np.int8)
        s = raw[:, DIM:].copy().view("<f4")[:, 0].astype(np.float32)
        return q.copy(), s
    return quantise(np.vstack([decode(b) for b in blobs]) if blobs else np.zeros((0, DIM)))


def scores(rows: np.ndarray, qvec: np.ndarray) -> np.ndarray:
    """``rows @ qvec`` (float32) for int8 or float32 ``rows``, on the calling thread.

    Not ``@``: for int8 rows it makes a float32 copy of the block and then calls BLAS, whose
    threads (OpenBLAS's, busy-waiting between calls, on cores onnxruntime's threads also spin
    on) made the search of 16 cells of a 1,000,000-row index cost 6.6 ms of CPU a query on 2
    loaded cores (17.8 ms wall); einsum widens the rows a buffer at a time in its own loop:
    0.95 ms of CPU (3.4 ms wall), measured side by side on the same random index."""
    return np.einsum("ij,j->i", rows, qvec)


def search_vectors(text: np.ndarray, title: np.ndarray | None) -> np.ndarray:
    """The vector a statement is searched by: its text's, plus TITLE_WEIGHT x its title's."""
    return text if title is None else text + TITLE_WEIGHT * title


# --- cells ----------------------------------------------------------------------------------------

def n_cells_for(n: int) -> int:
    target = max(1, n // CELL_SIZE)
    return int(min(MAX_CELLS, max(MIN_CELLS, 2 ** round(np.log2(target)))))


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def kmeans(sample: np.ndarray, k: int, *, iters: int = TRAIN_ITERS, seed: int = 0) -> np.ndarray:
    """Spherical k-means centroids (unit rows) of ``sample`` (float32 rows)."""
    rng = np.random.default_rng(seed)
    x = _unit(sample.astype(np.float32))
    k = min(k, len(x))
    cent = x[rng.choice(len(x), k, replace=False)].copy()
    for _ in range(iters):
        lab = assign(cent, x)
        sums = np.zeros_like(cent)
        np.add.at(sums, lab, x)
        empty = np.bincount(lab, minlength=k) == 0
        sums[empty] = x[rng.choice(len(x), int(empty.sum()))]  # reseed empty cells
        cent = _unit(sums)
    return cent.astype(np.float32)


def assign(cent: np.ndarray, x: np.ndarray, block: int = 16_384) -> np.ndarray:
    """Index of the nearest centroid of each row of ``x``."""
    out = np.empty(len(x), dtype=np.int64)
    for s in range(0, len(x), block):
        out[s:s + block] = np.argmax(x[s:s + block].astype(np.float32) @ cent.T, axis=1)
    return out


def centroids(conn: sqlite3.Connection) -> np.ndarray | None:
    rows = conn.execute("SELECT centroid FROM vector_cells ORDER BY cell").fetchall()
    if not rows:
        return None
    return np.frombuffer(b"".join(r[0] for r in rows), dtype="<f4").reshape(len(rows), DIM).astype(
        np.float32)


def cells_of(conn: sqlite3.Connection, text_vecs: np.ndarray, title_vecs: list) -> list[int | None]:
    """The cell of each new statement vector (None while no cells are trained)."""
    cent = centroids(conn)
    if cent is None or not len(text_vecs):
        return [None] * len(text_vecs)
    x = np.vstack([search_vectors(t, ti) for t, ti in zip(text_vecs, title_vecs)])
    return [int(c) for c in assign(cent, x)]


def _read_search_rows(conn, sql: str, params=()) -> tuple[np.ndarray, np.ndarray]:
    """(ids, float32 search vectors) of the rows ``sql`` selects (id, text_vec, title_vec)."""
    ids, vecs = [], []
    cur = conn.execute(sql, params)
    while True:
        rows = cur.fetchmany(50_000)
        if not rows:
            break
        i, v = _rows_search(rows)
        ids.append(i)
        vecs.append(v)
    if not ids:
        return np.zeros(0, np.int64), np.zeros((0, DIM), np.float32)
    return np.concatenate(ids), np.vstack(vecs)


def state(conn) -> tuple[int, int, int, int]:
    """(version, number of statement vectors, number when the cells were trained, layout)."""
    row = conn.execute("SELECT version, n, trained_n, layout FROM vector_state WHERE id = 1").fetchone()
    return tuple(row) if row else (0, 0, 0, 0)


def maintain(store, *, force: bool = False, log=lambda s: None) -> str:
    """Train the cells when due (see the module docstring) and assign every row without a cell
    (a transaction per block of rows: a kill keeps what is done). Returns what it did."""
    conn = store.conn
    _, n, trained, _ = state(conn)
    have = conn.execute("SELECT EXISTS (SELECT 1 FROM vector_cells)").fetchone()[0]
    if n < IVF_MIN and not force:
        if have:  # shrunk below the threshold: exact search again
            with store.transaction():
                conn.execute("DELETE FROM vector_cells")
                conn.execute("UPDATE statement_vectors SET cell = NULL WHERE cell IS NOT NULL")
                conn.execute("UPDATE vector_state SET trained_n = 0, layout = layout + 1")
            return "cells dropped"
        return "exact"
    did = "assigned"
    if force or not have or n > RETRAIN_GROWTH * max(trained, 1):
        k = n_cells_for(n)
        m = min(n, TRAIN_PER_CELL * k)
        rng = np.random.default_rng(n)
        top = conn.execute("SELECT max(statement_id) FROM statement_vectors").fetchone()[0] or 0
        picks = sorted(set(rng.integers(1, top + 1, size=m * 2).tolist()))
        _, sample = _read_search_rows(
            conn, "SELECT statement_id, text_vec, title_vec FROM statement_vectors WHERE "
                  "statement_id IN (SELECT value FROM json_each(?))", (_json(picks),))
        if len(sample) > m:
            sample = sample[:m]
        log(f"training {k} cells on {len(sample):,} vectors")
        cent = kmeans(sample, k)
        with store.transaction():
            conn.execute("DELETE FROM vector_cells")
            conn.executemany("INSERT INTO vector_cells (cell, centroid) VALUES (?, ?)",
                             [(i, c.astype("<f4").tobytes()) for i, c in enumerate(cent)])
            conn.execute("UPDATE statement_vectors SET cell = NULL WHERE cell IS NOT NULL")
            conn.execute("UPDATE vector_state SET trained_n = ?, layout = layout + 1", (n,))
        did = f"trained {len(cent)} cells"
    cent = centroids(conn)
    last = 0
    while True:  # rows without a cell, in id order, a block at a time (each its own commit)
        ids, vecs = _read_search_rows(
            conn, "SELECT statement_id, text_vec, title_vec FROM statement_vectors WHERE "
                  "cell IS NULL AND statement_id > ? ORDER BY statement_id LIMIT 50000", (last,))
        if not len(ids):
            break
        cells = assign(cent, vecs)
        with store.transaction():
            conn.executemany("UPDATE statement_vectors SET cell = ? WHERE statement_id = ?",
                             zip(cells.tolist(), ids.tolist()))
            conn.execute("UPDATE vector_state SET layout = layout + 1")
        last = int(ids[-1])
    return did


def _json(items: Iterable) -> str:
    import json

    return json.dumps(list(items))


# --- the in-memory index -------------------------------------------------------------------------

class Index:
    """One database's statement vectors for nearest-neighbour search (see module docstring)."""

    def __init__(self, conn: sqlite3.Connection):
        self.version, self.n, _, self.layout = state(conn)
        self.cent = centroids(conn)
        ids, q, scale, cell = _read_all(conn, self.n)
        order = np.argsort(cell, kind="stable")  # by cell, then id (read in id order)
        self.ids, self.q, self.scale, cell = ids[order], q[order], scale[order], cell[order]
        del ids, q, scale
        self.top = int(self.ids.max()) if len(self.ids) else 0
        k = 0 if self.cent is None else len(self.cent)
        # rows [starts[c], starts[c+1]) have cell c; rows before starts[0] have no cell
        self.starts = np.searchsorted(cell, np.arange(k + 1)) if k else None
        self.extra: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # appended since

    def refresh(self, conn: sqlite3.Connection) -> "Index":
        """This index brought up to date: itself, extended, or a new one."""
        version, n, _, layout = state(conn)
        if version == self.version and layout == self.layout:
            return self
        if layout != self.layout:
            return Index(conn)
        got = conn.execute("SELECT statement_id, text_vec, title_vec, NULL FROM statement_vectors "
                           "WHERE statement_id > ? ORDER BY statement_id", (self.top,)).fetchall()
        extra = sum(len(e[0]) for e in self.extra)
        if len(self.ids) + extra + len(got) != n or extra + len(got) > EXTRA_MAX:
            return Index(conn)   # rows changed or deleted (or many added): read again
        if got:
            ids, q, s, _ = _decode_rows(got)
            self.extra.append((ids, q, s))
            self.top = max(self.top, int(ids.max()))
        self.version, self.n = version, n
        return self

    def __len__(self) -> int:
        return len(self.ids) + sum(len(e[0]) for e in self.extra)

    def nbytes(self) -> int:
        return self.q.nbytes + self.ids.nbytes + self.scale.nbytes

    def _slices(self, qvec: np.ndarray, nprobe: int):
        """(ids, int8 rows, scales) blocks to score for one query."""
        if self.cent is None or self.starts is None:
            yield self.ids, self.q, self.scale
        else:
            if self.starts[0]:  # rows without a cell
                yield self.ids[:self.starts[0]], self.q[:self.starts[0]], self.scale[:self.starts[0]]
            best = np.argpartition(-scores(self.cent, qvec), min(nprobe, len(self.cent)) - 1)[:nprobe]
            for c in best:
                a, b = self.starts[c], self.starts[c + 1]
                if b > a:
                    yield self.ids[a:b], self.q[a:b], self.scale[a:b]
        yield from self.extra

    def search(self, qvec: np.ndarray, k: int, *, nprobe: int = NPROBE) -> list[tuple[int, float]]:
        """The ``k`` best ``(statement id, cosine)``, best first."""
        qvec = np.asarray(qvec, dtype=np.float32)
        blocks = [b for b in self._slices(qvec, nprobe) if len(b[0])]
        if not blocks:
            return []
        # the probed cells' rows gathered into one block (an int8 copy, 1.5 MB for 16 cells at
        # 1M) and scored in one call: 16 calls cost ~25 % more at 1M
        ids, q, s = blocks[0] if len(blocks) == 1 else (np.concatenate(x) for x in zip(*blocks))
        got = scores(q, qvec) * s
        k = min(k, len(ids))
        top = np.argpartition(-got, k - 1)[:k]
        top = top[np.argsort(-got[top], kind="stable")]
        return [(int(ids[i]), float(got[i])) for i in top]


def _rows_search(part) -> tuple[np.ndarray, np.ndarray]:
    """(ids, float32 search vectors) of rows (id, text_vec, title_vec, ...), vectorised."""
    q, s = decode_many([r[1] for r in part])
    v = q.astype(np.float32) * s[:, None]
    titled = [i for i, r in enumerate(part) if r[2] is not None]
    if titled:
        tq, ts = decode_many([part[i][2] for i in titled])
        v[titled] += TITLE_WEIGHT * (tq.astype(np.float32) * ts[:, None])
    return np.fromiter((r[0] for r in part), dtype=np.int64, count=len(part)), v


def _decode_rows(part) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(ids, int8 search rows, scales, cells: -1 for none) of rows (id, text_vec, title_vec,
    cell)."""
    if any(r[2] is not None for r in part):
        _, v = _rows_search(part)
        q, s = quantise(v)
    else:
        q, s = decode_many([r[1] for r in part])
    ids = np.fromiter((r[0] for r in part), dtype=np.int64, count=len(part))
    cells = np.fromiter((-1 if r[3] is None else r[3] for r in part), dtype=np.int64,
                        count=len(part))
    return ids, q, s, cells


def _read_all(conn: sqlite3.Connection, n: int) -> list[np.ndarray]:
    """:func:`_decode_rows` of every statement vector, in id order, written into arrays made
    once for ``n`` rows (grown if more were written meanwhile). Why: SQLite sorting them by cell
    keeps every row in a temporary B-tree, and chunks joined at the end leave their freed copies
    in the C heap; at 1,000,000 rows the process stayed 390 MB larger than its index after
    loading it (875 MB resident after bench match, 522 MB once the heap was trimmed)."""
    cur = conn.execute("SELECT statement_id, text_vec, title_vec, cell FROM statement_vectors "
                       "ORDER BY statement_id")
    n = max(n, 0)
    out = [np.empty(n, np.int64), np.empty((n, DIM), np.int8), np.empty(n, np.float32),
           np.empty(n, np.int64)]
    filled = 0
    while part := cur.fetchmany(50_000):
        end = filled + len(part)
        if end > len(out[0]):
            grow = max(end, 2 * filled)
            out = [np.concatenate([a[:filled], np.empty((grow - filled,) + a.shape[1:], a.dtype)])
                   for a in out]
        for a, got in zip(out, _decode_rows(part)):
            a[filled:end] = got
        filled = end
    return [a[:filled] for a in out]


_cache: dict[str, Index] = {}
_cache_lock = threading.Lock()


def index_for(key: str, conn: sqlite3.Connection) -> Index:
    """The process's index of the database ``key`` (one database at a time), up to date."""
    with _cache_lock:
        idx = _cache.get(key)
        idx = Index(conn) if idx is None else idx.refresh(conn)
        if _cache.get(key) is not idx:
            _cache.clear()
            _cache[key] = idx
        return idx


def invalidate() -> None:
    with _cache_lock:
        _cache.clear()
