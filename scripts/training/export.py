"""Turn fitted scikit-learn models into the JSON specs ``quotedesk.core.attribution.learned`` scores.

Training-time only. ``logistic_spec`` takes a ``LogisticRegression`` (binary) and optionally the
``StandardScaler`` fitted before it (``fit_logistic`` fits both the way every stage here does); ``trees_spec`` takes a binary ``GradientBoostingClassifier``
(log-loss) and bakes its learning rate into the leaves. ``write`` stores a spec with sorted keys and
rounded numbers so a retrain with the same seed writes the same bytes.
"""
from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parents[2] / "desktop" / "quotedesk" / "core" / "attribution" / "data"


def _r(v: float) -> float:
    return float(f"{float(v):.6g}")


def logistic_spec(clf, features, scaler=None, **meta) -> dict:
    w = clf.coef_.ravel()
    spec = {"kind": "logistic", "features": list(features), "weights": [_r(v) for v in w],
            "bias": _r(clf.intercept_[0])}
    if scaler is not None:
        spec["mean"] = [_r(v) for v in scaler.mean_]
        spec["scale"] = [_r(v) for v in scaler.scale_]
    spec.update(meta)
    return spec


def fit_logistic(X, y, features, seed: int) -> tuple[dict, object]:
    """Standardise ``X``, fit a binary logistic regression (C=1, fixed seed) on it; returns its
    spec (add the meta with ``spec.update``) and the model the app will score, built from that
    spec (rounded weights), for choosing a threshold as it will run."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler
    from quotedesk.core.attribution.learned import from_spec

    scaler = StandardScaler().fit(X)
    clf = LogisticRegression(C=1.0, max_iter=5000, random_state=seed).fit(scaler.transform(X), y)
    spec = logistic_spec(clf, features, scaler)
    return spec, from_spec(spec)


def dense(x: dict, n: int) -> list[float]:
    """A sparse feature vector ``{index: value}`` as a list of ``n`` values."""
    v = [0.0] * n
    for i, val in x.items():
        v[i] = val
    return v


def trees_spec(gbc, features, **meta) -> dict:
    prior = gbc.init_.class_prior_[1] if hasattr(gbc.init_, "class_prior_") else None
    if prior is None:
        raise ValueError("expected the default log-loss init estimator")
    base = math.log(prior / (1 - prior))
    lr = gbc.learning_rate
    trees = []
    for est in gbc.estimators_[:, 0]:
        t = est.tree_
        trees.append({
            "feature": [int(v) if v >= 0 else -1 for v in t.feature],
            "threshold": [_r(v) for v in t.threshold],
            "left": [int(v) for v in t.children_left],
            "right": [int(v) for v in t.children_right],
            "value": [_r(lr * v) for v in t.value[:, 0, 0]],
        })
    spec = {"kind": "trees", "features": list(features), "base": _r(base), "trees": trees}
    spec.update(meta)
    return spec


def write(spec: dict, name: str, out_dir: Path | None = None) -> Path:
    """``out_dir/<name>.json`` (default: the package's data folder), written atomically."""
    out_dir = Path(out_dir or DATA_DIR)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.json"
    fd, tmp = tempfile.mkstemp(dir=out_dir, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(spec, fh, sort_keys=True, separators=(",", ":"))
        fh.write("\n")
    os.chmod(tmp, 0o644)  # mkstemp makes 0600: a wheel built from it would be unreadable to other users
    os.replace(tmp, path)
    from quotedesk.core.attribution import learned
    learned.model.cache_clear()  # a later stage's trainer runs the engine with the new weights
    return path
