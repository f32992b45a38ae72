"""Pronoun antecedents: which earlier person a "he"/"she"/"his"/"her" refers to.

Proposes nothing by itself: the caller (``resolve.py``) proposes the candidate people (the entity
index's persons before the pronoun, opposite genders already left out); this module computes, for
each candidate, features a reader uses without a parser — distance in tokens and sentences, whether
the candidate or its nearest mention is the subject of its clause (position heuristics: sentence
start or after an opening phrase, followed by a verb-like word), parallelism with the pronoun's own
role (subject / possessive / object), how often and how early the person is named, possessive,
inside quotes or brackets, next to a speech verb, gender agreement (a title, a given-name table,
the candidate's own text), other names and pronouns in between, and how the candidate ranks against
the other candidates on each — and a small gradient-boosted model (``data/pronouns.json``, trained
by ``scripts/train_pronouns.py`` on GAP development, tuned on GAP validation) decides.

``choose`` returns the best candidate when its probability reaches the model's tuned threshold,
else None (the pronoun refers to no candidate: the caller keeps its own fallback). Work is bounded
by a window around the pronoun, so one call costs O(window), whatever the article's length.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from .learned import model
from .lexicon import CAPITALISED_STOP, HONORIFIC_GENDER, NATIONALITIES, ORG_WORDS, PLACES, TITLES, given_names

MODEL_NAME = "pronouns"
#: Characters of context read before and after the pronoun.
WINDOW_BEFORE = 1600
WINDOW_AFTER = 400

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}
_SUBJECT_FORMS = frozenset(("he", "she"))
_OBJECT_FORMS = frozenset(("him", "himself", "herself", "hers"))

_TOKEN_RE = re.compile(r"['’]s\b|\w+(?:[-.]\w+)*|[^\w\s]")
_ABBREV = frozenset("mr mrs ms dr jr sr st sen rep gov gen lt col sgt capt prof rev mt ft inc corp co "
                    "no vol vs etc jan feb mar apr jun jul aug sep sept oct nov dec".split())
_PREPS = frozenset("of in on at to from with by for about against between among into onto over under "
                   "through during after before without within toward towards upon via behind beside "
                   "alongside like than including".split())
_DETS = frozenset("the a an his her their its our my your this that these those".split())
_CONJ = frozenset("and but or when while after before as because although though since until unless "
                  "so that who whom which whose where if once whereas then".split())
_COMMON_VERBS = frozenset("""
is was are were be been has had have did does do became becomes become began begins went goes got
gets made makes took takes gave gives left leaves met meets married marries joined joins won wins
lost loses played plays wrote writes said says told tells asked asks returned returns moved moves
died dies lived lives worked works served serves studied studies decided decides tried tries found
finds saw sees came comes knew knows thought thinks felt feels kept keeps ran runs led leads held
holds would could will can should may might must also later then never once soon eventually still
""".split())
_SPEECH_VERBS = frozenset("said says told tells added adds asked asks wrote writes stated states noted notes "
                          "explained explains argued argues claimed claims replied replies announced "
                          "announces insisted insists warned warns recalled recalls tweeted tweets "
                          "confirmed confirms denied denies according".split())
_GENDER_WORDS = {"wife": "f", "husband": "m", "son": "m", "daughter": "f", "mother": "f", "father": "m",
                 "brother": "m", "sister": "f", "actress": "f", "actor": "m", "girlfriend": "f",
                 "boyfriend": "m", "widow": "f", "widower": "m", "aunt": "f", "uncle": "m",
                 "niece": "f", "nephew": "m", "grandmother": "f", "grandfather": "m", "queen": "f",
                 "king": "m", "princess": "f", "prince": "m", "woman": "f", "man": "m", "girl": "f",
                 "boy": "m", "lady": "f", "gentleman": "m", "mrs": "f", "ms": "f", "miss": "f",
                 "mr": "m", "sir": "m", "dame": "f", "lord": "m", "spokeswoman": "f", "spokesman": "m",
                 "chairwoman": "f", "chairman": "m", "businesswoman": "f", "businessman": "m",
                 "congresswoman": "f", "congressman": "m", "mom": "f", "dad": "m", "fiancee": "f",
                 "fiance": "m", "stepmother": "f", "stepfather": "m", "granddaughter": "f", "grandson": "m"}
_OPEN_QUOTES = frozenset('"“‘«')
_CLOSE_QUOTES = frozenset('"”’»')

FEATURES = (
    "dist_log", "after", "sent_dist", "same_sent",
    "c_sent_start", "c_intro_comma", "c_prev_prep", "c_prev_and", "c_prev_det", "c_prev_comma",
    "c_prev_verb", "c_prev_open", "c_next_verb", "c_next_comma", "c_next_poss", "c_next_paren",
    "c_next_and", "c_next_speech", "c_subject", "c_in_quotes", "c_in_parens", "c_ntok",
    "e_count", "e_first", "e_near_dist", "e_near_sent", "e_near_subject", "e_subject_any", "e_in_p_sent",
    "g_agree", "g_disagree", "between_names", "between_same_pron", "between_other_subject",
    "p_subj", "p_poss", "p_obj", "p_sent_start", "p_after_conj", "p_after_comma", "p_prev_prep",
    "p_prev_verb", "p_in_quotes", "parallel_subj", "parallel_obj", "parallel_poss_subj",
    "is_nearest", "rank_near", "near_diff", "is_nearest_subject", "is_most_mentioned",
    "is_first_mentioned", "count_diff", "n_cands", "votes", "votes_share", "is_most_voted",
    "e_subject_p_sent", "c_apposition", "e_prev_pron_same",
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A person the pronoun may refer to: one mention of them (offsets into the text) and what is
    known of their gender elsewhere ("m", "f" or "")."""
    name: str
    start: int
    end: int
    gender: str = ""


