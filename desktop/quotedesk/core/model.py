"""Plain data shared by every layer: what an extracted quote and an article look like.

Offsets are code-point offsets into the article text, 0-based and end-exclusive (like brat
and ``score_quotes.py``). These objects are immutable; the store turns them into rows.
"""
from __future__ import annotations

from dataclasses import dataclass, field

#: The kinds of quotation Quotedesk distinguishes.
KINDS = ("direct", "indirect", "mixed")
#: Review states of a stored quote.
STATUSES = ("auto", "confirmed", "corrected", "added")
#: What kind of entity a speaker is.
SPEAKER_KINDS = ("person", "organisation", "group", "unknown")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"bad span {self.start}..{self.end}")

    def slice(self, text: str) -> str:
        return text[self.start:self.end]


@dataclass(frozen=True, slots=True)
class ExtractedQuote:
    """One quotation found by the attribution engine, with its evidence.

    ``speakers`` holds the canonical name(s): empty when unknown, one name usually, several for
    a joint quote ("the two leaders"). ``cue`` and ``mention`` are the evidence spans (the cue
    verb or phrase, and the speaker mention it was attributed through). ``resolved_from`` is the
    surface text of the mention when it was a pronoun, title or group resolved to names.
    """

    start: int
    end: int
    text: str
    kind: str = "direct"
    speakers: tuple[str, ...] = ()
    confidence: float = 0.5
    cue: str | None = None
    cue_span: Span | None = None
    mention: str | None = None
    mention_span: Span | None = None
    resolved_from: str | None = None
    floating: bool = False
    speaker_kind: str = "unknown"

    @property
    def speaker(self) -> str | list[str] | None:
        """The speaker as the ``quotedesk extract`` contract writes it."""
        if not self.speakers:
            return None
        if len(self.speakers) == 1:
            return self.speakers[0]
        return list(self.speakers)

    def to_json(self) -> dict:
        """The ``quotedesk extract`` contract for one quote (plus compatible extra fields)."""
        out = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker,
            "kind": self.kind,
            "cue": self.cue,
            "confidence": round(self.confidence, 3),
        }
        if self.cue_span is not None:
            out["cue_start"], out["cue_end"] = self.cue_span.start, self.cue_span.end
        if self.mention is not None:
            out["mention"] = self.mention
        if self.mention_span is not None:
            out["mention_start"], out["mention_end"] = self.mention_span.start, self.mention_span.end
        if self.floating:
            out["floating"] = True
        return out


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """An article read from a file or pasted, before it is stored.

    ``text`` is the exact text that quote offsets refer to; it is never rewritten after import.
    """

    text: str
    title: str = ""
    outlet: str = ""
    date: str | None = None  # ISO 8601 date, YYYY-MM-DD
    url: str | None = None
    source_path: str | None = None
    fmt: str = "txt"  # txt, md, html, docx, pdf, jsonl, paste
    extra: dict = field(default_factory=dict)
