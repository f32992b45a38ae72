"""Speaker identity decisions (``quotedesk.core.identity``), without a database."""
from __future__ import annotations

import pytest

from quotedesk.core.identity import ASK, NEW, SAME, SCOPED, ArticleSpeaker, Candidate, article_speakers, decide
from quotedesk.core.identity.names import is_generic, name_key, parse_name, roles_agree
from quotedesk.core.model import ExtractedQuote, Span

BORIS = Candidate(1, "Boris Johnson", "person", ("Boris Johnson",), frozenset({"prime minister"}))
MIKE = Candidate(2, "Mike Johnson", "person", ("Mike Johnson",), frozenset({"speaker"}), frozenset({"house"}))


def person(name, *, roles=(), orgs=(), gender="", kind="person"):
    return ArticleSpeaker(name, kind, name, frozenset(roles), " ".join(roles), frozenset(orgs), gender)


@pytest.mark.parametrize("a, b", [
    ("Dr. José Núñez", "jose nunez"), ("Mr. Boris Johnson", "Prime Minister Boris Johnson"),
    ("Russian President Vladimir Putin", "Vladimir Putin"), ("Ms. Ana Ruiz", "Ana Ruiz"),
])
def test_name_keys_ignore_titles_honorifics_and_diacritics(a, b):
    assert name_key(a) == name_key(b)


def test_father_and_son_and_initials_parse_apart():
    sr, jr = parse_name("Robert Okafor Sr."), parse_name("Robert Okafor Jr.")
    assert (sr.surname, sr.suffix, jr.suffix) == ("okafor", "sr", "jr")
    assert not sr.same_full_name(jr)
    initial = parse_name("K. Nakamura")
    assert not initial.is_full and initial.given_compatible(parse_name("Kenji Nakamura"))
    assert not initial.given_compatible(parse_name("Hiro Nakamura"))


def test_the_same_full_name_joins_the_one_speaker_who_has_it():
    d = decide(person("Boris Johnson", roles={"prime minister"}), [BORIS, MIKE])
    assert (d.action, d.speaker_id) == (SAME, 1)
    d = decide(person("Mr. Boris Johnson"), [BORIS, MIKE])  # nothing said about the role: no conflict
    assert (d.action, d.speaker_id) == (SAME, 1)


def test_two_people_sharing_a_surname_stay_two():
    d = decide(person("Mike Johnson", roles={"speaker"}), [BORIS])
    assert d.action == NEW
    d = decide(person("Alice Johnson"), [BORIS, MIKE])
    assert d.action == NEW


def test_a_bare_surname_is_asked_not_joined():
    d = decide(person("Johnson"), [BORIS, MIKE])
    assert d.action == ASK and {s.speaker_id for s in d.suggestions} == {1, 2}
    d = decide(person("Johnson"), [BORIS])  # the only Johnson, but only the name says so
    assert d.action == ASK and [s.speaker_id for s in d.suggestions] == [1]


def test_a_bare_surname_joins_when_the_article_corroborates_exactly_one():
    d = decide(person("Johnson", roles={"prime minister"}), [BORIS, MIKE])
    assert (d.action, d.speaker_id) == (SAME, 1)
    d = decide(person("Johnson", roles={"speaker"}, orgs={"house"}), [BORIS, MIKE])
    assert (d.action, d.speaker_id) == (SAME, 2)


def test_roles_agree_by_phrase_not_by_a_shared_word():
    assert roles_agree({"minister"}, {"finance minister"})
    assert not roles_agree({"prime minister"}, {"finance minister"})
    hiro = Candidate(3, "Hiro Nakamura", "person", (), frozenset({"prime minister"}))
    d = decide(person("Nakamura", roles={"finance minister"}), [hiro])
    assert d.action == NEW  # a conflicting role: not even a question


def test_same_full_name_with_a_conflicting_role_is_a_question():
    ruiz = Candidate(4, "Ana Ruiz", "person", ("Ana Ruiz",), frozenset({"dr"}))
    d = decide(person("Ana Ruiz", roles={"mayor"}), [ruiz])
    assert d.action == ASK and d.suggestions[0].speaker_id == 4 and "role" in d.suggestions[0].reason


