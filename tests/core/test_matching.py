"""Core matching on small hand-made statement sets with known answers."""
from __future__ import annotations

import pytest

from quotedesk.core.matching import find_matches, find_matches_plan, match_quote, rematch_all
from quotedesk.core.matching.candidates import plan_terms
from quotedesk.core.matching.diff import DELETE, EQUAL, INSERT, changed_words, diff_words
from quotedesk.core.matching.kinds import OTHER_SPEAKER, PARTIAL, REWORDED, VERBATIM, classify
from quotedesk.core.matching.service import stored_matches
from quotedesk.core.matching.text import canonical_hash, speaker_key, stem, terms
from quotedesk.core.store.db import open_store
from quotedesk.core.store.statements import import_rows

STATEMENTS = [
    ("s1", "We will cut taxes for every working family in this country by two thousand dollars.",
     "Jane Miller", "2019-03-01"),
    ("s2", "The unemployment rate has fallen to its lowest level in fifty years, and wages are rising.",
     "Jane Miller", "2019-06-10"),
    ("s3", "Our hospitals are overwhelmed and the government has done nothing to hire more nurses.",
     "Tom Baker", "2020-01-15"),
    ("s4", "Crime in the capital went up by thirty percent last year, the police commissioner said.",
     "Ann Lee", "2018-11-02"),
    ("s5", "Renewable energy now supplies more than half of the electricity used in the region.",
     "Tom Baker", "2021-04-20"),
    ("s6", "The new bridge will be finished before the end of next summer, on budget.",
     "Ann Lee", "2021-05-05"),
    ("s7", "Tuition at public universities has doubled over the last decade while grants shrank.",
     "Jane Miller", "2020-09-09"),
]


@pytest.fixture()
def store():
    s = open_store(None)
    rows = [(i + 1, 0, {"id": sid, "text": text, "speaker": sp, "date": d, "source": "test",
                        "title": None, "url": None}, None)
            for i, (sid, text, sp, d) in enumerate(STATEMENTS)]
    import_rows(s, rows)
    yield s
    s.close()


def test_stemmer_and_terms():
    assert stem("increasing") == stem("increased") == stem("increases") == "increas"
    assert stem("ponies") == "poni" and stem("relational") == "relat"
    assert terms("The taxes were raised!") == ["tax", "rais"]
    assert speaker_key("PRESIDENT OBAMA") == speaker_key("Barack Obama") == "obama"
    assert canonical_hash("Hello, World!") == canonical_hash("hello   world")


def test_fold_drops_diacritics_and_keeps_every_other_character():
    from quotedesk.core.matching.text import fold, words

    assert fold("Ångström’s café") == "angstrom’s cafe"
    assert fold("“Naïve” — São Paulo, Łódź") == "“naive” — sao paulo, łodz"
    assert fold("ﬁnance Ⅻ") == "finance xii"  # compatibility forms as their letters
    assert words("Müller said “don’t”") == ["muller", "said", "dont"]


def test_verbatim(store):
    ms = find_matches(store, "We will cut taxes for every working family in this country by two "
                      "thousand dollars.", speaker="Jane Miller")
    assert ms[0].statement_id == "s1"
    assert ms[0].kind == VERBATIM
    assert ms[0].score > 90
    assert ms[0].speaker == "Jane Miller" and ms[0].date == "2019-03-01"


def test_fragment(store):
    ms = find_matches(store, "the unemployment rate has fallen to its lowest level in fifty years",
                      speaker="Jane Miller")
    assert ms[0].statement_id == "s2"
    assert ms[0].kind == PARTIAL


def test_reworded(store):
    ms = find_matches(store, "University tuition doubled in ten years as grants were shrinking",
                      speaker="Miller")
    assert ms[0].statement_id == "s7"
    assert ms[0].kind == REWORDED


def test_misquote_found_and_diffed(store):
    quote = "We will cut taxes for every working family in this country by three thousand dollars."
    ms = find_matches(store, quote)
    assert ms[0].statement_id == "s1"
    segs = diff_words(ms[0].text, quote)
    assert (DELETE, "two ") in segs and (INSERT, "three ") in segs
    assert changed_words(ms[0].text, quote) == 2


