#!/usr/bin/env python3
"""Why the identity corpus loses recall: every missed pair, grouped by cause, with evidence.

    PYTHONPATH=$PWD/desktop python3 scripts/identity_misses.py [--orders 20] [--examples 3]

Imports the identity corpus of issue 12 (``tests/core/identity_corpus.py``, written for the
tests) one article at a time through the real import path, in the same 20 random orders as
``tests/core/test_identity_corpus.py``, and records every identity decision the store asks
``quotedesk.core.identity.decide`` for. A *missed pair* is two quotes of the same true person
that end under different speakers (what B-cubed recall loses). For each, the cause is the
decision that created the later of the two speakers: its action and reason, how the article's
name fitted the earlier speaker (``full`` / ``partial`` / ``conflict`` / ``absent``: not a
candidate yet), what conflicted, and whether the analyst was asked (an open merge suggestion
between the two). Printed per cause: the number of pairs and orders, and examples with the
evidence each side had (the article's name, fullest mention, roles, organisations, honorific;
the earlier speaker's name forms, roles and organisations at the time).

Also prints B-cubed precision/recall per order (mean and worst) and the recall once the analyst
accepts every open suggestion between two speakers of the same person. A development tool: it
reads only the test corpus, never evaluation data.
"""
from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))
sys.path.insert(0, str(ROOT / "tests" / "core"))

from identity_corpus import ARTICLES, b_cubed  # noqa: E402

import quotedesk.core.store.speakers as store_speakers  # noqa: E402
from quotedesk.core.identity import decide as identity_decide  # noqa: E402
from quotedesk.core.identity.decide import conflicts, corroborated, name_level  # noqa: E402
from quotedesk.core.identity.names import parse_name  # noqa: E402
from quotedesk.core.importer import import_draft  # noqa: E402
from quotedesk.core.model import ArticleDraft  # noqa: E402
from quotedesk.core.store import open_store  # noqa: E402

OUTLETS = ("Harbor Gazette", "Eastbrook Post", "Wire")


def draft(n: int) -> ArticleDraft:
    """The article as the corpus test imports it (same title, outlet and date)."""
    return ArticleDraft(ARTICLES[n][0], title=f"article {n}", outlet=OUTLETS[n % 3],
                        date=f"2024-{1 + n % 12:02d}-{1 + n % 27:02d}")


@dataclass
class Made:
    """One identity decision: the article speaker, the candidates it was compared with, the outcome."""

    article: int
    sp: object
    candidates: list
    decision: object
    speaker_id: int | None = None   # the speaker the mention ended with


def run_order(order: list[int]):
    """Import the articles in ``order``; returns (rows, decisions, open suggestion pairs).
    rows: (article, quote text, gold person, speaker id, speaker name)."""
    made: list[Made] = []
    current = {"article": -1}

    def recording_decide(sp, candidates):
        d = identity_decide(sp, candidates)
        made.append(Made(current["article"], sp, list(candidates), d))
        return d

    store_speakers.decide = recording_decide
    try:
        with open_store(None) as store:
            ids = {}
            for n in order:
                current["article"] = n
                before = len(made)
                article_id = import_draft(store, draft(n))[0]
                ids[article_id] = n
                for m in made[before:]:
                    row = store.execute("SELECT speaker_id FROM speaker_forms WHERE article_id = ? AND form = ?",
                                        (article_id, m.sp.name)).fetchone()
                    m.speaker_id = row[0] if row else None
            rows = []
            for qid, article_id, text in store.execute("SELECT id, article_id, text FROM quotes ORDER BY id"):
                n = ids[article_id]
                gold = [p for fragment, p in ARTICLES[n][1] if fragment in text]
                links = store.execute("SELECT s.id, s.name FROM quote_speakers qs JOIN speakers s ON "
                                      "s.id = qs.speaker_id WHERE qs.quote_id = ?", (qid,)).fetchall()
                if len(gold) != 1 or len(links) != 1:
                    rows.append((n, text, gold[0] if gold else "?", None, f"{len(links)} speakers"))
                    continue
                rows.append((n, text, gold[0], *links[0]))
            asked = {frozenset(p) for p in store.execute(
                "SELECT speaker_id, other_id FROM speaker_suggestions WHERE status = 'open'")}
    finally:
        store_speakers.decide = identity_decide
    return rows, made, asked


