"""``quotedesk export --format json|csv|claimreview`` through the real entry point (issue 15)."""
from __future__ import annotations

import csv
import io
import json

import pytest

from quotedesk.core.exporting import EARLIER_FIELDS, FIELDS
from quotedesk.core.matching.claimreview import missing_properties
from quotedesk.core.matching.verdicts import set_verdict
from quotedesk.core.store.db import open_store

from tests.cli.test_library_cli import run
from tests.core.matching_helpers import add_quotes_article, import_statements

CLAIM_JAN = "The harbour tunnel will open to traffic in June and it will cost less than planned."
CLAIM_MAY = "The harbour tunnel will open to traffic in June, and it will cost less than planned."


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "q.db"
    s = open_store(path)
    import_statements(s, [("st-jan", CLAIM_JAN + " </script><!--", "Mia Holt", "2024-01-09",
                           "Council minutes")])
    add_quotes_article(s, "Tunnel in May", "2024-05-02", "Herald", [(CLAIM_MAY, "Mia Holt")])
    set_verdict(s, "st-jan", "false", "It opens in October.")
    s.close()
    return path


def test_json_export_lists_the_earlier_matches(db):
    r = run("export", "--db", db, "--format", "json")
    assert r.returncode == 0, r.stderr
    (item,) = json.loads(r.stdout)
    assert item["earlier"][0]["statement_id"] == "st-jan"
    assert item["earlier"][0]["source"] == "Council minutes"
    assert item["earlier"][0]["match"] in ("verbatim", "partial", "reworded")


def test_csv_export_appends_the_two_columns(db):
    r = run("export", "--db", db, "--format", "csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert tuple(rows[0]) == FIELDS + EARLIER_FIELDS
    assert rows[1][-2:] == ["1", "2024-01-09"]


def test_claimreview_without_organisation_says_which_options(db, tmp_path):
    r = run("export", "--db", db, "--format", "claimreview", "--out", tmp_path / "cr.json")
    assert r.returncode != 0
    assert "--org-name" in r.stderr and "organisation's name" in r.stderr
    assert "Traceback" not in r.stderr and not (tmp_path / "cr.json").exists()


def test_claimreview_from_the_command_line_is_publishable_and_html_safe(db, tmp_path):
    out = tmp_path / "cr.json"
    r = run("export", "--db", db, "--format", "claimreview", "--out", out,
            "--org-name", "Harbor Checks", "--org-url", "https://checks.example",
            "--org-logo", "file:///etc/passwd", "--review-url", "https://checks.example/r/{id}")
    assert r.returncode == 0, r.stderr
    assert "logo" in r.stderr and "left out" in r.stderr  # the file: logo was dropped, said so
    raw = out.read_text()
    assert "</script>" not in raw and "<!--" not in raw
    (item,) = json.loads(raw)
    assert missing_properties(item) == []
    assert item["url"] == "https://checks.example/r/st-jan" and "logo" not in item["author"]
    assert item["claimReviewed"].endswith("</script><!--")


def test_claimreview_publisher_from_a_json_file_or_the_window_settings(db, tmp_path):
    cfg = tmp_path / "publisher.json"
    cfg.write_text(json.dumps({"name": "Harbor Checks", "url": "https://checks.example",
                               "review_url_pattern": "https://checks.example/r/{id}"}))
    out = tmp_path / "cr.json"
    r = run("export", "--db", db, "--format", "claimreview", "--out", out, "--publisher", cfg)
    assert r.returncode == 0, r.stderr
    (item,) = json.loads(out.read_text())
    assert missing_properties(item) == [] and item["author"]["name"] == "Harbor Checks"
    # the window's settings file (QSettings ini, [publisher] section); an option overrides it
    ini = tmp_path / "quotedesk.ini"
    ini.write_text("[General]\nsettings_version=1\n\n[publisher]\nname=Ini Checks\n"
                   "url=https://ini.example\nreview_url_pattern=https://ini.example/{id}\n")
    r = run("export", "--db", db, "--format", "claimreview", "--publisher", ini,
            "--org-name", "Override Checks")
    assert r.returncode == 0, r.stderr
    (item,) = json.loads(r.stdout)
    assert item["author"] == {"@type": "Organization", "name": "Override Checks",
                              "url": "https://ini.example"}
    assert item["url"] == "https://ini.example/st-jan"


@pytest.mark.parametrize("content,expected", [
    ('{"name": "X",\n "url": }', "line 2: not valid JSON"),
    ('{"name": "X", "adress": "https://x.example"}', "unknown key 'adress'"),
    ("[general]\nname=X\n", "no [publisher] section"),
])
def test_claimreview_bad_publisher_file_names_the_file_and_the_fault(db, tmp_path, content, expected):
    cfg = tmp_path / ("p.json" if content.startswith("{") else "p.ini")
    cfg.write_text(content)
    r = run("export", "--db", db, "--format", "claimreview", "--publisher", cfg,
            "--out", tmp_path / "cr.json")
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert str(cfg) in r.stderr and expected in r.stderr
    assert not (tmp_path / "cr.json").exists()


def test_claimreview_publisher_file_missing_the_pattern_says_so(db, tmp_path):
    cfg = tmp_path / "p.json"
    cfg.write_text(json.dumps({"name": "Harbor Checks", "url": "https://checks.example"}))
    r = run("export", "--db", db, "--format", "claimreview", "--publisher", cfg)
    assert r.returncode != 0 and "review web address pattern" in r.stderr and "--publisher" in r.stderr
