"""Article titles for quote lists that span articles (cached per refresh).

GUI-side helper until the core has a bulk ``article_titles(store, ids)`` query (requested).
"""
from __future__ import annotations

from quotedesk.core.store import Store
from quotedesk.core.store.articles import get_article


def article_titles(store: Store, article_ids) -> dict[int, str]:
    out = {}
    for aid in set(article_ids):
        art = get_article(store, aid)
        if art is not None:
            out[aid] = art["title"] or "(untitled)"
    return out
