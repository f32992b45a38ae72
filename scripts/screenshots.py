"""Regenerate the README screenshots from the real window (offscreen, temporary database).

    python scripts/screenshots.py [--out docs/screenshots]

Imports the bundled seed articles into a fresh database, opens putin-trump-call with a quote
selected, and saves main-window.png, review-queue.png, speakers.png and main-window-dark.png
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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--theme", default="light", choices=("light", "dark", "system"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="quotedesk-shots-"))
    os.environ["QUOTEDESK_SETTINGS"] = str(tmp / "settings.ini")

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
    window.tabs.setCurrentIndex(SPEAKERS_TAB)
    while window.speakers.is_loading:
        app.processEvents()
    window.speakers.load_now()
    window.speakers.table.selectRow(0)
    save("speakers.png")
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
