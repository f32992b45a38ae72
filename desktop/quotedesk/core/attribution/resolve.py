"""Stage 4: in-article resolution of speaker mentions to canonical names.

``EntityIndex`` makes one pass over the capitalised runs of an article, groups the mentions of
each person or organisation ("Russian President Vladimir Putin", "Mr. Putin", "Putin") under
the fullest name, and remembers titles, gender and joint mentions ("Putin and Trump"). Lookups
by position use bisect, so resolving a mention costs O(log n) plus a short backward walk.
Names are resolved here; pronouns by ``pronouns.PronounResolver`` (a "he"/"she" by the antecedent
model among the persons named before it) and roles, groups, bodies and documents by
``roles.RoleResolver``, both mixed in, from the article's evidence only.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache

from .lexicon import (BODY_COUNTRIES, NATIONAL_BODY_WORDS, CAPITALISED_STOP, FIRST_NAMES, given_name_gender,
                      HONORIFIC_GENDER, NAME_JOINERS, NATIONALITIES, ORG_WORDS, PARTY_WORDS, PERSON_ROLES,
                      PLACE_HEADS, PLACES, TITLES)
from .cues import trie_pattern
from .entity import Entity, Resolution, low as _low
from .mentions import COMMON_WORDS, DATELINE_RE, Mention, classify, name_words, post_modifier, quantity, tokens
from .pronouns import PronounResolver
from .roles import BODY_HEADS, DOC_HEADS, OUTLET_WORDS, TYPED_BODIES, RoleResolver
from .words import LOWER_WORD_RE as _LOWER_WORD_RE

_STOP_FIRST = frozenset(t for t in CAPITALISED_STOP if t not in HONORIFIC_GENDER and t not in ("mr", "mrs", "ms", "dr"))
#: One capitalised token: initials ("U.S.", "J."), a short abbreviation ("Mr.", "Sen."), or a word
#: (a word's final full stop ends the sentence, so it is not part of the token).
#: (The abbreviations as a prefix tree: the regex engine tries one branch per letter, not 37.)
_TOK = (r"(?:(?:[A-Z]\.){1,3}(?=[ \u00a0][A-Z]|[^\w])|(?:Inc|Corp|Ltd|Co)\.|"
        + trie_pattern("Mr Mrs Ms Dr Jr Sr St Sen Rep Gov Gen Lt Col Sgt Capt Supt Prof Rev Mt Ft Cmdr Adm Atty "
                       "Insp Det Const Hon Cpl Cst Coun Maj Pte Fr Msgr Mme Spt".split())
        + r"\.(?=[ \u00a0][A-Z])|[A-Z][\w’'\-]*)")
_RUN_RE = re.compile(
    # the (?=[A-Z]) prefix lets the regex engine skip to capitals (2-3x faster than without)
    r"(?=[A-Z])(?<![\w’'])(?!(?:" + trie_pattern([w.capitalize() for w in _STOP_FIRST] + [w.upper() for w in _STOP_FIRST])
    + r")\b(?![’'.\-]\w))" + _TOK + r"(?:[ \u00a0](?:" + _TOK
    + r"|(?:de|van|von|der|den|da|di|bin|al|la|le|du|del|dos|ten|ter)"
    r"(?=[ \u00a0](?:[A-Z]|(?:der|den|la|le|los|las)[ \u00a0][A-Z]))))*"
)
_ABBREV = {"mr.", "mrs.", "ms.", "dr.", "jr.", "sr.", "st.", "sen.", "rep.", "gov.", "gen.", "lt.",
           "col.", "sgt.", "capt.", "supt.", "prof.", "rev.", "mt.", "ft.", "inc.", "corp.", "co.",
           "cpl.", "cst.", "const.", "insp.", "coun.", "maj.", "pte.", "det.", "hon.", "fr.", "msgr.", "mme."}
_PERSON_TITLES = TITLES - {"the", "u.s.", "us", "uk", "u.k.", "un", "u.n.", "eu", "e.u.", "nato",
                           "democratic", "republican", "gop", "independent", "liberal",
                           "conservative", "green", "socialist", "state", "foreign", "former"}


_ROLE_ALIASES = {"pm": "the prime minister", "the pm": "the prime minister", "premier": "the premier",
                 "president": "the president", "mayor": "the mayor", "chancellor": "the chancellor",
                 "governor": "the governor", "minister": "the minister"}
_IAN_NAMES = frozenset("julian vivian adrian ian damian lillian sebastian fabian dorian florian christian brian "
                       "kristian marian gillian jillian lilian cyprian maximilian aurelian valentian".split())
_PARTICLES = frozenset("de van von der den da di bin al la le du del dos ten ter".split())
#: Generational suffixes: part of a name, never a name alone ("Martin Luther King Jr.").
_SUFFIXES = frozenset("jr jr. sr sr. ii iii iv".split())
_CREDIT_RE = re.compile(r"\((?:(?:Photo|Image|File)(?: by)?:?\s{0,16})?[A-Z][\w.’'\- ]{1,40}/[^()\n]{1,40}\)")
_CORP_SUFFIXES = frozenset("inc corp co ltd llc plc limited incorporated ag sa gmbh".split())
_TITLE_LINE_MAX = 1000  # characters: a headline, heading or line of link titles is shorter
_FIRST_WORD_END_RE = re.compile(r"\s*\S+")
_TWELVE_WORDS_RE = re.compile(r"(?:\s*\S+){0,12}")
_CAP_WORD_RE = re.compile(r"(?<![\w’'\-])[A-Z][\w’'\-]*")
_ORG_PREPS = frozenset(("of", "for", "on"))  # "Bank of America", "Center for Justice", "Commission on …"
#: between the two runs of such a name ("Ministry of Health", "Office of the Auditor General")
_ORG_PREP_GAPS = frozenset([f" {p} " for p in _ORG_PREPS] + [f" {p} the " for p in _ORG_PREPS])
_ORG_LAST = frozenset("district region county municipality township regional".split())
#: "Mike Pence, the Indiana governor,", "Jane Roe, Pagliano's lawyer,": a role after a name
#: (group 1 a possessor, group 2 the modifiers, group 3 the head, checked against PERSON_ROLES).
_APPOS_AFTER_RE = re.compile(
    r",[ \u00a0](?:(?:the|a|an|former)[ \u00a0]|([A-Z][\w\-]*)['’]s[ \u00a0])((?:[\w\-]+[ \u00a0]){0,3}?)"
    r"([a-z][a-z\-]+)(?=[,.;)]|[ \u00a0](?:who|of|for|at|in)\b)")


#: Abbreviated titles, so "Gov. Mike Pence" is "the governor".
_TITLE_EXPANSIONS = {"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
                     "lt": "lieutenant", "col": "colonel", "sgt": "sergeant", "capt": "captain",
                     "supt": "superintendent", "prof": "professor", "rev": "reverend", "atty": "attorney",
                     "adm": "admiral", "cmdr": "commander", "det": "detective", "insp": "inspector",
                     "cpl": "corporal", "cst": "constable", "const": "constable", "maj": "major",
                     "coun": "councillor",
                     "pres": "president", "sec": "secretary", "dr": "doctor"}


#: Title words that do not make "X of <word> …" an office: "Friends of Mr. Clinton's", "… of the Sierra Club".
_NOT_OFFICE = frozenset(HONORIFIC_GENDER) | {"the", "dr", "u.s.", "us", "uk", "u.k.", "un", "u.n.", "eu", "e.u.", "nato"}


def _national_body(lows: list[str]) -> bool:
    """ "Health Canada", "Statistics Canada", "Air Canada": a country's national body or company."""
    return len(lows) >= 2 and lows[-1] in BODY_COUNTRIES and all(w in NATIONAL_BODY_WORDS for w in lows[:-1])


