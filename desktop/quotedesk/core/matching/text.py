"""Text analysis shared by indexing and querying: tokens, stop words, a Porter stemmer, hashes.

The statements index stores *analysed* text (stemmed words, stop words dropped), produced here,
so the same function must run on both sides. Pure Python, no Qt, no model downloads.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from rapidfuzz.utils import default_process

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.I)
_HANDLE = re.compile(r"[@#]")
#: The signature line of an embedded social post: "— Name (@handle) January 6, 2020".
_POST_SIGNATURE = re.compile(
    r"\(@\w+\)\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}, \d{4})?",
    re.I)

#: Function words that carry no claim. Short on purpose: negations stay (they flip a claim).
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just let me more most my myself of off on once only or other our ours ourselves
    out over own same she should so some such than that the their theirs them themselves then
    there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves s t says said
    say saying via http https www com pic twitter rt amp""".split()
)


class _DropCombining(dict):
    """``str.translate`` table deleting combining characters (diacritics after NFKD), filled in
    as characters are met: one lookup in C a character instead of a Python test (the curly
    quotes and dashes of most news texts and claims make them non-ASCII: 0.45 of 2.5 s of
    analysing the candidates of a 50-article import went to that test)."""

    def __missing__(self, code: int) -> int | None:
        v = self[code] = None if unicodedata.combining(chr(code)) else code
        return v


_DROP_COMBINING = _DropCombining()


def fold(text: str) -> str:
    """Casefold and strip diacritics (fast path for ASCII)."""
    text = text.casefold()
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).translate(_DROP_COMBINING)


def clean_query(text: str) -> str:
    """Drop URLs and @/# signs (tweets, pasted social posts); keep everything else.

    (Dropping the signature line of embedded posts, ``_POST_SIGNATURE``, helped 2020 dev by
    0.002 but cost 0.005 MAP@5 on the training splits, so it is not applied.)
    """
    return _HANDLE.sub(" ", _URL.sub(" ", text))


_THOUSANDS = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_PERCENT = re.compile(r"%|\bper\s+cent\b", re.I)
_NUMERIC = re.compile(r"[\d%]|cent", re.I)
#: Number words as digits, so "seventy percent" meets "70%".
NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({w: str(10 * i) for i, w in enumerate(
    "thirty forty fifty sixty seventy eighty ninety".split(), start=3)})


def words(text: str) -> list[str]:
    """Folded words, apostrophes inside words removed ("don't" -> "dont"), numbers normalised
    ("4,300" -> "4300", "%" and "per cent" -> "percent", "seventy" -> "70")."""
    if _NUMERIC.search(text):
        text = _PERCENT.sub(" percent ", _THOUSANDS.sub("", text))
    ws = _WORD.findall(fold(text))
    ws = [NUMBER_WORDS.get(w, w) for w in ws]
    if "'" in text or "’" in text:
        ws = [w.replace("'", "").replace("’", "") for w in ws]
    return ws


def terms(text: str) -> list[str]:
    """Index terms: stems of the non-stop words, in order (repeats kept)."""
    out = []
    for w in words(text):
        if w in STOP_WORDS:
            continue
        out.append(stem(w))
    return out


def analysed(text: str | None) -> str:
    """The string stored in the full-text index for ``text``."""
    return " ".join(terms(text)) if text else ""


def canonical_hash(text: str) -> int:
    """64-bit signed hash of the processed text: equal for exact repeats (case, punctuation)."""
    canon = " ".join(default_process(text).split())
    return int.from_bytes(hashlib.blake2b(canon.encode("utf-8"), digest_size=8).digest(),
                          "big", signed=True)


@lru_cache(maxsize=50_000)
def speaker_key(name: str | None) -> str | None:
    """Surname key used to compare speakers across sources ("PRESIDENT OBAMA" ~ "Barack Obama")."""
    if not name:
        return None
    ws = [w for w in words(name) if w not in _NAME_SUFFIXES]
    return ws[-1] if ws else None


def base_name(name: str | None) -> str | None:
    """A stored speaker's name without the qualifier the library adds to tell two speakers of
    one name apart ("TRUMP (3)", "Johnson (Harbor Gazette, 2024-05-01)" -> "TRUMP", "Johnson"):
    the qualifier is not part of the name, and its last word ("3", "01") is no surname. Joint
    speakers ("A & B (2)") are stripped one by one. Linear time (no pattern)."""
    if not name:
        return name
    out = []
    for part in name.split(" & "):
        p = part.rstrip()
        if p.endswith(")"):
            i = p.rfind("(")
            if i > 0 and p[:i].strip():
                p = p[:i].rstrip()
        out.append(p)
    return " & ".join(out)


_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})


# --- Porter stemmer (M. F. Porter, 1980), compact implementation --------------------------------

_VOWELS = frozenset("aeiou")


def _cons(w: str, i: int) -> bool:
    c = w[i]
    if c in _VOWELS:
        return False
    if c == "y":
        return i == 0 or not _cons(w, i - 1)
    return True


def _m(stem_: str) -> int:
    """Number of VC sequences in ``stem_``."""
    n, i, ln = 0, 0, len(stem_)
    while i < ln and _cons(stem_, i):
        i += 1
    while i < ln:
        while i < ln and not _cons(stem_, i):
            i += 1
        if i >= ln:
            break
        n += 1
        while i < ln and _cons(stem_, i):
            i += 1
    return n


