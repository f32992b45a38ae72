"""Where a reported clause ends: the punctuation proposes the places, the shipped clause-end model
decides. Hand-written sentences (never evaluation data)."""
from __future__ import annotations

import pytest

from quotedesk.core.attribution import content_end, pipeline
from quotedesk.core.attribution.learned import model


def _indirect(text):
    return [q for q in pipeline.extract_quotes(text) if q.kind in ("indirect", "mixed")]


def test_shipped_model_reads_the_features_the_stage_computes():
    m = model(content_end.MODEL)
    assert tuple(m.features) == content_end.FEATURES
    assert 0.0 < float(m.meta["threshold"]) < 1.0


@pytest.mark.parametrize("text,clause", [
    ("Mayor Ana Rivera said the bridge would reopen in the spring, a promise she has made twice before.",
     "the bridge would reopen in the spring"),
    ("Police Chief Omar Haddad said the crash could have been avoided, although investigators have not "
     "yet finished their report.", "the crash could have been avoided"),
])
def test_the_reported_clause_ends_where_the_writer_takes_over(text, clause):
    (q,) = _indirect(text)
    assert q.text == clause
    assert q.speakers in (("Ana Rivera",), ("Omar Haddad",))


@pytest.mark.parametrize("text,clause", [
    # a relative clause inside the reported subject: cutting there would leave no verb
    ("Mayor Ana Rivera said the bridge, which opened in 1990, would reopen in the spring.",
     "the bridge, which opened in 1990, would reopen in the spring"),
    # a place and its country
    ("Mayor Ana Rivera said the bridge would reopen in Halden, Norway, in the spring.",
     "the bridge would reopen in Halden, Norway, in the spring"),
])
def test_commas_inside_the_clause_do_not_end_it(text, clause):
    (q,) = _indirect(text)
    assert q.text == clause


def test_no_end_is_proposed_inside_quotation_marks():
    text = ('Mayor Ana Rivera said the repairs were "long overdue, which everyone knows, and badly '
            'planned" by the province, which the minister denies.')
    start = text.index("the repairs")
    inside = (text.index('"'), text.index('" by'))
    ends = [b for b, _x in content_end.breaks(text, start, len(text) - 1, clause=True)]
    assert ends and all(not (inside[0] < b < inside[1]) for b in ends)
    (q,) = _indirect(text)
    assert q.kind == "mixed" and "badly planned" in q.text


def test_a_clause_never_ends_before_its_verb_an_object_may():
    text = "Mayor Ana Rivera called for a new bridge, a tunnel and more ferries."
    obj_start = text.index("a new bridge")
    assert [b for b, _x in content_end.breaks(text, obj_start, len(text) - 1, clause=False)]
    assert not content_end.breaks(text, obj_start, len(text) - 1, clause=True)


def test_breaks_are_linear_in_the_clause_length():
    # untrusted text: one long clause of many commas is read once (no rescanning per break)
    text = "Mayor Ana Rivera said the council was " + "big, " * 20_000 + "and that was all."
    start = text.index("the council")
    ends = content_end.breaks(text, start, len(text) - 1, clause=True)
    assert len(ends) >= 19_000


def test_a_cue_in_a_fronted_subordinate_clause_is_described_as_such():
    fronted = ("When Bishop Tom Hale said the senator \"is not a Catholic\" in answering a question on his "
               "flight home from Lima, the church not only served up headlines but also opened a long debate.")
    plain = ("Bishop Tom Hale said the senator \"is not a Catholic\" in answering a question on his "
             "flight home from Lima, and the church opened a long debate.")
    sub = content_end.FEATURES.index("subordinate_comma")
    for text, expected in ((fronted, 1.0), (plain, None)):
        s = text.index("the senator")
        (b, x), = [(b, x) for b, x in content_end.breaks(text, s, len(text) - 1, True) if text[b] == ","]
        assert x.get(sub) == expected
    (q,) = _indirect(fronted)
    assert q.text.endswith("from Lima") and q.speakers == ("Tom Hale",)


def test_a_clause_may_end_after_a_quotations_closing_mark():
    """'… that Canada "must not blink first," according to a readout': the comma sits inside the
    marks, so no break was proposed and the "according to" phrase stayed in the quote."""
    text = ('The two leaders agreed that Canada "must not blink first," according to a readout from the '
            "Prime Minister's Office.")
    start = text.index("that Canada")
    ends = [b for b, _x in content_end.breaks(text, start, len(text) - 1, True)]
    assert ends == [text.index(" according")]
    (q,) = _indirect(text)
    assert text[q.start:q.end] == 'that Canada "must not blink first,"' and q.speakers == ("two leaders",)