#: "both"/"either"/"neither" before a joint speaker, "both"/"all" after it.
_JOINT_EDGES_RE = re.compile(r"^(?:both|either|neither)\s{1,16}|\s{1,16}(?:both|all)$", re.IGNORECASE)


def _plural_office(low: str) -> bool:
    """ "senators", "professors": the title of the two persons named after it (not "Democrats")."""
    return low[-1:] == "s" and low[:-1] in TITLES and low[:-1] in PERSON_ROLES


def split_titles(lows: list[str], j: int = 0) -> int:
    """Index where the name starts in a capitalised run: after its last title word.

    "Toronto Mayor John Tory" -> 2, "NDP Leader Andrea Horwath" -> 2, "General Motors" -> 0.
    """
    n = len(lows)
    if lows[-1] in ORG_WORDS:
        # an organisation's name: the words before its head are part of it, even those that also
        # title people ("State Department", "Republican National Committee", "Health Ministry")
        while j < n - 1 and lows[j] == "the":
            j += 1
        return j
    while j < n - 1 and (lows[j] in TITLES or lows[j] in NATIONALITIES or lows[j] in PERSON_ROLES
                         or _plural_office(lows[j])):  # "Senators Jo Ray and …"
        j += 1
    if j == 0 and n >= 3 and lows[0].endswith(("ologist", "ographer", "ician", "ist", "ian")) \
            and lows[0] not in FIRST_NAMES and lows[0] not in _IAN_NAMES and ORG_WORDS.isdisjoint(lows):
        j = 1  # "Hydrologist Noor Haddad": an occupation opening the sentence
    # the last title word with one to three name words after it, none an organisation or title
    # word (a role word, "Adviser", "Editor", with two or more: "Clinton Senior Adviser Sidney
    # Blumenthal"): scanned from the end, the words after ``t`` counted as ``t`` moves left (linear)
    n_name = 0
    for t in range(n - 2, j - 1, -1):
        x = lows[t + 1]
        if x in ORG_WORDS or x in TITLES:
            break
        if x not in _PARTICLES and x not in _SUFFIXES:
            n_name += 1
            if n_name > 3:
                break
        if lows[t] in TITLES and lows[t] not in ("the", "first", "state", "senior") and n_name >= 1 \
                or lows[t] in PERSON_ROLES and n_name >= 2:
            return t + 1
    return j


def _modifiers_before(text: str, end: int) -> list[str]:
    """Up to two words before a role: "Republican presidential (nominee)" -> republican, presidential."""
    out = []
    for _ in range(2):
        if end <= 0:
            break
        k = text.rfind(" ", max(0, end - 25), end)
        word = text[k + 1:end].strip(",")
        low = word.lower().rstrip(".")
        if not word or low in CAPITALISED_STOP or not word.replace("-", "").isalpha():
            break
        if word[:1].isupper() or low.endswith(("al", "an", "ic", "ive")) or low in TITLES:
            out.append(low)
            end = k
        else:
            break
    return out


