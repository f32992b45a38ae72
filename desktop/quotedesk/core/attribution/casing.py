"""Stage 0: title-case lines read as sentences. Decides which capitals are only typography.

A headline or heading set in title case ("Trump Says He's Unlikely To Have A Good Relationship
With David Cameron") hides what every later stage reads from capitals: a cue is a lower-case verb,
a name is a capitalised run. ``sentence_case`` returns the text with each such line in sentence
case ("Trump says he's unlikely to have a good relationship with David Cameron"), of the same
length, so every offset found in it is an offset of the original (the quote's words and evidence
are cut from the original; only the stages read the copy). Only a line with a cue's form on it
("Says", "Tells", "Claims") is rewritten: any other title line holds no quote, and the entity
index reads the names on it by its own title-line test (rewriting those lines too changed no quote
on PolNeAR, made runs such as "Mom Corners Obama" into names, and tripled this stage's cost).

A line is title case when it is at most ``LINE_MAX`` characters long, has at most four
lower-case words in its first ``_FIRST_WORDS`` characters, and, among its words after the first
(words in capitals, "NATO", "FELLOW DOCTORS", are not counted), both in its first thirteen and in
all, at least four, three in four of them capitalised, with a common word among the capitalised
ones (a line of names, "Ana Ruiz, Omar Haddad, Lena Park", has none). On such a line a
capitalised word after the first (and not opening a sentence of its own) loses its capital when
the article itself tells it is an ordinary word: outside the lines rewritten it is written
lower-case more often than capitalised after a lower-case word ("said Trump" keeps "Trump"), and
never capitalised before the word that follows it here ("hired Will Dunne" keeps "Will Dunne",
not "Will Reopen"); a word the article never writes elsewhere (or as often each way) is ordinary
when it is a common word of the lexicon, a sentence opener (``CAPITALISED_STOP``) or a cue's
form ("Says", "Tells"). Acronyms and words with inner capitals stay as they are.
One pass over the text for the lines; the evidence is gathered only when a title line with a cue
exists (on PolNeAR train: 0.18 ms per article).
"""
from __future__ import annotations

import re
from collections import Counter

from .cues import FORM_TO_BASE
from .lexicon import CAPITALISED_STOP
from .mentions import COMMON_WORDS
from .words import LOWER_WORD_RE as _LOWER_WORD_RE, WORD_RE as _WORD_RE

LINE_MAX = 1000  # characters: a headline, heading or line of link titles is shorter
_FIRST_WORDS = 120  # characters judged first: a line of prose fails on its first dozen words
#: A capitalised word as sentence case would lower it: a capital, then only lower-case letters
#: (and an apostrophe's "s": "He's"); "NATO", "McCain", "iPhone" are left alone.
_CAP_WORD_RE = re.compile(r"(?<![\w’'\-])[A-Z](?:[a-z]+(?:[’'][a-z]{1,2})?)?(?![\w’'\-])")
#: Five lower-case words in a line's first characters: prose (one match rejects most lines).
_PROSE_RE = re.compile(r"(?:[^\n]*?(?<![\w’'\-])[a-z]){5}")
_SENTENCE_OPEN_RE = re.compile(r"[.!?:][\"”’')]?\s+[\"“‘'(]?$")
#: A capitalised word right after a lower-case word or a comma (a name inside a sentence), and
#: the capitalised word after it, if any.
_CAP_MID_RE = re.compile(r"(?<=[a-z,] )([A-Z][\w’'\-]*)(?: ([A-Z][\w’'\-]*))?")


def _is_title_line(line: str) -> bool:
    return _title_case(_WORD_RE.findall(line, 0, _FIRST_WORDS)[1:13]) \
        and _title_case(_WORD_RE.findall(line)[1:])


def _title_case(words: list[str]) -> bool:
    caps = [w for w in words if w[:1].isupper() and (len(w) == 1 or w[1:2].islower())]
    n_lower = sum(1 for w in words if w[:1].islower())
    return len(caps) + n_lower >= 4 and 4 * len(caps) >= 3 * (len(caps) + n_lower) \
        and any(w.lower() in COMMON_WORDS for w in caps)


def title_lines(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every title-case line of ``text``, in order."""
    out = []
    a = 0
    n = len(text)
    while a < n:
        b = text.find("\n", a)
        if b < 0:
            b = n
        if 0 < b - a <= LINE_MAX and not _PROSE_RE.match(text, a, min(b, a + _FIRST_WORDS)) \
                and _is_title_line(text[a:b]):
            out.append((a, b))
        a = b + 1
    return out


def _ordinary(word: str, after: str, lower_seen: Counter, cap_mid: Counter, cap_pairs: set) -> bool:
    """Whether the title-line word ``word`` (followed by the word ``after``) is an ordinary word."""
    low = word.lower()
    if (word, after) in cap_pairs:
        return False  # "Will Dunne" as the article writes it elsewhere: a name
    n_low = lower_seen[low] or lower_seen[low.rsplit("’", 1)[0].rsplit("'", 1)[0]]
    n_cap = cap_mid[word]
    if n_low != n_cap:
        return n_low > n_cap  # "will" more often than "Will"; "Trump" more often than "trump"
    return low in COMMON_WORDS or low in CAPITALISED_STOP or low in FORM_TO_BASE


def sentence_case(text: str) -> str:
    """``text`` with its title-case lines that carry a cue in sentence case (the same length);
    ``text`` itself when it has none."""
    # only a line with a cue can hold a quote (the entity index reads names on the others itself)
    lines = [(a, b) for a, b in title_lines(text)
             if any(w.lower() in FORM_TO_BASE for w in _WORD_RE.findall(text, a, b))]
    if not lines:
        return text
    # the evidence: the words of the text outside those lines (each part scanned in place)
    lower_seen: Counter = Counter()
    cap_mid: Counter = Counter()
    cap_pairs = set()
    k = 0
    for a, b in lines + [(len(text), len(text))]:
        if a > k:
            lower_seen.update(_LOWER_WORD_RE.findall(text, k, a))
            for m in _CAP_MID_RE.finditer(text, k, a):
                cap_mid[m.group(1)] += 1
                if m.group(2):
                    cap_pairs.add((m.group(1), m.group(2)))
        k = b
    out: list[str] = []
    last = 0
    for a, b in lines:
        first = _WORD_RE.search(text, a, b)
        for m in _CAP_WORD_RE.finditer(text, first.end() if first else a, b):
            word = m.group()
            if _SENTENCE_OPEN_RE.search(text, max(a, m.start() - 4), m.start()):
                continue  # "… Week. A Group …": a sentence's first word keeps its capital
            nxt = _WORD_RE.match(text, m.end() + 1, b) if m.end() < b else None
            after = nxt.group() if nxt else ""
            if word == "I" or not _ordinary(word, after, lower_seen, cap_mid, cap_pairs):
                continue
            out += (text[last:m.start()], word[0].lower())
            last = m.start() + 1
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


__all__ = ["LINE_MAX", "sentence_case", "title_lines"]
