"""The shared scorer of shipped weights: logistic and boosted trees give the probabilities their
trainer gave, and a broken weights file is refused with its name."""
from __future__ import annotations

import json
import math

import pytest

from quotedesk.core.attribution import learned


def test_logistic_applies_standardisation_and_weights():
    m = learned.from_spec({"kind": "logistic", "features": ["a", "b"], "weights": [2.0, -1.0],
                           "bias": 0.5, "mean": [1.0, 0.0], "scale": [2.0, 1.0]})
    # z = 2*(3-1)/2 - 1*4 + 0.5 = -1.5
    assert m.prob([3.0, 4.0]) == pytest.approx(1 / (1 + math.exp(1.5)))
    assert m.vector({"b": 4.0, "a": 3.0, "ignored": 9}) == [3.0, 4.0]


def test_trees_walk_left_on_less_or_equal_and_sum_leaves():
    # one stump on feature 0 at 1.0, one on feature 1 at 0.0
    stump = lambda f, lo, hi: {"feature": [f, -1, -1], "threshold": [1.0 if f == 0 else 0.0, 0, 0],
                               "left": [1, -1, -1], "right": [2, -1, -1], "value": [0, lo, hi]}
    m = learned.from_spec({"kind": "trees", "features": ["x", "y"], "base": -0.2,
                           "trees": [stump(0, -1.0, 1.0), stump(1, 0.3, -0.3)]})
    assert m.margin([1.0, 0.0]) == pytest.approx(-0.2 - 1.0 + 0.3)  # equal to threshold goes left
    assert m.margin([1.5, 2.0]) == pytest.approx(-0.2 + 1.0 - 0.3)
    assert 0.0 < m.prob([1.5, 2.0]) < 1.0


def _walk(tree, x):
    """The walk the trainer's trees mean, node by node (the reference the scorer must equal)."""
    k = 0
    while tree["feature"][k] >= 0:
        k = tree["left"][k] if x[tree["feature"][k]] <= tree["threshold"][k] else tree["right"][k]
    return tree["value"][k]


#: depth 3 on the left, a leaf straight away on the right
_UNEVEN = {"feature": [0, 1, -1, 0, -1, -1, -1], "threshold": [0.5, 2.0, 0, 0.1, 0, 0, 0],
           "left": [1, 3, -1, 4, -1, -1, -1], "right": [6, 2, -1, 5, -1, -1, -1],
           "value": [0, 0, 0.25, 0, -0.5, 0.75, 1.5]}


def test_uneven_trees_score_each_row_as_a_walk_would():
    # the second tree is a lone leaf
    deep = _UNEVEN
    leaf = {"feature": [-1], "threshold": [0.0], "left": [-1], "right": [-1], "value": [0.125]}
    m = learned.from_spec({"kind": "trees", "features": ["a", "b"], "base": 0.1, "trees": [deep, leaf]})
    rows = [[a, b] for a in (-1.0, 0.1, 0.3, 0.5, 0.6) for b in (1.0, 2.0, 2.5)]
    want = [0.1 + _walk(deep, r) + 0.125 for r in rows]
    assert m.margins(rows) == want  # all rows at once: exactly the walk's sums
    assert [m.margin(r) for r in rows] == want
    assert {_walk(deep, r) for r in rows} == {0.25, -0.5, 0.75, 1.5}  # every leaf reached
    assert m.probs(rows) == [m.prob(r) for r in rows]


def test_trees_score_more_rows_than_one_block_as_each_row_alone():
    # a 5 MB article proposes tens of thousands of candidates: they are scored a block at a time
    # (all at once took gigabytes), in order, each exactly as alone, and an array reads as rows
    import numpy as np
    deep = _UNEVEN
    m = learned.from_spec({"kind": "trees", "features": ["a", "b"], "base": 0.1, "trees": [deep]})
    rows = [[(k % 7) / 5 - 0.3, (k % 5) * 0.7] for k in range(2 * learned.BLOCK + 3)]
    want = [0.1 + _walk(deep, r) for r in rows]
    assert m.margins(rows) == want
    assert m.probs(np.array(rows)) == [m.prob(r) for r in rows]


def test_a_tree_deeper_than_the_scorer_reads_is_refused():
    n = 2 * learned.MAX_DEPTH + 3  # a chain one level too deep: each right child tests again
    chain = {"feature": [0 if k % 2 == 0 and k < n - 1 else -1 for k in range(n)],
             "threshold": [float(k) for k in range(n)],
             "left": [k + 1 if k % 2 == 0 and k < n - 1 else -1 for k in range(n)],
             "right": [k + 2 if k % 2 == 0 and k < n - 1 else -1 for k in range(n)],
             "value": [1.0] * n}
    with pytest.raises(ValueError, match="levels deep"):
        learned.from_spec({"kind": "trees", "features": ["x"], "base": 0.0, "trees": [chain]})


def test_a_tree_pointing_outside_itself_is_refused():
    bad = {"kind": "trees", "features": ["x"], "base": 0.0,
           "trees": [{"feature": [0], "threshold": [0.0], "left": [5], "right": [6], "value": [0.0]}]}
    with pytest.raises(ValueError):
        learned.from_spec(bad)
    with pytest.raises(ValueError, match="unknown model kind"):
        learned.from_spec({"kind": "forest"})


def test_a_tree_that_loops_or_holds_no_number_is_refused():
    # node 1 points back to node 0: walking it would never end
    loop = {"kind": "trees", "features": ["x"], "base": 0.0,
            "trees": [{"feature": [0, 0, -1], "threshold": [0.0, 0.0, 0.0], "left": [1, 1, -1],
                       "right": [2, 2, -1], "value": [0.0, 0.0, 1.0]}]}
    with pytest.raises(ValueError, match="back"):
        learned.from_spec(loop)
    nan = {"kind": "trees", "features": ["x"], "base": 0.0,
           "trees": [{"feature": [0, -1, -1], "threshold": [float("nan"), 0.0, 0.0], "left": [1, -1, -1],
                      "right": [2, -1, -1], "value": [0.0, 1.0, 2.0]}]}
    with pytest.raises(ValueError, match="finite"):
        learned.from_spec(nan)


def test_missing_model_names_the_file():
    with pytest.raises(learned.ModelError, match="no_such_model.json"):
        learned.model("no_such_model")


def test_exported_sklearn_models_score_like_sklearn():
    np = pytest.importorskip("numpy")
    sk = pytest.importorskip("sklearn.ensemble")
    lm = pytest.importorskip("sklearn.linear_model")
    pre = pytest.importorskip("sklearn.preprocessing")
    from script_loader import load_script  # tests/core/script_loader.py
    export = load_script("scripts/training/export.py", "export")
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 3))
    y = (X[:, 0] + 0.5 * X[:, 1] * X[:, 2] > 0).astype(int)
    gbc = sk.GradientBoostingClassifier(n_estimators=20, max_depth=3, random_state=0).fit(X, y)
    trees = learned.from_spec(json.loads(json.dumps(export.trees_spec(gbc, ["a", "b", "c"]))))
    scaler = pre.StandardScaler().fit(X)
    lr = lm.LogisticRegression().fit(scaler.transform(X), y)
    logi = learned.from_spec(json.loads(json.dumps(export.logistic_spec(lr, ["a", "b", "c"], scaler))))
    for row in X[:25]:
        assert trees.prob(list(row)) == pytest.approx(gbc.predict_proba([row])[0, 1], abs=1e-4)
        assert logi.prob(list(row)) == pytest.approx(lr.predict_proba(scaler.transform([row]))[0, 1], abs=1e-4)
