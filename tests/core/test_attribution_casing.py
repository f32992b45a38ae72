"""Title-case lines read as sentences (``casing.py``): the stages find cues and names on them as on
any sentence, and every quote keeps the words as the article writes them. Hand-written texts."""
from __future__ import annotations

from quotedesk.core.attribution import extract_quotes
from quotedesk.core.attribution.casing import sentence_case, title_lines

BODY = ("The bridge closed in March after inspectors found cracks in two of its piers. Mayor Ana Rivera "
        "said the repairs would take until the spring. The city hired Will Dunne, an engineer, to check "
        "the work, and it will reopen to buses first.")


def test_a_title_case_line_reads_as_a_sentence_of_the_same_length():
    text = "Mayor Ana Rivera Says The Bridge Will Reopen In The Spring.\n\n" + BODY
    out = sentence_case(text)
    assert len(out) == len(text)
    assert out.split("\n")[0] == "Mayor Ana Rivera says the bridge will reopen in the spring."
    assert out[out.index("\n"):] == text[text.index("\n"):]  # the body is untouched


def test_a_word_the_article_writes_as_a_name_keeps_its_capital():
    # "Will" is written lower-case once and as a name once: "Will Dunne" is the name the body
    # writes; "Will Reopen" is not
    text = "Will Dunne Says The Bridge Will Reopen In The Spring.\n\n" + BODY
    assert sentence_case(text).split("\n")[0] == "Will Dunne says the bridge will reopen in the spring."


def test_capitals_and_prose_are_left_alone():
    shouting = ("FELLOW DOCTORS DO NOT TRUST HIM — A group of doctors wrote to the hospital board in 2015. "
                "A Letter Was Sent.\n\nThe board did not reply.")
    names = "Ana Ruiz, Omar Haddad, Lena Park\n\nThe three councillors voted against the plan."
    for text in (shouting, names, BODY):
        assert title_lines(text) == []
        assert sentence_case(text) is text


def test_a_title_case_line_without_a_cue_is_left_as_written():
    text = "Mayor Ana Rivera Opens The Harbour Bridge After Repairs\n\n" + BODY
    assert title_lines(text) == [(0, text.index("\n"))]
    assert sentence_case(text) is text


def test_names_on_a_title_case_line_keep_their_capitals():
    text = "Ana Ruiz, Omar Haddad And Lena Park Say They Will Vote Against The Plan\n\nThe three councillors opposed the plan."
    assert sentence_case(text).split("\n")[0] == "Ana Ruiz, Omar Haddad and Lena Park say they will vote against the plan"


def test_a_quote_in_a_title_case_line_is_found_with_its_speaker_and_the_words_as_written():
    line = "Mayor Ana Rivera Says The Bridge Will Reopen In The Spring."
    text = line + "\n\n" + BODY
    q = next(q for q in extract_quotes(text) if q.start < len(line))
    assert q.text == "The Bridge Will Reopen In The Spring"
    assert q.cue == "Says" and q.mention == "Mayor Ana Rivera" and q.speakers == ("Ana Rivera",)
    # the body's own quote is found as before
    assert any(q.text.startswith("the repairs would take") and q.speakers == ("Ana Rivera",)
               for q in extract_quotes(text))
