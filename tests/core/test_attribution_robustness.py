"""Property tests: any text at all, and huge or hostile articles, in bounded (linear) time.

Invariants checked on every result: no exception, offsets inside the text, ``text[start:end]``
equal to the quote text, sorted by start, confidence in (0, 1), evidence spans inside the text.
"""
from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotedesk.core.attribution import extract_quotes

PIECES = [
    '"', "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", "''", "``", "'",
    " said ", " says ", " told reporters ", "according to ", ", she said.", ", said the minister.",
    "He said", "They said that ", "Mr. ", "Dr. ", "Ms. Rivera", "Ana Rivera", "the two leaders",
    "Putin and Trump", "the Kremlin", "police", "The statement read", " and ", ", ", ". ", "! ",
    "? ", ": ", "; ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u2028", "\x00", "\x1b", "\ufeff",
    "Story continues below advertisement\n", "\u041f\u0443\u0442\u0438\u043d \u0441\u043a\u0430\u0437\u0430\u043b",
    "\u4e60\u8fd1\u5e73\u8bf4", "\u0642\u0627\u0644", "\U0001F600", "(", ")", "\u2014", "-",
    "word", "Capital", "x" * 50, "Mayor Faces Questions Over ", "Brennan Center for Justice ",
    "a source close to him said ", "nine in 10 said ", "The billionaire said ",
]

text_strategy = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=120).map("".join),
)


def check(text, quotes):
    last = -1
    for q in quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start:q.end] == q.text
        assert q.start >= last
        last = q.start
        assert 0.0 < q.confidence < 1.0
        assert q.kind in ("direct", "indirect", "mixed")
        for span in (q.cue_span, q.mention_span):
            assert span is None or 0 <= span.start <= span.end <= len(text)
        assert all(isinstance(s, str) and s for s in q.speakers)


@settings(max_examples=300, deadline=500, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy)
def test_any_text(text):
    check(text, extract_quotes(text))


@settings(max_examples=25, deadline=3000, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join),
       st.integers(min_value=50, max_value=400))
def test_repeated_hostile_patterns(chunk, reps):
    text = chunk * reps  # one pattern repeated: a huge paragraph, unbalanced marks, cue floods
    check(text, extract_quotes(text))


def _news_paragraphs():
    return [
        "Mayor Ana Rivera said on Monday that the budget would be balanced by the end of the decade.",
        "\u201cWe kept every promise we made, and we will keep the next ones,\u201d Ms. Rivera said.",
        "\u201cThe water is safe,\u201d said Omar Haddad, the city engineer, adding that tests continue.",
        "According to police, no one was hurt in the fire, which started in a kitchen.",
        "Story continues below advertisement",
        "Prices rose sharply in March, the agency said in a statement.",
        "\u201cThis one never closes and goes on for a while without any end in sight",
        "The council will vote next week on the plan, which has drawn criticism from residents.",
    ]


def _timed(text):
    t0 = time.perf_counter()
    quotes = extract_quotes(text)
    elapsed = time.perf_counter() - t0
    check(text, quotes)
    return quotes, elapsed


def test_five_megabyte_article_is_linear():
    paras = _news_paragraphs()
    small = "\n\n".join(paras * 6)
    big = "\n\n".join(paras * 6 * 1400)
    assert len(big) > 5_000_000
    _, t_small = _timed(small)
    t_small = min(_timed(small)[1] for _ in range(5))
    quotes, t_big = _timed(big)
    ratio = t_big / max(t_small, 1e-6) / (len(big) / len(small))
    assert len(quotes) > 1000
    assert t_big < 20, f"5 MB took {t_big:.1f}s"
    assert ratio < 4, f"cost per character grew {ratio:.1f}x from {len(small)} to {len(big)} chars"


def test_one_huge_paragraph_with_unbalanced_marks():
    # a cue every 27 characters, no newline, no full stop: every cue's window is full of names
    unit = 'He said "it never ends, and \u201cthis either, she said \u00ab and more said police and '
    t_small = min(_timed(unit * 2000)[1] for _ in range(3))
    _, elapsed = _timed(unit * 20000)  # ~1.6 MB
    ratio = elapsed / max(t_small, 1e-6) / 10
    assert ratio < 4, f"cost per character grew {ratio:.1f}x from 2,000 to 20,000 repeats"
    assert elapsed < 60, f"1.6 MB took {elapsed:.1f}s"


