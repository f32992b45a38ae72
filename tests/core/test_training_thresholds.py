"""How the trainer picks the "he said" threshold: not the noise of a flat curve."""
from __future__ import annotations

from script_loader import load_script  # tests/core/script_loader.py


def _trainer():
    return load_script("scripts/training/antecedent.py", "antecedent_trainer")


def _counts(rows):
    return {t: {"cases": 100, "right": r, "wrong": w, "none": 100 - r - w} for t, r, w in rows}


def test_a_flat_curve_keeps_the_threshold_that_answers_most():
    # the best (0.7) leads 0.0 by 4 with 28 cases answered differently: noise (sqrt 28 > 5)
    flat = _counts([(0.0, 60, 36), (0.3, 56, 31), (0.7, 48, 20)])
    assert _trainer()._speaker_threshold(flat) == 0.0


def test_a_real_lead_moves_the_threshold_up():
    # 0.7 leads 0.0 by 36 with 36 cases answered differently: more than noise (6), so it is kept
    clear = _counts([(0.0, 50, 46), (0.3, 52, 38), (0.7, 50, 10)])
    assert _trainer()._speaker_threshold(clear) == 0.7