def accepted(rows, asked):
    """Speaker id -> cluster once every open suggestion between one person's speakers is accepted."""
    person = {sid: p for _n, _t, p, sid, _name in rows if sid is not None}
    parent = {sid: sid for sid in person}

    def root(x):
        while parent[x] != x:
            x = parent[x]
        return x
    for pair in asked:
        a, b = tuple(pair) if len(pair) == 2 else (next(iter(pair)),) * 2
        if a in person and b in person and person[a] == person[b]:
            parent[root(a)] = root(b)
    return {sid: root(sid) for sid in person}


def _ev_article(sp) -> str:
    bits = [f"name {sp.name!r}"]
    if sp.mention and sp.mention != sp.name:
        bits.append(f"mention {sp.mention!r}")
    if sp.roles:
        bits.append("roles " + "/".join(sorted(sp.roles)))
    if sp.orgs:
        bits.append("orgs " + "/".join(sorted(sp.orgs)))
    if sp.gender:
        bits.append(f"gender {sp.gender}")
    return ", ".join(bits)


def _ev_candidate(c) -> str:
    bits = [f"speaker {c.name!r}", "forms " + "/".join(c.forms)]
    if c.roles:
        bits.append("roles " + "/".join(sorted(c.roles)))
    if c.orgs:
        bits.append("orgs " + "/".join(sorted(c.orgs)))
    if c.genders:
        bits.append("gender " + "/".join(sorted(c.genders)))
    return ", ".join(bits)


def category(sp, cand, level: str, conflict: str, backed: bool, others: list) -> str:
    """The kind of miss, in the issue's terms: a mechanism error (evidence that agrees was not
    used) or a question the issue wants asked (identity uncertain from what is known)."""
    if cand is None:
        return "MECHANISM? the earlier speaker was not even a candidate"
    if level == "full" and not conflict:
        return "MECHANISM? same full name, nothing conflicts, not joined"
    if backed and not conflict:
        rivals = [c for c in others if corroborated(sp, c) and conflicts(sp, c) is None]
        return ("by design: the evidence agrees with several speakers" if rivals else
                "MECHANISM? corroborated by role or organisation, nothing conflicts, not joined")
    if conflict:
        return f"by design: the evidence conflicts ({conflict.split(' ')[0]})"
    sp_form = parse_name(sp.name)
    sp_known = bool(sp.roles or sp.orgs or sp.gender)
    cand_known = bool(cand.roles or cand.orgs or cand.genders)
    cand_full = any(f.is_full for f in cand.name_forms() if f.surname == sp_form.surname)
    if not sp_form.is_full and not sp_known:
        return "by design: a bare surname, the article says nothing else about them"
    if not cand_full and not cand_known:
        return "by design: the library knows the earlier speaker only as a bare surname"
    ruled_out = [c for c in others if conflicts(sp, c)]
    if not sp_form.is_full and not cand_known and others and len(ruled_out) == len(others):
        return "by design: bare surname + role, only elimination (the reverted 5211b56 rule) would join"
    if not sp_known or not cand_known:
        return ("by design: a fuller name vs a bare surname, one side has no role or organisation"
                if sp_form.is_full != cand_full else
                "by design: one side has no role or organisation to compare")
    return "by design: roles and organisations known on both sides but none agrees or conflicts"


