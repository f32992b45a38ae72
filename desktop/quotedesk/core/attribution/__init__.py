"""The attribution engine: every quotation in a text, with its speaker, cue and evidence.

``extract_quotes(text)`` is a pure, deterministic function of the text. It is built from
separately tested stages, numbered in their docstrings: ``casing`` (title-case lines),
``spans`` (quotation marks), ``cues`` (cue verbs), ``mentions`` (speaker phrases), ``resolve``
(in-article coreference), ``indirect`` (reported speech), the learned decisions (``content_end``,
``quote_model``, ``mention_ranker``, ``antecedent``, ``floating``, scored by ``learned``) and
``pipeline`` (the glue).
"""
from __future__ import annotations

from .pipeline import extract_quotes

__all__ = ["extract_quotes"]
