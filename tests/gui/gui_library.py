"""A small library stored through the core, for GUI tests (imported by conftest and tests)."""
from __future__ import annotations

from quotedesk.core.model import ArticleDraft, ExtractedQuote, Span
from quotedesk.core.store import open_store
from quotedesk.core.store.articles import add_article

TEXT_A = (
    "Leaders agree to talk\n"
    "The mayor said the bridge would reopen soon.\n"
    "\"We will reopen the bridge in May,\" Mayor Anna Berg said on Monday.\n"
    "Critics were unconvinced. \"This is a fantasy,\" said Tom Ruiz, a councillor.\n"
    "She added: \"The money is there.\"\n"
)
TEXT_B = (
    "Strike ends at the factory\n"
    "\"We won,\" the union said in a statement.\n"
    "The company said production would restart on Tuesday.\n"
)


def _q(text: str, fragment: str, speaker: str | None, *, conf: float, cue: str | None = None,
       mention: str | None = None, resolved_from: str | None = None, kind: str = "direct") -> ExtractedQuote:
    start = text.index(fragment)
    end = start + len(fragment)
    cue_span = None
    if cue:
        c = text.find(cue, end)
        if c < 0:
            c = text.rindex(cue, 0, start)
        cue_span = Span(c, c + len(cue))
    mention_span = None
    if mention:
        m = text.find(mention, end)
        if m < 0:
            m = text.rindex(mention, 0, start)
        mention_span = Span(m, m + len(mention))
    return ExtractedQuote(start=start, end=end, text=fragment, kind=kind, speakers=(speaker,) if speaker else (),
                          confidence=conf, cue=cue, cue_span=cue_span, mention=mention, mention_span=mention_span,
                          resolved_from=resolved_from, speaker_kind="person")


def build_library(path) -> dict:
    """Two articles with quotes, stored through the core; returns their ids."""
    store = open_store(path)
    try:
        a, _ = add_article(store, ArticleDraft(text=TEXT_A, title="Leaders agree to talk", outlet="Harbor Gazette",
                                               date="2024-05-02"), [
            _q(TEXT_A, "We will reopen the bridge in May,", "Anna Berg", conf=0.9, cue="said",
               mention="Mayor Anna Berg"),
            _q(TEXT_A, "This is a fantasy,", "Tom Ruiz", conf=0.8, cue="said", mention="Tom Ruiz"),
            _q(TEXT_A, "The money is there.", "Anna Berg", conf=0.4, cue="added", mention="She",
               resolved_from="She"),
        ])
        b, _ = add_article(store, ArticleDraft(text=TEXT_B, title="Strike ends at the factory", outlet="Rundschau",
                                               date="2024-04-10"), [
            _q(TEXT_B, "We won,", "the union", conf=0.6, cue="said", mention="the union"),
        ])
    finally:
        store.close()
    return {"a": a, "b": b}
