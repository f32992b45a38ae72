"""Each article reader on small fixtures: text, metadata, encodings, and the public API."""
from __future__ import annotations

import datetime
import io
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotedesk.core.ingest import (
    MAX_BYTES,
    SUPPORTED_SUFFIXES,
    IngestError,
    iter_paths,
    read_jsonl,
    read_path,
    read_text_blob,
)
from quotedesk.core.ingest.meta import normalise_date, parse_header_line

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "ingest"
SEEDS = ROOT / "seeds"

ARTICLE = (
    "Council keeps the Calloway ferry\n"
    "By Maria Okafor | Harbor Gazette | 2024-10-10\n"
    "\n"
    "„Half of my customers came off that boat“, said Harold Quint. « Très bien », dit-il.\n"
    "“It works,” the mayor said. Café owners agreed.\n"
)


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# --- plain text -----------------------------------------------------------------------------

def test_txt_title_and_metadata_line(tmp_path):
    draft = read_path(write(tmp_path, "ferry.txt", ARTICLE))
    assert draft.text == ARTICLE
    assert draft.title == "Council keeps the Calloway ferry"
    assert (draft.outlet, draft.date) == ("Harbor Gazette", "2024-10-10")
    assert draft.extra["author"] == "Maria Okafor"
    assert draft.fmt == "txt" and draft.source_path == str(tmp_path / "ferry.txt")


def test_txt_without_metadata_line_keeps_text_exactly(tmp_path):
    body = "\n\n  A title with spaces  \nFirst line | not | metadata\n\ttabbed \u00a0text\u2028 kept\n"
    draft = read_path(write(tmp_path, "a.txt", body))
    assert draft.text == body
    assert draft.title == "A title with spaces"
    assert (draft.outlet, draft.date) == ("", None)


def test_txt_line_endings_normalised_only(tmp_path):
    draft = read_path(write(tmp_path, "a.txt", b"Title\r\nline one\rline two\r\n\r\n  end  "))
    assert draft.text == "Title\nline one\nline two\n\n  end  "


@pytest.mark.parametrize(
    "line, expected",
    [
        ("By Jane Roe | Harbor Gazette | 2024-03-14", {"author": "Jane Roe", "outlet": "Harbor Gazette", "date": "2024-03-14"}),
        ("Harbor Gazette | March 14, 2024", {"author": "", "outlet": "Harbor Gazette", "date": "2024-03-14"}),
        ("*14 March 2024 | Le Courrier*", {"author": "", "outlet": "Le Courrier", "date": "2024-03-14"}),
        ("PORT HALDEN | The ferry | will run", None),
        ("A | 2024-03-14 | 2024-03-15", None),
        ("Harbor Gazette — 2024-03-14", None),
    ],
)
def test_header_line_convention(line, expected):
    assert parse_header_line(line) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-03-14", "2024-03-14"),
        ("2024-03-14T17:42:00-04:00", "2024-03-14"),
        ("2024/3/4", "2024-03-04"),
        ("14.03.2024", "2024-03-14"),
        ("March 14, 2024", "2024-03-14"),
        ("Thursday, 14th March 2024", "2024-03-14"),
        ("D:20240314120000Z", "2024-03-14"),
        (datetime.datetime(2024, 3, 14, 9, 30), "2024-03-14"),
        ("2024-02-30", None),
        ("yesterday", None),
        (None, None),
    ],
)
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


def test_ten_megabyte_single_line_imports(tmp_path):
    line = ("“It is fine,” she said. " * 450_000)[: 10 * 1024 * 1024]
    path = write(tmp_path, "big.txt", line)
    started = time.perf_counter()
    draft = read_path(path)
    assert time.perf_counter() - started < 10
    assert draft.text == line
    assert 0 < len(draft.title) <= 301


# --- encodings -----------------------------------------------------------------------------

