"""What kind of match a candidate is: verbatim, partial, reworded, or the same claim by another speaker.

Pure functions of two texts (and their speakers); thresholds are on rapidfuzz scores of the
processed texts (lower case, punctuation removed), so quotation marks and case never matter.
"""
from __future__ import annotations

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from quotedesk.core.matching.text import speaker_key

VERBATIM = "verbatim"
PARTIAL = "partial"          # one is a fragment of the other
REWORDED = "reworded"
OTHER_SPEAKER = "other_speaker"
KINDS = (VERBATIM, PARTIAL, REWORDED, OTHER_SPEAKER)
#: How each kind is named to the analyst (the panel, the timeline, the exports' notes).
KIND_LABELS = ((VERBATIM, "same words"), (PARTIAL, "part of it"), (REWORDED, "reworded"),
               (OTHER_SPEAKER, "different speaker"))

#: ``ratio`` at or above this on processed texts counts as the same words (a typo or two apart).
VERBATIM_RATIO = 97.0
#: ``partial_ratio`` at or above this, with the shorter text under this share of the longer.
PARTIAL_RATIO = 95.0
PARTIAL_LENGTH_SHARE = 0.85


def same_speaker(a: str | None, b: str | None) -> bool | None:
    """True/False when both speakers are known (any name of a joint statement counts)."""
    if not a or not b:
        return None
    ka = {speaker_key(x) for x in a.split(" & ")} - {None}
    kb = {speaker_key(x) for x in b.split(" & ")} - {None}
    if not ka or not kb:
        return None
    return bool(ka & kb)


def classify(text: str, other: str, *, speaker: str | None = None,
             other_speaker: str | None = None) -> str:
    """The kind of match between a quote ``text`` and an earlier statement ``other``.

    A different known speaker wins over the wording ("same claim by another speaker").
    """
    if same_speaker(speaker, other_speaker) is False:
        return OTHER_SPEAKER
    a, b = " ".join(default_process(text).split()), " ".join(default_process(other).split())
    if not a or not b:
        return REWORDED
    if a == b or fuzz.ratio(a, b) >= VERBATIM_RATIO:
        return VERBATIM
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < PARTIAL_LENGTH_SHARE * len(long_) and fuzz.partial_ratio(short, long_) >= PARTIAL_RATIO:
        return PARTIAL
    return REWORDED
