"""What one article says about each of its speakers (pure: article text and extracted quotes in,
:class:`ArticleSpeaker` records out).

The attribution engine has already resolved, inside the article, that "Johnson" is "Boris
Johnson"; this module gathers the evidence the identity decision needs to compare that person
with speakers of other articles: the fullest mention, the title in front of the name ("Prime
Minister"), the appositive after it (", the finance minister of Eastbrook,"), the organisation
("of the Teachers Union"), the honorific's gender, the article's outlet and date.

It finishes the article's own resolution where the engine left it: a bare surname the article
names in full exactly once ("Okafor" -> "Robert Okafor Sr."), a generic noun for the one
organisation of the article with that noun ("the ministry" -> "Health Ministry"), a spokesperson
for the organisation the mention says they speak for ("a spokeswoman for the Health Ministry"),
never for the last organisation named.

It also refuses names that are not speakers: datelines ("EASTBROOK -", "CITY HALL —"), a
dateline glued to a name ("EASTBROOK Police" -> "Police"), bylines and photo credits, places
(names the article writes after "in", "near", ...), times and pronouns. Every scan is a regular
expression over the text or a bounded window around a name occurrence (occurrences capped), so
the work is linear in the article's length.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from quotedesk.core.attribution.lexicon import ORG_WORDS, PERSON_ROLES
from quotedesk.core.identity.names import (HONORIFICS, NATIONALITIES, ORG_HEADS, PRONOUNS, TITLE_WORDS, fold,
                                           is_generic, is_place_or_time, is_role, is_shouted, org_key, parse_name,
                                           role_key, tokens)
from quotedesk.core.model import ExtractedQuote

_DATELINE = re.compile(r"(?m)^[ \t]*([A-Z][A-Z .'’&-]{1,40}?[A-Z])(?:[ \t]*,[ \t]*[A-Z][\w. ]{0,20}?)?"
                       r"[ \t]*(?:\([\w .]{1,20}\)[ \t]*)?[-—–:][ \t-]*")
_BYLINE = re.compile(r"(?m)^[ \t]*(?:By|BY|Written by|Reporting by)[ \t]+([A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){0,3})")
_CREDIT = re.compile(r"(?i)\b(?:photo|photograph|picture|image|credit|illustration)s?[ \t]*(?:by|:)[ \t]*"
                     r"((?-i:[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){0,3}))")
_APPOSITIVE = re.compile(r",[ \t]+(?:(?:the|a|an)[ \t]+)?([^,.;:\"“”()\n]{2,80}?)[ \t]*(?=[,.;]|[ \t]+(?:said|says|told|added)\b)")
_OF_ORG = re.compile(r"[ \t]+(?:of|from|at|for)[ \t]+(?:the[ \t]+)?([A-Z][\w&'’-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w&'’-]*){0,5})")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)[ \t]*$")
_ROLE_SPLIT = re.compile(r"[ \t]+(?:of|for|at|with|from)[ \t]+(?:the[ \t]+)?")
_WINDOW = 120
#: A name ending in an abbreviation written with a dot ("Sr", "Jr", an initial "K")
_ABBREVIATED_END = re.compile(r"(?:\b(?:Jr|Sr|JR|SR)|\b[A-Z])$")
#: "a spokesman for the Teachers Union", "a statement from the Health Ministry"
_SPOKEN_FOR = re.compile(r"(?i:spokes(?:man|woman|person)|statement|representative|official)[ \t]+"
                         r"(?:for|of|from|at)[ \t]+(?:the[ \t]+)?(.+)$")
#: "a hospital spokeswoman", "a union spokesman"
_SPOKES_AFTER = re.compile(r"^(?:(?:a|an|the)[ \t]+)?([\w'’ -]+?)[ \t]+spokes(?:man|woman|person)$", re.IGNORECASE)
#: Capitalised names ending in an organisation head noun ("Eastbrook General Hospital")
_ORG_NAME = re.compile(r"\b(?:[A-Z][a-z][\w&'’-]*[ \t]+){1,4}(?:"
                       + "|".join(sorted((w.capitalize() for w in ORG_HEADS), key=len, reverse=True)) + r")\b")
#: A capitalised name right after a preposition of place ("in Eastbrook", "near Harbor City"),
#: not a possessive ("in Johnson's view"): the article uses it as a place.
_LOCATIVE = re.compile(r"\b(?:in|near|outside|across|throughout|around)[ \t]+((?:[A-Z][\w'’-]+)(?:[ \t]+[A-Z][\w'’-]+){0,2})"
                       r"(?!['’]s\b)")


@dataclass(frozen=True, slots=True)
class ArticleSpeaker:
    """One speaker of one article, as the article itself names and describes them."""

    name: str                       # the engine's resolved name in this article
    kind: str = "unknown"           # person, organisation, group, unknown
    mention: str = ""               # the fullest mention ("Prime Minister Boris Johnson")
    roles: frozenset[str] = frozenset()   # role phrases, content words only ("prime minister")
    role_text: str = ""             # the role as written, for the analyst ("prime minister")
    orgs: frozenset[str] = frozenset()    # organisation keys ("teachers union")
    gender: str = ""                # from an honorific: "m", "f" or ""
    outlet: str = ""
    date: str | None = None
    generic: bool = False           # a role word or common noun: never matched across articles


@dataclass(frozen=True, slots=True)
class ArticleSpeakers:
    """Every speaker of an article, and the names refused as not being speakers (with why)."""

    speakers: tuple[ArticleSpeaker, ...] = ()
    refused: tuple[tuple[str, str], ...] = ()   # (name, reason)
    quote_names: tuple[tuple[str, ...], ...] = ()  # per quote, in order: its speakers' names here

    def by_name(self) -> dict[str, ArticleSpeaker]:
        return {s.name: s for s in self.speakers}


def _datelines(text: str) -> set[str]:
    return {m.group(1).strip() for m in _DATELINE.finditer(text[:4000]) if len(m.group(1)) > 1}


def _places(text: str) -> set[str]:
    """Keys of the names the article writes as places (after "in", "near", ...)."""
    return {" ".join(tokens(m.group(1))) for m in _LOCATIVE.finditer(text)}


def _non_speaker_names(text: str) -> set[str]:
    """Keys of bylines and photo credits."""
    out = set()
    for rx in (_BYLINE, _CREDIT):
        for m in rx.finditer(text):
            out.add(" ".join(tokens(m.group(1))))
    return out


def clean_name(name: str, datelines: set[str]) -> str:
    """The name without a dateline glued in front of it ("EASTBROOK Police" -> "Police")."""
    name = " ".join(name.split())
    for dl in datelines:
        if name == dl:
            return ""
        if name.startswith(dl + " ") or name.startswith(dl + "-"):
            return name[len(dl):].lstrip(" -—–")
    return name


def refusal(name: str, *, datelines: set[str], credits: set[str], text: str, places: set[str] = frozenset(),
            kind: str = "unknown") -> str | None:
    """Why ``name`` is not a speaker, or None when it may be one. ``places``: names the
    article writes as places; they refuse a name the engine could not call a person or an
    organisation."""
    if not name:
        return "a dateline"
    toks = tokens(name)
    if not toks or all(t in PRONOUNS for t in toks):
        return "a pronoun"
    if name in datelines or is_shouted(name):
        return "a dateline or heading"
    if is_place_or_time(name):
        return "a place or a time"
    key = " ".join(toks)
    if kind == "unknown" and key in places:
        return "a place (the article writes it after 'in', 'near', ...)"
    if key in credits:
        # an author or photographer is a speaker only if the article also names them elsewhere
        last = re.escape(name.split()[-1])
        occurrences = len(re.findall(rf"\b{last}\b", text))
        if occurrences <= sum(1 for c in credits if c.endswith(toks[-1])):
            return "a byline or photo credit"
    return None


def _occurrences(text: str, needle: str, limit: int = 20) -> Iterable[tuple[int, int]]:
    start = 0
    for _ in range(limit):
        i = text.find(needle, start)
        if i < 0:
            return
        yield i, i + len(needle)
        start = i + len(needle)


def _titles_before(text: str, start: int) -> tuple[list[str], list[str], str, int]:
    """Title words, organisation words and honorific gender written just before a name, and
    where the first of them starts."""
    roles: list[str] = []
    orgs: list[str] = []
    gender = ""
    pos = lead = start
    for _ in range(5):
        m = _WORD_BEFORE.search(text, max(0, pos - 40), pos)
        if not m:
            break
        word = m.group(1)
        low = fold(word).strip(".'")
        if low in HONORIFICS:
            gender = gender or HONORIFICS[low]
        elif low in TITLE_WORDS or low in NATIONALITIES:
            roles.append(word)
        elif low in ORG_WORDS and word[:1].isupper():
            orgs.append(word)
        else:
            break
        pos = lead = m.start()
    return list(reversed(roles)), list(reversed(orgs)), gender, lead


def _described_after(text: str, end: int) -> tuple[str, str]:
    """(role text, organisation) from an appositive or "of the X" right after a name."""
    window = text[end:end + _WINDOW]
    m = _OF_ORG.match(window)
    if m:
        return "", m.group(1)
    m = _APPOSITIVE.match(window)
    if not m:
        return "", ""
    phrase = m.group(1).strip()
    first = phrase.split()[0].casefold()
    if first in ("who", "which", "that", "whose", "where", "when", "and", "but", "he", "she", "it", "they"):
        return "", ""
    if phrase.replace(" ", "").isdigit():
        return "", ""
    parts = _ROLE_SPLIT.split(phrase, maxsplit=1)
    role = parts[0]
    org = parts[1] if len(parts) > 1 and parts[1][:1].isupper() else ""
    if role[:1].isupper() and not org and all(w[:1].isupper() for w in role.split()):
        # ", Eastbrook General Hospital," : a capitalised appositive names an organisation
        return "", role
    return role, org


def describe(text: str, name: str, mention_spans: Sequence[tuple[int, int]] = ()) -> tuple[
        frozenset[str], str, frozenset[str], str, str]:
    """(role phrases, role text, organisation keys, gender, fullest mention) of ``name`` in
    ``text``, read around its occurrences and the engine's mention spans."""
    roles: set[str] = set()
    role_texts: list[str] = []
    orgs: set[str] = set()
    gender = ""
    fullest = name
    spans = list(_occurrences(text, name)) + list(mention_spans)
    for s, e in spans:
        before_roles, before_orgs, g, lead = _titles_before(text, s)
        gender = gender or g
        if before_roles:
            key = role_key(" ".join(before_roles))
            if key:
                roles.add(key)
                role_texts.append(" ".join(before_roles))
        if lead < s and e - lead > len(fullest) and "\n" not in text[lead:e]:
            fullest = " ".join(text[lead:e].split())
        for o in before_orgs:
            orgs.add(org_key(o))
        if text[e:e + 1] == "." and _ABBREVIATED_END.search(text, max(0, e - 4), e):
            e += 1  # "Robert Okafor Sr., the founder of ...": the appositive follows the dot
        role, org = _described_after(text, e)
        if role and is_role(role):
            key = role_key(role)
            if key and not all(w in PRONOUNS for w in key.split()):
                roles.add(key)
                role_texts.append(role.strip())
        if org:
            orgs.add(org_key(org))
    roles.discard("")
    orgs.discard("")
    return frozenset(roles), (role_texts[0] if role_texts else ""), frozenset(orgs), gender, fullest


