"""Which person a "he", "she", "his" or "her" stands for: the pronoun-antecedent model.

Proposes: the caller's candidates, each a person with the spans of its mentions in the text (the
entity index gives the persons named before the pronoun; GAP gives its two names). A candidate
is described at its mention nearest before the pronoun (after it, for "When she arrived, Ms.
Lee …", when it has none before): distance in characters, sentences and other candidates, the
mention's place in its sentence (opening it or a clause, after a preposition, a possessor,
followed by a verb-like word), the pronoun's case and place, parallelism of the two, how often
the person is named, gender agreement and whether the person spoke last.

Decides: ``antecedent.json`` (gradient-boosted trees trained on GAP development and on PolNeAR
train's "he said" cases by ``scripts/training/antecedent.py``); ``choose`` returns the best
candidate when its probability reaches the model's threshold, else None.
"""
from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from typing import NamedTuple, Sequence

from .learned import model
from .lexicon import PERSON_ROLES, PRONOUNS, TITLES
from .words import LOWER_WORD_RE as _LOWER_WORD_RE, WORD_RE as _WORD_RE, prev_word as _prev_word

MODEL = "antecedent"
SPEAKER_THRESHOLD = "speaker_threshold"

FEATURES = ("after", "log_chars", "sentences", "rank", "between", "sent_open", "clause_open",
            "after_prep", "possessor", "then_lower", "coordinated", "words_between", "punct_between",
            "p_case", "p_open", "p_after_prep", "parallel", "mentions_before", "mentions_all", "first",
            "gender", "spoke_last", "spoke_near", "candidates", "spoke_count", "centre", "rule", "quotes_before", "paragraphs", "spoke_paragraph", "same_clause")

#: The pronoun's case: 0 subject, 1 object, 2 possessive, 3 "her" (object or possessive).
_CASE = {"he": 0, "she": 0, "him": 1, "his": 2, "hers": 2, "her": 3}
_GENDER = {"his": "m", "hers": "f"}
_PREPS = frozenset("of to with for from in on at about against into over under than like after before "
                   "between among toward towards by as behind beside without".split())
_CLAUSE_PUNCT = ",;:(—–"
#: Words that open a new clause: a mention and a pronoun with none of these (and no clause
#: punctuation) between them stand in one clause ("Smith lost his seat", "Lee told him").
_CLAUSE_WORDS = frozenset("that which who whom whose because when while although though after before if "
                          "and but so as since until where whether unless".split())
_TITLE_WORDS = (TITLES | PERSON_ROLES) - {"the"}
#: How many sentences before the pronoun's own the centre of attention is looked for in.
CENTRE_BACK = 3


class Candidate(NamedTuple):
    name: str
    spans: tuple[tuple[int, int], ...]  # its mentions, in text order
    gender: str = ""  # m / f / unknown ""
    spoke: tuple[int, ...] = ()  # positions of the quotes it was the speaker of
    rule: bool = False  # the rules' pick (``EntityIndex._gendered_rule``)


def pronoun_gender(pronoun: str) -> str:
    p = pronoun.lower()
    return _GENDER.get(p) or PRONOUNS.get(p, "")


def _last_before(xs: Sequence[int], pos: int) -> int:
    k = bisect_left(xs, pos)
    return xs[k - 1] if k else -1


def _opens(text: str, lo: int, at: int) -> tuple[float, float]:
    """Whether ``at`` opens its sentence (no lower-case word since ``lo`` but the person's titles:
    "Crown attorney Mary Lee") and its clause (none since the last comma, semicolon, colon,
    bracket or dash)."""
    region = text[lo:at]
    cut = max(region.rfind(c) for c in _CLAUSE_PUNCT)
    sent = _only_titles(region, 0)
    clause = sent or _only_titles(region, cut + 1)
    return float(sent), float(clause)


def _only_titles(region: str, pos: int) -> bool:
    """No lower-case word in ``region[pos:]`` but title and role words ("attorney", "former")."""
    return all(m.group() in _TITLE_WORDS for m in _LOWER_WORD_RE.finditer(region, pos))


class _Place(NamedTuple):
    sentence: int
    sent_open: float
    clause_open: float
    after_prep: float


def _place(text: str, starts: Sequence[int], start: int) -> _Place:
    k = max(0, bisect_right(starts, start) - 1)
    lo = starts[k] if starts else 0
    s, c = _opens(text, lo, start)
    return _Place(k, s, c, float(_prev_word(text, start) in _PREPS))


def _centre(text: str, starts: Sequence[int], pron_start: int, cands: Sequence[Candidate]) -> int:
    """The candidate the text before the pronoun is about: going back from its own sentence over
    at most ``CENTRE_BACK`` sentences, the first with a candidate who spoke in it (the last such)
    or whose mention opens it (outside a prepositional phrase, not a possessor) decides; -1 if none."""
    k = max(0, bisect_right(starts, pron_start) - 1)
    lo = starts[max(0, k - CENTRE_BACK)] if starts else 0
    spoke: dict[int, tuple[int, int]] = {}
    opens: dict[int, tuple[int, int]] = {}
    for i, c in enumerate(cands):
        for q in c.spoke:
            if lo <= q < pron_start:
                j = bisect_right(starts, q) - 1
                if spoke.get(j, (-1, -1))[0] < q:
                    spoke[j] = (q, i)
        for s, e in c.spans:
            if lo <= s < pron_start:
                j = max(0, bisect_right(starts, s) - 1)
                if (j not in opens or opens[j][0] > s) and _opens(text, starts[j] if starts else 0, s)[0] \
                        and _prev_word(text, s) not in _PREPS and text[e:e + 2] not in ("'s", "’s"):
                    opens[j] = (s, i)
    for j in range(k, k - CENTRE_BACK - 1, -1):
        if j in spoke:
            return spoke[j][1]
        if j in opens:
            return opens[j][1]
    return -1


