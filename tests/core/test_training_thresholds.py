"""How the trainer picks the "he said" threshold: the middle of the best plateau, not the noise of
a flat curve."""
from __future__ import annotations

from script_loader import load_script  # tests/core/script_loader.py


def _trainer():
    return load_script("scripts/training/antecedent.py", "antecedent_trainer")


def _counts(rows):
    return {t: {"cases": 100, "right": r, "wrong": w, "none": 100 - r - w} for t, r, w in rows}


def test_a_lone_peak_does_not_decide_the_plateau_does():
    # right - wrong: 20, 26 (a lone point at 0.1), 20, then 24, 24, 24 from 0.3 to 0.5, then 18:
    # the plain maximum is 0.1, the middle of the broad plateau 0.4
    curve = _counts([(0.0, 62, 42), (0.1, 62, 36), (0.2, 56, 36), (0.3, 56, 32), (0.4, 55, 31),
                     (0.5, 54, 30), (0.6, 48, 30)])
    assert _trainer()._speaker_threshold(curve) == 0.4


def test_a_real_lead_moves_the_threshold_up():
    clear = _counts([(0.0, 50, 46), (0.3, 52, 38), (0.7, 50, 10)])
    assert _trainer()._speaker_threshold(clear) == 0.7


def test_a_flat_curve_keeps_the_lowest_threshold():
    flat = _counts([(0.0, 60, 30), (0.3, 55, 25), (0.7, 50, 20)])
    assert _trainer()._speaker_threshold(flat) == 0.0