def _sentence_initial(text: str, pos: int) -> bool:
    """Whether ``pos`` opens a sentence, a paragraph or a quotation."""
    k = pos - 1
    while k >= 0 and text[k] in " \u00a0\"“‘'(":
        k -= 1
    return k < 0 or text[k] in ".!?\n:—–-"


def _possessor_before(text: str, end: int) -> list[str]:
    """The possessor of a role word ending at ``end``: "Clinton's (longtime) lawyer" -> ["poss:clinton"]."""
    for _ in range(3):
        if end <= 0:
            break
        k = text.rfind(" ", max(0, end - 25), end)
        word = text[k + 1:end].strip(",")
        if word.endswith(("'s", "’s")) and word[:1].isupper() and len(word) > 3:
            return ["poss:" + word[:-2].lower()]
        if not word.isalpha() or not word.islower():
            break
        end = k
    return []


#: One office, several words: "Rep. Tom Bell" is the representative, the congressman (or
#: congresswoman) a later sentence names.
_SAME_OFFICE = frozenset(("representative", "congressman", "congresswoman"))


def _expand_titles(titles):
    out = set(titles)
    for t in titles:
        full = _TITLE_EXPANSIONS.get(t)
        if full:
            out.add(full)
    if not _SAME_OFFICE.isdisjoint(out):
        out |= _SAME_OFFICE
    return out


def _is_word_char(text: str, k: int) -> bool:
    return 0 <= k < len(text) and (text[k].isalnum() or text[k] == "_")


#: A possessive word inside a capitalised run, and the word after it.
_POSSESSIVE_IN_RUN_RE = re.compile(r"[’']s?(?=[ \u00a0]+([A-Z][\w’'\-]*))")


def _runs(text: str):
    """The capitalised runs of ``text`` (``_RUN_RE``), each cut after a possessive that a person's
    given name or title follows: "CNN's Tara Setmayer", "Reuters’ Luciana Lopez" are the outlet and
    the person, not one organisation "CNN Tara Setmayer" (a body's own possessive stays:
    "Moody's Investors Service")."""
    for m in _RUN_RE.finditer(text):
        while m is not None:
            cut = _person_after_possessive(text, m.start(), m.end())
            if cut is None:
                yield m
                break
            first = _RUN_RE.match(text, m.start(), cut.end())
            if first is not None:
                yield first
            m = _RUN_RE.search(text, cut.start(1), m.end())


def _person_after_possessive(text: str, a: int, b: int):
    """The first possessive in the capitalised run ``text[a:b]`` that a person's name follows (its
    match; group 1 is the name's first word), or None: a given name or a title, or two or three
    words none of which is an ordinary word or names a body ("Moody's Investors Service" and
    "Delaware's Democratic Primary" go on)."""
    for p in _POSSESSIVE_IN_RUN_RE.finditer(text, a, b):
        first = _low(p.group(1))
        rest = [_low(_clean_token(w)) for w in text[p.start(1):b].split()]
        if first in FIRST_NAMES or first in _PERSON_TITLES or (
                2 <= len(rest) <= 3 and ORG_WORDS.isdisjoint(rest) and COMMON_WORDS.isdisjoint(rest)):
            return p
    return None


@lru_cache(maxsize=16384)
def _clean_token(t: str) -> str:
    if t.endswith((("’s", "'s"))):
        t = t[:-2]
    if t.endswith(".") and t.lower() not in _ABBREV and not re.fullmatch(r"(?:[A-Z]\.)+", t):
        t = t[:-1]
    return t.strip("’'-")


def _titled_person_tail(lows: list[str], surnames) -> bool:
    """Whether the words end with titles and a person's name ("… Minister Ana Ruiz", not "… Chief
    Medical Examiner"): a given name or a surname of the article's persons after the titles."""
    j = split_titles(lows)
    tail = lows[j:]
    return 0 < j < len(lows) and NAME_JOINERS.isdisjoint(tail) and (
        tail[0] in FIRST_NAMES or tail[-1] in surnames)


