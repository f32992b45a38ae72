"""Which phrase near a cue is its speaker: candidate mentions proposed by rules, chosen by a model.

Proposes: in the cue's sentence, every capitalised run ("Donald Trump", "The New York Times"),
every pronoun (he, she, they, we, I, who, whom, each) and every noun phrase ending in a speaker
head from the lexicon (a role, an organisation noun, a group, a document: "the Indiana governor",
"many experts", "the report"), plus the mention the cue rules found (``Attribution.mention``).
Decides: the shipped ranker ``data/speaker_mention.json`` (20 boosted trees over the features below,
trained by ``scripts/training/speaker.py`` on PolNeAR train speech records) scores each candidate;
the best one wins when its probability beats ``MIN_PROB``. ``speakers`` asks it only where the cue
rules found no mention (see ``speakers`` for why it does not overrule them).

Features, per candidate relative to the cue: side and distance (tokens, commas, other candidates
between), quotation marks between or around it, its kind and length, capitalisation, whether it
opens the sentence, follows a preposition or "by", is possessive, is followed by a comma, whether
a verb lies between it and the cue or follows it at once (the subject of a clause of its own),
whether the rules picked it, and the cue's shape (participle,
inverted, "according to", after "and"/"but": "X criticized the deal and called for …"). A relative
pronoun ("…, who said") stands for the phrase before it.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import accumulate

from . import learned
from .lexicon import DOCUMENT_NOUNS, GROUP_HEADS, ORG_NOUNS, PERSON_ROLES, VERBISH as _VERBISH, WEEKDAYS
from .mentions import DATELINE_RE, Mention, classify, place_tag

MODEL = "speaker_mention"
MIN_PROB = 0.05
#: the longest stretch around a cue searched for candidates (the cue's sentence, cut to this)
WINDOW = 300
#: the most candidates scored per cue, nearest first (PolNeAR's news has at most 16 in a window;
#: a page of names and cues with no full stop would otherwise cost ~30 each)
MAX_CANDIDATES = 16

_TOK_RE = re.compile(r"[A-Za-z\u00c0-\u024f][\w’'\-.&]*|\d[\w.,]*|[,;:()\"“”«»—–]")
_PRON = frozenset("he she they we i it who whom each".split())
_RELATIVE = frozenset(("who", "whom", "each"))
_PREPS = frozenset("of to with for from in on at about against into over under than like after before "
                   "between among toward towards".split())
_DETS = frozenset("the a an his her their its one some many several two three four five another other most "
                  "all both those these this that our top senior former".split())
#: Sources that are records rather than people: "according to her account", "a document … states".
SOURCE_DOCUMENTS = frozenset("account document documents records record data figures statistics complaint "
                             "lawsuit suit filing filings ruling indictment study survey poll polls analysis "
                             "website site book memoir article editorial column report reports".split())
_PARTY_STATE_RE = re.compile(r"[RDI]-[A-Z][A-Za-z.]*$")
_HEADS = PERSON_ROLES | ORG_NOUNS | GROUP_HEADS | DOCUMENT_NOUNS | SOURCE_DOCUMENTS
#: Capitalised words that start no speaker candidate: function words, openers ("Even", "Likewise"),
#: weekdays ("Tuesday" was picked for "… wrote Tuesday").
_CAP_STOP = frozenset("the a an but and or so yet in on at by of to from with as after before during when while "
                      "if since because although this that these those there here it he she they we i his her "
                      "their its what who which why how where also however meanwhile still then now today "
                      "yesterday according asked speaking last next even likewise indeed among having for other"
                      .split()) | WEEKDAYS
_AUX = frozenset("has have had also then later previously repeatedly once again recently publicly privately "
                 "would will did does even further earlier first often never simply just only quickly reportedly "
                 "allegedly subsequently too immediately initially finally ultimately openly officially "
                 "has been was were is are".split())
#: Before a past participle, a verb ("has praised European nations"), not a modifier ("95 retired generals").
_PERFECT = frozenset("has have had having was were is are be been being".split())
_COORDINATORS = frozenset(("and", "but", "yet", "or"))
_CONNECTORS = frozenset("but and yet still also meanwhile however later then so".split())
_QUOTES = frozenset('"“”«»')

FEATURES = ("before", "tok_dist", "char_dist", "commas", "quotes_between", "cands_between", "in_quote",
            "k_name", "k_pronoun", "k_relative", "k_head", "n_tokens", "capitalised", "sentence_initial",
            "after_prep", "after_by", "possessive", "comma_after", "verb_between", "aux_only_between",
            "rule_pick", "cue_participle", "cue_inverted", "cue_according", "plural", "order", "joint", "in_content",
            "cue_coordinated", "own_verb")


class Candidate(tuple):
    """(start, end, kind) of one proposed mention; kind is name, pronoun, relative or head."""
    __slots__ = ()

    def __new__(cls, start: int, end: int, kind: str):
        return tuple.__new__(cls, (start, end, kind))

    start = property(lambda self: self[0])
    end = property(lambda self: self[1])
    kind = property(lambda self: self[2])


def propose(text: str, lo: int, hi: int, cue: tuple[int, int] = (0, 0), tokens: "Tokens | None" = None) -> list[Candidate]:
    """The candidate mentions among the tokens of ``text[lo:hi]`` (``tokens``: those already made
    for that window; none reaching into the ``cue`` span)."""
    tk = tokens if tokens is not None else Tokens(text, lo, hi)
    toks, lows = tk.toks, tk.low
    n = len(toks)
    cue_s, cue_e = cue
    out: list[Candidate] = []
    i = 0
    if n and text[max(0, toks[0][0] - 1):toks[0][0]] in ("", "\n"):
        d = DATELINE_RE.match(text, toks[0][0], hi)
        if d:  # "WASHINGTON — Sen. X defended …": the place opening the paragraph is not a candidate
            while i < n and toks[i][0] < d.end():
                i += 1
    while i < n:
        s, e, w = toks[i]
        low = lows[i].rstrip(".")
        if low in _PRON and (w[0].islower() or low in ("he", "she", "they", "we", "i", "it", "who")):
            out.append(Candidate(s, e, "relative" if low in _RELATIVE else "pronoun"))
            i += 1
            continue
        if w[0].isupper() and low not in _CAP_STOP:
            if text[s - 1:s] == "(" and _PARTY_STATE_RE.match(w):
                i += 1  # "Mike Pompeo (R-Kans.)": the party and state of the name before, not a speaker
                continue
            if text[max(0, s - 2):s] == ", " and place_tag(w.rstrip(",")):
                i += 1  # "St. Clairsville, Ohio,", "Sen. Ana Rivera, R-S.C.,": the place's or the name's tag
                continue
            j = i + 1
            while j < n and (toks[j][2][0].isupper() or toks[j][2] in ("of", "de", "van", "von")
                             and j + 1 < n and toks[j + 1][2][0].isupper()) and toks[j][0] - toks[j - 1][1] <= 1:
                j += 1
            out.append(Candidate(s, toks[j - 1][1], "name"))
            i = j
            continue
        base = low[:-1] if low.endswith("s") else low
        if w[0].islower() and (low in _HEADS or base in _HEADS or low.endswith(("ists", "ians", "ers")) and len(low) > 5):
            k = i
            while k > 0 and i - k < 4 and not (cue_s <= toks[k - 1][0] < cue_e) and _TOK_RE.match(toks[k - 1][2]) \
                    and toks[k - 1][2][0] not in ",;:()\"“”«»—–" and lows[k - 1] not in _PREPS \
                    and lows[k - 1] not in _VERBISH and lows[k - 1] not in _PRON \
                    and not (k > 1 and lows[k - 1].endswith("ed") and lows[k - 2] in _PERFECT) \
                    and (lows[k - 1] not in _CAP_STOP or lows[k - 1] in _DETS):
                k -= 1
                if lows[k] in _DETS:
                    break
            # a capitalised run just before is merged ("the Kremlin spokesman")
            if out and out[-1].kind == "name" and out[-1].start >= toks[k][0]:
                out.pop()
            out.append(Candidate(toks[k][0], e, "head"))
        i += 1
    return _joined(text, out)


def _joined(text: str, cands: list[Candidate]) -> list[Candidate]:
    """"Mr. Grassley and Mr. Leahy": two names joined by "and" are one (joint) candidate too."""
    out: list[Candidate] = []
    for c in cands:
        if out and c.kind == "name" and out[-1].kind == "name" and text[out[-1].end:c.start] in (" and ", " & "):
            out.append(Candidate(out[-1].start, c.end, "name"))
        out.append(c)
    return out


class Tokens:
    """The tokens of a cue's window with prefix counts, so a candidate's features cost a few
    bisections."""
    __slots__ = ("toks", "starts", "ends", "low", "commas", "quotes", "words", "content", "verbs", "aux")

    def __init__(self, text: str, lo: int, hi: int):
        self.toks = toks = [(m.start(), m.end(), m.group()) for m in _TOK_RE.finditer(text, lo, hi)]
        self.starts = [t[0] for t in toks]
        self.ends = [t[1] for t in toks]
        self.low = low = [t[2].lower() for t in toks]
        word = [t[2][0].isalnum() for t in toks]
        self.commas = list(accumulate((w == "," for w in low), initial=0))
        self.quotes = list(accumulate((w in _QUOTES for w in low), initial=0))
        self.words = list(accumulate(word, initial=0))
        self.content = list(accumulate((k and w not in _CONNECTORS for k, w in zip(word, low)), initial=0))
        self.verbs = list(accumulate((k and (w in _VERBISH or (w.endswith("ed") and len(w) > 4))
                                      for k, w in zip(word, low)), initial=0))
        self.aux = list(accumulate((k and w in _AUX for k, w in zip(word, low)), initial=0))

    def span(self, lo: int, hi: int) -> tuple[int, int]:
        """The indexes ``[i, j)`` of the tokens inside ``[lo, hi)``."""
        i = bisect_left(self.starts, lo)
        return i, max(i, bisect_right(self.ends, hi))


def _features(text, toks: Tokens, cands, between_counts, idx, att, in_quote) -> list[float]:
    c = cands[idx]
    cs, ce = att.cue_start, att.cue_end
    before = c.end <= cs
    a, b = (c.end, cs) if before else (ce, c.start)
    i0, i1 = toks.span(a, b)  # the tokens between the candidate and the cue
    n_words = toks.words[i1] - toks.words[i0]
    k_prev = bisect_right(toks.ends, c.start)  # the window's tokens before the candidate
    k_next = bisect_left(toks.starts, c.end)
    prev = toks.low[k_prev - 1] if k_prev else ""
    surface = text[c.start:c.end]
    low = surface.lower()
    m = att.mention
    rule = m is not None and m.start < c.end and c.start < m.end
    cue = text[cs:ce].lower()
    n_tok = len(surface.split())
    k_cue = bisect_left(toks.starts, cs) - 1  # "X criticized the deal and (has) called for …"
    while k_cue >= 0 and toks.low[k_cue] in _AUX:
        k_cue -= 1
    coordinated = k_cue >= 0 and toks.low[k_cue] in _COORDINATORS
    return [
        1.0 if before else 0.0,
        float(min(n_words, 40)),
        min(abs(b - a), 400) / 100.0,
        float(toks.commas[i1] - toks.commas[i0]),
        1.0 if toks.quotes[i1] > toks.quotes[i0] else 0.0,
        float(between_counts[idx]),
        1.0 if in_quote(c.start) else 0.0,
        1.0 if c.kind == "name" else 0.0,
        1.0 if c.kind == "pronoun" else 0.0,
        1.0 if c.kind == "relative" else 0.0,
        1.0 if c.kind == "head" else 0.0,
        float(min(n_tok, 8)),
        1.0 if surface[:1].isupper() else 0.0,
        1.0 if toks.content[k_prev] == 0 else 0.0,
        1.0 if prev in _PREPS else 0.0,
        1.0 if prev == "by" else 0.0,
        1.0 if text.startswith(("'s", "’s"), c.end) or low.endswith(("'s", "’s")) else 0.0,
        1.0 if k_next < len(toks.low) and toks.low[k_next] == "," else 0.0,
        1.0 if toks.verbs[i1] > toks.verbs[i0] else 0.0,
        1.0 if n_words and toks.aux[i1] - toks.aux[i0] == n_words else 0.0,
        1.0 if rule else 0.0,
        1.0 if att.participle or cue.endswith("ing") else 0.0,
        1.0 if text[cs:cs + 1].isupper() or not before and c.start >= ce else 0.0,
        1.0 if cue.startswith("according") else 0.0,
        1.0 if low.endswith("s") and c.kind == "head" else 0.0,
        float(min(idx, 10)),
        1.0 if " and " in surface or " & " in surface else 0.0,
        1.0 if att.kind == "indirect" and c.start < att.end and att.start < c.end else 0.0,
        1.0 if coordinated else 0.0,
        # "all the engineers the council consulted said": a verb right after the candidate, before
        # the cue, makes it the subject of a clause of its own (or of "… voted and said": the trees
        # combine it with cue_coordinated; excluding that case measured worse, dev top-1 0.9635)
        1.0 if before and k_next < len(toks.low) and toks.starts[k_next] < cs
        and toks.verbs[k_next + 1] > toks.verbs[k_next] else 0.0,
    ]


def window(att, sentences) -> tuple[int, int]:
    s, e = sentences.at(att.cue_start)
    return max(s, att.cue_start - WINDOW), min(max(e, att.cue_end), att.cue_end + WINDOW)


def _between_counts(cands, cue_start: int) -> list[int]:
    """For each candidate, how many others lie wholly between it and the cue (none crosses it)."""
    starts = sorted(c.start for c in cands if c.end <= cue_start)
    ends = sorted(c.end for c in cands if c.end > cue_start)
    return [len(starts) - bisect_left(starts, c.end) if c.end <= cue_start else bisect_right(ends, c.start)
            for c in cands]


def featurize(text: str, att, sentences, in_quote):
    """The candidates around ``att``'s cue (the ``MAX_CANDIDATES`` nearest) and one feature vector
    (in ``FEATURES`` order) each."""
    lo, hi = window(att, sentences)
    tk = Tokens(text, lo, hi)
    cands = propose(text, lo, hi, (att.cue_start, att.cue_end), tk)
    cands = [c for c in cands if c.end <= att.cue_start or c.start >= att.cue_end]
    if len(cands) > MAX_CANDIDATES:
        near = sorted(cands, key=lambda c: att.cue_start - c.end if c.end <= att.cue_start else c.start - att.cue_end)
        keep = set(near[:MAX_CANDIDATES])
        cands = [c for c in cands if c in keep]
    between = _between_counts(cands, att.cue_start)
    return cands, [_features(text, tk, cands, between, i, att, in_quote) for i in range(len(cands))]


def _as_mention(text: str, cands, k: int) -> Mention | None:
    c = cands[k]
    if c.kind == "relative":
        # "Jane Doe, who said": the phrase the relative pronoun stands for
        for j in range(k - 1, -1, -1):
            p = cands[j]
            if p.kind in ("name", "head") and c.start - p.end < 80:
                c = p
                break
        else:
            return None  # "some tenants who …": no candidate it stands for; "who" names nobody
    surface = text[c.start:c.end]
    kind = "pronoun" if c.kind == "pronoun" else (classify(surface) or ("name" if c.kind == "name" else "role"))
    return Mention(c.start, c.end, surface, kind)


def pick(text: str, att, sentences, in_quote) -> tuple[Mention | None, float]:
    """The speaker mention of ``att`` and the model's probability for it (rule mention, 0.0 when
    no candidate scores ``MIN_PROB``; None with the probability when the best candidate is a
    relative pronoun with no phrase before it that it can stand for)."""
    cands, xs = featurize(text, att, sentences, in_quote)
    if not cands:
        return att.mention, 0.0
    best, best_p = -1, MIN_PROB
    for k, p in enumerate(learned.model(MODEL).probs(xs)):
        if p > best_p:
            best, best_p = k, p
    if best < 0:
        return att.mention, 0.0
    return _as_mention(text, cands, best), best_p  # None: a relative pronoun standing for nobody found


__all__ = ["FEATURES", "MIN_PROB", "MODEL", "Tokens", "featurize", "pick", "propose"]
