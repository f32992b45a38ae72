"""``quotedesk bench import`` times real imports of articles of growing size (figures are reported,
not asserted: machines are noisy)."""
from __future__ import annotations

import json
import subprocess
import sys


def test_bench_import_reports_the_per_quote_cost_per_article_size():
    res = subprocess.run([sys.executable, "-m", "quotedesk", "bench", "import", "--sizes", "5,40",
                          "--runs", "3", "--json"], capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["runs"] == 3
    assert [r["quotes"] for r in out["sizes"]] == [5, 40]  # every quote of the article was found
    for row in out["sizes"]:
        assert row["ms_per_quote"] > 0 and row["total_s"] >= row["store_s"] > 0


def test_bench_import_refuses_bad_sizes_in_one_line():
    res = subprocess.run([sys.executable, "-m", "quotedesk", "bench", "import", "--sizes", "a,b"],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 2
    assert res.stderr.strip() == "quotedesk: --sizes must be whole numbers separated by commas (got 'a,b')"
