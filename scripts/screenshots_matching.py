"""Screenshots of the statement-memory widgets, for docs and for eyeballing layout and colours.

    python scripts/screenshots_matching.py [--out docs/screenshots]

Builds a small demo database in a temporary folder, renders each widget offscreen in the light
and (where colours matter) the dark theme, and writes ``matching-*.png``.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from quotedesk.core.model import ArticleDraft, ExtractedQuote  # noqa: E402
from quotedesk.core.output import atomic_path  # noqa: E402
from quotedesk.core.store.articles import add_article  # noqa: E402
from quotedesk.core.store.db import open_store  # noqa: E402
from quotedesk.core.store.statements import import_rows  # noqa: E402
from quotedesk.gui.compat import guard_emit_refcount  # noqa: E402

guard_emit_refcount()  # PySide6 6.12.0 emit() refcount bug, see quotedesk.gui.compat

CLAIMS = [
    "We will cut taxes for every working family in this country by two thousand dollars.",
    "The unemployment rate has fallen to its lowest level in fifty years, and wages are rising.",
    "Tuition at public universities has doubled over the last decade while grants shrank.",
    "Crime in the capital went up by thirty percent last year.",
    "Renewable energy now supplies more than half of the electricity used in the region.",
]
VARIANTS = [
    lambda c: c,
    lambda c: c.replace("We will", "My government will").replace("has", "has clearly"),
    lambda c: "As I said before, " + c[0].lower() + c[1:],
    lambda c: c.replace(".", ", and that is a fact."),
]
OTHER = ["The bridge will be finished before the end of next summer, on budget.",
         "Our hospitals are overwhelmed and the government has done nothing to hire more nurses.",
         "I have never met the man and I never took a single dollar from his company.",
         "This budget is the fairest one the city has seen in a generation.",
         "We are not going to raise the retirement age, full stop."]


def build_demo(path: Path):
    store = open_store(path)
    rnd = random.Random(7)
    rows, n = [], 0
    for year in range(2016, 2025):
        for _ in range(4):
            n += 1
            if rnd.random() < 0.75:
                claim = CLAIMS[rnd.randrange(len(CLAIMS))]
                text = VARIANTS[rnd.randrange(len(VARIANTS))](claim)
            else:
                text = OTHER[rnd.randrange(len(OTHER))]
            date = f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
            rows.append((n, 0, {"id": f"pf-{n:03d}", "text": text, "speaker": "Jane Miller", "date": date,
                                "source": rnd.choice(["PolitiFact", "Campaign site", "Senate record",
                                                      "TV interview"]),
                                "title": None, "url": f"https://example.org/pf-{n:03d}"}, None))
    rows.append((n + 1, 0, {"id": "pf-tb1", "text": CLAIMS[0].replace("We", "They"), "speaker": "Tom Baker",
                            "date": "2020-05-05", "source": "Debate", "title": None, "url": None}, None))
    import_rows(store, rows)
    quote_ids = []
    for title, date, outlet, quotes in [
        ("Miller repeats her tax pledge", "2024-10-02", "Daily Bugle",
         ["We will cut taxes for every family in this country by three thousand dollars.",
          "Tuition at public universities has doubled while grants shrank."]),
        ("Miller on jobs", "2023-03-14", "The Courier",
         ["The unemployment rate has fallen to its lowest level in fifty years.",
          "Fewer people are out of work than at any time in half a century."]),
    ]:
        text, ex = "", []
        for q in quotes:
            lead = "Jane Miller said: \u201c"
            start = len(text) + len(lead)
            text += lead + q + "\u201d\n\n"
            ex.append(ExtractedQuote(start, start + len(q), q, speakers=("Jane Miller",)))
        aid, _ = add_article(store, ArticleDraft(text, title, outlet=outlet, date=date), ex)
        quote_ids += [r["id"] for r in store.query("SELECT id FROM quotes WHERE article_id = ? ORDER BY start",
                                                   (aid,))]
    from quotedesk.core.matching import semantic

    if semantic.available():  # the semantic stage, as after a real import
        semantic.index_statements(store)
        semantic.index_quotes(store)
    return store, quote_ids


def wait_for(signal, timeout_ms: int = 15_000) -> list:
    """Run the event loop until ``signal`` fires (or the timeout); returns its arguments."""
    loop, got = QEventLoop(), []
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)

    def done(*args):
        got.extend(args)
        loop.quit()
    signal.connect(done)
    timer.start(timeout_ms)
    loop.exec()
    timer.stop()
    signal.disconnect(done)
    return got


def settle(ms: int = 50) -> None:
    """Let pending events (layouts, paints, queued results) run for ``ms``."""
    loop = QEventLoop()
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(ms)
    loop.exec()


def big_timeline():
    """A timeline of 1,000 statements (20 recurring claims, some one-offs, a few undated)."""
    from quotedesk.core.matching.timeline import TimelineItem
    from quotedesk.gui.matching import SpeakerTimeline
    from quotedesk.gui.matching.timeline_view import cluster_numbers
    rnd = random.Random(11)
    topics = [f"{a} {b}" for a in ("taxes", "the port", "nurses", "rents", "the ferry")
              for b in ("must fall", "will be fixed", "are our priority", "cost too much")]
    items = []
    for i in range(1000):
        if rnd.random() < 0.85:
            t = rnd.choice(topics)
            text = f"I said it before and I say it again: {t}, {rnd.choice(['believe me', 'full stop', 'no doubt'])}."
        else:
            text = f"One-off remark number {i} about {rnd.choice(['football', 'weather', 'music'])} {i * 7919}."
        date = None if rnd.random() < 0.02 else f"{rnd.randint(2012, 2025)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        items.append(TimelineItem(f"x{i}", text, "Jane Miller", date, "Synthetic", False))
    tl = SpeakerTimeline()
    tl.set_statements(items, cluster_numbers(items), title="1,000 statements (synthetic)")
    tl.resize(1100, 760)
    tl.show()
    tl.select_statement(0)
    settle()
    return tl


def set_theme(app: QApplication, theme: str) -> None:
    try:
        from quotedesk.gui.theme import apply_theme
    except ImportError:  # the main window's theme module is not there: Fusion + its palette
        app.setStyle("Fusion")
        return
    apply_theme(app, theme)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="docs/screenshots")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])

    from quotedesk.gui.matching import (DiffView, MatchesPanel, RematchDialog, SpeakerTimeline,
                                        VerdictDialog)
    from quotedesk.core.matching.verdicts import set_verdict

    tmp = Path(tempfile.mkdtemp(prefix="qd-shots-"))
    store, quote_ids = build_demo(tmp / "demo.db")
    tax = store.query("SELECT ext_id FROM statements WHERE text LIKE 'We will cut taxes%' ORDER BY date LIMIT 1")
    set_verdict(store, tax[0]["ext_id"], "false",
                "The plan in the budget was one thousand dollars per family, not two.")
    shots = []
    for theme in ("light", "dark"):
        set_theme(app, theme)
        suffix = "" if theme == "light" else "-dark"

        panel = MatchesPanel()
        panel.set_store(store)
        panel.resize(1000, 360)
        panel.show()
        # the quote whose best match carries the verdict
        ready = None
        for qid in quote_ids:
            panel.show_quote(qid)
            wait_for(panel.sig_results_ready)
            if panel.banner_text():
                ready = qid
                break
        settle()
        shots.append((panel, f"matching-panel{suffix}.png"))
        if theme == "light":  # a reworded quote found by meaning (no content word in common)
            meaning = MatchesPanel()
            meaning.set_store(store)
            meaning.resize(1000, 300)
            meaning.show()
            meaning.show_quote(quote_ids[-1])
            wait_for(meaning.sig_results_ready)
            settle()
            shots.append((meaning, "matching-by-meaning.png"))

        diff = DiffView()
        diff.resize(1000, 260)
        row = panel.model.match_row(0) if ready is not None else None
        if row is not None:
            diff.set_statements(row.text, panel._result.quote_text,
                                f"{row.statement_id} · {row.speaker} · {row.date}",
                                f"this quote · Jane Miller · {panel._result.quote_date}")
        diff.show()
        settle()
        shots.append((diff, f"matching-diff{suffix}.png"))

        tl = SpeakerTimeline()
        tl.set_store(store)
        tl.resize(1100, 760)
        tl.show()
        tl.show_speaker("Jane Miller")
        wait_for(tl.sig_loaded)
        if tl.statements():  # the latest change of wording of the largest claim thread
            biggest = max(set(tl.clusters()), key=tl.clusters().count)
            members = [i for i, c in enumerate(tl.clusters()) if c == biggest]
            changed = [i for i in members if tl.canvas.mark(i) == "changed"]
            tl.select_statement(max(changed or members, key=lambda i: tl.occurrences()[i].position))
        settle()
        shots.append((tl, f"matching-timeline{suffix}.png"))

        if theme == "light":
            shots.append((big_timeline(), "matching-timeline-1000.png"))
            empty = SpeakerTimeline()
            empty.resize(700, 260)
            empty.show()
            settle()
            shots.append((empty, "matching-timeline-empty.png"))
            vd = VerdictDialog(store, tax[0]["ext_id"])
            vd.show()
            settle()
            shots.append((vd, "matching-verdict.png"))
            rd = RematchDialog(store)
            rd.show()
            rd.start()
            wait_for(rd.sig_finished)
            settle()
            shots.append((rd, "matching-rematch.png"))
        for w, name in shots:
            with atomic_path(out / name) as tmp:  # an interrupted run leaves the previous one
                w.grab().save(str(tmp), "PNG")
        for w, _name in shots:
            w.close()
            w.deleteLater()
        shots.clear()
        settle()
    from quotedesk.gui.workers import wait_all
    wait_all()
    settle()
    store.close()
    for p in sorted(out.glob("matching-*.png")):
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
