import logging

from quotedesk.core.logsetup import format_exception, setup_logging


def test_errors_are_written_to_a_rotating_log(tmp_path):
    target = setup_logging(tmp_path / "logs")
    try:
        raise ValueError("boom in a worker")
    except ValueError as exc:
        logging.getLogger("quotedesk.gui").exception("unexpected error")
        report = format_exception(type(exc), exc, exc.__traceback__)
    for handler in logging.getLogger("quotedesk").handlers:
        handler.flush()
    text = target.read_text(encoding="utf-8")
    assert "unexpected error" in text and "ValueError: boom in a worker" in text
    assert report.startswith("Quotedesk ") and "ValueError: boom in a worker" in report


def test_unwritable_log_folder_falls_back_to_stderr(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert setup_logging(blocker / "logs") is None
