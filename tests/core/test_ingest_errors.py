"""Every refused input gets an ``IngestError`` naming the file and the specific reason."""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

import quotedesk.core.ingest as ingest
from quotedesk.core.ingest import IngestError, read_jsonl, read_path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "ingest"
SEEDS = ROOT / "seeds"


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def refused(path) -> str:
    with pytest.raises(IngestError) as info:
        read_path(path)
    error = info.value
    assert str(error) == f"{Path(path).name}: {error.reason}"
    assert error.path == str(path)
    return str(error)


# --- file-level problems -------------------------------------------------------------------------

def test_missing_path(tmp_path):
    assert refused(tmp_path / "gone.txt") == "gone.txt: no such file"


def test_directory(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    assert refused(tmp_path / "folder.txt") == "folder.txt: is a folder, not a file"


def test_permission_denied(tmp_path, monkeypatch):
    path = write(tmp_path, "secret.txt", "Title\ntext")
    path.chmod(0)
    if os.geteuid() == 0:  # root ignores file modes: make the open fail as it would for a user
        real_open = Path.open

        def denied(self, *args, **kwargs):
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real_open(self, *args, **kwargs)

        monkeypatch.setattr(Path, "open", denied)
    try:
        assert refused(path) == "secret.txt: permission denied"
    finally:
        path.chmod(0o644)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    assert refused(tmp_path / "pipe.txt") == "pipe.txt: is not a regular file (a device, pipe or socket)"


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".docx", ".pdf"])
def test_empty_file(tmp_path, suffix):
    assert refused(write(tmp_path, "empty" + suffix, b"")) == f"empty{suffix}: is empty"


@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_whitespace_only(tmp_path, suffix):
    assert refused(write(tmp_path, "blank" + suffix, " \r\n\t\n")) == f"blank{suffix}: contains no text (only whitespace)"


def test_over_the_size_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:  # sparse: no 50 MB written to disk
        fh.truncate(ingest.MAX_BYTES + 1)
    assert refused(path) == "huge.txt: is too large (50.0 MB; the limit is 50 MB)"


def test_size_limit_is_checked_on_the_bytes_read(tmp_path, monkeypatch):
    path = write(tmp_path, "grown.txt", "Title\n" + "x" * 200)
    monkeypatch.setattr(ingest, "MAX_BYTES", 100)
    assert "the limit is 0 MB" in refused(path)  # reported in whole MB


@pytest.mark.parametrize("name, shown", [("notes.xyz", "'.xyz'"), ("README", "(no extension)"), ("page.doc", "'.doc'")])
def test_unsupported_extension(tmp_path, name, shown):
    message = refused(write(tmp_path, name, "Title\ntext"))
    assert message == (
        f"{name}: unsupported file type {shown} "
        "(supported: .txt, .md, .markdown, .html, .htm, .docx, .pdf)"
    )


def test_jsonl_given_to_read_path(tmp_path):
    message = refused(write(tmp_path, "batch.jsonl", '{"id": 1, "text": "x"}\n'))
    assert message == "batch.jsonl: is a batch of articles (JSON Lines); read it with read_jsonl"


# --- text that is not text ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    "data, what",
    [
        (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, " (it is a program)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00\x10" * 50, " (it is a PNG image)"),
        ((ROOT / "tests/data/ingest/sample.pdf").read_bytes(), " (it is a PDF document; give it a .pdf extension)"),
        ((ROOT / "tests/data/ingest/sample.docx").read_bytes(), " (it is a ZIP archive, such as a .docx or .xlsx file)"),
        (b"Title\nsome text\x00with a NUL byte", ""),
        (bytes(range(1, 32)) * 20, ""),  # no NUL, but all control characters
        (bytes(range(128, 256)) * 2 + b"\x01\x02\x03\x04\x05\x06\x07\x08", ""),  # high bytes and controls
    ],
    ids=["elf", "png", "pdf", "docx", "nul-in-text", "control-chars", "high-bytes"],
)
@pytest.mark.parametrize("suffix", [".txt", ".md"])
def test_binary_data(tmp_path, data, what, suffix):
    assert refused(write(tmp_path, "bin" + suffix, data)) == f"bin{suffix}: looks like binary data, not text{what}"


def test_binary_html(tmp_path):
    assert refused(write(tmp_path, "bin.html", b"\x00\x01\x02<html>" * 100)) == "bin.html: looks like binary data, not text"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"\xef\xbb\xbfTitle\n\xff\xfe broken", "could not be decoded: it starts with a UTF-8 byte-order mark but is not valid UTF-8 (invalid start byte at byte 9)"),
        (b"\xff\xfeT\x00i\x00\x00\xd8", "could not be decoded: it starts with a UTF-16 byte-order mark but is not valid UTF-16 (unexpected end of data at byte 6)"),
    ],
    ids=["utf8-bom", "utf16-bom-lone-surrogate"],
)
def test_undecodable_despite_bom(tmp_path, data, reason):
    assert refused(write(tmp_path, "bad.txt", data)) == f"bad.txt: {reason}"


