#!/usr/bin/env python3
"""Why speakers are wrong: PolNeAR dev speech records, wrong speakers counted by cause.

    PYTHONPATH=$PWD/desktop python3 scripts/speaker_errors.py [--gold DEV.jsonl] [--examples N]
        [--role-links] [--sample N]

Runs the engine in-process on the gold file's texts (dev only: never tune on what it prints),
keeps the speech records whose source is not a bare pronoun (the rules of the shared
``speech_subset.py``), pairs quotes as the shared scorer does (default measure) and, for each
matched pair whose speaker the scorer calls wrong, names one cause:

  no speaker         no speaker given
  right person, long gold  the gold mention is a name with an appositive ("Schiff, 56, who …") and
                     the prediction is that person: the scorer's surname is the appositive's last word
  carried over       no cue/mention of its own: the speaker came from the quote before
  wrong mention      the engine's mention is not the gold source mention (the ranker's job)
  pronoun antecedent the right mention was a pronoun resolved to the wrong person
  role not linked    the right mention is a role/title, left as its own words
  document           the right mention is a document ("the report", "the suit"): not linked or
                     linked to a body the gold does not name
  role linked, supported  a role linked to a person the article gives that role (an appositive
                     or title: "Mayor Jo Ray", "Jo Ray, the mayor"): right for the product, wrong
                     for PolNeAR's mention-text gold
  role to wrong name a role linked to a name without such support in the article
  org for person     an organisation given where the gold source is a person's name
  acronym            gold or prediction is an acronym (all capitals)
  other name         the right mention, resolved to another name

``--role-links`` counts every role mention linked to a person on dev (all predicted quotes, not
only the matched ones) as supported by the article or not (the check above, done here from the
text, independently of the engine); ``--sample N`` prints N of them (fixed seed) with their
sentence and the supporting snippet, for checking by hand.

PolNeAR's gold speaker is the source *mention* ("the minister"); the scorer compares surnames, so
a role resolved to its person counts wrong there even when the article supports it.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

EVAL = Path("/work/shared/eval")


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


CAUSES = ("no speaker", "right person, long gold", "carried over", "wrong mention", "pronoun antecedent", "role not linked",
          "document", "role linked, supported", "role to wrong name", "org for person", "acronym",
          "other name")
_WORD_RE = re.compile(r"[\w’'\-]+")
#: the words of a role that say which role it is (not determiners or time words)
#: abbreviated titles, so "Sen. Jo Ray" supports "the senator"
_ABBREV = {"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general", "pres": "president",
           "sec": "secretary", "atty": "attorney", "prof": "professor", "dr": "doctor"}
_SKIP = frozenset("the a an his her their its this that former then current new also and of for".split())


def _overlap(a0, a1, b0, b1) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _acronym(s) -> bool:
    items = s if isinstance(s, list) else [s or ""]
    return any(any(len(w) >= 2 and w.isupper() and w.isalpha() for w in it.replace(".", "").split()) for it in items)


def role_support(text: str, mention: str, name: str) -> str | None:
    """The snippet of ``text`` that gives the person ``name`` the role of ``mention`` (its head
    noun within a few words of the surname, in one clause: "Mayor Jo Ray", "Jo Ray, the city's
    mayor", "the mayor, Jo Ray"), or None when the article has none."""
    words = [w.lower() for w in _WORD_RE.findall(mention)]
    words = [w[:-2] if w.endswith(("'s", "’s")) else w for w in words]
    content = [w for w in words if w not in _SKIP]
    if not content or not name:
        return None
    head = content[-1]
    if " of " in f" {' '.join(words)} ":
        k = words.index("of")
        head = next((w for w in reversed(words[:k]) if w not in _SKIP), head)
    surname = name.split()[-1]
    for m in re.finditer(re.escape(surname), text):
        lo, hi = max(0, m.start() - 70), min(len(text), m.end() + 70)
        win = text[lo:hi]
        k = m.start() - lo
        left, right = win[:k], win[k + len(surname):]
        left = re.split(r"(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z][a-z])[.;:!?\n]\s|[\"“”]", left)[-1]
        left_words = [_ABBREV.get(w.lower().rstrip("."), w.lower().rstrip(".")) for w in left.split()[-4:]]
        right = re.split(r"[.;:!?\n]\s|[\"“”]", right)[0]
        if head in left_words \
                or head in [w.strip(",") for w in right.lower().split()[:6]] and right.lstrip().startswith(","):
            return (left + surname + right).strip()
    return None


def cause(text: str, g: dict, p, classify) -> str:
    if not p.speakers:
        return "no speaker"
    gold_speaker = g["speaker"]
    if p.mention_span is None:
        return "carried over" if p.floating or p.cue_span is None else "wrong mention"
    gs, ge = g.get("speaker_start"), g.get("speaker_end")
    if gs is not None and not _overlap(gs, ge, p.mention_span.start, p.mention_span.end):
        return "wrong mention"
    gold_text = gold_speaker if isinstance(gold_speaker, str) else " ".join(gold_speaker)
    head_name = re.split(r",|\s(?:of|who|whose)\s", gold_text)[0].split()
    if len(p.speakers) == 1 and head_name and head_name[-1][:1].isupper() \
            and head_name[-1].strip(".") == p.speakers[0].split()[-1] \
            and len(head_name) < len(gold_text.split()):
        return "right person, long gold"
    kind = classify(p.mention or "")
    if kind == "pronoun":
        return "pronoun antecedent"
    if _acronym(gold_speaker) or _acronym(list(p.speakers)):
        return "acronym"
    gold_kind = classify(gold_speaker if isinstance(gold_speaker, str) else " and ".join(gold_speaker))
    if kind == "role" or gold_kind == "role":
        from quotedesk.core.attribution.lexicon import DOCUMENT_NOUNS
        words = [w.lower() for w in _WORD_RE.findall(p.mention or "")]
        if words and words[-1] in DOCUMENT_NOUNS or _doc_noun(g["speaker"], DOCUMENT_NOUNS):
            return "document"
        said = (p.speakers[0] if len(p.speakers) == 1 else "").lower().replace("-", " ")
        if p.resolved_from is None or list(p.speakers) == [p.mention] \
                or said and said in (p.mention or "").lower().replace("-", " "):
            return "role not linked"
        if p.speaker_kind == "person" and len(p.speakers) == 1 \
                and role_support(text, p.mention or "", p.speakers[0]):
            return "role linked, supported"
        return "role to wrong name"
    if p.speaker_kind == "organisation" and gold_kind == "name":
        return "org for person"
    return "other name"


def _doc_noun(gold, nouns) -> bool:
    words = [w.lower() for w in _WORD_RE.findall(gold if isinstance(gold, str) else " ".join(gold))]
    k = words.index("of") if "of" in words else len(words)
    for w in ("filed", "by", "from", "issued", "released"):
        if w in words[:k]:
            k = words.index(w)
    return bool(words[:k]) and (words[k - 1] in nouns or words[k - 1] in _EXTRA_DOCS)


#: document nouns of legal and official papers, beside the lexicon's DOCUMENT_NOUNS
_EXTRA_DOCS = frozenset("suit lawsuit complaint indictment ruling order filing motion brief".split())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=EVAL / "polnear_dev.jsonl")
    ap.add_argument("--examples", type=int, default=0, help="print N examples per cause")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--role-links", action="store_true",
                    help="count role mentions linked to a person as supported by the article or not")
    ap.add_argument("--sample", type=int, default=0, help="with --role-links: print N links to check")
    args = ap.parse_args()
    if "train" in args.gold.name:
        sys.exit("speaker_errors.py reads dev data only (tune on train with the trainers)")
    subset = _load("speech_subset", EVAL / "speech_subset.py")
    scorer = _load("score_quotes", EVAL / "score_quotes.py")
    from quotedesk.core.attribution.mentions import classify
    from quotedesk.core.attribution.pipeline import extract_quotes

    counts: Counter = Counter()
    examples: dict[str, list] = defaultdict(list)
    n_scored = n_right = 0
    links: list[tuple] = []
    for line in open(args.gold, encoding="utf-8"):
        d = json.loads(line)
        text = d["text"]
        named = [q for q in d["quotes"] if q.get("cue") and subset.SPEECH.search(q["cue"])
                 and q.get("speaker") and q["speaker"].strip().lower() not in subset.PRONOUNS]
        preds = extract_quotes(text)
        if args.role_links:
            for p in preds:
                if p.mention and classify(p.mention) == "role" and p.speaker_kind == "person" \
                        and len(p.speakers) == 1 and p.speakers[0] != p.mention:
                    links.append((d["id"], p.mention, p.speakers[0], role_support(text, p.mention, p.speakers[0]),
                                  _sentence(text, p.mention_span.start)))
        pairs, _ = scorer.match(text, named, [{"start": p.start, "end": p.end} for p in preds])
        for i, j in pairs:
            g, p = named[i], preds[j]
            right = scorer.speaker_right(g["speaker"], p.speaker)
            if right is None:
                continue
            n_scored += 1
            if right:
                n_right += 1
                continue
            c = cause(text, g, p, classify)
            counts[c] += 1
            if len(examples[c]) < args.examples:
                examples[c].append((g["speaker"], p.speaker, p.mention, g.get("cue"), p.cue))
    wrong = n_scored - n_right
    if args.role_links:
        sup = sum(1 for x in links if x[3])
        print(f"role links to a person: {len(links)}, supported by the article {sup}, not {len(links) - sup}")
        rng = random.Random(11)
        for x in rng.sample(links, min(args.sample, len(links))):
            print(f"  {x[0]} | {x[1]!r} -> {x[2]!r} | support: {x[3]!r}\n      {x[4]!r}")
    if args.json:
        print(json.dumps({"scored": n_scored, "right": n_right, "causes": dict(counts)}))
        return 0
    print(f"speaker accuracy on matched named speech records: {n_right}/{n_scored} = "
          f"{n_right / max(1, n_scored):.4f}")
    print(f"{'cause':<20} {'n':>5} {'share':>6}")
    for c in CAUSES:
        print(f"{c:<20} {counts[c]:>5} {counts[c] / max(1, wrong):>6.1%}")
    for c in CAUSES:
        for ex in examples[c]:
            print(f"  [{c}] gold={ex[0]!r} pred={ex[1]!r} mention={ex[2]!r} gold_cue={ex[3]!r} cue={ex[4]!r}")
    return 0


def _sentence(text: str, pos: int) -> str:
    lo = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    hi = text.find(". ", pos)
    return text[lo:hi if hi >= 0 else len(text)].strip()[:300]


if __name__ == "__main__":
    raise SystemExit(main())
