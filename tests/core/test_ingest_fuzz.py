"""Hostile input, fuzzed: whatever the bytes, a reader returns a draft or raises ``IngestError``.

Short form by default (a few hundred cases per test); ``QUOTEDESK_LONG=1`` runs 20 times more.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotedesk.core.ingest import SUPPORTED_SUFFIXES, IngestError, read_jsonl, read_path, read_text_blob
from quotedesk.core.ingest.decode import normalise_newlines
from quotedesk.core.model import ArticleDraft

ROOT = Path(__file__).resolve().parents[2]
SCALE = 20 if os.environ.get("QUOTEDESK_LONG") == "1" else 1
FUZZ = settings(
    max_examples=60 * SCALE,
    deadline=None,
    database=None,  # nothing written into the working tree
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
VALID_SAMPLES = {
    ".txt": ROOT / "seeds" / "harbor-bridge-closure.txt",
    ".md": ROOT / "seeds" / "lindenau-strike-ends.md",
    ".html": ROOT / "seeds" / "harbor-ferry-fares.html",
    ".docx": ROOT / "tests" / "data" / "ingest" / "sample.docx",
    ".pdf": ROOT / "tests" / "data" / "ingest" / "sample.pdf",
}
_WORKDIR = Path(tempfile.mkdtemp(prefix="quotedesk-fuzz-"))


def read_or_refuse(data: bytes, suffix: str) -> ArticleDraft | IngestError:
    path = _WORKDIR / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        draft = read_path(path)
    except IngestError as error:  # anything else fails the test
        assert str(error).startswith(f"fuzz{suffix}: ") and error.reason
        return error
    assert isinstance(draft, ArticleDraft) and draft.text.strip()
    assert draft.source_path == str(path)
    assert draft.date is None or (len(draft.date) == 10 and draft.date[4] == "-")
    return draft


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
@FUZZ
@given(data=st.binary(min_size=0, max_size=4096))
def test_random_bytes_with_each_extension(suffix, data):
    read_or_refuse(data, suffix)


@pytest.mark.parametrize("suffix", sorted(VALID_SAMPLES))
@FUZZ
@given(data=st.data())
def test_truncated_and_corrupted_real_files(suffix, data):
    original = VALID_SAMPLES[suffix].read_bytes()
    blob = bytearray(original[: data.draw(st.integers(0, len(original)), label="cut")])
    for _ in range(data.draw(st.integers(0, 8), label="flips")):
        if blob:
            blob[data.draw(st.integers(0, len(blob) - 1))] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans(), label="insert"):
        at = data.draw(st.integers(0, len(blob)))
        blob[at:at] = data.draw(st.binary(max_size=64))
    read_or_refuse(bytes(blob), suffix)


_PROSE = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cc", "Cs")),
        st.sampled_from("\n\r\t“”„«»\"' "),
    ),
    min_size=1,
    max_size=400,
)


@FUZZ
@given(text=_PROSE, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]))
def test_text_round_trips_exactly(text, encoding):
    if encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        text = text.lstrip("\ufeff")
    result = read_or_refuse(text.encode(encoding), ".txt")
    if not text.strip():
        assert isinstance(result, IngestError)
        return
    if encoding in ("utf-16-le", "utf-16-be"):
        # without a BOM, UTF-16 is only recognised by the NUL bytes of mostly-Latin text;
        # other BOM-less UTF-16 is ambiguous and may be refused or read as another encoding
        if isinstance(result, IngestError) or result.extra["encoding"] != encoding:
            return
    assert isinstance(result, ArticleDraft), result
    assert result.text == normalise_newlines(text)
    assert result.title == " ".join(next(ln for ln in result.text.split("\n") if ln.strip()).split())[:301] or result.title.endswith("…")


@FUZZ
@given(text=st.text(max_size=500), fmt=st.sampled_from(["paste", "md"]))
def test_pasted_text(text, fmt):
    try:
        draft = read_text_blob(text, fmt=fmt)
    except IngestError as error:
        assert str(error).startswith("pasted text: ")
        return
    assert draft.text == normalise_newlines(text.removeprefix("\ufeff"))


@FUZZ
@given(lines=st.lists(st.one_of(st.binary(max_size=200), st.text(max_size=100).map(str.encode)), max_size=12))
def test_jsonl_batches(lines):
    path = _WORKDIR / "fuzz.jsonl"
    path.write_bytes(b"\n".join(line.replace(b"\n", b" ") for line in lines) + b"\n")
    try:
        items = list(read_jsonl(path))
    except IngestError as error:
        assert str(error) == "fuzz.jsonl: is empty"
        return
    for item in items:
        assert isinstance(item, (ArticleDraft, IngestError))
        if isinstance(item, IngestError):
            assert item.line is not None and str(item).startswith(f"fuzz.jsonl, line {item.line}: ")
