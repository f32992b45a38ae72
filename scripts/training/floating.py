"""Train the floating-quote speaker model (``core/attribution/floating.py``) on PolNeAR train.

The engine runs on every train article; each floating quote it finds (no cue of its own) records
its candidate speakers (``floating.candidates``). A quote that matches a gold speech record at the
scorer's default measure, whose source is named (not a bare pronoun, as the speaker accuracy
counts), gives one group: a candidate is labelled 1 when its surnames are words of the gold
source (PolNeAR's sources carry appositives: "Senator Lindsey Graham, Republican of …"). While recording, the engine picks the
carried-over speaker (the rule before the model), so each quote sees the speakers before it as
the rule left them. A standardised logistic regression (scikit-learn, deterministic) learns the
candidates. The threshold is the one with the most right speakers minus twice the wrong ones on
train (no speaker is neither: a wrong speaker costs the analyst more than none; with a cost of one,
right minus wrong tied from 0.30 to 0.60 on train and the lowest, 0.30, gave 60 wrong against 40).
Dev: right / wrong / none for the rule and for the model.
"""
from __future__ import annotations

import json
from unittest import mock

from .quotes import EVAL, SEED, _matches, _speech

WRONG_COST = 2  # a wrong speaker counts as two missing ones

PRONOUNS = {"he", "she", "they", "who", "i", "we", "it", "you", "him", "her", "them"}
THRESHOLDS = tuple(round(0.1 + 0.05 * k, 2) for k in range(15))


def _agrees(gold_speaker, names) -> bool:
    """The candidate is the gold source: each of its surnames is a word of the gold source
    ("Lindsey Graham" for "Senator Lindsey Graham, Republican of South Carolina, who …"), one
    name for one source."""
    items = gold_speaker if isinstance(gold_speaker, list) else [gold_speaker]
    words = {w.lower().strip(".,()’'") for g in items if g for w in g.replace("’s", " ").split()}
    return bool(names) and len(names) <= max(1, len(items)) and all(
        n.split()[-1].lower().strip(".,") in words for n in names if n.split())


def _rule(props):
    """The rule the model replaces: the speaker of the quote before, within two paragraphs."""
    for res, x in props:
        if x.get(1):  # is_last
            gap_far = x.get(7)  # last_gap_far
            return None if gap_far else (res, 1.0)
    return None


def groups(path, speech):
    """Per floating quote matched to a named gold record: [(candidate names, features, label)]."""
    from quotedesk.core.attribution import floating, pipeline
    out = []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        text = d["text"]
        gold = [q for q in d["quotes"] if q.get("cue") and speech.search(q["cue"]) and q.get("speaker")
                and str(q["speaker"]).strip().lower() not in PRONOUNS]
        seen = []

        def record(props, _seen=seen):
            _seen.append(props)
            return _rule(props)

        with mock.patch.object(floating, "choose", record), \
                mock.patch.object(floating, "candidates", _tagging(floating.candidates, seen)):
            pipeline.extract_quotes(text)
        for (s, e), props in _spans(seen):
            g = next((g for g in gold if _matches(g, s, e)), None)
            if g is None or not props:
                continue
            out.append([(res.names, x, int(_agrees(g["speaker"], res.names))) for res, x in props])
    return out


def _tagging(candidates, seen):
    """``floating.candidates`` that also remembers which quote each list of candidates is for."""
    def wrapped(text, c, *args, **kw):
        props = candidates(text, c, *args, **kw)
        seen.append(("span", (c.start, c.end)))
        return props
    return wrapped


def _spans(seen):
    """Pairs ((start, end), props) from the interleaved record."""
    out = []
    span = None
    for item in seen:
        if isinstance(item, tuple) and len(item) == 2 and item[0] == "span":
            span = item[1]
        elif span is not None:
            out.append((span, item))
            span = None
    return out


def evaluate(gs, prob=None, threshold=0.5) -> dict:
    right = wrong = none = 0
    for g in gs:
        if prob is None:
            pick = next((y for _n, x, y in g if x.get(1) and not x.get(7)), None)
        else:
            best = max(g, key=lambda t: prob(t[1]))
            pick = best[2] if prob(best[1]) >= threshold else None
        if pick is None:
            none += 1
        elif pick:
            right += 1
        else:
            wrong += 1
    return {"quotes": len(gs), "right": right, "wrong": wrong, "none": none}


def train(out_dir=None) -> dict:
    import numpy as np
    from quotedesk.core.attribution.floating import FEATURES, MODEL

    from .export import dense, fit_logistic, write
    speech = _speech()
    tr = groups(EVAL / "polnear_train.jsonl", speech)
    dv = groups(EVAL / "polnear_dev.jsonl", speech)
    X = np.array([dense(x, len(FEATURES)) for g in tr for _n, x, _y in g])
    y = np.array([y for g in tr for _n, _x, y in g])
    spec, shipped = fit_logistic(X, y, FEATURES, SEED)
    prob = shipped.prob_sparse
    scores = {t: evaluate(tr, prob, t) for t in THRESHOLDS}
    best = max(THRESHOLDS, key=lambda t: (scores[t]["right"] - WRONG_COST * scores[t]["wrong"], -t))
    spec.update(threshold=best, seed=SEED, trained_on="polnear_train floating quotes with a named speech source")
    spec["dev_rule"], spec["dev_model"] = evaluate(dv), evaluate(dv, prob, best)
    path = write(spec, MODEL, out_dir)
    return {"floating_speaker": {"train_candidates": int(len(y)), "train_positive": int(y.sum()),
                                 "threshold": best, "train_rule": evaluate(tr), "train_model": scores[best],
                                 "dev_rule": spec["dev_rule"], "dev_model": spec["dev_model"],
                                 "weights": str(path), "bytes": path.stat().st_size}}


if __name__ == "__main__":
    print(json.dumps(train(), indent=1))
