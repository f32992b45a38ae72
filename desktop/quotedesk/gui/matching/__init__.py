"""Statement-memory widgets (issue 5): matches panel, diff view, speaker timeline, verdicts, re-match.

Self-contained widgets the main window embeds; each takes the GUI thread's ``Store`` and runs slow
work through :func:`quotedesk.gui.workers.run_in_background` with a store of its own. Wiring::

    panel = MatchesPanel(top=10); panel.set_store(store); panel.set_undo_stack(undo_stack)
    quote_table_selection -> panel.show_quote(quote_id | None)
    panel.sig_compare_requested -> diff_view.set_statements      # same 4-argument signature
    panel.sig_open_quote(quote_id) -> main window opens that quote's article
    panel.sig_match_status_changed / sig_verdict_changed -> refresh what depends on them
    after an import or a re-match -> panel.refresh(); after verdict edits elsewhere -> reload_verdicts()

    timeline = SpeakerTimeline(); timeline.set_store(store)
    speakers_panel selection -> timeline.show_speaker(speaker_id or name)
    timeline.sig_statement_selected(statement_id)  # "q<id>" is a stored quote, else an imported id

    VerdictDialog(store, statement_id, parent).open()   # sig_verdict_saved(statement_id, label)
    RematchDialog(store, parent, quote_ids=None).show(); .start()   # sig_finished(RematchReport)
"""
from __future__ import annotations

from quotedesk.gui.matching.diff_view import DiffView
from quotedesk.gui.matching.match_model import MatchFilterProxy, MatchTableModel
from quotedesk.gui.matching.matches_panel import MatchesPanel
from quotedesk.gui.matching.rematch_dialog import RematchDialog
from quotedesk.gui.matching.timeline_view import ClusterStatementsModel, SpeakerTimeline
from quotedesk.gui.matching.verdict_dialog import VerdictDialog

__all__ = ["ClusterStatementsModel", "DiffView", "MatchFilterProxy", "MatchTableModel",
           "MatchesPanel", "RematchDialog", "SpeakerTimeline", "VerdictDialog"]
