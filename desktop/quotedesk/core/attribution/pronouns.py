"""Stage 4a: who a pronoun speaker ("he said", "she told", "they said") stands for.

Proposes: for "he"/"she", the persons named among the last ``ANTECEDENT_BACK`` mentions before
it, outside quotation marks, whose gender does not conflict, each with its mentions and the
quotes it spoke; and the rules' pick (``_gendered_rule``: the person the sentences before are
about, ``_focus``; else the nearest person of that gender; else the last speaker). Decides: the
antecedent model (``antecedent.py``) among those candidates, reading the rules' pick as one
feature; nobody when it is not sure. The rules' pick stands alone only when the model cannot see
it (a speaker known by one name only). A person of unknown gender picked for "she" is a woman
from then on. "they" is the last recorded pair, else the subject of its sentence or the one
before when that is people in the plural or an organisation (``_they``), else the last speakers
when several, else nobody; "it" the organisation opening its sentence or the one before (``_it``),
else nobody; "we" the nearest organisation or the last speaker. Mixed into
``EntityIndex``, whose mention positions, sentences and speaker record it reads.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from . import antecedent
from .antecedent import Candidate
from .entity import Entity, Resolution
from .lexicon import CLAUSE_WORDS, PARTY_WORDS, PRONOUNS
from .mentions import outside_phrase, role_plural
from .roles import DOC_HEADS

#: How far back (in mentions and in speakers) and ahead (in mentions) a pronoun's candidates reach.
ANTECEDENT_BACK = 60
ANTECEDENT_AHEAD = 20
#: A sentence's subject is named within its first FOCUS_REACH characters; a "he"/"she" looks at
#: most FOCUS_BACK sentences back for the person the text is about.
FOCUS_REACH = 80
FOCUS_BACK = 3
_POSSESSOR_RE = re.compile(r"[A-Z][\w.\-]*(?:\s{1,4}[A-Z][\w.\-]*){0,3}(?:'s|’s)\b")
_MARK_IN_RE = re.compile(r"[\"“”]")
_PREP_BEFORE_RE = re.compile(r"\b(?:of|to|with|by|for|at|in|on|from|about|against|like|than)\s{1,16}(?:the\s{1,16})?$",
                             re.IGNORECASE)


#: How many words a plural subject may have before its head ("Six in 10 Virginia Democratic voters").
_SUBJECT_WORDS = 6
#: Words that end a subject without one: prepositions and verbs of saying.
_SUBJECT_STOPS = frozenset("of in on at by for from with to about after before among between across against like than "
                           "as into over under within without said says say told according".split())
_WORD_RE = re.compile(r"[A-Za-z][\w’'\-]*")


def _people_plural(low: str) -> bool:
    """Whether a word is a plural noun for people ("analysts", "officials", "Republicans", "people")."""
    return low in _PLURAL_PEOPLE or role_plural(low) or low[-1:] == "s" and low[:-1] in PARTY_WORDS


def _plural_name(name: str) -> bool:
    """Whether a speaker's name ends in a plural noun for people ("labor-policy experts")."""
    return _people_plural(name.rsplit(None, 1)[-1].lower())


#: Plurals for people and bodies of people that are no plural of a role word.
_PLURAL_PEOPLE = frozenset("people women men proponents allies watchers newspapers companies families "
                           "groups firms organizations organisations states countries nations".split())


