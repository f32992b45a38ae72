"""Every model passes pytest-qt's qtmodeltester, and the library pages its rows."""
from __future__ import annotations

from quotedesk.core.model import ArticleDraft, ExtractedQuote
from quotedesk.core.store import open_store
from quotedesk.core.store.articles import add_article
from quotedesk.core.store.quotes import quotes_for_article, review_queue
from quotedesk.core.store.speakers import list_speakers
from quotedesk.gui.library_model import ArticleTableModel
from quotedesk.gui.quote_model import QuoteSortProxy, QuoteTableModel
from quotedesk.gui.speakers_panel import SpeakerTableModel


def _many_articles(path, n=45):
    store = open_store(path)
    for i in range(n):
        text = f"Article {i}\n\"Quote number {i},\" said Speaker {i % 5}.\n"
        start = text.index('"') + 1
        end = text.index(',"') + 1
        add_article(store, ArticleDraft(text=text, title=f"Article {i:03d}", outlet=f"Outlet {i % 3}",
                                        date=f"2024-01-{1 + i % 28:02d}"),
                    [ExtractedQuote(start, end, text[start:end], speakers=(f"Speaker {i % 5}",), confidence=i / n)])
    return store


def test_library_model_pages_and_passes_modeltester(qtmodeltester, db_path):
    store = _many_articles(db_path)
    model = ArticleTableModel(store, page_size=10)
    assert model.rowCount() == 10 and model.total == 45
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 20
    model.sort(0)
    assert model.index(0, 0).data() == "Article 000"
    assert model.rowCount() == 10  # a new sort starts again from one page
    model.update_filter(search="number 7")
    assert model.total == 1
    model.update_filter(search=None, outlet="Outlet 1")
    assert model.total == 15 and model.rowCount() == 10
    # checked last: the testers fetch more from their own modelReset handler, which they then
    # report as an insert "during" the reset, so no reset may follow the check
    qtmodeltester.check(model)
    assert model.rowCount() == 15
    store.close()


def test_quote_models_pass_modeltester(qtmodeltester, db_path, library):
    store = open_store(db_path)
    model = QuoteTableModel()
    model.set_quotes(quotes_for_article(store, library["a"]))
    qtmodeltester.check(model)
    proxy = QuoteSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(3)
    qtmodeltester.check(proxy)
    assert [float(proxy.index(r, 3).data()) for r in range(3)] == [0.4, 0.8, 0.9]
    queue = QuoteTableModel(show_article=True)
    queue.set_quotes(review_queue(store), {library["a"]: "A", library["b"]: "B"})
    qtmodeltester.check(queue)
    speakers = SpeakerTableModel()
    speakers.set_speakers(list_speakers(store))
    qtmodeltester.check(speakers)
    store.close()


def test_picker_filter_passes_modeltester(qtmodeltester, qtbot, db_path, library):
    from quotedesk.gui.speaker_picker import SpeakerPicker

    store = open_store(db_path)
    picker = SpeakerPicker(store)
    qtbot.addWidget(picker)
    qtbot.keyClicks(picker.edit, "berg")
    assert picker.proxy.rowCount() == 1
    qtmodeltester.check(picker.proxy)
    store.close()


def test_review_queue_model_pages(qtmodeltester, db_path):
    from quotedesk.gui import review
    from quotedesk.gui.review import ReviewQueueModel

    store = _many_articles(db_path)
    old = review.PAGE
    review.PAGE = 10
    try:
        model = ReviewQueueModel(store)
        model.reload()
        assert model.rowCount() == 10 and model.remaining == 45
        confs = [q.confidence for q in model.quotes]
        assert confs == sorted(confs)
        qtmodeltester.check(model)  # (it fetches more pages itself)
        while model.canFetchMore():
            model.fetchMore()
        assert model.rowCount() == 45 and len({q.id for q in model.quotes}) == 45
    finally:
        review.PAGE = old
        store.close()
