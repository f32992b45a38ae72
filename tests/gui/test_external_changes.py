"""The window notices what another process writes into the open database (issue 15):
``quotedesk import`` run in a subprocess while the window is open adds articles, speakers and
earlier statements; the library, speakers and matches refresh within seconds, and the selected
article, the library's scroll position, the article being read and the selected match stay."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from quotedesk.core.store.db import open_store
from quotedesk.gui.library_model import ArticleIdRole

from tests.core.matching_helpers import add_quotes_article

ROOT = Path(__file__).resolve().parents[2]
PLEDGE = "We will reopen the harbour bridge to traffic before the end of May this year."


def _run_cli(*args) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "desktop"))
    return subprocess.run([sys.executable, "-m", "quotedesk", *args], env=env, capture_output=True,
                          text=True, timeout=240)


def test_an_import_by_another_process_appears_without_losing_the_place(qtbot, tmp_path, db_path,
                                                                     make_window):
    s = open_store(db_path)
    for i in range(80):  # enough articles for the library to scroll
        add_quotes_article(s, f"Council notes {i:02d}", f"2024-02-{1 + i % 28:02d}", "Harbor Gazette",
                           [(f"Item {i} of the agenda was adopted without a vote.", "Tom Ruiz")])
    (old_q,) = add_quotes_article(s, "Berg in January", "2024-01-15", "Harbor Gazette",
                                  [("We will reopen the harbour bridge before the end of May.", "Anna Berg")])
    (qid,) = add_quotes_article(s, "Berg on the bridge", "2024-06-03", "Harbor Gazette",
                                [(PLEDGE, "Anna Berg")])
    aid = s.query("SELECT article_id FROM quotes WHERE id = ?", (qid,))[0]["article_id"]
    s.close()

    window = make_window()
    watcher = window.external_changes
    lib, panel = window.library, window.matches
    window.open_article(aid)
    window.tabs.setCurrentIndex(next(i for i in range(window.tabs.count())
                                     if window.tabs.tabText(i).startswith("Matches")))
    window.open_quote(aid, qid)
    qtbot.waitUntil(lambda: panel.current_quote_id() == qid and not panel.busy
                    and panel.counts()["earlier"] == 1, timeout=20_000)
    assert panel.selected_row().row_id == old_q  # the January quote, the only earlier one
    lib.model.fetchMore()
    speakers = window.speakers
    window.tabs.setCurrentWidget(speakers)
    qtbot.waitUntil(lambda: speakers.model.rowCount() >= 2 and not speakers.is_loading, timeout=10_000)
    berg = next(r for r in range(speakers.model.rowCount()) if "Berg" in speakers.model.speaker(r)["name"])
    berg_id = speakers.model.speaker(berg)["id"]
    speakers.select_speaker(berg_id)
    window.tabs.setCurrentIndex(next(i for i in range(window.tabs.count())
                                     if window.tabs.tabText(i).startswith("Matches")))
    bar = lib.table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=5000)
    bar.setValue(bar.maximum() // 2)
    scroll = bar.value()
    before = lib.model.total
    polls = watcher.polls
    qtbot.wait(1300)
    assert watcher.polls > polls and lib.model.total == before  # polled; nothing to refresh

    # another process imports an archive article dated before, with the same pledge in the same
    # words (it ranks first) and a speaker the library has never seen
    archive = tmp_path / "archive.jsonl"
    archive.write_text(json.dumps({
        "id": "arch-1", "title": "Berg promises the bridge", "date": "2023-11-20", "outlet": "Courier",
        "text": f'Mayor Anna Berg said: "{PLEDGE}"\n\nPriya Natarajan, an engineer, said: '
                '"The steel has already been ordered for the harbour bridge."\n'}) + "\n",
        encoding="utf-8")
    done = _run_cli("import", str(archive), "--db", str(db_path), "--quiet")
    assert done.returncode == 0, done.stderr

    qtbot.waitUntil(lambda: lib.model.total == before + 1, timeout=10_000)
    names = [lib.speaker.itemText(i) for i in range(lib.speaker.count())]
    assert any("Natarajan" in n for n in names)  # the speakers were re-read too
    # the reader's place: the same article and quote, the same library row selected and scroll
    assert window.article.article_id == aid and window.article.current_quote_id() == qid
    selected = lib.table.selectionModel().selectedRows()
    assert [i.data(ArticleIdRole) for i in selected] == [aid]
    assert bar.value() == scroll
    # the matches now list the archive's statement first, and the selected match stays selected
    qtbot.waitUntil(lambda: not panel.busy and panel.counts()["earlier"] >= 2, timeout=20_000)
    assert panel.model.match_row(0).date == "2023-11-20"
    assert panel.selected_row().row_id == old_q
    # the speakers list (read when its tab shows) has the new speaker, Anna Berg still selected
    window.tabs.setCurrentWidget(speakers)
    qtbot.waitUntil(lambda: not speakers.is_loading and any(
        "Natarajan" in speakers.model.speaker(r)["name"] for r in range(speakers.model.rowCount())),
        timeout=10_000)
    assert [s["id"] for s in speakers.selected()] == [berg_id]


def test_the_poll_is_one_pragma_and_own_writes_do_not_refresh(qtbot, library, make_window):
    """Writes by the window's own connection do not change ``data_version`` for it; writes by its
    own workers (suggestions saved, vectors) change it but not the fingerprint: no refresh loop."""
    window = make_window()
    watcher = window.external_changes
    fired = []
    watcher.sig_changed.connect(lambda: fired.append(1))
    window.store.execute("UPDATE articles SET outlet = outlet")  # the window's own connection
    assert watcher.poll() is False
    other = open_store(window.store.path)
    _write_like_a_worker(other)  # another connection, nothing the window lists
    other.close()
    assert watcher.poll() is False and fired == []
    other = open_store(window.store.path)
    add_quotes_article(other, "New", "2024-07-01", "Courier", [("A new thing was said here.", "Ann Lee")])
    other.close()
    assert watcher.poll() is True and fired == [1]


def _write_like_a_worker(store) -> None:
    """What the window's background writers commit: a quote's sentence vector (matches too)."""
    qid = store.query("SELECT min(id) AS id FROM quotes")[0]["id"]
    store.execute("INSERT OR REPLACE INTO quote_vectors (quote_id, text_vec) VALUES (?, ?)", (qid, b"\0" * 8))


def test_a_speaker_corrected_by_another_program_shows_in_the_open_article(qtbot, library, make_window):
    """The sqlite3 shell (or a second window) corrects who said a quote of the article being
    read: an update, no new row. The open article's quote list shows the new speaker after the
    next poll, the same quote still selected; a deleted quote leaves the list."""
    from quotedesk.core.store import edits

    window = make_window()
    qid, aid = window.store.query("SELECT id, article_id FROM quotes ORDER BY id LIMIT 1")[0].values()
    window.open_article(aid)
    window.article.select_quote(qid)
    other = open_store(window.store.path)
    edits.apply(other, edits.SetSpeakers(qid, new_names=("Lena Park",)))
    other.close()
    qtbot.waitUntil(lambda: any("Lena Park" in (q.speaker_label or "") for q in window.article.model.quotes),
                    timeout=5000)
    assert window.article.current_quote_id() == qid and window.article.article_id == aid
    other = open_store(window.store.path)
    other.execute("DELETE FROM quotes WHERE id = ?", (qid,))
    other.close()
    qtbot.waitUntil(lambda: qid not in window.article.quote_ids(), timeout=5000)


def _first_quote(store) -> str:
    return f"q{store.query('SELECT min(id) AS id FROM quotes')[0]['id']}"


def test_an_own_edit_is_not_taken_for_another_programs_change(qtbot, library, make_window):
    """A verdict saved in the window moves the fingerprint; when the window's own background
    writer then commits (suggestions saved), the poll must not report "changed by another
    program" and re-match the quote under the analyst (the walkthrough's step 6 race)."""
    from quotedesk.core.matching.verdicts import set_verdict

    window = make_window()
    watcher = window.external_changes
    fired = []
    watcher.sig_changed.connect(lambda: fired.append(1))
    set_verdict(window.store, _first_quote(window.store), "misleading", "checked")
    other = open_store(window.store.path)  # like the panel's worker saving its suggestions
    _write_like_a_worker(other)
    other.close()
    assert watcher.poll() is False
    qtbot.wait(50)
    assert fired == []


