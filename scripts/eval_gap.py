#!/usr/bin/env python3
"""The engine's pronoun resolution on GAP (Webster et al. 2018), scored by the dataset's own scorer.

    PYTHONPATH=$PWD/desktop python3 scripts/eval_gap.py [development|validation|test ...]

For each GAP example the engine builds its entity index of the snippet (``pipeline.index_entities``,
as for an article) and resolves the pronoun at its offset as it resolves "he said" ("his" as
"he"); the person it picks is A when their names share a word, B likewise, neither otherwise. The
system file goes to ``gap_scorer.py`` (snippet setting: no page context). GAP's pronouns are
mostly not speakers and its snippets name no speaker, so the engine's strongest cue in news, who
spoke last, is absent here: this measures the fallback (the subject and focus of the sentences
before), not the accuracy on "she said". The eval data stays outside the repo; nothing is written
but a temporary file.
"""
from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
from pathlib import Path

from quotedesk.core.attribution.mentions import Mention
from quotedesk.core.attribution.pipeline import index_entities, read_marks

GAP = Path(__file__).resolve().parents[2] / "shared" / "eval" / "gap"


def _same(name: str, gold: str) -> bool:
    """GAP names a person as the snippet does ("Kathleen", "Jose de Venecia Jr"): a word in common."""
    words = {w for w in name.lower().replace("*", "").split() if len(w) > 2}
    return bool(words & {w for w in gold.lower().replace("*", "").split() if len(w) > 2})


#: "his" is resolved as "he" would be there: the engine has no possessive speakers.
_AS = {"his": "he", "His": "He", "hers": "she", "Hers": "She"}


def system_rows(path: Path):
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            text, at = row["Text"], int(row["Pronoun-offset"])
            _paras, _q, prot, sentences, _in = read_marks(text)
            index = index_entities(text, prot, sentences)
            pron = row["Pronoun"]
            res = index.resolve(Mention(at, at + len(pron), _AS.get(pron, pron), "pronoun"))
            names = res.names if len(res.names) == 1 else ()
            a = bool(names) and _same(names[0], row["A"])
            b = bool(names) and _same(names[0], row["B"]) and not a
            yield row["ID"], a, b


def main(splits: list[str]) -> int:
    for split in splits or ["development", "validation", "test"]:
        gold = GAP / f"gap-{split}.tsv"
        with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False, encoding="utf-8") as out:
            for rid, a, b in system_rows(gold):
                out.write(f"{rid}\t{str(a).upper()}\t{str(b).upper()}\n")
        res = subprocess.run([sys.executable, str(GAP / "gap_scorer.py"), "--gold_tsv", str(gold),
                              "--system_tsv", out.name], capture_output=True, text=True, cwd=GAP)
        print(f"== gap-{split}\n{res.stdout.strip()}{res.stderr.strip()}")
        Path(out.name).unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
