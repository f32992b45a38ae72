#!/usr/bin/env python3
"""Build the common-word lexicon: words that open sentences capitalised but are not names.

    python3 scripts/build_common_words.py [--corpus ../shared/eval/polnear_train.jsonl]

A word belongs when, in the training texts, it is written lower-case at least ``--min-lower``
times and capitalised in mid-sentence (after a lower-case word or a comma) at most once per
``--ratio`` lower-case uses: "following", "instead", "overall", "even". A name is capitalised
mid-sentence ("Bill Clinton", "the White House"), so it stays out. The output
(``core/attribution/data/common_words.json``) holds only these words and the counts' rule, no
text of the corpus; the name detector (resolve.EntityIndex) drops such a word when it opens a
sentence, and the mention finder when it opens a speaker phrase. Deterministic: same corpus,
same file.
"""
from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "desktop/quotedesk/core/attribution/data/common_words.json"
WORD = re.compile(r"(?<![\w’'\-])([A-Za-z][a-z]+)(?![\w’'\-])")


def count(texts) -> tuple[Counter, Counter]:
    lower: Counter = Counter()
    mid_cap: Counter = Counter()
    for text in texts:
        for m in WORD.finditer(text):
            w = m.group(1)
            if w.islower():
                lower[w] += 1
            elif w[0].isupper() and w[1:].islower():
                before = text[max(0, m.start() - 2):m.start()]
                if len(before) == 2 and before[1] == " " and (before[0].islower() or before[0] == ","):
                    mid_cap[w.lower()] += 1
    return lower, mid_cap


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/eval/polnear_train.jsonl")
    ap.add_argument("--min-lower", type=int, default=20)
    ap.add_argument("--ratio", type=int, default=40)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    if "train" not in args.corpus.name:
        raise SystemExit("build the lexicon from a training split only")
    texts = [json.loads(line)["text"] for line in open(args.corpus, encoding="utf-8")]
    lower, mid_cap = count(texts)
    words = sorted(w for w, n in lower.items()
                   if n >= args.min_lower and mid_cap[w] * args.ratio <= n and len(w) >= 2)
    spec = {"rule": f"lower-case >= {args.min_lower} and capitalised mid-sentence <= lower-case / {args.ratio}",
            "corpus": args.corpus.name, "words": words}
    tmp = args.out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(spec, indent=0) + "\n", encoding="utf-8")
    tmp.replace(args.out)
    print(f"{len(words)} common words from {len(texts)} texts -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