def featurize(text: str, starts: Sequence[int], pron_start: int, pronoun: str,
              cands: Sequence[Candidate]) -> list[dict]:
    """One feature dict per candidate (``starts``: the sentences' start offsets, sorted)."""
    p = pronoun.lower()
    pp = _place(text, starts, pron_start)
    p_case = _CASE.get(p, 0)
    g = pronoun_gender(p)
    nearest = []
    for c in cands:
        k = bisect_left(c.spans, (pron_start, -1))
        nearest.append(c.spans[k - 1] if k else (c.spans[k] if k < len(c.spans) else None))
    before = sorted(m[1] for m in nearest if m is not None and m[1] <= pron_start)
    all_before = sorted(s for c in cands for s, _e in c.spans if s < pron_start)
    last_spoke = max((_last_before(c.spoke, pron_start) for c in cands), default=-1)
    quotes_before = float(min(10, sum(bisect_left(c.spoke, pron_start) for c in cands)))
    centre = _centre(text, starts, pron_start, cands)
    first = min(range(len(cands)), key=lambda i: cands[i].spans[0][0]) if cands else -1
    out = []
    for i, (c, m) in enumerate(zip(cands, nearest)):
        if m is None:
            out.append({})
            continue
        ms, me = m
        after = ms > pron_start
        lo, hi = (pron_start, ms) if after else (me, pron_start)
        mp = _place(text, starts, ms)
        gap = text[lo:hi]
        same = mp.sentence == pp.sentence
        gap_words = _WORD_RE.findall(gap) if same else ()
        nxt = _WORD_RE.search(text, me, me + 30)
        then_lower = bool(nxt and nxt.group()[0].islower() and nxt.group() not in ("and", "or", "of"))
        possessor = text[me:me + 2] in ("'s", "’s") or text[me - 2:me] in ("'s", "’s")
        coord = _prev_word(text, ms) == "and" or bool(nxt and nxt.group() == "and")
        mine = _last_before(c.spoke, pron_start)
        n_before = bisect_left([s for s, _e in c.spans], pron_start)
        out.append({
            "after": float(after),
            "log_chars": math.log1p(len(gap)),
            "sentences": float(min(4, abs(pp.sentence - mp.sentence))),
            "rank": float(len(before) - bisect_right(before, me)) if not after else 5.0,
            "between": float(min(6, sum(1 for s in all_before if lo <= s < hi))) if not after else 0.0,
            "sent_open": mp.sent_open, "clause_open": mp.clause_open, "after_prep": mp.after_prep,
            "possessor": float(possessor), "then_lower": float(then_lower), "coordinated": float(coord),
            "words_between": float(min(40, len(gap_words))) if same else 50.0,
            "punct_between": float(any(ch in gap for ch in ",;:")) if same else 1.0,
            "p_case": float(p_case), "p_open": pp.clause_open, "p_after_prep": pp.after_prep,
            "parallel": float(mp.clause_open and pp.clause_open and p_case == 0
                              or mp.after_prep and pp.after_prep),
            "mentions_before": float(n_before), "mentions_all": float(len(c.spans)),
            "first": float(i == first),
            "gender": 0.0 if not (g in ("m", "f") and c.gender) else (1.0 if c.gender == g else -1.0),
            "spoke_last": float(mine >= 0 and mine == last_spoke),
            "spoke_near": float(mine >= 0 and pron_start - mine < 400),
            "candidates": float(len(cands)),
            "spoke_count": float(min(10, bisect_left(c.spoke, pron_start))),
            "centre": float(i == centre),
            "rule": float(c.rule),
            "quotes_before": quotes_before,
            "paragraphs": float(min(3, gap.count("\n"))),
            "spoke_paragraph": float(mine >= 0 and "\n" not in text[mine:pron_start]),
            "same_clause": float(same and not after and not any(ch in gap for ch in _CLAUSE_PUNCT)
                                 and _CLAUSE_WORDS.isdisjoint(w.lower() for w in gap_words)),
        })
    return out


def scores(text: str, starts: Sequence[int], pron_start: int, pronoun: str,
           cands: Sequence[Candidate]) -> list[float]:
    m = model(MODEL)
    feats = featurize(text, starts, pron_start, pronoun, cands)
    ps = iter(m.probs([m.vector(f) for f in feats if f]))
    return [next(ps) if f else 0.0 for f in feats]


def choose(text: str, starts: Sequence[int], pron_start: int, pronoun: str,
           cands: Sequence[Candidate], threshold: str = "threshold") -> tuple[Candidate | None, float]:
    """The candidate the pronoun stands for and its probability; (None, best) below the model's
    ``threshold`` (``SPEAKER_THRESHOLD`` for "he said": chosen on PolNeAR "he said" cases, the
    lowest within noise of the best right minus wrong; the default on GAP, where the answer may be
    neither name)."""
    if not cands:
        return None, 0.0
    ps = scores(text, starts, pron_start, pronoun, cands)
    i = max(range(len(cands)), key=ps.__getitem__)
    if ps[i] < model(MODEL).meta.get(threshold, 0.5):
        return None, ps[i]
    return cands[i], ps[i]
