#!/usr/bin/env python3
"""Score `quotedesk extract` against gold quote files with the shared scorer, both measures.

    python scripts/eval_quotes.py                       # PolNeAR dev + the seed article
    python scripts/eval_quotes.py --gold FILE.jsonl …   # other gold files (JSONL, or one .gold.json)

For each gold file: runs the real `python -m quotedesk extract` on its documents (id + text only),
then `score_quotes.py` at the default measure (overlap ≥ 50% of both spans) and at the
GenderGapTracker measure (`--overlap gold --threshold 0.3`). The eval data stays outside the repo.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SHARED = Path("/work/shared")
DEFAULT_GOLD = [SHARED / "eval" / "polnear_dev.jsonl", SHARED / "seeds" / "putin-trump-call.gold.json"]
SCORER = SHARED / "eval" / "score_quotes.py"


def _as_jsonl(gold: Path, tmp: Path) -> Path:
    if gold.suffix == ".jsonl":
        return gold
    doc = json.loads(gold.read_text(encoding="utf-8"))
    out = tmp / (gold.stem + ".jsonl")
    out.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", nargs="+", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--scorer", type=Path, default=SCORER)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for gold in args.gold:
            gold_jsonl = _as_jsonl(gold, tmp)
            inputs = tmp / f"{gold.stem}.in.jsonl"
            with open(gold_jsonl, encoding="utf-8") as src, open(inputs, "w", encoding="utf-8") as dst:
                for line in src:
                    if line.strip():
                        d = json.loads(line)
                        dst.write(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n")
            pred = tmp / f"{gold.stem}.pred.jsonl"
            subprocess.run([sys.executable, "-m", "quotedesk", "extract", str(inputs), "--out", str(pred)],
                           check=True)
            for label, extra in (("default (50% of both spans)", []),
                                 ("GGT (--overlap gold --threshold 0.3)", ["--overlap", "gold", "--threshold", "0.3"])):
                print(f"== {gold.name}: {label}")
                sys.stdout.flush()
                subprocess.run([sys.executable, str(args.scorer), str(gold_jsonl), str(pred), *extra], check=True)
                print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
