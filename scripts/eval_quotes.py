#!/usr/bin/env python3
"""Score `quotedesk extract` against gold quote files with the shared scorer, both measures.

    python scripts/eval_quotes.py                       # PolNeAR dev + the seed article
    python scripts/eval_quotes.py --gold FILE.jsonl …   # other gold files (JSONL, or one .gold.json)
    python scripts/eval_quotes.py --gold DEV.jsonl --speech   # PolNeAR restricted to speech cues

For each gold file: runs the real `python -m quotedesk extract` on its documents (id + text only),
then `score_quotes.py` at the default measure (overlap ≥ 50% of both spans) and at the
GenderGapTracker measure (`--overlap gold --threshold 0.3`). With ``--speech`` the gold and the
predictions are first restricted by the shared ``speech_subset.py`` (speech cues only; predictions
that overlap only belief/intention records count neither way) and one summary line is printed:
quote F1 and recall by kind on the speech records, speaker accuracy on those whose source is not
a bare pronoun. The eval data stays outside the repo.

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
SPEECH_SUBSET = SHARED / "eval" / "speech_subset.py"


def _as_jsonl(gold: Path, tmp: Path) -> Path:
    if gold.suffix == ".jsonl":
        return gold
    doc = json.loads(gold.read_text(encoding="utf-8"))
    out = tmp / (gold.stem + ".jsonl")
    out.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def _score(scorer: Path, gold: Path, pred: Path, *extra: str) -> dict:
    out = subprocess.run([sys.executable, str(scorer), str(gold), str(pred), "--json", *extra],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def _speech_summary(gold: Path, gold_jsonl: Path, pred: Path, tmp: Path, scorer: Path) -> None:
    sub = tmp / f"{gold.stem}.speech"
    subprocess.run([sys.executable, str(SPEECH_SUBSET), str(gold_jsonl), str(pred), str(sub)], check=True)
    q = _score(scorer, sub / "gold.jsonl", sub / "pred.jsonl")
    s = _score(scorer, sub / "gold_named.jsonl", sub / "pred.jsonl")
    g = _score(scorer, sub / "gold.jsonl", sub / "pred.jsonl", "--overlap", "gold", "--threshold", "0.3")
    rk = q["recall_by_kind"]
    print(f"== {gold.name} speech cues: F1 {q['quote_f1']:.3f} (P {q['quote_precision']:.3f} "
          f"R {q['quote_recall']:.3f}, gold {q['gold_quotes']} pred {q['predicted_quotes']}) | recall "
          + " ".join(f"{k} {v:.2f}" for k, v in rk.items())
          + f" | speaker (named sources) {s['speaker_accuracy']:.3f} | exact F1 {q['exact_span_f1']:.3f}"
          f" | GGT F1 {g['quote_f1']:.3f} | no speaker {_speakerless(pred)}")


def _speakerless(pred: Path) -> str:
    """Predictions with no speaker, of all (the speech scorer never sees a lost "he said": its
    speaker accuracy counts named sources only)."""
    n = none = 0
    for line in open(pred, encoding="utf-8"):
        for q in json.loads(line).get("quotes", []) if line.strip() else []:
            n += 1
            none += not q.get("speaker")
    return f"{none}/{n}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", nargs="+", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--scorer", type=Path, default=SCORER)
    ap.add_argument("--speech", action="store_true", help="restrict to speech cues (speech_subset.py)")
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
            if args.speech:
                _speech_summary(gold, gold_jsonl, pred, tmp, args.scorer)
                continue
            for label, extra in (("default (50% of both spans)", []),
                                 ("GGT (--overlap gold --threshold 0.3)", ["--overlap", "gold", "--threshold", "0.3"])):
                print(f"== {gold.name}: {label}")
                sys.stdout.flush()
                subprocess.run([sys.executable, str(args.scorer), str(gold_jsonl), str(pred), *extra], check=True)
                print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