def test_other_speaker(store):
    ms = find_matches(store, "Renewable energy now supplies more than half of the electricity used "
                      "in the region.", speaker="Jane Miller")
    assert ms[0].statement_id == "s5"
    assert ms[0].kind == OTHER_SPEAKER


def test_no_match(store):
    ms = find_matches(store, "The orchestra played Beethoven's ninth symphony under the stars.")
    assert ms == [] or ms[0].score < 40
    assert find_matches(store, "") == []
    assert find_matches(store, "and the of to") == []


def test_speaker_scoped_finds_unindexed_wording(store):
    # shares no rare term with s3 except via the speaker's own statements
    ms = find_matches(store, "nothing was done to hire more nurses", speaker="Tom Baker")
    assert ms[0].statement_id == "s3"


def test_scores_sorted_and_bounded(store):
    ms = find_matches(store, "taxes unemployment hospitals crime energy bridge tuition", top=7)
    assert len(ms) == 7
    assert all(0 <= m.score <= 100 for m in ms)
    assert [m.score for m in ms] == sorted((m.score for m in ms), reverse=True)


def test_plan_guard_and_cascade():
    df = {"a": 150_000, "b": 120_000, "c": 5}
    assert plan_terms(df, ["a", "b"]).mode == "generic"
    p = plan_terms({"x": 15_000, "y": 9_000, "z": 30_000}, ["x", "y", "z"])
    assert p.mode == "and3" and p.terms[0] == "y"
    p = plan_terms({"x": 10, "y": 20, "z": 30}, ["x", "y", "z"])
    assert p.mode == "or" and p.terms == ["x", "y", "z"]
    assert plan_terms({}, ["q"]).mode == "empty"


def test_kinds_directly():
    assert classify("Hello world", "hello, world!") == VERBATIM
    assert classify("the cat sat", "the cat sat on the mat in the sun all day long") == PARTIAL
    assert classify("a b c d", "a b c d", speaker="X Y", other_speaker="Z W") == OTHER_SPEAKER
    assert classify("a b c d", "a b c d", speaker="Joe Smith", other_speaker="SMITH") == VERBATIM


def test_diff_roundtrip():
    a, b = "He said: the Plan is dead.", "he said the plan was dead"
    segs = diff_words(a, b)
    assert "".join(t for op, t in segs if op != INSERT) == a
    assert [op for op, _ in segs] == [EQUAL, DELETE, INSERT, EQUAL]


def _add_quote(store, text, speaker, date="2022-01-01", sha="x"):
    with store.transaction() as conn:
        aid = conn.execute("INSERT OR IGNORE INTO articles (title, outlet, date, sha256, text) "
                           "VALUES ('T', 'Daily', ?, ?, ?)", (date, sha, text)).lastrowid
        aid = conn.execute("SELECT id FROM articles WHERE sha256 = ?", (sha,)).fetchone()[0]
        qid = conn.execute("INSERT INTO quotes (article_id, start, \"end\", text) VALUES (?, 0, ?, ?)",
                           (aid, len(text), text)).lastrowid
        conn.execute("INSERT OR IGNORE INTO speakers (name) VALUES (?)", (speaker,))
        sid = conn.execute("SELECT id FROM speakers WHERE name = ?", (speaker,)).fetchone()[0]
        conn.execute("INSERT INTO quote_speakers (quote_id, speaker_id) VALUES (?, ?)", (qid, sid))
    return qid


def test_quotes_are_statements_and_rematch(store):
    q1 = _add_quote(store, "Crime in the capital rose by thirty percent last year", "Ann Lee", sha="a")
    # said earlier (same-day quotes are not "earlier", issue 15)
    q2 = _add_quote(store, "crime in the capital rose thirty percent last year", "Ann Lee",
                    date="2021-06-01", sha="b")
    ms = match_quote(store, q1)
    ids = [m.statement_id for m in ms]
    assert f"q{q1}" not in ids
    assert f"q{q2}" in ids[:2] and "s4" in ids[:2]
    progress = []
    rep = rematch_all(store, progress=progress.append)
    assert rep.quotes == 2 and progress[-1] == 1.0
    rows = stored_matches(store, q1)
    assert {r["statement_id"] for r in rows[:2]} == {f"q{q2}", "s4"}
    assert rematch_all(store, cancelled=lambda: True).cancelled


