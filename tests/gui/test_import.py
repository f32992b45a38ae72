"""Imports run in the background (progress, cancel) and bad input is reported without changing the database."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from quotedesk.core.store.articles import count_articles

GOOD = 'Council backs ferry plan\n"We need the ferry back," said Mayor Anna Berg on Friday.\n'


def _messages(monkeypatch):
    shown = []
    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *a, _n=name, **k: shown.append((_n, a[1:]))))
    return shown


def test_import_files_in_background(qtbot, make_window, tmp_path, monkeypatch):
    shown = _messages(monkeypatch)
    good = tmp_path / "ferry.txt"
    good.write_text(GOOD, encoding="utf-8")
    w = make_window()
    assert w.library.model.rowCount() == 0
    with qtbot.waitSignal(w.importer.sig_finished, timeout=20_000) as blocker:
        op = w.import_paths([good])
    assert op is not None
    report = blocker.args[0]
    assert len(report.added) == 1 and not report.failed
    assert w.library.model.rowCount() == 1
    assert w.article.article_id == report.added[0][1]  # a single new article opens
    assert w.importer.progress.isHidden()
    assert shown == []

    # importing the same file twice does not duplicate it
    with qtbot.waitSignal(w.importer.sig_finished, timeout=20_000) as blocker:
        w.import_paths([good])
    assert blocker.args[0].duplicates and w.library.model.rowCount() == 1


def test_bad_files_are_listed_and_change_nothing(qtbot, make_window, tmp_path, monkeypatch, library):
    shown = _messages(monkeypatch)
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    missing = tmp_path / "nowhere.txt"
    w = make_window()
    before = count_articles(w.store)
    statuses = []
    with qtbot.waitSignal(w.importer.sig_finished, timeout=20_000) as blocker:
        op = w.import_paths([binary, empty, missing])
        op.sig_status.connect(statuses.append)  # queued: nothing is delivered before we wait
    report = blocker.args[0]
    assert statuses[-1] == "0 done, 3 failed"  # shown in the progress bar while it runs
    assert len(report.failed) == 3 and not report.added
    assert count_articles(w.store) == before
    assert len(shown) == 1 and shown[0][0] == "warning"
    title, text = shown[0][1][0], shown[0][1][1]
    assert "not imported" in title
    for name in ("photo.txt", "empty.txt", "nowhere.txt"):
        assert name in text


def test_paste_clipboard_as_article(qtbot, make_window, monkeypatch):
    _messages(monkeypatch)
    w = make_window()
    QApplication.clipboard().setText(GOOD)
    with qtbot.waitSignal(w.importer.sig_finished, timeout=20_000) as blocker:
        w.act_paste.trigger()
    assert len(blocker.args[0].added) == 1
    assert w.article.article["title"] == "Council backs ferry plan"


def test_background_helper_contract(qtbot):
    from PySide6.QtCore import QThread

    from quotedesk.gui.workers import run_in_background

    gui_thread = QThread.currentThread()
    seen = {}

    def work(task):
        seen["worker_thread"] = QThread.currentThread()
        task.progress(0.5)
        return 42

    def done(value):
        seen["done_thread"] = QThread.currentThread()
        seen["value"] = value

    progress = []
    op = run_in_background(work, done, lambda e: seen.setdefault("error", e), progress=progress.append)
    with qtbot.waitSignal(op.sig_finished, timeout=5000):
        pass
    assert seen["value"] == 42 and seen["done_thread"] is gui_thread
    assert seen["worker_thread"] is not gui_thread
    assert progress == [0.5]

    errors = []
    with qtbot.waitSignal(run_in_background(lambda t: 1 / 0, lambda v: None, errors.append).sig_finished,
                          timeout=5000):
        pass
    assert isinstance(errors[0], ZeroDivisionError)


def test_cancelled_import_keeps_database_consistent(qtbot, make_window, tmp_path, monkeypatch):
    _messages(monkeypatch)
    files = []
    for i in range(30):
        p = tmp_path / f"a{i}.txt"
        p.write_text(f"Story {i}\n\"Line {i} here,\" said Person {i}.\n", encoding="utf-8")
        files.append(p)
    w = make_window()
    with qtbot.waitSignal(w.importer.sig_finished, timeout=20_000) as blocker:
        w.import_paths(files)
        w.importer.cancel()
    report = blocker.args[0]
    n = count_articles(w.store)
    assert n == len(report.added)
    assert report.cancelled or n == 30


def test_drop_files_on_the_window_imports_them(qtbot, make_window, tmp_path, monkeypatch):
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    _messages(monkeypatch)
    good = tmp_path / "dropped.md"
    good.write_text("# Dropped story\n\n\"It works,\" said Ada Lovelace.\n", encoding="utf-8")
    w = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(good))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    statuses = []
    with qtbot.waitSignal(w.importer.sig_finished, timeout=20_000) as blocker:
        w.dropEvent(event)
        w.importer.op.sig_status.connect(statuses.append)
    assert len(blocker.args[0].added) == 1
    assert w.library.model.rowCount() == 1


def test_windows_1252_file_imports_with_its_accents(qtbot, make_window, tmp_path, monkeypatch):
    shown = _messages(monkeypatch)
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("Café owners fear the closure\n“It is fine,” said René Dupont.\n".encode("cp1252"))
    w = make_window()
    with qtbot.waitSignal(w.importer.sig_finished, timeout=20_000) as blocker:
        w.import_paths([legacy])
    assert len(blocker.args[0].added) == 1, blocker.args[0].failed
    assert w.article.article["title"] == "Café owners fear the closure"
    assert "René" in w.article.view.toPlainText()
    assert shown == []


def test_import_folder_recursively(qtbot, make_window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    _messages(monkeypatch)
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text(GOOD, encoding="utf-8")
    (folder / "sub" / "two.md").write_text("# Second story\n\n\"Yes,\" said Bo Li.\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))
    w = make_window()
    with qtbot.waitSignal(w.importer.sig_finished, timeout=20_000) as blocker:
        w.act_import_folder.trigger()
    assert len(blocker.args[0].added) == 2
    assert w.library.model.rowCount() == 2
    assert w.settings.get("import/last_dir") == str(folder)
