"""The shipped weights of the attribution models, loaded once and scored in plain Python (logistic)
or NumPy (trees, every candidate of a decision in one call).

Decides nothing by itself: a stage computes its features and asks ``model(name).prob(x)``, or
``probs(rows)`` for several candidates at once.
A model is a JSON file in ``core/attribution/data/`` written by ``scripts/train_attribution.py``
(never downloaded, never code: only numbers). Two kinds:

* ``"logistic"``: ``{"kind", "features", "weights", "bias"}``, optional ``"mean"``/``"scale"``
  (standardisation applied before the weights); ``prob = sigmoid(w·(x-mean)/scale + b)``.
* ``"trees"``: gradient-boosted regression trees over log-odds, ``{"kind", "features", "base",
  "trees": [{"feature": [...], "threshold": [...], "left": [...], "right": [...], "value": [...]}]}``
  with one array entry per node; a node with ``feature < 0`` is a leaf whose ``value`` (learning rate
  already applied) is added to ``base``; ``x[feature] <= threshold`` goes left (the scikit-learn
  convention); at most ``MAX_DEPTH`` levels deep. ``prob = sigmoid(base + Σ leaf values)``.

Any other key of the spec (a decision ``threshold``, training notes) is kept in ``model.meta``.
``features`` names the inputs in order, so a stage can pass a dict and a retrained model with the
features in another order still reads them right. A missing file or a malformed one raises
``ModelError`` naming the file: shipping without weights is a packaging bug, not a user error.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from importlib import resources
from typing import Mapping, Sequence

import numpy as np

DATA_PACKAGE = "quotedesk.core.attribution.data"


class ModelError(RuntimeError):
    """The weights file is missing or not a model this module can score."""


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


_SPEC_KEYS = frozenset(("kind", "features", "weights", "bias", "mean", "scale", "base", "trees"))


def _meta(spec: Mapping) -> dict:
    """The spec's other keys (threshold, training notes): read by the stage that owns the model."""
    return {k: v for k, v in spec.items() if k not in _SPEC_KEYS}


class Logistic:
    __slots__ = ("features", "_w", "_b", "_index", "meta")

    def __init__(self, spec: Mapping):
        self.features = tuple(spec["features"])
        self.meta = _meta(spec)
        w = [float(v) for v in spec["weights"]]
        mean = [float(v) for v in spec.get("mean") or [0.0] * len(w)]
        scale = [float(v) or 1.0 for v in spec.get("scale") or [1.0] * len(w)]
        if not (len(w) == len(mean) == len(scale) == len(self.features)):
            raise ValueError("weights, mean, scale and features differ in length")
        # fold the standardisation into the weights: w·(x-m)/s + b = (w/s)·x + (b - Σ w·m/s)
        self._w = tuple(wi / si for wi, si in zip(w, scale))
        self._b = float(spec["bias"]) - sum(wi * mi / si for wi, mi, si in zip(w, mean, scale))
        self._index = {f: i for i, f in enumerate(self.features)}

    def margin(self, x: Sequence[float]) -> float:
        return self._b + sum(wi * xi for wi, xi in zip(self._w, x))

    def prob(self, x: Sequence[float]) -> float:
        return sigmoid(self.margin(x))

    def probs(self, rows: Sequence[Sequence[float]]) -> list[float]:
        return [self.prob(x) for x in (rows.tolist() if isinstance(rows, np.ndarray) else rows)]

    def prob_sparse(self, x: Mapping[int, float]) -> float:
        """``prob`` of a vector given as ``{feature index: value}``, zeros left out."""
        w = self._w
        return sigmoid(self._b + sum(w[i] * v for i, v in x.items()))

    def vector(self, feats: Mapping[str, float]) -> list[float]:
        return [float(feats.get(f, 0.0)) for f in self.features]


#: deepest tree ``Trees`` scores (the trainer's are 3 and 4 levels): a tree's 2**depth - 1 tests
#: make one code of at most 15 bits, looked up in a table of 32,768 leaf positions
MAX_DEPTH = 4
#: rows ``Trees`` scores in one NumPy pass
BLOCK = 256


