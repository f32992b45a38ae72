"""Is this article's speaker someone already in the library? The one place that decides.

:func:`decide` takes one :class:`~quotedesk.core.identity.evidence.ArticleSpeaker` (the name the
article itself resolved, with its role, organisation and honorific) and the existing speakers
that could be the same (:class:`Candidate`: their name forms, roles and organisations gathered
from every article they speak in) and returns a :class:`Decision`:

* ``same``: the mention joins that speaker. Only when

  - the full name matches (after normalising titles, initials, diacritics, Mr./Ms.; a middle
    name or initial written in only one of them does not count against it), exactly one
    speaker has it, and nothing conflicts; or
  - the names fit only partly (a bare surname or an initial on either side, a Jr./Sr. written
    in only one of them, a short and a long form of one first name: "Mike"/"Michael") and the article *corroborates* exactly one such speaker (a role or an
    organisation that agrees; speakers known only by the surname do not count against a named
    one), and nothing conflicts. The speaker joined keeps its name: nothing is renamed.
* ``new``: a new speaker under the article's own name (nobody fits).
* ``ask``: a new speaker under the article's own name *and* merge suggestions for the analyst,
  because someone fits only partly: "Johnson" alone; two speakers fit; the full name matches but
  the role differs ("Dr. Ana Ruiz" vs "Ana Ruiz, the mayor"); a full name for someone the
  library knows only by surname. A bare surname is never joined on the surname alone.
* ``scoped``: a generic name ("police", "officials", "Union"): a speaker for this article only,
  never matched from another article, never an alias.

Conflicts: a different first name (two people sharing a surname stay two speakers), a different
generational suffix (father and son), roles that do not agree (:func:`names.roles_agree`),
organisations that do not agree, Mr. vs Ms.
"""
from __future__ import annotations

from dataclasses import dataclass

from quotedesk.core.identity.evidence import ArticleSpeaker
from quotedesk.core.identity.names import NameForm, is_generic, org_key, orgs_agree, parse_name, roles_agree, tokens

SAME, NEW, ASK, SCOPED = "same", "new", "ask", "scoped"
#: At most this many suggestions for one article speaker (the most likely first).
MAX_SUGGESTIONS = 5


@dataclass(frozen=True, slots=True)
class Candidate:
    """An existing speaker, as the library knows them."""

    speaker_id: int
    name: str
    kind: str = "unknown"
    forms: tuple[str, ...] = ()           # name forms: canonical name, the names articles gave
    roles: frozenset[str] = frozenset()   # role phrases from every article ("finance minister")
    orgs: frozenset[str] = frozenset()    # organisation keys from every article
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
    action: str                           # SAME, NEW, ASK or SCOPED
    speaker_id: int | None = None         # for SAME
    suggestions: tuple[Suggestion, ...] = ()  # for ASK
    reason: str = ""


def conflicts(sp: ArticleSpeaker, cand: Candidate) -> str | None:
    """Why the article's speaker cannot simply be ``cand`` by role, organisation or honorific
    (None when nothing conflicts)."""
    if sp.roles and cand.roles and not roles_agree(sp.roles, cand.roles):
        return f"role {', '.join(sorted(sp.roles))} vs {', '.join(sorted(cand.roles))}"
    if sp.orgs and cand.orgs and not orgs_agree(sp.orgs, cand.orgs):
        return f"organisation {', '.join(sorted(sp.orgs))} vs {', '.join(sorted(cand.orgs))}"
    if sp.gender and cand.genders and sp.gender not in cand.genders:
        return "Mr./Ms. differ"
    return None


def corroborated(sp: ArticleSpeaker, cand: Candidate) -> bool:
    """The article agrees with the speaker on a role or an organisation."""
    return roles_agree(sp.roles, cand.roles) or orgs_agree(sp.orgs, cand.orgs)


def name_level(form: NameForm, cand: Candidate) -> str:
    """How the article's name fits the candidate's names: ``full`` (same full name), ``partial``
    (compatible but less is known on one side: a bare surname, an initial, a missing Jr./Sr.)
    or ``conflict`` (another first name or suffix). A candidate with full names is judged by
    those only: "Boris Johnson" known from one article is not "Mike Johnson" because another
    article also called him just "Johnson"."""
    forms = [f for f in cand.name_forms() if f.surname == form.surname]
    if not forms:
        return "conflict"
    full = [f for f in forms if f.is_full]
    judged = full or forms
    if form.is_full and any(f.same_full_name(form) for f in judged):
        return "full"
    for f in judged:
        suffix_ok = f.suffix == form.suffix or not f.suffix or not form.suffix
        if suffix_ok and f.given_compatible(form):
            if form.is_full and f.is_full and f.suffix != form.suffix:
                return "partial"  # "Robert Okafor" vs "Robert Okafor Sr."
            if not (form.is_full and f.is_full):
                return "partial"
        if f.first_name_variant(form):
            return "partial"  # "Michael Johnson" vs "Mike Johnson": maybe one person, never sure
    return "conflict"