def test_plan_reports_mode(store):
    ms, plan = find_matches_plan(store, "tuition grants universities")
    assert plan.mode == "or" and ms[0].statement_id == "s7"


def test_speaker_cache_follows_writes_and_databases(store):
    assert find_matches(store, "nurses hospitals", speaker="Tom Baker")[0].statement_id == "s3"
    import_rows(store, [(0, 0, {"id": "s8", "text": "Nurses deserve a pay rise this winter.",
                                "speaker": "Tom Baker", "date": "2022-01-01", "source": None,
                                "title": None, "url": None}, None)])
    ids = [m.statement_id for m in find_matches(store, "pay rise nurses winter", speaker="Tom Baker")]
    assert ids[0] == "s8"
    other = open_store(None)  # a new database must not see the first one's cached speakers
    import_rows(other, [(0, 0, {"id": "z1", "text": "Trains will run on time.", "speaker": "Tom Baker",
                                "date": None, "source": None, "title": None, "url": None}, None)])
    assert [m.statement_id for m in find_matches(other, "nurses hospitals", speaker="Tom Baker")] in ([], ["z1"])
    other.close()


def test_speaker_index_follows_changed_speaker_and_text(store):
    from quotedesk.core.matching.candidates import speaker_candidates

    def by_speaker(text, speaker):
        return [c.statement_id for c in speaker_candidates(store.conn, text, speaker)]

    assert by_speaker("nurses hospitals", "Tom Baker") == ["s3"]
    row = {"id": "s3", "text": "Our schools need more teachers and smaller classes.",
           "speaker": "Ann Lee", "date": "2020-01-15", "source": "test", "title": None, "url": None}
    import_rows(store, [(0, 0, row, None)])  # re-imported: new text, new speaker
    assert by_speaker("nurses hospitals", "Tom Baker") == []
    assert by_speaker("teachers classes", "Tom Baker") == []
    assert by_speaker("teachers classes", "Ann Lee") == ["s3"]
    # the rarest shared terms count most; every statement sharing a term is a candidate
    assert by_speaker("bridge summer crime", "Ann Lee")[:2] == ["s6", "s4"]


def test_speaker_candidates_read_the_quotes_of_every_form_of_the_speakers_name(store):
    from quotedesk.core.matching.candidates import speaker_candidates

    # the name in another case, a fuller name ending in the surname, the library's qualifier
    old = _add_quote(store, "We will build a new bridge over the river", "TOM BAKER",
                     date="2019-01-01", sha="a")
    new = _add_quote(store, "The bridge over the river opens in spring", "Mayor Tom Baker",
                     date="2021-01-01", sha="b")
    mid = _add_quote(store, "A bridge is coming to the river", "Tom Baker (2)",
                     date="2020-01-01", sha="c")
    _add_quote(store, "The bridge over the river is a waste", "Ann Lee", date="2022-01-01", sha="d")
    quotes = [c for c in speaker_candidates(store.conn, "bridge over the river", "Tom Baker")
              if c.is_quote]
    assert sorted(c.row_id for c in quotes) == sorted([old, new, mid])
    assert all(c.by_speaker for c in quotes)
    # none is held back when only the speaker's own quote is excluded
    assert {c.row_id for c in speaker_candidates(store.conn, "bridge over the river", "Tom Baker",
                                                 exclude_quote_id=mid) if c.is_quote} == {old, new}


def test_speaker_without_statements_still_gets_their_own_quotes(store):
    from quotedesk.core.matching.candidates import speaker_candidates

    q = _add_quote(store, "The ferry to the island runs twice a day", "Rosa Quint", sha="a")
    found = speaker_candidates(store.conn, "ferry to the island", "Rosa Quint")
    assert [(c.row_id, c.is_quote) for c in found] == [(q, True)]
    # a speaker with statements gets those too, as before
    assert [c.statement_id for c in speaker_candidates(store.conn, "nurses hospitals",
                                                       "Tom Baker")] == ["s3"]


