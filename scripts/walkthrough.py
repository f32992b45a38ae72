"""A fact-checker's walkthrough in the real window, one screenshot per step (issue 15).

    python scripts/walkthrough.py [--out docs/screenshots]

Runs offscreen on a database in a temporary folder: imports the bundled seeds plus a small dated
library written below (a councillor repeating, then rewording, one claim over fifteen months, and
another speaker echoing it), opens the newest article and selects the repeated claim, shows its
earlier matches, opens the speaker's timeline, compares with the selected match (old left, new
right), records a verdict on the first occurrence and sees it carried to the new quote, sets the
publishing organisation and exports ClaimReview JSON-LD (each record checked against the
properties Google's fact-check markup requires and recommends). Each step is saved as
``walkthrough-N-*.png``, written whole or not at all (``core.output.atomic_path``).
Exits non-zero, naming the step, when a step does not show what it should.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit  # noqa: E402

from quotedesk.core.output import atomic_path, atomic_write_text  # noqa: E402
from quotedesk.gui.compat import guard_emit_refcount  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots_matching import wait_for as _wait_for  # noqa: E402

guard_emit_refcount()

ROOT = Path(__file__).resolve().parents[1]
CLAIM = "The harbour tram will carry ten thousand passengers a day within a year of opening."

#: (file name, text): the dated library (invented texts; the header line gives outlet and date),
#: stored as web pages so each article has its address (a ClaimReview appearance needs one)
LIBRARY = (
    ("2023-02-tram-plan.txt",
     "Council backs harbour tram plan\nBy Lea Kovac | Port Halden Courier | 2023-02-10\n\n"
     "The city council voted on Thursday to build a tram line along the harbour front.\n\n"
     f"\u201c{CLAIM}\u201d said Councillor Petra Vogt, who led the project.\n\n"
     "Opponents said the money would be better spent on buses.\n"),
    ("2023-09-tram-works.txt",
     "Tram works begin on the quay\nBy Omar Haddad | Harbor Gazette | 2023-09-18\n\n"
     "Diggers moved onto the quay on Monday as work on the harbour tram began.\n\n"
     "\u201cWithin a year of opening, the harbour tram will carry ten thousand passengers every "
     "day,\u201d Councillor Petra Vogt said at the site.\n\n"
     "Shop owners on the quay complained about the noise.\n"),
    ("2023-11-tram-echo.txt",
     "Business group welcomes tram\nBy Lea Kovac | Port Halden Courier | 2023-11-02\n\n"
     "The chamber of commerce gave its backing to the tram on Wednesday.\n\n"
     "\u201cThe harbour tram will carry ten thousand passengers a day within a year,\u201d said "
     "Marta Iles, the chamber's president.\n"),
    ("2024-05-tram-opens.txt",
     "Harbour tram opens to the public\nBy Omar Haddad | Harbor Gazette | 2024-05-06\n\n"
     "The first tram rolled along the harbour front on Sunday, watched by a large crowd.\n\n"
     "\u201cIn its first year the harbour tram will carry ten thousand passengers a day,\u201d "
     "Councillor Petra Vogt said as she cut the ribbon.\n\n"
     "Tickets cost two euros for a single ride.\n"),
)


def as_page(name: str, text: str) -> str:
    """One library article as a small web page: title, outlet, date and canonical address."""
    from html import escape

    title, header, *paragraphs = [p for p in text.split("\n") if p.strip()]
    _author, outlet, date = (f.strip() for f in header.split("|"))
    url = f"https://{outlet.lower().replace(' ', '')}.example/{name.removesuffix('.txt')}"
    body = "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{escape(title)}</title>"
            f'<meta property="og:title" content="{escape(title)}">'
            f'<meta property="og:site_name" content="{escape(outlet)}">'
            f'<meta property="article:published_time" content="{date}">'
            f'<link rel="canonical" href="{url}"></head>\n'
            f"<body><article><h1>{escape(title)}</h1>\n{body}</article></body></html>\n")


def settle(ms: int = 80) -> None:
    loop, timer = QEventLoop(), QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(ms)
    loop.exec()


def wait_for(signal, timeout_ms: int = 20_000) -> list:
    """The screenshot script's wait (same event loop and timeout handling), with a longer default."""
    return _wait_for(signal, timeout_ms)