def _organisation(sp: ArticleSpeaker, candidates: list[Candidate]) -> Decision:
    key = org_key(sp.name)
    orgs = [c for c in candidates if not c.scoped and c.kind in ("organisation", "unknown", "group")]
    exact = [c for c in orgs if any(org_key(f) == key for f in (c.name, *c.forms))]
    if len(exact) == 1:
        return Decision(SAME, exact[0].speaker_id, reason="same organisation name")
    if exact:
        return Decision(ASK, suggestions=tuple(Suggestion(c.speaker_id, "same organisation name")
                                               for c in exact[:MAX_SUGGESTIONS]),
                        reason="several organisations with this name")
    near = [c for c in orgs if any(orgs_agree({key}, {org_key(f)}) for f in (c.name, *c.forms))]
    if near:
        return Decision(ASK, suggestions=tuple(Suggestion(c.speaker_id, f"a longer or shorter name of {c.name}")
                                               for c in near[:MAX_SUGGESTIONS]),
                        reason="an organisation with a similar name")
    return Decision(NEW, reason="no organisation with this name")


def _ask(cands: list[tuple[Candidate, str]], reason: str) -> Decision:
    return Decision(ASK, suggestions=tuple(Suggestion(c.speaker_id, why) for c, why in cands[:MAX_SUGGESTIONS]),
                    reason=reason)


def decide(sp: ArticleSpeaker, candidates: list[Candidate]) -> Decision:
    """The identity decision for one speaker of a new article (see the module docstring).

    ``candidates`` may hold anyone (the store passes the speakers sharing the surname or the
    name key); scoped speakers among them are ignored."""
    if sp.generic or is_generic(sp.name):
        return Decision(SCOPED, reason="a generic name: this article only")
    if sp.kind in ("organisation", "group"):
        return _organisation(sp, candidates)
    form = parse_name(sp.name)
    if not form.surname:
        return Decision(NEW, reason="no name to compare")
    live = [c for c in candidates if not c.scoped]
    if sp.kind == "unknown" and not form.given:
        # a single word of unknown kind ("Kremlin", "Reuters"): an organisation of that name
        # exactly; otherwise it is compared as a bare surname below (never joined on the name alone)
        key = " ".join(tokens(sp.name))
        exact = [c for c in live if c.kind in ("organisation", "group")
                 and any(" ".join(tokens(f)) == key for f in (c.name, *c.forms))]
        if len(exact) == 1 and conflicts(sp, exact[0]) is None:
            return Decision(SAME, exact[0].speaker_id, reason="same name")
    people = [c for c in live if c.kind in ("person", "unknown")]
    levels = [(c, name_level(form, c)) for c in people]
    full = [c for c, lv in levels if lv == "full"]
    partial = [c for c, lv in levels if lv == "partial"]
    same_name_asks = [(c, "same full name" + (f", but {conflicts(sp, c)}" if conflicts(sp, c) else ""))
                      for c in full]
    if full:
        clean = [c for c in full if conflicts(sp, c) is None]
        if len(full) == 1 and clean:
            return Decision(SAME, clean[0].speaker_id, reason="same full name")
        backed = [c for c in clean if corroborated(sp, c)]
        if len(backed) == 1:  # "Dr. Ana Ruiz" again, with a Mayor Ana Ruiz also known
            return Decision(SAME, backed[0].speaker_id, reason="same full name and the role or organisation agree")
        if clean:
            return _ask(same_name_asks, "several speakers have this full name")
        # every speaker with this full name has another role: someone known by less may be them
    clean = [c for c in partial if conflicts(sp, c) is None]
    if not clean:
        if same_name_asks:
            return _ask(same_name_asks, "same full name, but the evidence differs")
        return Decision(NEW, reason="no compatible speaker with this name")
    backed = [c for c in clean if corroborated(sp, c)]
    named = [c for c in clean if any(f.is_full for f in c.name_forms() if f.surname == form.surname)]
    named_backed = [c for c in backed if c in named]
    if len(backed) == 1 or (not form.is_full and len(named_backed) == 1):
        # The article's role or organisation agrees with exactly one of them ("Johnson, the prime
        # minister"), or with one named person plus speakers earlier articles knew only as
        # "Johnson" (their open questions are about him). A full name joining a speaker known by
        # less ("Finance Minister Ken Nakamura" for an earlier "Nakamura, the finance minister";
        # "Robert Okafor, the founder" for "Robert Okafor Sr.") leaves that speaker's name as it is.
        target = backed[0] if len(backed) == 1 else named_backed[0]
        return Decision(SAME, target.speaker_id, reason="the only speaker of this name the article's role or "
                                                        "organisation agrees with")
    if named and len(named) < len(clean):
        clean = named + [c for c in backed if c not in named]  # the named people first, not every bare "Johnson"
    ranked = sorted(clean, key=lambda c: (c not in backed, c.speaker_id))
    why = {c.speaker_id: ("role or organisation agree" if c in backed else "nothing else confirms it")
           for c in clean}
    variants = [c for c in clean if any(f.first_name_variant(form) for f in c.name_forms())]
    if form.is_full and len(variants) == len(clean):
        reason = "the first name written another way"
    elif form.is_full:
        reason = "a fuller name of someone known by less"
    elif len(clean) == 1:
        reason = "the only speaker with this name, but only the name is known"
    else:
        reason = f"{len(clean)} speakers with this name"
    return _ask(same_name_asks + [(c, f"{reason}: {why[c.speaker_id]}") for c in ranked], reason)
