"""Which phrase near a cue is its speaker: candidate mentions proposed by rules, chosen by a model.

Proposes: in the cue's sentence, every capitalised run ("Donald Trump", "The New York Times"),
every pronoun (he, she, they, we, I, who, whom, each) and every noun phrase ending in a speaker
head from the lexicon (a role, an organisation noun, a group, a document: "the Indiana governor",
"many experts", "the report"), plus the mention the cue rules found (``Attribution.mention``).
Decides: the shipped ranker ``data/speaker_mention.json`` (boosted trees over the features below,
trained by ``scripts/training/speaker.py`` on PolNeAR train speech records) scores each candidate;
the best one wins when its probability beats ``MIN_PROB``, else the rule's mention stands.

Features, per candidate relative to the cue: side and distance (tokens, commas, other candidates
between), quotation marks between or around it, its kind and length, capitalisation, whether it
opens the sentence, follows a preposition or "by", is possessive, is followed by a comma, whether
a verb lies between it and the cue, whether the rules picked it, and the cue's shape (participle,
inverted, "according to"). A relative pronoun ("…, who said") stands for the phrase before it.
"""
from __future__ import annotations

import re

from . import learned
from .lexicon import DOCUMENT_NOUNS, GROUP_HEADS, ORG_NOUNS, PERSON_ROLES
from .mentions import Mention, classify

MODEL = "speaker_mention"
MIN_PROB = 0.05
#: the longest stretch around a cue searched for candidates (the cue's sentence, cut to this)
WINDOW = 300

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
_HEADS = PERSON_ROLES | ORG_NOUNS | GROUP_HEADS | DOCUMENT_NOUNS | SOURCE_DOCUMENTS
_CAP_STOP = frozenset("the a an but and or so yet in on at by of to from with as after before during when while "
                      "if since because although this that these those there here it he she they we i his her "
                      "their its what who which why how where also however meanwhile still then now today "
                      "yesterday according asked speaking last next".split())
_AUX = frozenset("has have had also then later previously repeatedly once again recently publicly privately "
                 "would will did does even further earlier first often never simply just only quickly reportedly "
                 "allegedly subsequently too immediately initially finally ultimately openly officially "
                 "has been was were is are".split())
_VERBISH = frozenset("is was are were has had have will would could can may might must does did do made took "
                     "gave got went came saw held won lost put set ran met led".split())
_CONNECTORS = frozenset("but and yet still also meanwhile however later then so".split())
_QUOTES = frozenset('"“”«»')

FEATURES = ("before", "tok_dist", "char_dist", "commas", "quotes_between", "cands_between", "in_quote",
            "k_name", "k_pronoun", "k_relative", "k_head", "n_tokens", "capitalised", "sentence_initial",
            "after_prep", "after_by", "possessive", "comma_after", "verb_between", "aux_only_between",
            "rule_pick", "cue_participle", "cue_inverted", "cue_according", "plural", "order", "joint", "in_content")


class Candidate(tuple):
    """(start, end, kind) of one proposed mention; kind is name, pronoun, relative or head."""
    __slots__ = ()

    def __new__(cls, start: int, end: int, kind: str):
        return tuple.__new__(cls, (start, end, kind))

    start = property(lambda self: self[0])
    end = property(lambda self: self[1])
    kind = property(lambda self: self[2])


def propose(text: str, lo: int, hi: int, cue: tuple[int, int] = (0, 0)) -> tuple[list, list[Candidate]]:
    """Tokens ``(start, end, word)`` of ``text[lo:hi]`` and the candidate mentions among them
    (none reaching into the ``cue`` span)."""
    toks = [(m.start(), m.end(), m.group()) for m in _TOK_RE.finditer(text, lo, hi)]
    cue_s, cue_e = cue
    out: list[Candidate] = []
    i, n = 0, len(toks)
    while i < n:
        s, e, w = toks[i]
        low = w.lower().rstrip(".")
        if low in _PRON and (w[0].islower() or low in ("he", "she", "they", "we", "i", "it", "who")):
            out.append(Candidate(s, e, "relative" if low in _RELATIVE else "pronoun"))
            i += 1
            continue
        if w[0].isupper() and low not in _CAP_STOP:
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
            while k > 0 and i - k < 4 and not (cue_s <= toks[k - 1][0] < cue_e) and _TOK_RE.match(toks[k - 1][2]) and toks[k - 1][2][0] not in ",;:()\"“”«»—–" \
                    and toks[k - 1][2].lower() not in _PREPS and toks[k - 1][2].lower() not in _VERBISH \
                    and toks[k - 1][2].lower() not in _PRON and (toks[k - 1][2].lower() not in _CAP_STOP or toks[k - 1][2].lower() in _DETS):
                k -= 1
                if toks[k][2].lower() in _DETS:
                    break
            # a capitalised run just before is merged ("the Kremlin spokesman")
            if out and out[-1].kind == "name" and out[-1].start >= toks[k][0]:
                out.pop()
            out.append(Candidate(toks[k][0], e, "head"))
        i += 1
    return toks, _joined(text, out)


