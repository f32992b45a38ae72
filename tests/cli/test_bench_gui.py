"""``quotedesk bench gui`` builds a library, opens the real window in fresh processes and scrolls
the library to its last row (figures are reported, not asserted: machines are noisy)."""
from __future__ import annotations

import json
import os
import subprocess
import sys


def test_bench_gui_opens_and_scrolls_the_whole_library(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    res = subprocess.run([sys.executable, "-m", "quotedesk", "bench", "gui", "--articles", "900", "--runs", "1",
                          "--quotes-per-article", "3", "--db", str(tmp_path / "lib.db")],
                         capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout[res.stdout.index("{"):])
    assert summary["articles"] == 900 and summary["quotes"] == 2700
    assert summary["scroll_pages"] >= 1  # more than one page: the model really paged
    assert summary["open_s_median"] > 0 and set(summary["sort_ms_median"]) == {"title", "quotes", "date"}
