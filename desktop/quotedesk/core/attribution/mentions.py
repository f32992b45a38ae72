"""Stage 3: speaker mentions — what kind of phrase names the speaker of a cue.

``subject_before(text, lo, cue_start)`` finds the speaker phrase that ends just before a cue
("Russian President Vladimir Putin said", "Jane Doe, a spokeswoman for X, said", "she said");
``subject_after(text, cue_end, hi)`` the one that follows an inverted cue ("said the Kremlin
statement", "said Jane Doe, a spokeswoman"). ``classify`` labels a phrase as a name,
pronoun, group, role or organisation; the resolution stage turns it into canonical names.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from .entity import low as _low
from .lexicon import (ANONYMOUS_HEADS, POST_MODIFIERS, CAPITALISED_STOP, CLAUSE_WORDS, DOCUMENT_NOUNS, GROUP_HEADS, NATIONALITIES,
                      NAME_JOINERS, ORG_NOUNS, PARTITIVES, PARTY_WORDS, PERSON_ROLES, PLACE_TAGS, PRONOUNS, TITLES,
                      WEEKDAYS)



def _common_words() -> frozenset[str]:
    """Words that open sentences capitalised but are not names ("Following", "Instead", "Even"),
    from data/common_words.json (scripts/build_common_words.py); role and title words excluded,
    since they are a name's titles ("Former President …")."""
    raw = resources.files("quotedesk.core.attribution.data").joinpath("common_words.json").read_text("utf-8")
    return frozenset(json.loads(raw)["words"]) - TITLES - PERSON_ROLES - NATIONALITIES - frozenset(PRONOUNS)


