"""What a speaker's name says about who it is (pure functions, no database).

A name is parsed into a :class:`NameForm`: given names and initials, surname, generational
suffix (Jr., Sr., III), the gender an honorific implies (Mr., Ms.), and the title words in
front of it ("Prime Minister", "Dr."). Keys are casefolded and stripped of diacritics, so
"Dr. José Núñez" and "jose nunez" share the key ``jose nunez``.

It also decides which names are not names of one person or organisation at all: datelines
("EASTBROOK -"), places, times, pronouns, and generic nouns ("Union", "the ministry",
"police", "officials") that must never stand for one speaker across articles.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from quotedesk.core.attribution.lexicon import NATIONALITIES, ORG_NOUNS, PERSON_ROLES, PLACE_HEADS, TITLES

_TOKEN = re.compile(r"[\w'’.-]+", re.UNICODE)

#: Honorifics: they say nothing about the role, only (sometimes) the gender.
HONORIFICS = {"mr": "m", "mister": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f",
              "dame": "f", "lady": "f", "mme": "f", "mlle": "f", "mx": ""}
#: Generational suffixes: "Robert Okafor Jr." and "Robert Okafor Sr." are father and son.
SUFFIXES = {"jr": "jr", "junior": "jr", "sr": "sr", "senior": "sr", "ii": "ii", "iii": "iii", "iv": "iv"}
#: Words that qualify a title without changing it ("former prime minister" = "prime minister").
_QUALIFIERS = frozenset("the a an former then acting interim new outgoing incoming current first".split())
#: Title words: honorifics and roles dropped from a name key.
TITLE_WORDS = (TITLES | frozenset(HONORIFICS) | frozenset(
    "mister chief executive spokesman spokeswoman spokesperson leader u.s. us interim".split())) - {"first"}
#: Words that, alone or together, name no one in particular.
#: Common nouns that head an organisation's name ("the union", "the ministry"). Unlike the
#: engine's ORG_WORDS, no proper names ("Kremlin", "Reuters", "NATO" are specific speakers).
ORG_HEADS = frozenset("""
administration agency alliance army assembly association authority authorities bank board bureau
cabinet campaign caucus center centre chamber clinic club coalition college command commission
committee company congress corporation council court department embassy federation force forces
foundation front fund government group guard hospital house institute league military ministries
ministry movement municipality navy network office organisation organization parliament party
patrol police press school secretariat senate service services society team trust tribunal union
unit university
""".split())
#: Role nouns the attribution lexicon lacks; with its TITLES and PERSON_ROLES they tell a role
#: appositive (", a surgeon at ...") from any other phrase after a name (", said she was ...").
EXTRA_ROLES = frozenset("surgeon nurse engineer scientist researcher professor lecturer teacher "
                        "principal pastor priest rabbi vicar officer inspector".split())
GENERIC_WORDS = (ORG_NOUNS | ORG_HEADS | frozenset("""
the a an our their his her its this that these those some many several other others both all
city town state country nation region county province village hall
spokesman spokeswoman spokesperson official officials representative representatives member members
people public residents worker workers employees staff management leadership executives owner owners
family families parents students teachers nurses patients voters citizens neighbours neighbors
ministry minister ministers department union unions agency company hospital school police
government council committee court party campaign officer officers authorities report statement
""".split())) | NATIONALITIES
_TIME_WORDS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight morning
afternoon evening night noon midnight week weekend month year january february march april may june
july august september october november december spring summer autumn fall winter
""".split()) - {"may"}
PRONOUNS = frozenset("he she they it we i you him her them his hers their its us me".split())


