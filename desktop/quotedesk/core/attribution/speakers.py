"""Stage 7: who speaks each quotation, in reading order.

Proposes: for a quote with a cue, the cue's speaker mention (found by ``indirect``/``mentions``);
where those rules found none, the one ``mention_ranker``'s model picks among the phrases around the
cue ("…, the former secretary of state and current Democratic presidential nominee said"); for a
participial cue ("…, adding that …") the last speaker of the sentence, else the ranker's pick, else
the sentence's subject; for
a floating quote (no cue), the speaker of its multi-paragraph group, else what ``floating``
decides (the speaker before it, the subject of the sentence before, or nobody).
Decides: ``EntityIndex.resolve`` turns the mention into a name ("she" → the woman named before,
"the minister" → the minister named before); speakers are noted in reading order so pronouns
see the speakers before them.
"""
from __future__ import annotations

import re

from . import cues, floating, mention_ranker
from .lexicon import PERSON_ROLES, TITLES, VERBISH as _VERBISH
from .mentions import DATELINE_RE as _DATELINE_RE, Mention, classify, fronted as _fronted
from .resolve import EntityIndex, Resolution
from .words import WORD_RE as _WORD_RE

#: The learned mention ranker (mention_ranker.py) fills in the attributions the cue rules left
#: without a mention (a participial cue only when nobody spoke before it in its sentence); where
#: they found one it stays. Measured end to end on PolNeAR speech records with a named source
#: (2026-12-04), named-speaker accuracy: rules alone train 6008/6706, dev 690/756; the ranker
#: choosing every mention 6039 / 695 at half the extraction speed (it splits phrases the rules keep
#: whole: "Iowa biofuels advocates" -> "Clinton Iowa"); letting it override a rule mention it
#: outscores by a margin (0.0-0.95 tried) never beat filling the gaps only: 6081 / 697.
_CUE_WORD_RE = re.compile(r"[A-Za-z]{2}")
_MARKS = "\"“”‘’'«»"
_SUBJECT_RE = re.compile(r"\s{0,16}(?:(?:But|And|Yet|Still|Also|Meanwhile|However|Later|Then),?\s{1,16})?"
                         r"((?:[A-Z][\w’'\-.]*)(?:\s{1,16}[A-Z][\w’'\-.]*)*)")
_ROLE_NAME_RE = re.compile(r"((?:\s{1,16}[a-z][a-z\-]+){1,2})(?:\s{1,16}[A-Z][\w’'\-.]*){1,3}")
_ROLE_WORDS = PERSON_ROLES | TITLES
_FRONTED_MAX = 200  # characters: the longest fronted adverbial looked past
#: What follows a verb, not a noun: "Mr. Trump tries to turn …", "Perez lobbies for …".
_VERB_OBJECT_RE = re.compile(r"\s{1,16}(?:to|for|the|a|an|his|her|their|its|that)\s")
_LOWER_NEXT_RE = re.compile(r"(?:\s{1,16}of\s{1,16}[A-Z][\w’'\-.]*)*\s{1,16}[a-z]")


def resolve_speakers(text: str, cands, ents: EntityIndex, sentences, paras, in_quote) -> None:
    """Resolve speakers in reading order so pronouns see the speakers before them."""
    order = sorted(range(len(cands)), key=lambda i: cands[i].start)
    ranked: set[int] = set()
    group_speakers: dict[int, tuple] = {}
    last_by_para: list[tuple[int, tuple[str, ...], str]] = []
    for i in order:
        c = cands[i]
        a = c.att
        res = None
        if a is not None and a.mention is None and a.participle:
            # "…, adding that …", "X agreed that … and vowed to …": who spoke last in the sentence
            prev = ents.last_speaker(a.cue_start, a.cue_start - sentences.at(a.cue_start)[0])
            res = Resolution(prev, "unknown", 0.6, None) if prev else None
        if res is None and a is not None:
            if a.mention is None and id(a) not in ranked:
                ranked.add(id(a))
                _rank_mention(text, a, sentences, in_quote)
            if a.mention is not None:
                res = ents.resolve(a.mention)
            elif a.participle:
                res = _sentence_subject(text, ents, sentences, a.cue_start)
                if res is None:
                    prev = ents.last_speaker(a.cue_start, 400)
                    res = Resolution(prev, "unknown", 0.5, None) if prev else None
        if res is not None and res.names:
            c.speakers, c.speaker_kind, c.res = res.names, res.kind, res
            ents.note_speaker(res.names, c.start, issuer=bool(a and a.issuer), kind=res.kind)
            if c.group >= 0:
                group_speakers[c.group] = (res, a)
            last_by_para.append((c.para, res.names, res.kind))
            continue
        if c.floating:
            if c.group in group_speakers:
                res, a2 = group_speakers[c.group]
                c.speakers, c.speaker_kind, c.res, c.att = res.names, res.kind, res, a2
                c.floating = False
                c.base_conf = 0.75
                continue
            picked = floating.choose(_floating_candidates(text, c, ents, sentences, paras, in_quote,
                                                          last_by_para[-1] if last_by_para else None))
            if picked is not None:
                res = picked[0]
                c.speakers, c.speaker_kind = res.names, res.kind
                c.base_conf = 0.6 if last_by_para and last_by_para[-1][0] >= c.para - 1 else 0.5
                last_by_para.append((c.para, res.names, res.kind))
                continue
        c.base_conf = min(c.base_conf, 0.35)