class _Tok:
    __slots__ = ("text", "low", "start", "end", "sent", "quoted", "paren")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.low = text.lower()
        self.start = start
        self.end = end
        self.sent = 0
        self.quoted = False
        self.paren = False


def _tokenise(text: str, lo: int, hi: int) -> list[_Tok]:
    toks = [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, lo, hi)]
    sent = 0
    quoted = False
    depth = 0
    n = len(toks)
    for i, t in enumerate(toks):
        t.sent = sent
        c = t.text
        if c in _OPEN_QUOTES or c in _CLOSE_QUOTES:
            if c == '"':
                quoted = not quoted
            else:
                quoted = c in _OPEN_QUOTES
        elif c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        t.quoted = quoted
        t.paren = depth > 0
        if c in ".!?" and i + 1 < n:
            prev = toks[i - 1].low if i else ""
            nxt = toks[i + 1].text
            if prev in _ABBREV or (len(prev) == 1 and prev.isalpha()):
                continue
            if nxt[:1].isupper() or nxt[:1].isdigit() or nxt in _OPEN_QUOTES or nxt == '"':
                sent += 1
        elif c == "\n":
            sent += 1
    return toks


def _first_index(toks: list[_Tok], pos: int) -> int:
    lo, hi = 0, len(toks)
    while lo < hi:
        mid = (lo + hi) // 2
        if toks[mid].end <= pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _verbish(t: _Tok | None) -> bool:
    if t is None:
        return False
    w = t.low
    return w in _COMMON_VERBS or (t.text[:1].islower() and len(w) > 3 and w.isalpha()
                                  and (w.endswith("ed") or w.endswith("es")) and w not in _PREPS)


def _sentence_start(toks: list[_Tok], i: int) -> int:
    s = toks[i].sent
    while i > 0 and toks[i - 1].sent == s:
        i -= 1
    return i


