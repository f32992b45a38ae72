"""The sentence encoder runs without onnxruntime's telemetry: nothing is written into the user's
home (onnxruntime >= 1.29 otherwise creates a device id and an event cache under
~/.cache/Microsoft/DeveloperTools at its first session, and uploads events)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from quotedesk.core.matching import encoder

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(encoder.missing() is not None, reason="the encoder cannot run here")
def test_encoding_writes_nothing_into_the_home_folder(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ORT_", "XDG_")) and k != "HOME"}
    env.update(HOME=str(home), PYTHONPATH=str(ROOT / "desktop"))
    code = ("from quotedesk.core.matching.encoder import Encoder\n"
            "v = Encoder().encode(['The bridge will reopen in May.'])\n"
            "print(v.shape)\n")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         timeout=120, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "(1, 384)" in out.stdout
    written = sorted(str(p.relative_to(home)) for p in home.rglob("*"))
    assert written == [], f"files written into HOME: {written}"
