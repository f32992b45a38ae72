"""Word documents (``.docx``) through python-docx: paragraphs (and table cells) joined by newlines.

The ZIP container is checked before python-docx sees it: a damaged or truncated archive, a ZIP
that is not a Word document, and a ZIP bomb (members that inflate far beyond a real document)
are refused with a reason. Title and date come from the core properties when set, else from the
text, as for plain text.
"""
from __future__ import annotations

import io
import zipfile
import zlib

from quotedesk.core.ingest.errors import FormatError
from quotedesk.core.ingest.meta import clean_title, header_fields, normalise_date, title_and_header
from quotedesk.core.model import ArticleDraft

#: Refuse archives that would inflate to more than this in total...
MAX_UNCOMPRESSED = 200 * 1024 * 1024
#: ...or hold a member this much larger than its compressed size (above 1 MB; Word XML is ~10x).
MAX_RATIO = 200
MAX_MEMBERS = 10_000


def read_bytes(data: bytes) -> ArticleDraft:
    _check_zip(data)
    import docx  # python-docx, heavy: imported only when a .docx is read
    from docx.opc.exceptions import OpcError

    try:
        document = docx.Document(io.BytesIO(data))
        lines = list(_paragraph_texts(document))
    except KeyError as exc:
        raise FormatError(f"not a valid DOCX (a part is missing: {_describe(exc)})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise FormatError(f"not a valid DOCX (damaged archive: {_describe(exc)})") from None
    except (OpcError, ValueError, OSError) as exc:
        raise FormatError(f"not a valid DOCX ({_describe(exc)})") from None
    except Exception as exc:  # lxml.etree.XMLSyntaxError and friends from damaged XML parts
        raise FormatError(f"not a valid DOCX (damaged XML: {_describe(exc)})") from None
    text = "\n".join(lines)
    if not text.strip():
        raise FormatError("contains no text (the document is empty)")
    title, header = title_and_header(lines[:200])
    props = document.core_properties
    outlet, date, extra = header_fields(header)
    if props.author and props.author != "python-docx" and "author" not in extra:
        extra["author"] = props.author
    return ArticleDraft(
        text=text,
        title=clean_title(props.title or "") or title,
        outlet=outlet,
        date=date or normalise_date(props.created),
        fmt="docx",
        extra=extra,
    )


def _check_zip(data: bytes) -> None:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise FormatError("not a valid DOCX (it is an old-style Word .doc file; save it as .docx)")
    if not data.startswith(b"PK"):
        raise FormatError("not a valid DOCX (not a ZIP archive; is it an old .doc or another file type?)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FormatError("not a valid DOCX (file is truncated or damaged)") from None
    except (ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise FormatError(f"not a valid DOCX (damaged archive: {_describe(exc)})") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise FormatError(f"refused: the DOCX archive has {len(infos)} members (limit {MAX_MEMBERS})")
        total = 0
        for info in infos:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if total > MAX_UNCOMPRESSED or (info.file_size > 1024 * 1024 and ratio > MAX_RATIO):
                raise FormatError(
                    "refused: the DOCX would expand to "
                    f"{_mb(sum(i.file_size for i in infos))} (compression ratio {ratio:.0f}:1), "
                    "which looks like a ZIP bomb"
                )
        names = {info.filename for info in infos}
        if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
            raise FormatError("not a valid DOCX (a ZIP archive, but not a Word document)")
        if "word/document.xml" not in names:
            raise FormatError("not a valid DOCX (the archive has no word/document.xml)")


def _paragraph_texts(document):
    """Body paragraphs in order; table cells become one line each."""
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    cell_text = "\n".join(p.text for p in cell.paragraphs)
                    if cell_text.strip():
                        yield cell_text
        else:
            yield block.text


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MB"


def _describe(exc: BaseException) -> str:
    message = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    message = message.strip() or type(exc).__name__
    return message if len(message) < 200 else message[:200] + "…"
