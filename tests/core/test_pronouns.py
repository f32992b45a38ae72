"""The pronoun-antecedent model (core/attribution/pronouns.py) on small hand-written texts."""
from __future__ import annotations

import json
from importlib import resources

import pytest

from quotedesk.core.attribution import pronouns as P
from quotedesk.core.attribution.learned import model


def _cands(text: str, *names: str) -> list[P.Candidate]:
    return [P.Candidate(n, text.index(n), text.index(n) + len(n)) for n in names]


def _choose(text: str, at: str, pronoun: str, *names: str):
    p = text.index(at)
    return P.choose(text, p, p + len(pronoun), _cands(text, *names))


def _scores(text: str, at: str, pronoun: str, *names: str) -> list[float]:
    p = text.index(at)
    return P.scores(text, p, p + len(pronoun), _cands(text, *names))


def test_she_refers_to_the_woman_named_before():
    text = "Maria Lopez met Tom Hale at the station. She said the trains were late."
    best, prob = _choose(text, "She said", "She", "Maria Lopez", "Tom Hale")
    assert best is not None and best.name == "Maria Lopez"
    assert 0.5 < prob <= 1.0


def test_he_never_goes_to_a_woman_and_ranks_the_man_first():
    text = "Maria Lopez met Tom Hale at the station. He said the trains were late."
    maria, tom = _scores(text, "He said", "He", "Maria Lopez", "Tom Hale")
    assert maria == 0.0 and tom > 0.0
    best, _ = _choose(text, "He said", "He", "Maria Lopez", "Tom Hale")
    assert best is None or best.name == "Tom Hale"
    # the man as subject: chosen outright
    text = "Tom Hale met Maria Lopez at the station. He said the trains were late."
    best, _ = _choose(text, "He said", "He", "Maria Lopez", "Tom Hale")
    assert best is not None and best.name == "Tom Hale"


def test_same_gender_parallelism_prefers_the_subject():
    text = "Tom Hale thanked Peter Ross for the report. He said the figures were clear."
    best, _ = _choose(text, "He said", "He", "Tom Hale", "Peter Ross")
    assert best is not None and best.name == "Tom Hale"
    # the order of mention reversed, the subject still wins
    text = "Peter Ross was thanked by Tom Hale on Monday. Tom Hale chaired the meeting, and he said the figures were clear."
    best, _ = _choose(text, "he said", "he", "Peter Ross", "Tom Hale")
    assert best is not None and best.name == "Tom Hale"


def test_possessive_pronoun_goes_to_the_subject_of_its_clause():
    text = "Peter Ross wrote to Tom Hale about the budget. Tom Hale answered that his own office would pay."
    best, _ = _choose(text, "his own", "his", "Peter Ross", "Tom Hale")
    assert best is not None and best.name == "Tom Hale"


def test_known_gender_from_honorific_or_caller_overrides_the_name():
    assert P.name_gender("Mrs. Jones") == "f"
    assert P.name_gender("Mr. Ng") == "m"
    assert P.name_gender("Maria Lopez") == "f"
    text = "Robin Vale met Sam Oakes. She said the plan would work."
    p = text.index("She")
    vale, oakes = P.scores(text, p, p + 3, [P.Candidate("Robin Vale", 0, 10, "m"),
                                            P.Candidate("Sam Oakes", 15, 24, "f")])
    assert vale == 0.0 and oakes > 0.0


def test_no_candidate_gives_no_antecedent():
    assert P.choose("He said so.", 0, 2, []) == (None, 0.0)
    assert P.scores("He said so.", 0, 2, []) == []


def test_work_is_bounded_by_a_window_around_the_pronoun():
    tail = "Tom Hale thanked Peter Ross for the report. He said the figures were clear."
    filler = "The weather stayed dry and the roads were quiet for most of the week. " * 20000
    for text in (tail, filler + tail):
        p = text.index("He said")
        cands = [P.Candidate("Tom Hale", text.index("Tom Hale"), text.index("Tom Hale") + 8),
                 P.Candidate("Peter Ross", text.index("Peter Ross"), text.index("Peter Ross") + 10)]
        feats = P.features(text, p, p + 2, cands)
        assert feats[0]["dist_log"] == pytest.approx(P.features(tail, tail.index("He said"), tail.index("He said") + 2,
                                                                _cands(tail, "Tom Hale", "Peter Ross"))[0]["dist_log"])
    assert P.choose(text, p, p + 2, cands)[0].name == "Tom Hale"


def test_propose_finds_the_people_before_the_pronoun_once_each():
    text = "Tom Hale met Peter Ross on Monday. Hale said the talks went well, and Ross agreed. Later he left."
    p = text.index("he left")
    names = [c.name for c in P.propose(text, p, p + 2)]
    assert "Tom Hale" in names and "Peter Ross" in names
    assert len([n for n in names if "Hale" in n]) == 1
    assert "Monday" not in names and "Later" not in names
    hale = next(c for c in P.propose(text, p, p + 2) if c.name == "Tom Hale")
    assert hale.start == text.index("Hale said")  # the last mention before the pronoun
    assert [c.name for c in P.propose(text, p, p + 2, exclude=_cands(text, "Tom Hale"))].count("Tom Hale") == 0


def test_mention_end_spans_the_capitalised_run():
    text = "Finance Minister Ana Rivera said no."
    assert text[:P.mention_end(text, 0)] == "Finance Minister Ana Rivera"


def test_shipped_weights_match_the_features_and_stay_small():
    m = model(P.MODEL_NAME)
    assert tuple(m.features) == P.FEATURES
    raw = resources.files("quotedesk.core.attribution.data").joinpath("pronouns.json").read_text(encoding="utf-8")
    spec = json.loads(raw)
    assert 0.0 < spec["threshold"] < 1.0
    assert all(g in ("m", "f") for g in spec["first_names"].values())
    assert len(raw.encode()) < 400_000