#: Lexicon class "common word": never the first word of a name.
COMMON_WORDS = _common_words()
_TOKEN_RE = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff][\w’'\-.&]*|\d[\w.,]*(?:-[A-Za-z][\w\-]*)*")
#: Auxiliaries and adverbs between a speaker and the cue: "has also said", "later told" (and "to", in the
#: last word's test: "went on to say").
_AUX = ("has have had also then later previously repeatedly once again recently publicly privately long "
        "would will did does even further earlier first often frequently never simply just only quickly "
        "flatly bluntly angrily calmly reportedly allegedly subsequently herself himself themselves itself "
        "separately likewise similarly too immediately initially finally ultimately openly explicitly "
        "specifically officially emphatically").split()
_AUX_WORDS = frozenset(("to", *_AUX))
#: Words in -ly that are no adverbs ("the family said", "a GOP ally told").
_LY_NOUNS = frozenset("family ally rally supply assembly belly bully daily weekly monthly quarterly anomaly "
                      "monopoly reply fly lily holly jelly folly tally homily".split())
_AUX_TAIL_RE = re.compile(
    r"(?:\s{1,16}(?:went\s{1,16}on\s{1,16}to|goes\s{1,16}on\s{1,16}to|go\s{1,16}on\s{1,16}to|continued\s{1,16}to|(?:was|were|is|are)\s{1,16}quick\s{1,16}to|"
    # any lower-case adverb in -ly ("Mr. Rubio defiantly told")
    r"(?-i:(?!(?:" + "|".join(_LY_NOUNS) + r")\b)[a-z]{2,}ly\b)|"
    + "|".join(_AUX) + r"))+\s{0,16}$",
    re.IGNORECASE,
)


def _is_aux(word: str) -> bool:
    """An auxiliary or adverb between a speaker and its cue ("has also", "defiantly")."""
    return word.lower() in _AUX_WORDS or len(word) > 4 and word.endswith("ly") and word.isalpha() \
        and word.islower() and word not in _LY_NOUNS
_ORGISH = frozenset("association ministry department agency company council committee party "
                     "university institute foundation union bank group corporation inc news".split())
_LINKED_HEADS = frozenset("statement release report spokesman spokeswoman spokesperson representative "
                          "official officials letter email filing researchers scientists staff experts "
                          "doctors".split())
#: Prepositions that open no clause: a name right after one is its object ("Trump, in Kentucky,
#: said"), never a subject ("after" and "before" also open clauses: "after Obama called").
_PREPOSITIONS = frozenset("on in at to during via with for from by about of into over under through".split())
_NOT_SUBJECT_START = _PREPOSITIONS | frozenset(
    "after before that this last earlier later then when while as if because".split())
_PREPS = frozenset(("of", "for", "at", "with", "from", "in", "on"))
_POST_PREPS = frozenset(("to", "with", "on", "in", "about", "of"))
_TIME_WORDS = WEEKDAYS | frozenset(
    "morning afternoon evening night week month "
    "year yesterday today tonight earlier later again interview statement email letter post tweet "
    "speech release".split() + [w.capitalize() for w in WEEKDAYS])
#: Words after an inverted cue that say when, not who ("said Sunday", "said yesterday").
_WHEN_WORDS = WEEKDAYS | frozenset(["yesterday", "today", "tonight"] + [w + "'s" for w in WEEKDAYS])
_TIME_TAIL_RE = re.compile(
    r"(?:,?\s{1,16}(?:(?:on|late|early|by|earlier|later|this|last)\s{1,16})?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s{1,16}(?:morning|afternoon|evening|night))?|\s{1,16}(?:last|this)\s{1,16}(?:week|month|year|night)|"
    r"\s{1,16}(?:yesterday|today|tonight|earlier|later|again)|"
    r",?\s{1,16}in\s{1,16}(?:an?|the|his|her|their|its)\s{1,16}(?:\w+\s{1,16}){0,2}(?:interview|statement|email|letter|"
    r"post|tweet|speech|release)(?:\s{1,16}(?:with|to|on)\s{1,16}[\w.’']+(?:\s{1,16}[A-Z][\w.’']*){0,3})?),?$"
)
#: Generic nouns that never speak: "…, recalled the night of the vote".
_NOT_SPEAKER_HEADS = _TIME_WORDS | frozenset(
    "night day days time times moment hour hours minute weekend season summer winter spring autumn fall "
    "decision vote meeting event events game match story news idea plan issue question problem result "
    "results change changes copy page list line words word".split())
#: Clause boundaries, searched in the reversed window. A closing ’ is one, but not a plural
#: possessive ("Sanders’ campaign manager": reversed, the ’ is followed by "s" and a letter).
#: (Every alternative opens with a literal character, the look-behinds after it: the regex engine
#: then skips straight to those characters instead of trying every position, 3x faster.)
_BOUNDARY_REV_RE = re.compile("|".join(re.escape(c) for c in ",;:()[]\"“”«»„—–―\n")
                              + r"|''|\.(?<=\s\.)|!(?<=\s!)|\?(?<=\s\?)|’(?<=\s’)(?!s[^\W\d_])")
_ABBREV_END_RE = re.compile(r"(?:\b[A-Z][a-z]{0,3}\.|\b[A-Z]\.)$")
_APPOS_HEAD_RE = re.compile(r"^(?:an?|the|its|his|her|their|one|another|both)\s", re.IGNORECASE)
#: A dateline opening a story ("WASHINGTON —", "HALIFAX (CP) —", "FLINT, Mich., Oct. 4 (UPI) —"): a
#: place and an agency, never a speaker.
DATELINE_RE = re.compile(r"[A-Z][A-Z .'’\-]{1,40}(?:,[^\n—–―]{1,30}?)?(?:\s{0,3}\([^()\n]{1,30}\))?\s{0,3}(?:—|–|―|--|-)\s{0,3}")
_SUBORDINATORS = frozenset("what how as than once whom which whether where why if".split())
#: A relative clause with no "that" ending a speaker phrase, after a noun: "(the engineers) the
#: council consulted", "(voters) the Post interviewed"; its subject is not who speaks.
_REDUCED_RELATIVE_RE = re.compile(r"(?<=[a-z])\s{1,16}(?:the|a|an|his|her|their|its|our)\s{1,16}"
                                  r"(?:[\w’'\-]+\s{1,16}){0,2}[a-z]{3,}ed\s*$")
#: A participle and its preposition inside a speaker phrase, after a noun: "(a source) speaking to
#: (Fox News)", "(demonstrators) marching in (Halifax)"; what follows is whom or where, not who.
_PARTICIPLE_PHRASE_RE = re.compile(r"(?<=[a-z])\s{1,16}(?!(?:morning|evening|building|meeting|hearing|briefing|"
                                   r"wedding|spring|string|thing|king|ring|wing|ceiling|offering|funding|"
                                   r"bring|during)\s)[a-z]{3,}ing\s{1,16}(?:to|with|in|on|at|for|from)\s{1,16}"
                                   r"(?:\S+\s{1,16}){0,3}\S+\s*$")  # its object ends the phrase
_APPOS_WORDS = frozenset("head chief director president spokesman spokeswoman spokesperson executive "
                         "founder chairman chairwoman professor senior former co-founder author "
                         "leader member secretary manager deputy".split())
_CAP_NAME_TAIL_RE = re.compile(
    r"(?=[A-Zabdlv])((?:[A-Z][\w’'\-]*\.?|(?:de|van|von|der|da|di|bin|al|la|le|du|del)(?=\s{1,16}[A-Z]))"
    r"(?:[ \u00a0](?:[A-Z][\w’'\-]*\.?|(?:de|van|von|der|da|di|bin|al|la|le|du|del)(?=\s{1,16}[A-Z])))*)$"
)


class Mention(NamedTuple):
    """A speaker phrase: ``kind`` is name, pronoun, group, role, org or joint."""

    start: int
    end: int
    surface: str
    kind: str


#: Lexicon class "discourse opener": a sentence's first word linking it to the one before, never
#: part of the speaker phrase after it ("But the company says", "Likewise, a paper … had").
_DISCOURSE_OPENERS = frozenset("but yet and so still meanwhile however likewise similarly instead indeed also "
                               "now then moreover furthermore nonetheless nevertheless additionally "
                               "otherwise thus hence".split())
_OPENER_RE = re.compile(r"([A-Z][a-z]+)\b,?\s{1,16}")
#: Lexicon class "focus adverb or subordinator": a word that may stand before a speaker phrase but
#: is not part of it ("Even the organizer", "Though media reports", "As one employee").
_FOCUS_OR_SUBORDINATOR = frozenset("even only just virtually though although as after before while when since "
                                   "because if".split())


def outside_phrase(low: str) -> bool:
    """Whether a phrase's first word (lower-case) stands outside it: a discourse opener, a focus
    adverb or a subordinator, never an adjective or noun of the phrase ("Political scientists",
    "Campaign aides" keep theirs)."""
    return low in _DISCOURSE_OPENERS or low in _FOCUS_OR_SUBORDINATOR


def past_opener(text: str, s: int, e: int) -> tuple[int, int]:
    """``text[s:e]`` without a discourse opener ("Yet Democratic economists" -> "Democratic economists")."""
    w = _OPENER_RE.match(text, s, e)
    if w and w.group(1).lower() in _DISCOURSE_OPENERS and w.end() < e:
        return _clean_bounds(text, w.end(), e)
    return s, e


def _clean_bounds(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",;:"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
        e -= 1
    return s, e


def tokens(phrase: str) -> list[str]:
    return _TOKEN_RE.findall(phrase)


_NUMBER = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten)"
#: A quantity of people as a speaker: "nine in 10 (voters)", "nearly a third", "46 percent of voters",
#: "several", "others", "another" (polls and anonymous groups: the phrase is the speaker).
QUANTITY_RE = re.compile(
    r"(?:(?:about|nearly|almost|roughly|only|just|over|under|more\s+than|fewer\s+than|less\s+than|"
    r"at\s+least|just\s+over|just\s+under|some)\s+)?"
    r"(?:(?:" + _NUMBER + r"\s+(?:in|out\s+of)\s+(?:\d+|ten)|(?:a|one|two)[\s-](?:third|quarter|half|fifth)s?|"
    r"\d[\d.]*\s?(?:percent|per\s+cent|%)|three-quarters|two-thirds|half|a\s+majority|the\s+majority)"
    r"(?:\s+of(?:\s+(?:the|those|these|all))?)?(?:\s+[\w\-’']+){0,4}"
    r"|some|several|most|many|few|others|another|none|the\s+rest)",
    re.IGNORECASE)
#: What may open a clause before such a quantity: "…, while nine in 10 said".
_QUANTITY_AFTER_RE = re.compile(r"(?:\b(?:while|and|but|whereas|yet|though|although|as)\s+|^)(?P<q>[^,;]+)$", re.I)
#: Every ``QUANTITY_RE`` match has a digit, one of these words or a word ending in a fraction.
_QUANTITY_WORDS = frozenset("some several most many few others another none rest half third thirds quarter "
                            "quarters fifth majority percent one two three four five six seven eight nine ten "
                            "three-quarters two-thirds".split())
_FRACTIONS = ("third", "thirds", "quarter", "quarters", "half", "fifth", "fifths")


def _may_be_quantity(phrase: str, lows: list[str]) -> bool:
    """The cheap test before ``QUANTITY_RE`` (it never refuses a phrase the pattern takes)."""
    return not _QUANTITY_WORDS.isdisjoint(lows) or any(c.isdigit() for c in phrase) \
        or any(w.endswith(_FRACTIONS) for w in lows)


def quantity(phrase: str, lows: list[str] | None = None) -> bool:
    """Whether a speaker phrase is a quantity of people ("nine in 10", "several", "46 percent");
    ``lows``: its lower-cased tokens, when the caller has them."""
    if lows is None:
        lows = [_low(t) for t in tokens(phrase)]
    return _may_be_quantity(phrase, lows) and QUANTITY_RE.fullmatch(phrase.strip()) is not None


#: Words that open a noun phrase of its own after "and" ("Trump and his aides", "Xi and other
#: leaders"): without one, words before a shared head are joined ("federal and state officials").
_NP_OPENERS = frozenset("the a an his her their its our my your other another many some several all both "
                        "most few more two three four".split())


def _one_speaker_coordinated(toks: list[str], lows: list[str]) -> bool:
    """Whether the "and" of a speaker phrase joins parts of one speaker, not two speakers: words
    before a shared head ("Federal and state officials", "Current and former officials"; not
    "White House and Pentagon spokesmen", the spokesmen of two bodies),
    the objects of a preposition after the head ("experts on North Korea and nuclear
    nonproliferation", "a division of Immigration and Customs Enforcement"), or two titles of one
    person ("Former Secretary of State and Democratic nominee Hillary Clinton")."""
    a = next(i for i, w in enumerate(lows) if w in ("and", "&"))
    lo = 1 if lows[0] in ("both", "either", "neither") else 0
    first, second = lows[lo:a], lows[a + 1:]
    if not first or not second:
        return False
    p = next((i for i in range(1, len(first)) if first[i] in _PREPS), 0)
    if p and (first[p - 1] not in TITLES or p + 1 < len(first) and first[p + 1] == "the"):
        # the head comes before the preposition, the "and" is inside its phrase (not an office:
        # "Secretary of State John Kerry and …")
        return True
    if len(first) <= 5 and second[-1] not in TITLES and (
            all(w in TITLES or w in NATIONALITIES or w == "of" for w in first)
            or first[-1].rstrip(".") in TITLES and all(
                w.rstrip(".") in TITLES or toks[lo + i][:1].isupper() for i, w in enumerate(first))):
        return True  # titles (of a place or body: "former Pennsylvania Gov."), then the one name they belong to
    # the second part's head: its last word before a preposition or a relative pronoun
    second = second[:next((i for i, w in enumerate(second) if i and (w in _PREPS or w in ("who", "that"))),
                          len(second))]
    return (len(second) >= 2 and len(first) <= 2 and second[0] not in _NP_OPENERS
            and toks[a + 1][:1].islower() and _people_head(second)
            and not any(_people_head(first[:i + 1]) for i in range(len(first))))


def role_plural(low: str) -> bool:
    """Whether a word is the plural of a role word ("officials", "spokesmen")."""
    return low[-1:] == "s" and low[:-1] in PERSON_ROLES or low.endswith("men") and low[:-3] + "man" in PERSON_ROLES


def _people_head(lows: list[str]) -> bool:
    """Whether ``lows`` ends in a noun for people: a role ("official", "spokesmen") or a plural."""
    head = lows[-1]
    return head in PERSON_ROLES or role_plural(head) or _plural_people(lows)


def post_modifier(lows: list[str]) -> int:
    """Where a post-modifier ("close to", "familiar with", a relative clause: "officials who spoke
    with the Post") starts in a speaker phrase, or 0."""
    return next((i for i in range(1, len(lows) - 1)
                 if lows[i] in POST_MODIFIERS and lows[i + 1] in _POST_PREPS or lows[i] == "who"), 0)


@lru_cache(maxsize=8192)
def classify(phrase: str) -> str | None:
    """Kind of a speaker phrase, or None when it is not one."""
    toks = tokens(phrase)
    if not toks or len(toks) > 18:
        return None
    lows = [_low(t) for t in toks]
    if len(toks) > 12:
        # "Det. Sgt. Jo Ray of the … Police Service's financial crimes unit": a name, then its unit
        k = next((i for i in range(1, 6) if lows[i] in ("of", "for", "at", "with")), 0)
        if not k or classify(" ".join(toks[:k])) != "name" or not CLAUSE_WORDS.isdisjoint(lows):
            return None
        return "name"
    if len(toks) == 1 and lows[0] in PRONOUNS:
        return "pronoun" if lows[0] not in ("him", "her", "them") else None
    if quantity(phrase, lows):
        return "group"
    k = post_modifier(lows)
    if k:
        # "a source close to the campaign", "people familiar with the talks": the phrase before
        head_kind = classify(" ".join(toks[:k]))
        if head_kind in ("role", "name", "group"):
            return head_kind
        return "group" if lows[k - 1] in ANONYMOUS_HEADS else None
    if not CLAUSE_WORDS.isdisjoint(lows):
        return None
    if lows[0] == "the" and len(lows) <= 6 and any(w.endswith("-year-old") for w in lows):
        return "role"  # "the 46-year-old", "the 46-year-old mother of two": a person the text named
    if (" and " in f" {' '.join(lows)} " or "&" in toks) and len(toks) >= 3 and lows[0] != "and" \
            and lows[-1] != "and":
        first = re.split(r"\s{1,16}and\s{1,16}|\s{0,16}&\s{0,16}|,\s{0,16}", phrase.strip(), maxsplit=1)[0]
        ftoks = tokens(first)
        if ftoks and (ftoks[-1][:1].isupper() or _low(ftoks[-1]) in ("he", "she")) and len(ftoks) <= 5 \
                and not _one_speaker_coordinated(toks, lows):
            return "joint"
        # "the former secretary of state and current nominee": one person described twice
    if lows[0] in ("both",) or (len(lows) >= 2 and lows[-1] in GROUP_HEADS and lows[0] in ("the", "both", "two")):
        return "group"
    if lows[-1] in GROUP_HEADS and any(t in ("two", "both", "three") for t in lows):
        return "group"
    for prep in (() if _PREPS.isdisjoint(lows) else ("of", "for", "at", "with", "from", "in", "on")):
        if prep in lows[1:]:
            k = lows.index(prep)
            head_kind = classify(" ".join(toks[:k]))
            if head_kind in ("role", "name", "group"):
                return "role" if head_kind == "role" else head_kind
            break
    caps = [t for i, t in enumerate(toks)
            if t[0].isupper() and not (i == 0 and (lows[0] in ("the", "a", "an", "his", "her", "their")
                                                   or lows[0] in COMMON_WORDS))]
    if caps:
        if lows[-1] in PARTY_WORDS:
            return "role"  # "the Wisconsin Republican": a person described, not named
        if toks[-1][0].isupper():
            return "name"
        h = lows[-1]
        if h in DOCUMENT_NOUNS or h in ORG_NOUNS or h in PERSON_ROLES or h[:-1] in PERSON_ROLES \
                or h[:-1] in ORG_NOUNS:
            return "role"
        if lows[-1] in GROUP_HEADS:
            return "group"
        if _plural_people(lows):
            return "role"  # "Abortion rights advocates said"
        return None
    head = lows[-1]
    if lows[0] in ("the", "a", "an") and 2 <= len(lows) <= 3 \
            and head.isalpha() and len(head) > 3 and head not in _NOT_SPEAKER_HEADS:
        return "role"  # "the utility", "the school district": a generic body
    if head in PERSON_ROLES or head in ORG_NOUNS or head in DOCUMENT_NOUNS or head[:-1] in ORG_NOUNS \
            or head[:-1] in PERSON_ROLES:
        return "role"
    if head in GROUP_HEADS:
        return "group"
    if _plural_people(lows):
        return "role"  # "some residents", "local business owners"
    return None


#: Determiners that introduce a new, unnamed referent: "a source", "another official", "one aide".
_INDEFINITE = frozenset("a an another one some several many two three four five few other "
                        "various numerous multiple most".split())
_DEFINITE = frozenset("the this that these those".split())
_POSSESSIVE_PRONOUNS = frozenset("his her their its my our your".split())
_OPENERS = _INDEFINITE | _DEFINITE | _POSSESSIVE_PRONOUNS | frozenset("all both each every".split())


def determiner(phrase: str) -> tuple[str, str]:
    """How a role phrase refers, and its possessor: ("indefinite", "") for "a source" or "another
    official" (a new, unnamed speaker); ("possessed", "pagliano") for "Pagliano's lawyer" and
    ("possessed", "his") for "his lawyer" (a relation of someone, not that someone);
    ("definite", "") for "the mayor"; ("bare", "") for "officials" or "campaign aides"."""
    toks = tokens(phrase)
    lows = [_low(t) for t in toks]
    while lows and lows[0] in ("and", "but", "or", "so", "also", "then", "yet") or len(lows) > 1 \
            and toks[len(toks) - len(lows)][:1].isupper() and lows[0] in COMMON_WORDS and lows[0] not in _OPENERS:
        lows = lows[1:]  # "Yet another source", "Even his lawyer": the adverb says nothing of reference
    if not lows:
        return "bare", ""
    first = lows[0]
    if first in _POSSESSIVE_PRONOUNS:
        return "possessed", first
    for w in lows[:-1]:
        if w.endswith("'s") and len(w) > 2:
            return "possessed", w[:-2]
        if w in _PREPS:
            break
    if first in _INDEFINITE:
        return "indefinite", ""
    if first in _DEFINITE:
        return "definite", ""
    return "bare", ""


def _plural_people(lows: list[str]) -> bool:
    """A short phrase ending in a plural noun: "rights advocates", "many parents"."""
    head = lows[-1]
    return (len(lows) <= 4 and len(head) > 4 and head.isalpha() and head.endswith(("ers", "ors", "ists", "ants",
            "ents", "ates", "ians", "ans", "ives", "ees", "ics", "ies"))
            and not head.endswith(("ness", "tions")))


def name_words(toks) -> bool:
    """Whether every word is capitalised or joins a name ("Office of the Prime Minister")."""
    return all(t[:1].isupper() or _low(t) in NAME_JOINERS for t in toks)


def place_tag(word: str) -> bool:
    """A state or province tag ("N.Y.", "Ont.") or a party-and-state tag ("R-S.C.", "D-Texas")."""
    tag = word.strip().lower()
    if tag[1:2] == "-" and tag[:1] in "rdi":
        tag = tag[2:]
    return tag in PLACE_TAGS


def _before_place_tag(seg: str) -> str:
    """``seg`` without a place or party tag after its last comma ("Chappaqua, N.Y." -> "Chappaqua",
    "Ana Rivera, R-S.C." -> "Ana Rivera"); as it is when it ends otherwise."""
    k = seg.rfind(",")
    return seg[:k].rstrip() if k >= 0 and place_tag(seg[k + 1:]) else seg


def subject_before(text: str, lo: int, cue_start: int) -> Mention | None:
    """The speaker phrase ending right before ``cue_start`` (searching no further left than lo)."""
    e = cue_start
    window = text[max(lo, e - 240):e]
    base = e - len(window)
    last = window[window.rfind(" ", 0, len(window) - 1) + 1:].strip()
    if _is_aux(last):
        m = _AUX_TAIL_RE.search(window, max(0, len(window) - 70))
        if m:
            window = window[:m.start()]
    window = window.rstrip()
    closing_comma = window.endswith(",")
    tag_closed = False
    last = window[window.rfind(" ") + 1:].rstrip(",")
    if last.lower() in _TIME_WORDS or last[:1].isupper() and last.endswith("day"):
        m = _TIME_TAIL_RE.search(window, max(0, len(window) - 90))
        if m:
            window = window[:m.start()].rstrip()  # "Sanders on Tuesday said"
    if window.endswith(","):
        closing_comma = True
    if closing_comma:
        window = window.rstrip(",").rstrip()  # "Jane Doe, a spokeswoman, said"
        tagless = _before_place_tag(window)
        # "Officials in Chappaqua, N.Y., said", "Jo Ray, of Flint, Mich., said": the place's tag
        # is the place's, the commas close what it ends
        tag_closed = tagless is not window
        window = tagless
    if window.endswith(")"):
        # "Sen. David Perdue (R-Ga.) said": step over a short parenthesis
        k = window.rfind("(")
        if 0 < k and len(window) - k < 40:
            window = window[:k].rstrip()
    end = base + len(window)
    # clause boundary: last punctuation or sentence end in the window
    cut = -1
    for bm in _BOUNDARY_REV_RE.finditer(window[::-1]):
        k = len(window) - 1 - bm.start()
        c = window[k]
        if c in ".!?":
            prev_tok = window[max(0, k - 4):k + 1]
            if _ABBREV_END_RE.search(prev_tok):
                continue
        cut = k
        break
    s = base + cut + 1
    s, end = past_opener(text, *_clean_bounds(text, s, end))
    if s >= end:
        return None
    pm = _PARTICIPLE_PHRASE_RE.search(text, s, end) or _REDUCED_RELATIVE_RE.search(text, s, end)
    if pm is not None:
        # "An aide traveling with Clinton said", "the engineers the council consulted said": the
        # participle's object, the relative clause's subject, is not the speaker
        end = pm.start()
    phrase = text[s:end]
    toks = tokens(phrase)
    # "... that he said": keep the last words only
    lows = [_low(t) for t in toks]
    if lows == ["who"] and cut >= 0 and window[cut] == ",":
        return _name_before_comma(text, base + cut, lo)  # "Thomas Perez, who said …"
    qm = _QUANTITY_AFTER_RE.search(phrase) if _may_be_quantity(phrase, lows) else None
    if qm is not None and quantity(qm.group("q")):
        qs = s + qm.start("q")
        return Mention(qs, end, qm.group("q"), "group")  # "(while) nine in 10 said", "Several said"
    if len(lows) >= 2 and lows[-2] in _SUBORDINATORS:
        return None  # "what Trump says", "once he has said"
    if toks and lows[-1] in PRONOUNS and not post_modifier(lows):  # but "a source close to him"
        k = phrase.rfind(toks[-1])
        ps = s + k
        kind = classify(toks[-1])
        return Mention(ps, ps + len(toks[-1]), toks[-1], kind) if kind else None
    kind = classify(phrase)
    if closing_comma and not (cut >= 0 and window[cut] == ",") and not tag_closed:
        return None  # "…, X said" is handled by the caller as content before the cue
    if kind == "name" and closing_comma and len(toks) >= 2 and not _ORGISH.intersection(lows) \
            and phrase[:1].isupper():
        return Mention(s, end, phrase, kind)  # "A spokesperson for X, Kevin Lee, said"
    if cut >= 0 and window[cut] == "," and toks and (kind in (None, "role") and _APPOS_HEAD_RE.match(phrase)
                                                     or kind is None and lows[0] in _APPOS_WORDS
                                                     or closing_comma) \
            and not (not closing_comma and fronted(text, lo, base + cut)):
        # apposition: "Jane Doe, a spokeswoman for the ministry who ..., said" -> Jane Doe
        name = _name_before_comma(text, base + cut, lo)
        if name is not None:
            return name
        if closing_comma and toks[0].islower() and lows[0].endswith(("ed", "ing")) and len(lows) > 1 \
                and lows[1] in _PREPOSITIONS:
            # "The lawsuit, filed by the tenants in May, alleges": a participle's phrase describes
            # the subject before it
            prev = _phrase_before_comma(text, base + cut, lo)
            if prev is not None:
                s2, _e2 = _clean_bounds(text, *past_opener(text, lo, prev.end))
                if s2 >= prev.start:
                    return prev  # (the sentence's opening phrase)
        if lows[0] in ("who", "whose", "which") and closing_comma:
            # "Two officials, who spoke on condition of anonymity, said": the phrase before
            prev = _phrase_before_comma(text, base + cut, lo)
            if prev is not None:
                return prev
        if lows[0] in ("a", "an") and closing_comma and not fronted(text, lo, base + cut):
            # "The governor of Ohio, a Republican who …, said": the role the apposition describes
            prev = _phrase_before_comma(text, base + cut, lo)
            if prev is not None and prev.kind == "role":
                return prev
    if kind is None and toks:
        # a long phrase: accept its trailing capitalised name ("On Monday, Pentagon chief X said")
        m2 = _CAP_NAME_TAIL_RE.search(phrase)
        before_tail = phrase[:m2.start(1)].split()[-1:] if m2 else []
        if before_tail and (_low(before_tail[0]) in _SUBORDINATORS or before_tail[0] in _PREPOSITIONS):
            return None  # "what Trump says"; "Trump, in Kentucky, said": a preposition's object
        if m2 and _low(m2.group(1).split()[0]) not in CAPITALISED_STOP:
            ps = s + m2.start(1)
            name = m2.group(1)
            first = name.split()[0]
            if _low(first) in COMMON_WORDS and " " in name:
                k = name.index(" ") + 1
                ps, name = ps + k, name[k:]  # "Even China" -> "China"
            return Mention(ps, end, name, "name")
        # "the ..." role at the end of a longer phrase: "in Moscow the ministry"
        return None
    if kind is None:
        return None
    if kind == "name":
        toks0 = _low(toks[0])
        if toks0 in CAPITALISED_STOP and toks0 not in ("the",) and len(toks) == 1:
            return None
    return Mention(s, end, phrase, kind)


#: Words that open a fronted adverbial ("In June, the senator said …", "At a forum in Virginia, one
#: questioner claimed …"): the phrase before its comma is a time or place, not a name in apposition.
_FRONTING = frozenset("in at on during after before since for with from under over following despite amid "
                      "among throughout until earlier later speaking asked".split())
_FIRST_WORD_RE = re.compile(r"[\s\"“”‘’'(]{0,8}([A-Za-z]+)")


def fronted(text: str, lo: int, comma: int) -> bool:
    """Whether the stretch from the sentence's start ``lo`` to ``comma`` is a fronted adverbial."""
    m = _FIRST_WORD_RE.match(text, lo, comma)
    return m is not None and m.group(1).lower() in _FRONTING


_OF_TAIL_RE = re.compile(r"\s{1,16}of(?:\s{1,16}the)?\s{1,16}$")


def _name_before_comma(text: str, comma: int, lo: int, hops: int = 2, strict: bool = False) -> Mention | None:
    """The name that an apposition follows: "Jane Doe(, an aide), …" — up to two appositions back."""
    seg_start = max(lo, comma - 120)
    seg = _before_place_tag(text[seg_start:comma].rstrip())
    if seg.endswith(")"):
        k = seg.rfind("(")
        if k > 0 and len(seg) - k < 40:
            seg = seg[:k].rstrip()  # "Rep. Jim Jordan (R-Ohio), an oversight panel member,"
    m = _CAP_NAME_TAIL_RE.search(seg, max(0, len(seg) - 60))
    if m is not None and m.group(1).split(None, 1)[0].lower() in _FRONTING:
        m = None  # "In Ohio, a Republican …, said": a fronted place, not a name in apposition
    s = seg_start + m.start(1) if m else -1
    ok = m is not None
    if ok:
        # must start a clause: sentence start, comma or quote before it
        before = text[max(0, s - 3):s]
        of = _OF_TAIL_RE.search(text, max(seg_start, s - 8), s)
        person = _name_before_comma(text, of.start(), lo, 0, True) if of and not strict else None
        if person is not None:
            return person  # "Gov. John Kasich of Ohio, a Republican …": the name before its place or body
        if s > 0 and not (before.strip() == "" or before.rstrip(" \t\u00a0")[-1:] in ".,;:\"”—(\n'"):
            ok = not strict and len(tokens(m.group(1))) >= 2 \
                and before.rstrip()[-3:].strip() not in ("of", "for", "at", "in")
        ok = ok and classify(m.group(1)) == "name"
    if not ok:
        prev = text.rfind(",", seg_start, seg_start + len(seg))  # before a place tag's comma too
        if hops > 0 and prev > seg_start:
            return _name_before_comma(text, prev, lo, hops - 1)  # "X, the attorney general of Y, one of …"
        return None
    return Mention(s, s + len(m.group(1)), m.group(1), "name")


def _phrase_before_comma(text: str, comma: int, lo: int) -> Mention | None:
    seg_start = max(lo, comma - 60)
    seg = _before_place_tag(text[seg_start:comma])
    comma = seg_start + len(seg)
    k = max(seg.rfind(","), seg.rfind(";"), seg.rfind(". "), seg.rfind("\n"))
    s = seg_start + k + 1
    while s < comma and text[s].isspace():
        s += 1
    s = past_opener(text, s, comma)[0]
    phrase = text[s:comma]
    kind = classify(phrase) if phrase else None
    if kind in ("role", "group", "name"):
        return Mention(s, comma, phrase, kind)
    return None


_AFTER_STOP_RE = re.compile(
    r"(?=[,;:.!?\"“”(\s])(?:,|;|:|(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSen)(?<!\bRep)(?<!\bGov)(?<!\bGen)(?<!\bLt)"
    r"(?<!\bCol)(?<!\bSgt)(?<!\bCapt)(?<!\bProf)(?<!\bRev)(?<!\bSt)(?<!\bJr)(?<!\b[A-Z])(?<!\bCpl)(?<!\bCst)"
    r"(?<!\bConst)(?<!\bInsp)(?<!\bCoun)(?<!\bMaj)(?<!\bDet)(?<!\bSupt)(?<!\bHon)\.(?=\s|$)|!|\?|\"|“|”|\(|\s(?:who|which|that|in|on|at|during|after|before|when|while|"
    r"as|to|for|about|adding|saying|noting|of|with|from|told|said|last|this|earlier|late|"
    r"according|because|but|and then|yesterday|today|tonight|Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday)\b)"
)


#: Cues whose object is the person spoken to: "told reporters", "assured the board".
_HEARER_CUES = frozenset("told tell tells telling informed informs assured assures reminded reminds".split())


def subject_after(text: str, cue_end: int, hi: int) -> Mention | None:
    """The speaker phrase right after an inverted cue: ``said the Kremlin statement``."""
    k = cue_end
    while k > 0 and text[k - 1].isalpha():
        k -= 1
    if text[k:cue_end].lower() in _HEARER_CUES:
        return None  # '"…," Ramos told AFP': the phrase after "told" is the hearer, never the speaker
    seg = text[cue_end:min(hi, cue_end + 160)]
    lead = len(seg) - len(seg.lstrip())
    m = _AFTER_STOP_RE.search(seg, lead)
    stop = m.start() if m else len(seg)
    if m:
        prep = seg[m.start():m.end()].strip()
        head = seg[:m.start()].rstrip().rsplit(" ", 1)[-1].lower()
        if (prep in ("from", "of", "for", "by", "at") and head in _LINKED_HEADS) or \
                (prep == "of" and head in PARTITIVES):
            m2 = _AFTER_STOP_RE.search(seg, m.end())
            stop = m2.start() if m2 else len(seg)  # "a statement from the department", "dozens of residents"
    s, e = _clean_bounds(text, cue_end + lead, cue_end + stop)
    if s >= e:
        return None
    phrase = text[s:e]
    first = phrase.split(None, 1)[0].lower()
    if first in _NOT_SUBJECT_START:
        return None  # "said on Twitter", "said in a statement": no speaker after the cue
    while first in _WHEN_WORDS:
        # "…, the adviser, said Sunday": a day is when, never who; "said Monday Jo Ray" is rare
        rest = phrase.split(None, 1)[1:]
        if not rest:
            return None
        s = e - len(rest[0])
        phrase, first = rest[0], rest[0].split(None, 1)[0].lower()
        if first in _NOT_SUBJECT_START:
            return None  # "said Tuesday in Kentucky": where, not who
    kind = classify(phrase)
    if kind is None:
        return None
    return Mention(s, e, phrase, kind)