def _is_subject(toks: list[_Tok], i: int, j: int) -> tuple[bool, bool, bool]:
    """(sentence start, after an opening phrase and a comma, subject) for the mention toks[i:j]."""
    start = _sentence_start(toks, i)
    k = i - 1
    while k >= start and toks[k].text[:1].isupper() and toks[k].low not in CAPITALISED_STOP:
        k -= 1  # titles and first names before the mention belong to it
    sent_start = k < start or (k == start and toks[k].low in ("the", "a", "an"))
    intro = False
    if not sent_start and k >= start and toks[k].text == ",":
        first = toks[start].low
        intro = first in _PREPS or first in _CONJ or first.isdigit() or i - start <= 8
    nxt = toks[j] if j < len(toks) else None
    if nxt is not None and nxt.low in ("'s", "’s"):
        return sent_start, intro, False
    follows = nxt is not None and (_verbish(nxt) or nxt.text in (",", "(") or nxt.low in ("and", "who"))
    prev = toks[k].low if k >= 0 and k >= start else ""
    subject = (sent_start or intro or prev in _CONJ or prev == ";") and follows
    return sent_start, intro, subject


def _name_keys(name: str) -> frozenset:
    keys = set()
    for w in re.findall(r"\w+", name):
        low = w.lower()
        if len(w) > 1 and w[:1].isupper() and low not in _ABBREV and low not in HONORIFIC_GENDER:
            keys.add(w)
    return frozenset(keys)


@lru_cache(maxsize=1)
def _shipped():
    m = model(MODEL_NAME)
    return m


@lru_cache(maxsize=1)
def _name_table() -> dict:
    return {"table": given_names(), "threshold": float(_shipped().meta.get("threshold", 0.5))}


def name_gender(name: str, table: dict | None = None) -> str:
    """A person's likely gender from the name alone: an honorific, else the given-name table."""
    table = _name_table()["table"] if table is None else table
    words = [w.lower() for w in re.findall(r"\w+", name)]
    for w in words:
        g = HONORIFIC_GENDER.get(w)
        if g:
            return g
    for w in words:
        if w in _ABBREV:
            continue
        g = table.get(w, "")
        if g:
            return g
    return ""


def _text_gender(toks: list[_Tok], i: int, j: int) -> str:
    """Gender the text gives the mention toks[i:j]: a gendered word just before it ("his wife Mary",
    "actress Jane Roe") or an apposition just after it ("Jane Roe, his sister")."""
    for k in range(max(0, i - 3), i):
        g = _GENDER_WORDS.get(toks[k].low)
        if g:
            return g
    for k in range(j, min(len(toks), j + 4)):
        if toks[k].text in ".;":
            break
        g = _GENDER_WORDS.get(toks[k].low)
        if g:
            return g
    return ""