class PronounResolver:
    """Resolution of pronoun speakers; mixed into ``EntityIndex`` (see the module's docstring)."""

    def _sentence_focus(self, s: int, e: int) -> tuple[Entity | None, bool]:
        """The person sentence ``text[s:e]`` is about, and whether they were quoted in it: the
        person last quoted in it, else its subject (a person named in its first ``FOCUS_REACH``
        characters, outside quotation marks, not after a preposition or a quotation, not a
        possessor)."""
        k = bisect_left(self._speaker_pos, s)
        focus = None
        while k < len(self._speaker_pos) and self._speaker_pos[k] < e:
            names = self._speaker_names[k]
            if len(names) == 1 and names[0] in self._person_by_name:
                focus = self._person_by_name[names[0]]
            k += 1
        if focus is not None:
            return focus, True
        pos, text = self._mention_pos, self.text
        i = bisect_left(pos, s)
        while i < len(pos) and pos[i] < e and pos[i] - s <= FOCUS_REACH:
            if _MARK_IN_RE.search(text, s, pos[i]):
                break  # '"…," he told Hannity': after a quotation, not the subject
            quoted = self._mention_quoted[i] if self._mention_quoted else False
            if not quoted and _POSSESSOR_RE.match(text, pos[i]):
                pass  # "Reid's mother, Angela Reid, …": the possessor is not the subject
            elif not quoted:
                ent = self.entities[self._mention_ent[i]]
                if ent.kind == "person" and not _PREP_BEFORE_RE.search(text, max(s, pos[i] - 12), pos[i]):
                    return ent, False
                break  # the sentence opens with something else: no person subject
            i += 1
        return None, False

    def _focus(self, pos: int, gender: str) -> Entity | None:
        """Who a "he"/"she" at ``pos`` refers to by the centre of the text before it: going back
        from its own sentence (the part before it) over at most ``FOCUS_BACK`` sentences, the first
        sentence about a person decides: that person when the gender agrees (or is unknown for a
        certain person, or one with a full name quoted there), else the next sentence back. None
        when no sentence decides."""
        sents = self._sentences
        if sents is None:
            return None
        k = bisect_right(sents.starts, pos) - 1
        for j in range(k, max(-1, k - FOCUS_BACK - 1), -1):
            ent, quoted = self._sentence_focus(sents.starts[j], pos if j == k else sents.ends[j])
            if ent is not None and (ent.gender == gender or not ent.gender and (
                    ent.strong or quoted and ent.n_tokens >= 2)):
                return ent
        return None

    def _antecedent_candidates(self, pos: int) -> list[tuple[Candidate, Entity]]:
        """The persons named among the ``ANTECEDENT_BACK`` mentions before ``pos`` (outside
        quotation marks), each with its mentions up to ``ANTECEDENT_AHEAD`` after it and the
        quotes it spoke among the last ``ANTECEDENT_BACK`` speakers."""
        k = bisect_left(self._mention_pos, pos)
        quoted = self._mention_quoted
        lo = max(0, k - ANTECEDENT_BACK)
        spans: dict[int, list[tuple[int, int]]] = {}
        for i in range(lo, min(len(self._mention_pos), k + ANTECEDENT_AHEAD)):
            eid = self._mention_ent[i]
            if self.entities[eid].kind != "person" or quoted and quoted[i]:
                continue
            if i < k or eid in spans:
                spans.setdefault(eid, []).append((self._mention_pos[i], self._mention_end[i]))
        ks = bisect_left(self._speaker_pos, pos)
        spoke: dict[str, list[int]] = {}
        for j in range(max(0, ks - ANTECEDENT_BACK), ks):
            if len(self._speaker_names[j]) == 1:
                spoke.setdefault(self._speaker_names[j][0], []).append(self._speaker_pos[j])
        out = []
        for eid, sp in spans.items():
            ent = self.entities[eid]
            out.append((Candidate(ent.name, tuple(sp), ent.gender, tuple(spoke.get(ent.name, ()))), ent))
        return out

    def _gendered(self, surface: str, pos: int, g: str) -> Resolution:
        """"he"/"she": the antecedent model picks among the persons named before whose gender does
        not conflict, told which one the rules pick; the rules' pick stands when it is no candidate
        (a speaker known by one name only). The person picked, if of unknown gender, takes the
        pronoun's from then on ("she said" about a name of unknown gender), except a rules' pick
        made by the centre of the text alone."""
        pairs = [(c, e) for c, e in self._antecedent_candidates(pos) if c.gender in ("", g)]
        rule, confidence, learns = self._gendered_rule(pos, g)
        cands = [c._replace(rule=rule is not None and c.name == rule.name) for c, _e in pairs]
        if rule is not None and not any(c.rule for c in cands):
            if learns and not rule.gender:
                rule.gender = g
            return Resolution((rule.name,), "person", confidence, surface)
        starts = self._sentences.starts if self._sentences is not None else [0]
        best, prob = antecedent.choose(self.text, starts, pos, surface, cands, antecedent.SPEAKER_THRESHOLD)
        if best is None:
            return Resolution((), "unknown", 0.3, surface)
        ent = pairs[cands.index(best)][1]
        if not ent.gender:
            ent.gender = g
        return Resolution((ent.name,), "person", round(prob, 3), surface)

    def _gendered_rule(self, pos: int, g: str) -> tuple[Entity | None, float, bool]:
        """The rules' "he"/"she" (read by the antecedent model as a feature): the centre of the
        sentences before (``_focus``), else the nearest person of that gender among the last few,
        else the last speaker if compatible, else the nearest person whose gender is unknown.
        Returns the person (or None), the rules' confidence, and whether a person of unknown
        gender picked so takes the pronoun's gender (every way but the centre's). Changes
        nothing."""
        focus = self._focus(pos, g)
        if focus is not None:
            return focus, 0.75, False
        unknown = None
        speaker = self._last_person_speaker(pos)
        near = None
        for n, (ent, at) in enumerate(self._persons_before(pos, skip_quoted=True)):
            if near is None and n <= 1 and not ent.gender and ent.strong and pos - at < 250:
                near = (ent, at)  # "Trade Minister Pavel Marek defended … what he called …"
            if ent.gender == g and (n < 6 or unknown is None):
                if near is not None and "\n" in self.text[at:near[1]]:
                    return near[0], 0.7, True  # the titled person of this paragraph, not one before it
                return ent, 0.8, True
            if not ent.gender and unknown is None and (ent.strong or ent.n_tokens >= 2):
                unknown = ent
                if n == 0 and ent is speaker:
                    return ent, 0.7, True  # the nearest person, just named or just quoted: "Kerr Putney … he said"
        if speaker is not None and speaker.gender in ("", g) and (unknown is None or speaker is not unknown):
            return speaker, 0.65, True
        if unknown is not None:
            return unknown, 0.6, True
        return None, 0.3, False

    def _pronoun(self, surface: str, pos: int) -> Resolution:
        p = surface.lower()
        g = PRONOUNS.get(p, "")
        if g in ("m", "f"):
            return self._gendered(surface, pos, g)
        if p in ("they", "it", "we"):
            k = bisect_left(self._speaker_pos, pos)
            k2 = bisect_left(self._joint_pos, pos)
            if p == "they" and k2 and (not k or self._joint_pos[k2 - 1] > self._speaker_pos[k - 1] - 300):
                a, b = self._joint[k2 - 1]
                return Resolution((self.entities[a].name, self.entities[b].name), "group", 0.6, surface)
            if p == "they":
                return self._they(surface, pos, k)
            if p == "it":
                return self._it(surface, pos)
            k3 = bisect_left(self._mention_pos, pos)
            for i in range(k3 - 1, max(-1, k3 - 30), -1):
                ent = self.entities[self._mention_ent[i]]
                if ent.kind == "organisation":
                    return Resolution((ent.name,), "organisation", 0.55, surface)
            if k:
                return Resolution(self._speaker_names[k - 1], "unknown", 0.4, surface)
        return Resolution((), "unknown", 0.3, surface)

    def _they(self, surface: str, pos: int, k: int) -> Resolution:
        """"they": the subject of its sentence (the part before it) or of the sentence before, when
        that is people in the plural ("Military analysts say … they said", "Other Republican
        candidates said they …") or an organisation opening it; else the speakers of the last
        quote when they were several or a plural; else nobody. The organisation named last, whatever its
        place, was wrong for 25 of 28 "they" read on PolNeAR ("People briefed on the
        reshuffling … they insisted" went to CNN)."""
        for s, e in self._subject_windows(pos):
            res = self._plural_subject(s, e, surface)
            if res is not None:
                return res
        last = self._speaker_names[k - 1] if k else ()
        if last and pos - self._speaker_pos[k - 1] < 600 and (
                len(last) >= 2 or _plural_name(last[0])):
            return Resolution(last, "group", 0.45, surface)  # "Ray and Ruiz", "labor-policy experts"
        return Resolution((), "unknown", 0.3, surface)

    def _it(self, surface: str, pos: int) -> Resolution:
        """"it": the organisation opening its sentence (the part before it) or the sentence before
        ("Twitter said … It added"); else nobody. The organisation named last, whatever its place,
        was wrong for 14 of 18 "it" read on PolNeAR ("Twitter said … It added" went to the FBI
        named before, "the report says … It also points out" to the SEC)."""
        for s, e in self._subject_windows(pos):
            words = self._subject_words(s, e)
            res = (self._org_opening(words, surface) or self._document_opening(words, surface)) if words else None
            if res is not None:
                return res
            # the body that spoke there ("In a blog post, Twitter said …")
            k = bisect_left(self._speaker_pos, e) - 1
            if k >= 0 and self._speaker_pos[k] >= s and self._speaker_kinds[k] != "person" \
                    and len(self._speaker_names[k]) == 1 \
                    and not _plural_name(self._speaker_names[k][0]):
                return Resolution(self._speaker_names[k], "organisation", 0.45, surface)
        return Resolution((), "unknown", 0.3, surface)

    def _subject_windows(self, pos: int):
        """The part of the sentence before ``pos``, then the sentence before it."""
        sents = self._sentences
        if sents is None:
            return
        j = bisect_right(sents.starts, pos) - 1
        for i in range(j, max(-1, j - 2), -1):
            yield sents.starts[i], (pos if i == j else sents.ends[i])

    def _subject_words(self, s: int, e: int) -> list:
        """The first words of ``text[s:e]`` past a discourse opener ("But several GOP leaders …");
        none when a quotation opens it."""
        words = list(_WORD_RE.finditer(self.text, s, min(e, s + 160)))
        if words and outside_phrase(words[0].group().lower()):
            words = words[1:]
        if not words or _MARK_IN_RE.search(self.text, s, words[0].start()):
            return []
        return words

    def _org_opening(self, words: list, surface: str) -> Resolution | None:
        """The organisation named by the first words ("The Harbour Council …"), or None."""
        first = words[1] if len(words) > 1 and words[0].group().lower() == "the" else words[0]
        i0 = bisect_left(self._mention_pos, first.start())
        if i0 < len(self._mention_pos) and self._mention_pos[i0] == first.start():
            ent = self.entities[self._mention_ent[i0]]
            if ent.kind == "organisation":
                return Resolution((ent.name,), "organisation", 0.5, surface)
        return None

    def _document_opening(self, words: list, surface: str) -> Resolution | None:
        """The issuer of the document the first words name ("The report found … It says …"):
        named right after it or where the article first issued one of its kind; else None."""
        if len(words) < 2 or words[0].group().lower() != "the" or words[1].group().lower() not in DOC_HEADS:
            return None
        res = self._issuer_after(words[1].end()) or self._document_antecedent(words[1].group().lower(),
                                                                              words[0].start())
        return res._replace(resolved_from=surface) if res is not None else None

    def _plural_subject(self, s: int, e: int, surface: str) -> Resolution | None:
        """The subject of ``text[s:e]`` if it is people in the plural (its words up to the first
        plural noun for people among the first ``_SUBJECT_WORDS``, none a clause word) or an
        organisation named at its start; else None."""
        text = self.text
        words = self._subject_words(s, e)
        if not words:
            return None
        for n, w in enumerate(words[:_SUBJECT_WORDS]):
            low = w.group().lower()
            if low in CLAUSE_WORDS or low in _SUBJECT_STOPS or low in PRONOUNS \
                    or n and low in ("the", "a", "an", "his", "her", "their"):
                break  # a preposition, a verb of saying, a pronoun or a new noun phrase: no subject
            if n and text[words[n - 1].end():w.start()].strip() not in ("", "-"):
                break  # a comma or a quotation mark: the subject ended before
            if _people_plural(low):
                return Resolution((text[words[0].start():w.end()],), "group", 0.45, surface)
        return self._org_opening(words, surface)
