"""Stage 5a: where a reported clause ends. The punctuation proposes, a model decides.

``X said (that) CONTENT`` runs, by the rules, to the end of the sentence; often the reported
clause stops earlier: "she has no plans to change her vote, which her aides confirmed", "he
would debate the front-runner, but …", "… ties would improve — an unusual claim". ``breaks``
proposes every place the clause could end (a comma, semicolon, colon, dash or parenthesis, or a
conjunction without one) outside quotation marks, and describes each by what follows it (the
word and its class: relative pronoun, conjunction, subordinator, participle, speech cue,
pronoun, determiner, capitalised word, number), whether a verb follows soon (a clause of its own),
what precedes it (a capitalised word or a number: "Paris, France", "Sept. 11, 2012") and how
much of the clause lies on each side. The shipped model ``data/content_end.json`` (trained by
``scripts/training/content_end.py`` on PolNeAR train, where annotators ended the reported
clause) gives the probability that the clause ends there; ``cut`` ends it at the first break at
or above the model's threshold.
"""
from __future__ import annotations

import math
import re

from . import cues
from .learned import model
from .lexicon import VERBISH
from .spans import DOUBLE_MARK_RE as _MARK_RE
from .words import WORD_RE as _WORD_RE, count_words

MODEL = "content_end"

#: Words after a break with a weight of their own (the most frequent in PolNeAR train); the rest
#: fall to their class.
WORDS = ("which", "who", "and", "but", "while", "as", "a", "the", "according", "said", "adding",
         "saying", "he", "she", "they", "it", "even", "including", "with", "when", "after", "though",
         "although", "because", "compared", "in", "for", "or", "not", "so", "if", "than", "since")
_CLASSES = ("relative", "coordinator", "subordinator", "participle", "cue", "pronoun", "determiner",
            "capital", "number", "other")
_PUNCT = ("comma", "semicolon", "colon", "dash", "paren", "none")
_RELATIVE = frozenset("which who whom whose where".split())
_COORDINATOR = frozenset("and but or yet nor".split())
_SUBORDINATOR = frozenset("while although though whereas because as since when after before if "
                          "unless until even despite compared including with without than so "
                          "however meanwhile".split())
_PRONOUN = frozenset("he she they it we i you".split())
_DETERMINER = frozenset("a an the his her their its this these those our my some many".split())

FEATURES: tuple[str, ...] = (
    ("bias", "verb_before", "log_before", "log_after", "frac_before", "verb_soon", "cue_soon", "prev_capital",
     "prev_number", "next_ed", "next_cue", "after_marks", "marks_later", "later_breaks", "in_relative",
     "relative_verb_next", "in_subordinate", "subordinate_comma")
    + tuple(f"punct_{p}" for p in _PUNCT)
    + tuple(f"class_{c}" for c in _CLASSES)
    + tuple(f"word_{w}" for w in WORDS)
)
_INDEX = {f: i for i, f in enumerate(FEATURES)}
#: (Each pattern here opens with a look-ahead on the characters a match can start with: every
#: other position fails on that one test, not on each alternative: 1.7x faster for _BREAK_RE.)
_BREAK_RE = re.compile(r"(?=[\s,;:(—–-])(?:\s{0,4}(?P<p>[,;:(]|—|–|--|\s-\s)|(?P<c>\s(?=(?:and|but|while|as|which|who|"
                       r"although|though|whereas|because)\s)))\s{0,4}")
_MARKS = frozenset("\"“”«»")
_CLOSING_AFTER_COMMA = frozenset("\"”")
_VERB_RE = re.compile(r"(?=[a-z])\b(?:is|are|was|were|will|would|could|should|can|may|might|must|has|have|had|"
                      r"did|does|do|won't|wouldn't|isn't|wasn't|didn't|doesn't|don't|can't|[a-z]{3,}ed|"
                      r"says|said)\b")
#: The cue inside a relative clause: "Barkley, who said he votes Democratic, said …" -- the clause
#: ends where the sentence's own verb comes back.
_RELATIVE_CUE_RE = re.compile(r",\s(?:who|which)\s(?:[\w’'\-]+\s){0,4}$")
#: A cue in a fronted subordinate clause: "While Clinton claimed that the videos exist, experts …",
#: "When Francis said Mr. Trump is not Christian, the pope …" -- the clause ends where the main one starts.
_FRONT_SUBORDINATORS = frozenset("while when whenever although though whereas if as because after before since "
                                 "unless once until".split())
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?][\"”’')\]]?\s+|\n)[\"“‘'(\[]?(\w+)[^.!?\n]*$")
_VERB_WINDOW = 48  # characters after a break where a verb makes what follows a clause of its own
_MIN_WORDS = 2  # a clause shorter than this is not cut further


def _punct(p: str | None) -> str:
    if p is None:
        return "none"
    p = p.strip()
    return {",": "comma", ";": "semicolon", ":": "colon", "(": "paren"}.get(p, "dash")