def test_another_programs_change_just_before_an_own_edit_still_refreshes(qtbot, library, make_window):
    """The own edit takes the new fingerprint as its baseline; what another program committed
    before it (not yet polled) is reported once, after the edit, not absorbed."""
    from quotedesk.core.matching.verdicts import set_verdict

    window = make_window()
    watcher = window.external_changes
    fired = []
    watcher.sig_changed.connect(lambda: fired.append(1))
    other = open_store(window.store.path)
    add_quotes_article(other, "New", "2024-07-01", "Courier", [("A new thing was said here.", "Ann Lee")])
    other.close()
    set_verdict(window.store, _first_quote(window.store), "false")
    qtbot.waitUntil(lambda: fired == [1], timeout=2_000)
    assert watcher.poll() is False and fired == [1]


def test_undo_refuses_to_overwrite_a_speaker_set_by_another_program(qtbot, library, make_window, monkeypatch):
    """The analyst changes a speaker, another program then attributes that quote to someone
    else: Undo must tell the analyst and leave the later attribution alone."""
    from quotedesk.core.store import edits
    from quotedesk.core.store.quotes import get_quote

    window = make_window()
    errors = []
    monkeypatch.setattr(window, "_on_edit_error", errors.append)
    qid = window.store.query("SELECT min(id) AS id FROM quotes")[0]["id"]
    window.push_ops([edits.SetSpeakers(qid, new_names=("Ana Rivera",))])
    qtbot.waitUntil(lambda: get_quote(window.store, qid).speaker_label == "Ana Rivera", timeout=5000)
    other = open_store(window.store.path)
    edits.apply(other, edits.SetSpeakers(qid, new_names=("Lena <b>Park</b>",)))
    other.close()
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert "another window or program" in errors[0] and "Lena <b>Park</b>" in errors[0]
    assert get_quote(window.store, qid).speaker_label == "Lena <b>Park</b>"


