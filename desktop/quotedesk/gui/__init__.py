"""The desktop app (PySide6). Everything here calls the Qt-free core; nothing in the core calls back.

Modules, one concern each:

* ``app`` – start-up: QApplication, store, first-run seeds, window, error dialogs, logging.
* ``main_window`` – the window: side tabs, article panel, undo stack and history dock, actions.
* ``library_model`` / ``library_panel`` – the paged article table and its filter bar.
* ``article_panel`` / ``article_view`` / ``highlighter`` / ``offsets`` – the open article: text with
  quotes highlighted (QSyntaxHighlighter + ExtraSelections overlay, never editing the document).
* ``quote_model`` / ``details_pane`` – quote tables (article, review queue, search) and the evidence.
* ``review`` / ``search_panel`` / ``speakers_panel`` / ``matches_tab`` – the other side tabs.
* ``commands`` / ``span_ops`` – thin QUndoCommands over the core's invertible edits.
* ``speaker_picker`` / ``dialogs`` – type-ahead speaker picker and small dialogs.
* ``workers`` / ``importing`` – ``run_in_background`` and background imports.
* ``exports`` / ``export_actions`` – CSV/JSON exports and the HTML/PDF report.
* ``settings`` / ``theme`` / ``colors`` / ``icons`` – typed QSettings, themes, speaker colours, icons.
"""
