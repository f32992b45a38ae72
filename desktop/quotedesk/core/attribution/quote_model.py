"""Stage 5b: is this candidate span a quotation? The rules propose, this model decides.

``pipeline.propose`` lists candidate quotes: quotations in marks with or without a cue, reported
clauses after (or before) a speech cue, mixed clauses, including weak cues (lexicon classes
such as "infer" and "predict", cues without a recognised speaker). ``featurize`` describes one
candidate by what a reader sees: its kind, the cue's lexicon class, tense and position, the
speaker phrase's kind (a document or data noun: "the poll suggests"), span length, quotation marks, a leading "that", sentence and paragraph
position, the span's first word (a participle after a comma: "said, harping on …"), whether the
cue word follows a determiner or possessive (a noun: "Sanders' call"), whether the cue also
serves a candidate of the other sort (a quotation and a reported clause: '"…," Jo Ray said after
the vote'), and the rule's own confidence. The shipped model (gradient-boosted trees) ``data/quote_span.json`` (trained by
``scripts/training/quotes.py`` on PolNeAR train speech records) turns that into the probability
that the span is a quote; ``decide`` keeps the candidates at or above the model's threshold and
that probability becomes the quote's ``confidence``. Overlapping candidates are then settled by
``pipeline._drop_overlaps`` in favour of the more probable one.
"""
from __future__ import annotations

import math
import re
from bisect import bisect_right
from functools import lru_cache

import numpy as np

from . import cues, lexicon
from .learned import model
from .spans import DOUBLE_MARK_RE as _MARK_RE
from .words import WORD_RE as _WORD_RE, prev_word, span_words

MODEL = "quote_span"

#: Cue lemmas with a weight of their own: those with at least 50 candidates in PolNeAR train (a
#: rarer lemma's weight would be noise); the rest share their lexicon class.
LEMMAS = ("say", "tell", "call", "according", "write", "add", "state", "report", "note", "suggest",
          "argue", "announce", "describe", "tweet", "point", "claim", "respond", "explain", "term",
          "pledge", "agree", "acknowledge", "post", "ask", "promise", "insist", "continue", "declare",
          "urge", "remark", "warn")
_KINDS = ("direct", "indirect", "mixed")
_MENTIONS = ("name", "role", "pronoun", "group", "joint")

FEATURES: tuple[str, ...] = (
    ("bias_rule", "rule_conf", "floating", "no_cue", "cue_only", "strength",
     "cue_before", "cue_after", "cue_inside", "log_cue_gap", "participle", "issuer", "no_mention",
     "log_mention_gap", "log_words", "starts_that", "marks_inside", "closed", "ends_punct",
     "caps_ratio", "sent_start", "sent_end", "first_para", "para_start", "log_para", "after_head",
     "tense_past", "tense_present", "tense_ing", "cue_capital", "overlaps_other", "near_prev",
     "in_sentence_with_marks", "short", "mention_document", "weak_cue_nonperson", "weak_rule", "starts_function_word", "finite_hint",
     "past_verb", "weak_no_verb", "starts_ing", "after_comma", "cue_noun", "cue_shared_direct",
     "cue_shared_reported", "shared_no_verb")
    + tuple(f"kind_{k}" for k in _KINDS)
    + tuple(f"class_{c}" for c in cues.CUE_CLASS_NAMES)
    + tuple(f"lemma_{b}" for b in LEMMAS)
    + tuple(f"mention_{m}" for m in _MENTIONS)
)
_INDEX = {f: i for i, f in enumerate(FEATURES)}
#: A span opening with one of these is a phrase, rarely a reported clause ("about waiting lists").
_FUNCTION_WORDS = frozenset("to in on at of for by with from about as into than and or but over "
                            "under after before during against".split())
#: A finite verb in the span's first words: a clause, not an object ("the plan would fail").
_FINITE_RE = re.compile(r"(?=[acdhimnsw])\b(?:is|are|was|were|will|would|could|should|can|may|might|must|has|have|had|"
                        r"did|does|do|won't|wouldn't|isn't|wasn't|aren't|weren't|didn't|doesn't|don't|"
                        r"can't|couldn't|needs|wants|says)\b")
_DETERMINERS = frozenset("the a an his her their its our my your this that these those".split())
_PAST_RE = re.compile(r"\s[a-z]{3,}ed\b")
_CLOSE_MARKS = "\"”»'’"


def _cue_tense(word: str) -> int:
    """0 past, 1 present (3rd person), 2 -ing, 3 other (phrase, noun, according)."""
    w = word.lower().split()[0] if word.strip() else ""
    base = cues.FORM_TO_BASE.get(w)
    if base is None:
        return 3
    if w.endswith("ing"):
        return 2
    return 1 if w == base or (w.endswith("s") and not w.endswith("ss")) else 0


