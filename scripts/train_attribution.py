#!/usr/bin/env python3
"""Retrain every attribution model with fixed seeds and print its dev scores.

    PYTHONPATH=$PWD/desktop python3 scripts/train_attribution.py [--out DIR | --stability]

Stages, in order: the clause-end model (scripts/training/content_end.py), the speaker-mention
ranker (scripts/training/speaker.py), the quote model (scripts/training/quotes.py), the pronoun
antecedent model (scripts/training/antecedent.py) and the floating-quote speaker model
(scripts/training/floating.py); each has ``train(out_dir) -> dict``. Weights are written as JSON
into desktop/quotedesk/core/attribution/data/ (or --out). Needs the `dev` extra (scikit-learn).
Later stages propose with the weights the earlier ones just wrote into the package; with --out
they use the installed ones (run once into the package, then --out reproduces it).

``--stability`` writes nothing: for each trained model that has ``stability()`` (the speaker
mention ranker, the quote model, the antecedent model) it counts the dev picks or decisions that
change when 1 % of the training cases are left out, two seeds: the noise any retrain adds to a
change's effect (the quote model also gives the dev F1 of each).
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "desktop"))

STAGES = ("scripts.training.content_end", "scripts.training.speaker", "scripts.training.quotes",
          "scripts.training.antecedent", "scripts.training.floating")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--stability", action="store_true", help="count dev picks that move with 1%% less training data")
    args = ap.parse_args()
    report = {}
    for name in STAGES:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # that stage has no trainer (yet)
            raise
        if args.stability:
            if hasattr(mod, "stability"):
                report.update(mod.stability())
        elif hasattr(mod, "train"):
            report.update(mod.train(args.out))
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
