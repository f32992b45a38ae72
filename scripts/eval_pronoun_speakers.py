#!/usr/bin/env python3
"""How well "he said" / "she said" finds its person, measured on PolNeAR made to need it.

    PYTHONPATH=$PWD/desktop python3 scripts/eval_pronoun_speakers.py [train|dev ...] [-v]

PolNeAR leaves pronoun sources unresolved, so the engine's pronoun resolution is not scored by
``eval_quotes.py``. This script makes cases of its own from the gold file (in memory; nothing is
written): a speech record whose source is a person's name opening its sentence ("Cox says …",
"Mr. Morgan said …"), where the engine gives that quote the right person, that person is
mentioned earlier in the article and the given name (or honorific) tells the gender. The name
is replaced by "He"/"She"; a case is right when the engine still gives the quote that person.
A writer names a speaker where a pronoun would be unclear, so these cases are harder than real
pronouns (a speaker change is over-represented): compare versions on them, do not read the
figure as the accuracy on news. ``-v`` prints the wrong cases (dev only: never tune on it).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from speaker_errors import _load  # the shared scorer and speech filter, loaded from ../shared/eval

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
_NAME_RE = re.compile(r"(?:(?:Mr|Mrs|Ms|Dr)\.\s)?[A-Z][\w’'\-]+(?:\s[A-Z][\w’'\-.]+){0,2}$")
_HONORIFIC = {"Mr.": "m", "Mrs.": "f", "Ms.": "f"}
_SENTENCE_OPEN = ("\n", ". ", '." ', ".” ", "? ", "! ")


def cases(path: Path, scorer, speech):
    """(doc index, text, gold record, person, gender) for every usable record of ``path``."""
    from quotedesk.core.attribution import pipeline
    from quotedesk.core.attribution.lexicon import given_name_gender
    for n, line in enumerate(open(path, encoding="utf-8")):
        d = json.loads(line)
        t = d["text"]
        preds = None
        for g in d["quotes"]:
            if not (g.get("cue") and speech.SPEECH.search(g["cue"]) and g.get("speaker_start") is not None
                    and g.get("cue_start") is not None):
                continue
            a, b = g["speaker_start"], g["speaker_end"]
            src = t[a:b]
            if not _NAME_RE.match(src) or t[b:g["cue_start"]].strip() or g["start"] < b:
                continue  # a name right before its cue, the content after it
            if not (a == 0 or t[max(0, a - 3):a].endswith(_SENTENCE_OPEN)):
                continue
            if preds is None:
                preds = pipeline.extract_quotes(t)
            pairs, _ = scorer.match(t, [g], [{"start": p.start, "end": p.end} for p in preds])
            if not pairs:
                continue
            q = preds[pairs[0][1]]
            if len(q.speakers) != 1 or not scorer.speaker_right(g.get("speaker"), list(q.speakers)):
                continue
            person = q.speakers[0]
            if person.split()[-1] not in t[:a]:
                continue  # not named before: a pronoun would have nothing to refer to
            gender = _HONORIFIC.get(src.split()[0]) or given_name_gender(person.split()[0].lower())
            if gender in ("m", "f"):
                yield n, t, g, person, gender


def pronominalised(t: str, g: dict, gender: str) -> tuple[str, dict]:
    """The text with the record's source replaced by "He"/"She", and the record moved with it."""
    a, b = g["speaker_start"], g["speaker_end"]
    pronoun = "He" if gender == "m" else "She"
    shift = len(pronoun) - (b - a)
    return t[:a] + pronoun + t[b:], dict(g, start=g["start"] + shift, end=g["end"] + shift,
                                         speaker_end=a + len(pronoun))


def score(path: Path, verbose: bool = False) -> tuple[int, int, int]:
    from quotedesk.core.attribution import pipeline
    scorer = _load("score_quotes", EVAL / "score_quotes.py")
    speech = _load("speech_subset", EVAL / "speech_subset.py")
    right = total = none = 0
    for n, t, g, person, gender in cases(path, scorer, speech):
        a = g["speaker_start"]
        text, gold = pronominalised(t, g, gender)
        preds = pipeline.extract_quotes(text)
        pairs, _ = scorer.match(text, [gold], [{"start": p.start, "end": p.end} for p in preds])
        got = tuple(preds[pairs[0][1]].speakers) if pairs else None
        total += 1
        right += got == (person,)
        none += not got
        if verbose and got != (person,):
            print(f"[{n}] {person} -> {got}: " + text[max(0, a - 200):a + 60].replace("\n", " | "))
    return right, total, none


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    for split in [a for a in argv if a != "-v"] or ["train", "dev"]:
        right, total, none = score(EVAL / f"polnear_{split}.jsonl", verbose and split == "dev")
        print(f"{split}: {right}/{total} = {right / max(1, total):.3f} pronoun speakers right, "
              f"{total - right - none} wrong, {none} none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
