"""Synthetic libraries for benchmarks: many plausible articles and quotes, written fast.

Rows go in with ``executemany`` in large transactions (not through the attribution engine), so
100,000 articles and 1,000,000 quotes take seconds, not hours. Deterministic for a given seed.
"""
from __future__ import annotations

import random
from typing import Callable

from quotedesk.core.store.db import Store

_FIRST = ("Ana", "Tom", "Maria", "Luis", "Olga", "Pierre", "Greta", "Ken", "Amina", "Jonas", "Sofia", "Ravi")
_LAST = ("Rivera", "Baker", "Chen", "Novak", "Okafor", "Dubois", "Lind", "Sato", "Haddad", "Berg", "Moretti")
_ORGS = ("the Kremlin", "the ministry", "police", "the city council", "the union", "the central bank")
_OUTLETS = ("Harbor Gazette", "Lindenau Post", "Vallmont Herald", "Daily Ledger", "Northern Courier")
_WORDS = ("the", "council", "budget", "port", "workers", "strike", "tariff", "wine", "bridge", "ferry",
          "talks", "rents", "prices", "we", "will", "not", "accept", "this", "plan", "is", "fair",
          "next", "year", "city", "must", "act", "now", "people", "deserve", "better", "jobs", "safety")


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(n)]
    return " ".join(words).capitalize()


def build_library(store: Store, n_articles: int, quotes_per_article: int = 10, *, seed: int = 1,
                  progress: Callable[[float], None] | None = None) -> None:
    """Add ``n_articles`` synthetic articles with ``quotes_per_article`` quotes each."""
    rng = random.Random(seed)
    with store.transaction():
        for i, (first, last) in enumerate((f, l) for f in _FIRST for l in _LAST):
            store.execute("INSERT OR IGNORE INTO speakers (name, kind) VALUES (?, 'person')", (f"{first} {last}",))
        for org in _ORGS:
            store.execute("INSERT OR IGNORE INTO speakers (name, kind) VALUES (?, 'organisation')", (org,))
    speaker_ids = [r[0] for r in store.execute("SELECT id FROM speakers")]
    base = store.execute("SELECT coalesce(max(id), 0) FROM articles").fetchone()[0]
    qbase = store.execute("SELECT coalesce(max(id), 0) FROM quotes").fetchone()[0]
    batch = 5000
    for chunk in range(0, n_articles, batch):
        articles, quotes, links = [], [], []
        for k in range(chunk, min(n_articles, chunk + batch)):
            aid = base + k + 1
            parts, spans = [f"Synthetic report {aid}\n"], []
            pos = len(parts[0])
            for _ in range(quotes_per_article):
                body = _sentence(rng, rng.randint(8, 20))
                prefix = '"'
                parts.append(prefix + body + ',"' + " the speaker said. " + _sentence(rng, 12) + ".\n")
                spans.append((pos + 1, pos + 1 + len(body), body))
                pos += len(parts[-1])
            text = "".join(parts)
            date = f"{2015 + rng.randint(0, 10)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            articles.append((aid, f"Synthetic report {aid}", rng.choice(_OUTLETS), date, f"synthetic-{seed}-{aid}", text))
            for s, e, body in spans:
                qbase += 1
                quotes.append((qbase, aid, s, e, body, round(rng.random(), 3)))
                links.append((qbase, rng.choice(speaker_ids)))
        with store.transaction():
            store.conn.executemany(
                "INSERT INTO articles (id, title, outlet, date, sha256, text, format) VALUES (?, ?, ?, ?, ?, ?, 'txt')",
                articles)
            store.conn.executemany(
                'INSERT INTO quotes (id, article_id, start, "end", text, kind, cue, confidence) '
                "VALUES (?, ?, ?, ?, ?, 'direct', 'said', ?)", quotes)
            store.conn.executemany("INSERT INTO quote_speakers (quote_id, speaker_id) VALUES (?, ?)", links)
        if progress:
            progress(min(1.0, (chunk + batch) / n_articles))
