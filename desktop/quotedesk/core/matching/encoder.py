"""The sentence encoder: all-MiniLM-L6-v2, int8 ONNX, run by onnxruntime on the CPU.

It decides how a text becomes a vector, and nothing else: tokenise with the model's own
``tokenizer.json`` (``wordpiece``: the same ids as the ``tokenizers`` package, without its
huggingface-hub dependency; truncated at ``MAX_TOKENS`` like sentence-transformers),
run the quantised BERT encoder, mean-pool the token states over the attention mask and scale to
unit length (NumPy). The files ship inside the package (``model/``: built from the original
Apache-2.0 weights by scripts/convert_model.py, licence in ``model/LICENSE``); nothing is
downloaded and no deep-learning framework is imported.

Which int8 file ships (measured 2026-12-03 against the fp32 export on 1,069 texts: the seeds'
sentences and CheckThat! 2020 / 2021-2B dev queries and collection claims; texts/s on the same
busy 2-core machine, one run each):

    dynamic int8, per-channel (shipped)       cosine min 0.9802, median 0.9927   395 texts/s
    weight-only 8-bit, blocks of 32           cosine min 0.9988, median 0.9995    98 texts/s
    weight-only 8-bit, blocks of 128, acc. 4  cosine min 0.9964, median 0.9987   106 texts/s
    dynamic int8, FFN output matmuls fp32     cosine min 0.9899, median 0.9960   142 texts/s

MAP@5 on the dev splits (2020 / 2021-2B): dynamic 0.894 / 0.489, weight-only 0.897 / 0.489.
The weight-only file alone meets the cosine >= 0.996 asked for, but it encodes 2.5-4 times
slower: bulk indexing would fall below the 375 statements/s of the earlier torch runtime and
encoding an article's 20 quotes alone would exceed the 5 ms a quote matching may take at
1,000,000 statements. So the dynamic file ships: its vectors against ones stored by the torch
runtime of earlier versions have cosine 0.993 at the median (0.98 at worst on these texts, 0.95
on one-word ones such as "Yes."), close enough to rank by but not identical; ``quotedesk statements index`` does not recompute them.

Re-measured 2026-12-04 (onnxruntime 1.32.0) on 1,077 texts (seeds, both dev query sets, 300
collection texts of each, 8 edge cases such as "", "Yes.", "Thanks!"); speed = texts/s of
``Encoder.encode`` on 2,000 2021-2B claims as a ratio to the shipped file, median of 5 runs
alternating with it on the busy 2-core machine (ranges: separate runs). Candidates other than
onnxruntime's own are built by scripts/quant_recipes.py; scripts/check_model.py --model
--reference --speed checks any of them:

    recipe                                         cos min  p1      median  speed   MB
    dynamic int8, per-channel (shipped)            0.9570   0.9857  0.9928  1       22.9
      same, texts of 3+ words only                 0.9833
    dynamic, U8U8 / reduce_range / per-tensor      0.9488 / 0.9476 / 0.7729 (median <= 0.9931)
    dynamic, embeddings fp32                       0.9560   0.9867  0.9933  -       58.7
    dynamic, any one of the 36 MatMuls fp32        <=0.9634 <=0.9881 <=0.9943 -     23-25
    dynamic, 6 FFN output MatMuls fp32             0.9712   0.9916  0.9960  0.75    33.5
    SmoothQuant a=0.5, then dynamic                0.9402   0.9648  0.9841  -       23.0
    SmoothQuant a=0.75, then dynamic               0.9687   0.9842  0.9932  -       23.0
    smooth + per-row int8 on FFN, dynamic attn.    0.9842   0.9951  0.9976  0.83-0.85* 23.0
    smooth + per-row int8, all (smooth-row)        0.9914   0.9974  0.9986  0.52-0.77  23.0
    smooth + per-row asymmetric (smooth-row-asym)  0.9943-0.9953 0.9981 0.9990 0.40-0.58 23.1
    weight-only 8-bit, blocks of 128, acc. 4       0.9908   0.9971  0.9987  0.34-0.61  23.1
    weight-only 8-bit, blocks of 32, acc. 4        0.9970   0.9987  0.9993  0.27-0.50  24.1
    fp32                                           1        1       1       0.39-0.42  90.4

(* one run gave 1.17, taken as noise: the two repeats gave 0.85 and 0.83 on one thread.
One thread: smooth-row 0.75-0.77.) The shipped file's error comes from one
activation scale per batch tensor against the [CLS] row's outliers (channel 99, ~28 against a
median of ~0.1) and is spread over all 36 MatMuls; per-row scales remove most of it, but
onnxruntime has no fused per-row kernel, and the extra nodes cost more than the 10 % allowed.
No recipe reaches cosine 0.996 within 10 % of the shipped speed, so the shipped file is unchanged.

Speed: texts are sorted by token count and batched so that each batch pads to little more than
its longest text (``BATCH`` texts, at most ``BATCH_TOKENS`` tokens); onnxruntime uses one
thread per core. One :class:`Encoder` per process (``semantic`` holds it); ``encode`` is
thread-safe (one forward pass at a time: each already uses every core). Queries and imported
quotes, one text a pass, go through ``encode_alone`` on a second session of one thread (made on
first use), so that an import's encoding thread leaves the other core to its matching.
"""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Sequence

import numpy as np

#: onnxruntime >= 1.29 starts Microsoft's telemetry on Linux and macOS when it initialises: a
#: persistent device id and an event cache under ~/.cache/Microsoft/DeveloperTools, and uploads.
#: What an analyst works on never leaves the machine: opted out before onnxruntime is imported
#: (its documented switch; an explicit ORT_DISABLE_TELEMETRY=0 in the environment is respected).
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

