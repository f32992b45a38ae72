#!/usr/bin/env python3
"""Build the given-name gender lexicon from GAP's development splits.

    python3 scripts/build_given_names.py [--gap ../shared/eval/gap]

GAP (Webster et al. 2018) pairs each pronoun with two names of its own gender: every candidate
name ``A``/``B`` of a row whose pronoun is "he"/"his"/"him" is a man's, "she"/"her" a woman's.
The first word of a candidate written as given name + surname ("Elaine Kamarck") is taken as a
given name when every row it appears in agrees (``--min`` rows at least) and it is not a title
("King Edward", "Dr. Ruth"). Only the development and validation splits are read: the test split
stays for scoring. The output (``core/attribution/data/given_names.json``) holds only the names
and their genders, no GAP text; ``lexicon.given_names`` merges it under the hand-written table,
so the entity index knows that "Elaine" or "Heidi" is a woman when it resolves "he" and "she".
Deterministic: same files, same output.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))
OUT = ROOT / "desktop/quotedesk/core/attribution/data/given_names.json"
SPLITS = ("gap-development.tsv", "gap-validation.tsv")
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


def count(paths) -> dict[str, Counter]:
    from quotedesk.core.attribution.lexicon import TITLES
    counts: dict[str, Counter] = defaultdict(Counter)
    for path in paths:
        with open(path, newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                gender = PRONOUN_GENDER[row["Pronoun"].lower()]
                for key in ("A", "B"):
                    words = row[key].split()
                    first = words[0] if words else ""
                    if len(words) < 2 or not (first[:1].isupper() and first[1:].isalpha() and first[1:].islower()):
                        continue
                    if not words[-1][:1].isupper() or first.lower() in TITLES:
                        continue  # "King Edward", "Dr. Ruth": a title, not a given name
                    counts[first.lower()][gender] += 1
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gap", type=Path, default=ROOT.parent / "shared/eval/gap")
    ap.add_argument("--min", type=int, default=1, help="rows a name must appear in (default 1)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    counts = count(args.gap / s for s in SPLITS)
    names = {n: next(iter(c)) for n, c in sorted(counts.items()) if len(c) == 1 and sum(c.values()) >= args.min}
    spec = {"rule": f"first word of a GAP candidate name, every one of >= {args.min} rows one gender",
            "splits": list(SPLITS), "names": names}
    tmp = args.out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(spec, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(args.out)
    print(f"{len(names)} given names -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