def features(text: str, p_start: int, p_end: int, candidates: Sequence[Candidate],
             table: dict | None = None) -> list[dict]:
    """One feature dict per candidate (same order), for the pronoun at text[p_start:p_end]."""
    lo = max(0, min([p_start - WINDOW_BEFORE] + [c.start - 200 for c in candidates]))
    hi = min(len(text), max([p_end + WINDOW_AFTER] + [c.end + 200 for c in candidates]))
    lo = text.rfind(" ", max(0, lo - 40), lo + 1) + 1 if lo else 0
    toks = _tokenise(text, lo, hi)
    if not toks:
        return [{} for _ in candidates]
    pi = min(_first_index(toks, p_start), len(toks) - 1)
    ptok = toks[pi]
    pform = text[p_start:p_end].lower()
    pg = PRONOUN_GENDER.get(pform, "")
    pnext = toks[pi + 1] if pi + 1 < len(toks) else None
    p_poss = pform == "his" or (pform == "her" and pnext is not None and pnext.text[:1].isalpha()
                                and pnext.low not in _PREPS and pnext.low not in _CONJ
                                and not _verbish(pnext) and pnext.low not in _DETS)
    p_subj = pform in _SUBJECT_FORMS
    p_obj = not p_subj and not p_poss
    pstart_i = _sentence_start(toks, pi)
    pprev = toks[pi - 1] if pi > pstart_i else None
    p_feats = {
        "p_subj": float(p_subj), "p_poss": float(p_poss), "p_obj": float(p_obj),
        "p_sent_start": float(pprev is None),
        "p_after_conj": float(pprev is not None and pprev.low in _CONJ),
        "p_after_comma": float(pprev is not None and pprev.text == ","),
        "p_prev_prep": float(pprev is not None and pprev.low in _PREPS),
        "p_prev_verb": float(_verbish(pprev)),
        "p_in_quotes": float(ptok.quoted),
    }
    p_clause_subj = p_subj and (pprev is None or pprev.low in _CONJ or pprev.text in (",", ";"))
    # capitalised name tokens (not sentence openers), for "other names in between"
    name_at = [t.text[:1].isupper() and t.low not in CAPITALISED_STOP and t.low not in PRONOUN_GENDER
               and t.text.isalpha() for t in toks]
    same_pron = [t.low in PRONOUN_GENDER and PRONOUN_GENDER[t.low] == pg for t in toks]
    subj_cache: dict[int, tuple] = {}

    def subject_at(i: int) -> tuple:
        r = subj_cache.get(i)
        if r is None:
            j = i + 1
            while j < len(toks) and name_at[j]:
                j += 1
            r = subj_cache[i] = _is_subject(toks, i, j)
        return r

    rows = []
    entity = []
    for c in candidates:
        ci = min(_first_index(toks, c.start), len(toks) - 1)
        cj = max(ci + 1, _first_index(toks, c.end))
        keys = _name_keys(c.name) | _name_keys(text[c.start:c.end])
        mentions = [k for k, t in enumerate(toks) if name_at[k] and t.text in keys
                    and not (k > 0 and name_at[k - 1] and toks[k - 1].text in keys)]
        if ci not in mentions:
            mentions.append(ci)
            mentions.sort()
        before = [k for k in mentions if k < pi]
        near = before[-1] if before else ci
        entity.append((mentions, near))
        sent_start, intro, subject = _is_subject(toks, ci, cj)
        cprev = toks[ci - 1] if ci > _sentence_start(toks, ci) else None
        cnext = toks[cj] if cj < len(toks) else None
        after = ci > pi
        dist = abs(pi - ci) if after else max(0, pi - cj)
        g = c.gender or name_gender(c.name, table) or name_gender(text[c.start:c.end], table) \
            or _text_gender(toks, ci, cj)
        e_subj = [subject_at(k)[2] for k in mentions]
        lo_k, hi_k = (near, pi) if near < pi else (pi, near)
        f = {
            "dist_log": math.log1p(dist), "after": float(after),
            "sent_dist": float(min(5, abs(ptok.sent - toks[ci].sent))),
            "same_sent": float(ptok.sent == toks[ci].sent),
            "c_sent_start": float(sent_start), "c_intro_comma": float(intro),
            "c_prev_prep": float(cprev is not None and cprev.low in _PREPS),
            "c_prev_and": float(cprev is not None and cprev.low == "and"),
            "c_prev_det": float(cprev is not None and cprev.low in _DETS),
            "c_prev_comma": float(cprev is not None and cprev.text == ","),
            "c_prev_verb": float(_verbish(cprev)),
            "c_prev_open": float(cprev is not None and (cprev.text == "(" or cprev.text in _OPEN_QUOTES)),
            "c_next_verb": float(_verbish(cnext)),
            "c_next_comma": float(cnext is not None and cnext.text == ","),
            "c_next_poss": float(cnext is not None and cnext.low in ("'s", "’s")),
            "c_next_paren": float(cnext is not None and cnext.text == "("),
            "c_next_and": float(cnext is not None and cnext.low == "and"),
            "c_next_speech": float(cnext is not None and cnext.low in _SPEECH_VERBS),
            "c_subject": float(subject), "c_in_quotes": float(toks[ci].quoted),
            "c_in_parens": float(toks[ci].paren), "c_ntok": float(min(4, cj - ci)),
            "e_count": math.log1p(len(mentions)), "e_first": math.log1p(abs(pi - mentions[0])),
            "e_near_dist": math.log1p(abs(pi - near)),
            "e_near_sent": float(min(5, abs(ptok.sent - toks[near].sent))),
            "e_near_subject": float(subject_at(near)[2]), "e_subject_any": float(any(e_subj)),
            "e_in_p_sent": float(any(toks[k].sent == ptok.sent for k in before)),
            "e_subject_p_sent": float(any(toks[k].sent == ptok.sent and subject_at(k)[2] for k in before)),
            "c_apposition": float(cprev is not None and cprev.text == "," and cnext is not None
                                  and cnext.text in (",", ")")),
            "e_prev_pron_same": float(any(same_pron[k] for k in range(near + 1, min(len(toks), near + 12))
                                          if k != pi)),
            "g_agree": float(bool(g) and g == pg), "g_disagree": float(bool(g) and bool(pg) and g != pg),
            "between_names": math.log1p(sum(1 for k in range(lo_k + 1, hi_k) if name_at[k]
                                            and toks[k].text not in keys)),
            "between_same_pron": math.log1p(sum(same_pron[lo_k + 1:hi_k])),
            "parallel_subj": float(p_clause_subj and (subject or subject_at(near)[2])),
            "parallel_obj": float(p_obj and cprev is not None and (cprev.low in _PREPS or _verbish(cprev))),
            "parallel_poss_subj": float(p_poss and (subject or subject_at(near)[2])),
        }
        f.update(p_feats)
        rows.append(f)
    # the topic: which candidate a naive reader takes the window's other same-gender pronouns for
    # (the nearest mention before each, a subject preferred within its sentence)
    owner = {}
    for k, (mentions, _) in enumerate(entity):
        for m in mentions:
            owner[m] = k
    votes = [0] * len(rows)
    last_subject = last_any = None
    cur_sent = -1
    for k, t in enumerate(toks):
        if t.sent != cur_sent:
            cur_sent = t.sent
            if last_any is not None:
                last_subject = None
        if k in owner:
            last_any = owner[k]
            if subject_at(k)[2]:
                last_subject = owner[k]
        elif same_pron[k] and k != pi:
            who = last_subject if last_subject is not None else last_any
            if who is not None:
                votes[who] += 1
    total_votes = sum(votes)
    # how each candidate ranks against the others
    nears = [abs(pi - near) + (1000 if near > pi else 0) for _, near in entity]
    counts = [len(m) for m, _ in entity]
    firsts = [m[0] for m, _ in entity]
    subj_nears = [n for n, r in zip(nears, rows) if r["e_near_subject"] or r["c_subject"]]
    for k, f in enumerate(rows):
        others_near = [n for j, n in enumerate(nears) if j != k]
        others_count = [n for j, n in enumerate(counts) if j != k]
        f["is_nearest"] = float(nears[k] == min(nears))
        f["rank_near"] = float(sorted(nears).index(nears[k]))
        f["near_diff"] = (math.log1p(nears[k]) - math.log1p(min(others_near))) if others_near else 0.0
        f["is_nearest_subject"] = float(bool(subj_nears) and (f["e_near_subject"] or f["c_subject"])
                                        and nears[k] == min(subj_nears))
        f["is_most_mentioned"] = float(counts[k] == max(counts))
        f["is_first_mentioned"] = float(firsts[k] == min(firsts))
        f["count_diff"] = float(counts[k] - max(others_count)) if others_count else 0.0
        f["n_cands"] = float(len(rows))
        f["votes"] = math.log1p(votes[k])
        f["votes_share"] = votes[k] / total_votes if total_votes else 0.0
        f["is_most_voted"] = float(total_votes > 0 and votes[k] == max(votes))
        ent_near = entity[k][1]
        f["between_other_subject"] = float(any(
            entity[j][1] > ent_near and entity[j][1] < pi and (rows[j]["e_near_subject"])
            for j in range(len(rows)) if j != k))
    return rows


