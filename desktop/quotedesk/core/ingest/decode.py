"""Bytes to text: byte-order marks, UTF-16 without a BOM, UTF-8, then Windows-1252.

Binary data is refused rather than decoded into garbage: NUL bytes outside UTF-16, or too many
control characters in what decoded.
"""
from __future__ import annotations

import codecs
import re

from quotedesk.core.ingest.errors import FormatError

BINARY_REASON = "looks like binary data, not text"

#: Control characters that never occur in prose (tab, LF, VT, FF, CR are allowed), incl. C1.
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
#: Above this share of control characters the input is binary.
_MAX_CONTROL_RATIO = 0.02

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)

# Windows-1252 as browsers decode it: the five bytes Python's cp1252 leaves undefined
# (0x81, 0x8D, 0x8F, 0x90, 0x9D) become the C1 control characters of the same value.
_CP1252_TABLE = {}
for _b in range(0x80, 0xA0):
    try:
        _CP1252_TABLE[_b] = bytes([_b]).decode("cp1252")
    except UnicodeDecodeError:
        pass


#: Signatures of common binary formats, to say what a misnamed file really is.
_SIGNATURES = (
    (b"%PDF-", "a PDF document; give it a .pdf extension"),
    (b"PK\x03\x04", "a ZIP archive, such as a .docx or .xlsx file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc, .xls)"),
    (b"{\\rtf", "an RTF document; save it as .docx or .txt"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"MZ\x90\x00", "a Windows program"),
    (b"SQLite format 3\x00", "an SQLite database"),
)


def binary_kind(data: bytes) -> str | None:
    """What a binary file is, from its first bytes, or ``None`` if it has no known signature."""
    return next((kind for magic, kind in _SIGNATURES if data.startswith(magic)), None)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise ``FormatError`` with a reason.

    The text is returned exactly as decoded (BOM removed); line endings are not touched here.
    """
    kind = binary_kind(data)
    if kind is not None:
        raise FormatError(f"{BINARY_REASON} (it is {kind})")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                text = body.decode(codec)
            except UnicodeDecodeError as exc:
                raise FormatError(
                    f"could not be decoded: it starts with a {label} byte-order mark but is not "
                    f"valid {label} ({exc.reason} at byte {exc.start + len(bom)})"
                ) from None
            _check_not_binary(text)
            return text, codec
    utf16 = _guess_utf16(data)
    if utf16 is not None:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            raise FormatError(BINARY_REASON) from None
        _check_not_binary(text)
        return text, utf16
    if b"\x00" in data:
        raise FormatError(BINARY_REASON)
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1").translate(_CP1252_TABLE), "windows-1252"
    _check_not_binary(text)
    return text, encoding


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM, recognised by its NUL pattern (mostly-Latin text)."""
    sample = data[:8192]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _check_not_binary(text: str) -> None:
    if not text:
        return
    limit = max(1, int(len(text) * _MAX_CONTROL_RATIO))
    count = 0
    for _ in _CONTROL_RE.finditer(text):
        count += 1
        if count > limit:
            raise FormatError(BINARY_REASON)
    if "\x00" in text:
        raise FormatError(BINARY_REASON)


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; nothing else changes."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