def test_father_and_son_are_never_joined():
    sr = Candidate(5, "Robert Okafor Sr.", "person", ("Robert Okafor Sr",), frozenset({"founder"}))
    assert decide(person("Robert Okafor Jr.", roles={"chief executive"}), [sr]).action == NEW
    jr = Candidate(6, "Robert Okafor Jr.", "person", ("Robert Okafor Jr",), frozenset({"chief executive"}))
    d = decide(person("Robert Okafor"), [sr, jr])  # no suffix, no role: which one?
    assert d.action == ASK and {s.speaker_id for s in d.suggestions} == {5, 6}
    d = decide(person("Robert Okafor", roles={"founder"}), [sr, jr])
    assert (d.action, d.speaker_id) == (SAME, 5)


def test_honorific_gender_conflicts():
    lee = Candidate(7, "Sam Lee", "person", ("Sam Lee",), genders=frozenset({"m"}))
    assert decide(person("Sam Lee", gender="f"), [lee]).action == ASK


def test_generic_names_are_article_only():
    for name in ("Union", "the ministry", "police", "officials", "hospital spokeswoman"):
        assert is_generic(name), name
        assert decide(person(name, kind="organisation"), []).action == SCOPED
    assert not is_generic("Teachers Union") and not is_generic("Health Ministry")
    assert not is_generic("Kremlin") and not is_generic("Reuters")  # proper names, not common nouns
    assert is_generic("the central bank")  # a lower-case noun phrase names no one in particular


def test_only_role_phrases_after_a_name_are_roles():
    text = 'Ingrid Sommer, said she was relieved, left. "We stay," Ingrid Sommer said. Ana Ruiz, a surgeon, said "wait".'
    quotes = [_q(text, "We stay", "Ingrid Sommer"), _q(text, "wait", "Ana Ruiz")]
    found = article_speakers(text, quotes).by_name()
    assert found["Ingrid Sommer"].roles == frozenset() and found["Ana Ruiz"].roles == {"surgeon"}


def test_organisations_join_by_their_name_only():
    union = Candidate(8, "Teachers Union", "organisation", ("Teachers Union",))
    nurses = Candidate(9, "Nurses Union", "organisation", ("Nurses Union",))
    d = decide(ArticleSpeaker("Teachers Union", "organisation"), [union, nurses])
    assert (d.action, d.speaker_id) == (SAME, 8)
    assert decide(ArticleSpeaker("Eastbrook Teachers Union", "organisation"), [union, nurses]).action == ASK
    assert decide(ArticleSpeaker("Police Union", "organisation"), [union, nurses]).action == NEW


def test_a_person_is_never_joined_to_an_organisation_of_the_same_word():
    ford = Candidate(10, "Ford", "organisation", ("Ford",))
    assert decide(person("Ford", kind="unknown"), [ford]).action == SAME
    assert decide(person("Ford"), [ford]).action == NEW


def _q(text, needle, name, kind="person", mention=None):
    start = text.index(needle)
    span = None
    if mention:
        m = text.index(mention)
        span = Span(m, m + len(mention))
    return ExtractedQuote(start, start + len(needle), needle, speakers=(name,), speaker_kind=kind,
                          mention=mention, mention_span=span)


def test_article_evidence_reads_titles_appositives_and_organisations():
    text = ('Prime Minister Boris Johnson spoke. "We will win," Johnson said. Ken Nakamura, the finance '
            'minister of Eastbrook, said "rates stay". "Pay must rise," said Ana Ruiz of the Teachers Union.')
    quotes = [_q(text, "We will win,", "Boris Johnson", mention="Johnson"),
              _q(text, "rates stay", "Ken Nakamura", mention="Ken Nakamura"),
              _q(text, "Pay must rise,", "Ana Ruiz", mention="Ana Ruiz")]
    found = article_speakers(text, quotes, outlet="Gazette", date="2024-05-01").by_name()
    assert found["Boris Johnson"].roles == {"prime minister"}
    assert found["Boris Johnson"].mention == "Prime Minister Boris Johnson"
    assert found["Ken Nakamura"].roles == {"finance minister"}
    assert found["Ana Ruiz"].orgs == {"teachers union"}
    assert found["Ana Ruiz"].outlet == "Gazette" and found["Ana Ruiz"].date == "2024-05-01"


