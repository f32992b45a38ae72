#!/usr/bin/env python3
"""Train the pronoun-antecedent model (``core/attribution/pronouns.py``) on GAP and ship its weights.

    PYTHONPATH=desktop python3 scripts/train_pronouns.py            # train, tune, score, write data/pronouns.json
    PYTHONPATH=desktop python3 scripts/train_pronouns.py --no-write # scores only

Trains on ``gap-development.tsv``, chooses the model size and the decision threshold on
``gap-validation.tsv``, and prints F1 on validation and test with the dataset's own scorer
(``gap_scorer.py``: overall, masculine, feminine, bias F/M). Each GAP row gives a pronoun and two
candidate names A/B: both are candidates; the higher-scoring one is predicted coreferent when its
probability reaches the threshold, the other not (both FALSE is allowed, both TRUE is never predicted).
The given-name gender table shipped with the weights is derived from the development split's names
(the gender of each row's pronoun; names seen at least 3 times, 90 % one way). Deterministic: fixed
seeds, sorted keys, rounded numbers (``scripts/training/export.py``). Training-time only (scikit-learn
from the ``dev`` extra); the eval data stays outside the repository.
"""
from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(ROOT / "scripts"))
GAP = Path("/work/shared/eval/gap")

from quotedesk.core.attribution import pronouns  # noqa: E402
from quotedesk.core.attribution.lexicon import FIRST_NAMES  # noqa: E402
from training.export import trees_spec, write  # noqa: E402


def read(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def name_table(rows) -> dict:
    counts: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        g = pronouns.PRONOUN_GENDER[r["Pronoun"].lower()]
        for key in ("A", "B"):
            words = [w for w in r[key].split() if w[:1].isupper()]
            if len(words) >= 2:  # a given name only when a surname follows
                counts[words[0].lower()][g] += 1
    table = {}
    for name, c in sorted(counts.items()):
        total = sum(c.values())
        g, n = c.most_common(1)[0]
        if total >= 3 and n / total >= 0.9 and FIRST_NAMES.get(name, g) == g:
            table[name] = g
    return table


def featurise(rows, table):
    """Feature rows for every candidate of every GAP row: A, B and the other names the model
    proposes around the pronoun (as in an article, where every person named before competes);
    ``sizes`` says how many rows each GAP row has (A and B first)."""
    X, y, sizes = [], [], []
    for r in rows:
        p = int(r["Pronoun-offset"])
        given = [pronouns.Candidate(r[k], int(r[k + "-offset"]), int(r[k + "-offset"]) + len(r[k]))
                 for k in ("A", "B")]
        cands = given + pronouns.propose(r["Text"], p, p + len(r["Pronoun"]), exclude=given)
        labels = [r["A-coref"].upper() == "TRUE", r["B-coref"].upper() == "TRUE"] + [False] * (len(cands) - 2)
        for f, lab in zip(pronouns.features(r["Text"], p, p + len(r["Pronoun"]), cands, table), labels):
            X.append([f.get(n, 0.0) for n in pronouns.FEATURES])
            y.append(lab)
        sizes.append(len(cands))
    return X, y, sizes


def given_only(X, y, sizes):
    """The A and B rows of each GAP row (their features still computed among all candidates):
    GAP labels only A and B, so the other names teach nothing reliable as negatives."""
    keep = []
    i = 0
    for n in sizes:
        keep += [i, i + 1]
        i += n
    return [X[k] for k in keep], [y[k] for k in keep]


def decide(probs, sizes, threshold):
    """(A, B) per GAP row: the best-scoring candidate is the antecedent when it reaches the
    threshold; TRUE for A or B only when that candidate is A or B."""
    out = []
    i = 0
    for n in sizes:
        row = list(probs[i:i + n])
        i += n
        k = max(range(n), key=row.__getitem__)
        ok = row[k] >= threshold
        out.append((ok and k == 0, ok and k == 1))
    return out


def score(rows, decisions) -> dict:
    sys.path.insert(0, str(GAP))
    import gap_scorer  # the dataset's own scorer
    from constants import Gender
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as fh:
        for r, (a, b) in zip(rows, decisions):
            fh.write(f"{r['ID']}\t{'TRUE' if a else 'FALSE'}\t{'TRUE' if b else 'FALSE'}\n")
        system = fh.name
    gold = gap_scorer.read_annotations(str(GAP / f"gap-{rows[0]['ID'].split('-')[0]}.tsv"), is_gold=True)
    sysann = gap_scorer.read_annotations(system, is_gold=False)
    Path(system).unlink()
    s = gap_scorer.calculate_scores(gold, sysann)
    out = {"overall": s[None].f1(), "masculine": s[Gender.MASCULINE].f1(), "feminine": s[Gender.FEMININE].f1()}
    out["bias"] = out["feminine"] / out["masculine"] if out["masculine"] else 0.0
    return out


def fmt(s: dict) -> str:
    return (f"F1 overall {s['overall']:.1f}  masculine {s['masculine']:.1f}  feminine {s['feminine']:.1f}"
            f"  bias F/M {s['bias']:.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-write", action="store_true", help="print the scores, do not write the weights")
    ap.add_argument("--gap", type=Path, default=GAP)
    args = ap.parse_args()
    from sklearn.ensemble import GradientBoostingClassifier

    dev, val, test = (read(args.gap / f"gap-{s}.tsv") for s in ("development", "validation", "test"))
    table = name_table(dev)
    Xd, yd = given_only(*featurise(dev, table))
    Xv, _ = given_only(*featurise(val, table))
    Xt, _ = given_only(*featurise(test, table))
    sv, st = [2] * len(val), [2] * len(test)
    best = None
    for n_est, depth, rate in ((300, 3, 0.05), (500, 3, 0.03), (300, 4, 0.03)):
        clf = GradientBoostingClassifier(n_estimators=n_est, max_depth=depth, learning_rate=rate,
                                         subsample=0.8, min_samples_leaf=10, random_state=0)
        clf.fit(Xd, yd)
        pv = clf.predict_proba(Xv)[:, 1]
        for th in (0.25, 0.3, 0.35, 0.4, 0.45):
            s = score(val, decide(pv, sv, th))
            print(f"  trees {n_est} depth {depth} threshold {th:.2f}: validation {fmt(s)}")
            if best is None or s["overall"] > best[0]["overall"]:
                best = (s, n_est, depth, th, clf)
    s_val, n_est, depth, th, clf = best
    s_test = score(test, decide(clf.predict_proba(Xt)[:, 1], st, th))
    print(f"chosen: trees {n_est}, depth {depth}, threshold {th:.2f}")
    print(f"validation  {fmt(s_val)}")
    print(f"test        {fmt(s_test)}")
    if not args.no_write:
        spec = trees_spec(clf, pronouns.FEATURES, threshold=th, first_names=table,
                          trained_on="GAP gap-development.tsv; threshold and size tuned on gap-validation.tsv",
                          validation_f1=round(s_val["overall"], 1), test_f1=round(s_test["overall"], 1))
        path = write(spec, pronouns.MODEL_NAME)
        print(f"wrote {path} ({path.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