# --- HTML ------------------------------------------------------------------------------------

def test_html_without_tags(tmp_path):
    assert refused(write(tmp_path, "plain.html", "Just words.")) == "plain.html: does not look like an HTML page (no tags found)"


def test_html_without_article_text(tmp_path):
    page = "<html><head><title>Empty</title><script>var a = '<p>no</p>';</script></head><body><div class='ad'></div><script>document.write('<p>text</p>')</script></body></html>"
    assert refused(write(tmp_path, "empty.html", page)) == (
        "empty.html: no article text found in the HTML page (it may be malformed, truncated, or not an article)"
    )


def test_truncated_html(tmp_path):
    page = (SEEDS / "harbor-ferry-fares.html").read_bytes()
    cut = page[: page.index(b"<main>")]
    assert refused(write(tmp_path, "cut.html", cut)) == (
        "cut.html: the HTML page is truncated (it ends before </body> or </html>) and holds no article text"
    )
    partial = read_path(write(tmp_path, "partial.html", page[: page.index(b"Tom Becker")]))
    assert partial.extra["truncated"] is True and "Victor Hale" in partial.text


@pytest.mark.parametrize(
    "page",
    ["<<<<>>>>", "<html><body><p>" + "<div>" * 5000, "<html" + "<!--" * 1000, "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><x>&a;&a;</x>"],
    ids=["brackets", "deep-nesting", "comments", "xml-entities"],
)
def test_malformed_html_never_crashes(tmp_path, page):
    try:
        read_path(write(tmp_path, "bad.html", page))
    except IngestError as error:
        assert str(error).startswith("bad.html: ")


# --- DOCX ------------------------------------------------------------------------------------

def _zip(entries) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries:
            archive.writestr(name, content)
    return buffer.getvalue()


def _sample_docx_entries():
    with zipfile.ZipFile(DATA / "sample.docx") as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def test_docx_not_a_zip(tmp_path):
    assert refused(write(tmp_path, "a.docx", "plain text")) == (
        "a.docx: not a valid DOCX (not a ZIP archive; is it an old .doc or another file type?)"
    )


def test_docx_old_word_format(tmp_path):
    assert refused(write(tmp_path, "old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))) == (
        "old.docx: not a valid DOCX (it is an old-style Word .doc file; save it as .docx)"
    )


@pytest.mark.parametrize("keep", [0.1, 0.5, 0.9, 0.999])
def test_docx_truncated(tmp_path, keep):
    data = (DATA / "sample.docx").read_bytes()
    assert refused(write(tmp_path, "cut.docx", data[: int(len(data) * keep)])) == (
        "cut.docx: not a valid DOCX (file is truncated or damaged)"
    )


def test_docx_zip_but_not_word(tmp_path):
    assert refused(write(tmp_path, "z.docx", _zip([("hello.txt", "hi")]))) == (
        "z.docx: not a valid DOCX (a ZIP archive, but not a Word document)"
    )


def test_docx_missing_document_part(tmp_path):
    entries = [(n, c) for n, c in _sample_docx_entries() if n != "word/document.xml"]
    assert refused(write(tmp_path, "nodoc.docx", _zip(entries))) == (
        "nodoc.docx: not a valid DOCX (the archive has no word/document.xml)"
    )


def test_docx_damaged_xml(tmp_path):
    entries = [(n, b"<w:document><w:body><w:p>" if n == "word/document.xml" else c) for n, c in _sample_docx_entries()]
    message = refused(write(tmp_path, "broken.docx", _zip(entries)))
    assert message.startswith("broken.docx: not a valid DOCX (damaged XML: ")


def test_docx_with_no_text(tmp_path):
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    assert refused(write(tmp_path, "blank.docx", buffer.getvalue())) == "blank.docx: contains no text (the document is empty)"


def test_docx_zip_bomb(tmp_path):
    entries = dict(_sample_docx_entries())
    bomb = _zip([("[Content_Types].xml", entries["[Content_Types].xml"]), ("word/document.xml", b" " * (24 * 1024 * 1024))])
    assert len(bomb) < 100_000
    message = refused(write(tmp_path, "bomb.docx", bomb))
    assert message.startswith("bomb.docx: refused: the DOCX would expand to 24 MB (compression ratio ")
    assert message.endswith(":1), which looks like a ZIP bomb")


def test_docx_too_many_members(tmp_path, monkeypatch):
    from quotedesk.core.ingest import docx as docx_reader

    monkeypatch.setattr(docx_reader, "MAX_MEMBERS", 50)
    entries = _sample_docx_entries() + [(f"word/media/x{i}.bin", b"") for i in range(60)]
    assert "members (limit 50)" in refused(write(tmp_path, "many.docx", _zip(entries)))


# --- PDF ---------------------------------------------------------------------------------------

def test_pdf_without_header(tmp_path):
    assert refused(write(tmp_path, "a.pdf", "Title\nnot a pdf")) == "a.pdf: not a valid PDF (no PDF header; is it another file type?)"


@pytest.mark.parametrize("keep", [0.05, 0.3, 0.6, 0.95])
def test_pdf_truncated(tmp_path, keep):
    data = (DATA / "sample.pdf").read_bytes()
    assert refused(write(tmp_path, "notes.pdf", data[: int(len(data) * keep)])) == "notes.pdf: not a valid PDF (file is truncated)"


def test_pdf_without_text(tmp_path):
    data = (DATA / "sample.pdf").read_bytes()
    start = data.index(b"BT ")
    end = data.index(b"ET", start) + 2
    blank = data[:start] + b" " * (end - start) + data[end:]  # same length: offsets stay valid
    assert refused(write(tmp_path, "scan.pdf", blank)) == "scan.pdf: contains no extractable text (a scanned PDF needs OCR first)"


def test_pdf_decompression_bomb(tmp_path):
    import zlib

    stream = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Bomb) Tj ET\n" + b" " * (80 * 1000 * 1000), 1)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    assert len(out) < 1_000_000
    assert refused(write(tmp_path, "bomb.pdf", bytes(out))) == (
        "bomb.pdf: refused: a compressed stream in the PDF expands beyond the safety limit "
        "(it looks like a decompression bomb)"
    )


