#!/usr/bin/env python3
"""Why speakers are wrong: PolNeAR dev speech records, wrong speakers counted by cause.

    PYTHONPATH=$PWD/desktop python3 scripts/speaker_errors.py [--gold DEV.jsonl] [--examples N]

Runs the engine in-process on the gold file's texts (dev only: never tune on what it prints),
keeps the speech records whose source is not a bare pronoun (the rules of the shared
``speech_subset.py``), pairs quotes as the shared scorer does (default measure) and, for each
matched pair whose speaker the scorer calls wrong, names one cause:

  none               no speaker given
  carried over       no cue/mention of its own: the speaker came from the quote before
  wrong mention      the engine's mention is not the gold source mention (the ranker's job)
  pronoun antecedent the right mention was a pronoun resolved to the wrong person
  role not linked    the right mention is a role/title/document, left as its own words
  role to wrong name the right mention is a role/title/document, linked to a name the gold does not have
  org for person     an organisation given where the gold source is a person's name
  acronym            gold or prediction is an acronym (all capitals)
  other name         the right mention, resolved to another name

PolNeAR's gold speaker is the source *mention* ("the minister"); the scorer compares surnames, so
a role resolved to its person counts wrong there even when the article supports it.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

EVAL = Path("/work/shared/eval")


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


CAUSES = ("none", "carried over", "wrong mention", "pronoun antecedent", "role not linked",
          "role to wrong name", "org for person", "acronym", "other name")


def _overlap(a0, a1, b0, b1) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _acronym(s) -> bool:
    items = s if isinstance(s, list) else [s or ""]
    return any(any(len(w) >= 2 and w.isupper() and w.isalpha() for w in it.replace(".", "").split()) for it in items)


def cause(text: str, g: dict, p, classify) -> str:
    if not p.speakers:
        return "none"
    gold_speaker = g["speaker"]
    if p.mention_span is None:
        return "carried over" if p.floating or p.cue_span is None else "wrong mention"
    gs, ge = g.get("speaker_start"), g.get("speaker_end")
    if gs is not None and not _overlap(gs, ge, p.mention_span.start, p.mention_span.end):
        return "wrong mention"
    kind = classify(p.mention or "")
    if kind == "pronoun":
        return "pronoun antecedent"
    if _acronym(gold_speaker) or _acronym(list(p.speakers)):
        return "acronym"
    gold_kind = classify(gold_speaker if isinstance(gold_speaker, str) else " and ".join(gold_speaker))
    if kind == "role" or gold_kind == "role":
        if p.resolved_from is None or list(p.speakers) == [p.mention]:
            return "role not linked"
        return "role to wrong name"
    if p.speaker_kind == "organisation" and gold_kind == "name":
        return "org for person"
    return "other name"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=EVAL / "polnear_dev.jsonl")
    ap.add_argument("--examples", type=int, default=0, help="print N examples per cause")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if "train" in args.gold.name:
        sys.exit("speaker_errors.py reads dev data only (tune on train with the trainers)")
    subset = _load("speech_subset", EVAL / "speech_subset.py")
    scorer = _load("score_quotes", EVAL / "score_quotes.py")
    from quotedesk.core.attribution.mentions import classify
    from quotedesk.core.attribution.pipeline import extract_quotes

    counts: Counter = Counter()
    examples: dict[str, list] = defaultdict(list)
    n_scored = n_right = 0
    for line in open(args.gold, encoding="utf-8"):
        d = json.loads(line)
        text = d["text"]
        named = [q for q in d["quotes"] if q.get("cue") and subset.SPEECH.search(q["cue"])
                 and q.get("speaker") and q["speaker"].strip().lower() not in subset.PRONOUNS]
        preds = extract_quotes(text)
        pairs, _ = scorer.match(text, named, [{"start": p.start, "end": p.end} for p in preds])
        for i, j in pairs:
            g, p = named[i], preds[j]
            right = scorer.speaker_right(g["speaker"], p.speaker)
            if right is None:
                continue
            n_scored += 1
            if right:
                n_right += 1
                continue
            c = cause(text, g, p, classify)
            counts[c] += 1
            if len(examples[c]) < args.examples:
                examples[c].append((g["speaker"], p.speaker, p.mention, g.get("cue"), p.cue))
    wrong = n_scored - n_right
    if args.json:
        print(json.dumps({"scored": n_scored, "right": n_right, "causes": dict(counts)}))
        return 0
    print(f"speaker accuracy on matched named speech records: {n_right}/{n_scored} = "
          f"{n_right / max(1, n_scored):.4f}")
    print(f"{'cause':<20} {'n':>5} {'share':>6}")
    for c in CAUSES:
        print(f"{c:<20} {counts[c]:>5} {counts[c] / max(1, wrong):>6.1%}")
    for c in CAUSES:
        for ex in examples[c]:
            print(f"  [{c}] gold={ex[0]!r} pred={ex[1]!r} mention={ex[2]!r} gold_cue={ex[3]!r} cue={ex[4]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