_CAPS_BEFORE = re.compile(r"((?:[A-Z][\w'’-]*\.?[ \t]+){1,3})$")
def _role_mention(mention: str) -> str:
    """The role a mention names ("the finance minister" -> "finance minister"), when it is a
    lower-case role phrase with a title or person-role word, not a name or a pronoun."""
    words = mention.split()
    if not words or any(w[:1].isupper() for w in words[1:]) or len(words) > 5:
        return ""
    toks = tokens(mention)
    if not toks or toks[0] not in ("the", "a", "an") or any(t in PRONOUNS for t in toks):
        return ""
    key = role_key(mention)
    return " ".join(mention.split()[1:]) if key and any(t in TITLE_WORDS or t in PERSON_ROLES
                                                        for t in key.split()) else ""


_SUFFIX_AFTER = re.compile(r"[ \t]*,?[ \t]*(Jr|Sr|III|II|IV)\b\.?")


def _full_name_in_article(text: str, name: str, kind: str) -> str | None:
    """The one full name the article writes for a bare surname or initial ("Okafor" ->
    "Robert Okafor Sr." when the article names no other Okafor), else None. Looks at the
    capitalised words right before each occurrence of the surname (titles and honorifics
    skipped); two different full names (father and son, two Johnsons) leave it unresolved."""
    if kind not in ("person", "unknown") or is_generic(name):
        return None
    form = parse_name(name)
    if not form.surname or form.is_full:
        return None
    surname_text = name.split()[-1].rstrip(".,")
    found: dict[str, str] = {}
    for s, e in _occurrences(text, surname_text, limit=50):
        if (e < len(text) and text[e].isalnum()) or (s > 0 and text[s - 1].isalnum()):
            continue  # part of a longer word
        before = text[max(0, s - 60):s]
        given: list[str] = []
        tail = _CAPS_BEFORE.search(before)
        for w in reversed(tail.group(1).split() if tail else []):
            low = fold(w).strip(".")
            if low in TITLE_WORDS or low in HONORIFICS or low in NATIONALITIES or low in ORG_WORDS:
                break
            given.insert(0, w)
        if not given:
            continue
        m = _SUFFIX_AFTER.match(text, e)
        candidate = " ".join(given + [surname_text]) + (f" {m.group(1)}." if m else "")
        cf = parse_name(candidate)
        if cf.is_full and cf.surname == form.surname and cf.given_compatible(form):
            found.setdefault(cf.key, " ".join(given + [surname_text]) + (f" {m.group(1)}" if m else ""))
    if len(found) == 1:
        return next(iter(found.values()))
    return None


