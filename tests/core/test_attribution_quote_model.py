"""The quote decision model: the rules propose candidate spans, the shipped model keeps or rejects
each, and its probability is the quote's confidence in extract's output. Hand-written texts of each
shape (never evaluation data)."""
from __future__ import annotations

import pytest

from quotedesk.core.attribution import pipeline, quote_model
from quotedesk.core.attribution.learned import model


def _probs(text):
    cands, ctx = pipeline.propose(text)
    m = model(quote_model.MODEL)
    return [(c.kind, text[c.start:c.end], m.prob(quote_model.dense(x)))
            for c, x in zip(cands, quote_model.candidate_features(text, cands, ctx))]


def _threshold():
    return float(model(quote_model.MODEL).meta["threshold"])


def test_shipped_model_reads_the_features_the_stage_computes():
    m = model(quote_model.MODEL)
    assert tuple(m.features) == quote_model.FEATURES
    assert 0.0 < _threshold() < 1.0


@pytest.mark.parametrize("text,kind,fragment", [
    ('"We will rebuild the bridge by spring," Mayor Ana Rivera said on Tuesday.', "direct",
     "We will rebuild the bridge by spring,"),
    ("Mayor Ana Rivera said the bridge would reopen in the spring after the repairs are finished.",
     "indirect", "the bridge would reopen in the spring"),
    ('Mayor Ana Rivera said the repairs were "long overdue and badly planned" by the province.',
     "mixed", 'the repairs were "long overdue and badly planned"'),
    ('Police chief Omar Haddad described the crash as "a tragedy that could have been avoided."',
     "mixed", "a tragedy that could have been avoided"),
])
def test_quotes_of_each_shape_are_kept_with_the_model_probability_as_confidence(text, kind, fragment):
    proposed = [(k, span, p) for k, span, p in _probs(text) if fragment in span]
    assert proposed, "the rules must propose the span"
    k, span, p = proposed[0]
    assert k == kind and p >= _threshold()
    out = [q for q in pipeline.extract_quotes(text) if fragment in q.text]
    assert len(out) == 1 and out[0].kind == kind
    # the confidence is the model's, nothing else (kept within 0.01-0.99: never shown as certain)
    assert out[0].confidence == pytest.approx(min(0.99, max(0.01, p)))


def test_a_floating_quote_keeps_the_model_confidence_not_a_fixed_one():
    text = ('Omar Haddad spoke for an hour at the hall. "We have waited long enough for this road to be '
            'fixed, and every resident on this street knows it."')
    (k, span, p), = [c for c in _probs(text) if c[0] == "direct"]
    (q,) = pipeline.extract_quotes(text)
    assert q.confidence == pytest.approx(p)


def test_a_weak_candidate_without_a_clause_is_proposed_and_scored_far_below_a_clause():
    # the strict rules give "stated" no content here; the weak proposal (an object, no verb of its
    # own) goes to the model, which scores it near its threshold (PolNeAR annotates many objects
    # of speech verbs as content: "announced his resignation", "said no"; on 2026-12-07 it scored
    # 0.313 against a threshold of 0.25 after one retrain and 0.307 against 0.3 after the next:
    # which side it lands on moves with a retrain) and far below the same cue with a clause
    text = "Rivera stated her name and address for the record before the committee began."
    cands, ctx = pipeline.propose(text)
    assert [c.att.weak for c in cands] == [True]
    ((_k, _s, p_weak),) = _probs(text)
    ((_k, _s, p_clause),) = _probs("Rivera stated that the hall would close in March because the roof leaks.")
    assert abs(p_weak - _threshold()) < 0.1 and p_clause - p_weak > 0.5


def test_a_weak_candidate_with_a_clause_is_kept():
    # "explained" without "that": the strict rules need a finite verb in view; the model keeps it
    text = "Rivera explained the parking rules would start in March and cost drivers more."
    (q,) = pipeline.extract_quotes(text)
    assert q.text.startswith("the parking rules would start") and q.speakers == ("Rivera",)


def test_a_song_title_in_marks_is_not_proposed_or_kept():
    text = 'The band played "Summer Nights" at the county fair on Saturday evening.'
    assert all(p < _threshold() for _k, _s, p in _probs(text))
    assert pipeline.extract_quotes(text) == []


def test_decide_drops_below_threshold_and_marks_what_it_keeps(monkeypatch):
    weak = "Rivera stated her name and address for the record before the committee began."
    ((_k, _s, p),) = _probs(weak)
    meta = model(quote_model.MODEL).meta
    monkeypatch.setitem(meta, "threshold", p + 0.01)
    cands, ctx = pipeline.propose(weak)
    assert len(cands) == 1 and quote_model.decide(weak, cands, ctx) == []
    monkeypatch.setitem(meta, "threshold", p - 0.01)
    cands, ctx = pipeline.propose(weak)
    (kept,) = quote_model.decide(weak, cands, ctx)
    assert kept.quote_prob == pytest.approx(p)
    monkeypatch.undo()
    said = "Mayor Ana Rivera said the bridge would reopen in the spring after the repairs are finished."
    cands, ctx = pipeline.propose(said)
    (kept,) = quote_model.decide(said, cands, ctx)
    assert kept.quote_prob == kept.base_conf and kept.quote_prob >= _threshold()


def test_features_follow_the_cue_class_and_position():
    text = "Mayor Ana Rivera said the bridge would reopen in the spring after the repairs are finished."
    cands, ctx = pipeline.propose(text)
    x = dict(zip(quote_model.FEATURES, quote_model.dense(quote_model.candidate_features(text, cands, ctx)[0])))
    assert x["class_say"] == 1 and x["lemma_say"] == 1 and x["cue_before"] == 1 and x["cue_after"] == 0
    assert x["tense_past"] == 1 and x["mention_name"] == 1 and x["kind_indirect"] == 1
    assert x["sent_end"] == 1 and x["first_para"] == 1


def test_a_participle_after_the_cue_and_a_comma_is_how_it_was_said_not_what():
    text = ('The council met on Tuesday. "We will not back down," Mayor Jo Ray said, pointing at the '
            'crowd outside the hall. The vote is next week.')
    proposed = [span for _k, span, _p in _probs(text)]
    assert "pointing at the crowd outside the hall" in proposed  # the rules propose it ...
    (q,) = pipeline.extract_quotes(text)  # ... the model keeps only the quotation
    assert q.text == "We will not back down," and q.speakers == ("Jo Ray",)


def test_a_cue_word_used_as_a_noun_after_a_possessive_opens_no_quote():
    text = ("Councillor Amir Haddad spoke first. The councillor's call could also be the first big test "
            "of his influence on the budget committee.")
    assert any(span.startswith("could also be") for _k, span, _p in _probs(text))
    assert pipeline.extract_quotes(text) == []
