"""How the trainer picks the "he said" threshold: the constant, unless another one leads it by more
than two standard deviations of noise (a flat curve's best point moves with every retrain)."""
from __future__ import annotations

from script_loader import load_script  # tests/core/script_loader.py


def _trainer():
    return load_script("scripts/training/antecedent.py", "antecedent_trainer")


def _counts(rows):
    return {t: {"cases": 100, "right": r, "wrong": w, "none": 100 - r - w} for t, r, w in rows}


def test_a_flat_curve_keeps_the_default_threshold():
    # right - wrong: 20, 26, 20, 24, 24, 24, 18: the best, 0.1, leads 0.3 by 2 with 10 cases
    # answered differently: noise (sqrt 10 = 3.2)
    curve = _counts([(0.0, 62, 42), (0.1, 62, 36), (0.2, 56, 36), (0.3, 56, 32), (0.4, 55, 31),
                     (0.5, 54, 30), (0.6, 48, 30)])
    trainer = _trainer()
    assert trainer._speaker_threshold(curve) == trainer.SPEAKER_THRESHOLD


def test_a_real_lead_moves_the_threshold():
    # 0.7 leads 0.3 by 26 with 28 cases answered differently: more than noise (2 x 5.3)
    clear = _counts([(0.0, 50, 46), (0.3, 52, 38), (0.7, 50, 10)])
    assert _trainer()._speaker_threshold(clear) == 0.7
    # 0.0 leads 0.3 by 10 with 10 more cases answered: more than noise (2 x 3.2)
    low = _counts([(0.0, 70, 20), (0.3, 60, 20), (0.7, 50, 10)])
    assert _trainer()._speaker_threshold(low) == 0.0


def test_a_lead_within_two_standard_deviations_does_not_move_it():
    # the retrain of 2026-12-07: 0.5 led 0.3 by 5 with 21 cases answered differently (one sigma
    # 4.6, two 9.2); on the real quotes that move changed, 12 had been right and 7 wrong
    curve = _counts([(0.3, 60, 30), (0.5, 52, 17)])
    trainer = _trainer()
    assert trainer._speaker_threshold(curve) == trainer.SPEAKER_THRESHOLD
