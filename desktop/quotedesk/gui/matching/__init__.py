"""Statement-memory widgets (issue 5): matches panel, diff view, speaker timeline, verdicts, re-match.

Self-contained widgets the main window embeds; each takes the GUI thread's ``Store`` and runs
slow work through :func:`quotedesk.gui.workers.run_in_background` with a store of its own.
"""
from __future__ import annotations

from quotedesk.gui.matching.diff_view import DiffView
from quotedesk.gui.matching.match_model import MatchTableModel
from quotedesk.gui.matching.matches_panel import MatchesPanel
from quotedesk.gui.matching.rematch_dialog import RematchDialog
from quotedesk.gui.matching.timeline_view import ClusterStatementsModel, SpeakerTimeline
from quotedesk.gui.matching.verdict_dialog import VerdictDialog

__all__ = ["ClusterStatementsModel", "DiffView", "MatchTableModel", "MatchesPanel", "RematchDialog",
           "SpeakerTimeline", "VerdictDialog"]
