"""Standard output and error made terminal-safe for the length of one command.

Everything the command line prints (file names, article titles, error messages, data) passes
through :func:`quotedesk.core.output.terminal_safe`: an ANSI escape, a C1 control or a
bidirectional override in imported text is shown as ``\\x1b``-style text instead of being obeyed
by the terminal. Standard output keeps tabs and carriage returns (TSV and CSV data, whose writers
already escape them inside values); standard error keeps only newlines. The progress line, which
needs its own carriage return, writes to :func:`raw_stderr`.
"""
from __future__ import annotations

import contextlib
import io
import sys
from typing import Iterator

from quotedesk.core.output import terminal_safe


class TerminalSafeStream(io.TextIOBase):
    """A text stream that escapes control characters on their way to ``raw``."""

    def __init__(self, raw, *, keep_tabs: bool):
        self.raw = raw
        self._keep_tabs = keep_tabs

    def write(self, text: str) -> int:
        self.raw.write(terminal_safe(text, keep_tabs=self._keep_tabs))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self):  # type: ignore[override]
        return getattr(self.raw, "encoding", "utf-8")

    @property
    def errors(self):  # type: ignore[override]
        return getattr(self.raw, "errors", "strict")


def raw_stderr():
    """The real standard error under the safe wrapper (for text made here, never imported)."""
    err = sys.stderr
    return err.raw if isinstance(err, TerminalSafeStream) else err


@contextlib.contextmanager
def safe_streams() -> Iterator[None]:
    """Wrap ``sys.stdout`` and ``sys.stderr`` for the block, then put the originals back."""
    out, err = sys.stdout, sys.stderr
    if isinstance(out, TerminalSafeStream):  # nested call
        yield
        return
    sys.stdout = TerminalSafeStream(out, keep_tabs=True)
    sys.stderr = TerminalSafeStream(err, keep_tabs=False)
    try:
        yield
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
        sys.stdout, sys.stderr = out, err