#: Short and long forms of one given name, one class a line: "Mike" and "Michael" may be one
#: person, so two full names that differ only so fit *partly* (like an initial: they need a
#: role or organisation that agrees to be joined, else the analyst is asked); never a full
#: match. A name in several classes ("alex", "pat", "chris") fits each.
_GIVEN_NAME_CLASSES = """
robert bob bobby rob robbie bert
william bill billy will willy liam
michael mike mikey mick
kenneth ken kenny
james jim jimmy jamie
john jack johnny
joseph joe joey
richard dick rick ricky rich
thomas tom tommy
edward ed eddie ted ned
elizabeth liz beth betty lizzie eliza
katherine kate katie kathy kathryn
catherine kate katie cathy
margaret maggie meg peggy
alexander alex sandy
alexandra alex sandra
andrew andy drew
anthony tony
benjamin ben benny
charles charlie chuck
christopher chris
christine chris chrissy
daniel dan danny
david dave davey
donald don donnie
douglas doug
frederick fred freddie
gregory greg
jennifer jen jenny
jonathan jon
joshua josh
lawrence larry
matthew matt
nicholas nick nicky
patrick pat paddy
patricia pat trish patty
peter pete
rebecca becky
samuel sam sammy
samantha sam
stephen steve
steven steve
susan sue susie
timothy tim timmy
victoria vicky
francisco paco pancho
jose pepe
"""
_GIVEN_CLASSES: dict[str, frozenset[int]] = {}
for _i, _line in enumerate(_GIVEN_NAME_CLASSES.split("\n")):
    for _w in _line.split():
        _GIVEN_CLASSES[_w] = _GIVEN_CLASSES.get(_w, frozenset()) | {_i}


def given_variants(a: str, b: str) -> bool:
    """Two different given names that are short and long forms of one name ("mike",
    "michael"; "bob", "rob"), folded."""
    return a != b and bool(_GIVEN_CLASSES.get(a, frozenset()) & _GIVEN_CLASSES.get(b, frozenset()))


def fold(text: str) -> str:
    """Casefolded, without diacritics, with typographic apostrophes made plain."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold().replace("’", "'")


def tokens(text: str) -> list[str]:
    """Folded word tokens with edge punctuation and possessives removed."""
    out = []
    for tok in _TOKEN.findall(fold(text)):
        tok = tok.strip(".'-")
        if tok.endswith("'s"):
            tok = tok[:-2]
        if tok:
            out.append(tok)
    return out


@dataclass(frozen=True, slots=True)
class NameForm:
    """A parsed person name. ``given`` holds first/middle names, an initial as one letter."""

    given: tuple[str, ...] = ()
    surname: str = ""
    suffix: str = ""
    gender: str = ""
    titles: tuple[str, ...] = ()

    @property
    def is_full(self) -> bool:
        """A first name (not only an initial) and a surname."""
        return any(len(g) > 1 for g in self.given) and bool(self.surname)

    @property
    def key(self) -> str:
        """Given names, surname and suffix: the key two mentions of one person share."""
        return " ".join((*self.given, self.surname, *((self.suffix,) if self.suffix else ()))).strip()

    def given_compatible(self, other: "NameForm") -> bool:
        """No conflicting first name: equal, one an initial of the other, or one has none."""
        if not self.given or not other.given:
            return True
        a, b = self.given[0], other.given[0]
        if len(a) == 1 or len(b) == 1:
            return a[0] == b[0]
        return a == b

    def same_full_name(self, other: "NameForm") -> bool:
        """Full names that match after normalising titles, diacritics and honorifics (a middle
        name or initial present in only one of them does not count against it)."""
        if not (self.is_full and other.is_full) or self.surname != other.surname:
            return False
        if self.suffix != other.suffix:
            return False
        a = [g for g in self.given if len(g) > 1]
        b = [g for g in other.given if len(g) > 1]
        return a[0] == b[0] and (len(a) == len(b) and a == b or len(a) == 1 or len(b) == 1)

    def first_name_variant(self, other: "NameForm") -> bool:
        """Full names with the same surname and suffix whose first names are short and long
        forms of one name ("Mike Johnson", "Michael Johnson"): they may be one person."""
        if not (self.is_full and other.is_full) or self.surname != other.surname or self.suffix != other.suffix:
            return False
        a = [g for g in self.given if len(g) > 1]
        b = [g for g in other.given if len(g) > 1]
        return given_variants(a[0], b[0])


def parse_name(name: str) -> NameForm:
    """Split a person's name into titles, given names, surname and suffix."""
    toks = tokens(name)
    titles, gender = [], ""
    while len(toks) > 1 and (toks[0] in TITLE_WORDS or toks[0] in NATIONALITIES):
        tok = toks.pop(0)
        if tok in HONORIFICS:
            gender = HONORIFICS[tok]
        elif tok not in _QUALIFIERS and tok not in NATIONALITIES:
            titles.append(tok)
    suffix = ""
    if len(toks) > 1 and toks[-1] in SUFFIXES:
        suffix = SUFFIXES[toks.pop()]
    if not toks:
        return NameForm(titles=tuple(titles), gender=gender)
    return NameForm(tuple(toks[:-1]), toks[-1], suffix, gender, tuple(titles))


