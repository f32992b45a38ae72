"""Train the quote decision model (``core/attribution/quote_model.py``) on PolNeAR train speech records.

For every train article the engine's rules propose their candidate quotes (``pipeline.propose``);
each candidate is labelled 1 when it matches a gold speech record at the scorer's default measure
(overlap ≥ half of each span), 0 when it matches none, and is left out when it overlaps only
belief/intention records (they count neither way in the evaluation). Gradient-boosted trees
(scikit-learn, ``N_TREES`` of depth 4, at least ``MIN_LEAF`` candidates per leaf, fixed seed) learn them: on dev they beat the standardised
logistic regression shipped before them at every threshold from 0.2 to 0.7 (F1 0.879 against
0.875 at the chosen one; the trees see what a sum of weights cannot, a participle opening the
span *after a comma*, a cue *used as a noun* with a document speaker). The decision threshold is the lowest one
whose quote F1 on train, measured end to end (keep ≥ threshold, then the overlap rule), is within
one standard error (sqrt(F1 (1 - F1) / gold records)) of the best.
Dev figures: the same end-to-end F1/P/R and recall by kind, for the rules alone (every candidate
kept, their own confidences settling overlaps) and for the model.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

EVAL = Path("/work/shared/eval")
SEED = 13
#: min_samples_leaf: a leaf holds at least this many train candidates. Unbounded (1), the trees
#: scored 0.001 higher on dev but learned single candidates by their word count: ", arguing that
#: her client had repaid the money" fell to 0.31 because one train negative had its 7 words
N_TREES, LEARNING_RATE, MIN_LEAF = 300, 0.05, 20
THRESHOLDS = tuple(round(0.2 + 0.025 * k, 3) for k in range(21))


def _speech():
    spec = importlib.util.spec_from_file_location("speech_subset", EVAL / "speech_subset.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.SPEECH


def _ov(a0, a1, b0, b1) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _matches(g, s, e) -> bool:
    o = _ov(g["start"], g["end"], s, e)
    return o >= 0.5 * (g["end"] - g["start"]) and o >= 0.5 * (e - s)


#: Lexicon classes of speech acts the scorer's speech list leaves out ("vowed", "pledged",
#: "shouted", "chanted"): their records teach the model as quotes (the product records them; the
#: scorer counts them neither way). Belief and forecast classes ("infer", "predict") stay out.
SPEECH_ACT_CLASSES = frozenset(("promise", "exclaim"))


def _speech_act(cue: str | None) -> bool:
    from quotedesk.core.attribution import cues
    words = (cue or "").split()
    return bool(words) and cues.cue_class(words[-1]) in SPEECH_ACT_CLASSES


def documents(path: Path, speech, limit=None):
    """Per article: (candidates, features, labels, speech gold, other gold)."""
    from quotedesk.core.attribution import pipeline, quote_model
    docs = []
    for n, line in enumerate(open(path, encoding="utf-8")):
        if limit and n >= limit:
            break
        d = json.loads(line)
        text = d["text"]
        gold = [q for q in d["quotes"] if q.get("cue") and speech.search(q["cue"])]
        other = [q for q in d["quotes"] if not (q.get("cue") and speech.search(q["cue"]))]
        said = [o for o in other if _speech_act(o["cue"])]
        cands, ctx = pipeline.propose(text)
        xs = [quote_model.dense(x) for x in quote_model.candidate_features(ctx.text, cands, ctx)]
        ys = []
        for c in cands:
            if any(_matches(g, c.start, c.end) for g in gold + said):
                ys.append(1)
            elif not any(_ov(c.start, c.end, g["start"], g["end"]) for g in gold) and any(
                    _ov(c.start, c.end, o["start"], o["end"]) for o in other):
                ys.append(None)  # overlaps only a belief/intention record: neither way
            else:
                ys.append(0)
        docs.append((cands, xs, ys, gold, other, [c.base_conf for c in cands]))
    return docs


def score(docs, probs=None, threshold=0.5) -> dict:
    """End-to-end quote P/R/F1 (default measure, one-to-one) and recall by gold kind.

    ``probs`` None: the rules alone (every candidate, its own confidence)."""
    from quotedesk.core.attribution.pipeline import _drop_overlaps
    tp = n_pred = n_gold = 0
    by_kind: dict[str, list[int]] = {}
    for di, (cands, _xs, _ys, gold, other, confs) in enumerate(docs):
        keep = []
        for ci, c in enumerate(cands):
            p = confs[ci] if probs is None else probs[di][ci]
            if probs is None or p >= threshold:
                c.base_conf = p
                keep.append(c)
        preds = _drop_overlaps(keep)
        preds = [p for p in preds if any(_ov(p.start, p.end, g["start"], g["end"]) for g in gold)
                 or not any(_ov(p.start, p.end, o["start"], o["end"]) for o in other)]
        used = set()
        n_pred += len(preds)
        n_gold += len(gold)
        pairs = sorted(((_ov(g["start"], g["end"], p.start, p.end), gi, pi) for gi, g in enumerate(gold)
                        for pi, p in enumerate(preds) if _matches(g, p.start, p.end)), reverse=True)
        gdone = set()
        for _o, gi, pi in pairs:
            if gi in gdone or pi in used:
                continue
            gdone.add(gi)
            used.add(pi)
        tp += len(gdone)
        for gi, g in enumerate(gold):
            k = by_kind.setdefault(g["kind"], [0, 0])
            k[0] += gi in gdone
            k[1] += 1
        for ci, c in enumerate(cands):
            c.base_conf = confs[ci]
    p = tp / max(1, n_pred)
    r = tp / max(1, n_gold)
    return {"f1": round(2 * p * r / max(1e-9, p + r), 4), "p": round(p, 4), "r": round(r, 4),
            "recall_by_kind": {k: round(v[0] / max(1, v[1]), 4) for k, v in sorted(by_kind.items())}}


def _xy(docs):
    import numpy as np
    X = [x for _c, xs, ys, *_ in docs for x, y in zip(xs, ys) if y is not None]
    y = [y for _c, xs, ys, *_ in docs for y in ys if y is not None]
    return np.array(X, dtype=float), np.array(y)


def _probs(predict, docs):
    import numpy as np
    return [list(predict(np.array(xs, dtype=float))) if xs else [] for _c, xs, *_ in docs]


def _fit(docs):
    """The shipped model (rounded as it ships) fitted on ``docs``, and its spec."""
    from sklearn.ensemble import GradientBoostingClassifier
    from quotedesk.core.attribution.learned import from_spec
    from quotedesk.core.attribution.quote_model import FEATURES

    from .export import trees_spec
    X, y = _xy(docs)
    clf = GradientBoostingClassifier(n_estimators=N_TREES, max_depth=4, learning_rate=LEARNING_RATE,
                                     min_samples_leaf=MIN_LEAF, subsample=1.0, random_state=SEED).fit(X, y)
    spec = trees_spec(clf, FEATURES)
    return from_spec(spec), spec, y


def stability(drop: float = 0.01, seeds=(1, 2)) -> dict:
    """How many dev candidates change side of the shipped threshold, and dev F1, when ``drop`` of
    the train articles are left out (one count per seed). Writes nothing."""
    import random
    speech = _speech()
    tr = documents(EVAL / "polnear_train.jsonl", speech)
    dv = documents(EVAL / "polnear_dev.jsonl", speech)
    from quotedesk.core.attribution.learned import model
    from quotedesk.core.attribution.quote_model import MODEL
    t = float(model(MODEL).meta["threshold"])

    def kept(m):
        probs = _probs(m.probs, dv)
        return [p >= t for ps in probs for p in ps], score(dv, probs, t)["f1"]

    full, f1 = kept(_fit(tr)[0])
    flips, f1s = [], []
    for seed in seeds:
        rng = random.Random(seed)
        part, f = kept(_fit([d for d in tr if rng.random() >= drop])[0])
        flips.append(sum(a != b for a, b in zip(full, part)))
        f1s.append(f)
    return {"quote_span": {"dev_candidates": len(full), "dropped": drop, "threshold": t,
                           "dev_decisions_flipped": flips, "dev_f1_full": f1, "dev_f1_dropped": f1s}}


def train(out_dir=None) -> dict:
    from quotedesk.core.attribution.quote_model import MODEL

    from .export import write
    speech = _speech()
    tr = documents(EVAL / "polnear_train.jsonl", speech)
    dv = documents(EVAL / "polnear_dev.jsonl", speech)
    shipped, spec, y = _fit(tr)  # scored with the rounded values that ship

    predict = shipped.probs
    p_tr = _probs(predict, tr)
    f1s = {t: score(tr, p_tr, t)["f1"] for t in THRESHOLDS}
    # the train F1 curve is flat near its top (0.002 from 0.30 to 0.55): any argmax there is noise
    # and moved the threshold by up to 0.15 from one retrain to the next. One-standard-error rule:
    # the lowest threshold whose F1 is within one standard error of the best (recall is where the
    # targets are far; the precision given up is within what the sample can tell apart)
    top = max(f1s.values())
    se = (top * (1 - top) / max(1, sum(len(d[3]) for d in tr))) ** 0.5
    best = min(t for t in THRESHOLDS if f1s[t] >= top - se)
    spec.update(threshold=best, seed=SEED, trained_on="polnear_train speech records (speech_subset.py cues)")
    p_dv = _probs(predict, dv)
    rules_dev, model_dev = score(dv), score(dv, p_dv, best)
    spec["dev_rules"], spec["dev_model"] = rules_dev, model_dev
    path = write(spec, MODEL, out_dir)
    return {"quote_span": {"train_candidates": int(len(y)), "train_positive": int(y.sum()),
                           "threshold": best, "train_model": score(tr, p_tr, best),
                           "dev_rules": rules_dev, "dev_model": model_dev,
                           "weights": str(path), "bytes": path.stat().st_size}}


if __name__ == "__main__":
    print(json.dumps(train(), indent=1))
