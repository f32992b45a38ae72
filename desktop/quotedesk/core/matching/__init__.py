"""Statement memory: find earlier statements that match a quote (FTS5 candidates, rapidfuzz rerank).

Modules: ``text`` (analysis), ``candidates`` (stage 1), ``rerank`` (stage 2), ``kinds``,
``diff``, ``timeline``, ``verdicts``, ``service`` (the API below), ``bench``.
"""
from __future__ import annotations

from quotedesk.core.matching.service import (
    Match,
    MatchOptions,
    find_matches,
    find_matches_plan,
    match_quote,
    rematch_all,
    save_matches,
    set_match_status,
    stored_matches,
)

__all__ = ["Match", "MatchOptions", "find_matches", "find_matches_plan", "match_quote",
           "rematch_all", "save_matches", "set_match_status", "stored_matches"]
