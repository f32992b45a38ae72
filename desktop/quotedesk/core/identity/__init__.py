"""Speaker identity across articles, decided in one place and without a database.

``evidence.article_speakers`` reads what an article says about each of its speakers (the name the
article resolves, the fullest mention, role, organisation, honorific, outlet, date) and which
names are not speakers at all (datelines, bylines, photo credits, places, times); ``decide``
compares one of them with the existing speakers and returns same / new / ask (merge suggestions
with reasons) / scoped (a generic name: this article only). The store
(``quotedesk.core.store.speakers``) only persists those decisions. ``names`` holds the name
normalisation both use (titles, initials, diacritics, Mr./Ms., Jr./Sr.).
"""
from __future__ import annotations

from quotedesk.core.identity.decide import ASK, NEW, SAME, SCOPED, Candidate, Decision, Suggestion, decide
from quotedesk.core.identity.evidence import ArticleSpeaker, ArticleSpeakers, article_speakers
from quotedesk.core.identity.names import is_generic, name_key, parse_name

__all__ = ["ASK", "NEW", "SAME", "SCOPED", "ArticleSpeaker", "ArticleSpeakers", "Candidate", "Decision",
           "Suggestion", "article_speakers", "decide", "is_generic", "name_key", "parse_name"]
