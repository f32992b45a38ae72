"""A "he"/"she" opening a sentence refers to the person the sentences before it are about (their
subject, or who was quoted in them), not to the nearest person of that gender named in passing.
Each text is one a rule of nearest-person-of-the-gender got wrong."""
from __future__ import annotations

import pytest

from quotedesk.core.attribution import extract_quotes


@pytest.mark.parametrize("text, fragment, speaker", [
    # the subject, not the second person of the sentence
    ("Senator Lena Voss drew sharp contrasts between herself and Governor Ana Ruiz on Tuesday. "
     "She said the province could not afford the new highway.", "the province could not afford", "Lena Voss"),
    # a person named after a preposition is not what the sentence is about
    ("Mayor Tom Hale spoke of the bronze statue of Robert Grant in the square. He said the city would "
     "restore it before the festival.", "the city would restore it", "Tom Hale"),
    # after a quotation, who spoke it, not whom he told
    ("Mayor Tom Hale met reporters on Monday. \u201cWe will rebuild the pier,\u201d he told Simon Ortiz of "
     "the Harbour Times. He said the work would start in May.", "the work would start", "Tom Hale"),
    # the subject with an apposition, not the person named in its object
    ("Dr. Alan Reyes, who treated the miners, praised the rescue crews led by Chief Omar Kent. He said "
     "every one of the men would recover.", "every one of the men", "Alan Reyes"),
])
def test_a_pronoun_refers_to_the_person_the_text_is_about(text, fragment, speaker):
    q, = [q for q in extract_quotes(text) if fragment in text[q.start:q.end]]
    assert q.speakers == (speaker,)


def test_a_subject_of_the_other_gender_is_passed_over():
    # "She" cannot be Tom Hale: the sentence before that is about a woman decides
    text = ("Councillor Rita Moss asked for the audit in March. Mayor Tom Hale refused it on Monday. "
            "She said the council would vote on it anyway.")
    q, = [q for q in extract_quotes(text) if "the council would vote" in text[q.start:q.end]]
    assert q.speakers == ("Rita Moss",)


def test_a_quoted_person_of_unknown_gender_is_the_focus():
    # "Teodric" is in no given-name table: quoted with a full name, he is still who "He" is
    text = ("Mayor Tom Hale praised the new budget on Monday. Teodric Vallance, a retired engineer, says it is "
            "hard to blame anyone for the delays. He also says the bridge will open in May.")
    q, = [q for q in extract_quotes(text) if "the bridge will open" in text[q.start:q.end]]
    assert q.speakers == ("Teodric Vallance",)