def _word_class(word: str) -> str:
    w = word.lower()
    if w in _RELATIVE:
        return "relative"
    if w in _COORDINATOR:
        return "coordinator"
    if w in _SUBORDINATOR:
        return "subordinator"
    if w in cues.FORM_TO_BASE or w == "according":
        return "cue"
    if w in _PRONOUN:
        return "pronoun"
    if w in _DETERMINER:
        return "determiner"
    if w.endswith("ing") and word.islower():
        return "participle"
    if word[:1].isdigit():
        return "number"
    if word[:1].isupper():
        return "capital"
    return "other"


def breaks(text: str, start: int, end: int, clause: bool = False) -> list[tuple[int, dict[int, float]]]:
    """Every place outside quotation marks where the content ``text[start:end]`` could end, in text
    order: ``(offset of the end, {feature index: value})``. One pass over the span. A ``clause``
    (``said (that) …``, not an object: ``called for …``) never ends before its first verb."""
    out: list[tuple[int, dict[int, float]]] = []
    found = list(_BREAK_RE.finditer(text, start, end))
    if not found:
        return out  # most clauses: nowhere to end but the end
    total = max(1, count_words(text, start, end))
    words_before = 0
    marks = 0
    verb_before = False
    last = start
    ix = _INDEX
    relative = _RELATIVE_CUE_RE.search(text, max(0, start - 60), start) is not None
    opener = _SENTENCE_START_RE.search(text, max(0, start - 160), start)
    subordinate = opener is not None and opener.group(1).lower() in _FRONT_SUBORDINATORS
    mark_at = [m.start() for m in _MARK_RE.finditer(text, start, end)]
    last_mark = mark_at[-1] if mark_at else -1
    k_mark = 0
    for m in found:
        b = m.start()
        if text[b:b + 1] == "," and text[b + 1:b + 2] in _CLOSING_AFTER_COMMA:
            b += 2  # '"… first," according to …': the quotation's comma, the clause may end after its mark
        words_before += len(_WORD_RE.findall(text, last, b))
        while k_mark < len(mark_at) and mark_at[k_mark] < b:
            marks += 1
            k_mark += 1
        verb_before = verb_before or _VERB_RE.search(text, last, b) is not None
        last = b
        if marks % 2 or words_before < _MIN_WORDS or (clause and not verb_before):
            continue  # inside a quotation in marks, or too early: never an end
        after_at = m.end()
        if b > m.start():
            after_at = b
            while after_at < end and text[after_at] == " ":
                after_at += 1
        nw = _WORD_RE.match(text, after_at, end)
        if nw is None:
            continue
        word = nw.group()
        after = total - words_before
        x: dict[int, float] = {ix["bias"]: 1.0, ix["punct_" + _punct(m.group("p"))]: 1.0,
                               ix["class_" + _word_class(word)]: 1.0,
                               ix["log_before"]: math.log1p(words_before), ix["log_after"]: math.log1p(after),
                               ix["frac_before"]: words_before / total}
        if verb_before:
            x[ix["verb_before"]] = 1.0  # what would be kept is a clause, not a bare subject
        wi = ix.get("word_" + word.lower())
        if wi is not None:
            x[wi] = 1.0
        hi = min(end, nw.end() + _VERB_WINDOW)
        if _VERB_RE.search(text, nw.end(), hi):
            x[ix["verb_soon"]] = 1.0
        for w2 in _WORD_RE.finditer(text, nw.start(), hi):
            if w2.group().lower() in cues.FORM_TO_BASE:
                x[ix["cue_soon"]] = 1.0
                break
        nxt = _WORD_RE.match(text, nw.end() + 1, end) if nw.end() < end else None
        if nxt is not None:
            if nxt.group().endswith("ed"):
                x[ix["next_ed"]] = 1.0
            if nxt.group() in cues.FORM_TO_BASE:
                x[ix["next_cue"]] = 1.0
        prev = text[max(start, b - 24):b].split()
        if prev:
            if prev[-1][:1].isupper():
                x[ix["prev_capital"]] = 1.0
            elif prev[-1][:1].isdigit():
                x[ix["prev_number"]] = 1.0
            if prev[-1][-1:] in _MARKS:
                x[ix["after_marks"]] = 1.0
        if relative:
            x[ix["in_relative"]] = 1.0
            if word.lower() in VERBISH or word.endswith("ed") or word.lower() in cues.FORM_TO_BASE:
                x[ix["relative_verb_next"]] = 1.0  # "…, who said he votes Democratic, said": back to the main verb
        if subordinate:
            x[ix["in_subordinate"]] = 1.0
            if m.group("p") == ",":
                x[ix["subordinate_comma"]] = 1.0
        if last_mark > b:
            x[ix["marks_later"]] = 1.0  # the clause's quoted fragment lies beyond: a mixed quote
        out.append((b, x))
    n = len(out)
    for k, (_b, x) in enumerate(out):
        if n - k - 1:
            x[ix["later_breaks"]] = math.log1p(n - k - 1)
    return out


def cut(text: str, start: int, end: int, clause: bool = False) -> int:
    """Where the reported content ``text[start:end]`` ends: the first break the model takes, else
    ``end``."""
    m = model(MODEL)
    threshold = float(m.meta.get("threshold", 0.5))
    for b, x in breaks(text, start, end, clause):
        if m.prob_sparse(x) >= threshold:
            return b
    return end


__all__ = ["FEATURES", "MODEL", "breaks", "cut"]