def cause_of(later: Made, earlier_sid: int, asked: set) -> tuple[str, str, str]:
    """(category, detailed cause, evidence) for a split whose later speaker was made by ``later``."""
    d = later.decision
    cand = next((c for c in later.candidates if c.speaker_id == earlier_sid), None)
    if cand is None:
        level, conflict, backed = "absent", "", False
    else:
        level = name_level(parse_name(later.sp.name), cand) if later.sp.kind not in ("organisation", "group") \
            else "organisation"
        conflict = conflicts(later.sp, cand) or ""
        backed = corroborated(later.sp, cand)
    others = [c for c in later.candidates if c.speaker_id != earlier_sid and not c.scoped]
    was_asked = frozenset((later.speaker_id, earlier_sid)) in asked
    key = (f"{d.action}: {d.reason} | name fit {level}" + (f" | conflict {conflict.split(' ')[0]}" if conflict else "")
           + (" | corroborated" if backed else " | not corroborated")
           + (f" | {len(others)} other candidate(s)" if others else "")
           + (" | asked" if was_asked else " | not asked directly"))
    evidence = (f"article {later.article}: {_ev_article(later.sp)}\n"
                f"        earlier: {_ev_candidate(cand) if cand else f'speaker {earlier_sid} not among candidates'}")
    if conflict:
        evidence += f"\n        conflict: {conflict}"
    if others:
        evidence += "\n        others: " + "; ".join(_ev_candidate(c) for c in others)
    return category(later.sp, cand, level, conflict, backed, others), key, evidence


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--orders", type=int, default=20)
    ap.add_argument("--examples", type=int, default=3, help="example decisions printed per cause")
    args = ap.parse_args()
    scores, after = [], []
    pairs: Counter[str] = Counter()                       # category -> missed pairs
    details: dict[str, Counter] = defaultdict(Counter)    # category -> detailed cause -> pairs
    orders: dict[str, set[int]] = defaultdict(set)
    people: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, dict[tuple, str]] = defaultdict(dict)  # one per (order, decision, earlier speaker)
    for seed in range(args.orders):
        order = list(range(len(ARTICLES)))
        random.Random(seed).shuffle(order)
        rows, made, asked = run_order(order)
        scored = [(p, sid) for _n, _t, p, sid, _name in rows]
        scores.append(b_cubed(scored))
        merged = accepted(rows, asked)
        after.append(b_cubed([(p, merged.get(sid, sid)) for p, sid in scored]))
        creator = {}
        for m in made:  # the first decision that produced each speaker id is the one that made it
            if m.speaker_id is not None and m.speaker_id not in creator:
                creator[m.speaker_id] = m
        for (n1, _t1, p1, s1, name1), (n2, _t2, p2, s2, name2) in combinations(rows, 2):
            if p1 != p2 or s1 == s2 or "@" in p1:
                continue
            m1, m2 = creator.get(s1), creator.get(s2)
            if m1 is None or m2 is None:
                cat, key, ev, ident = "speaker made outside the identity decision", "", f"{name1!r} / {name2!r}", (s1, s2)
            else:
                later, earlier_sid = (m2, s1) if made.index(m2) > made.index(m1) else (m1, s2)
                cat, key, ev = cause_of(later, earlier_sid, asked)
                ident = (made.index(later), earlier_sid)
            pairs[cat] += 1
            details[cat][key] += 1
            orders[cat].add(seed)
            people[cat][p1] += 1
            examples[cat].setdefault((seed, *ident), f"order {seed}: {p1}: {name1!r} [{n1}] vs {name2!r} [{n2}]\n"
                                                     f"        {key}\n        {ev}")
    n = len(scores)
    print(f"identity corpus: {len(ARTICLES)} articles, {n} orders")
    print(f"B-cubed precision {sum(p for p, _ in scores) / n:.4f} (worst {min(p for p, _ in scores):.4f}), "
          f"recall {sum(r for _, r in scores) / n:.4f} (worst {min(r for _, r in scores):.4f})")
    print(f"after accepting the open suggestions between one person's speakers: precision "
          f"{sum(p for p, _ in after) / n:.4f}, recall {sum(r for _, r in after) / n:.4f} "
          f"(worst {min(r for _, r in after):.4f})")
    print(f"\nmissed pairs (two quotes of one person under different speakers), all orders: {sum(pairs.values())}")
    print("   pairs  orders  cause")
    for cat, count in pairs.most_common():
        print(f"  {count:6d}  {len(orders[cat]):6d}  {cat}")
    for cat, count in pairs.most_common():
        who = ", ".join(f"{p} {c}" for p, c in people[cat].most_common())
        print(f"\n== {cat}: {count} pairs in {len(orders[cat])} orders ({who}), "
              f"{len(examples[cat])} decisions")
        for key, c in details[cat].most_common():
            print(f"   {c:5d}  {key}")
        for ex in list(examples[cat].values())[:args.examples]:
            print(f"    - {ex}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
