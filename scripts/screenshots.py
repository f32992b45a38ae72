"""Regenerate the README screenshots from the real window (offscreen, temporary database).

    python scripts/screenshots.py [--out docs/screenshots]

Imports the bundled seed articles into a fresh database, opens putin-trump-call with a quote
selected, and saves main-window.png, review-queue.png, speakers.png (with a merge question from three
small articles written here), speakers-split.png (the split dialog) and main-window-dark.png
at 1400x900 (the settings file is a temporary one: the user's theme is not touched).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]

#: Written for the Speakers screenshot: the same surname, two people, and one bare mention.
IDENTITY_ARTICLES = (
    'Prime Minister Boris Johnson defended the budget on Monday. "We will not raise taxes," Johnson said. '
    '"Growth is coming," he added. "Borrowing stays flat," Johnson said later.',
    'House Speaker Mike Johnson rejected the plan. "This bill is dead," Johnson told reporters.',
    'The debate went on for hours. "Nothing changes tonight," Johnson said.',
)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--theme", default="light", choices=("light", "dark", "system"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="quotedesk-shots-"))
    os.environ["QUOTEDESK_SETTINGS"] = str(tmp / "settings.ini")

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from quotedesk.core.output import atomic_path
    from quotedesk.gui.app import make_app, open_window
    from quotedesk.gui.main_window import REVIEW_TAB, SPEAKERS_TAB
    from quotedesk.gui.settings import Settings
    from quotedesk.gui.theme import apply_theme

    app = make_app()
    apply_theme(app, args.theme)
    window = open_window(tmp / "quotedesk.db", seed=True, settings=Settings(tmp / "settings.ini"))
    from quotedesk.gui.workers import wait_all

    app.processEvents()
    wait_all(120_000)  # the seeds' sentence vectors, computed in the background at first start
    app.processEvents()
    window.resize(1400, 900)
    window.show()
    app.processEvents()

    lib = window.library.model
    target = None
    for row in range(lib.rowCount()):
        if "Putin" in (lib.index(row, 0).data() or ""):
            target = row
    if target is None:
        print("the putin-trump-call seed article is missing", file=sys.stderr)
        return 1
    window.library.table.selectRow(target)
    app.processEvents()
    quotes = window.article.model.quotes
    pick = None
    if quotes:
        pick = next((q for q in quotes if q.cue_start is not None and q.mention_start is not None), quotes[0])
        window.article.select_quote(pick.id)
    window.article.table.setFocus()
    app.processEvents()

    def save(name: str) -> None:
        app.processEvents()
        pix = window.grab()
        path = out / name
        with atomic_path(path) as part:  # an interrupted run leaves the previous screenshot
            pix.save(str(part), "PNG")
        print(f"{path} {pix.width()}x{pix.height()}")

    save("main-window.png")
    window.show_tab(REVIEW_TAB)
    window.review.select_row(0)
    window.review.table.setFocus()
    # a little real work, so the history dock and the counts show something: confirm two quotes
    window.act_confirm.trigger()
    window.review.table.setFocus()
    window.act_confirm.trigger()
    save("review-queue.png")
    # speaker identity (issue 12): two Johnsons and a bare "Johnson" make a merge question
    from quotedesk.core.importer import import_draft
    from quotedesk.core.model import ArticleDraft

    for n, text in enumerate(IDENTITY_ARTICLES, start=1):
        import_draft(window.store, ArticleDraft(text, title=f"Budget debate, day {n}", outlet="Harbor Gazette",
                                                date=f"2024-06-0{n}"))
    window.tabs.setCurrentIndex(SPEAKERS_TAB)
    while window.speakers.is_loading:
        app.processEvents()
    window.speakers.load_now()
    panel = window.speakers
    box = panel.suggestions
    box.list.setCurrentRow(next((i for i in range(box.list.count()) if "Boris" in box.list.item(i).text()), 0))
    panel.filter.setText("Johnson")
    panel.table.selectRow(0)
    save("speakers.png")
    panel.select_speaker(next(panel.model.speaker(r)["id"] for r in range(panel.model.rowCount())
                              if panel.model.speaker(r)["name"] == "Boris Johnson"))
    panel.split_button.click()
    dialog = panel.split_dialog
    dialog.names.setCurrentIndex(0)  # every quote of the speaker
    dialog.quotes.item(dialog.quotes.count() - 1).setCheckState(Qt.CheckState.Unchecked)
    dialog.name.setText("Ken Johnson")  # the analyst's answer
    app.processEvents()
    pix = dialog.grab()
    with atomic_path(out / "speakers-split.png") as part:
        pix.save(str(part), "PNG")
    print(f"{out / 'speakers-split.png'} {pix.width()}x{pix.height()}")
    dialog.reject()
    panel.filter.setText("")
    # statement memory: a quote of the bridge's reopening, matched against what was said before
    from quotedesk.core.store.quotes import search_quotes
    from quotedesk.gui.workers import wait_all

    matched = None
    for q in search_quotes(window.store, "", limit=500):  # newest articles first
        if q.speaker_label == "Ana Rivera" and window.store.execute(
                "SELECT count(*) FROM matches WHERE quote_id = ? AND score >= 60", (q.id,)).fetchone()[0] >= 1:
            matched = q
            break
    if matched is not None:
        window.open_quote(matched.article_id, matched.id)
        window.tabs.setCurrentIndex(window.tabs.count() - 1)  # Matches
        import time

        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and window.matches.model.rowCount() == 0:
            time.sleep(0.05)  # the panel debounces, then matches in a worker thread
            wait_all(1000)
            app.processEvents()
        window.splitter.setSizes([640, 760])
        save("matches.png")
    if args.theme != "dark":  # the same window in the dark theme
        window.tabs.setCurrentIndex(0)
        window.set_theme("dark")
        window.open_quote(pick.article_id, pick.id) if quotes else None
        save("main-window-dark.png")
        window.set_theme(args.theme)
    window.close()
    window.store.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
