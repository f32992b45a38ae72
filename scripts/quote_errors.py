#!/usr/bin/env python3
"""Why quotes are missed or false: PolNeAR speech records, errors counted by mechanism.

    PYTHONPATH=$PWD/desktop python3 scripts/quote_errors.py [--gold DEV.jsonl] [--examples N]

Runs the engine in-process on the gold file's texts (report on dev, study train: never tune on
what dev prints), keeps the speech records (the shared ``speech_subset.py`` cue filter), pairs
quotes as the shared scorer does at its default measure (overlap ≥ half of each span) and names
one cause per missed gold quote, in this order:

  cue not in lexicon   the gold cue's verb is not a cue form the engine knows
  according/passive    the cue is "according to" or a passive ("was quoted", "is expected")
  no candidate         the cue is known, but no attribution with that cue was proposed
  span end wrong       a prediction overlaps the gold quote but ends elsewhere (< half of a span)
  span start wrong     … starts elsewhere
  dropped              a candidate covered it but the decision stage removed it
  first paragraph      (counted besides the cause) the gold quote lies in the first paragraph

and for each false quote: non-speech cue class (the cue's lexicon class), fragment of a gold
quote (inside a gold quote, < half of it), no gold nearby. Prints counts by kind and examples.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from scripts.training.quotes import EVAL, _ov, _speech  # noqa: E402  (the trainer's reading of the data)


def _match(g, p) -> bool:
    o = _ov(g["start"], g["end"], p.start, p.end)
    return o >= 0.5 * (g["end"] - g["start"]) and o >= 0.5 * (p.end - p.start)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=EVAL / "polnear_dev.jsonl")
    ap.add_argument("--examples", type=int, default=3)
    args = ap.parse_args()
    from quotedesk.core.attribution import cues, pipeline
    speech = _speech()
    miss = Counter()
    false = Counter()
    first_para = Counter()
    examples: dict[str, list[str]] = {}
    n_gold = Counter()

    def ex(key, s):
        lst = examples.setdefault(key, [])
        if len(lst) < args.examples:
            lst.append(s.replace("\n", " ")[:220])

    for line in open(args.gold, encoding="utf-8"):
        d = json.loads(line)
        text = d["text"]
        gold = [q for q in d["quotes"] if q.get("cue") and speech.search(q["cue"])]
        other = [q for q in d["quotes"] if not (q.get("cue") and speech.search(q["cue"]))]
        preds = pipeline.extract_quotes(text)
        cands = pipeline.propose(text)[0] if hasattr(pipeline, "propose") else []  # older engines: no "dropped"
        first_end = text.find("\n\n", 1)
        used = set()
        for g in gold:
            n_gold[g["kind"]] += 1
            if any(_match(g, p) for p in preds):
                continue
            kind = g["kind"]
            cue = g["cue"].strip()
            first = cue.split()[0].lower() if cue else ""
            if first_end < 0 or g["start"] < first_end:
                first_para[kind] += 1
            over = [p for p in preds if _ov(g["start"], g["end"], p.start, p.end)]
            if cue.lower().startswith("according") or any(
                    w in ("was", "were", "is", "are", "been", "be") for w in cue.lower().split()[:-1]):
                why = "according/passive"
            elif not any(w in cues.FORM_TO_BASE for w in cue.lower().replace(":", " ").split()) \
                    and not any(w in ("statement", "interview") for w in cue.lower().split()):
                why = "cue not in lexicon"
            elif over:
                p = max(over, key=lambda p: _ov(g["start"], g["end"], p.start, p.end))
                why = "span end wrong" if abs(p.end - g["end"]) >= abs(p.start - g["start"]) else "span start wrong"
            elif any(_match(g, c) for c in cands):
                why = "dropped"
            else:
                why = "no candidate"
            miss[(kind, why)] += 1
            ex(f"miss {kind} / {why}", f"[cue {cue!r}] {g['text']}")
        for p in preds:
            if any(_match(g, p) for g in gold):
                continue
            if not any(_ov(p.start, p.end, g["start"], g["end"]) for g in gold) and any(
                    _ov(p.start, p.end, o["start"], o["end"]) for o in other):
                continue  # overlaps only belief/intention records: neither way
            if any(_ov(p.start, p.end, g["start"], g["end"]) for g in gold):
                why = "fragment/overlap of a gold quote"
            elif p.cue and cues.cue_class(p.cue) in ("infer", "predict", "describe", "promise"):
                why = f"cue class {cues.cue_class(p.cue)}"
            elif p.cue is None:
                why = "no cue (floating)"
            else:
                why = "no gold nearby"
            false[(p.kind, why)] += 1
            ex(f"false {p.kind} / {why}", f"[cue {p.cue!r}] {p.text}")
    print("gold speech quotes by kind:", dict(n_gold))
    print("\nmissed gold quotes (kind, cause):")
    for (kind, why), n in sorted(miss.items(), key=lambda kv: -kv[1]):
        print(f"  {n:4d}  {kind:8s} {why}")
    print("  first paragraph (also counted above):", dict(first_para))
    print("\nfalse quotes (kind, cause):")
    for (kind, why), n in sorted(false.items(), key=lambda kv: -kv[1]):
        print(f"  {n:4d}  {kind:8s} {why}")
    if args.examples:
        print("\nexamples:")
        for key in sorted(examples):
            print(" ", key)
            for s in examples[key]:
                print("     ", s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
