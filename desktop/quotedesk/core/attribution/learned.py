"""The shipped weights of the attribution models, loaded once and scored in plain Python.

Decides nothing by itself: a stage computes its features and asks ``model(name).prob(x)``.
A model is a JSON file in ``core/attribution/data/`` written by ``scripts/train_attribution.py``
(never downloaded, never code: only numbers). Two kinds:

* ``"logistic"``: ``{"kind", "features", "weights", "bias"}``, optional ``"mean"``/``"scale"``
  (standardisation applied before the weights); ``prob = sigmoid(w·(x-mean)/scale + b)``.
* ``"trees"``: gradient-boosted regression trees over log-odds, ``{"kind", "features", "base",
  "trees": [{"feature": [...], "threshold": [...], "left": [...], "right": [...], "value": [...]}]}``
  with one array entry per node; a node with ``feature < 0`` is a leaf whose ``value`` (learning rate
  already applied) is added to ``base``; ``x[feature] <= threshold`` goes left (the scikit-learn
  convention). ``prob = sigmoid(base + Σ leaf values)``.

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

    def prob_sparse(self, x: Mapping[int, float]) -> float:
        """``prob`` of a vector given as ``{feature index: value}``, zeros left out."""
        w = self._w
        return sigmoid(self._b + sum(w[i] * v for i, v in x.items()))

    def vector(self, feats: Mapping[str, float]) -> list[float]:
        return [float(feats.get(f, 0.0)) for f in self.features]


class Trees:
    __slots__ = ("features", "_base", "_trees", "_index", "meta")

    def __init__(self, spec: Mapping):
        self.features = tuple(spec["features"])
        self.meta = _meta(spec)
        self._base = float(spec["base"])
        trees = []
        n = len(self.features)
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
        self._trees = tuple(trees)
        self._index = {f: i for i, f in enumerate(self.features)}

    def margin(self, x: Sequence[float]) -> float:
        z = self._base
        for f, th, le, ri, va in self._trees:
            k = 0
            fk = f[0]
            while fk >= 0:
                k = le[k] if x[fk] <= th[k] else ri[k]
                fk = f[k]
            z += va[k]
        return z

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