@lru_cache(maxsize=2048)
def _cue_info(cue: str) -> tuple[int, ...]:
    """The one-hot feature indices a cue form sets (class, lemma, tense, capital); -1 marks a weak
    ("infer"/"predict") class. Cached: news repeats a few hundred cue forms."""
    cls = cues.cue_class(cue)
    out = [_INDEX["class_" + cls]]
    base = "according" if cls == "according" else cues.base_of(cue)
    if "lemma_" + base in _INDEX:
        out.append(_INDEX["lemma_" + base])
    t = _cue_tense(cue)
    if t < 3:
        out.append(_INDEX[("tense_past", "tense_present", "tense_ing")[t]])
    if cue[:1].isupper():
        out.append(_INDEX["cue_capital"])
    if cls in ("infer", "predict"):
        out.append(-1)
    return tuple(out)


_OPENERS = frozenset(" \"“‘«(")
_CLOSERS = frozenset(" .!?\"”’»)")


def _only_before(text: str, lo: int, pos: int, chars) -> bool:
    """Whether ``text[lo:pos]`` holds only ``chars``: scanned back from ``pos``, stopping at the
    first other character (a slice of the whole sentence for every candidate was quadratic in
    a sentence without end)."""
    return all(text[k] in chars for k in range(pos - 1, lo - 1, -1))


def _only_after(text: str, pos: int, hi: int, chars) -> bool:
    return all(text[k] in chars for k in range(pos, hi))


def _sentence_has_marks(text: str, ss: int, se: int, cache: dict | None) -> bool:
    """A quotation mark in the sentence ``[ss, se)``, looked up once per sentence."""
    if cache is None:
        return _MARK_RE.search(text, ss, se) is not None
    found = cache.get(ss)
    if found is None:
        found = cache[ss] = _MARK_RE.search(text, ss, se) is not None
    return found


def featurize(text: str, c, ctx, prev_end: int = -10_000, overlaps_other: bool = False,
              marks_cache: dict | None = None) -> dict[int, float]:
    """The model's inputs for candidate ``c`` (a ``pipeline._Candidate``): ``{index in FEATURES:
    value}``, zeros left out (most features are one-hot)."""
    x: dict[int, float] = {}
    ix = _INDEX
    x[ix["bias_rule"]] = 1.0
    x[ix["rule_conf"]] = c.base_conf
    x[ix["kind_" + c.kind]] = 1.0
    if c.floating:
        x[ix["floating"]] = 1.0
    a = c.att
    s, e = c.start, c.end
    if a is None:
        x[ix["no_cue"]] = 1.0
    else:
        cue = text[a.cue_start:a.cue_end]
        if a.kind == "cue":
            x[ix["cue_only"]] = 1.0
        x[ix["strength"]] = a.strength
        if a.cue_end <= s:
            x[ix["cue_before"]] = 1.0
            gap = s - a.cue_end
        elif a.cue_start >= e:
            x[ix["cue_after"]] = 1.0
            gap = a.cue_start - e
        else:
            x[ix["cue_inside"]] = 1.0
            gap = 0
        x[ix["log_cue_gap"]] = math.log1p(max(0, gap))
        if a.participle:
            x[ix["participle"]] = 1.0
        if a.weak:
            x[ix["weak_rule"]] = 1.0
        if a.issuer:
            x[ix["issuer"]] = 1.0
        before = prev_word(text, a.cue_start)
        if before in _DETERMINERS or before.endswith(("’s", "'s", "’", "'")):
            x[ix["cue_noun"]] = 1.0  # "Sanders' call", "the remarks": the cue word used as a noun
        if cue:
            weak_class = False
            for k in _cue_info(cue):
                if k < 0:
                    weak_class = True
                else:
                    x[k] = 1.0
        m = a.mention
        if m is None:
            x[ix["no_mention"]] = 1.0
        else:
            k = ix.get("mention_" + m.kind)
            if k is not None:
                x[k] = 1.0
            head = m.surface.lower().rsplit(None, 1)[-1:] or [""]
            if head[0] in lexicon.DOCUMENT_NOUNS or head[0] in lexicon.DATA_NOUNS:
                x[ix["mention_document"]] = 1.0
            if cue and weak_class and m.kind not in ("name", "pronoun"):
                x[ix["weak_cue_nonperson"]] = 1.0
            mg = a.cue_start - m.end if m.end <= a.cue_start else m.start - a.cue_end
            x[ix["log_mention_gap"]] = math.log1p(max(0, mg))
    ws = span_words(text, s, e)
    words = len(ws)
    x[ix["log_words"]] = math.log1p(words)
    if words <= 4:
        x[ix["short"]] = 1.0
    if text.startswith("that", s):
        x[ix["starts_that"]] = 1.0
    hi = min(e, s + 120)
    fin = _FINITE_RE.search(text, s, hi) is not None
    past = _PAST_RE.search(text, s, hi) is not None
    if fin:
        x[ix["finite_hint"]] = 1.0
    if past:
        x[ix["past_verb"]] = 1.0
    if a is not None and a.weak and not (fin or past):
        x[ix["weak_no_verb"]] = 1.0  # "explained the new rules to the council": an object, no clause
    w0 = _WORD_RE.match(text, s, e)
    if w0:
        first = w0.group()
        if first.lower() in _FUNCTION_WORDS:
            x[ix["starts_function_word"]] = 1.0
        elif first.endswith("ing") and first.islower():
            x[ix["starts_ing"]] = 1.0  # "said, harping on his theme": a participle, how it was said
    k = s - 1
    while k >= 0 and text[k] in " \u00a0":
        k -= 1
    if k >= 0 and text[k] == ",":
        x[ix["after_comma"]] = 1.0
    marks = len(_MARK_RE.findall(text, s, e))
    if marks:
        x[ix["marks_inside"]] = min(4, marks)
    if text[e:e + 1] in _CLOSE_MARKS and text[e:e + 1] != "":
        x[ix["closed"]] = 1.0
    inner = text[s:e].rstrip()
    if inner[-1:] in ".!?,…":
        x[ix["ends_punct"]] = 1.0
    if words and words <= 12:
        x[ix["caps_ratio"]] = sum(1 for w in ws if w[:1].isupper()) / words
    ss, se = ctx.sentences.at(s)
    if _only_before(text, ss, s, _OPENERS):
        x[ix["sent_start"]] = 1.0
    if _only_after(text, e, se, _CLOSERS):
        x[ix["sent_end"]] = 1.0
    if c.kind != "direct" and _sentence_has_marks(text, ss, se, marks_cache):
        x[ix["in_sentence_with_marks"]] = 1.0
    paras = ctx.paras
    starts = ctx.para_starts
    pi = max(0, bisect_right(starts, s) - 1)
    first_body = ctx.first_body_para
    if pi == first_body:
        x[ix["first_para"]] = 1.0
    if pi > first_body:
        x[ix["log_para"]] = math.log1p(pi - first_body)
    if _only_before(text, paras[pi].start, s, _OPENERS):
        x[ix["para_start"]] = 1.0
    if ctx.head_end and s >= ctx.head_end:
        x[ix["after_head"]] = 1.0
    if overlaps_other:
        x[ix["overlaps_other"]] = 1.0
    if 0 <= s - prev_end < 200:
        x[ix["near_prev"]] = 1.0
    return x


