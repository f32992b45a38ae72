"""Stage 1: paragraphs and quotation-mark spans (spans.py)."""
from __future__ import annotations

import pytest

from quotedesk.core.attribution.spans import find_quote_spans, paragraphs


def inner(text):
    return [text[q.start:q.end] for q in find_quote_spans(text)]


@pytest.mark.parametrize("text,expected", [
    ('He said "we will win," loudly.', ["we will win,"]),
    ("She said \u201cwe will win,\u201d loudly.", ["we will win,"]),
    ("Il a dit \u00ab nous gagnerons \u00bb hier.", ["nous gagnerons"]),
    ("Er sagte \u201eWir schaffen das\u201c und ging.", ["Wir schaffen das"]),
    ("She wrote \u2018we will win\u2019 on the board.", ["we will win"]),
    ("''We must not overreact,'' he told me.", ["We must not overreact,"]),
])
def test_mark_styles(text, expected):
    assert inner(text) == expected


def test_apostrophes_are_not_quotes():
    text = "It\u2019s the voters\u2019 choice, and Trump\u2019s team didn\u2019t call in the \u201990s."
    assert inner(text) == []


def test_nested_quote_stays_inside_the_outer_one():
    text = '"He told me, \'Our approach has not worked,\' and left," Mitchell recalled.'
    assert inner(text) == ["He told me, 'Our approach has not worked,' and left,"]
    text = "\u201cHe said \u201cno\u201d twice,\u201d she said."
    assert inner(text) == ["He said \u201cno\u201d twice,"]


def test_multi_paragraph_quote_shares_a_group():
    text = ('"The first paragraph of a long statement goes on.\n\n'
            '"The second paragraph carries on with more.\n\n'
            '"And the last one ends it," she said.')
    spans = find_quote_spans(text)
    assert len(spans) == 3
    assert len({q.group for q in spans}) == 1
    assert [q.continues for q in spans] == [True, True, False]
    assert text[spans[-1].start:spans[-1].end] == "And the last one ends it,"


def test_boilerplate_between_paragraphs_does_not_break_the_quote():
    text = ('"We are not done yet, not by a long way.\n'
            "Story continues below advertisement\n"
            '"We will be back next year," the coach said.')
    spans = find_quote_spans(text)
    assert len(spans) == 2 and spans[0].group == spans[1].group
    paras = paragraphs(text)
    assert [p.boilerplate for p in paras] == [False, True, False]


def test_unbalanced_mark_stops_at_the_paragraph_end():
    text = ('He said "this never closes and runs on.\n\n'
            "A second paragraph that must not be swallowed by the quote at all.\n\n"
            '"A real quote," she said.')
    spans = find_quote_spans(text)
    texts = [text[q.start:q.end] for q in spans]
    assert texts[0] == "this never closes and runs on."
    assert not spans[0].closed and not spans[0].continues
    assert "A real quote," in texts
    assert all("second paragraph" not in t for t in texts)


def test_inches_and_stray_closing_marks():
    assert inner('The 6\'2" forward said nothing." Then silence.') == []


def test_hard_wrapped_lines_are_one_paragraph():
    text = ("The minister said the plan would be reviewed by a panel of\n"
            "independent experts before the end of the year.\n\nNext paragraph.")
    paras = paragraphs(text)
    assert len(paras) == 2
    assert text[paras[0].start:paras[0].end].endswith("year.")


def test_offsets_are_inside_the_text_and_sorted():
    text = '"a" "b" \u201cc\u201d \u00abd\u00bb "unclosed'
    spans = find_quote_spans(text)
    assert [q.start for q in spans] == sorted(q.start for q in spans)
    for q in spans:
        assert 0 <= q.open_at < q.start <= q.end <= len(text)
