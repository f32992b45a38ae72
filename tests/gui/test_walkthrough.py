"""The README's fact-checker walkthrough runs end to end in the real window.

``scripts/walkthrough.py`` checks at each step that the window shows what it should (the earlier
matches, the timeline, the compare view, a verdict carried forward, a valid ClaimReview export)
and exits non-zero naming the step that does not. Running it here keeps the README's screenshots
and the workflow they document from drifting apart.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_walkthrough_runs_every_step_and_writes_its_screenshots(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home")}
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "walkthrough.py"), "--out", str(tmp_path)],
                         capture_output=True, text=True, env=env, timeout=240, cwd=ROOT)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    shots = sorted(p.name for p in tmp_path.glob("walkthrough-*.png"))
    assert len(shots) == 8, shots
    assert all((tmp_path / name).stat().st_size > 10_000 for name in shots)
    assert not list(tmp_path.glob("*.tmp*"))  # each screenshot written whole or not at all
