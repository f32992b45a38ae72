"""Stage 2: cue verbs and phrases that introduce or close a quotation.

The lexicon is generated from base verbs (say → says, said, saying …) and compiled once into
alternation regexes. Belief and intention verbs ("believes", "wants") are deliberately absent:
they are not quotations unless expressed as a statement.
"""
from __future__ import annotations

import re
from functools import lru_cache

#: Irregular forms: base -> (3rd person, past, past participle, -ing).
_IRREGULAR = {
    "say": ("says", "said", "said", "saying"),
    "tell": ("tells", "told", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "speak": ("speaks", "spoke", "spoken", "speaking"),
    "tweet": ("tweets", "tweeted", "tweeted", "tweeting"),
    "admit": ("admits", "admitted", "admitted", "admitting"),
    "reply": ("replies", "replied", "replied", "replying"),
    "deny": ("denies", "denied", "denied", "denying"),
    "testify": ("testifies", "testified", "testified", "testifying"),
    "quip": ("quips", "quipped", "quipped", "quipping"),
    "retort": ("retorts", "retorted", "retorted", "retorting"),
    "rebut": ("rebuts", "rebutted", "rebutted", "rebutting"),
    "dub": ("dubs", "dubbed", "dubbed", "dubbing"),
    "label": ("labels", "labeled", "labelled", "labeling"),
    "cry": ("cries", "cried", "cried", "crying"),
    "signal": ("signals", "signaled", "signaled", "signaling"),
    "post": ("posts", "posted", "posted", "posting"),
    "snap": ("snaps", "snapped", "snapped", "snapping"),
    "brag": ("brags", "bragged", "bragged", "bragging"),
    "beg": ("begs", "begged", "begged", "begging"),
    "concur": ("concurs", "concurred", "concurred", "concurring"),
}

#: Cue verbs by class. The class is what the quote model sees (a feature), so a missing cue is
#: fixed by a lexicon entry with its class, never by a rule for one sentence. "infer" verbs
#: ("suggests", "estimated", "indicates") report speech only when a person or body uses them;
#: "the data suggests" is not a quotation, and the model learns that from the class and subject.
CUE_CLASSES: dict[str, str] = {}
for _cls, _verbs in {
    "say": "say tell add state speak mention repeat reiterate continue inform remark observe",
    "argue": "argue claim insist contend maintain assert allege accuse stress emphasize emphasise counter "
             "charge affirm",
    "inform": "announce declare confirm reveal disclose report testify explain clarify elaborate specify "
              "note point recount recall confide",
    "respond": "reply respond answer retort rebut concur agree interject",
    "admit": "acknowledge admit concede deny",
    "warn": "warn caution threaten advise recommend urge",
    "ask": "ask question wonder demand plead beg inquire enquire",
    "promise": "vow promise pledge assure",
    "describe": "describe call term label dub brand characterize characterise",
    "exclaim": "shout exclaim whisper blurt chant cry yell scream boast brag joke quip muse grumble "
               "complain lament scoff snap lash fume proclaim conclude sigh laugh mutter mumble murmur groan "
               "gush chuckle sniff bark holler bellow stammer sneer tease enthuse shriek rant gloat growl",
    "write": "write tweet post",
    "predict": "predict forecast speculate theorize theorise",
    "infer": "suggest estimate indicate signal hint surmise opine",
}.items():
    for _v in _verbs.split():
        CUE_CLASSES.setdefault(_v, _cls)
CUE_CLASS_NAMES = ("say", "argue", "inform", "respond", "admit", "warn", "ask", "promise", "describe",
                   "exclaim", "write", "predict", "infer", "according", "read", "phrase", "byline", "other")

#: Verbs that report speech (or writing) and take a content clause.
SPEECH_VERBS = list(CUE_CLASSES)

#: Cues that mark a direct quote but do not take a reported clause ("continued", "blurted out");
#: the question verbs have their own reported form (``QUESTION_VERBS``). Manner-of-speaking verbs
#: ("joked", "whispered", "retorted") do take one, opened by "that"/"whether" (they are not
#: bare-clause verbs).
_DIRECT_ONLY = {"ask", "wonder", "question", "continue", "cry", "blurt", "chant", "lash", "plead", "demand",
                "speak", "beg"}
#: Lexicon class "question verb": its reported content is a question ("asked whether the plan
#: would work", "questioned why …", "wondered if …"), never a "that" clause ("questions that she
#: faced" is a noun).
QUESTION_VERBS = frozenset(("ask", "wonder", "question"))

#: Verbs that must have an object before the reported clause ("told reporters that").
OBJECT_VERBS = {"tell", "inform", "assure", "remind", "warn", "advise", "urge", "promise"}


def _forms(base: str) -> tuple[str, ...]:
    if base in _IRREGULAR:
        return (base, *_IRREGULAR[base])
    if base.endswith("e"):
        return (base, base + "s", base + "d", base[:-1] + "ing")
    if base.endswith("y") and base[-2] not in "aeiou":
        return (base, base[:-1] + "ies", base[:-1] + "ied", base + "ing")
    if base.endswith(("s", "sh", "ch", "x")):
        return (base, base + "es", base + "ed", base + "ing")
    return (base, base + "s", base + "ed", base + "ing")


#: surface form -> base verb
FORM_TO_BASE: dict[str, str] = {}
for _b in SPEECH_VERBS:
    for _f in _forms(_b):
        FORM_TO_BASE.setdefault(_f, _b)
FORM_TO_BASE.update({"remind": "remind", "reminds": "remind", "reminded": "remind", "reminding": "remind"})

#: Multi-word cue phrases (treated as one cue).
_PHRASES = (
    "pointed out", "points out", "point out", "pointing out", "made clear",
    "makes clear", "added later", "wrote on twitter", "was quoted as saying", "is quoted as saying",
    "were quoted as saying", "was widely quoted as saying", "was once quoted as saying",
    "has been quoted as saying",
)


def trie_pattern(words) -> str:
    """A regex alternation factored by common prefixes (much faster than a flat alternation),
    opened by a look-ahead on the first characters: a position that starts no word is dropped
    with one test, not one per branch (a fifth off the cue scan)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if ends else body

    firsts = "".join(re.escape(ch) for ch in sorted(trie) if ch)
    return build(trie) if "" in trie or len(firsts) < 2 else f"(?=[{firsts}]){build(trie)}"


#: Any cue verb form or phrase, as a whole word.
#: Sentence-initial inverted cues: "Said Dorothy Poynter, who grew up with him, …"
_CAPITALISED = ["Said", "Says", "Added", "Asked", "Wrote", "Recalled", "Explained", "Stated"]
for _c in _CAPITALISED:
    FORM_TO_BASE.setdefault(_c, FORM_TO_BASE[_c.lower()])
#: Every cue form and phrase (``indirect`` scans for them in its one-pass cue regex).
CUE_WORDS = (*FORM_TO_BASE, *_PHRASES)


def __getattr__(name: str):
    """``CUE_RE``, any of ``CUE_WORDS`` as a whole word: built on first use, since the extraction
    itself never matches it alone (5 ms of every start-up)."""
    if name == "CUE_RE":
        globals()["CUE_RE"] = compiled = re.compile(r"\b" + trie_pattern(CUE_WORDS) + r"\b")
        return compiled
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

#: Past / present forms that can close a quote: ``"…," she said.``
_FINITE = {f for f in FORM_TO_BASE if not f.endswith("ing")}


@lru_cache(maxsize=4096)
def base_of(cue: str) -> str:
    """Base verb of a cue form or phrase (first word), lower-cased."""
    first = cue.lower().split()[0] if cue.strip() else ""
    return FORM_TO_BASE.get(first, first)


def is_speech_form(word: str) -> bool:
    return word.lower() in FORM_TO_BASE


def is_finite(word: str) -> bool:
    return word.lower() in _FINITE


def takes_clause(base: str) -> bool:
    """Can this verb introduce reported (indirect) speech?"""
    return base not in _DIRECT_ONLY


#: Verbs whose reported clause may come without "that" ("said the talks failed").
_BARE_CLAUSE = {"say", "tell", "add", "write", "tweet", "claim", "argue", "insist", "predict", "warn",
                "note", "explain", "acknowledge", "admit", "announce", "suggest", "confirm", "post",
                "report", "testify", "complain", "recall", "contend", "maintain", "reply", "respond"}


#: Verbs whose content may be an object and its complement, no clause ("called for an inquiry",
#: "urged him to resign", "described the plan as a wish list", "announced a series of steps").
_OBJECT_CONTENT = {"accuse", "call", "describe", "term", "label", "dub", "brand", "characterize", "characterise",
                   "urge", "announce", "demand", "recommend", "propose"}


#: Object-content verbs whose object with an indefinite article names an act, not what was
#: said ("called a strike vote", "called a press conference"); "called for …" and "called it a …"
#: still report content.
_INDEFINITE_OBJECT_IS_ACT = {"call"}


def indefinite_object_is_act(base: str) -> bool:
    return base in _INDEFINITE_OBJECT_IS_ACT


#: Verbs whose reported content may be an infinitive ("vowed to help …", "promised to cut taxes"):
#: a commitment stated by the speaker. Intention verbs ("wants to", "plans to") are not cues at all.
_INFINITIVE_CONTENT = {"vow", "promise", "pledge", "threaten", "urge", "demand", "plead"}


def takes_infinitive(base: str) -> bool:
    return base in _INFINITIVE_CONTENT


def takes_object_content(base: str) -> bool:
    return base in _OBJECT_CONTENT


#: Verbs whose content may be the object of a preposition: "warned of serious consequences",
#: "cautioned against haste" (the danger warned of is what was said).
_PREPOSITION_CONTENT = {"warn": frozenset(("of", "about", "against")), "caution": frozenset(("against", "about"))}


def content_prepositions(base: str) -> frozenset[str]:
    return _PREPOSITION_CONTENT.get(base, frozenset())


def bare_clause(base: str) -> bool:
    return base in _BARE_CLAUSE


def needs_object(base: str) -> bool:
    return base in OBJECT_VERBS


#: Strength of a cue, used in the confidence: "said" is the surest sign of a quotation.
_STRENGTH = {
    "say": 1.0, "tell": 0.95, "add": 0.9, "write": 0.85, "according": 0.9, "tweet": 0.9,
    "note": 0.85, "explain": 0.9, "ask": 0.85, "state": 0.85, "argue": 0.85, "claim": 0.85,
    "insist": 0.85, "warn": 0.85, "continue": 0.8, "announce": 0.8, "agree": 0.6, "vow": 0.6,
    "promise": 0.6, "pledge": 0.6, "suggest": 0.65, "estimate": 0.55, "signal": 0.5, "hint": 0.6,
    "predict": 0.7, "report": 0.7, "indicate": 0.6, "point": 0.75, "post": 0.7,
}


def cue_class(cue: str) -> str:
    """The class of a cue form or phrase ("said" -> "say", "estimated" -> "infer")."""
    low = cue.lower().strip()
    if low.startswith("according"):
        return "according"
    if low in ("read", "reads"):
        return "read"
    if low and not any(ch.isalpha() for ch in low):
        return "byline"  # '“…” — Jane Doe', 'DOE: …': a dash or colon names who spoke
    base = base_of(cue)
    if base in CUE_CLASSES:
        return CUE_CLASSES[base]
    return "phrase" if " " in low else "other"


def strength(base: str) -> float:
    return _STRENGTH.get(base, 0.75)