def _spoken_for(mention: str) -> str:
    """What a spokesperson mention says they speak for: "a hospital spokeswoman" -> "hospital",
    "a spokesman for the Teachers Union" -> "Teachers Union", "a statement from the Health
    Ministry" -> "Health Ministry"; "" when the mention is not of that shape."""
    m = _SPOKEN_FOR.search(mention)
    if m:
        return m.group(1).strip()
    m = _SPOKES_AFTER.search(mention)
    return m.group(1).strip() if m else ""


def _organisation_for(text: str, name: str, mention: str, orgs_named: list[str]) -> str:
    """The organisation a spokesperson or statement quote is from, by what the mention says:
    the engine's organisation when it agrees with the mention, the fuller name the mention
    writes, the one organisation of the article whose name ends in the mention's noun
    ("hospital" -> "Eastbrook General Hospital"), else the mention's own words ("hospital
    spokeswoman", a generic speaker of this article)."""
    said = _spoken_for(mention)
    if not said:
        return name
    said_toks, name_toks = tokens(said), tokens(name)
    if said[:1].isupper() and not is_generic(said):
        return said if set(name_toks) <= set(said_toks) or not name_toks else said
    head = said_toks[-1] if said_toks else ""
    if head and head in name_toks:
        return name
    fitting = sorted({o for o in orgs_named if tokens(o)[-1:] == [head]})
    if len(fitting) == 1:
        return fitting[0]
    words = mention.split()
    while words and words[0].casefold() in ("a", "an", "the"):
        words.pop(0)
    return " ".join(words)