def _has_vowel(stem_: str) -> bool:
    return any(not _cons(stem_, i) for i in range(len(stem_)))


def _double_cons(w: str) -> bool:
    return len(w) >= 2 and w[-1] == w[-2] and _cons(w, len(w) - 1)


def _cvc(w: str) -> bool:
    if len(w) < 3:
        return False
    return (_cons(w, len(w) - 3) and not _cons(w, len(w) - 2) and _cons(w, len(w) - 1)
            and w[-1] not in "wxy")


_STEP2 = (("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"),
          ("izer", "ize"), ("bli", "ble"), ("alli", "al"), ("entli", "ent"), ("eli", "e"),
          ("ousli", "ous"), ("ization", "ize"), ("ation", "ate"), ("ator", "ate"),
          ("alism", "al"), ("iveness", "ive"), ("fulness", "ful"), ("ousness", "ous"),
          ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble"), ("logi", "log"))
_STEP3 = (("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"),
          ("ful", ""), ("ness", ""))
_STEP4 = ("al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent",
          "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize")


def _replace(w: str, rules, min_m: int) -> str:
    for suf, rep in rules:
        if w.endswith(suf):
            base = w[: -len(suf)]
            return base + rep if _m(base) > min_m else w
    return w


@lru_cache(maxsize=200_000)
def stem(w: str) -> str:
    """Porter stem of a lower-case word (digits and short words returned as they are)."""
    if len(w) <= 2 or not w.isalpha():
        return w
    # step 1a
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("ies"):
        w = w[:-2]
    elif w.endswith("ss"):
        pass
    elif w.endswith("s"):
        w = w[:-1]
    # step 1b
    flag = False
    if w.endswith("eed"):
        if _m(w[:-3]) > 0:
            w = w[:-1]
    elif w.endswith("ed") and _has_vowel(w[:-2]):
        w, flag = w[:-2], True
    elif w.endswith("ing") and _has_vowel(w[:-3]):
        w, flag = w[:-3], True
    if flag:
        if w.endswith(("at", "bl", "iz")):
            w += "e"
        elif _double_cons(w) and w[-1] not in "lsz":
            w = w[:-1]
        elif _m(w) == 1 and _cvc(w):
            w += "e"
    # step 1c
    if w.endswith("y") and _has_vowel(w[:-1]):
        w = w[:-1] + "i"
    # steps 2, 3
    w = _replace(w, _STEP2, 0)
    w = _replace(w, _STEP3, 0)
    # step 4
    for suf in _STEP4:
        if w.endswith(suf):
            base = w[: -len(suf)]
            if _m(base) > 1 and (suf != "ion" or base.endswith(("s", "t"))):
                w = base
            break
    else:
        if w.endswith("ion"):
            pass
    # step 5
    if w.endswith("e"):
        base = w[:-1]
        m = _m(base)
        if m > 1 or (m == 1 and not _cvc(base)):
            w = base
    if _m(w) > 1 and _double_cons(w) and w.endswith("l"):
        w = w[:-1]
    return w


# --- political vocabulary: a small synonym table for query expansion ---------------------------
#: Each group lists equivalent wordings (plain words, analysed below). A query containing a
#: one-word form also looks up the other forms' stems in the candidate search (the index keeps
#: words as written); the re-ranking still compares the words as written. Measured (MAP@5,
#: train 2020 / 2A / 2B): 0.8446 / 0.8261 / 0.5521 without, 0.8462 / 0.8264 / 0.5555 with;
#: mapping the wordings to one canonical stem in the re-ranking as well cost 2020 dev 0.003.
SYNONYM_GROUPS = (
    ("obamacare", "affordable care act", "aca"),
    ("job", "jobs", "employment", "employed"),
    ("healthcare", "health care"),
    ("republican", "republicans", "gop"),
    ("democrat", "democrats", "dems"),
    ("isis", "isil", "islamic state"),
    ("immigrant", "immigrants", "aliens"),
    ("undocumented", "illegal"),
    ("child", "children", "kids"),
    ("email", "e-mail", "emails"),
    ("gun", "guns", "firearms"),
    ("murder", "murders", "homicides"),
    ("doctor", "doctors", "physicians"),
    ("climate change", "global warming"),
)

import os as _os  # noqa: E402

#: Diagnostic switch for ablations (``QUOTEDESK_NO_SYNONYMS=1``): no expansion.
SYNONYMS_ENABLED = not _os.environ.get("QUOTEDESK_NO_SYNONYMS")

_VARIANTS: dict[str, set[str]] = {}
for _group in SYNONYM_GROUPS:
    _forms = [tuple(stem(w) for w in words(p)) for p in _group]
    _all = {t for f in _forms for t in f}
    for _f in _forms:
        if len(_f) == 1:
            _VARIANTS.setdefault(_f[0], set()).update(_all)


def expansions(ts) -> set[str]:
    """Stems to look up in the index besides the query's stems ``ts``: the other wordings of
    the synonym table's one-word forms among them."""
    if not SYNONYMS_ENABLED:
        return set()
    ts = set(ts)
    extra: set[str] = set()
    for t in ts:
        extra |= _VARIANTS.get(t, set())
    return extra - ts
