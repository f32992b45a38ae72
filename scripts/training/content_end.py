"""Train the clause-end model (``core/attribution/content_end.py``) on PolNeAR train speech records.

The engine's rules run on every train article with the model switched off, and each reported
clause they propose (``X said CONTENT``, to the sentence end or the rules' stop) is paired with
the gold indirect or mixed speech record that starts where it starts (within 6 characters) and
ends inside it. Every break ``content_end.breaks`` proposes before the gold end is a negative
("the clause goes on"), the break at the gold end (within 2 characters) the positive; breaks after
it are never reached and left out. A standardised logistic regression (scikit-learn,
deterministic) learns them. The threshold is the one under which the most train clauses match
their gold record at the scorer's default measure (overlap >= half of each span), ties to the
exact end. Dev figures: the same counts with and without the model.
"""
from __future__ import annotations

import json
from unittest import mock

from .quotes import EVAL, SEED, _matches, _speech

THRESHOLDS = tuple(round(0.3 + 0.05 * k, 2) for k in range(13))
_TOL = 2


def _spans(text: str) -> tuple[str, list[tuple[int, int, bool]]]:
    """The reported clauses the rules propose, before the model cuts them, and the text they are
    proposed in (``ctx.text``: title-case lines in sentence case)."""
    from quotedesk.core.attribution import content_end, pipeline
    seen: list[tuple[int, int, bool]] = []

    def record(_text, start, end, clause=False):
        seen.append((start, end, clause))
        return end

    with mock.patch.object(content_end, "cut", record):
        _cands, ctx = pipeline.propose(text)
    return ctx.text, sorted(set(seen))


def examples(path, speech):
    """Per gold-paired clause: (gold start, gold end, clause end, [(break, features, label)])."""
    from quotedesk.core.attribution import content_end
    out = []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        text = d["text"]
        gold = [q for q in d["quotes"] if q.get("cue") and speech.search(q["cue"])
                and q["kind"] in ("indirect", "mixed")]
        if not gold:
            continue
        text, spans = _spans(text)
        for g in gold:
            near = [(abs(s - g["start"]), s, e, clause) for s, e, clause in spans
                    if abs(s - g["start"]) <= 6 and s < g["end"] <= e + _TOL]
            if not near:
                continue
            _d, s, e, clause = min(near)
            rows = []
            for b, x in content_end.breaks(text, s, e, clause):
                if b < g["end"] - _TOL:
                    rows.append((b, x, 0))
                elif b <= g["end"] + _TOL:
                    rows.append((b, x, 1))
                else:
                    rows.append((b, x, None))
            out.append((g["start"], g["end"], s, e, rows))
    return out


def evaluate(exs, prob=None, threshold=0.5) -> dict:
    """How many clauses match their gold record (default measure) and end exactly (±2)."""
    match = exact = 0
    for gs, ge, s, e, rows in exs:
        end = e
        if prob is not None:
            for b, x, _y in rows:
                if prob(x) >= threshold:
                    end = b
                    break
        match += _matches({"start": gs, "end": ge}, s, end)
        exact += abs(end - ge) <= _TOL
    n = max(1, len(exs))
    return {"clauses": len(exs), "match": round(match / n, 4), "exact_end": round(exact / n, 4)}


def train(out_dir=None) -> dict:
    import numpy as np
    from quotedesk.core.attribution.content_end import FEATURES, MODEL

    from .export import dense, fit_logistic, write
    speech = _speech()
    tr = examples(EVAL / "polnear_train.jsonl", speech)
    dv = examples(EVAL / "polnear_dev.jsonl", speech)
    n = len(FEATURES)
    X = np.array([dense(x, n) for *_g, rows in tr for _b, x, y in rows if y is not None])
    y = np.array([y for *_g, rows in tr for _b, _x, y in rows if y is not None])
    spec, shipped = fit_logistic(X, y, FEATURES, SEED)
    prob = shipped.prob_sparse
    scores = {t: evaluate(tr, prob, t) for t in THRESHOLDS}
    best = max(THRESHOLDS, key=lambda t: (scores[t]["match"], scores[t]["exact_end"], -t))
    spec.update(threshold=best, seed=SEED,
                trained_on="polnear_train indirect/mixed speech records (speech_subset.py cues)")
    spec["dev_rules"], spec["dev_model"] = evaluate(dv), evaluate(dv, prob, best)
    path = write(spec, MODEL, out_dir)
    return {"content_end": {"train_breaks": int(len(y)), "train_positive": int(y.sum()),
                            "threshold": best, "train_rules": evaluate(tr), "train_model": scores[best],
                            "dev_rules": spec["dev_rules"], "dev_model": spec["dev_model"],
                            "weights": str(path), "bytes": path.stat().st_size}}


if __name__ == "__main__":
    print(json.dumps(train(), indent=1))
