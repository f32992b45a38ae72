"""The model's tokenizer in plain Python gives the ids the model was trained with."""
from __future__ import annotations

import pytest

from quotedesk.core.matching.encoder import MAX_TOKENS, TOKENIZER_FILE
from quotedesk.core.matching.wordpiece import WordPiece

TEXTS = [
    "We will build the homes this country needs.",
    "Unemployment fell to 3.5% in 2019, the lowest since 1969!",
    "Café naïve résumé — “quoted” don't…",
    "ΣΊΣΥΦΟΣ and İstanbul, ﬁne ligatures, Ⅳ",
    "中文字符 mixed with English",
    "tab\tnew\nline\x00\u200b zero-width, a\u00a0b",
    "a[CLS]b [SEP] [MASK] literal special tokens",
    "x" * 150 + " a word too long to spell",
    "emoji 😀 and ¿Qué? ¡Sí!",
    "",
]


@pytest.fixture(scope="module")
def wp():
    return WordPiece(TOKENIZER_FILE, MAX_TOKENS)


def test_known_ids(wp):
    # [CLS] we will build the homes this country needs . [SEP]
    assert wp.encode(TEXTS[0]) == [101, 2057, 2097, 3857, 1996, 5014, 2023, 2406, 3791, 1012, 102]
    ids = wp.encode("unbelievablyxq")   # split into known pieces (##-continuations)
    assert ids[0] == 101 and ids[-1] == 102 and len(ids) > 3 and 100 not in ids
    assert wp.encode("x" * 150) == [101, 100, 102]          # longer than 100 characters: [UNK]
    assert wp.encode("") == [101, 102]


def test_truncated_like_the_model_was(wp):
    ids = wp.encode("word " * 1000)
    assert len(ids) == MAX_TOKENS and ids[0] == 101 and ids[-1] == 102


def test_same_ids_as_the_tokenizers_package(wp):
    tokenizers = pytest.importorskip("tokenizers")   # the dev extra
    tk = tokenizers.Tokenizer.from_file(str(TOKENIZER_FILE))
    tk.enable_truncation(MAX_TOKENS)
    tk.no_padding()
    from quotedesk.core.matching.bench import synthetic_statements

    texts = TEXTS + [r["text"] for r in synthetic_statements(300, seed=3)]
    for t in texts:
        assert wp.encode(t) == tk.encode(t).ids, t


def test_the_encoder_runs_without_the_tokenizers_package():
    import subprocess
    import sys

    code = ("import sys; sys.modules['tokenizers'] = None; sys.modules['huggingface_hub'] = None\n"
            "from quotedesk.core.matching import encoder\n"
            "assert encoder.missing() is None, encoder.missing()\n"
            "v = encoder.Encoder(n_threads=1).encode(['Bus fares will be frozen.', 'Trams are free.'])\n"
            "assert v.shape == (2, 384) and abs(float((v[0] * v[0]).sum()) - 1) < 1e-5\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