MODEL_DIR = Path(__file__).resolve().parent / "model"
MODEL_FILE = MODEL_DIR / "model.onnx"
TOKENIZER_FILE = MODEL_DIR / "tokenizer.json"
DIM = 384
#: Tokens kept per text (all-MiniLM-L6-v2's max_seq_length); longer texts are truncated.
MAX_TOKENS = 256
#: Texts per forward pass, and padded tokens per pass (64 one-line claims of ~25 tokens, or
#: fewer long ones): larger batches gain nothing on 2 cores and cost memory.
BATCH = 64
BATCH_TOKENS = 4096


def threads() -> int:
    """onnxruntime intra-op threads: one per core (``QUOTEDESK_THREADS`` overrides)."""
    env = os.environ.get("QUOTEDESK_THREADS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def missing() -> str | None:
    """Why the encoder cannot run here (a file or a package is missing), or None."""
    import importlib.util

    for name in ("onnxruntime",):
        if importlib.util.find_spec(name) is None:
            return f"the package {name} is not installed"
    for path in (MODEL_FILE, TOKENIZER_FILE):
        if not path.is_file():
            return f"the model file {path} is missing (reinstall Quotedesk)"
    return None


class Encoder:
    """The loaded model; ``Encoder()`` takes ~0.3 s and ~100 MB."""

    def __init__(self, model_file: Path = MODEL_FILE, tokenizer_file: Path = TOKENIZER_FILE,
                 n_threads: int | None = None):
        from quotedesk.core.matching.wordpiece import WordPiece

        self.tokenizer = WordPiece(tokenizer_file, MAX_TOKENS)
        self._model_file = model_file
        self.session = _session(model_file, n_threads or threads())
        self._lock = threading.Lock()
        self._alone = None  # the one-thread session of encode_alone, made on first use
        self._alone_lock = threading.Lock()

    def load_alone(self) -> None:
        """Make the session :meth:`encode_alone` runs on (~0.2 s, ~40 MB), if not made yet."""
        if self._alone is None:
            with self._alone_lock:
                if self._alone is None:
                    self._alone = _session(self._model_file, 1, spin=False)

    def encode_alone(self, texts: Sequence[str]) -> np.ndarray:
        """Like :meth:`encode`, but each text in a forward pass of its own, so that its vector
        depends on its text only (the int8 model quantises its activations over the whole
        batch, padding included): what a query or an imported quote is encoded with.

        Runs on a session of its own with one thread that does not spin: a short text gains
        nothing from a second thread, and the spinning one cost twice the time on a busy
        2-core machine (one quote: 10.0 ms, 6.5 ms CPU, against 4.4 ms and 2.8 ms), while the
        import matches other quotes on the other core meanwhile. Its vectors are bit for bit
        those of :meth:`encode` with one text (checked on 138 quotes)."""
        self.load_alone()
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        with self._alone_lock:
            for i, t in enumerate(texts):
                ids = np.asarray([self.tokenizer.encode(t if isinstance(t, str) else str(t))],
                                 dtype=np.int64)
                mask = np.ones_like(ids)
                hidden = self._alone.run(None, {"input_ids": ids, "attention_mask": mask})[0]
                out[i] = pool(hidden, mask)[0]
        return out

    def _batches(self, lengths: np.ndarray):
        """Index arrays of texts of similar length (shortest first), each a forward pass."""
        order = np.argsort(lengths, kind="stable")
        start = 0
        while start < len(order):
            end = start + 1
            while (end < len(order) and end - start < BATCH
                   and (end - start + 1) * lengths[order[end]] <= BATCH_TOKENS):
                end += 1
            yield order[start:end]
            start = end

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text, in the order given."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not len(texts):
            return out
        encs = [self.tokenizer.encode(t if isinstance(t, str) else str(t)) for t in texts]
        lengths = np.fromiter((len(e) for e in encs), dtype=np.int64, count=len(encs))
        with self._lock:
            for idx in self._batches(lengths):
                width = int(lengths[idx].max())
                ids = np.zeros((len(idx), width), dtype=np.int64)
                mask = np.zeros((len(idx), width), dtype=np.int64)
                for row, i in enumerate(idx):
                    n = lengths[i]
                    ids[row, :n] = encs[i]
                    mask[row, :n] = 1
                hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
                out[idx] = pool(hidden, mask)
        return out


def _session(model_file: Path, n_threads: int, *, spin: bool = True):
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = n_threads
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.log_severity_level = 3  # errors only
    if not spin:
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(model_file), opts, providers=["CPUExecutionProvider"])


def pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean of the token states where ``mask`` is 1, scaled to unit length (as
    sentence-transformers' Pooling(mean) + Normalize)."""
    m = mask[..., None].astype(np.float32)
    summed = (hidden * m).sum(axis=1)
    mean = summed / np.maximum(m.sum(axis=1), 1e-9)
    return (mean / np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12)).astype(np.float32)


def throughput(texts: Sequence[str], encoder: Encoder, *, repeats: int = 3) -> dict:
    """Statements per second of ``encoder.encode(texts)``: the median of ``repeats`` runs
    (after the model is loaded), with the thread count, for ``quotedesk bench match``."""
    runs = []
    for _ in range(max(1, repeats)):
        t0 = time.perf_counter()
        encoder.encode(texts)
        runs.append(time.perf_counter() - t0)
    secs = float(np.median(runs))
    return {"texts": len(texts), "threads": encoder.session.get_session_options().intra_op_num_threads,
            "seconds_median": round(secs, 3),
            "statements_per_s": round(len(texts) / secs, 1) if secs > 0 else None}