def propose(text: str, p_start: int, p_end: int, exclude: Sequence[Candidate] = ()) -> list[Candidate]:
    """Name-like capitalised runs near the pronoun that are not one of ``exclude`` (by name words):
    the people a reader could take the pronoun for when no entity index is at hand (the last mention
    of each, before the pronoun when there is one). Places, organisations and sentence openers are
    left out; a single capitalised word at a sentence start counts only when it recurs inside one."""
    lo = max(0, p_start - WINDOW_BEFORE)
    hi = min(len(text), p_end + WINDOW_AFTER)
    toks = _tokenise(text, lo, hi)
    seen = set()
    for c in exclude:
        seen |= _name_keys(c.name)
    runs = []
    i = 0
    n = len(toks)
    inner = set()
    for k, t in enumerate(toks):
        if k and toks[k - 1].sent == t.sent and t.text[:1].isupper():
            inner.add(t.text)
    while i < n:
        t = toks[i]
        if not (t.text[:1].isupper() and t.text.isalpha()) or t.low in CAPITALISED_STOP \
                or t.low in PRONOUN_GENDER:
            i += 1
            continue
        j = i
        while j + 1 < n and toks[j + 1].text[:1].isupper() and toks[j + 1].text.replace(".", "").isalpha() \
                and toks[j + 1].low not in CAPITALISED_STOP:
            j += 1
        words = [w.low.rstrip(".") for w in toks[i:j + 1]]
        initial = i == 0 or toks[i - 1].sent != t.sent
        if (initial and i == j and t.text not in inner) or any(w in ORG_WORDS or w in PLACES for w in words) \
                or (i == j and (t.low in NATIONALITIES or t.low in TITLES)) or t.text.isupper():
            i = j + 1
            continue
        name = " ".join(w.text for w in toks[i:j + 1])
        keys = _name_keys(name)
        if keys and not (keys & seen):
            runs.append(Candidate(name, t.start, toks[j].end))
        i = j + 1
    # one candidate per person (its fullest name): its last mention before the pronoun, else its first after
    best: dict[frozenset, Candidate] = {}
    order = []
    for c in runs:
        key = _name_keys(c.name)
        same = next((k for k in order if k & key), None)
        if same is None:
            order.append(key)
            best[key] = c
        elif c.start < p_start:  # the later mention, under the fuller name
            prev = best[same]
            best[same] = Candidate(prev.name if len(prev.name) > len(c.name) else c.name, c.start, c.end)
    return [best[k] for k in order]