def test_pdf_garbage_body(tmp_path):
    message = refused(write(tmp_path, "junk.pdf", b"%PDF-1.7\n" + b"garbage " * 100 + b"\n%%EOF\n"))
    assert message.startswith("junk.pdf: not a valid PDF (") or message == (
        "junk.pdf: contains no extractable text (a scanned PDF needs OCR first)"
    )


# --- batches ------------------------------------------------------------------------------------

def test_jsonl_file_level_errors(tmp_path):
    with pytest.raises(IngestError, match=r"^missing\.jsonl: no such file$"):
        read_jsonl(tmp_path / "missing.jsonl")
    with pytest.raises(IngestError, match=r"^empty\.jsonl: is empty$"):
        read_jsonl(write(tmp_path, "empty.jsonl", b""))
    (tmp_path / "dir.jsonl").mkdir()
    with pytest.raises(IngestError, match=r"^dir\.jsonl: is a folder, not a file$"):
        read_jsonl(tmp_path / "dir.jsonl")


def test_jsonl_bad_bytes_and_long_lines(tmp_path, monkeypatch):
    from quotedesk.core.ingest import jsonl

    monkeypatch.setattr(jsonl, "MAX_LINE_BYTES", 64)
    path = write(tmp_path, "b.jsonl", b'{"text": "ok"}\n{"text": "\xff"}\n{"text": "' + b"x" * 200 + b'"}\n{"id": "z", "text": "fine"}\n')
    items = list(read_jsonl(path))
    assert [str(i) if isinstance(i, IngestError) else i.text for i in items] == [
        "ok",
        "b.jsonl, line 2: not valid UTF-8 (invalid start byte at byte 10)",
        "b.jsonl, line 3: line is longer than 0 MB",
        "fine",
    ]


_LAUGHS = "".join(
    f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10)
)
_WORD_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_docx_entity_expansion_is_refused(tmp_path):
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">{_LAUGHS}]>'
        f'<w:document xmlns:w="{_WORD_NS}"><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>'
    )
    entries = [(n, xml.encode() if n == "word/document.xml" else c) for n, c in _sample_docx_entries()]
    assert refused(write(tmp_path, "laughs.docx", _zip(entries))).startswith("laughs.docx: not a valid DOCX (damaged XML: ")


def test_external_entities_are_not_resolved(tmp_path):
    secret = write(tmp_path, "secret.txt", "TOP-SECRET-CONTENT")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        f'<w:document xmlns:w="{_WORD_NS}"><w:body><w:p><w:r><w:t>Title &x; end</w:t></w:r></w:p></w:body></w:document>'
    )
    entries = [(n, xml.encode() if n == "word/document.xml" else c) for n, c in _sample_docx_entries()]
    try:
        assert "TOP-SECRET" not in read_path(write(tmp_path, "xxe.docx", _zip(entries))).text
    except IngestError:
        pass
    page = f'<!DOCTYPE html [<!ENTITY x SYSTEM "{secret.as_uri()}">]><html><body><article><p>Before &x; after, a sentence long enough to count as an article paragraph.</p></article></body></html>'
    try:
        assert "TOP-SECRET" not in read_path(write(tmp_path, "xxe.html", page)).text
    except IngestError:
        pass