def _organisation_in_article(name: str, kind: str, orgs_named: list[str]) -> str | None:
    """The one organisation the article names whose name ends in this generic noun ("the
    ministry" -> "Health Ministry"), else None (two unions named: "the union" stays generic)."""
    if kind not in ("organisation", "group", "unknown") or not is_generic(name):
        return None
    toks = tokens(name)
    head = toks[-1] if toks else ""
    fitting = {org_key(o): o for o in orgs_named if tokens(o)[-1:] == [head] and not is_generic(o)}
    return next(iter(fitting.values())) if len(fitting) == 1 else None


def article_speakers(text: str, quotes: Sequence[ExtractedQuote], *, outlet: str = "",
                     date: str | None = None) -> ArticleSpeakers:
    """The speakers an article names for its quotes, each once, with its evidence, and each
    quote's speaker names as this article resolves them (datelines taken off, names that are
    not speakers dropped, a bare surname completed from the article's own full name, a
    spokesperson given to the organisation the mention says they speak for)."""
    datelines = _datelines(text)
    credits = _non_speaker_names(text)
    places = _places(text)
    orgs_named = [clean_name(n, datelines) for q in quotes for n in q.speakers if q.speaker_kind == "organisation"]
    orgs_named = [n for n in orgs_named if n and not is_shouted(n)]
    orgs_named += [m.group(0) for m in _ORG_NAME.finditer(text)]
    refused: dict[str, str] = {}
    mentions: dict[str, list[tuple[int, int]]] = {}
    kinds: dict[str, str] = {}
    role_mentions: dict[str, list[str]] = {}
    order: list[str] = []
    per_quote: list[list[str]] = []
    for q in quotes:
        names: list[str] = []
        single = len(q.speakers) == 1
        for raw in q.speakers:
            name = clean_name(raw, datelines)
            kind = q.speaker_kind if single else "unknown"
            if single and kind == "organisation" and q.mention:
                name = _organisation_for(text, name, q.mention, orgs_named)
            why = refusal(name, datelines=datelines, credits=credits, text=text, places=places, kind=kind)
            if why:
                refused[raw] = why
                continue
            names.append(name)
            if name not in kinds:
                order.append(name)
                kinds[name] = kind
            elif kinds[name] == "unknown" and single:
                kinds[name] = kind
            if q.mention_span is not None and single:
                mentions.setdefault(name, []).append((q.mention_span.start, q.mention_span.end))
                role = _role_mention(q.mention or "")
                if role:  # "the finance minister said", resolved by the engine to this speaker
                    role_mentions.setdefault(name, []).append(role)
        per_quote.append(names)
    completed: dict[str, str] = {}
    for name in list(order):
        full = _full_name_in_article(text, name, kinds[name]) or _organisation_in_article(name, kinds[name], orgs_named)
        if full is None or full == name:
            continue
        # the article itself names this "Okafor" in full ("Robert Okafor Sr."): that is who it is
        completed[name] = full
        mentions.setdefault(full, []).extend(mentions.pop(name, []))
        role_mentions.setdefault(full, []).extend(role_mentions.pop(name, []))
        order.remove(name)
        if full not in kinds:
            order.append(full)
            kinds[full] = "organisation" if kinds[name] == "organisation" else "person"
        kinds.pop(name)
    seen: dict[str, ArticleSpeaker] = {}
    for name in order:
        kind = kinds[name] if kinds[name] in ("person", "organisation", "group") else "unknown"
        generic = is_generic(name)
        if kind == "person" or (kind == "unknown" and not generic):
            roles, role_text, orgs, gender, fullest = describe(text, name, mentions.get(name, ()))
            if role_mentions.get(name):
                roles = roles | {role_key(r) for r in role_mentions[name]}
                role_text = role_text or role_mentions[name][0]
        else:
            roles, role_text, orgs, gender, fullest = frozenset(), "", frozenset(), "", name
        seen[name] = ArticleSpeaker(name, kind, fullest, roles, role_text, orgs, gender, outlet or "", date,
                                    generic)
    quote_names = tuple(tuple(dict.fromkeys(completed.get(n, n) for n in names)) for names in per_quote)
    return ArticleSpeakers(tuple(seen.values()), tuple(refused.items()), quote_names)