_RUN_END_RE = re.compile(r"(?:[A-Z][\w’'\-]*\.?|[A-Z]\.)(?:[ \u00a0](?:[A-Z][\w’'\-]*\.?|[A-Z]\.))*")


def mention_end(text: str, start: int) -> int:
    """End of the capitalised run (a name with its titles) that starts at ``start``."""
    m = _RUN_END_RE.match(text, start, min(len(text), start + 120))
    return m.end() if m else min(len(text), start + 1)


def scores(text: str, p_start: int, p_end: int, candidates: Sequence[Candidate]) -> list[float]:
    """The model's probability that the pronoun refers to each candidate (same order)."""
    if not candidates:
        return []
    m = _shipped()
    # a candidate whose gender is known and differs from the pronoun's is not an antecedent (GAP's
    # candidates always agree, so the model never learned it): a rule, not a weight; the others
    # are ranked among themselves, as in training
    first = features(text, p_start, p_end, candidates)
    keep = [k for k, f in enumerate(first) if not f.get("g_disagree")]
    if len(keep) < len(candidates):
        rows = features(text, p_start, p_end, [candidates[k] for k in keep]) if keep else []
        out = [0.0] * len(candidates)
        for k, f in zip(keep, rows):
            out[k] = m.prob(m.vector(f))
        return out
    return [m.prob(m.vector(f)) for f in first]


def choose(text: str, p_start: int, p_end: int, candidates: Sequence[Candidate]
           ) -> tuple[Candidate | None, float]:
    """The candidate the pronoun refers to and its probability, or (None, best probability) when
    no candidate reaches the model's threshold."""
    probs = scores(text, p_start, p_end, candidates)
    if not probs:
        return None, 0.0
    k = max(range(len(probs)), key=probs.__getitem__)
    if probs[k] < _name_table()["threshold"]:
        return None, probs[k]
    return candidates[k], probs[k]


__all__ = ["Candidate", "FEATURES", "PRONOUN_GENDER", "choose", "features", "mention_end", "name_gender", "propose", "scores"]
