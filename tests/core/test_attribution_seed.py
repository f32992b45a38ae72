"""The seed article (seeds/putin-trump-call.txt): all seven gold quotes with the right speakers.

Mixed quotes span their whole reported clause with the quoted fragment inside (the convention of
the shared gold); the lead sentence is reported speech of the Kremlin.

The expected quotes are written out here (not read from the shared gold file), so the test is
self-contained; offsets are found by searching the quote text in the seed.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from quotedesk.core.attribution import extract_quotes

SEED = Path(__file__).resolve().parents[2] / "seeds" / "putin-trump-call.txt"
BOTH = ("Vladimir Putin", "Donald Trump")

EXPECTED = [
    ("Russian President Vladimir Putin and US President Donald Trump agreed to stabilize and deepen "
     "bilateral cooperation during a phone conversation on Saturday", ("Kremlin",), "indirect"),
    ("The two sides expressed willingness to work actively together to stabilize and develop "
     "Russian-American cooperation on a constructive basis, as equals, and to mutual benefit",
     ("Kremlin",), "direct"),
    ("The Presidents called for establishing a real coordination of US and Russian actions to "
     "defeat the Islamic State and other terrorist groups in Syria", ("Kremlin",), "direct"),
    ("Russian and American people see each other positively", BOTH, "indirect"),
    ("The conversation took place in a positive and businesslike manner", ("Kremlin",), "direct"),
    ('that the current ties between Russian and the United States "could not get worse"', BOTH, "mixed"),
    ('to help "stimulate a return to pragmatic, mutually beneficial cooperation."', BOTH, "mixed"),
]


@pytest.fixture(scope="module")
def seed():
    text = SEED.read_text(encoding="utf-8")
    return text, extract_quotes(text)


def _covering(text, quotes, fragment):
    start = text.index(fragment)
    end = start + len(fragment)
    hits = [q for q in quotes if q.start <= start + 2 and q.end >= end - 2]
    # the tightest quote that covers the fragment
    return min(hits, key=lambda q: q.end - q.start) if hits else None


@pytest.mark.parametrize("fragment,speakers,kind", EXPECTED)
def test_seed_quote_found_with_speaker(seed, fragment, speakers, kind):
    text, quotes = seed
    q = _covering(text, quotes, fragment)
    assert q is not None, f"not found: {fragment!r}"
    assert set(q.speakers) == set(speakers)
    assert q.kind == kind
    # the quote is the gold span, give or take a leading "that" and its punctuation
    assert len(fragment) >= 0.9 * (q.end - q.start) - 3
    assert q.start >= text.index(fragment) - len("that ")


def test_seed_offsets_and_evidence(seed):
    text, quotes = seed
    for q in quotes:
        assert text[q.start:q.end] == q.text
        assert q.cue_span is None or text[q.cue_span.start:q.cue_span.end] == q.cue
        assert q.mention_span is None or text[q.mention_span.start:q.mention_span.end] == q.mention
    read = _covering(text, quotes, "The Presidents called for establishing")
    assert read.cue == "read" and read.mention == "the statement" and read.resolved_from == "the statement"
    leaders = _covering(text, quotes, "Russian and American people")
    assert leaders.mention == "the two leaders" and leaders.speaker_kind == "group"
    assert leaders.speaker == ["Vladimir Putin", "Donald Trump"]