class EntityIndex(PronounResolver, RoleResolver):
    """People and organisations of one article, with every position they are mentioned at."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.entities: list[Entity] = []
        self._by_key: dict[tuple, int] = {}
        self._by_last: dict[str, list[int]] = {}
        self._by_first: dict[str, list[int]] = {}
        self._outlet_by_last: dict[str, int] = {}  # "times" -> "New York Times" (-1: two outlets)
        self._mention_pos: list[int] = []
        self._mention_ent: list[int] = []
        self._mention_end: list[int] = []
        self._joint_pos: list[int] = []
        self._joint: list[tuple[int, ...]] = []
        self._issuers: list[tuple[int, tuple[str, ...]]] = []
        self._doc_mentions: dict[int, list] = {}  # document kind -> its mentions (roles.py)
        self._speaker_pos: list[int] = []
        self._speaker_names: list[tuple[str, ...]] = []
        self._speaker_kinds: list[str] = []
        self._person_by_name: dict[str, Entity] = {}
        self._mention_quoted: list[bool] = []
        self._mention_counts: Counter | None = None  # mentions per entity (roles.py), made on first use
        self._sentences = None  # Sentences, for the focus of a sentence (mark_sentences)
        # photo credits "(Marc Ouellet/MBN)": never a speaker
        self._credits = [m.span() for m in _CREDIT_RE.finditer(text)] if "/" in text else []
        self._credit_starts = [c[0] for c in self._credits]
        self._title_lines: dict[int, bool] = {}
        self._cap_counts: Counter | None = None
        self._build()

    def _in_credit(self, pos: int) -> bool:
        k = bisect_left(self._credit_starts, pos + 1) - 1
        return k >= 0 and self._credits[k][0] <= pos < self._credits[k][1]

    def _title_words(self, pos: int, toks: list[str], lows: list[str]) -> bool:
        """Whether a capitalised run is words of a title-case line, not a name.

        On a headline or heading set in title case ("Stealth Over Health: Hillary Clinton Was Headed
        to ER") capitals say nothing: a run there is a name only when it holds no common word
        ("Was", "Headed") and it opens with a given name or a title, or its last word is used again
        in the text. A line is title case when it is at most ``_TITLE_LINE_MAX`` characters long and,
        among the (up to twelve) words after its first, at least four, three in four of them
        capitalised, and a common word among the capitalised ones.
        """
        text = self.text
        lo = max(0, pos - _TITLE_LINE_MAX)
        a = text.rfind("\n", lo, pos) + 1
        if a == 0 and lo > 0:
            return False  # a line longer than any heading (and no scan back to the text's start)
        line = self._title_lines.get(a)
        if line is None:
            b = text.find("\n", pos, a + _TITLE_LINE_MAX + 1)
            if b < 0:
                b = len(text) if len(text) <= a + _TITLE_LINE_MAX else -1
            line = False
            if b >= 0:
                first = _FIRST_WORD_END_RE.match(text, a, b)
                k = first.end() if first else a
                e = _TWELVE_WORDS_RE.match(text, k, b).end()  # judged by its first twelve words
                caps = _CAP_WORD_RE.findall(text, k, e)
                n_lower = len(_LOWER_WORD_RE.findall(text, k, e))
                line = len(caps) + n_lower >= 4 and 4 * len(caps) >= 3 * (len(caps) + n_lower) \
                    and any(w.lower() in COMMON_WORDS for w in caps)
            self._title_lines[a] = line
        if not line:
            return False
        if not COMMON_WORDS.isdisjoint(lows):
            return True
        if lows[0] in FIRST_NAMES or not TITLES.isdisjoint(lows):
            return False
        if self._cap_counts is None:
            self._cap_counts = Counter(_CAP_WORD_RE.findall(text))
        return self._cap_counts[toks[-1]] <= 1

    # -- building -------------------------------------------------------------------------
    def _build(self) -> None:
        text = self.text
        runs = []
        stop = _STOP_FIRST
        dateline_end = -1
        for m in _runs(text):
            if m.start() < dateline_end:
                continue
            if text[m.start() - 1:m.start()] in ("", "\n"):
                d = DATELINE_RE.match(text, m.start())
                if d is not None:
                    dateline_end = d.end()  # "SAINT JOHN, N.B. —": a place, never a person
                    continue
            g = m.group()
            if " " not in g and "\u00a0" not in g:
                if g[-1] in "s.’'-":
                    tok = _clean_token(g)
                    if not tok:
                        continue
                    low = _low(tok)
                else:
                    tok = g
                    low = g.lower()
                if low in stop:
                    continue  # a capitalised sentence opener
                ms = m.start()
                prev = runs[-1] if runs else None
                role = ""
                if ms > 2 and text[ms - 2].islower():
                    k = text.rfind(" ", max(0, ms - 30), ms - 1)
                    role = text[k + 1:ms - 1].lower()
                    if role not in PERSON_ROLES:
                        role = ""
                if low not in ORG_WORDS and not role and not (
                        prev is not None and prev[2] is not None and 4 <= ms - prev[1] <= 5):
                    runs.append((ms, m.end(), None, tok, low))  # a plain single word: kept light
                    continue
                toks = [tok]
                lows = [low]
            else:
                toks = [t for t in (_clean_token(t) for t in g.split()) if t]
                lows = [_low(t) for t in toks]
                if _national_body(lows):
                    # "Health Canada said", "Environment Canada meteorologist …": a national body
                    runs.append((m.start(), m.end(), ["body:agency"], toks, lows))
                    continue
                i = 0
                while i < len(toks) and lows[i] in stop:
                    i += 1
                if i < len(toks) and lows[i] in COMMON_WORDS and (i or _sentence_initial(text, m.start())):
                    i += 1  # "Even China", "Instead Clinton": the opener is not part of the name
                if i:
                    toks, lows = toks[i:], lows[i:]
                if not toks or len(toks) >= 2 and self._title_words(m.start(), toks, lows):
                    continue
            if len(toks) > 1 and lows[-1] in _CORP_SUFFIXES:
                # "Enbridge Inc." is the organisation "Enbridge"
                toks, lows = toks[:-1], lows[:-1]
                if ORG_WORDS.isdisjoint(lows):
                    ms = m.start()
                    runs.append((ms, m.end(), ["company"], toks, lows + ["inc"]))  # "Inc.": a company
                    continue
            # "Police Chief Omar Haddad", "Toronto Mayor John Tory": titles before the name
            j = split_titles(lows) if len(toks) > 1 else 0
            titles = lows[:j]
            core = toks[j:]
            ms = m.start()
            if runs and runs[-1][2] is not None and 4 <= ms - runs[-1][1] <= 9 and \
                    text[runs[-1][1]:ms] in _ORG_PREP_GAPS and \
                    not ORG_WORDS.isdisjoint(runs[-1][4]) and (not titles or text[ms - 4:ms] == "the "):
                # "Ministry of Health", "Brennan Center for Justice", "Office of the Auditor
                # General": one organisation (titles after "of the" name the office, no person)
                ps, pe, ptitles, pcore, plows = runs[-1]
                prep = text[pe + 1:ms - 1]
                runs[-1] = (ps, m.end(), ptitles, pcore + [prep] + toks, plows + [prep] + lows)
                continue
            if j >= 2 and len(core) >= 2 and not ORG_WORDS.isdisjoint(lows[:j]):
                # "Hamilton Police Service Det. Const. Mark Liu": the body is named too
                last_org = max(i for i in range(j) if lows[i] in ORG_WORDS)
                if last_org >= 1:
                    runs.append((ms, ms, [], toks[:last_org + 1], lows[:last_org + 1]))
            # the word before the run: a lower-case role ("spokeswoman Jane Doe") counts as title
            if ms > 2 and text[ms - 2].islower():
                k = text.rfind(" ", max(0, ms - 30), ms - 1)
                word = text[k + 1:ms - 1].lower()
                if word in PERSON_ROLES:
                    titles = titles + [word] + _modifiers_before(text, k) + _possessor_before(text, k)
            elif ms > 3 and text[ms - 2] == "," and text[ms - 3].islower() and len(core) >= 2:
                # "Vallmont's agriculture minister, Claire Dumont, said": the role before the comma
                k = text.rfind(" ", max(0, ms - 32), ms - 2)
                word = text[k + 1:ms - 2].lower()
                if word in PERSON_ROLES and word not in ("man", "woman", "source", "member"):
                    k2 = text.rfind(" ", max(0, k - 20), k)
                    mod = text[k2 + 1:k].lower()
                    titles = titles + [word] + ([mod] if mod.isalpha() and len(mod) > 3 else []) \
                        + _possessor_before(text, k)
            if m.end() < len(text) and text[m.end()] == ",":
                am = _APPOS_AFTER_RE.match(text, m.end())
                if am is not None and am.group(3) in BODY_HEADS and am.group(3) not in PERSON_ROLES:
                    # "Harbor Lines, the shipping company,": a body, whatever its own words
                    titles = titles + ["body:" + am.group(3)]
                elif am is not None and am.group(3) in PERSON_ROLES:
                    # "Mike Pence, the Indiana governor,": the role the article gives this person
                    titles = titles + [am.group(3)] + [w.lower() for w in am.group(2).split()] \
                        + (["poss:" + am.group(1).lower()] if am.group(1) else [])
            runs.append((ms, m.end(), titles, core, lows[j:]))
        # pass 1: multi-token names and organisations
        org_words = ORG_WORDS
        for run in runs:
            start, end, titles, core, lows = run
            if titles is None:
                continue
            if not org_words.isdisjoint(lows) or len(lows) >= 2 and lows[-1] in _ORG_LAST \
                    or titles and titles[-1].startswith("body:"):
                key = " ".join(t for t in lows if t != "inc") if lows[-1] == "inc" else " ".join(lows)
                self._entity(("org", key), " ".join(core), "organisation",
                             [t[5:] if t.startswith("body:") else t for t in titles])
                continue
            if len(core) >= 2:
                if " ".join(lows) in PLACES or all(t in TITLES for t in lows) or self._in_credit(start) \
                        or lows[-1] in PLACE_HEADS and lows[0] not in FIRST_NAMES and not titles:
                    continue  # a place ("Kettle Creek"), but "Lena Park" is a person
                if not titles and lows[0] not in FIRST_NAMES and all(t in COMMON_WORDS for t in lows):
                    continue  # words of a heading ("The Gap Goes On:"), not a name; "Will Price" is one
                if lows[-1] in PARTY_WORDS and lows[0] not in FIRST_NAMES:
                    continue  # "the Wisconsin Republican": a person described, not a name
                if lows[-1].endswith("s") and lows[0] not in FIRST_NAMES and not titles \
                        and text[max(0, start - 4):start] in ("the ", "The "):
                    # "the Ice Dogs", "the Medicine Falls Stampeders": a team, not a person
                    self._entity(("org", " ".join(lows)), " ".join(core), "organisation", titles)
                    continue
                ent = self._entity((lows[0], lows[-1]), " ".join(core), "person", titles)
                if lows[0] in FIRST_NAMES or (titles and any(t in _PERSON_TITLES or t in HONORIFIC_GENDER for t in titles)):
                    ent.strong = True
                if not ent.gender:
                    ent.gender = given_name_gender(lows[0]) or self._title_gender(titles)
            elif titles and any(t in HONORIFIC_GENDER or t in _PERSON_TITLES for t in titles):
                if not self._by_last.get(lows[0]):
                    ent = self._entity(("single", lows[0]), core[0], "person", titles)
                    ent.strong = True
        # pass 2: every mention, in order
        by_key = self._by_key
        by_last = self._by_last
        for start, end, titles, core, lows in runs:
            if titles is None:
                if lows in by_last:
                    self._mention_pos.append(start)
                    self._mention_end.append(end)
                    self._mention_ent.append(self._by_surname(lows, start))
                continue
            if not org_words.isdisjoint(lows) or len(lows) >= 2 and lows[-1] in _ORG_LAST \
                    or ("org", " ".join(lows)) in by_key:
                key = " ".join(t for t in lows if t != "inc") if lows[-1] == "inc" else " ".join(lows)
                eid = by_key.get(("org", key))
            elif len(core) >= 2:
                eid = by_key.get((lows[0], lows[-1]))
            elif lows[0] in by_last:
                eid = self._by_surname(lows[0], start)
            else:
                continue
            if eid is None:
                continue
            if titles:
                ent = self.entities[eid]
                ent.titles.update(_expand_titles(titles))
                g = self._title_gender(titles)
                if g and not ent.gender:
                    ent.gender = g
                if g or any(t in _PERSON_TITLES for t in titles):
                    ent.strong = ent.strong or ent.kind == "person"
            self._mention_pos.append(start)
            self._mention_end.append(end)
            self._mention_ent.append(eid)
        # joint mentions "Putin and Trump", "Putin and the then US president-elect": the word
        # "and" between two persons' consecutive mentions, less than 40 characters from each
        pos, ids, ents = self._mention_pos, self._mention_ent, self.entities
        for k in range(1, len(pos)):
            a, b = ids[k - 1], ids[k]
            lo, hi = max(pos[k - 1] + 1, pos[k] - 42), min(pos[k - 1] + 39, pos[k])
            if lo > hi or a == b or not ents[a].kind == ents[b].kind == "person":
                continue
            p = text.find("and", lo, hi + 3)
            while p >= 0:
                if not _is_word_char(text, p - 1) and not _is_word_char(text, p + 3):
                    self._joint_pos.append(p)
                    self._joint.append((a, b))
                p = text.find("and", p + 3, hi + 3)

    @staticmethod
    def _title_gender(titles) -> str:
        for t in titles:
            g = HONORIFIC_GENDER.get(t)
            if g:
                return g
        return ""

    def _entity(self, key: tuple, name: str, kind: str, titles) -> Entity:
        eid = self._by_key.get(key)
        if eid is not None:
            ent = self.entities[eid]
            if len(name) > len(ent.name) and kind == "person" and len(name.split()) <= 4:
                ent.name = name
                self._person_by_name[name] = ent
            ent.titles.update(_expand_titles(titles))
            return ent
        eid = len(self.entities)
        toks = name.split()
        ent = Entity(eid, name, kind, _low(toks[0]), _low(toks[-1]), _expand_titles(titles), n_tokens=len(toks))
        self.entities.append(ent)
        self._by_key[key] = eid
        if kind == "person":
            self._person_by_name.setdefault(name, ent)
            self._by_last.setdefault(_low(toks[-1]), []).append(eid)
            if len(toks) >= 2:
                self._by_first.setdefault(_low(toks[0]), []).append(eid)
        elif kind == "organisation" and len(toks) >= 2 and _low(toks[-1]) in OUTLET_WORDS:
            # "the Times" after "The New York Times": the one outlet the word ends (-1: two do)
            last = _low(toks[-1])
            self._outlet_by_last[last] = eid if self._outlet_by_last.get(last, eid) == eid else -1
        return ent

    def _by_surname(self, last: str, pos: int) -> int | None:
        ids = self._by_last.get(last)
        if not ids:
            return None
        if len(ids) == 1:
            return ids[0]
        # the one mentioned most recently before pos
        k = bisect_left(self._mention_pos, pos)
        for i in range(k - 1, max(-1, k - 400), -1):
            if self._mention_ent[i] in ids:
                return self._mention_ent[i]
        return ids[0]

    # -- recording as the pipeline goes ------------------------------------------------------
    def note_speaker(self, names: tuple[str, ...], pos: int, issuer: bool = False,
                     kind: str = "unknown") -> None:
        if not names:
            return
        self._speaker_pos.append(pos)
        self._speaker_names.append(names)
        self._speaker_kinds.append(kind)
        if issuer:
            self._issuers.append((pos, names))

    def last_speaker(self, pos: int, max_back: int = 100000) -> tuple[str, ...] | None:
        k = bisect_left(self._speaker_pos, pos)
        if k and pos - self._speaker_pos[k - 1] <= max_back:
            return self._speaker_names[k - 1]
        return None

    # -- resolution ------------------------------------------------------------------------
    def resolve(self, mention: Mention) -> Resolution:
        kind = mention.kind
        surface = mention.surface
        pos = mention.start
        if kind == "pronoun":
            return self._pronoun(surface, pos)
        if quantity(surface):
            return Resolution((surface.strip(),), "group", 0.5)  # "nine in 10", "several": the phrase speaks
        toks = tokens(surface)
        k = post_modifier([_low(t) for t in toks])
        if k:
            # "a source close to the campaign", "people familiar with the talks": the phrase before
            head = " ".join(toks[:k])
            res = self.resolve(Mention(pos, pos + len(head), head, classify(head) or "name"))
            return res if res.names else Resolution((head,), "group", 0.4)  # "three people briefed on …"
        if kind == "joint":
            # "both Ray and Ruiz", "Ray and Ruiz both": the word that says they are two is neither
            bare = _JOINT_EDGES_RE.sub("", surface.strip())
            parts = [p for p in re.split(r",\s{0,16}(?:and\s{1,16})?|\s{1,16}and\s{1,16}|\s{0,16}&\s{0,16}", bare) if p.strip()]
            names: list[str] = []
            for part in parts:
                k = classify(part) or "role"
                sub = self.resolve(Mention(pos, pos, part.strip(), k if k != "joint" else "name"))
                for n in sub.names:
                    if n not in names:
                        names.append(n)
            return Resolution(tuple(names), "group", 0.8, surface)
        if kind == "group":
            return self._group(surface, pos)
        if kind == "name" and not DOC_HEADS.isdisjoint(tokens(surface)):
            # "a complaint filed by the Securities and Exchange Commission": the issuer speaks
            toks = tokens(surface)
            res = self._document_issuer(toks, [_low(t) for t in toks], pos)
            if res is not None:
                return res._replace(resolved_from=surface, confidence=0.7)
        if kind == "name":
            bare = surface.strip().lower().rstrip(".")
            if bare in _ROLE_ALIASES:
                return self._role(_ROLE_ALIASES[bare], pos)  # "PM says" -> the prime minister
            return self._name(surface, pos)
        return self._role(surface, pos)

    def _name(self, surface: str, pos: int) -> Resolution:
        cut = _person_after_possessive(surface, 0, len(surface))
        if cut is not None:  # "CNN's Tara Setmayer": the person, not the outlet
            return self._name(surface[cut.start(1):], pos + cut.start(1))
        toks = [_clean_token(t) for t in tokens(surface)]
        toks = [t for t in toks if t]
        if len(toks) == 1 and _low(toks[0]) in COMMON_WORDS and _low(toks[0]) not in self._by_last \
                and (_low(toks[0]) == "people" or _low(toks[0]).endswith("s")):
            return Resolution((toks[0],), "group", 0.4)  # "People familiar with …", "Others said"
        while toks and (_low(toks[0]) in CAPITALISED_STOP and _low(toks[0]) not in ("mr", "mrs", "ms", "dr")
                        or _low(toks[0]) in COMMON_WORDS and _low(toks[0]) not in self._by_last):
            toks = toks[1:]  # "Following", "Even China": an opener, unless a surname here ("Early said")
        if not toks:
            return Resolution((), "unknown", 0.2)
        all_lows = [_low(t) for t in toks]
        eid = self._by_key.get(("org", " ".join(all_lows))) if len(all_lows) >= 2 else None
        if eid is not None:
            # an organisation the text names, whole ("the Commission on Presidential Debates"), or
            # shortened ("the Brennan Center" after "the Brennan Center for Justice")
            key = " ".join(all_lows) + " "
            longer = [e for e in self.entities if e.kind == "organisation" and e.name.lower().startswith(key)
                      and e.name.split()[len(all_lows)] in _ORG_PREPS]
            return Resolution(((longer[0] if len(longer) == 1 else self.entities[eid]).name,), "organisation", 0.9)
        if len(all_lows) == 1 and self._outlet_by_last.get(all_lows[0], -1) >= 0:
            return Resolution((self.entities[self._outlet_by_last[all_lows[0]]].name,), "organisation", 0.8)
        if _national_body(all_lows):
            # "Statistics Canada said": the body, not a person titled "statistics"
            eid = self._by_key.get(("org", " ".join(all_lows)))
            return Resolution((self.entities[eid].name if eid is not None else " ".join(toks),), "organisation", 0.85)
        k_of = all_lows.index("of") if "of" in all_lows else -1
        after_of = all_lows[k_of + 1] if "of" in all_lows[1:-1] else ""
        office = after_of in TITLES and after_of not in _NOT_OFFICE  # "RNC Chief of Staff Katie Walsh"
        if "of" in all_lows[1:] and toks[0][:1].isupper() and not office:
            k = k_of
            head = toks[:k]
            if head and ORG_WORDS.isdisjoint(all_lows[:k]) and all(t[:1].isupper() for t in head) \
                    and not all(w in TITLES for w in all_lows[:k]):
                if len(head) == 1 and all_lows[0] not in self._by_last \
                        and name_words(toks):
                    # "Friends of the Earth", "Church of Jesus Christ of …": one word is no
                    # person's name; the whole phrase names a body
                    return Resolution((" ".join(toks),), "organisation", 0.8)
                # "Mr. Morgan of the Sierra Club": the person, not the club
                return self._name(" ".join(head), pos)
        # "Office of the Prime Minister", "Department of Fisheries": a body's word heading the name
        org_head = len(all_lows) > 2 and all_lows[0] in ORG_WORDS and all_lows[1] == "of" and name_words(toks) \
            and not _titled_person_tail(all_lows, self._by_last)  # not "Ministry of Health Minister Jo Ray"
        k = len(toks)
        while k > 0 and toks[k - 1][:1].isupper():
            k -= 1
        in_org_name = k >= 2 and all_lows[k - 1] in ("of", "the", "for") and (
            all_lows[k - 2] in ORG_WORDS or all_lows[k - 2] == "of" and k >= 3 and all_lows[k - 3] in ORG_WORDS)
        if 0 < k and len(toks) - k >= 2 and toks[k - 1][:1].islower() and ORG_WORDS.isdisjoint(all_lows[k:]) \
                and not org_head and not in_org_name:  # "Conservation Council of New Brunswick": one name
            # "Clinton campaign manager Robby Mook", "talk radio host Rush Limbaugh"; also the name after
            # an office: "Secretary of State John F. Kerry" (the titles are split off again inside)
            return self._name(" ".join(toks[k:]), pos)
        j_person = split_titles(all_lows)
        person_tail = 0 < j_person < len(toks) and ORG_WORDS.isdisjoint(all_lows[j_person:])
        if org_head or not person_tail and (not ORG_WORDS.isdisjoint(all_lows) or len(all_lows) >= 2
                                            and all_lows[-1] in _ORG_LAST) and all_lows[-1] not in PERSON_ROLES:
            eid = None
            for places in ((), NATIONALITIES):  # "Florida Department" whole, else "Department"
                j = 0
                while j < len(toks) - 1 and (all_lows[j] == "the" or all_lows[j] in places):
                    j += 1
                key = " ".join(all_lows[j:])
                eid = self._by_key.get(("org", key))
                if eid is None:
                    # "the Ministry" -> "Ministry of Transportation" named earlier
                    eid = next((e.id for e in self.entities
                                if e.kind == "organisation" and e.name.lower().startswith(key + " ")), None)
                if eid is not None:
                    break
            if (eid is None or self.entities[eid].name.lower() in TYPED_BODIES) and len(all_lows[j:]) <= 2:
                ent = self._typed_org_before(all_lows[j:], pos)  # "Police said" after "North District RCMP"
                if ent is not None:
                    eid = ent.id
            name = self.entities[eid].name if eid is not None else " ".join(toks[j:])
            return Resolution((name,), "organisation", 0.9)
        j = split_titles(all_lows)
        # "Pentagon chief Jim Mattis": keep the trailing capitalised run
        core = toks[j:]
        k = len(core)
        while k > 0 and core[k - 1][:1].isupper():
            k -= 1
        core = core[k:] or core
        lows = [_low(t) for t in core]
        if len(core) >= 2:
            eid = self._by_key.get((lows[0], lows[-1]))
            if eid is not None:
                return Resolution((self.entities[eid].name,), "person", 0.95)
        eid = self._by_surname(lows[-1], pos)
        if eid is not None:
            ent = self.entities[eid]
            if len(core) == 1 or ent.first == lows[0]:
                return Resolution((ent.name,), ent.kind, 0.9 if len(core) == 1 else 0.95,
                                  surface if ent.name != surface else None)
        if len(core) == 1 and lows[0] in self._by_first and lows[0] not in self._by_last:
            ids = self._by_first[lows[0]]
            ent = self.entities[ids[-1]]  # "Ana said": the Ana Rivera named before
            return Resolution((ent.name,), "person", 0.7, surface)
        if len(core) == 1 and lows[0].endswith("s") and not surface[:1].isupper():
            return Resolution((core[0],), "group", 0.6)
        kind = "person" if len(core) >= 2 else "unknown"
        return Resolution((" ".join(core),), kind, 0.75 if len(core) >= 2 else 0.6)

    def mark_quoted(self, ranges) -> None:
        """Note which mentions lie inside quotation marks (``ranges``: sorted (start, end) pairs):
        a person named only inside a quote is not what "he said" after it refers to."""
        out = []
        j = 0
        n = len(ranges)
        for p in self._mention_pos:
            while j < n and ranges[j][1] <= p:
                j += 1
            out.append(j < n and ranges[j][0] < p < ranges[j][1])
        self._mention_quoted = out

    def mark_sentences(self, sentences) -> None:
        """The article's sentences: a "he"/"she" looks for the person the sentences before it are
        about (``_focus``)."""
        self._sentences = sentences

    def _persons_before(self, pos: int, limit: int = 60, skip_quoted: bool = False):
        k = bisect_left(self._mention_pos, pos)
        seen = set()
        quoted = self._mention_quoted if skip_quoted else None
        for i in range(k - 1, max(-1, k - limit), -1):
            eid = self._mention_ent[i]
            if eid in seen:
                continue
            if quoted and quoted[i]:
                continue
            seen.add(eid)
            ent = self.entities[eid]
            if ent.kind == "person":
                yield ent, self._mention_pos[i]

    def _last_person_speaker(self, pos: int) -> Entity | None:
        k = bisect_left(self._speaker_pos, pos)
        if not k or pos - self._speaker_pos[k - 1] > 1500:
            return None
        names = self._speaker_names[k - 1]
        if len(names) != 1:
            return None
        ent = self._person_by_name.get(names[0])
        if ent is None and self._speaker_kinds[k - 1] in ("person", "unknown") and names[0][:1].isupper() \
                and " " not in names[0] and not names[0].isupper() and names[0].lower() not in COMMON_WORDS:
            # a speaker known only by one name ("Trump said …"): a person of unknown gender; not an
            # acronym ("ESPN said") or a capitalised common word
            ent = Entity(-1, names[0], "person", _low(names[0]), _low(names[0]))
            self._person_by_name[names[0]] = ent
        return ent
