#!/usr/bin/env python3
"""The engine's pronoun resolution on GAP (Webster et al. 2018), scored by the dataset's own scorer.

    PYTHONPATH=$PWD/desktop python3 scripts/eval_gap.py [development|validation|test ...]

GAP gives each snippet a pronoun and two names, A and B (snippet setting: no page context). The
engine's antecedent model (``core/attribution/antecedent.py``) scores the two as it scores the
persons named before a "he said" in an article: each name is a candidate with every mention of a
word of it the other name does not share, its gender from the given-name lexicon, and the rules'
pick (the entity index's ``_gendered_rule`` on the snippet, matched to a name by a word in
common) as a feature. The best name at or above the model's GAP threshold is the answer, else
neither. GAP's snippets name no speaker, so the engine's strongest cue in news, who spoke last,
is absent here. The system file goes to ``gap_scorer.py``; the eval data stays outside the repo;
nothing is written but a temporary file. ``scripts/training/antecedent.py`` trains on
development and tunes the threshold on validation: report test.
"""
from __future__ import annotations

import csv
import re
import subprocess
import sys
import tempfile
from pathlib import Path

GAP = Path(__file__).resolve().parents[2] / "shared" / "eval" / "gap"
_STOP = frozenset("the a an of and de la van von der jr sr".split())


def _same(name: str, gold: str) -> bool:
    """GAP names a person as the snippet does ("Kathleen", "Jose de Venecia Jr"): a word in common."""
    words = {w for w in name.lower().replace("*", "").split() if len(w) > 2}
    return bool(words & {w for w in gold.lower().replace("*", "").split() if len(w) > 2})


def _spans_of(text: str, words) -> list[tuple[int, int]]:
    out = []
    for w in words:
        out += [(m.start(), m.end()) for m in re.finditer(r"(?<![\w’'\-])" + re.escape(w) + r"(?![\w’'\-])", text)]
    return out


def candidates(text: str, at: int, pronoun: str, a: tuple[str, int], b: tuple[str, int]):
    """GAP's two names as the antecedent model's candidates."""
    from quotedesk.core.attribution.antecedent import Candidate, pronoun_gender
    from quotedesk.core.attribution.lexicon import given_name_gender
    from quotedesk.core.attribution.pipeline import index_entities, read_marks
    _paras, _q, prot, sentences, _in = read_marks(text)
    index = index_entities(text, prot, sentences)
    picked = index._gendered_rule(at, pronoun_gender(pronoun))[0]
    rule = (picked.name,) if picked is not None else ()
    words = [[w for w in re.findall(r"[\w’'\-]+", n) if w[:1].isupper() and w.lower() not in _STOP]
             for n, _o in (a, b)]
    out = []
    for i, (name, off) in enumerate((a, b)):
        own = [w for w in words[i] if w not in words[1 - i]]
        merged: list[tuple[int, int]] = []
        for s, e in sorted(set(_spans_of(text, own)) | {(off, off + len(name))}):
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        first = words[i][0].lower() if words[i] else ""
        picked = len(rule) == 1 and _same(rule[0], name) and not (i == 1 and _same(rule[0], a[0]))
        out.append(Candidate(name, tuple(merged), given_name_gender(first), rule=picked))
    return out, sentences.starts


def rows(split: str):
    """(id, text, pronoun offset, pronoun, candidates A and B, sentence starts, labels A and B)."""
    with open(GAP / f"gap-{split}.tsv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            text, at, pron = row["Text"], int(row["Pronoun-offset"]), row["Pronoun"]
            cands, starts = candidates(text, at, pron, (row["A"], int(row["A-offset"])),
                                       (row["B"], int(row["B-offset"])))
            yield (row["ID"], text, at, pron, cands, starts,
                   (int(row["A-coref"] == "TRUE"), int(row["B-coref"] == "TRUE")))


def main(splits: list[str]) -> int:
    from quotedesk.core.attribution.antecedent import choose
    for split in splits or ["development", "validation", "test"]:
        gold = GAP / f"gap-{split}.tsv"
        with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as out:
            for rid, text, at, pron, cands, starts, _ys in rows(split):
                best, _p = choose(text, starts, at, pron, cands)
                a, b = best is cands[0], best is cands[1]
                out.write(f"{rid}\t{str(a).upper()}\t{str(b).upper()}\n")
        res = subprocess.run([sys.executable, str(GAP / "gap_scorer.py"), "--gold_tsv", str(gold),
                              "--system_tsv", out.name], capture_output=True, text=True, cwd=GAP)
        print(f"== gap-{split}\n{res.stdout.strip()}{res.stderr.strip()}")
        Path(out.name).unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
