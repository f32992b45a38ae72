"""Stage 4b: what a role, group, body or document phrase stands for in its article.

Proposes: the persons and organisations the entity index has seen before the phrase. Decides,
from the article's own evidence only: a role ("the mayor", "the Vermont senator") is the person
the article gives that role (a title, "Jo Ray, the mayor,", "the mayor, Jo Ray"), with its
capitalised modifiers among that person's titles; an office after its holder spoke, with no
other person named since, is that holder; an indefinite role ("a source") is a new, unnamed
speaker and a possessed one ("Ray's lawyer") links only to whom the text gives that relation; a
generic body ("the company") is a body the article calls so, or the only one of its type; a
document speaks for the issuer the text names; a group is a recorded pair or a "both"/"two"
phrase. Without such evidence the phrase's own words are the speaker.
"""
from __future__ import annotations

import operator
import re
from bisect import bisect_left
from collections import Counter

from .entity import Entity, Resolution, low as _low
from .lexicon import (DATA_NOUNS, DOCUMENT_NOUNS, EPITHET_ROLES, HONORIFIC_GENDER, ORG_NOUNS, PARTITIVES, PARTY_WORDS,
                      PERSON_ROLES, TITLES)
from .mentions import determiner, name_words, outside_phrase, tokens

_ISSUED_DOCUMENTS = frozenset("statement release communique communiqué readout letter email e-mail "
                              "message announcement post tweet".split())
#: Lexicon class "filed document": legal and official papers that speak for whoever filed them
#: ("the suit filed by the state", "a complaint from the commission"), beside DOCUMENT_NOUNS.
_FILED_DOCUMENTS = frozenset("suit lawsuit complaint indictment ruling order motion brief petition "
                             "filing document documents memo memorandum report".split())
DOC_HEADS = DOCUMENT_NOUNS | _FILED_DOCUMENTS
#: "(the suit) filed by the federal Securities and Exchange Commission": the issuer after a document.
_ISSUER_RE = re.compile(
    r"(?:,?[ \u00a0](?:filed|issued|released|published|brought|sent|signed|written|submitted|obtained)\b)?"
    r"[ \u00a0](?:by|from)[ \u00a0](?:the[ \u00a0])?(?:[a-z\-]+[ \u00a0]){0,2}"
    r"([A-Z][\w.’'\-&]*(?:[ \u00a0](?:(?:of|and|for|&)[ \u00a0])?[A-Z][\w.’'\-&]*){0,6})")

#: Lexicon class "document kind": the words one document is named by again ("the suit" after "filed
#: a lawsuit", "the report" after "released its survey"); a document phrase without an issuer of
#: its own speaks for the issuer of the earlier mention of its kind.
_DOC_KINDS = tuple(frozenset(k.split()) for k in (
    "suit lawsuit complaint petition challenge motion filing claim",
    "report survey study analysis review audit poll paper assessment findings",
    "letter email e-mail memo memorandum note message",
    "ruling decision judgment judgement order",
    "statement release communique communiqué readout announcement",
))
_DOC_KIND_RE = tuple(re.compile(r"\b(?:" + "|".join(sorted(k, key=len, reverse=True)) + r")s?\b", re.IGNORECASE)
                     for k in _DOC_KINDS)
#: Lexicon class "issuing verb": X <verb> a document makes X its issuer ("filed a lawsuit").
_ISSUING_RE = re.compile(r"\b(?:filed|files|released|releases|published|publishes|issued|issues|sent|sends|"
                         r"wrote|writes|launched|brought|submitted|tabled|posted|commissioned|prepared|"
                         r"produced|presented|unveiled|delivered|lodged|drafted|signed|emailed|mailed)\b")
#: "in a letter to shareholders, X wrote": the document is the vehicle of the sentence's speech.
_VEHICLE_RE = re.compile(r"\b(?:in|through|via)\s{1,16}(?:an?|the|his|her|its|their)\s{1,16}(?:[\w’'\-]+\s{1,16}){0,3}$",
                         re.IGNORECASE)
