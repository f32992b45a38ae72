"""Article readers: files and pasted text to ``ArticleDraft``, or an ``IngestError`` saying why not.

    from quotedesk.core.ingest import read_path, read_text_blob, IngestError

One module per format (``text``, ``markdown``, ``html``, ``docx``, ``pdf``; ``decode`` for bytes to
text, ``meta`` for dates, titles and the plain-text header line, ``jsonl`` for batches). Heavy
libraries (trafilatura, python-docx, pypdf) are imported only when a file of that kind is read,
so importing this package is cheap. Every refusal is an ``IngestError`` whose message names the
file and the specific reason; no other exception escapes ``read_path``.

Threading: the readers are pure functions of the file contents; call them from worker threads.
"""
from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from quotedesk.core.ingest.errors import FormatError, IngestError
from quotedesk.core.ingest.files import path_text, stat_regular_file
from quotedesk.core.ingest.jsonl import read_jsonl
from quotedesk.core.model import ArticleDraft

__all__ = [
    "IngestError",
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "BATCH_SUFFIXES",
    "iter_paths",
    "read_jsonl",
    "read_path",
    "read_text_blob",
]

#: Largest single article file accepted.
MAX_BYTES = 50 * 1024 * 1024

#: suffix -> (format name, module holding ``read_bytes(data) -> ArticleDraft``)
_READERS = {
    ".txt": ("txt", "text"),
    ".md": ("md", "markdown"),
    ".markdown": ("md", "markdown"),
    ".html": ("html", "html"),
    ".htm": ("html", "html"),
    ".docx": ("docx", "docx"),
    ".pdf": ("pdf", "pdf"),
}
#: File types ``read_path`` reads, one article per file.
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_READERS)
#: File types holding many articles (read with ``read_jsonl``).
BATCH_SUFFIXES: tuple[str, ...] = (".jsonl",)

_FORMAT_LABEL = {"txt": "text", "md": "Markdown", "html": "HTML", "docx": "DOCX", "pdf": "PDF"}


def read_path(path: str | os.PathLike[str]) -> ArticleDraft:
    """Read one article file; raise ``IngestError`` naming the file and the reason on any failure."""
    p = Path(path)
    suffix = p.suffix.lower()
    data = _read_file(p, suffix)
    fmt, module_name = _READERS[suffix]
    module = importlib.import_module(f"quotedesk.core.ingest.{module_name}")
    try:
        draft = module.read_bytes(data)
    except FormatError as exc:
        raise IngestError(p, str(exc)) from None
    except MemoryError:
        raise IngestError(p, "is too large to read into memory") from None
    except Exception as exc:  # a library failing on hostile input must not crash the app
        raise IngestError(
            p, f"could not be read as {_FORMAT_LABEL[fmt]} ({type(exc).__name__}: {_short(exc)})"
        ) from None
    if not draft.text.strip():
        raise IngestError(p, "contains no article text after extraction")
    draft.extra.setdefault("size_bytes", len(data))
    return replace(draft, source_path=path_text(p), fmt=fmt, title=draft.title or path_text(p.stem))


def read_text_blob(text: str, *, fmt: str = "paste") -> ArticleDraft:
    """An article from pasted text (``fmt="md"`` reads it as Markdown).

    Line endings are normalised and a leading byte-order mark dropped; nothing else changes.
    """
    from quotedesk.core.ingest import markdown, text as plain
    from quotedesk.core.ingest.decode import normalise_newlines

    if not isinstance(text, str):
        raise IngestError(None, f"expected text, got {type(text).__name__}")
    body = normalise_newlines(text.removeprefix("\ufeff"))
    if not body.strip():
        raise IngestError(None, "is empty")
    if "\x00" in body:
        raise IngestError(None, "contains NUL characters; it looks like binary data, not text")
    try:
        if fmt == "md":
            return markdown.draft_from_text(body, fmt="md")
        return plain.draft_from_text(body, fmt=fmt)
    except FormatError as exc:
        raise IngestError(None, str(exc)) from None


