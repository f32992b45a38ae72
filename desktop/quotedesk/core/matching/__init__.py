"""Statement memory: find earlier statements that match a quote (FTS5 candidates, rapidfuzz and
sentence-vector rerank).

Modules: ``text`` (analysis), ``candidates`` (stage 1), ``rerank`` (stage 2), ``semantic``
(sentence vectors: stage 3, used inside 1 and 2), ``kinds``,
``diff``, ``timeline``, ``verdicts``, ``service`` (the API below), ``bench``.
"""
from __future__ import annotations

from quotedesk.core.matching.service import (
    Match,
    MatchOptions,
    decide_match,
    find_matches,
    find_matches_plan,
    get_statement,
    match_quote,
    rematch_all,
    resolve_statement,
    save_matches,
    set_match_status,
    stored_matches,
)

__all__ = ["Match", "MatchOptions", "decide_match", "find_matches", "find_matches_plan",
           "get_statement", "match_quote", "rematch_all", "resolve_statement", "save_matches",
           "set_match_status", "stored_matches"]
