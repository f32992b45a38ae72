"""Build the candidate int8 files that encoder.py's table compares (development only; none ships).

    python scripts/convert_model.py --out /tmp/base --keep-fp32 /tmp/fp32.onnx
    python scripts/quant_recipes.py /tmp/fp32.onnx /tmp/cand.onnx --recipe smooth-row-asym
    python scripts/check_model.py --model /tmp/cand.onnx --reference /tmp/fp32.onnx --speed

Why the shipped dynamic int8 file is not closer to fp32: onnxruntime's dynamic quantisation
gives each MatMul input one uint8 scale for the whole batch, and all-MiniLM-L6-v2's [CLS] row
carries activations 30-100 times its median in one channel (channel 99 after every LayerNorm,
~28 against ~0.1), other rows 10-30 times in a few channels (223, 267, 63). Restoring any one of
the 36 MatMuls to fp32 moves the worst cosine by at most +0.006 (measured 2026-12-04): the error
is spread over all of them. Recipes (all: int8 weights per output column, embeddings dynamic
int8 as in the shipped file):

``row``              per-row (per-token) symmetric int8 activations: ReduceMax/ReduceMin per row,
                     QuantizeLinear on a 2-D view, com.microsoft MatMulIntegerToFloat with a
                     per-row A scale; GELU outputs shifted by +0.17 (their minimum is -0.16997)
                     and quantised unsigned, the shift folded into the bias.
``smooth-row``       ``row`` after SmoothQuant-style migration (alpha 0.5): every MatMul input
                     divided per channel by s = amax^a / wmax^(1-a) (an explicit Mul), the weight
                     rows multiplied by s; amax from ``--calib`` texts (the seeds' sentences, plus
                     CheckThat! *train* texts when the eval data is there).
``smooth-row-asym``  as ``smooth-row`` but every row asymmetric uint8 (min/max per row) with the
                     offset added back as min_row x colsum(W): the closest to fp32 of these, and
                     the slowest (more full-tensor passes).

Per-row scales make a text's vector independent of the batch it is encoded in. The cost is in
operators: onnxruntime has no fused per-row dynamic MatMul, so each quantised input adds 4-9
nodes, and with two threads every node is a synchronisation point (on a busy 2-core machine the
fused per-row file runs at 0.75 of the shipped file's speed on one thread, about 0.5 on two).
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))
GELU_SHIFT = 0.17  # min of x * Phi(x) is -0.16997
EVAL = Path(os.environ.get("QUOTEDESK_EVAL", "/work/shared/eval/claim_matching"))


def calib_texts() -> list[str]:
    """Calibration texts: seed sentences, and (when present) CheckThat! train texts; never dev."""
    import json

    out = []
    for path in sorted((ROOT / "seeds").iterdir()):
        text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
        out += [s.strip() for s in re.split(r"(?<=[.!?\"])\s+", text) if len(s.split()) >= 3][:200 - len(out)]
    for rel, skip, n in (("clef2020_t2/queries_train.jsonl", 0, 100), ("clef2021_t2a_en/queries_train.jsonl", 0, 100),
                         ("clef2021_t2b_en/collection.jsonl", 5000, 100)):
        if (EVAL / rel).is_file():
            with open(EVAL / rel, encoding="utf-8") as f:
                lines = f.readlines()[skip:skip + n]
            out += [json.loads(line)["text"] for line in lines]
    return out + ["Yes.", "No.", "OK", "Thank you.", "Really?"]


def _const_b_matmuls(model):
    inits = {i.name: i for i in model.graph.initializer}
    cons: dict[str, list] = {}
    for n in model.graph.node:
        if n.op_type == "MatMul" and n.input[1] in inits:
            cons.setdefault(n.input[0], []).append(n)
    return inits, cons


def smooth(src: Path, dest: Path, *, alpha: float = 0.5, texts: list[str] | None = None) -> None:
    """Divide each const-B MatMul input per channel by s and multiply the weight rows by s (exact
    in fp32: cosine 1.0000 with the source on the check texts)."""
    import onnx
    import onnxruntime as ort
    from onnx import helper, numpy_helper

    from quotedesk.core.matching.encoder import TOKENIZER_FILE
    from quotedesk.core.matching.wordpiece import WordPiece

    probe = onnx.load(str(src))
    _, cons = _const_b_matmuls(probe)
    xs = list(cons)
    for x in xs:
        probe.graph.output.append(helper.make_tensor_value_info(x, onnx.TensorProto.FLOAT, None))
    sess = ort.InferenceSession(probe.SerializeToString(), providers=["CPUExecutionProvider"])
    tok = WordPiece(TOKENIZER_FILE, 256)
    amax = {x: np.zeros(0) for x in xs}
    for t in texts or calib_texts():
        ids = np.array([tok.encode(t)])
        outs = sess.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[1:]
        for x, a in zip(xs, outs):
            v = np.abs(a).reshape(-1, a.shape[-1]).max(0)
            amax[x] = v if not amax[x].size else np.maximum(amax[x], v)

    model = onnx.load(str(src))
    inits, cons = _const_b_matmuls(model)
    new, done = [], set()
    for n in model.graph.node:
        x = n.input[0] if n.op_type == "MatMul" else None
        if x in cons and x not in done:
            done.add(x)
            ws = [numpy_helper.to_array(inits[c.input[1]]) for c in cons[x]]
            wmax = np.max([np.abs(w).max(1) for w in ws], axis=0)
            s = np.clip(np.maximum(amax[x], 1e-5) ** alpha / np.maximum(wmax, 1e-5) ** (1 - alpha), 1e-2, 1e2)
            name = x + "_smooth"
            model.graph.initializer.append(numpy_helper.from_array((1.0 / s).astype(np.float32), name + "_inv"))
            new.append(helper.make_node("Mul", [x, name + "_inv"], [name], name=name + "_mul"))
            for c, w in zip(cons[x], ws):
                inits[c.input[1]].CopyFrom(numpy_helper.from_array((w * s[:, None]).astype(np.float32), c.input[1]))
                c.input[0] = name
        new.append(n)
    del model.graph.node[:]
    model.graph.node.extend(new)
    onnx.save(model, str(dest))


def per_row(src: Path, dest: Path, *, asym: bool = False) -> None:
    """Every const-B MatMul as per-row dynamic int8 activations x per-column int8 weights."""
    import onnx
    from onnx import TensorProto as T
    from onnx import helper as h
    from onnx import numpy_helper as nh

    model = onnx.load(str(src))
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    users: dict[str, list] = {}
    for n in g.node:
        for i in n.input:
            users.setdefault(i, []).append(n)
    extra = []

    def const(name, arr):
        extra.append(nh.from_array(np.asarray(arr), name))
        return name

    eps, c127, c255 = (const("rq_eps", np.float32(1e-8)), const("rq_127", np.float32(127)),
                       const("rq_255", np.float32(255)))
    zp128, shift = const("rq_zp128", np.uint8(128)), const("rq_shift", np.float32(GELU_SHIFT))
    flat = const("rq_flat", np.array([-1], np.int64))
    new, done = [], {}
    for n in g.node:
        if not (n.op_type == "MatMul" and n.input[1] in inits):
            new.append(n)
            continue
        x = n.input[0]
        W = nh.to_array(inits[n.input[1]]).astype(np.float32)
        ws = np.maximum(np.abs(W).max(axis=0), 1e-12) / 127.0
        Wq = np.clip(np.round(W / ws), -127, 127).astype(np.int8)
        base = n.name.replace("/", "_")
        wq, wsn = const(base + "_Wq", Wq), const(base + "_ws", ws.astype(np.float32))
        gelu = "intermediate_act_fn" in x
        p = f"rq{len(done)}_" if x not in done else None
        if asym:
            if p:
                new += [h.make_node("ReduceMax", [x], [p + "mx"], axes=[-1], keepdims=1),
                        h.make_node("ReduceMin", [x], [p + "mn"], axes=[-1], keepdims=1),
                        h.make_node("Sub", [p + "mx", p + "mn"], [p + "rg"]),
                        h.make_node("Max", [p + "rg", eps], [p + "rg2"]),
                        h.make_node("Div", [p + "rg2", c255], [p + "sc"]),
                        h.make_node("Sub", [x, p + "mn"], [p + "xm"]),
                        h.make_node("Div", [p + "xm", p + "sc"], [p + "xs"]),
                        h.make_node("Round", [p + "xs"], [p + "xr"]),
                        h.make_node("Cast", [p + "xr"], [p + "q"], to=T.UINT8)]
                done[x] = (p + "q", p + "sc", p + "mn")
            q, sc, mn = done[x]
            cs = const(base + "_cs", (ws * Wq.astype(np.float64).sum(0)).astype(np.float32))
            new += [h.make_node("MatMulIntegerToFloat", [q, wq, sc, wsn], [base + "_y"], domain="com.microsoft"),
                    h.make_node("Mul", [mn, cs], [base + "_off"]),
                    h.make_node("Add", [base + "_y", base + "_off"], [n.output[0]])]
            continue
        if p:
            u = x
            if gelu:
                new += [h.make_node("Add", [x, shift], [p + "u"]),
                        h.make_node("ReduceMax", [p + "u"], [p + "mx"], axes=[-1], keepdims=1),
                        h.make_node("Max", [p + "mx", eps], [p + "mx2"]),
                        h.make_node("Div", [p + "mx2", c255], [p + "sc"])]
                u = p + "u"
            else:
                new += [h.make_node("ReduceMax", [x], [p + "mx"], axes=[-1], keepdims=1),
                        h.make_node("ReduceMin", [x], [p + "mn"], axes=[-1], keepdims=1),
                        h.make_node("Neg", [p + "mn"], [p + "nmn"]),
                        h.make_node("Max", [p + "mx", p + "nmn"], [p + "a"]),
                        h.make_node("Max", [p + "a", eps], [p + "a2"]),
                        h.make_node("Div", [p + "a2", c127], [p + "sc"])]
            new += [h.make_node("Shape", [u], [p + "shp"]),
                    h.make_node("Reshape", [u, const(p + "K", np.array([-1, W.shape[0]], np.int64))], [p + "u2"]),
                    h.make_node("Reshape", [p + "sc", flat], [p + "sc1"])]
            if gelu:
                new += [h.make_node("QuantizeLinear", [p + "u2", p + "sc1"], [p + "q2"], axis=0)]
            else:
                new += [h.make_node("Shape", [p + "sc1"], [p + "n"]),
                        h.make_node("ConstantOfShape", [p + "n"], [p + "zp"], value=nh.from_array(np.array([128], np.uint8))),
                        h.make_node("QuantizeLinear", [p + "u2", p + "sc1", p + "zp"], [p + "q2"], axis=0)]
            new += [h.make_node("Reshape", [p + "q2", p + "shp"], [p + "q"])]
            done[x] = (p + "q", p + "sc")
        q, sc = done[x][:2]
        ins = [q, wq, sc, wsn] + ([] if gelu else [zp128])
        new.append(h.make_node("MatMulIntegerToFloat", ins, [n.output[0]], domain="com.microsoft", name=n.name + "_i8"))
        if gelu:  # x @ W = (x + 0.17) @ W - 0.17 * colsum(W): into the bias Add that follows
            (add,) = [c for c in users[n.output[0]] if c.op_type == "Add"]
            b = next(i for i in add.input if i in inits)
            bv = nh.to_array(inits[b]).astype(np.float64) - GELU_SHIFT * Wq.astype(np.float64).sum(0) * ws
            inits[b].CopyFrom(nh.from_array(bv.astype(np.float32), b))
    used = {i for nn in new for i in nn.input}
    keep = [i for i in g.initializer if i.name in used]
    del g.node[:]
    g.node.extend(new)
    del g.initializer[:]
    g.initializer.extend(keep + extra)
    if not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(h.make_opsetid("com.microsoft", 1))
    onnx.save(model, str(dest))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("fp32", type=Path, help="the fp32 export (convert_model.py --keep-fp32)")
    ap.add_argument("out", type=Path)
    ap.add_argument("--recipe", choices=("row", "smooth-row", "smooth-row-asym"), default="smooth-row-asym")
    ap.add_argument("--alpha", type=float, default=0.5)
    args = ap.parse_args(argv)
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.quantization.shape_inference import quant_pre_process

    with tempfile.TemporaryDirectory() as tmp:
        cur = Path(tmp) / "pre.onnx"
        quant_pre_process(str(args.fp32), str(cur), skip_symbolic_shape=True)
        if args.recipe.startswith("smooth"):
            smooth(cur, Path(tmp) / "smooth.onnx", alpha=args.alpha)
            cur = Path(tmp) / "smooth.onnx"
        per_row(cur, Path(tmp) / "row.onnx", asym=args.recipe.endswith("asym"))
        quantize_dynamic(str(Path(tmp) / "row.onnx"), str(args.out), weight_type=QuantType.QInt8,
                         per_channel=True, op_types_to_quantize=["Gather"])
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