def test_control_characters_and_mixed_scripts():
    text = ("\x00\x01\u202e\u200b\u041c\u044d\u0440 \u0441\u043a\u0430\u0437\u0430\u043b: "
            "\u00ab\u041c\u044b \u043f\u043e\u0431\u0435\u0434\u0438\u043c \u0432\u0441\u0435\u0445 "
            "\u0441\u0435\u0433\u043e\u0434\u043d\u044f,\u00bb said Mayor Ivan Petrov.\r\n\u200f"
            "\u0642\u0627\u0644 \u201c\u0646\u0639\u0645\u201d \ud83d\ude00")
    quotes = extract_quotes(text.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))
    assert isinstance(quotes, list)
    quotes, _ = _timed("\x00" * 10000 + '"' * 10000 + "\u201c" * 10000 + "\n" * 10000)


def test_inline_emphasis_tags_keep_the_quote_but_leftover_markup_is_never_one():
    # Text pasted from a web page keeps its emphasis tags: the words are still a quotation,
    # and the tags stay literal characters of it (nothing renders them).
    [q] = extract_quotes('"We want a <b>fair</b> deal, and <em>now</em>," the union said.')
    assert q.text == "We want a <b>fair</b> deal, and <em>now</em>,"
    assert q.speaker == "union"
    # An element with attributes, or a link, is scraping residue, not anyone's words.
    assert extract_quotes('"See <a href="x">this</a> now," she said.') == []
    assert extract_quotes('"Look at <embed src=x> this," he said.') == []


def test_an_engine_failure_is_logged_and_still_returns_the_marked_quotes(monkeypatch, caplog):
    from quotedesk.core.attribution import pipeline

    def broken(text):
        raise RuntimeError("a bug in a stage")

    monkeypatch.setattr(pipeline, "extract_quotes_strict", broken)
    text = '"We will build the homes," the minister said.'
    with caplog.at_level("ERROR", logger="quotedesk"):
        quotes = extract_quotes(text)
    assert [q.text for q in quotes] == ["We will build the homes,"]
    assert quotes[0].speaker is None and quotes[0].confidence < 0.5
    [record] = [r for r in caplog.records if r.name == "quotedesk.core.attribution.pipeline"]
    assert "attribution failed" in record.getMessage() and record.exc_info is not None
    assert "homes" not in record.getMessage()  # the article's words stay out of the log


def test_a_post_credit_after_a_paragraph_of_links_is_linear():
    # the links a post ends with are stripped from its end: one pass, whatever comes before them
    def text(n):
        return ("Intro line here.\n\nWords" + " https://example.org/a" * n + " and a tail\n\n"
                "\u2014 Dana Ruiz (@danaruiz) June 5, 2023\n\nEnd of the article.")
    runs = [_timed(text(2000)) for _ in range(3)]
    t_small = min(elapsed for _q, elapsed in runs)
    _quotes, elapsed = _timed(text(20000))
    assert elapsed / max(t_small, 1e-6) / 10 < 4
    # (a post of 20,000 links is, rightly, an unlikely quote: the credit is checked on the smaller one)
    assert any(q.speakers == ("Dana Ruiz",) for q in runs[0][0])


def test_a_megabyte_line_in_title_case_is_linear():
    # the title-case test looks at most a heading's length back for the line's start
    line = "Harbour Town Mayor Faces Questions Over Ferry Contract Awarded Without Tender And More "
    small, big = line * 50, line * 12_000
    t_small = min(_timed(small)[1] for _ in range(3))
    _, t_big = _timed(big)
    assert t_big / max(t_small, 1e-6) / (len(big) / len(small)) < 4


def test_a_huge_sentence_opening_with_an_adverbial_is_linear():
    # each participial cue looks for the subject after the fronted adverbial: a bounded scan
    piece = "Ana Ruiz, wrote a note, saying that the road was closed, "
    small, big = "At the rally " + piece * 100 + ".", "At the rally " + piece * 4000 + "."
    t_small = min(_timed(small)[1] for _ in range(3))
    _, t_big = _timed(big)
    assert t_big / max(t_small, 1e-6) / (len(big) / len(small)) < 4
