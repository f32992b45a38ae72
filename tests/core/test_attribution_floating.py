"""Who speaks a quotation without a cue of its own: the speaker carried over or the subject of
the sentence before, as the shipped floating-speaker model decides; nobody when neither is
likely (a wrong speaker costs more than none). Hand-written texts (never evaluation data)."""
from __future__ import annotations

from quotedesk.core.attribution import floating, pipeline
from quotedesk.core.attribution.learned import model


def _quote(text, fragment):
    (q,) = [q for q in pipeline.extract_quotes(text) if fragment in q.text]
    return q


def test_shipped_model_reads_the_features_the_stage_computes():
    m = model(floating.MODEL)
    assert tuple(m.features) == floating.FEATURES
    assert 0.0 < float(m.meta["threshold"]) < 1.0


def test_a_continuation_quote_keeps_the_speaker_of_the_quote_before():
    text = ('"We will fight this decision in court," Mayor Ana Rivera said on Monday. "The province '
            'has ignored us for ten years and we are done waiting."')
    q = _quote(text, "The province has ignored us")
    assert q.floating and q.speakers == ("Ana Rivera",)


def test_a_quote_after_another_person_takes_the_floor_is_not_carried_over():
    # the paragraph between names a new person; carrying the mayor over would put her name on
    # her opponent's words
    text = ('"We will fight this decision in court," Mayor Ana Rivera said on Monday.\n\n'
            'Councillor Omar Haddad disagreed with the mayor.\n\n'
            '"This is a mistake that will cost the city millions of dollars."')
    q = _quote(text, "This is a mistake")
    assert q.speakers != ("Ana Rivera",)


def test_the_candidates_are_the_last_speaker_and_the_subject_of_the_sentence_before(monkeypatch):
    text = ('"We will fight this decision in court," Mayor Ana Rivera said on Monday.\n\n'
            'Councillor Omar Haddad disagreed with the mayor.\n\n'
            '"This is a mistake that will cost the city millions of dollars."')
    seen = []
    real = floating.candidates

    def spy(*args, **kw):
        props = real(*args, **kw)
        seen.append({res.names: {floating.FEATURES[i] for i in x} for res, x in props})
        return props

    monkeypatch.setattr(floating, "candidates", spy)
    pipeline.extract_quotes(text)
    (props,) = seen
    assert {"is_last", "last_gap_2"} <= props[("Ana Rivera",)]  # spoke two paragraphs back
    assert "is_subject" in props[("Omar Haddad",)] and "subject_same_para" not in props[("Omar Haddad",)]