_POSSESSIVE_DOC_RE = re.compile(r"[^,;.]{0,60}?['’]s\s(?:[\w\-]+\s){0,3}$")  # "X's annual report"
_CLAUSE_BREAK_RE = re.compile(r"[;:]|,\s{1,16}(?:who|which|and|but)\b")
_start = operator.methodcaller("start")
_DOC_BACK = 3000  # characters before a document phrase searched for its earlier mention
_SENTENCE_BACK = 400  # characters before that mention searched for its sentence's start
_LEDE_PARAS = 3  # a headline, a deck, the lede: the paragraphs a lede's role may be named after
_AGE_BACK = 600  # "the 46-year-old" with no age given before: the one person named this close
_SPOKESPERSON_BACK = 500  # characters before "a spokesperson" searched for the body it speaks for

#: "the company said": the organisation named before, whatever its own name.
_GENERIC_BODIES = frozenset("company firm agency department ministry government council union bank group "
                            "organization organisation board commission committee office campaign party "
                            "association corporation business utility airline".split())
_POLICE = ("police", "rcmp", "opp", "sheriff", "constabulary", "patrol", "gendarmerie", "sûreté", "surete")
_CITY = ("city", "town", "municipality", "village", "county", "township", "region", "district")
#: "police said" after "North District RCMP": a generic body resolves only to a named body of its type
#: (None: any organisation named before, not a news outlet).
TYPED_BODIES = {
    "police": _POLICE, "rcmp": _POLICE, "opp": _POLICE, "detachment": _POLICE, "force": _POLICE,
    "union": ("union", "council", "federation", "local", "workers", "guild", "brotherhood", "ig"),  # "IG …": a German industrial union (IG Metall)
    "unit": ("health",), "health": ("health",), "city": _CITY, "town": _CITY, "municipality": _CITY,
    "staff": None, "board": ("board", "trustees"), "district": ("district", "board"),
    "ministry": ("ministry", "department"), "department": ("department", "ministry"),
    "company": None, "firm": None, "retailer": None, "grocer": None, "chain": None, "employer": None,
    "landlord": None, "developer": None, "operator": None, "manufacturer": None, "maker": None,
    "insurer": None, "lender": None, "carrier": None, "utility": None, "airline": None, "bank": None,
    "giant": None, "conglomerate": None, "automaker": None, "carmaker": None, "drugmaker": None,
    "chipmaker": None, "broadcaster": None, "publisher": None, "startup": None, "supplier": None,
    "distributor": None,
    "hospital": ("hospital", "health"), "university": ("university", "college"), "school": ("school",),
    "court": ("court",), "team": None, "club": None, "organization": None, "organisation": None, "group": None,
    "agency": ("agency", "service", "services", "department", "ministry", "authority", "commission", "office",
               "bureau", "administration", "canada", "board", "institute"),
}
#: Heads of an appositive that make the name before it a body: "Acme, the shipping company,".
BODY_HEADS = _GENERIC_BODIES | frozenset(TYPED_BODIES) - {"staff", "police", "force", "unit", "health"}

#: Last words that make a capitalised phrase a public body: "Thompson-Nicola Regional District".
_PUBLIC_BODY = frozenset("board council ministry department commission committee court police service agency "
                         "city town district region county municipality government parliament assembly senate "
                         "tribunal office authority rcmp opp unit health".split())

#: Lexicon class "non-business body word": "the company" is never a body named so (a public body, a
#: house of a legislature, a school, a think tank, a union, a party).
_NOT_BUSINESS = _PUBLIC_BODY | frozenset("house senate congress institute center centre foundation university "
                                         "college school hospital church museum party campaign union workers "
                                         "federation association league".split())
#: Words that make a group exactly two: "both candidates", "the two leaders", "the pair".
_DUAL = frozenset("both two pair duo couple".split())

#: Lexicon class "news outlet word": the last word of a newspaper's or broadcaster's name.
OUTLET_WORDS = frozenset("news times post press herald journal ledger gazette chronicle tribune telegraph "
                         "observer examiner inquirer dispatch courier daily magazine".split())
