"""A small corpus for speaker identity across articles (issue 12), written for the tests.

People who share surnames: two Johnsons, three Nakamuras, a father and son (Okafor Sr./Jr.), a
"Dr." and a "Mayor" who are both Ana Ruiz, a name written with and without diacritics, an
organisation and its spokespeople, datelines, a byline and a photo credit, generic speakers
("police", "officials") that are someone else in every article.

``ARTICLES`` is a list of ``(text, gold)``: ``gold`` lists ``(fragment, person)`` for every quote
the article holds, ``fragment`` a piece of the quote's text, ``person`` the true speaker (a
generic speaker is ``"police@<n>"``, a different one per article).
"""
from __future__ import annotations

ARTICLES: list[tuple[str, list[tuple[str, str]]]] = [
    ('EASTBROOK - Prime Minister Boris Johnson defended the budget on Monday. "We will not raise taxes '
     'this year," Johnson said. "Growth is coming back," he added.',
     [("We will not raise taxes", "boris"), ("Growth is coming back", "boris")]),
    ('CITY HALL — House Speaker Mike Johnson rejected the spending plan. "This bill is dead on arrival," '
     'Johnson told reporters.',
     [("This bill is dead", "mike")]),
    ('Boris Johnson, the prime minister, visited a school in Eastbrook. "Teachers are the backbone of the '
     'country," Johnson said.',
     [("Teachers are the backbone", "boris")]),
    ('HARBOR CITY, May 3 - Speaker Mike Johnson said the House would sit late. "We will stay until the job '
     'is done," Mike Johnson said.',
     [("the House would sit late", "mike"), ("We will stay until", "mike")]),
    ('Finance Minister Ken Nakamura presented the forecast. "Inflation will fall below three percent," '
     'Nakamura said.',
     [("Inflation will fall", "ken")]),
    ('Yuki Nakamura, the president of the Eastbrook Teachers Union, called for a strike. "Our members have '
     'waited long enough," Nakamura said.',
     [("a strike", "yuki"), ("Our members have waited", "yuki")]),  # "called for a strike": said
    ('Police Chief Hiro Nakamura said "two suspects were arrested overnight". "The streets are safe," '
     'Nakamura added.',
     [("two suspects were arrested", "hiro"), ("The streets are safe", "hiro")]),
    ('"The budget adds up," Ken Nakamura, the finance minister, said on Tuesday.',
     [("The budget adds up", "ken")]),
    ('Robert Okafor Sr., the founder of Okafor Foods, opened a new plant. "We built this company from '
     'nothing," Okafor said.',
     [("We built this company", "okafor_sr")]),
    ('Robert Okafor Jr., the chief executive of Okafor Foods, announced new jobs. "We will hire two hundred '
     'people," Okafor said.',
     [("new jobs", "okafor_jr"), ("We will hire two hundred", "okafor_jr")]),  # "announced new jobs": said
    ('Dr. Ana Ruiz, a surgeon at Eastbrook General Hospital, warned about waiting lists. "Patients wait too '
     'long for surgery," Ruiz said.',
     [("waiting lists", "ruiz_dr"), ("Patients wait too long", "ruiz_dr")]),  # "warned about waiting lists": said
    ('Mayor Ana Ruiz opened the new bridge. "This bridge connects our neighbourhoods," Ruiz said.',
     [("This bridge connects", "ruiz_mayor")]),
    ('EASTBROOK - Eastbrook General Hospital said in a statement that "all wards remain open". Staff at '
     'Eastbrook General Hospital worked through the night. "We have no beds left," a hospital spokeswoman said.',
     [("all wards remain open", "hospital"), ("We have no beds left", "hospital")]),
    ('"Talks will resume on Friday," a spokesman for the Eastbrook Teachers Union said. The Eastbrook '
     'Teachers Union said "the offer is too low".',
     [("Talks will resume", "union"), ("the offer is too low", "union")]),
    ('The prime minister spoke late in parliament. Johnson, the prime minister, said "the budget stands".',
     [("the budget stands", "boris")]),
    ('Mr. Johnson, the House speaker, said "no vote will be held this week".',
     [("no vote will be held", "mike")]),
    ('Nakamura, the finance minister, said "the deficit is shrinking".',
     [("the deficit is shrinking", "ken")]),
    ('HARBOR CITY - Police said "the road is closed". Officials said "repairs will take a week". Police '
     'Chief Hiro Nakamura said "drivers should avoid the area".',
     [("the road is closed", "police@18"), ("repairs will take a week", "officials@18"),
      ("drivers should avoid", "hiro")]),
    ('Mayor Ruiz said "the council will vote on Thursday".',
     [("the council will vote", "ruiz_mayor")]),
    ('Dr. Ruiz said "the new wing will open in spring".',
     [("the new wing will open", "ruiz_dr")]),
    ('José Núñez, the transport minister, said "trains will run every ten minutes". "Fares will not rise," '
     'Núñez added.',
     [("trains will run", "nunez"), ("Fares will not rise", "nunez")]),
    ('Jose Nunez, the transport minister, said "the new line opens in June".',
     [("the new line opens", "nunez")]),
    ('By Laura Finch\n\nKen Nakamura said "taxes will stay as they are". "We will review spending," the '
     'finance minister said.',
     [("taxes will stay", "ken"), ("We will review spending", "ken")]),
    ('CITY HALL — Mayor Ana Ruiz said "we will plant a thousand trees".\n\nPhoto: Sam Ortega',
     [("we will plant a thousand trees", "ruiz_mayor")]),
    ('Robert Okafor Jr. said "sales doubled last year". His father, Robert Okafor Sr., said "I am proud of '
     'him".',
     [("sales doubled", "okafor_jr"), ("I am proud of him", "okafor_sr")]),
    ('Boris Johnson and Mike Johnson met in London. "We agreed on trade," Boris Johnson said. "It was a good '
     'meeting," Mike Johnson said.',
     [("We agreed on trade", "boris"), ("It was a good meeting", "mike")]),
    ('Yuki Nakamura of the Eastbrook Teachers Union said "teachers deserve a fair wage".',
     [("teachers deserve a fair wage", "yuki")]),
    ('Hiro Nakamura, the police chief, said "we have more officers on patrol".',
     [("more officers on patrol", "hiro")]),
    ('EASTBROOK - A spokeswoman for Eastbrook General Hospital said "visiting hours will change". Dr. Ana '
     'Ruiz said "the change protects patients".',
     [("visiting hours will change", "hospital"), ("the change protects patients", "ruiz_dr")]),
    ('Ken Nakamura and Yuki Nakamura met on Thursday. "We found common ground," Ken Nakamura said. "The '
     'talks were useful," Yuki Nakamura said.',
     [("We found common ground", "ken"), ("The talks were useful", "yuki")]),
    ('The Eastbrook Teachers Union said in a statement that "schools will close on Monday". Police said '
     '"traffic will be diverted".',
     [("schools will close", "union"), ("traffic will be diverted", "police@31")]),
    ('Prime Minister Johnson said "the election will be held in May".',
     [("the election will be held", "boris")]),
    ('Okafor Foods said "the recall is a precaution". Robert Okafor Jr., the chief executive, said "no one '
     'was harmed".',
     [("the recall is a precaution", "okafor_foods"), ("no one was harmed", "okafor_jr")]),
    ('HARBOR CITY - Officials said "the bridge will close for repairs". Mayor Ana Ruiz said "it will reopen '
     'soon".',
     [("the bridge will close", "officials@34"), ("it will reopen soon", "ruiz_mayor")]),
    ('The debate went on for hours. "Nothing changes tonight," Johnson said.',
     [("Nothing changes tonight", "boris")]),
]


def b_cubed(items: list[tuple[str, int]]) -> tuple[float, float]:
    """B-cubed precision and recall of predicted clusters (speaker ids) against gold people."""
    p = r = 0.0
    for gold, pred in items:
        same_pred = [g for g, s in items if s == pred]
        same_gold = [s for g, s in items if g == gold]
        both = sum(1 for g in same_pred if g == gold)
        p += both / len(same_pred)
        r += both / len(same_gold)
    return p / len(items), r / len(items)
