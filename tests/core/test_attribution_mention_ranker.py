"""The speaker-mention ranker: rules propose the phrases near a cue, the shipped model picks the
speaker. Each case is a shape the rules alone used to get wrong or a shape it must keep."""
from __future__ import annotations

import pytest

from quotedesk.core.attribution import learned, mention_ranker, pipeline


def _ranked(text, cue):
    """The ranker's pick for the engine's attribution of the cue word ``cue``."""
    from quotedesk.core.attribution.indirect import find_attributions
    from quotedesk.core.attribution.pipeline import read_marks
    _paras, _qspans, _prot, sentences, in_quote = read_marks(text)
    at = text.index(cue) + len(cue) - len(cue.lstrip())
    att = next(a for a in find_attributions(text, sentences, in_quote) if a.cue_start <= at < a.cue_end)
    men, p = mention_ranker.pick(text, att, sentences, in_quote)
    assert p > mention_ranker.MIN_PROB
    return men.surface


def test_shipped_ranker_loads_and_names_its_features():
    m = learned.model(mention_ranker.MODEL)
    assert m.features == mention_ranker.FEATURES


def test_a_comma_phrase_between_subject_and_cue():
    assert _ranked("Mayor Lena Ortiz toured the flooded district on Monday. Ortiz, speaking to volunteers "
                   "outside the arena in Westbrook, said the city would rebuild the levee before spring.",
                   " said") == "Ortiz"


def test_the_subject_not_the_object_of_a_preposition():
    assert _ranked("Police Chief Omar Haddad spoke after the meeting with Deputy Mayor Rita Gomes. "
                   "Haddad told the council that the budget was too small.", "told") == "Haddad"


def test_a_role_phrase_is_the_mention():
    assert _ranked("Health Minister Paul Brandt met nurses in Carville. The minister said the hospital "
                   "would hire forty more staff this year.", " said") == "The minister"


def test_an_inverted_cue_takes_the_name_after_it():
    assert _ranked("“We will not close the plant,” said Karen Holt, a spokeswoman for Norvale Steel.",
                   "said") == "Karen Holt"


def test_a_name_inside_the_reported_clause_is_not_the_speaker():
    assert _ranked("Councillor Dana Webb said Premier Alan Rusk had ignored the northern towns for years.",
                   "said") in ("Councillor Dana Webb", "Dana Webb")


def test_candidates_include_pronouns_relatives_and_role_phrases():
    text = "Two nurses, both of whom asked not to be named, and the union's spokesman said they would strike."
    cands = mention_ranker.propose(text, 0, len(text))
    kinds = {text[c.start:c.end]: c.kind for c in cands}
    assert kinds.get("whom") == "relative"
    assert kinds.get("they") == "pronoun"
    assert "Two nurses" in kinds and kinds["Two nurses"] == "head"


def test_probability_is_the_models():
    from quotedesk.core.attribution.indirect import Attribution
    from quotedesk.core.attribution.sentences import Sentences
    from quotedesk.core.attribution.spans import paragraphs
    text = "The senator said the vote would wait until June."
    cue = text.index("said")
    att = Attribution(cue + 5, len(text) - 1, "indirect", cue, cue + 4, None, 0.9)
    men, p = mention_ranker.pick(text, att, Sentences(text, paragraphs(text), []), lambda pos: False)
    assert men is not None and men.surface == "The senator"
    assert 0.5 < p <= 1.0


@pytest.mark.parametrize("text, fragment, speaker", [
    # the speaker inside a relative clause ("which Mr. Varga says"): not the plant
    ("Tom Varga, the owner of the Eastgate mill, spoke to workers on Monday. The plant, which Mr. Varga says "
     "he is doing everything he can to keep open, lost money last year.", "he is doing everything", "Tom Varga"),
])
def test_the_ranker_fills_in_a_speaker_the_cue_rules_did_not_find(text, fragment, speaker):
    from quotedesk.core.attribution import extract_quotes
    q, = [q for q in extract_quotes(text) if fragment in text[q.start:q.end]]
    assert q.speakers == (speaker,)


def test_a_second_verb_of_the_same_subject_keeps_the_sentence_speaker():
    from quotedesk.core.attribution import extract_quotes
    text = ("Mayor Ruth Hale met Councillor Ben Ofori on Monday. Hale and the councillor agreed that the old "
            "bridge between Eastgate and the harbour \u201cmust close\u201d and vowed to \u201cfind the money "
            "for a new one.\u201d")
    q, = [q for q in extract_quotes(text) if "find the money" in text[q.start:q.end]]
    assert set(q.speakers) == {"Ruth Hale", "Ben Ofori"}  # both who agreed, as for the clause before


@pytest.mark.parametrize("text,cue,speaker", [
    # the second verb of a coordination: its subject is the first verb's, not the object between
    ("Mayor Lena Park has criticized the North Shore Trade Agreement and called for new tariffs on steel.",
     "called", "Lena Park"),
    # a past participle after "has" is a verb, never the start of a speaker phrase
    ("Mayor Lena Park has praised European nations but has said she will hold firm on the budget.",
     " said", "Lena Park"),
])
def test_a_coordinated_cue_speaks_for_the_sentence_subject(text, cue, speaker):
    from quotedesk.core.attribution import extract_quotes
    (q,) = extract_quotes(text)
    assert q.speakers == (speaker,)
    at = text.index(cue)
    assert q.cue_span.start <= at + 1 < q.cue_span.end


def test_a_party_and_state_label_is_never_a_speaker_candidate():
    """"Rep. Ines Varga (R-Ohio), who …, would say …": the label in parentheses belongs to the name
    before it; the ranker once picked "R-Ohio" as the speaker."""
    text = ("Intelligence committee member Ines Varga (R-Ohio), who has read the cables but would say nothing "
            "about their authors, agreed with the finding.")
    spans = [text[c.start:c.end] for c in mention_ranker.propose(text, 0, len(text))]
    assert "Ines Varga" in spans and not any("R-Ohio" in s for s in spans)


def test_a_weekday_or_an_opener_is_never_a_speaker_candidate():
    """"… going to the polls Tuesday say …", "Even Ana Ruiz agrees": a day and a
    discourse word said who spoke (the ranker picked "Tuesday", then found nobody)."""
    text = "Majorities of voters going to the polls Tuesday say the plan is doomed. Even Ana Ruiz agrees"
    spans = [text[c.start:c.end] for c in mention_ranker.propose(text, 0, len(text))]
    assert "Ana Ruiz" in spans and "voters" in spans
    assert not {"Tuesday", "Even", "Even Ana Ruiz"} & set(spans)


def test_a_state_or_province_after_a_place_is_never_a_speaker_candidate():
    """"At an event in Truro, N.S., Brenda Jonas … explained": the province belongs to the town
    (the ranker picked "Ohio" in such a sentence)."""
    text = ("At a June campaign event in Truro, N.S., 62-year-old Brenda Jonas also railed against the "
            "tolls, and explained how much they upset her.")
    spans = [text[c.start:c.end] for c in mention_ranker.propose(text, 0, len(text))]
    assert "Brenda Jonas" in spans and not any(s.startswith("N.S") for s in spans)
    (q,) = pipeline.extract_quotes(text)
    assert q.speakers == ("Brenda Jonas",)