#: How far before a role the one person it may stand for is looked for ("the Alberta premier").
NEAR = 600
#: Titles that say nothing of where or for whom an office is held.
_PLAIN_TITLES = frozenset(TITLES | PERSON_ROLES | set(HONORIFIC_GENDER)) | {"former", "then", "current", "new"}
#: Role heads that are offices ("the finance minister", "the mayor"), not relations to someone
#: ("the source", "the spokesman", "the lawyer").
_OFFICES = (TITLES & PERSON_ROLES) - {"spokesman", "spokeswoman", "spokesperson", "attorney", "source",
                                       "officer", "deputy", "executive", "doctor", "scientist", "researcher",
                                       "father"}


def _without_article(surface: str) -> str:
    """A group's words as written, without "the"/"both" before them ("the women" -> "women")."""
    return re.sub(r"^(?:the|both)\s{1,16}", "", surface.strip(), flags=re.IGNORECASE)


class RoleResolver:
    """Resolution of role, group, body and document phrases; mixed into ``EntityIndex``, whose
    ``text``, ``entities``, mention positions and speaker record it reads (and whose
    ``_doc_mentions`` it fills: each document kind's mentions, found on first use)."""

    def _org_before(self, pos: int, limit: int = 80, back: int | None = None) -> Entity | None:
        """The organisation named last before ``pos`` (among the last ``limit`` mentions, within
        ``back`` characters), not a news outlet; None when there is none."""
        k = bisect_left(self._mention_pos, pos)
        for i in range(k - 1, max(-1, k - limit), -1):
            if back is not None and self._mention_pos[i] < pos - back:
                break
            ent = self.entities[self._mention_ent[i]]
            if ent.kind == "organisation" and ent.name.lower().rsplit(" ", 1)[-1] not in OUTLET_WORDS:
                return ent
        return None

    def _typed_org_before(self, lows, pos: int) -> Entity | None:
        """The organisation named before ``pos`` that a generic phrase ("the health unit",
        "police", "city staff") can stand for, by the phrase's type words; None when unknown."""
        key = next((w for w in reversed(lows) if w in TYPED_BODIES), None)
        if key is None:
            return None
        types = TYPED_BODIES[key]
        if types is None and key == "staff":
            types = next((TYPED_BODIES[w] for w in lows if w in TYPED_BODIES and w != "staff"), None)
        k = bisect_left(self._mention_pos, pos)
        fitting: list[Entity] = []
        for i in range(k - 1, max(-1, k - 200), -1):
            ent = self.entities[self._mention_ent[i]]
            if ent.kind != "organisation":
                continue
            words = ent.name.lower().split()
            if types is None:
                # "the company": a business, not a public body or a news outlet
                if not words[-1] in OUTLET_WORDS \
                        and (key in ("agency", "organization", "organisation", "group", "staff")
                             or _NOT_BUSINESS.isdisjoint(words)):
                    if self._org_evidence(ent, key, pos):
                        return ent  # the article calls it so ("Acme Inc.", "Acme, the airline,")
                    if ent not in fitting:
                        fitting.append(ent)
            elif any(w in types for w in words):
                return ent
        # no body the article calls so: the only one of that type named before, else no guess
        return fitting[0] if len(fitting) == 1 else None

    def _org_evidence(self, ent: Entity, head: str, pos: int) -> bool:
        """Whether the article calls the organisation ``ent`` a ``head`` ("company", "airline")
        before ``pos``: in its name or titles ("Acme Inc."), as an appositive ("Acme, the
        airline,") or before its name ("the airline Acme")."""
        if head and (head in ent.name.lower().split() or head in ent.titles or head + "s" in ent.titles):
            return True
        k = bisect_left(self._mention_pos, pos)
        if all(self.entities[e].kind != "organisation" or e == ent.id for e in self._mention_ent[:k]):
            return True  # the one organisation the article has named so far
        if not head:
            return False
        text, name = self.text, ent.name
        appos = re.compile(r",[ \u00a0](?:the|a|an|its)[ \u00a0](?:[\w\-’']+[ \u00a0]){0,3}?" + re.escape(head) + r"\b")
        at = text.find(name, 0, pos)
        for _ in range(20):
            if at < 0:
                break
            end = at + len(name)
            if appos.match(text, end) or text[max(0, at - len(head) - 1):at].lower() == head + " ":
                return True
            at = text.find(name, end, pos)
        return False

    def _document_issuer(self, toks, lows, pos: int) -> Resolution | None:
        """Who speaks through a document the text says was issued: "the suit filed by X",
        "a statement from X" -> X resolved as a name; None when no issuer follows the document."""
        i = next((k for k, w in enumerate(lows) if w in DOC_HEADS or w in DATA_NOUNS), None)
        if i is None:
            return None
        at = self.text.find(toks[i], pos, pos + 400)
        return self._issuer_after(at + len(toks[i])) if at >= 0 else None

    def _issuer_after(self, doc_end: int) -> Resolution | None:
        """The issuer named right after a document noun ending at ``doc_end`` ("… filed by X",
        "… from X"), resolved as a name; None when none is named."""
        m = _ISSUER_RE.match(self.text, doc_end)
        if m is None:
            return None
        res = self._name(m.group(1), m.start(1))
        return res if res.names else None

    def _document_antecedent(self, head: str, pos: int) -> Resolution | None:
        """Who speaks through "the suit" / "the report" / "the letter": the issuer of the last
        earlier mention of a document of that kind ("X filed a lawsuit", "a survey released by
        X", "In a letter, X wrote"): named after it ("by X"), the speaker of its sentence, else the
        first person or body its sentence names before it. None when the article gives none."""
        kind = next((k for k, words in enumerate(_DOC_KINDS) if head in words), None)
        if kind is None:
            return None
        text = self.text
        lo = max(0, pos - _DOC_BACK)
        found = self._doc_mentions
        if kind not in found:  # every mention of that kind, found once per article
            found[kind] = list(_DOC_KIND_RE[kind].finditer(text))
        mentions = found[kind]
        before = bisect_left(mentions, pos, key=_start)
        for m in reversed(mentions[max(0, before - 3):before]):
            if m.start() < lo:
                continue
            res = self._issuer_after(m.end())
            if res is not None:
                return res
            s0 = max(text.rfind(". ", lo, m.start()), text.rfind("\n", lo, m.start()),
                     m.start() - _SENTENCE_BACK) + 1
            if _VEHICLE_RE.search(text, max(s0, m.start() - 60), m.start()):
                s1 = text.find(". ", m.end(), m.end() + _SENTENCE_BACK)
                sp = bisect_left(self._speaker_pos, s0)
                if sp < len(self._speaker_pos) and self._speaker_pos[sp] < (s1 if s1 >= 0 else m.end() + _SENTENCE_BACK):
                    return Resolution(self._speaker_names[sp], self._speaker_kinds[sp], 0.6)
            # the person or body just before an issuing verb or a possessive: "X filed a lawsuit",
            # "X released its survey", "X's report"
            mp = bisect_left(self._mention_pos, m.start())
            for i in range(mp - 1, max(-1, mp - 6), -1):
                at = self._mention_pos[i]
                if at < s0:
                    break
                ent = self.entities[self._mention_ent[i]]
                between = text[at:m.start()]
                if ent.name.lower().rsplit(" ", 1)[-1] in OUTLET_WORDS:
                    continue
                verb = _ISSUING_RE.search(text, at, m.start())
                if verb is not None and not _CLAUSE_BREAK_RE.search(text, at, verb.start()) \
                        or _POSSESSIVE_DOC_RE.match(between):
                    return Resolution((ent.name,), ent.kind, 0.6)
        return None

    def _role_holder(self, surface: str, lows, toks, head: str, role_head: str, pos: int) -> Entity | None:
        """The person the article gives this role ("the mayor" after "Mayor Jo Ray" or "Jo Ray,
        the mayor,"), or None. An indefinite role ("a source", "another aide") is a new, unnamed
        speaker; a possessed one ("Ray's lawyer") links only to a person the text calls so; a
        capitalised modifier ("the Vermont senator") must be among the person's titles."""
        det, possessor = determiner(surface)
        if det == "indefinite":
            return None
        need = None
        if det == "possessed":
            if possessor in ("his", "her", "their", "its", "my", "our", "your"):
                return None  # "his lawyer": whose, the text does not say here
            need = "poss:" + possessor
        mods = {m for m in lows[:-1] if m not in ("former", "then", "current", "new")
                and not m.endswith("'s")}
        proper = {_low(c) for c in toks[:-1] if c[:1].isupper() and not _low(c).endswith("'s")} - {"the"}
        mods |= proper

        def score(ent):
            if not (role_head in ent.titles or head in ent.titles):
                return None
            if need is not None and need not in ent.titles:
                return None
            if proper and proper.isdisjoint(ent.titles):
                return None  # "the Vermont senator" is not the senator from New York
            return len(mods & ent.titles)

        best = None
        for ent, at in self._persons_before(pos, 200):
            sc = score(ent)
            if sc is not None and (best is None or sc > best[0]):
                best = (sc, ent)
        if best is None:
            # a headline or lede before the name: "…, premier says"
            k = bisect_left(self._mention_pos, pos)
            for i in range(k, min(len(self._mention_pos), k + 60)):
                ent = self.entities[self._mention_ent[i]]
                if ent.kind == "person":
                    sc = score(ent)
                    if sc is not None and (best is None or sc > best[0]):
                        best = (sc, ent)
        if best is None and det == "definite" and proper and head in _OFFICES:
            # "the Alberta premier" after "Premier Danielle Smith": where she holds the office the
            # text does not say, but she is the one person named close before and the one holder
            near = self._one_person_near(pos)
            if near is not None and (role_head in near.titles or head in near.titles) \
                    and not any(t not in _PLAIN_TITLES for t in near.titles) \
                    and sum(1 for e, _ in self._persons_before(pos, 200) if role_head in e.titles or head in e.titles) == 1:
                return near
        if best is None and det == "definite" and not proper and head in _OFFICES:
            # "Ken Nakamura said … the finance minister said": the person who spoke last, when no
            # other person was named since, holds the office (a reader infers it); else no guess
            g = HONORIFIC_GENDER.get(head, "")
            speaker = self._last_person_speaker(pos)
            nearest = next(iter(self._persons_before(pos, 400, skip_quoted=True)), None)
            if speaker is not None and nearest is not None and nearest[0] is speaker and pos - nearest[1] < 600 \
                    and (not g or not speaker.gender or speaker.gender == g):
                return speaker
        return best[1] if best is not None else None

    def _one_person_near(self, pos: int, gender: str = "") -> Entity | None:
        """The one person named in the ``NEAR`` characters before ``pos`` (by two words or more, or a
        given name or title), when the text surely names them so; None when it names none or several."""
        found = None
        for ent, at in self._persons_before(pos, 40, skip_quoted=True):
            if pos - at > NEAR:
                break
            if not ent.strong and (ent.n_tokens < 2 or self._mention_count(ent.id) < 2):
                continue  # a lone capitalised word, or a run named once, may be no person at all
            if found is not None:
                return None  # two people ("Sheldon Adelson … Donald Trump … the gambling tycoon")
            found = ent
        if found is None or not found.strong or gender and found.gender and found.gender != gender:
            return None
        return found

    def _mention_count(self, eid: int) -> int:
        if self._mention_counts is None:
            self._mention_counts = Counter(self._mention_ent)
        return self._mention_counts[eid]

    def _epithet(self, head: str, pos: int) -> Entity | None:
        """Who "the billionaire", "the actor" is: news calls the person it is about by such a word
        ("Donald Trump … The billionaire said"), never a new speaker; the one person named close
        before, of the word's gender ("the actress")."""
        if head not in EPITHET_ROLES:
            return None
        return self._one_person_near(pos, HONORIFIC_GENDER.get(head, ""))

    def _lede_person(self, head: str, role_head: str, pos: int) -> Entity | None:
        """Who the role in an article's lede is: news names a lede's speaker by role ("Ontario's
        premier says …", "A Toronto councillor is calling for …") and by name in the next
        paragraph ("Doug Ford made the comments …"). The first person named there, unless the
        text gives them another office or the other gender; None outside the lede (the first
        ``_LEDE_PARAS`` paragraphs) or when the next paragraph names no one."""
        text = self.text
        if text.count("\n\n", 0, pos) >= _LEDE_PARAS or not (head in _OFFICES or head == "doctor"):
            return None  # ("a campaign official", "one organizer": an unnamed source, not a lede's subject)
        nxt = text.find("\n\n", pos)
        if nxt < 0:
            return None
        end = text.find("\n\n", nxt + 2)
        end = len(text) if end < 0 else end
        starts, ents = self._mention_pos, self._mention_ent
        if any(self.entities[ents[i]].kind == "person" for i in range(bisect_left(starts, pos))):
            return None  # someone was named before the role: the role is theirs or another's, not the next name
        k0 = bisect_left(starts, nxt)
        before = set(ents[:k0])
        for k in range(k0, len(starts)):
            if starts[k] >= end:
                break
            ent = self.entities[ents[k]]
            if ent.kind != "person":
                continue
            if ents[k] in before:
                return None  # named in the lede already ("X says Trump can win"): not introduced here
            offices = ent.titles & _OFFICES
            if offices and head not in offices and role_head not in offices:
                return None  # "Premier X says …" / "NDP Leader Y said …": someone else
            g = HONORIFIC_GENDER.get(head, "")
            return None if g and ent.gender and ent.gender != g else ent
        return None

    def _person_of_age(self, age: str, pos: int) -> Entity | None:
        """Who "the 46-year-old" is: the person the text gave that age before ("Jane Smith, 46,",
        "46-year-old Jane Smith"), else the one person named in the ``_AGE_BACK`` characters
        before, else None."""
        text = self.text
        lo = max(0, pos - _DOC_BACK)
        starts, ents = self._mention_pos, self._mention_ent
        for m in reversed(list(re.finditer(r",[ \u00a0]" + age + r"[,)]|\b" + age + r"-year-old\b", text[lo:pos]))):
            a, b = lo + m.start(), lo + m.end()
            if text[a] == ",":
                k = bisect_left(starts, a) - 1  # the name the age follows
                ok = k >= 0 and a - starts[k] < 60
            else:
                k = bisect_left(starts, b)  # the name the age precedes
                ok = k < len(starts) and starts[k] - b < 40 and starts[k] < pos
            if ok and self.entities[ents[k]].kind == "person":
                return self.entities[ents[k]]
        near = [(ent, at) for ent, at in self._persons_before(pos, 60, skip_quoted=True) if pos - at < _AGE_BACK]
        return near[0][0] if len(near) == 1 else None

    def _group(self, surface: str, pos: int) -> Resolution:
        k2 = bisect_left(self._joint_pos, pos)
        if k2 and pos - self._joint_pos[k2 - 1] < 1500:
            a, b = self._joint[k2 - 1]
            return Resolution((self.entities[a].name, self.entities[b].name), "group", 0.7, surface)
        low = surface.lower()
        if low.endswith(("sides", "parties", "companies", "groups", "organizations", "organisations")):
            # "both sides": the two bodies or people named last, whatever their kind
            k = bisect_left(self._mention_pos, pos)
            found: list[str] = []
            for i in range(k - 1, max(-1, k - 40), -1):
                ent = self.entities[self._mention_ent[i]]
                if ent.name not in found and (ent.kind == "organisation" or ent.strong or ent.n_tokens >= 2) \
                        and ent.name.lower() not in TYPED_BODIES:
                    found.append(ent.name)
                if len(found) == 2:
                    return Resolution(tuple(reversed(found)), "group", 0.5, surface)
        if not _DUAL.intersection(low.split()):
            # "the women", "all three candidates": how many and who, the text does not say here
            return Resolution((_without_article(surface),), "group", 0.3, surface)
        found = []
        for ent, _ in self._persons_before(pos):
            if ent.strong:
                found.append(ent.name)  # "both coaches": people surely, not "Medicine Falls Stampeders"
            if len(found) == 2:
                return Resolution(tuple(reversed(found)), "group", 0.5, surface)
        found = []
        for ent, _ in self._persons_before(pos):
            if ent.strong or ent.n_tokens >= 2:
                found.append(ent.name)
            if len(found) == 2:
                return Resolution(tuple(reversed(found)), "group", 0.5, surface)
        return Resolution((_without_article(surface),), "group", 0.3, surface)

    def _role(self, surface: str, pos: int) -> Resolution:
        toks = tokens(surface)
        lows = [_low(t) for t in toks]
        while len(lows) > 1 and toks[0][:1].isupper() and outside_phrase(lows[0]):
            lows, toks = lows[1:], toks[1:]  # "Yet Democratic economists", "Even the organizer"
        while lows and lows[0] in ("the", "a", "an", "then", "its", "his", "her", "their", "this", "that",
                                   "and", "but", "or", "so", "also"):
            lows, toks = lows[1:], toks[1:]
        if not lows:
            return Resolution((), "unknown", 0.2, surface)
        whole = toks  # "head of the RCMP": what is shown when no person holds the role (a named tail)
        age = next((w[:-9] for w in lows if w.endswith("-year-old") and w[:-9].isdigit()), None)
        if age is not None and determiner(surface)[0] == "definite":
            ent = self._person_of_age(age, pos)  # "The 46-year-old said" after "Jane Smith, 46,"
            if ent is not None:
                return Resolution((ent.name,), "person", 0.6, surface)
        for k in range(1, len(lows)):
            if lows[k] == "of" and lows[k - 1] in PARTITIVES and k + 1 < len(lows) \
                    and not (toks[k - 1][:1].isupper() and toks[k + 1][:1].isupper()):  # "Group of Seven"
                return Resolution((" ".join(toks),), "group", 0.35, surface)  # "handful of senators"
            if lows[k] in ("of", "for", "at", "with", "from"):
                # "a spokeswoman for the ministry": the head is before the preposition
                rest = toks[k + 1:]
                while rest and _low(rest[0]) in ("the", "a", "an"):
                    rest = rest[1:]
                if rest and lows[k - 1] in (
                        "spokesman", "spokeswoman", "spokesperson", "statement", "representative",
                        "official", "officials", "release", "report", "letter", "email", "researchers",
                        "scientists", "staff", "experts", "doctors", "spokespeople", "analysts") \
                        and (rest[0][:1].isupper() or lows[k - 1] not in ("researchers", "scientists", "experts",
                                                                          "doctors", "analysts")):
                    if rest[0][:1].isupper() and rest[-1][:1].isupper():
                        res = self._name(" ".join(rest), pos + len(surface))
                    else:  # "a statement from Premier Tim Houston's office": a role of its own
                        res = self._role(" ".join(toks[k + 1:]), pos)
                    if res.names:
                        return res._replace(resolved_from=surface, confidence=0.7)
                tail = toks[k + 1:]
                if not (tail and tail[-1][:1].isupper()
                        and name_words(tail)):
                    whole = toks[:k]  # "chair of the board", "mother of three": the role alone
                lows, toks = lows[:k], toks[:k]
                break
        head = lows[-1]
        res = self._document_issuer(toks, lows, pos)
        if res is not None:
            return res._replace(resolved_from=surface, confidence=0.7)
        if head in DOC_HEADS and len(lows) == 1 and determiner(surface)[0] == "definite":
            # "The lawsuit, filed by X, alleges"; "the suit says" after "X filed a lawsuit"
            res = self._issuer_after(pos + len(surface)) or self._document_antecedent(head, pos)
            if res is not None:
                return res._replace(resolved_from=surface)
        if head in DOCUMENT_NOUNS or head in DATA_NOUNS:
            issuer = [t for t in toks[:-1] if t[:1].isupper()]  # "a CNN poll", "the Pew Research survey"
            if issuer:
                return self._name(" ".join(issuer), pos)._replace(resolved_from=surface)
            if head in _ISSUED_DOCUMENTS:
                # "the statement read": whoever issued the last statement, or the last speaker
                k = bisect_left(self._issuers, (pos,))
                if k:
                    return Resolution(self._issuers[k - 1][1], "organisation", 0.7, surface)
            return Resolution((" ".join(toks),), "unknown", 0.35, surface)  # "the report"
        caps = [t for t in toks if t[:1].isupper()]
        if head in PARTY_WORDS:
            # "the Wisconsin Republican said": news calls the person it is about so; "a New
            # Hampshire Democrat": someone unnamed, shown as described
            ent = self._one_person_near(pos) if determiner(surface)[0] == "definite" else None
            if ent is not None and (head in ent.titles or PARTY_WORDS.isdisjoint(ent.titles)):
                return Resolution((ent.name,), "person", 0.55, surface)
            return Resolution((" ".join(whole),), "unknown", 0.35, surface)
        role_head = head.replace("president-elect", "president")
        if head in PERSON_ROLES or role_head in PERSON_ROLES:
            ent = self._role_holder(surface, lows, toks, head, role_head, pos)
            if ent is not None:
                return Resolution((ent.name,), "person", 0.7, surface)
            ent = self._lede_person(head, role_head, pos)
            if ent is not None:
                return Resolution((ent.name,), "person", 0.6, surface)
            ent = self._epithet(head, pos) if determiner(surface)[0] == "definite" and not caps else None
            if ent is not None:
                return Resolution((ent.name,), "person", 0.55, surface)
            if caps and head in ORG_NOUNS:
                # "a Kremlin spokesman": the organisation speaks
                return Resolution((" ".join(caps + [toks[-1]]),), "organisation", 0.55, surface)
            if head in ("spokesman", "spokeswoman", "spokesperson") and determiner(surface)[0] != "possessed":
                # "a spokesperson said": for the body named just before ("the prime minister's
                # spokesman" is the minister's; NATO named three paragraphs up is not his body)
                org = self._org_before(pos, back=_SPOKESPERSON_BACK)
                if org is not None and self._org_evidence(org, "", pos):
                    return Resolution((org.name,), "organisation", 0.5, surface)
            # no person the article gives this role: the role's own words speak, all of them
            return Resolution((" ".join(whole),), "unknown", 0.35, surface)
        # organisations: "the ministry" -> the Ministry named earlier
        k3 = bisect_left(self._mention_pos, pos + len(surface))
        if determiner(surface)[0] in ("possessed", "indefinite"):
            # "Huckabee's campaign", "a group": not the body whose name has that word
            return Resolution((" ".join(whole),), "organisation" if head in ORG_NOUNS else "unknown", 0.45, surface)
        if head not in ("officials", "official", "sources", "source", "experts", "analysts", "critics"):
            for i in range(k3 - 1, max(-1, k3 - 200), -1):
                ent = self.entities[self._mention_ent[i]]
                if ent.kind == "organisation" and head in ent.name.lower().split():
                    return Resolution((ent.name,), "organisation", 0.7, surface)
        if len(lows) <= 3 and any(w in TYPED_BODIES for w in lows) and not caps:
            ent = self._typed_org_before(lows, pos)  # "the health unit" -> "Algoma Public Health"
            if ent is not None:
                return Resolution((ent.name,), "organisation", 0.6, surface)
            if TYPED_BODIES.get(head, ()) is not None:
                return Resolution((" ".join(toks),), "organisation", 0.5, surface)
        if head in _GENERIC_BODIES and head not in TYPED_BODIES and len(lows) == 1:  # typed: decided above
            org = self._org_before(pos)  # "the company said" after "Enbridge Inc. …"
            if org is not None and self._org_evidence(org, head, pos):
                return Resolution((org.name,), "organisation", 0.5, surface)
        name = " ".join(whole)
        return Resolution((name,), "organisation" if head in ORG_NOUNS or head.rstrip("s") in ORG_NOUNS else "unknown",
                          0.55, surface)