def test_match_ids_stable_and_decisions_by_pair(store):
    from quotedesk.core.matching import decide_match, get_statement, save_matches
    from quotedesk.core.matching.verdicts import set_verdict, verdict_labels

    q1 = _add_quote(store, "Crime in the capital rose by thirty percent last year", "Ann Lee", sha="c")
    ids1 = save_matches(store, q1, match_quote(store, q1))
    ids2 = save_matches(store, q1, match_quote(store, q1))
    assert ids1 == ids2 and "s4" in ids1
    mid = decide_match(store, q1, "s4", "confirmed")
    assert mid == ids1["s4"]
    save_matches(store, q1, [])  # suggestions gone, the decision stays
    rows = stored_matches(store, q1)
    assert [(r["statement_id"], r["status"]) for r in rows] == [("s4", "confirmed")]
    new = decide_match(store, q1, "s6", "rejected")  # never suggested: a row is made
    assert new != mid and {r["statement_id"] for r in stored_matches(store, q1)} == {"s4", "s6"}
    with pytest.raises(ValueError):
        decide_match(store, q1, "s4", "maybe")
    st = get_statement(store, "s4")
    assert st.speaker == "Ann Lee" and st.date == "2018-11-02" and not st.is_quote
    qs = get_statement(store, f"q{q1}")
    assert qs.is_quote and qs.speaker == "Ann Lee" and qs.source == "Daily"
    assert get_statement(store, "nope") is None
    set_verdict(store, "s4", "Half true")
    assert verdict_labels(store)[-1] == "Half true" and verdict_labels(store)[0] == "true"


def test_synonym_table_expands_the_candidate_search():
    from quotedesk.core.matching.candidates import query_terms

    assert {"republican", "gop"} <= set(query_terms("the GOP plan"))
    assert {"job", "employ"} <= set(query_terms("employment fell"))
    s = open_store(None)
    import_rows(s, [(1, 0, {"id": "r1", "text": "Republicans blocked the budget in March.",
                            "speaker": None, "date": None, "source": None, "title": None,
                            "url": None}, None)])
    assert [m.statement_id for m in find_matches(s, "GOP blocked it")][:1] == ["r1"]
    s.close()


def test_copies_of_one_statement_rank_together_earliest_first():
    """The same claim recorded twice (other quotation marks, capitals, a title only on the
    later copy) ranks as one: same score, the earliest record first."""
    s = open_store(None)
    text = "Albert Einstein said: 'We are slowed down sound and light waves.'"
    import_rows(s, [
        (1, 0, {"id": "first", "text": text, "speaker": None, "date": None, "source": None,
                "title": None, "url": None}, None),
        (2, 0, {"id": "other", "text": "Einstein never wrote about sound waves and light.",
                "speaker": None, "date": None, "source": None, "title": None, "url": None}, None),
        (3, 0, {"id": "copy", "text": text.replace("'", '"').upper(), "speaker": None, "date": None,
                "source": None, "title": "Did Einstein say we are slowed down sound and light waves?",
                "url": None}, None),
    ])
    ms = find_matches(s, "Einstein: we are slowed down sound and light waves", top=3)
    assert [m.statement_id for m in ms[:2]] == ["first", "copy"]
    assert ms[0].score == ms[1].score > ms[2].score
    s.close()


def test_large_collection_ranks_fts_candidates_by_summed_idf(store, monkeypatch):
    """Above IDF_RANK_ABOVE statements the OR query is ranked in Python (no per-row bm25): the
    statement sharing the query's rarer terms comes first, and every statement that shares a
    chosen term is still a candidate, as with FTS5's bm25."""
    from quotedesk.core.matching import candidates as cm

    q = "nurses in overwhelmed hospitals, and the bridge"
    stems = cm.query_terms(q)
    df = cm.term_df(store.conn, stems)
    by_bm25, _ = cm.statement_candidates(store.conn, stems, df, n_docs=7)
    monkeypatch.setattr(cm, "IDF_RANK_ABOVE", 0)
    by_idf, plan = cm.statement_candidates(store.conn, stems, df, n_docs=7)
    assert plan.mode == "or"
    assert by_idf[0].statement_id == by_bm25[0].statement_id == "s3"   # 3 terms against 1
    assert {c.statement_id for c in by_idf} == {c.statement_id for c in by_bm25} == {"s3", "s6"}
    assert by_idf[0].text.startswith("Our hospitals") and by_idf[0].bm25 > by_idf[1].bm25 > 0
    # and the whole pipeline still finds the statement
    assert find_matches(store, "Hospitals are overwhelmed; nobody hired nurses")[0].statement_id == "s3"
