"""Short form of scripts/stress_crash.py: a writer killed with SIGKILL loses nothing it reported
saved and leaves no half-imported article (long form: ``python scripts/stress_crash.py --trials 50``)."""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "stress_crash.py"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def load_script():
    spec = importlib.util.spec_from_file_location("stress_crash", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sigkill_at_random_moments_loses_nothing(tmp_path):
    stress = load_script()
    trials = int(os.environ.get("QUOTEDESK_CRASH_TRIALS", "4"))
    result = stress.run_trials(tmp_path / "stress.db", trials, seed=7)
    assert result["failures"] == []
    assert result["imported"] > 0 and result["corrections"] > 0  # the child really worked before each kill