def test_the_edit_error_dialog_shows_names_as_plain_text(qtbot, make_window, monkeypatch):
    """The message can name a speaker from an imported article: Qt must show it literally,
    never as rich text (an <img> or a fake heading)."""
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QMessageBox

    window = make_window()
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: shown.append(a[2])))
    message = "now <img src='x'> <h1>Lena</h1> & Park"
    window._on_edit_error(message)
    doc = QTextDocument()
    doc.setHtml(shown[0])
    assert doc.toPlainText() == message


def test_the_windows_own_import_updates_the_selected_quotes_matches_when_it_ends(qtbot, tmp_path,
                                                                               db_path, make_window):
    """While its own import runs the window reads only the library again; the Matches panel of
    the selected quote is read once the import ends, with the newly imported earlier quote."""
    s = open_store(db_path)
    (qid,) = add_quotes_article(s, "Berg on the bridge", "2024-06-03", "Harbor Gazette",
                                [(PLEDGE, "Anna Berg")])
    aid = s.query("SELECT article_id FROM quotes WHERE id = ?", (qid,))[0]["article_id"]
    s.close()
    window = make_window()
    window.external_changes.timer.stop()  # only the import's own end may refresh the panel
    panel = window.matches
    window.open_article(aid)
    window.tabs.setCurrentIndex(next(i for i in range(window.tabs.count())
                                     if window.tabs.tabText(i).startswith("Matches")))
    window.open_quote(aid, qid)
    qtbot.waitUntil(lambda: panel.current_quote_id() == qid and not panel.busy, timeout=20_000)
    before = sum(panel.counts()[k] for k in ("earlier", "same_day", "undated"))
    article = tmp_path / "berg.txt"
    article.write_text('Bridge works\n\n"We will reopen the harbour bridge to traffic before the end '
                       'of May," Anna Berg said on Tuesday.\n', encoding="utf-8")
    with qtbot.waitSignal(window.importer.sig_finished, timeout=120_000):
        window.importer.import_paths([str(article)])
    qtbot.waitUntil(lambda: not panel.busy and sum(panel.counts()[k] for k in (
        "earlier", "same_day", "undated")) == before + 1, timeout=20_000)
    assert panel.current_quote_id() == qid
