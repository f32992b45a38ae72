"""Stage 7b: who speaks a floating quotation (one without a cue of its own).

Proposes: the speaker of the quote before it (news carries a speaker over: '"…," Ray said. "…"'),
and the subject of the sentence just before the quote when that is a person or body the article
names ('Haddad was unmoved. "…"', 'Then Omar Haddad took the microphone. "…"'). ``features``
describes each candidate by what a reader sees: which of the two it is (or both), how many
paragraphs back the last speaker spoke, whether someone else is the subject of the sentence
before, whether the sentence before is in the quote's paragraph
and has a cue of its own, whether the quote follows another quotation directly, opens its
paragraph, or names the candidate itself. The shipped model ``data/floating_speaker.json``
(trained by ``scripts/training/floating.py`` on PolNeAR train, where a quote without a cue near it
is annotated with its speaker) gives each candidate's probability; the most probable one at or
above the model's threshold speaks, else nobody (the analyst sees a quote with no speaker).
"""
from __future__ import annotations

import re

from . import cues
from .entity import Resolution
from .learned import model

MODEL = "floating_speaker"
FEATURES: tuple[str, ...] = (
    "bias", "is_last", "is_subject", "both", "last_gap_0", "last_gap_1", "last_gap_2", "last_gap_far",
    "subject_same_para", "prev_has_cue", "after_quote", "opens_para", "named_inside", "organisation",
    "group", "other_subject",
)
_INDEX = {f: i for i, f in enumerate(FEATURES)}
_WORD_RE = re.compile(r"[A-Za-z’'\-]+")
_MAX_GAP = 3  # paragraphs back a last speaker is still proposed


def _surname(name: str) -> str:
    words = name.split()
    return words[-1].lower() if words else ""


def candidates(text: str, c, last, subject: Resolution | None, prev_span, after_quote: bool,
               opens_para: bool) -> list[tuple[Resolution, dict[int, float]]]:
    """The candidate speakers of floating quote ``c`` with their features. ``last`` is ``(para,
    names, kind)`` of the speaker before it or None; ``subject`` the resolved subject of the
    sentence ``prev_span`` before the quote or None."""
    ix = _INDEX
    inside = {w.lower() for w in _WORD_RE.findall(text, c.start, c.end)}
    props: list[tuple[Resolution, dict[int, float]]] = []
    last_res = None
    if last is not None and c.para - last[0] <= _MAX_GAP:
        last_res = Resolution(last[1], last[2], 0.6)
    subj_names = subject.names if subject is not None and subject.names else None
    prev_cue = prev_span is not None and any(
        w.lower() in cues.FORM_TO_BASE for w in _WORD_RE.findall(text, prev_span[0], prev_span[1]))
    for res, is_last, is_subj in ((last_res, True, subj_names == (last_res.names if last_res else None)),
                                  (subject if subj_names else None, False, True)):
        if res is None or (not is_last and last_res is not None and res.names == last_res.names):
            continue
        x: dict[int, float] = {ix["bias"]: 1.0}
        if is_last:
            x[ix["is_last"]] = 1.0
            gap = c.para - last[0]
            x[ix[("last_gap_0", "last_gap_1", "last_gap_2")[gap] if 0 <= gap <= 2 else "last_gap_far"]] = 1.0
        if is_subj:
            x[ix["is_subject"]] = 1.0
            if prev_span is not None and prev_span[2]:
                x[ix["subject_same_para"]] = 1.0
        if is_last and is_subj:
            x[ix["both"]] = 1.0
        elif is_last and subj_names:
            x[ix["other_subject"]] = 1.0  # someone else has taken the floor since
        if prev_cue:
            x[ix["prev_has_cue"]] = 1.0
        if after_quote:
            x[ix["after_quote"]] = 1.0
        if opens_para:
            x[ix["opens_para"]] = 1.0
        if any(_surname(n) in inside for n in res.names):
            x[ix["named_inside"]] = 1.0
        if res.kind == "organisation":
            x[ix["organisation"]] = 1.0
        elif res.kind == "group" or len(res.names) > 1:
            x[ix["group"]] = 1.0
        props.append((res, x))
    return props


def choose(props) -> tuple[Resolution, float] | None:
    """The most probable candidate at or above the model's threshold, with its probability."""
    if not props:
        return None
    m = model(MODEL)
    best = max(((m.prob_sparse(x), i) for i, (_res, x) in enumerate(props)), key=lambda t: (t[0], -t[1]))
    if best[0] < float(m.meta.get("threshold", 0.5)):
        return None
    return props[best[1]][0], best[0]


__all__ = ["FEATURES", "MODEL", "candidates", "choose"]