@pytest.mark.parametrize(
    "encoded, encoding",
    [
        (b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"), "utf-8"),
        (ARTICLE.encode("utf-16"), None),  # with BOM, native order
        (b"\xff\xfe" + ARTICLE.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + ARTICLE.encode("utf-16-be"), "utf-16-be"),
        (ARTICLE.encode("utf-16-le"), "utf-16-le"),  # no BOM: found by its NUL pattern
        (ARTICLE.encode("utf-16-be"), "utf-16-be"),
        (ARTICLE.encode("utf-32"), None),
        (ARTICLE.encode("utf-8"), "utf-8"),
    ],
    ids=["utf8-bom", "utf16-bom", "utf16le-bom", "utf16be-bom", "utf16le-nobom", "utf16be-nobom", "utf32-bom", "utf8"],
)
def test_unicode_encodings(tmp_path, encoded, encoding):
    draft = read_path(write(tmp_path, "enc.txt", encoded))
    assert draft.text == ARTICLE  # no BOM left in the text
    assert draft.title == "Council keeps the Calloway ferry"
    if encoding:
        assert draft.extra["encoding"] == encoding


def test_windows_1252_with_curly_quotes(tmp_path):
    text = "Caf\u00e9 talks\r\n\u201eWir sind bereit\u201c, sagte er. \u201cOui,\u201d dit-elle \u2014 d\u00e9j\u00e0 \u20ac5.\r\n"
    raw = text.encode("cp1252")
    assert b"\x84" in raw and b"\x93" in raw and b"\xe9" in raw
    draft = read_path(write(tmp_path, "w.txt", raw))
    assert draft.extra["encoding"] == "windows-1252"
    assert draft.text == text.replace("\r\n", "\n")
    assert draft.title == "Café talks"


def test_windows_1252_undefined_bytes_do_not_fail(tmp_path):
    draft = read_path(write(tmp_path, "w.txt", b"Title\n" + b"caf\xe9 ok " * 200 + b"\x81\x9d"))
    assert draft.text.endswith("café ok \x81\x9d")  # as browsers decode them: C1 controls


# --- markdown ------------------------------------------------------------------------------

def test_markdown_heading_and_metadata_line(tmp_path):
    body = "Intro line\n\n# The *real* title #\n\n*By Lena Hartmann | Lindenauer Rundschau | 2024-04-19*\n\n> „Quote“, she said.\n"
    draft = read_path(write(tmp_path, "a.md", body))
    assert draft.text == body
    assert draft.title == "The *real* title"
    assert (draft.outlet, draft.date, draft.fmt) == ("Lindenauer Rundschau", "2024-04-19", "md")


def test_markdown_front_matter_and_setext(tmp_path):
    body = "---\ntitle: \"Front title\"\ndate: 2024-05-02\nsource: Coastline Herald\nurl: https://example.org/a\n---\nSetext title\n============\n\nText.\n"
    draft = read_path(write(tmp_path, "b.markdown", body))
    assert draft.text == body
    assert (draft.title, draft.date, draft.outlet, draft.url) == ("Front title", "2024-05-02", "Coastline Herald", "https://example.org/a")
    assert read_text_blob("Setext title\n============\n\nText.", fmt="md").title == "Setext title"


def test_markdown_without_heading_uses_first_line(tmp_path):
    assert read_path(write(tmp_path, "c.md", "\n**Bold first line**\nbody\n")).title == "Bold first line"


# --- HTML ----------------------------------------------------------------------------------

def test_html_seed_metadata_and_no_boilerplate():
    draft = read_path(SEEDS / "harbor-ferry-fares.html")
    assert draft.fmt == "html"
    assert draft.title == "Ferry to keep running after bridge reopening, council decides"
    assert draft.outlet == "Harbor Gazette"
    assert draft.date == "2024-10-10"
    assert draft.url == "https://www.harborgazette.example/news/2024/10/10/calloway-ferry-fares"
    assert '"Half of my customers came off that boat," he said.' in draft.text
    for junk in ("gtag", "dataLayer", "Injected by a script", "Subscribe for $1", "Obituaries", "Most read", "All rights reserved", "Advertisement"):
        assert junk not in draft.text


def _forbid_network(monkeypatch) -> list:
    attempts: list = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_html_with_remote_resources_makes_no_network_request(tmp_path, monkeypatch):
    attempts = _forbid_network(monkeypatch)
    page = """<!DOCTYPE html><html><head>
<title>Unreachable resources</title>
<meta property="og:site_name" content="Test Gazette">
<link rel="canonical" href="http://10.255.255.1/story">
<link rel="stylesheet" href="http://10.255.255.1/site.css">
<link rel="preload" as="font" href="http://10.255.255.1/font.woff2">
<style>@import url("http://10.255.255.1/more.css"); body { background: url(http://10.255.255.1/bg.png) }</style>
<script src="http://10.255.255.1/tracker.js"></script>
<script>fetch("http://10.255.255.1/beacon"); document.write("<p>from script</p>");</script>
<meta http-equiv="refresh" content="0; url=http://10.255.255.1/elsewhere">
</head><body><article>
<h1>Unreachable resources</h1>
<img src="http://10.255.255.1/photo.jpg" srcset="http://10.255.255.1/photo-2x.jpg 2x">
<p>"Nothing here is fetched," the engineer said. The page references a stylesheet, a font, a script, an image and a frame on an address that cannot be reached.</p>
<p>The reader must extract this text from the markup alone, without a single request leaving the machine, and without running any script.</p>
<iframe src="http://10.255.255.1/frame.html"></iframe>
<object data="http://10.255.255.1/x.swf"></object>
</article></body></html>"""
    draft = read_path(write(tmp_path, "remote.html", page))
    assert '"Nothing here is fetched," the engineer said.' in draft.text
    assert "from script" not in draft.text
    read_path(SEEDS / "harbor-ferry-fares.html")
    assert attempts == []


def test_html_encodings(tmp_path):
    body = "<html><head><meta charset='windows-1252'><title>Caf\u00e9</title></head><body><article><p>\u201eJa\u201c, sagte sie. \u00ab Oui \u00bb, dit-il, et caf\u00e9.</p></article></body></html>"
    assert read_path(write(tmp_path, "a.html", body.encode("cp1252"))).text == "„Ja“, sagte sie. « Oui », dit-il, et café."
    assert read_path(write(tmp_path, "b.htm", body.encode("utf-16"))).text == "„Ja“, sagte sie. « Oui », dit-il, et café."
    sjis = "<html><head><meta charset=\"shift_jis\"></head><body><p>「こんにちは」と彼は言った。</p></body></html>"
    assert read_path(write(tmp_path, "c.html", sjis.encode("shift_jis"))).text == "「こんにちは」と彼は言った。"


def test_html_fragment(tmp_path):
    assert read_path(write(tmp_path, "frag.html", '<p>"Short," she said.</p>')).text == '"Short," she said.'


def test_importing_ingest_is_cheap():
    code = (
        "import sys, quotedesk.core.ingest as i; "
        "print([m for m in ('trafilatura', 'docx', 'pypdf', 'lxml') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- DOCX and PDF ------------------------------------------------------------------------------

def make_docx(paragraphs, *, title=None, created=None, table=None) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    if title:
        document.core_properties.title = title
    if created:
        document.core_properties.created = created
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_tables_and_properties(tmp_path):
    data = make_docx(
        ["First paragraph title", "“It works,” Rivera said.", "„Gut“, sagte er."],
        title="Property title",
        created=datetime.datetime(2024, 3, 14, 9, 0),
        table=[["cell A", "cell B"]],
    )
    draft = read_path(write(tmp_path, "a.docx", data))
    assert draft.text == "First paragraph title\n“It works,” Rivera said.\n„Gut“, sagte er.\ncell A\ncell B"
    assert (draft.title, draft.date, draft.fmt) == ("Property title", "2024-03-14", "docx")


def test_docx_metadata_line_and_fixture():
    draft = read_path(DATA / "sample.docx")
    assert draft.title == "Council keeps the Calloway ferry"
    assert (draft.outlet, draft.date) == ("Harbor Gazette", "2024-10-10")
    assert '"Half of my customers came off that boat," Harold Quint said.' in draft.text.split("\n")


def test_pdf_fixture():
    draft = read_path(DATA / "sample.pdf")
    assert draft.fmt == "pdf"
    assert draft.text.split("\n")[:3] == [
        "Council keeps the Calloway ferry",
        "By Maria Okafor | Harbor Gazette | 2024-10-10",
        '"Half of my customers came off that boat," Harold Quint said.',
    ]
    assert (draft.title, draft.outlet, draft.date) == ("Council keeps the Calloway ferry", "Harbor Gazette", "2024-10-10")


# --- pasted text, batches, folders -------------------------------------------------------------

def test_read_text_blob():
    draft = read_text_blob("\ufeffPasted title\r\n\r\n\"Yes,\" he said.\r")
    assert draft.text == 'Pasted title\n\n"Yes," he said.\n'
    assert (draft.title, draft.fmt, draft.source_path) == ("Pasted title", "paste", None)
    with pytest.raises(IngestError, match=r"^pasted text: is empty$"):
        read_text_blob(" \n\t ")
    with pytest.raises(IngestError, match="binary"):
        read_text_blob("a\x00b")


def test_read_jsonl_keeps_good_lines_and_names_bad_ones(tmp_path):
    lines = [
        json.dumps({"id": "a", "text": "Title A\r\n\"Quote,\" she said.", "date": "March 14, 2024", "outlet": "Gazette"}),
        "",
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": "   "}),
        json.dumps({"id": 7, "text": "Seven", "title": "T7", "url": "https://example.org/7"}),
        json.dumps({"id": "d", "text": "x", "date": 5}),
    ]
    path = write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")
    items = list(read_jsonl(path))
    good = [i for i in items if not isinstance(i, IngestError)]
    bad = [i for i in items if isinstance(i, IngestError)]
    assert [g.extra["id"] for g in good] == ["a", 7]
    assert good[0].text == "Title A\r\n\"Quote,\" she said."  # unchanged: offsets refer to it
    assert (good[0].date, good[0].outlet, good[0].title, good[0].fmt) == ("2024-03-14", "Gazette", "Title A", "jsonl")
    assert (good[1].title, good[1].url) == ("T7", "https://example.org/7")
    assert [str(e) for e in bad] == [
        "batch.jsonl, line 3: invalid JSON (Expecting property name enclosed in double quotes)",
        "batch.jsonl, line 4: expected a JSON object, got list",
        'batch.jsonl, line 5: missing "text" (a string)',
        'batch.jsonl, line 6: "text" is empty',
        'batch.jsonl, line 8: "date" must be a string',
    ]


def test_iter_paths_expands_folders_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("z.txt", "a.md", "b/c.html", "b/d.PDF", ".secret.txt", ".hidden/e.txt", "notes.xyz", "~$lock.docx", "b/f.jsonl"):
        write(tmp_path, name, "x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert found == ["a.md", "b/c.html", "b/d.PDF", "z.txt"]
    assert [p.name for p in iter_paths(tmp_path, recursive=False)] == ["a.md", "z.txt"]
    explicit = [tmp_path / "notes.xyz", tmp_path / "missing.txt"]
    assert list(iter_paths(explicit)) == explicit  # passed through so read_path can say what is wrong
    with_batches = [p.name for p in iter_paths([tmp_path], suffixes=SUPPORTED_SUFFIXES + (".jsonl",))]
    assert "f.jsonl" in with_batches


def test_api_constants():
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"}
    assert MAX_BYTES == 50 * 1024 * 1024
