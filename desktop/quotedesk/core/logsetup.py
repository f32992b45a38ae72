"""Logging to a rotating file in the user's data directory, so that no error vanishes.

``setup_logging()`` is called once by the app and the command line; ``format_exception`` makes
the copyable report the GUI shows in its error dialog.
"""
from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import traceback
from pathlib import Path

from quotedesk import __version__

LOG_NAME = "quotedesk.log"
_configured: Path | None = None


def setup_logging(folder: Path | None = None, *, level: int = logging.INFO) -> Path | None:
    """Log to ``<data dir>/logs/quotedesk.log`` (1 MB x 5 files). Returns the file, or None when the
    folder cannot be written (logging then goes to stderr only)."""
    global _configured
    from quotedesk.core.paths import log_dir

    folder = Path(folder) if folder is not None else log_dir()
    target = folder / LOG_NAME
    if _configured == target:
        return target
    root = logging.getLogger("quotedesk")
    root.setLevel(level)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            target, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
        target = None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for old in [h for h in root.handlers if getattr(h, "_quotedesk", False)]:
        root.removeHandler(old)
        old.close()
    handler._quotedesk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    _configured = target
    return target


def format_exception(exc_type, exc, tb) -> str:
    """A report to paste into a bug report: versions, then the traceback."""
    lines = [f"Quotedesk {__version__}, Python {platform.python_version()}, {platform.platform()}", ""]
    lines += traceback.format_exception(exc_type, exc, tb)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
