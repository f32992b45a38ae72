"""Article titles for quote lists that span articles (the review queue, search results)."""
from __future__ import annotations

from quotedesk.core.store import Store
from quotedesk.core.store.articles import article_titles as _titles


def article_titles(store: Store, article_ids) -> dict[int, str]:
    """One query for all titles; an empty title reads "(untitled)"."""
    return {aid: title or "(untitled)" for aid, title in _titles(store, article_ids).items()}
