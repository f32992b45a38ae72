"""Where the analyst was reading before the review queue took over the article pane.

Decides what "the reader's place" is (the article, its selected quote, the scroll position of
the text) and when it comes back: the review queue may show its quotes in the article pane, and
when the analyst leaves the queue the article they were reading returns as it was.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadingPlace:
    article_id: int
    quote_id: int | None
    scroll: int


def capture(panel) -> ReadingPlace | None:
    """The place in ``panel`` (an ``ArticlePanel``), or None when no article is open."""
    if panel.article_id is None:
        return None
    return ReadingPlace(panel.article_id, panel.current_quote_id(),
                        panel.view.verticalScrollBar().value())


def restore(panel, place: ReadingPlace) -> bool:
    """Open the article again with its quote selected and the text scrolled where it was
    (False: the article was deleted meanwhile)."""
    if panel.article_id != place.article_id and not panel.open_article(place.article_id):
        return False
    if place.quote_id is None or not panel.select_quote(place.quote_id, scroll=False):
        panel.view.show_quote(None, scroll=False)
    bar = panel.view.verticalScrollBar()
    bar.setValue(min(place.scroll, bar.maximum()))
    return True