def dense(x: dict[int, float]) -> list[float]:
    """A ``featurize`` result as the full vector in ``FEATURES`` order (for training)."""
    v = [0.0] * len(FEATURES)
    for i, val in x.items():
        v[i] = val
    return v


def candidate_features(text: str, cands, ctx) -> list[dict[int, float]]:
    """``featurize`` for every candidate of a text (sorted by start), with the neighbour features."""
    out = []
    prev_end = -10_000
    n = len(cands)
    marks_cache: dict = {}
    # the kinds of candidate each cue serves: '"…," Jo Ray said after the vote' offers "said" to
    # the quotation and to "after the vote"; one of the two readings is wrong
    served: dict[int, set[bool]] = {}
    for c in cands:
        if c.att is not None:
            served.setdefault(c.att.cue_start, set()).add(c.kind == "direct")
    shared_direct, shared_reported = _INDEX["cue_shared_direct"], _INDEX["cue_shared_reported"]
    no_verb = (_INDEX["finite_hint"], _INDEX["past_verb"])
    for i, c in enumerate(cands):
        ov = (i + 1 < n and cands[i + 1].start < c.end) or (i > 0 and cands[i - 1].end > c.start)
        x = featurize(text, c, ctx, prev_end, ov, marks_cache)
        if c.att is not None and len(served[c.att.cue_start]) == 2:
            x[shared_reported if c.kind == "direct" else shared_direct] = 1.0
            if c.kind != "direct" and not any(k in x for k in no_verb):
                x[_INDEX["shared_no_verb"]] = 1.0  # '"…," Jo Ray said shortly after the vote'
        out.append(x)
        if c.att is not None:
            prev_end = c.end
    return out


def decide(text: str, cands, ctx):
    """The candidates the model keeps, each with ``base_conf`` set to its probability."""
    if not cands:
        return cands
    mdl = model(MODEL)
    threshold = float(mdl.meta.get("threshold", 0.5))
    xs = candidate_features(text, cands, ctx)
    if tuple(mdl.features) == FEATURES:
        rows = np.zeros((len(xs), len(FEATURES)))
        for i, x in enumerate(xs):
            rows[i, list(x)] = list(x.values())
    else:  # weights trained with the features in another order: read them by name
        rows = [mdl.vector(dict(zip(FEATURES, dense(x)))) for x in xs]
    kept = []
    for c, p in zip(cands, mdl.probs(rows)):  # every candidate of the text in one call
        if p >= threshold:
            c.base_conf = c.quote_prob = p
            kept.append(c)
    return kept


__all__ = ["FEATURES", "LEMMAS", "MODEL", "candidate_features", "decide", "dense", "featurize"]
