"""Claim threads in the core (no Qt): a rejected pair is never joined, even through others, and
occurrences are ordered by date (undated last) and classified against the one before."""
from __future__ import annotations

from quotedesk.core.matching.threads import FIRST, build_threads, mark_occurrences
from quotedesk.core.matching.timeline import TimelineItem


def item(i: int, text: str, date: str | None) -> TimelineItem:
    return TimelineItem(f"x{i}", text, "Ann Lee", date, "Radio", False, i)


A = "The new ferry to the island will run every hour from next spring, at no extra cost."
B = "The new ferry to the island will run every hour from next spring, at no extra cost at all."
C = "The new ferry to the island will run every single hour from next spring, at no cost at all."


def test_a_rejected_pair_is_never_joined_even_through_a_third_statement():
    items = [item(0, A, "2020-01-01"), item(1, B, "2020-02-01"), item(2, C, "2020-03-01")]
    assert len(set(build_threads(items).threads)) == 1  # A ~ B ~ C: one claim
    t = build_threads(items, rejected={(0, 2)}).threads
    assert t[0] != t[2]
    t = build_threads(items, links=[(0, 2)], rejected={(0, 2)}).threads
    assert t[0] != t[2]  # a rejection wins over a link


def test_occurrences_by_date_undated_last_each_against_the_previous():
    items = [item(0, B, None), item(1, A, "2021-05-01"), item(2, A, "2019-05-01"),
             item(3, C, "2020-05-01")]
    occ = mark_occurrences(items, [0, 0, 0, 0])
    assert [o.position for o in occ] == [3, 2, 0, 1]
    assert occ[2].wording == FIRST and occ[2].previous is None
    assert occ[3].previous == 2 and occ[3].changed          # reworded against 2019
    assert occ[1].previous == 3 and occ[1].wording == "reworded"
    assert occ[0].previous == 1 and occ[0].changed          # the undated one comes last
    same = mark_occurrences([item(0, A, "2019-01-01"), item(1, A + " ", "2019-02-01")], [0, 0])
    assert same[1].wording == "verbatim" and not same[1].changed