def name_key(name: str) -> str:
    """The look-up key of a name: 'Russian President Vladimir Putin' -> 'vladimir putin'."""
    form = parse_name(name)
    return form.key or " ".join(tokens(name))


_ROLE_STOP = frozenset("of for at and in on with from to".split())


def role_key(text: str) -> str:
    """A role as its content words, in order ("the former Finance Minister of Eastbrook" ->
    "finance minister"): qualifiers, nationalities, honorifics and the "of ..." part dropped, so
    two descriptions of one role compare equal."""
    toks = tokens(text)
    for i, t in enumerate(toks):
        if t in _ROLE_STOP:
            toks = toks[:i]
            break
    return " ".join(t for t in toks if t not in _QUALIFIERS and t not in NATIONALITIES and t not in HONORIFICS
                    and not t.isdigit())


def is_role(text: str) -> bool:
    """A role phrase: some content word is a title or a person's role ("the finance minister",
    "a surgeon at the hospital"), not any phrase ("said she was relieved", "after two days")."""
    return any(t in TITLES or t in PERSON_ROLES or t in EXTRA_ROLES for t in role_key(text).split())


def role_words(text: str) -> frozenset[str]:
    """The content words of a role (see :func:`role_key`)."""
    return frozenset(role_key(text).split())


def _phrases_agree(a: str, b: str) -> bool:
    wa, wb = set(a.split()), set(b.split())
    return bool(wa) and bool(wb) and (wa <= wb or wb <= wa)


def roles_agree(a, b) -> bool:
    """Two sets of role phrases describe one role: some phrase of one equals a phrase of the
    other or is contained in it ("minister" and "finance minister"; not "prime minister" and
    "finance minister")."""
    return any(_phrases_agree(x, y) for x in a for y in b)


def orgs_agree(a, b) -> bool:
    """Two sets of organisation keys name one organisation ("teachers union" and "eastbrook
    teachers union"; not "teachers union" and "nurses union")."""
    return any(_phrases_agree(x, y) for x in a for y in b)


def org_key(text: str) -> str:
    """An organisation's key: folded, without a leading article."""
    toks = tokens(text)
    while toks and toks[0] in ("the", "a", "an"):
        toks.pop(0)
    return " ".join(toks)


def is_generic(name: str) -> bool:
    """True for names that stand for no one in particular: role words and common nouns alone
    ("Union", "police", "the ministry", "officials", "hospital spokeswoman"). A capitalised
    multi-word name with a word of its own ("Teachers Union", "Health Ministry") is specific."""
    words = _TOKEN.findall(name)
    toks = tokens(name)
    if not toks:
        return True
    if not any(w[:1].isupper() for w in words):
        return True  # a common noun phrase as the article wrote it ("the central bank", "union")
    if any(t not in GENERIC_WORDS for t in toks):
        return False
    if len(toks) == 1:
        return True
    content = [w for w in words if w.casefold() not in ("the", "a", "an")]
    return any(w[:1].islower() for w in content) or len(content) < 2


def is_place_or_time(name: str) -> bool:
    toks = tokens(name)
    return bool(toks) and (toks[-1] in PLACE_HEADS or all(t in _TIME_WORDS or t.isdigit() for t in toks))


def is_shouted(name: str) -> bool:
    """All capitals over several letters and words ("CITY HALL"): a dateline or a heading."""
    letters = [c for c in name if c.isalpha()]
    return len(letters) > 4 and all(c.isupper() for c in letters) and " " in name.strip()
