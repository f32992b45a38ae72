"""The records the resolution stages share: an article's ``Entity`` (a person or organisation
with its fullest name, titles and gender) and a mention's ``Resolution`` (the names it stands
for, their kind, a confidence and the surface it was resolved from)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple


@dataclass(slots=True)
class Entity:
    id: int
    name: str
    kind: str  # person / organisation
    first: str = ""
    last: str = ""
    titles: set = field(default_factory=set)
    gender: str = ""
    strong: bool = False  # certainly a person (title, known given name, honorific)
    n_tokens: int = 1


class Resolution(NamedTuple):
    names: tuple[str, ...]
    kind: str  # person / organisation / group / unknown
    confidence: float
    resolved_from: str | None = None


@lru_cache(maxsize=16384)
def low(t: str) -> str:
    """A token compared as a word: lower case, no final full stop, straight apostrophe."""
    return t.lower().rstrip(".").replace("’", "'")
