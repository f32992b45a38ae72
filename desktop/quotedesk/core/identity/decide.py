"""Is this article's speaker someone already in the library? The one place that decides.

:func:`decide` takes one :class:`~quotedesk.core.identity.evidence.ArticleSpeaker` and the
existing speakers that could be the same (:class:`Candidate`: their name forms, roles and
organisations gathered from every article they speak in) and returns a :class:`Decision`:

* ``same``: the mention joins that speaker. Only when the full name matches (after normalising
  titles, initials, diacritics, Mr./Ms.) and nothing conflicts, or when a bare surname (or an
  initial and surname) fits exactly one speaker, conflicts with nothing, and the article agrees
  with that speaker on a role or an organisation.
* ``new``: a new speaker under the article's own name (nobody fits).
* ``ask``: a new speaker under the article's own name *and* merge suggestions for the analyst,
  because someone fits only partly ("Johnson" alone; "Dr. Ana Ruiz" vs "Ana Ruiz, the mayor").
* ``scoped``: a generic name ("police", "officials", "Union"): a speaker for this article only,
  never matched from another article.

Conflicts: a different first name (two people sharing a surname stay two speakers), a different
generational suffix (father and son), roles with no word in common, organisations with no word
in common, Mr. vs Ms., or a pair the analyst has already said are different people.
"""
from __future__ import annotations

from dataclasses import dataclass

from quotedesk.core.identity.evidence import ArticleSpeaker
from quotedesk.core.identity.names import NameForm, org_key, parse_name, tokens

SAME, NEW, ASK, SCOPED = "same", "new", "ask", "scoped"


@dataclass(frozen=True, slots=True)
class Candidate:
    """An existing speaker, as the library knows them."""

    speaker_id: int
    name: str
    kind: str = "unknown"
    forms: tuple[str, ...] = ()           # name forms: canonical name, aliases, article names
    roles: frozenset[str] = frozenset()   # role words from every article
    orgs: frozenset[str] = frozenset()
    genders: frozenset[str] = frozenset()
    scoped: bool = False                  # an article-only speaker: never a candidate

    def name_forms(self) -> list[NameForm]:
        return [parse_name(f) for f in dict.fromkeys((self.name, *self.forms))]


@dataclass(frozen=True, slots=True)
class Suggestion:
    speaker_id: int
    reason: str


@dataclass(frozen=True, slots=True)
class Decision:
    action: str
    speaker_id: int | None = None
    suggestions: tuple[Suggestion, ...] = ()
    reason: str = ""


def _orgs_overlap(a: frozenset[str], b: frozenset[str]) -> bool:
    wa = {w for o in a for w in o.split()}
    wb = {w for o in b for w in o.split()}
    return bool(a & b) or bool((wa & wb) - {"of", "the", "and", "for"})


def conflicts(sp: ArticleSpeaker, cand: Candidate) -> str | None:
    """Why the article's speaker cannot simply be ``cand`` (None when nothing conflicts)."""
    if sp.roles and cand.roles and not (sp.roles & cand.roles):
        return f"role: {' '.join(sorted(sp.roles))} vs {' '.join(sorted(cand.roles))}"
    if sp.orgs and cand.orgs and not _orgs_overlap(sp.orgs, cand.orgs):
        return f"organisation: {', '.join(sorted(sp.orgs))} vs {', '.join(sorted(cand.orgs))}"
    if sp.gender and cand.genders and sp.gender not in cand.genders:
        return "Mr./Ms. differ"
    return None


def _corroborated(sp: ArticleSpeaker, cand: Candidate) -> bool:
    return bool(sp.roles & cand.roles) or (bool(sp.orgs) and bool(cand.orgs) and _orgs_overlap(sp.orgs, cand.orgs))


def _organisation(sp: ArticleSpeaker, candidates: list[Candidate]) -> Decision:
    key = org_key(sp.name)
    exact = [c for c in candidates if not c.scoped and c.kind in ("organisation", "unknown", "group")
             and any(org_key(f) == key for f in (c.name, *c.forms))]
    if len(exact) == 1:
        return Decision(SAME, exact[0].speaker_id, reason="same organisation name")
    if exact:
        return Decision(ASK, suggestions=tuple(Suggestion(c.speaker_id, "same organisation name") for c in exact),
                        reason="several organisations with this name")
    return Decision(NEW, reason="no organisation with this name")


def decide(sp: ArticleSpeaker, candidates: list[Candidate]) -> Decision:
    """The identity decision for one speaker of a new article (see the module docstring)."""
    if sp.generic:
        return Decision(SCOPED, reason="a generic name: this article only")
    if sp.kind in ("organisation", "group"):
        return _organisation(sp, candidates)
    form = parse_name(sp.name)
    if not form.surname:
        return Decision(NEW, reason="no name to compare")
    people = [c for c in candidates if not c.scoped and c.kind in ("person", "unknown")]
    if sp.kind == "unknown" and not form.given:
        # an unknown-kind single word ("Kremlin", "Reuters"): compare as a name, exactly
        key = " ".join(tokens(sp.name))
        exact = [c for c in candidates if not c.scoped and
                 any(" ".join(tokens(f)) == key for f in (c.name, *c.forms))]
        if len(exact) == 1 and conflicts(sp, exact[0]) is None and exact[0].kind != "person":
            return Decision(SAME, exact[0].speaker_id, reason="same name")
    same_surname = [(c, [f for f in c.name_forms() if f.surname == form.surname]) for c in people]
    same_surname = [(c, fs) for c, fs in same_surname if fs]
    if form.is_full:
        exact = [c for c, fs in same_surname if any(f.same_full_name(form) for f in fs)]
        clean = [c for c in exact if conflicts(sp, c) is None]
        if len(exact) == 1 and clean:
            return Decision(SAME, clean[0].speaker_id, reason="same full name")
        if exact:
            sugg = tuple(Suggestion(c.speaker_id, "same full name, " + (conflicts(sp, c) or "several speakers"))
                         for c in exact)
            return Decision(ASK, suggestions=sugg, reason="same full name, but the evidence differs")
        # someone known only by surname (or initial) who may be this person: ask, never upgrade
        partial = [c for c, fs in same_surname
                   if all(not f.is_full for f in fs) and any(f.given_compatible(form) for f in fs)
                   and conflicts(sp, c) is None]
        if partial:
            return Decision(ASK, suggestions=tuple(Suggestion(c.speaker_id, "known only as " + c.name)
                                                   for c in partial), reason="a fuller name of someone known by surname")
        return Decision(NEW, reason="no speaker with this full name")
    # a bare surname, or an initial and a surname
    fitting = [c for c, fs in same_surname if any(f.given_compatible(form) and f.suffix == form.suffix for f in fs)]
    clean = [c for c in fitting if conflicts(sp, c) is None]
    if len(clean) == 1 and _corroborated(sp, clean[0]):
        return Decision(SAME, clean[0].speaker_id, reason="the only speaker of this name with this role")
    if clean:
        reason = ("the only speaker with this name, but nothing else confirms it" if len(clean) == 1
                  else f"{len(clean)} speakers with this name")
        return Decision(ASK, suggestions=tuple(Suggestion(c.speaker_id, reason) for c in clean), reason=reason)
    return Decision(NEW, reason="no compatible speaker with this name")