def test_an_appositive_after_jr_or_sr_with_its_dot_is_read():
    text = 'Robert Okafor Sr., the founder of Okafor Foods, opened a plant. "We built this," Okafor said.'
    found = article_speakers(text, [_q(text, "We built this,", "Robert Okafor Sr", mention="Okafor")]).by_name()
    assert found["Robert Okafor Sr"].roles == {"founder"}
    assert found["Robert Okafor Sr"].orgs == {"okafor foods"}
    # so a later "Okafor, the founder of Okafor Foods" is the father, not the chief executive son
    sr = Candidate(5, "Robert Okafor Sr", "person", ("Robert Okafor Sr",), found["Robert Okafor Sr"].roles,
                   found["Robert Okafor Sr"].orgs)
    jr = Candidate(6, "Robert Okafor Jr", "person", ("Robert Okafor Jr",), frozenset({"chief executive"}),
                   frozenset({"okafor foods"}))
    d = decide(person("Okafor", roles={"founder"}, orgs={"okafor foods"}), [sr, jr])
    assert (d.action, d.speaker_id) == (SAME, 5)


def test_a_short_form_of_the_first_name_fits_only_partly():
    # "Michael" for "Mike": joined when the role and organisation agree with exactly one speaker
    d = decide(person("Michael Johnson", roles={"speaker"}, orgs={"house"}), [BORIS, MIKE])
    assert (d.action, d.speaker_id) == (SAME, 2)
    # the name alone is a question, never a join, and not a conflict that drops the question
    d = decide(person("Michael Johnson"), [BORIS, MIKE])
    assert d.action == ASK and [s.speaker_id for s in d.suggestions] == [2]
    assert "first name written another way" in d.suggestions[0].reason
    # a role that differs keeps them apart
    d = decide(person("Michael Johnson", roles={"prime minister"}), [MIKE])
    assert d.action == NEW
    # different names are not short forms of each other
    assert decide(person("Boris Johnson"), [MIKE]).action == NEW
    assert not parse_name("Mike Johnson").first_name_variant(parse_name("Mark Johnson"))
    assert not parse_name("Bob Okafor Jr").first_name_variant(parse_name("Robert Okafor Sr"))
    assert parse_name("Bob Okafor").first_name_variant(parse_name("Rob Okafor"))  # both "Robert"


@pytest.mark.parametrize("text, name", [
    ('EASTBROOK - "We are ready," the mayor said.', "EASTBROOK"),
    ('CITY HALL — "Nobody told us," a resident said.', "CITY HALL"),
    ('By Laura Finch\n"Rents rise," the report said.', "Laura Finch"),
    ('Photo: Sam Ortega\n"Nothing works," a driver said.', "Sam Ortega"),
    ('"We waited for hours," Monday said.', "Monday"),
    ('"We waited," Eastbrook said. Floods hit homes in Eastbrook at noon.', "Eastbrook"),
])
def test_datelines_bylines_credits_times_and_places_are_not_speakers(text, name):
    q = ExtractedQuote(1, 10, text[1:10], speakers=(name,), speaker_kind="unknown")
    found = article_speakers(text, [q])
    assert found.speakers == () and found.refused and found.refused[0][0] == name


def test_a_dateline_glued_to_a_name_is_taken_off():
    text = 'EASTBROOK - Ken Nakamura said "rates stay".'
    q = _q(text, "rates stay", "EASTBROOK - Ken Nakamura")
    found = article_speakers(text, [q])
    assert [s.name for s in found.speakers] == ["Ken Nakamura"]
