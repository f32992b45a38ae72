"""The sentence model's tokenizer in plain Python: BERT (uncased) normalisation, pre-tokenisation
and WordPiece over the vocabulary of the model's own ``tokenizer.json``.

It decides which token ids a text becomes, exactly as the ``tokenizers`` package does for this
file (BertNormalizer with lowercase and accents stripped, BertPreTokenizer, WordPiece with
``##`` continuations and ``[UNK]`` for words it cannot spell or longer than 100 characters,
``[CLS] ... [SEP]``, the special tokens' literal text kept as those tokens), so that Quotedesk
does not install ``tokenizers``, which pulls huggingface-hub and its HTTP stack (about ten
packages) into every install. tests/core/test_wordpiece.py compares the two where both are
installed. Words are cached: a text costs about a list comprehension over its words.
"""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path


def _is_punct(ch: str) -> bool:
    o = ord(ch)
    if 33 <= o <= 47 or 58 <= o <= 64 or 91 <= o <= 96 or 123 <= o <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(o: int) -> bool:
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0x20000 <= o <= 0x2A6DF
            or 0x2A700 <= o <= 0x2B73F or 0x2B740 <= o <= 0x2B81F or 0x2B820 <= o <= 0x2CEAF
            or 0xF900 <= o <= 0xFAFF or 0x2F800 <= o <= 0x2FA1F)


def _normalise(text: str) -> str:
    """BertNormalizer(clean_text, handle_chinese_chars, lowercase, strip accents)."""
    out = []
    for ch in text:
        o = ord(ch)
        if o == 0 or o == 0xFFFD:
            continue
        cat = unicodedata.category(ch)
        if ch in "\t\n\r" or cat == "Zs":
            out.append(" ")
        elif cat in ("Cc", "Cf"):
            continue
        elif _is_cjk(o):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    text = "".join(out)
    # per character, as Rust's char::to_lowercase: str.lower() turns a word-final capital
    # sigma into the final form (a different token)
    text = "".join(c.lower() for c in text) if "\u03a3" in text else text.lower()
    text = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn")


class WordPiece:
    """``encode(text) -> [token ids]`` with ``[CLS]``/``[SEP]``, at most ``max_tokens`` long."""

    def __init__(self, tokenizer_file: Path, max_tokens: int = 256):
        spec = json.loads(Path(tokenizer_file).read_text(encoding="utf-8"))
        model = spec["model"]
        if model.get("type") != "WordPiece" or spec.get("normalizer", {}).get("type") != "BertNormalizer":
            raise ValueError(f"{tokenizer_file}: not a BERT WordPiece tokenizer")
        self.vocab: dict[str, int] = model["vocab"]
        self.prefix = model.get("continuing_subword_prefix", "##")
        self.max_chars = int(model.get("max_input_chars_per_word", 100))
        self.unk = self.vocab[model.get("unk_token", "[UNK]")]
        self.cls, self.sep = self.vocab["[CLS]"], self.vocab["[SEP]"]
        self.max_tokens = max_tokens
        specials = sorted((t["content"] for t in spec.get("added_tokens", [])), key=len, reverse=True)
        self._special = {t["content"]: t["id"] for t in spec.get("added_tokens", [])}
        self._split = re.compile("(" + "|".join(map(re.escape, specials)) + ")") if specials else None
        self.piece = lru_cache(maxsize=100_000)(self._piece)

    def _piece(self, word: str) -> tuple[int, ...]:
        if len(word) > self.max_chars:
            return (self.unk,)
        out, start, n = [], 0, len(word)
        while start < n:
            end, found = n, None
            while start < end:
                sub = word[start:end] if start == 0 else self.prefix + word[start:end]
                found = self.vocab.get(sub)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return (self.unk,)
            out.append(found)
            start = end
        return tuple(out)

    def _words(self, text: str) -> list[str]:
        out = []
        for chunk in _normalise(text).split():
            word = []
            for ch in chunk:
                if _is_punct(ch):
                    if word:
                        out.append("".join(word))
                        word = []
                    out.append(ch)
                else:
                    word.append(ch)
            if word:
                out.append("".join(word))
        return out

    def encode(self, text: str) -> list[int]:
        ids: list[int] = []
        parts = self._split.split(text) if self._split else [text]
        for i, part in enumerate(parts):
            if i % 2:  # a special token written literally in the text
                ids.append(self._special[part])
                continue
            for w in self._words(part):
                ids.extend(self.piece(w))
        return [self.cls] + ids[:self.max_tokens - 2] + [self.sep]
