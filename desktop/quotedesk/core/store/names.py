"""Normalising speaker names for alias look-up (pure functions, no database)."""
from __future__ import annotations

from quotedesk.core.identity.names import tokens as folded_tokens

#: Words dropped from an alias key: honorifics, roles and articles that vary between mentions.
TITLE_WORDS = frozenset(
    """mr mrs ms miss mx dr prof sir dame lord lady the a an president vice prime minister
    senator sen rep representative gov governor secretary chancellor premier mayor general gen
    chief executive ceo spokesman spokeswoman spokesperson leader former then us u.s. deputy
    foreign state russian american chinese british french german ukrainian interim acting""".split()
)

def name_tokens(name: str) -> list[str]:
    """Casefolded tokens of a name with titles, possessives and edge punctuation removed."""
    tokens = folded_tokens(name)
    kept = [t for t in tokens if t not in TITLE_WORDS]
    return kept or tokens


def alias_key(name: str) -> str:
    """The key under which a mention is looked up: 'Russian President Vladimir Putin' and
    'vladimir putin' share the key 'vladimir putin'."""
    return " ".join(name_tokens(name))


def surname(name: str) -> str:
    tokens = name_tokens(name)
    return tokens[-1] if tokens else ""