def _joined(text: str, cands: list[Candidate]) -> list[Candidate]:
    """"Mr. Grassley and Mr. Leahy": two names joined by "and" are one (joint) candidate too."""
    out: list[Candidate] = []
    for c in cands:
        if out and c.kind == "name" and out[-1].kind == "name" and text[out[-1].end:c.start] in (" and ", " & "):
            out.append(Candidate(out[-1].start, c.end, "name"))
        out.append(c)
    return out


def _features(text, toks, cands, idx, att, s_lo, in_quote) -> list[float]:
    c = cands[idx]
    cs, ce = att.cue_start, att.cue_end
    before = c.end <= cs
    a, b = (c.end, cs) if before else (ce, c.start)
    if b < a:
        a = b  # overlapping the cue
    between = [t for t in toks if a <= t[0] and t[1] <= b]
    words = [t[2].lower() for t in between if t[2][0].isalnum()]
    prev_tok = next((t for t in reversed(toks) if t[1] <= c.start), None)
    next_tok = next((t for t in toks if t[0] >= c.end), None)
    prev = prev_tok[2].lower() if prev_tok else ""
    surface = text[c.start:c.end]
    low = surface.lower()
    m = att.mention
    rule = m is not None and m.start < c.end and c.start < m.end
    cue = text[cs:ce].lower()
    n_tok = len(surface.split())
    opening = not any(t[2][0].isalnum() and t[2].lower() not in _CONNECTORS for t in toks if t[1] <= c.start)
    return [
        1.0 if before else 0.0,
        float(min(len(words), 40)),
        min(abs(b - a), 400) / 100.0,
        float(sum(1 for t in between if t[2] == ",")),
        1.0 if any(t[2] in _QUOTES for t in between) else 0.0,
        float(sum(1 for o in cands if a <= o.start and o.end <= b)),
        1.0 if in_quote(c.start) else 0.0,
        1.0 if c.kind == "name" else 0.0,
        1.0 if c.kind == "pronoun" else 0.0,
        1.0 if c.kind == "relative" else 0.0,
        1.0 if c.kind == "head" else 0.0,
        float(min(n_tok, 8)),
        1.0 if surface[:1].isupper() else 0.0,
        1.0 if opening else 0.0,
        1.0 if prev in _PREPS else 0.0,
        1.0 if prev == "by" else 0.0,
        1.0 if text.startswith(("'s", "’s"), c.end) or low.endswith(("'s", "’s")) else 0.0,
        1.0 if next_tok is not None and next_tok[2] == "," else 0.0,
        1.0 if any(w in _VERBISH or (w.endswith("ed") and len(w) > 4) for w in words) else 0.0,
        1.0 if words and all(w in _AUX for w in words) else 0.0,
        1.0 if rule else 0.0,
        1.0 if att.participle or cue.endswith("ing") else 0.0,
        1.0 if text[cs:cs + 1].isupper() or not before and c.start >= ce else 0.0,
        1.0 if cue.startswith("according") else 0.0,
        1.0 if low.endswith("s") and c.kind == "head" else 0.0,
        float(min(idx, 10)),
        1.0 if " and " in surface or " & " in surface else 0.0,
        1.0 if att.kind == "indirect" and c.start < att.end and att.start < c.end else 0.0,
    ]


def window(text: str, att, sentences) -> tuple[int, int]:
    s, e = sentences.at(att.cue_start)
    return max(s, att.cue_start - WINDOW), min(max(e, att.cue_end), att.cue_end + WINDOW)


def featurize(text: str, att, sentences, in_quote):
    """The candidates around ``att``'s cue and one feature vector (in ``FEATURES`` order) each."""
    lo, hi = window(text, att, sentences)
    toks, cands = propose(text, lo, hi, (att.cue_start, att.cue_end))
    cands = [c for c in cands if c.end <= att.cue_start or c.start >= att.cue_end]
    return cands, [_features(text, toks, cands, i, att, lo, in_quote) for i in range(len(cands))]


def _as_mention(text: str, cands, k: int) -> Mention:
    c = cands[k]
    if c.kind == "relative":
        # "Jane Doe, who said": the phrase the relative pronoun stands for
        for j in range(k - 1, -1, -1):
            p = cands[j]
            if p.kind in ("name", "head") and c.start - p.end < 80:
                c = p
                break
    surface = text[c.start:c.end]
    kind = "pronoun" if c.kind == "pronoun" else (classify(surface) or ("name" if c.kind == "name" else "role"))
    if kind == "pronoun" and surface.lower() in ("who", "whom", "each"):
        kind = "role"
    return Mention(c.start, c.end, surface, kind)


def pick(text: str, att, sentences, in_quote) -> tuple[Mention | None, float]:
    """The speaker mention of ``att`` and the model's probability for it (rule mention, 0.0 when
    no candidate scores ``MIN_PROB``)."""
    cands, xs = featurize(text, att, sentences, in_quote)
    if not cands:
        return att.mention, 0.0
    mdl = learned.model(MODEL)
    best, best_p = -1, MIN_PROB
    for k, x in enumerate(xs):
        p = mdl.prob(x)
        if p > best_p:
            best, best_p = k, p
    if best < 0:
        return att.mention, 0.0
    return _as_mention(text, cands, best), best_p


__all__ = ["FEATURES", "MIN_PROB", "MODEL", "featurize", "pick", "propose"]