class Trees:
    """Boosted trees scored for every tree and row at once with NumPy. Each tree is laid out as a
    complete binary tree of the ensemble's depth (node ``k``'s children are ``2k+1`` and ``2k+2``;
    a leaf above the last level repeats itself below, so either branch reaches its value). One
    comparison over all nodes gives each tree a code (bit ``k``: node ``k`` goes left), and a table
    shared by all trees maps the code to the leaf the walk would reach."""
    __slots__ = ("features", "_base", "_feat", "_thr", "_nodes", "_leaf_of", "_leaf", "_index", "meta")

    def __init__(self, spec: Mapping):
        self.features = tuple(spec["features"])
        self.meta = _meta(spec)
        self._base = float(spec["base"])
        n = len(self.features)
        trees = []
        for t in spec["trees"]:
            f = tuple(int(v) for v in t["feature"])
            th = tuple(float(v) for v in t["threshold"])
            le = tuple(int(v) for v in t["left"])
            ri = tuple(int(v) for v in t["right"])
            va = tuple(float(v) for v in t["value"])
            if not (len(f) == len(th) == len(le) == len(ri) == len(va)) or any(
                    fi >= n or (fi >= 0 and not (k < le[k] < len(f) and k < ri[k] < len(f)))
                    for k, fi in enumerate(f)):
                # a child stands after its parent (as scikit-learn writes them): a walk always ends
                raise ValueError("a tree's arrays differ in length or point outside it or back")
            if not all(math.isfinite(v) for v in th + va):
                raise ValueError("a tree holds a threshold or value that is not a finite number")
            trees.append((f, th, le, ri, va))
        depth = 0
        for f, _th, le, ri, _va in trees:
            level = [0] * len(f)  # children stand after parents: one forward pass gives the levels
            for k, fk in enumerate(f):
                if fk >= 0:
                    level[le[k]] = level[ri[k]] = level[k] + 1
            depth = max(depth, max(level, default=0))
        if depth > MAX_DEPTH:
            raise ValueError(f"a tree is {depth} levels deep (at most {MAX_DEPTH}: retrain shallower)")
        inner = (1 << depth) - 1
        feat = np.zeros((len(trees), inner), dtype=np.intp)
        thr = np.full((len(trees), inner), np.inf)
        leaf = np.zeros((len(trees), 1 << depth))
        for i, (f, th, le, ri, va) in enumerate(trees):
            stack = [(0, 0, 0)]  # (node in the spec, position in the complete tree, level)
            while stack:
                k, pos, lvl = stack.pop()
                if lvl == depth:
                    leaf[i, pos - inner] = va[k]
                elif f[k] < 0:
                    stack += [(k, 2 * pos + 1, lvl + 1), (k, 2 * pos + 2, lvl + 1)]
                else:
                    feat[i, pos], thr[i, pos] = f[k], th[k]
                    stack += [(le[k], 2 * pos + 1, lvl + 1), (ri[k], 2 * pos + 2, lvl + 1)]
        codes = np.arange(1 << inner)
        pos = np.zeros(codes.size, dtype=np.intp)
        for _ in range(depth):  # the walk, once for every code
            pos = 2 * pos + 2 - ((codes >> pos) & 1)
        self._leaf_of = pos - inner
        self._feat, self._thr, self._leaf = feat.ravel(), thr.ravel(), leaf
        self._nodes = (len(trees), inner, 1 << np.arange(inner))
        self._index = {f: i for i, f in enumerate(self.features)}

    def margins(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """``margin`` of each row, ``BLOCK`` rows at a time (a row's node tests take ``trees x
        nodes`` floats: 36 KB for 300 trees of depth 4, so thousands of candidates at once would
        take gigabytes)."""
        out: list[float] = []
        for k in range(0, len(rows), BLOCK):
            out += self._margins(rows[k:k + BLOCK])
        return out

    def _margins(self, rows: Sequence[Sequence[float]]) -> list[float]:
        x = np.asarray(rows, dtype=np.float64)
        n_trees, inner, bits = self._nodes
        left = np.take(x, self._feat, axis=1) <= self._thr  # x <= threshold goes left (scikit-learn)
        code = left.reshape(len(x), n_trees, inner) @ bits
        values = self._leaf[np.arange(n_trees), self._leaf_of[code]]
        values[:, 0] += self._base  # added left to right from the base, as a walk adds them:
        return np.add.accumulate(values, axis=1)[:, -1].tolist()  # the same float every time

    def margin(self, x: Sequence[float]) -> float:
        return self.margins([x])[0]

    def probs(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """Probability of each row (rows: a sequence of vectors or a 2-D array)."""
        return [sigmoid(z) for z in self.margins(rows)]

    def prob(self, x: Sequence[float]) -> float:
        return sigmoid(self.margin(x))

    def vector(self, feats: Mapping[str, float]) -> list[float]:
        return [float(feats.get(f, 0.0)) for f in self.features]


Model = Logistic | Trees
_KINDS = {"logistic": Logistic, "trees": Trees}


def from_spec(spec: Mapping) -> Model:
    """A model from its JSON object (``kind`` says which)."""
    kind = spec.get("kind") if isinstance(spec, Mapping) else None
    if kind not in _KINDS:
        raise ValueError(f"unknown model kind {kind!r} (expected one of {sorted(_KINDS)})")
    return _KINDS[kind](spec)


@lru_cache(maxsize=None)
def model(name: str) -> Model:
    """The shipped model ``data/<name>.json``, read once per process."""
    try:
        raw = resources.files(DATA_PACKAGE).joinpath(f"{name}.json").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ModelError(f"attribution model {name!r} is not installed "
                         f"(expected quotedesk/core/attribution/data/{name}.json; run scripts/train_attribution.py)") from exc
    try:
        return from_spec(json.loads(raw))
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelError(f"quotedesk/core/attribution/data/{name}.json is not a valid model: {exc}") from exc


__all__ = ["Logistic", "Model", "ModelError", "Trees", "from_spec", "model", "sigmoid"]