def wait_until(ready, timeout_ms: int = 60_000) -> bool:
    """Run the event loop until ``ready()`` holds (or the timeout): on a loaded machine a
    background match can take longer than one signal's wait."""
    import time

    deadline = time.monotonic() + timeout_ms / 1000
    while not ready() and time.monotonic() < deadline:
        settle(20)
    return ready()


class StepFailed(RuntimeError):
    pass


def check(ok: bool, step: str, what: str) -> None:
    if not ok:
        raise StepFailed(f"step {step}: {what}")


def shoot(widget, out: Path, name: str, shots: list) -> None:
    settle()
    with atomic_path(out / name) as tmp:  # an interrupted run leaves the previous picture
        check(widget.grab().save(str(tmp), "PNG"), name, "the screenshot could not be written")
    shots.append(out / name)


def run(out: Path, work: Path) -> list[Path]:
    from quotedesk.core.importer import import_paths
    from quotedesk.core.matching.claimreview import Publisher, missing_properties
    from quotedesk.core.store.db import open_store
    from quotedesk.gui.main_window import LIBRARY_TAB, MATCHES_TAB, MainWindow
    from quotedesk.gui.matching import SpeakerTimeline
    from quotedesk.gui.matching.publisher_dialog import PublisherDialog, save_publisher
    from quotedesk.gui.settings import Settings
    from quotedesk.gui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_theme(app, "light")
    shots: list[Path] = []
    lib = work / "library"
    lib.mkdir()
    for name, text in LIBRARY:
        atomic_write_text(lib / name.replace(".txt", ".html"), as_page(name, text))
    store = open_store(work / "walkthrough.db")
    report = import_paths(store, [ROOT / "seeds", lib], match=True)
    check(not report.failed, "1", f"import failed: {report.failed}")

    settings = Settings(work / "settings.ini")
    window = MainWindow(store, settings)
    window.resize(1500, 880)
    window.show()
    settle(300)

    # 1. the library after the import: seeds and the dated tram articles, newest first
    window.tabs.setCurrentIndex(LIBRARY_TAB)
    check(window.library.model.total == len(report.added), "1", "the library does not list every article")
    shoot(window, out, "walkthrough-1-library.png", shots)

    # 2. the newest tram article, the repeated claim selected, its earlier matches listed
    newest = store.query("SELECT id FROM articles WHERE date = '2024-05-06'")[0]["id"]
    window.open_article(newest)
    quote = next(q for q in window.article.model.quotes if "ten thousand passengers" in q.text)
    window.article.select_quote(quote.id)
    panel = window.matches
    window.splitter.setSizes([900, 600])  # room for the statement column
    window.tabs.setCurrentIndex(MATCHES_TAB)
    if panel.busy or panel.current_quote_id() != quote.id:
        wait_for(panel.sig_results_ready)
    settle(200)
    rows = panel.earlier_rows()
    check(len(rows) >= 2, "2", f"expected the 2023 repeats among the earlier matches, got {len(rows)}")
    check(all(r.date is None or r.date < "2024-05-06" for r in rows), "2", "a match is not earlier")
    shoot(window, out, "walkthrough-2-matches.png", shots)

    # 3. the speaker's timeline (Ctrl+T)
    window.statements_menu.act_timeline.trigger()
    dialog = window.statements_menu.timeline_dialog
    timeline = dialog.findChild(SpeakerTimeline)
    if not timeline.statements():
        wait_for(timeline.sig_loaded)
    check(len(timeline.statements()) >= 3, "3", "the timeline lacks Vogt's statements")
    timeline.select_statement(0)  # the first occurrence: its thread in the table below
    dialog.resize(1100, 620)
    shoot(dialog, out, "walkthrough-3-timeline.png", shots)
    dialog.close()
    if window.article.current_quote_id() != quote.id:  # the timeline opened the clicked occurrence
        window.open_quote(newest, quote.id)
    if panel.busy or panel.current_quote_id() != quote.id:
        wait_for(panel.sig_results_ready)
    settle(200)
    rows = panel.earlier_rows()

    # 4. compare with the first occurrence (selected in the panel: old left, new right)
    first = min(range(len(rows)), key=lambda i: (rows[i].speaker != "Petra Vogt", rows[i].date or "9"))
    panel.select_row(first)
    window.statements_menu.act_compare.trigger()
    settle(200)
    diff = window.statements_menu.diff_view
    check(diff is not None and diff.isVisible(), "4", "the compare window did not open")
    shoot(window.statements_menu._diff_dialog, out, "walkthrough-4-compare.png", shots)
    window.statements_menu._diff_dialog.close()

    # 5. a verdict on the first occurrence
    panel.select_row(first)
    panel.verdict_button.click()
    vd = panel._verdict_dialog
    vd.set_label("misleading")
    vd.set_note("The council's own study forecast 6,500 passengers a day in the first year.")
    shoot(vd, out, "walkthrough-5-verdict.png", shots)
    check(vd.save(), "5", "the verdict was not saved")
    vd.close()

    # 6. the verdict carried to the new quote
    panel.show_quote(None)
    panel.show_quote(quote.id)
    wait_until(lambda: not panel.busy and "misleading" in panel.banner_text().lower())
    settle(200)
    check("misleading" in panel.banner_text().lower(), "6",
          f"the carried verdict is not shown (banner: {panel.banner_text()!r})")
    shoot(window, out, "walkthrough-6-verdict-carried.png", shots)

    # 7. the publishing organisation (Statements > ClaimReview publisher…)
    pd = PublisherDialog(Publisher(), window)
    for key, value in (("name", "Port Halden Fact Desk"), ("url", "https://factdesk.example"),
                       ("logo_url", "https://factdesk.example/logo.png"),
                       ("review_url_pattern", "https://factdesk.example/checks/{id}")):
        pd.edits[key].setText(value)
    pd.resize(640, pd.sizeHint().height())
    pd.show()
    shoot(pd, out, "walkthrough-7-publisher.png", shots)
    check(not pd.publisher().missing(), "7", "the publisher is incomplete")
    save_publisher(settings, pd.publisher())
    pd.close()

    # 8. the ClaimReview export, every record publishable
    target = work / "verdicts.jsonld"
    window.statements_menu.export_verdicts("jsonld", str(target))
    settle(200)
    box = getattr(window.statements_menu, "notes_box", None)
    if box is not None:
        box.close()
    raw = target.read_text(encoding="utf-8")
    items = json.loads(raw)
    check(len(items) == 1, "8", f"expected one review, got {len(items)}")
    lacking = missing_properties(items[0])
    check(not lacking, "8", f"the review lacks {lacking}")
    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.setWindowTitle(f"{target.name} — ClaimReview JSON-LD")
    view.setPlainText(raw)
    view.resize(900, 720)
    view.show()
    shoot(view, out, "walkthrough-8-claimreview.png", shots)
    view.close()

    from quotedesk.gui.workers import wait_all
    window.close()
    wait_all()
    settle()
    store.close()
    return shots


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="qd-walk-") as tmp:
        os.environ["QUOTEDESK_SETTINGS"] = str(Path(tmp) / "settings.ini")
        try:
            shots = run(out, Path(tmp))
        except StepFailed as exc:
            print(f"walkthrough: {exc}", file=sys.stderr)
            return 1
    for p in shots:
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