def iter_paths(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    recursive: bool = True,
    *,
    suffixes: Iterable[str] = SUPPORTED_SUFFIXES,
    outside: list[tuple[str, str]] | None = None,
) -> Iterator[Path]:
    """Expand folders to the supported files inside them (sorted, hidden files skipped).

    Paths that are not folders are yielded as given, even if missing or unsupported, so that
    ``read_path`` can report what is wrong with them instead of them silently disappearing.
    A file inside a folder that is a link to somewhere outside that folder is never yielded:
    it is appended to ``outside`` as ``(path, reason)`` when a list is given; so is a folder
    (or subfolder) that cannot be read, e.g. permission denied.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    wanted = {s.lower() for s in suffixes}
    for raw in paths:
        p = Path(raw)
        if not p.is_dir():
            yield p
            continue
        if recursive:
            found = []
            def unreadable(exc: OSError) -> None:
                if outside is not None:
                    outside.append((str(exc.filename or p), _unreadable_folder(exc, p)))

            for root, dirs, files in os.walk(p, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend(Path(root, f) for f in files if _wanted(f, wanted) and Path(root, f).is_file())
            found.sort(key=lambda f: f.relative_to(p).parts)
        else:
            try:
                found = [c for c in sorted(p.iterdir()) if _wanted(c.name, wanted) and c.is_file()]
            except OSError as exc:
                if outside is not None:
                    outside.append((str(p), _unreadable_folder(exc, p)))
                continue
        yield from _inside(p, found, outside)


def _inside(folder: Path, files: list[Path], outside: list[tuple[str, str]] | None) -> Iterator[Path]:
    """The files whose real location is inside ``folder`` (links out of it are reported)."""
    top = folder.resolve()
    for f in files:
        real = f.resolve()
        if real == top or top in real.parents:
            yield f
        elif outside is not None:
            outside.append((str(f), f"{f}: skipped, it links to {real}, outside the folder {folder}"))


def _unreadable_folder(exc: OSError, default: Path) -> str:
    folder = exc.filename or default
    why = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
    return (f"{folder}: skipped, this folder cannot be read ({why}); nothing in it was imported. "
            "Give yourself read access to it (e.g. chmod u+rx) and import it again")


def _wanted(name: str, suffixes: set[str]) -> bool:
    # dot-files are hidden; "~$name.docx" are Word's lock files
    return not name.startswith((".", "~$")) and Path(name).suffix.lower() in suffixes


def _read_file(p: Path, suffix: str) -> bytes:
    """All the checks that need no parsing, then the bytes (at most ``MAX_BYTES``)."""
    st = stat_regular_file(p)
    if suffix in BATCH_SUFFIXES:
        raise IngestError(p, "is a batch of articles (JSON Lines); read it with read_jsonl")
    if suffix not in _READERS:
        kind = f"'{p.suffix}'" if p.suffix else "(no extension)"
        raise IngestError(
            p, f"unsupported file type {kind} (supported: {', '.join(SUPPORTED_SUFFIXES)})"
        )
    if st.st_size == 0:
        raise IngestError(p, "is empty")
    if st.st_size > MAX_BYTES:
        raise IngestError(p, _too_large(st.st_size))
    try:
        with p.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except PermissionError:
        raise IngestError(p, "permission denied") from None
    except OSError as exc:
        raise IngestError(p, f"cannot be read ({exc.strerror or exc})") from None
    if not data:
        raise IngestError(p, "is empty")
    if len(data) > MAX_BYTES:
        raise IngestError(p, _too_large(len(data)))
    return data


def _too_large(size: int) -> str:
    return f"is too large ({size / (1024 * 1024):,.1f} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB)"


def _short(exc: BaseException) -> str:
    message = str(exc).strip()
    return message if len(message) < 200 else message[:200] + "…"
