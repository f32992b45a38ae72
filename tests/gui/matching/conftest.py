"""Fixtures for the matching widgets: a small database with imported statements and quotes."""
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


from tests.core.matching_helpers import add_quotes_article, build_library  # noqa: E402

STATEMENTS = [
    ("s1", "We will cut taxes for every working family in this country by two thousand dollars.",
     "Jane Miller", "2019-03-01", "Campaign rally"),
    ("s2", "The unemployment rate has fallen to its lowest level in fifty years, and wages are rising.",
     "Jane Miller", "2019-06-10", "Press conference"),
    ("s3", "Our hospitals are overwhelmed and the government has done nothing to hire more nurses.",
     "Tom Baker", "2020-01-15", "Debate"),
    ("s4", "Tuition at public universities has doubled over the last decade while grants shrank.",
     "Jane Miller", "2020-09-09", "Interview"),
    ("s5", "Every working family in this country will get a tax cut of two thousand dollars from us.",
     "Jane Miller", "2020-02-11", "Town hall"),
    ("s6", "The new bridge will be finished before the end of next summer, on budget.",
     "Ann Lee", "2021-05-05", "Council meeting"),
]

#: (title, date, outlet, [(quote text, speaker)])
ARTICLES = [
    ("Miller repeats her tax pledge", "2021-03-02", "Daily Bugle", [
        ("We will cut taxes for every working family in this country by two thousand dollars.",
         "Jane Miller"),
        ("University tuition doubled in ten years as grants were shrinking", "Jane Miller"),
    ]),
    ("Baker on hospitals", "2021-04-12", "The Courier", [
        ("Our hospitals are overwhelmed and the government has done nothing to hire more nurses.",
         "Tom Baker"),
    ]),
]


@pytest.fixture
def store(db_path):
    """A file database (so workers can open their own store) with statements and two articles."""
    s = build_library(db_path, STATEMENTS, ARTICLES)
    yield s
    s.close()


@pytest.fixture
def add_quotes():
    """The helper that stores an article made of quotes (``add_quotes_article``)."""
    return add_quotes_article