def _floating_candidates(text: str, c, ents: EntityIndex, sentences, paras, in_quote, last):
    """``floating.candidates`` for quote ``c``: the sentence before it and that sentence's subject."""
    p = c.start - 1
    while p > 0 and (text[p].isspace() or text[p] in _MARKS):
        p -= 1
    after_quote = p >= 0 and in_quote(p)
    para_start = paras[c.para].start if 0 <= c.para < len(paras) else -1
    opens_para = para_start >= 0 and p < para_start  # only marks and spaces since it began
    subject = prev_span = None
    if p > 0:
        s, e = sentences.at(p)
        if s <= p < e and not in_quote(s):
            prev_span = (s, e, para_start >= 0 and s >= para_start)
            subject = _sentence_subject(text, ents, sentences, e - 1)
    if last is not None and 0 <= last[0] < c.para <= len(paras):
        # captions, credits, "Story continues below advertisement" lines between do not count
        skipped = sum(1 for k in range(last[0] + 1, c.para) if paras[k].boilerplate)
        last = (last[0] + skipped, last[1], last[2])
    return floating.candidates(text, c, last, subject, prev_span, after_quote, opens_para)


def _rank_mention(text: str, a, sentences, in_quote) -> None:
    """The mention ranker gives attribution ``a``, whose cue rules found no mention, the one it picks."""
    if not _CUE_WORD_RE.search(text, a.cue_start, a.cue_end):
        return  # no cue word ("— Jane Doe", "PENCE:"): nothing to rank around
    if text[a.cue_end - 3:a.cue_end] == "ing":
        return  # ", saying …": the subject of the main clause speaks, not a nearer noun
    men, p = mention_ranker.pick(text, a, sentences, in_quote)
    if p > 0.0:
        a.mention = men  # None: "… birther who has pledged": "who" stands for no phrase found, so
        a.participle = False  # nobody, rather than a guess from the sentence's subject


def _after_fronted(text: str, s: int, pos: int) -> int:
    """Where the main clause starts after a fronted adverbial ("At a rally in Portsmouth, N.H., on
    Tuesday, Senator Bernie Sanders endorsed …"): after the first comma followed by a capitalised
    run and a lower-case word; ``s`` when the sentence opens with no such adverbial."""
    if not _fronted(text, s, pos):
        return s
    hi = min(pos, s + _FRONTED_MAX)  # an adverbial is short: the scan is bounded, whatever the sentence
    k = text.find(",", s, hi)
    while k >= 0:
        m = _SUBJECT_RE.match(text, k + 1, pos)
        if m and not m.group(1).endswith(".") and _LOWER_NEXT_RE.match(text, m.end(1), pos):
            return k + 1
        k = text.find(",", k + 1, hi)
    return s


def _sentence_subject(text: str, ents: EntityIndex, sentences, pos: int) -> Resolution | None:
    s, e = sentences.at(pos)
    s = _after_fronted(text, s, pos)
    m = _SUBJECT_RE.match(text, s, pos)
    if m and m.group(1).lower() in ("the", "a", "an", "its", "his", "her", "their", "both"):
        # "The mayor praised …, but said …": a role or group opening the sentence
        words = list(_WORD_RE.finditer(text, m.start(1), min(pos, m.start(1) + 60)))[:5]
        for k, w in enumerate(words[1:], 1):
            lw = w.group()
            if lw.islower() and (lw.endswith(("ed", "ing")) or lw in _VERBISH or cues.is_speech_form(lw)):
                words = words[:k]  # the subject ends before its verb
                break
        for n in range(min(4, len(words)), 1, -1):
            phrase = text[m.start(1):words[n - 1].end()]
            kind = classify(phrase)
            if kind in ("role", "group", "joint"):
                res = ents.resolve(Mention(m.start(1), words[n - 1].end(), phrase, kind))
                return res if res.names else None
        return None
    if not m:
        return None
    d = _DATELINE_RE.match(text, m.start(1))
    if d:
        # "WASHINGTON — …" / "FLINT, Mich. (UPI) — …": the dateline's place, not the subject
        m = _SUBJECT_RE.match(text, d.end(), pos)
        if not m:
            return None
    ext = _ROLE_NAME_RE.match(text, m.end(1), pos)
    if ext is not None and ext.group(1).split()[-1] in _ROLE_WORDS:
        # "Defence lawyer Aaron Feldstein had asked …", "Democratic presidential candidate Bernie
        # Sanders is choosing …": the name after the role words
        men = Mention(m.start(1), ext.end(), text[m.start(1):ext.end()], "name")
        res = ents.resolve(men)
        if res.names:
            return res
    if m.group(1).lower() in ("he", "she", "they"):
        res = ents.resolve(Mention(m.start(1), m.end(1), m.group(1), "pronoun"))
        return res if res.names else None
    noun = _WORD_RE.match(text, m.end(1) + 1) if text[m.end(1):m.end(1) + 1] == " " else None
    if noun is not None and noun.end() <= pos and noun.group().islower() \
            and not _VERB_OBJECT_RE.match(text, noun.end(), pos):
        phrase = text[m.start(1):noun.end()]
        kind = classify(phrase)
        if kind in ("role", "group"):
            # "Democratic voters are more likely to say …": the group, not its adjective
            res = ents.resolve(Mention(m.start(1), noun.end(), phrase, kind))
            return res if res.names else None
    men = Mention(m.start(1), m.end(1), m.group(1), "name")
    res = ents.resolve(men)
    return res if res.names else None


__all__ = ["resolve_speakers"]
