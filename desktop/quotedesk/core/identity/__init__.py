"""Speaker identity across articles, decided in one place and without a database.

``evidence`` reads what an article says about each of its speakers; ``decide`` compares one of
them with the existing speakers and returns same / new / ask (a merge suggestion) / scoped; the
store (``quotedesk.core.store.speakers``) only persists those decisions. ``names`` holds the
name normalisation both use.
"""
from __future__ import annotations

from quotedesk.core.identity.decide import ASK, NEW, SAME, SCOPED, Candidate, Decision, Suggestion, decide
from quotedesk.core.identity.evidence import ArticleSpeaker, ArticleSpeakers, article_speakers
from quotedesk.core.identity.names import is_generic, name_key, parse_name

__all__ = ["ASK", "NEW", "SAME", "SCOPED", "ArticleSpeaker", "ArticleSpeakers", "Candidate", "Decision",
           "Suggestion", "article_speakers", "decide", "is_generic", "name_key", "parse_name"]
