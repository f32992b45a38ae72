"""Short form of scripts/stress_crash.py: a writer killed with SIGKILL loses nothing it reported
saved and leaves no half-imported article (long form: ``python scripts/stress_crash.py --trials 50``)."""
from __future__ import annotations

import os
import sys

import pytest

from script_loader import load_script  # tests/core/script_loader.py

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def load_stress():
    return load_script("scripts/stress_crash.py", "stress_crash")


def test_sigkill_at_random_moments_loses_nothing(tmp_path):
    stress = load_stress()
    trials = int(os.environ.get("QUOTEDESK_CRASH_TRIALS", "4"))
    result = stress.run_trials(tmp_path / "stress.db", trials, seed=7)
    assert result["failures"] == []
    assert result["imported"] > 0 and result["corrections"] > 0  # the child really worked before each kill
