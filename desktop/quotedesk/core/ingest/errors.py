"""The one exception the readers raise: a file (or pasted text) and the reason it was refused."""
from __future__ import annotations

import os
from pathlib import Path


class IngestError(Exception):
    """An input that could not be read as an article.

    ``str(e)`` names the file and the specific reason, ready to show to a user, e.g.
    ``"notes.pdf: not a valid PDF (file is truncated)"``. ``path`` is the full path (``None`` for
    pasted text), ``reason`` the bare reason, ``line`` the 1-based line of a ``.jsonl`` batch.
    """

    def __init__(self, path: str | os.PathLike[str] | None, reason: str, *, line: int | None = None):
        from quotedesk.core.ingest.files import path_text  # files imports this module

        self.path = None if path is None else path_text(path)  # printable even if not UTF-8
        self.reason = reason
        self.line = line
        super().__init__(self.path, reason)

    @property
    def display_name(self) -> str:
        if self.path is None:
            return "pasted text"
        return Path(self.path).name or self.path

    def __str__(self) -> str:
        where = self.display_name if self.line is None else f"{self.display_name}, line {self.line}"
        return f"{where}: {self.reason}"


class FormatError(ValueError):
    """Raised inside a format reader for a reason; ``read_path`` adds the file name."""
