"""Systematic error patterns found on news articles: one small hand-written case each."""
from __future__ import annotations

import pytest

from quotedesk.core.attribution import pipeline

from attribution_helpers import covered, find, run  # tests/core/attribution_helpers.py


# --- 8: cues after long subjects and appositions --------------------------------------------
def test_told_outlet_that_after_apposition():
    text = ("Dr. Ravi Menon, a surgeon at Lakeside Regional Hospital, told The Valley Courier that "
            "waiting lists had doubled since spring.")
    q = find(run(text), text, "waiting lists had doubled")
    assert q.speakers == ("Ravi Menon",)


@pytest.mark.parametrize("place, speaker", [("of Halden", "Ines Varga"), ("of the Halden Transit Authority", "Ines Varga")])
def test_a_name_with_its_place_or_body_before_an_apposition_is_the_speaker(place, speaker):
    """"Gov. Ines Varga of Halden, a Liberal who …, said": the name before "of", not the
    apposition's "Liberal" (nor the place)."""
    text = (f"Gov. Ines Varga {place}, a Liberal who has refused to endorse the leader, said the party "
            "would survive the election.")
    assert find(run(text), text, "the party would survive the election").speakers == (speaker,)


@pytest.mark.parametrize("subject, speaker", [("The governor of Halden", "governor of Halden"),
                                              ("The company", "company"), ("In Halden", "Liberal")])
def test_an_apposition_after_a_role_describes_it_and_a_fronted_place_is_no_name(subject, speaker):
    """"The company, a maker of valves, said": the company (it was "maker"); "In Halden, a
    Liberal …, said": the Liberal (it was the place, "Halden")."""
    text = f"{subject}, a Liberal who has refused to endorse the leader, said profits fell sharply last year."
    assert find(run(text), text, "profits fell sharply last year").speakers == (speaker,)


@pytest.mark.parametrize("relative", ["the council consulted", "the Post interviewed"])
def test_a_relative_clause_without_that_before_the_cue_is_not_the_speaker(relative):
    """"all the engineers the council consulted said": the engineers speak, not the council (nor
    the woman named before). The mention ranker's pick here flipped with retrains; now a rule."""
    text = ("The plan drew fire from Councillor Ben Ofori and Mayor Ruth Hale. In Mayor Hale's favour, "
            f"all the engineers {relative} said her levee design was cheaper.")
    assert find(run(text), text, "her levee design was cheaper").speakers == ("all the engineers",)


def test_a_verb_after_the_subject_is_not_part_of_its_name():
    """"Mayor Lena Ortiz tries to turn …, shouting, '…'": the speaker is the mayor, not a
    role called "Lena Ortiz tries"."""
    text = ("Mayor Lena Ortiz tries to turn the heckling to her advantage, shouting, "
            "\u201cLet them stay, they are voters too.\u201d")
    assert find(run(text), text, "Let them stay").speakers == ("Lena Ortiz",)


def test_plural_possessive_apposition_before_the_cue():
    """The ’ of "Reyes’ campaign manager" is a possessive, not a closing quotation mark: the
    quote after it is attributed to the name the apposition follows (it was dropped)."""
    text = ("Maria Reyes spoke in Halden on Monday. “We will take this to the convention,” Lena Brooks, "
            "Reyes’ campaign manager, said on Tuesday.")
    q = find(run(text), text, "take this to the convention")
    assert q.speakers == ("Lena Brooks",)


def test_plural_possessive_keeps_its_owner_in_the_speaker_phrase():
    text = "The nurses’ union said the strike would go on until the province reopened talks."
    q = find(run(text), text, "the strike would go on")
    assert q.speakers == ("nurses’ union",)


def test_a_weekday_after_the_cue_is_when_not_who():
    """'…, the adviser, said Sunday': "Sunday" after an inverted cue is not a speaker (the quote
    became a reported clause with no speaker)."""
    text = "“We will hold them to account,” Tomas Lind, the deputy transport minister, said Sunday."
    q = find(run(text), text, "hold them to account")
    assert q.kind == "direct" and q.speakers == ("Tomas Lind",)


def test_a_generational_suffix_is_not_the_name_after_a_title_word():
    """"King" is also a title: "Martin Luther King Jr." must not speak as "Jr"."""
    text = "Martin Luther King Jr. said the march would go on through the night."
    q = find(run(text), text, "the march would go on")
    assert q.speakers == ("Martin Luther King Jr",)


def test_said_after_long_relative_clause():
    text = ("Owen Pratt, who will run the transit agency until a new manager is hired next year, said "
            "the fare freeze would stay in place.")
    q = find(run(text), text, "the fare freeze would stay")
    assert q.speakers == ("Owen Pratt",)


def test_organisation_with_comma_before_cue():
    text = "Harbourview Holdings Ltd., which owns the mall, said in a statement that the food court would close."
    q = find(run(text), text, "the food court would close")
    assert q.speakers and q.speakers[0].startswith("Harbourview")


def test_subjectless_cue_after_but():
    text = "Nadia Koller welcomed the grant, but said it would cover only a fraction of the repairs."
    q = find(run(text), text, "it would cover only a fraction")
    assert q.speakers == ("Nadia Koller",)


def test_content_before_according_to():
    text = "Ridership has recovered, but not as fast as hoped, according to Pieter Stam."
    q = find(run(text), text, "Ridership has recovered")
    assert q.speakers == ("Pieter Stam",)


# --- 9: mixed quotes: called X "…", described it as "…" -------------------------------------
def test_called_fragment_spans_the_object_with_its_fragment():
    # the whole reported clause: 'called [the new bylaw "a solution …"]', not the fragment alone
    text = "Councillor Mira Dahl spoke last. She called the new bylaw \u201ca solution looking for a problem.\u201d"
    q = find(run(text), text, "a solution looking for a problem")
    assert q.text.startswith("the new bylaw") and q.text.rstrip("\u201d.").endswith("a problem")
    assert q.kind == "mixed"
    assert q.speakers == ("Mira Dahl",)


def test_described_as_fragment_and_what_he_called():
    text = ("Fisheries Minister Colm Byrne described the quota as \"fair but painful.\" Later he defended "
            "what he called \"a necessary pause\" in the cod fishery.")
    quotes = run(text)
    assert find(quotes, text, "fair but painful").speakers == ("Colm Byrne",)
    assert find(quotes, text, "a necessary pause").speakers == ("Colm Byrne",)


# --- 11: titles of works ---------------------------------------------------------------------
def test_titled_report_is_not_a_quote():
    text = ("The report, titled \"Running Dry: Wells and Farms in a Hotter Decade,\" was released on Monday. "
            "\"We have ten years at most,\" said Lena Hart, who wrote it.")
    quotes = run(text)
    assert not covered(quotes, text, "Running Dry")
    assert find(quotes, text, "We have ten years").speakers == ("Lena Hart",)


# --- 1: colon-introduced quotes --------------------------------------------------------------
def test_colon_intro_goes_to_the_sentence_subject():
    text = ("\"We are on track,\" said Ben Ortiz, the project manager.\n\n"
            "Lopez ended the briefing with a warning of her own: \"If the rain keeps up, the dikes will not hold.\"")
    q = find(run(text), text, "If the rain keeps up")
    assert q.speakers == ("Lopez",)


# --- 2: captions, credits and boilerplate lines ----------------------------------------------
def test_photo_credit_never_speaks():
    text = ("Councillor Beth Arnot waves to supporters in Truro. (Guy Lemaire/Coastal Daily)\n\n"
            "\"We knocked on every door,\" she said.\n\n"
            "Story continues below advertisement\n\n"
            "\"Now the real work starts.\"")
    quotes = run(text)
    assert not covered(quotes, text, "Councillor Beth Arnot waves")
    assert find(quotes, text, "We knocked on every door").speakers == ("Beth Arnot",)
    assert find(quotes, text, "Now the real work starts").speakers == ("Beth Arnot",)
    assert all("Lemaire" not in " ".join(q.speakers) for q in quotes)


def test_boilerplate_line_is_never_a_quote():
    text = ("Related: \"We will fight this,\" says union chief\n\n"
            "Union president Dale Cormier said the vote would go ahead on Friday.")
    quotes = run(text)
    assert not covered(quotes, text, "We will fight this")
    assert find(quotes, text, "the vote would go ahead").speakers == ("Dale Cormier",)


# --- 10: multi-paragraph quotes --------------------------------------------------------------
def test_multi_paragraph_quote_is_one_span_across_boilerplate():
    text = ("Fire chief Lorna Beck described the night. \"We had three trucks and one road in.\n\n"
            "ADVERTISEMENT\n\n"
            "\"By morning the wind had turned, and we could finally get ahead of it,\" Beck said.")
    quotes = run(text)
    q = find(quotes, text, "We had three trucks")
    assert q.end >= text.index("get ahead of it")
    assert q.speakers == ("Lorna Beck",)


def test_lost_closing_mark_before_the_cue():
    text = "\u201eWe can sign tomorrow, Weber said, adding that the offer was final."
    q = find(run(text), text, "We can sign tomorrow")
    assert q.text == "We can sign tomorrow"
    assert q.speakers == ("Weber",)


# --- 3: places and organisations are not antecedents of he/she -------------------------------
def test_she_skips_places_after_the_person():
    text = ("Hydrologist Noor Haddad has measured the river since 2009. The gauge sits below Mill Creek. "
            "\"The spring peak comes two weeks earlier now,\" she said.")
    q = find(run(text), text, "The spring peak")
    assert q.speakers == ("Noor Haddad",)


# --- 5: ranks and titles are not names -------------------------------------------------------
def test_police_ranks_are_stripped():
    text = ("The driver was taken to hospital, said Cpl. Yvonne Dagenais. "
            "Insp. Omar Sadiq said the highway would reopen by noon.")
    quotes = run(text)
    assert find(quotes, text, "The driver was taken").speakers == ("Yvonne Dagenais",)
    assert find(quotes, text, "the highway would reopen").speakers == ("Omar Sadiq",)


def test_long_unit_after_a_name():
    text = ("Det. Sgt. Ian Moss of the Bayview Regional Police Service's major crimes unit said the "
            "suspect had been arrested in Moncton.")
    q = find(run(text), text, "the suspect had been arrested")
    assert q.speakers == ("Ian Moss",)


# --- 6: generic organisation mentions --------------------------------------------------------
def test_generic_bodies_resolve_to_the_named_body_of_their_type():
    text = ("Maple Ridge Dairies Ltd. will shut its Truro plant. The company said 200 jobs would be lost. "
            "Eastside Regional RCMP are investigating a break-in at the plant. Police said nothing was taken. "
            "Coastal Public Health issued an advisory. The health unit said the water was safe to drink.")
    quotes = run(text)
    assert find(quotes, text, "200 jobs would be lost").speakers[0].startswith("Maple Ridge Dairies")
    assert find(quotes, text, "nothing was taken").speakers[0].endswith("RCMP")
    assert find(quotes, text, "the water was safe").speakers == ("Coastal Public Health",)


def test_generic_union_does_not_take_another_body():
    text = ("The Harlow School Board voted on Monday. The union said it would file a grievance over the vote.")
    q = find(run(text), text, "it would file a grievance")
    assert "Board" not in " ".join(q.speakers)


def test_role_words_before_a_name_in_a_participle_subject():
    text = "Defence lawyer Kim Ostrova asked for a conditional sentence, arguing that her client had repaid the money."
    q = find(run(text), text, "her client had repaid")
    assert q.speakers == ("Kim Ostrova",)


# --- 7: joint quotes -------------------------------------------------------------------------
def test_both_coaches_are_the_two_coaches_not_a_team():
    text = ("Harbour City Mariners coach Walt Dunne and coach Ines Varga of the Ice Foxes shook hands. "
            "Both coaches said the series had been clean.")
    q = find(run(text), text, "the series had been clean")
    assert set(q.speakers) == {"Walt Dunne", "Ines Varga"}


def test_noun_report_is_not_a_cue():
    text = "Trustee Omar Vance called the staff report \u201ca list of wishes.\u201d"
    q = find(run(text), text, "a list of wishes")
    assert q.speakers == ("Omar Vance",)


@pytest.mark.parametrize("text,said", [
    # a cue form that is also a noun, after a number or "determiner + word", is the noun ...
    ("Voters in the 11 states that vote on March 1 will decide the race.", None),
    ("Mayor Dana Ruiz won easily, beating rival Tom Hale in his home state.", None),
    ("Harbour Council agreed to pay $2 million to settle a 2019 claim over the unfinished pier.", None),
    # ... but an "-s" form followed by "that" is the verb of the noun phrase before it
    ("The report states that the pier was never safe.", "that the pier was never safe"),
    ("The audit notes that the pier was never safe.", "that the pier was never safe"),
    ("The candidate claims his campaign raised $2 million in May.", "his campaign raised $2 million in May"),
    # a "describe" participle after an indefinite object names the thing: no speaker, no quote ...
    ("Nora Vance founded a group called the Harbour Tenants League in 2019.", None),
    ("The brewery is selling a special pale ale dubbed Ferry Gold this summer.", None),
    # ... the same verbs with a subject describe what was said
    ("In a statement, a spokesman called the plan a disaster.", "the plan a disaster"),
    ("Voters will judge a candidate who has called for a new bridge.", "a new bridge"),
])
def test_nouns_and_names_that_look_like_cues_report_nothing(text, said):
    quotes = run(text)
    assert [text[q.start:q.end] for q in quotes] == ([said] if said else [])


@pytest.mark.parametrize("text,speakers", [
    # a discourse opener is never part of the speaker (shown as a name, "Indeed", or inside it)
    ("The ferry runs twice a day.\n\nIndeed, proponents of a second ferry here say the fares are far too high.", ()),
    ("Yet harbour economists, like their rivals in the city, say the new tax will slow hiring.",
     ("harbour economists",)),
    # a relative clause in the speaker phrase modifies its head: the tenants speak ("who" was shown
    # as the speaker, then nobody)
    ("The council met on Monday.\n\nYet some tenants who have lived on Pine Street for decades said "
     "the rent rules had failed them.", ("some tenants",)),
    ("The council met on Monday.\n\nAna Ruiz, who has lived on Pine Street for decades, said the rent "
     "rules had failed her.", ("Ana Ruiz",)),
    # what a participle in the speaker phrase addresses is not the speaker ("Harbour Herald" was)
    ("An aide traveling with Mayor Ana Rivera said the plane was two hours late.", ("aide",)),
    ("A union official speaking to the Harbour Herald said the strike would go ahead.", ("union official",)),
    ("Tenants marching in Halifax said the rent cap had come too late.", ("Tenants",)),
    # a dateline's place (and agency) is never the speaker
    ("Budget vote.\n\nHALIFAX — Sen. Ana Rivera defended the budget and said it was fair.", ("Ana Rivera",)),
    ("Budget vote.\n\nHALIFAX (CP) — Sen. Ana Rivera defended the budget and said it was fair.", ("Ana Rivera",)),
    ("Budget vote.\n\nHALIFAX, N.S. — Sen. Ana Rivera defended the budget and said it was fair.", ("Ana Rivera",)),
    # a partitive head is shown with what it measures ('handful', 'group', 'of residents' were shown)
    ("A handful of senators said the ferry fares were far too high.", ("handful of senators",)),
    ("Dozens of residents said the ferry fares were far too high.", ("Dozens of residents",)),
    ("A group of Harbour nurses said the ferry fares were far too high.", ("group of Harbour nurses",)),
    ("The Group of Seven said the ferry fares were far too high.", ("Group of Seven",)),  # a name
    # ... after an inverted cue too ('handful' and 'a majority' were shown)
    ("The ferry fares are far too high, said a handful of senators.", ("handful of senators",)),
    ("The ferry fares are far too high, said dozens of residents who use it.", ("dozens of residents",)),
    # ... and a place tag after the speaker neither continues what was said nor speaks
    ("The ferry fares are far too high, said Sen. Ana Rivera, R-S.C., a long-shot candidate.", ("Ana Rivera",)),
    # words before a group's head belong to it ("Political" and "Campaign" were cut off as openers)
    ("Political scientists said the ferry fares were far too high.", ("Political scientists",)),
    ("Campaign aides said the ferry fares were far too high.", ("Campaign aides",)),
    ("Some of Rivera's longtime allies said the ferry fares were far too high.",
     ("Some of Rivera's longtime allies",)),  # as written (was lower-cased: "rivera's")
    # "and" joining the parts of one speaker: words before a shared head, the objects of a
    # preposition after the head, two titles of one person (each was split into two speakers)
    ("Federal and state officials said the ferry fares were far too high.", ("Federal and state officials",)),
    ("Current and former officials said the ferry fares were far too high.", ("Current and former officials",)),
    ("Experts on ferries and harbour safety said the ferry fares were far too high.",
     ("Experts on ferries and harbour safety",)),
    ("A spokesperson for the Parks and Recreation Department said the ferry fares were far too high.",
     ("Parks and Recreation Department",)),
    ("Former Minister of Transport and Liberal leadership candidate Ana Rivera said the ferry fares were "
     "far too high.", ("Ana Rivera",)),
    ("Former Nova Scotia Premier and federal cabinet minister Ana Rivera said the ferry fares were "
     "far too high.", ("Ana Rivera",)),  # a title of a place ("Nova Scotia Premier" was a speaker)
    ("Former Pennsylvania Gov. and party chairman Ana Rivera said the ferry fares were far too high.",
     ("Ana Rivera",)),
    # "and" joining two speakers: the word that says they are two, and a title of both, are neither
    ("Both Liberals and Conservatives said the ferry fares were far too high.", ("Liberals", "Conservatives")),
    ("Senators Ana Rivera and Tom Hale said the ferry fares were far too high.", ("Ana Rivera", "Tom Hale")),
    ("Ana Rivera and her aides said the ferry fares were far too high.", ("Ana Rivera", "aides")),
    # a relative clause says who the officials are, not who speaks ("Harbour Herald" was)
    ("Officials who spoke with the Harbour Herald said the ferry fares were far too high.", ("Officials",)),
    # a state or province tag, alone or after a party letter, is the place's ('C.', 'Y.', 'Mich' were)
    ("Sen. Ana Rivera, R-S.C., a long-shot candidate, said the ferry fares were far too high.", ("Ana Rivera",)),
    ("Sen. Ana Rivera, D-Texas, said the ferry fares were far too high.", ("Ana Rivera",)),
    ("Officials familiar with the files kept in Truro, N.S., said the ferry fares were far too high.",
     ("Officials",)),
    ("Tom Hale, 30, of Flint, Mich., who rides it daily, said the ferry fares were far too high.", ("Tom Hale",)),
    # a body's name with "of (the)" inside is one name ('Minister', 'Medical Examiner', 'Friends',
    # 'Church' were shown); titles and a name after a body's name are a person
    ("The Office of the Prime Minister said the ferry fares were far too high.", ("Office of the Prime Minister",)),
    ("The Office of the Chief Medical Examiner said the ferry fares were far too high.",
     ("Office of the Chief Medical Examiner",)),
    ("Friends of the Earth said the ferry fares were far too high.", ("Friends of the Earth",)),
    ("The Church of the Holy Harbour said the ferry fares were far too high.", ("Church of the Holy Harbour",)),
    ("Ministry of Health Minister Ana Ruiz said the ferry fares were far too high.", ("Ana Ruiz",)),
    ("The Conservation Council of New Brunswick said the ferry fares were far too high.",
     ("Conservation Council of New Brunswick",)),  # 'Brunswick' was shown
    ("Secretary of State Ana Ruiz said the ferry fares were far too high.", ("Ana Ruiz",)),
    ("Agent Pat Brisson said the ferry fares were far too high.", ("Pat Brisson",)),  # 'Agent Pat Brisson' was
    ("The Office of the Harbour Ombudsman said the ferry fares were far too high.",
     ("Office of the Harbour Ombudsman",)),
    ("Mr. Hale of the Harbour Council said the ferry fares were far too high.", ("Hale",)),
    # a name after a preposition is where, not who ('Halifax' was)
    ("The ferry sails at noon \nHale, in Halifax, said Tuesday that the ferry fares were far too high.", ("Hale",)),
])
def test_the_speaker_shown_is_the_phrase_that_speaks(text, speakers):
    (q,) = run(text)
    assert q.speakers == speakers


def test_that_with_a_verb_after_the_object_is_a_relative_clause_not_what_was_said():
    # "a crowd that spilled out …" describes the crowd; the cue belongs to the quotation before it
    text = ('\u201cWe need a new bridge,\u201d Mayor Ana Rivera told a crowd at the Harbour Hall that '
            'spilled out onto the street.')
    quotes = run(text)
    assert [(text[q.start:q.end], q.speakers) for q in quotes] == [("We need a new bridge,", ("Ana Rivera",))]
    text = "Mayor Ana Rivera told the crowd at the hall that the bridge would open in May."
    assert find(run(text), text, "the bridge would open").speakers == ("Ana Rivera",)


@pytest.mark.parametrize("text,said,speakers", [
    # what a question was about is what the asker said (PolNeAR's convention for "asked about")
    ("Host Dana Ruiz asked the mayor about the cost of the new ferry terminal.",
     "the cost of the new ferry terminal", ("Dana Ruiz",)),
    ("Reporters asked about the cost of the new ferry terminal.", "the cost of the new ferry terminal",
     ("Reporters",)),
    ("The Harbour Herald asked about them in April.", None, None),  # a pronoun says nothing of what
])
def test_asked_about_reports_the_subject_of_the_question(text, said, speakers):
    quotes = run(text)
    assert [(text[q.start:q.end], q.speakers) for q in quotes] == ([(said, speakers)] if said else [])


def test_a_participle_cue_reaches_its_quote_across_a_time_phrase():
    text = ("Senator Ines Varga mocked the plan on Monday, saying at one point, "
            "\u201cThe answer is not to shout at the ferry.\u201d Her rival did not respond.")
    q = find(run(text), text, "The answer is not to shout")
    assert q.cue == "saying" and q.speakers == ("Ines Varga",)  # its cue, not a guess from the sentence


# --- 4: a name inside the quote is not its speaker -------------------------------------------
def test_person_named_inside_the_quote_is_not_he():
    text = ("Coach Ray Tanaka met reporters after practice. "
            "\"I told Simone Belcourt she would start on Friday,\" he said.")
    q = find(run(text), text, "I told Simone Belcourt")
    assert q.speakers == ("Ray Tanaka",)


def test_role_before_the_comma_makes_the_minister():
    text = ("Vestland's fisheries minister, Marit Olsen, spoke on Monday. Trade Minister Piet Kroon replied later.\n\n"
            "The fisheries minister said the quota would be cut by a tenth next season.")
    q = find(run(text), text, "the quota would be cut")
    assert q.speakers == ("Marit Olsen",)


# --- headlines and non-speakers --------------------------------------------------------------
def test_headline_and_deck_are_not_quotes():
    text = ("Ferry fares to double next spring, council says\n"
            "Operators say the route has lost money for a decade\n"
            "By Lou Grant | Bay Times\n\n"
            "Fares on the Bay ferry will double in April, the council said on Tuesday.\n\n"
            "\"We had no other choice,\" said councillor Ada Ruiz.")
    quotes = run(text)
    assert not covered(quotes, text, "Ferry fares to double")
    assert not covered(quotes, text, "the route has lost money")
    assert find(quotes, text, "We had no other choice").speakers == ("Ada Ruiz",)


def test_time_nouns_never_speak():
    text = ("Tessa Blum, who opposed the plan when it was first proposed, recalled the night of the vote. "
            "\"It was chaos,\" she said.")
    quotes = run(text)
    assert all("night" not in " ".join(q.speakers) for q in quotes)


def test_both_sides_are_the_two_bodies_named_last():
    text = ("Harrow Steelworks and the Allied Metalworkers Union ended the strike on Friday. "
            "Both sides said they would review the pension fund in the autumn.")
    q = find(run(text), text, "they would review the pension fund")
    assert len(q.speakers) == 2 and q.speakers[0].startswith("Harrow")


def test_am_before_a_new_sentence():
    text = ("Const. Lea Moreau said the crash happened at 2 a.m. The Coastal Highway Patrol closed the road. "
            "\"It was a terrible scene,\" she said.")
    quotes = run(text)
    assert find(quotes, text, "the crash happened").end < text.index("The Coastal")
    assert find(quotes, text, "It was a terrible scene").speakers == ("Lea Moreau",)


def test_a_dotted_acronym_ends_a_sentence_before_a_pronoun():
    text = ("Dana Kerr, who runs the growers' council, spoke on Monday. Kerr says the tariff will hurt "
            "exports to the U.S. She says farmers in the U.S. Midwest will pay for it too.")
    quotes = run(text)
    first = find(quotes, text, "the tariff will hurt")
    assert first.end <= text.index(" She says")  # "U.S. She" ends the first sentence ...
    assert find(quotes, text, "farmers in the U.S. Midwest will pay").speakers == ("Dana Kerr",)  # ... "U.S. Midwest" does not


def test_she_is_the_woman_named_before_not_the_man_who_spoke_last():
    # "Elaine" is not in the hand-written given names: the GAP-derived table says she is a woman
    text = ("Elaine Moss, a fellow at the institute, and Victor Pryor, its director, spoke on Monday. "
            "\u201cWe are out of money,\u201d Pryor said. She said the board would meet in June.")
    assert find(run(text), text, "the board would meet").speakers == ("Elaine Moss",)


@pytest.mark.parametrize("text, fragment, speaker", [
    ("Health Canada said in a statement that the recall covers 40 products.", "the recall covers", "Health Canada"),
    ("Statistics Canada said the jobless rate rose to 6.1 per cent in May.", "the jobless rate rose", "Statistics Canada"),
    ("Air Canada said 40 flights were cancelled because of the storm.", "40 flights were cancelled", "Air Canada"),
    # "the agency" is the national body named before
    ("Health Canada ordered the recall on Friday. The agency said 12 stores were affected.", "12 stores were affected",
     "Health Canada"),
])
def test_a_national_body_is_an_organisation_not_a_titled_person(text, fragment, speaker):
    q = find(run(text), text, fragment)
    assert q.speakers == (speaker,) and q.speaker_kind == "organisation"


def test_a_portfolio_word_before_a_name_is_still_a_title():
    text = ("Environment Canada meteorologist Linda Libby said gusts reached 150 km/h. Finance Minister "
            "Chrystia Freeland said the budget would be tabled in April.")
    assert find(run(text), text, "gusts reached").speakers == ("Linda Libby",)
    assert find(run(text), text, "the budget would be tabled").speakers == ("Chrystia Freeland",)


@pytest.mark.parametrize("text, fragment, speaker", [
    ("The party has $16 million in the bank. That, NDP Chief of Staff Dana Ruiz explained, is by design.",
     "is by design", "Dana Ruiz"),
    ("Ontario Minister of Health Sylvie Tran said the clinics would open in May.", "the clinics would open",
     "Sylvie Tran"),
    ("Mr. Okafor of the Harbour Trust said the deal was weak and the port would lose money.", "the deal was weak",
     "Okafor"),
])
def test_an_office_with_of_before_a_name(text, fragment, speaker):
    assert find(run(text), text, fragment).speakers == (speaker,)


def test_sports_role_before_a_name():
    text = "Goalie Tim Osei made 41 saves. \"We never stopped skating,\" Osei said."
    assert find(run(text), text, "We never stopped skating").speakers == ("Tim Osei",)


def test_the_company_is_the_business_not_a_tribunal():
    text = ("Northgate Living REIT applied to the Housing Review Board for a 9% increase. "
            "The company said it would offer payment plans to tenants.")
    q = find(run(text), text, "it would offer payment plans")
    assert q.speakers == ("Northgate Living REIT",)


def test_regional_district_is_a_body():
    text = ("Cariboo Regional District chair Ann Roy declared an emergency. "
            "The district said evacuees should register online.")
    q = find(run(text), text, "evacuees should register online")
    assert q.speakers == ("Cariboo Regional District",)


def test_according_to_a_document_is_not_a_quote():
    text = "The hearing will be held in November, according to a notice posted in the lobby."
    assert not covered(run(text), text, "The hearing will be held")


def test_according_to_a_poll_nobody_is_named_as_running_is_not_a_quote():
    text = "Most tenants expect their rent to rise, according to a recent survey."
    assert not covered(run(text), text, "Most tenants expect their rent to rise")


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_a_clause_whose_only_verb_is_negated_is_reported_with_either_apostrophe(apostrophe):
    text = (f"Mara Lind acknowledged the rule, but noted the city doesn{apostrophe}t enforce it "
            "against small landlords.")
    assert covered(run(text), text, "the city doesn")


@pytest.mark.parametrize("text", [
    "Mara Lind, a self-described democratic socialist, has spent decades in the legislature.",
    "The first-term senator has won every contest in the west of the province.",
    "Voters rejected the so-called carbon levy in every riding of the province.",
])
def test_a_cue_hyphened_to_a_word_is_a_compound_not_speech(text):
    assert run(text) == []


def test_a_hyphened_verb_prefix_keeps_the_cue():
    text = "Mara Lind live-tweeted that the vote had been delayed until the spring."
    assert covered(run(text), text, "the vote had been delayed")


def test_a_clause_reported_inside_a_relative_clause_ends_where_the_sentence_resumes():
    text = "Mara Lind, who said the bylaw would put shops out of business, voted against it on Monday."
    q = find(run(text), text, "the bylaw would put shops out of business")
    assert text[q.start:q.end].rstrip(",") == "the bylaw would put shops out of business"


def test_a_request_after_asked_is_the_askers_reported_speech():
    text = "The meeting ran late. Mara Lind asked the council to delay the vote on the bylaw until spring."
    q = find(run(text), text, "to delay the vote")
    assert q.speakers == ("Mara Lind",) and text[q.start:q.end].startswith("the council to delay")


@pytest.mark.parametrize("text,fragment", [
    # asked, not asking: the subject is who was asked
    ("The meeting ran late. Mara Lind was asked to name the councillors who backed the bylaw.", "to name"),
    # a topic, not a request
    ("The meeting ran late. Mara Lind asked about plans to widen the bridge next year.", "about plans"),
])
def test_no_request_without_an_asker_and_an_infinitive(text, fragment):
    assert not covered(run(text), text, fragment)


@pytest.mark.parametrize("text,speakers", [
    # an adverb the speaker-phrase rules do not know between the subject and the cue
    ("The vote was close.\n\nMara Lind jokingly said, \u201cI hate to say it, but the bylaw passed.\u201d",
     ("Mara Lind",)),
    # a speaker phrase they do not parse
    ("The vote was close.\n\nAnother source familiar with the bylaw said, \u201cI hate to say it, but "
     "the bylaw passed.\u201d", ("Another source",)),
])
def test_a_cue_before_a_quotation_keeps_it_when_its_speaker_phrase_is_not_parsed(text, speakers):
    q = find(run(text), text, "I hate to say it")
    assert q.cue == "said" and q.speakers == speakers


def test_body_named_before_a_ranked_officer_answers_for_police():
    text = ("Lakeview Police Service Det. Const. Ria Shah said the suspect fled on foot. "
            "Police said a dog team had been called in.")
    quotes = run(text)
    assert find(quotes, text, "the suspect fled").speakers == ("Ria Shah",)
    assert find(quotes, text, "a dog team had been called").speakers == ("Lakeview Police Service",)


def test_told_audience_then_adding_keeps_the_direct_quote():
    text = ("Coun. Tom Reyes opposed the plan. \"It is too fast,\" he said.\n\n"
            "Mayor Andy Frost spoke to the Bayside Chamber of Commerce on Wednesday. \"We listened,\" he told "
            "the audience in Dartmouth, adding that loading zones would be kept.")
    quotes = run(text)
    assert find(quotes, text, "We listened").speakers == ("Andy Frost",)
    assert find(quotes, text, "loading zones would be kept").speakers == ("Andy Frost",)


def test_so_called_is_a_scare_quote():
    text = "The so-called \"missing link\" on Hollis Street will be finished first, city staff said."
    quotes = run(text)
    assert not any(q.text == "missing link" for q in quotes)


def test_first_name_only_source():
    text = ("A father of three who works nights at the plant, and who asked that only his first name, Bruno, "
            "be used, said the line had stopped twice this week.")
    q = find(run(text), text, "the line had stopped twice")
    assert q.speakers == ("Bruno",)


def test_researchers_at_a_body_and_dateline():
    text = ("WHITEHORSE \u2014 The lake has warmed two degrees since 1990, according to researchers at "
            "Ridgeway University.\n\nThe agency said in a statement that it would add four sensors.")
    quotes = run(text)
    q = find(quotes, text, "The lake has warmed")
    assert q.text.startswith("The lake") and q.speakers == ("Ridgeway University",)
    assert find(quotes, text, "it would add four sensors").speakers != ("Ridgeway University",)


def test_the_team_is_the_team_named_before():
    text = ("Walt Dunne coached the Harbour Otters for 12 seasons before retiring on Friday. "
            "The team said in a statement that his number would be retired.")
    q = find(run(text), text, "his number would be retired")
    assert q.speakers == ("Harbour Otters",)


def test_possessive_object_after_a_cue_is_not_a_speaker():
    text = "Nora Vance, who led the choir for 30 years, announced her retirement on Sunday."
    assert all("retirement" not in " ".join(q.speakers) for q in run(text))


# --- issue 11: reported content interrupted by its cue, commitments --------------------------
def test_content_interrupted_by_its_cue_is_two_parts():
    text = "If the levy passes, Mayor Joan Albers said on Tuesday, the library will open on Sundays."
    quotes = run(text)
    first = find(quotes, text, "If the levy passes")
    second = find(quotes, text, "the library will open on Sundays")
    assert first is not second
    assert "Albers" not in first.text and "Albers" not in second.text and "Tuesday" not in second.text
    assert first.speakers == second.speakers == ("Joan Albers",)


def test_vowed_to_reports_the_commitment():
    text = "Premier Ada Lund vowed to cut ferry fares for island residents before the summer."
    q = find(run(text), text, "to cut ferry fares for island residents")
    assert q.kind == "indirect" and q.speakers == ("Ada Lund",)


def test_the_phrase_after_an_inverted_cue_speaks_and_is_never_a_quote():
    """Right after a quotation the cue is inverted: '"…," said master of ceremonies Asab
    Al-Tabchi, …' names the speaker with role words the mention rules did not know; it was
    taken for reported content (a false quote made of the speaker's name) and the quotation lost
    its speaker."""
    text = ('"Thanks, Clarkston, for welcoming these refugees," said master of ceremonies Asab '
            'Al-Tabchi, a Syrian engineer.')
    quotes = run(text)
    assert not covered(quotes, text, "master of ceremonies")
    assert find(quotes, text, "Thanks, Clarkston").speakers == ("Asab Al-Tabchi",)
    text = "\u201cShe has always been a leader,\u201d said the 46-year-old former model."
    quotes = run(text)
    assert len(quotes) == 1 and not covered(quotes, text, "former model")
    assert quotes[0].mention == "the 46-year-old former model"


@pytest.mark.parametrize("apposition", ["who ran the shelter on Pine Street for a decade",
                                        "a nurse who has worked in the valley since 2009"])
def test_what_follows_an_inverted_speakers_comma_is_their_apposition_not_a_quote(apposition):
    text = f"\u201cWe are out of beds every night,\u201d said Ana Ruiz, {apposition}."
    assert_only_quote(text, "We are out of beds every night,", "Ana Ruiz")


def assert_only_quote(text, quotation, speaker):
    """The text holds one quote, ``quotation``, and ``speaker`` said it."""
    quotes = run(text)
    assert [text[q.start:q.end] for q in quotes] == [quotation]
    assert quotes[0].speakers == (speaker,)


def test_an_embedded_post_is_its_authors_quote():
    text = ("The premier answered on social media within the hour.\n\n"
            "We will not let this decision stand. Our province deserves better. pic.twitter.com/AbC123xyz\n\n"
            "\u2014 Dana Ruiz (@danaruiz) June 5, 2023\n\nThe federal minister did not respond.")
    q = find(run(text), text, "We will not let this decision stand")
    assert q.speakers == ("Dana Ruiz",) and q.kind == "direct"
    assert "pic.twitter.com" not in text[q.start:q.end]


def test_an_embedded_post_with_its_credit_on_the_same_line():
    text = ("Reaction came quickly.\n\nProud of every volunteer who showed up today. "
            "\u2014 Omar Kent (@omarkent) March 2, 2024\n\nThe cleanup ends on Sunday.")
    assert find(run(text), text, "Proud of every volunteer").speakers == ("Omar Kent",)


@pytest.mark.parametrize("credit", ["\u2014 Mayor Olivia Reyes", "\u2014 Olivia Reyes, mayor of Eastport"])
def test_a_pull_quote_with_a_dash_credit(credit):
    text = ("The council met on Monday.\n\n\u201cWe are done waiting for the province to act on housing,\u201d "
            + credit + "\n\nThe vote is next week.")
    assert find(run(text), text, "We are done waiting").speakers == ("Olivia Reyes",)


@pytest.mark.parametrize("credit, speaker", [("- Dana Ruiz.", "Dana Ruiz"),
                                             ("\u2014 Dana Ruiz, Eastport", "Dana Ruiz"),
                                             ("-Premier Dana Ruiz, speaking after the vote.", "Dana Ruiz")])
def test_a_credit_line_under_a_quoted_paragraph_names_its_speaker(credit, speaker):
    """Live blogs and pull quotes set the speaker on the line under the quotation."""
    text = ("Omar Kent spoke first at the rally.\n\n"
            "\"Our province deserves better than another year of delay on housing.\"\n\n"
            + credit + "\n\nThe federal minister did not respond.")
    assert find(run(text), text, "Our province deserves better").speakers == (speaker,)


def test_a_byline_under_unquoted_words_or_a_half_quoted_paragraph_credits_no_one():
    byline = ("Omar Kent spoke first at the rally and said the province deserved better.\n\n"
              "- Sam Keller.\n\nThe federal minister did not respond.")
    assert all("Sam Keller" not in q.speakers for q in run(byline))
    half = ("Omar Kent spoke first at the rally.\n\n"
            "Kent called the plan \"another year of delay for every family in the province.\"\n\n"
            "- Reuters.\n\nThe federal minister did not respond.")
    assert all("Reuters" not in q.speakers for q in run(half))


def test_an_age_stays_one_word_in_the_speaker():
    text = "\u201cWe never gave up,\u201d said the 46-year-old former teacher."
    assert find(run(text), text, "We never gave up").speakers == ("46-year-old former teacher",)


def test_a_fronted_time_or_place_is_not_a_name_in_apposition():
    # "In June, the senator said": not "June, the senator" (a name and its apposition)
    text = ("Senator Lindsey Moss spoke in May. In June, the senator said the province should drop the plan.")
    q = find(run(text), text, "the province should drop")
    assert "June" not in q.speakers and q.speakers == ("Lindsey Moss",)


@pytest.mark.parametrize("text, fragment, speaker", [
    # "PM" and "the PM" stand for the prime minister named before (Canadian and British news)
    ("Prime Minister Mark Ruiz met the premiers in Ottawa on Monday. The PM said the tariffs would end by June.",
     "the tariffs would end", "Mark Ruiz"),
    ("Prime Minister Mark Ruiz met the premiers in Ottawa on Monday.\n\nPM says the tariffs would end by June, "
     "and the premiers agreed to wait.", "the tariffs would end", "Mark Ruiz"),
    # "the congressman" is the representative named before
    ("Rep. Tom Bell toured the shipyard on Friday. The congressman said the contract would stay in Maine.",
     "the contract would stay", "Tom Bell"),
])
def test_a_short_role_stands_for_the_office_holder_named_before(text, fragment, speaker):
    assert find(run(text), text, fragment).speakers == (speaker,)


# --- participial cues: who says what a gerund reports -------------------------------------------
def test_a_participle_after_an_en_dash_reports_for_the_subject():
    text = ("Mayor Lena Ortiz changed her mind on the spot – saying the bridge would close for a "
            "month in the summer instead.")
    q = find(run(text), text, "the bridge would close for a month")
    assert q.kind == "indirect" and q.speakers == ("Lena Ortiz",)


@pytest.mark.parametrize("modal", ["cannot", "shall", "can"])
def test_a_bare_clause_after_a_participle_counts_every_modal_as_its_verb(modal):
    """ "arguing families cannot absorb …": with no "that", a modal is what shows the words
    after the cue are a clause ("cannot" is one word)."""
    text = f"Premier Dana Kolt extended the gas tax cut, arguing families {modal} absorb higher prices."
    q = find(run(text), text, f"families {modal} absorb higher prices")
    assert q.kind == "indirect" and q.speakers == ("Dana Kolt",)


@pytest.mark.parametrize("prep", ["by", "after", "while"])
def test_a_gerund_after_a_preposition_reports_for_the_subject(prep):
    text = (f"Councillor Amir Haddad ended the debate {prep} saying the budget would be balanced "
            "within two years.")
    q = find(run(text), text, "the budget would be balanced")
    assert q.kind == "indirect" and q.speakers == ("Amir Haddad",)


@pytest.mark.parametrize("after", ["when asked about the fire", "while touring the ward on Tuesday",
                                   "during Tuesday’s council debate", "without elaborating",
                                   "according to a transcript of the meeting"])
def test_what_follows_a_quotations_own_cue_says_when_not_what(after):
    """'“…,” the mayor said when asked about the fire': the quotation is what the cue reports; the
    clause after it says when or how (it was a second quote, "when asked about the fire", given to
    the mayor, who never said it)."""
    text = f"\u201cThe hall will reopen in the spring,\u201d Mayor Jo Ray said {after}."
    assert_only_quote(text, "The hall will reopen in the spring,", "Jo Ray")


def test_a_quotation_after_a_when_asked_clause_has_the_cue_before_it():
    text = ("Councillor Amir Haddad told the council when asked about the budget: "
            "\u201cWe will balance it within two years.\u201d")
    q = find(run(text), text, "We will balance it")
    assert q.kind == "direct" and q.speakers == ("Amir Haddad",)


@pytest.mark.parametrize("text, content", [
    ("Councillors have not said when they would vote on the budget.", "when they would vote on the budget"),
    ("\u201cOnly you,\u201d Mayor Jo Ray said, would turn a fine into a festival.", "would turn a fine into a festival"),
])
def test_content_after_a_cue_that_is_no_adverbial_stays(text, content):
    """The rules propose the content from its first word (what the quote model then decides of
    a clause that continues a quotation outside its marks is the model's)."""
    cands, _ctx = pipeline.propose(text)
    assert any(text[c.start:].startswith(content) for c in cands), [text[c.start:c.end] for c in cands]


@pytest.mark.parametrize("adverb", ["eventually", "pointedly"])
def test_a_manner_adverb_between_the_comma_and_the_participle_keeps_it_a_cue(adverb):
    text = (f"Councillor Amir Haddad turned on the mayor over the winter, {adverb} saying the budget "
            "would never balance.")
    q = find(run(text), text, "the budget would never balance")
    assert q.kind == "indirect" and q.speakers == ("Amir Haddad",)


def test_with_a_group_saying_the_group_speaks():
    """An absolute clause has its own subject: "with 40 percent of residents saying …" is the
    residents' view, not the sentence subject's."""
    text = ("Premier Dana Kolt has lost ground this spring, with 40 percent of residents saying "
            "the province is headed in the wrong direction.")
    q = find(run(text), text, "the province is headed in the wrong direction")
    assert q.speakers == ("40 percent of residents",)


def test_a_gerund_right_after_a_noun_names_no_speaker_so_no_quote():
    """"made a pitch to voters saying …": the voters or the subject? The text does not tell, and
    a wrong speaker costs more than a missed quote."""
    text = ("Senator Ray Moss made a pitch to farmers saying the new levy is hurting the rural economy "
            "and driving jobs away.")
    assert not any("levy is hurting" in q.text for q in run(text))


# --- manner-of-speaking and question verbs -------------------------------------------------------
@pytest.mark.parametrize("verb", ["joked", "quipped", "retorted", "whispered"])
def test_a_manner_of_speaking_verb_reports_a_that_clause(verb):
    text = f"Mayor Jo Ray {verb} that the budget was thinner than the ice on the lake."
    q = find(run(text), text, "the budget was thinner than the ice")
    assert q.kind == "indirect" and q.speakers == ("Jo Ray",)


@pytest.mark.parametrize("verb", ["questioned", "wondered"])
def test_a_question_verb_reports_a_question(verb):
    text = f"Councillor Amir Haddad {verb} whether the city could afford the new arena."
    q = find(run(text), text, "whether the city could afford")
    assert q.speakers == ("Amir Haddad",)


def test_questions_as_a_noun_report_nothing():
    text = "There were none of the hecklers or questions that the premier has had to face at home."
    assert run(text) == []


def test_told_an_outlet_of_a_city_then_when_then_the_clause():
    text = ("Former governor Christine Whitman told The Star-Ledger of Newark last week she would rather "
            "vote for the independent candidate.")
    q = find(run(text), text, "she would rather vote for the independent candidate")
    assert q.speakers == ("Christine Whitman",)


# --- directives: "told X to …", "warned X to …" ------------------------------------------------
@pytest.mark.parametrize("cue", ["told", "warned", "urged", "is warning"])
def test_a_directive_is_its_object_and_its_infinitive(cue):
    """PolNeAR's convention, as for "asked the council to delay the vote": the one told is part of
    what was said."""
    text = f"Fire Chief Dana Kolt {cue} valley residents to leave their homes before noon."
    q = find(run(text), text, "to leave their homes")
    assert text[q.start:q.end] == "valley residents to leave their homes before noon"
    assert q.speakers == ("Dana Kolt",)


def test_a_that_after_the_directive_does_not_start_the_content():
    text = "The minister warned Ostland to refrain from any steps that would worsen the dispute."
    q = find(run(text), text, "refrain from any steps")
    assert text[q.start:q.end].startswith("Ostland to refrain")


# --- what a cue reports: the exact span ----------------------------------------------------------
@pytest.mark.parametrize("text,content,kind", [
    # a clause or a date after the cue is not an object
    ("Mayor Dana Kolt told reporters he plans to run again in the fall.", "he plans to run again in the fall",
     "indirect"),
    ("Mayor Dana Kolt told reporters it plans to run a second ferry.", "it plans to run a second ferry",
     "indirect"),
    ("Mayor Dana Kolt asked it to delay the vote until spring.", "it to delay the vote until spring", "indirect"),
    ("Mayor Dana Kolt promised Monday to repave every road in the east end.",
     "to repave every road in the east end", "indirect"),
    # a bare cue form after "and" is not the speaker's next verb ("and stated" would be)
    ("Mayor Dana Kolt said the plant broke federal and state law for years.",
     "the plant broke federal and state law for years", "indirect"),
    ("Mayor Dana Kolt said the school sends grades and report cards home twice a year.",
     "the school sends grades and report cards home twice a year", "indirect"),
    ("Mayor Dana Kolt said the plan would fail and added that she would vote against it.",
     "the plan would fail", "indirect"),
    # an "and" before an -ed word that would leave too short a clause joins adjectives, not verbs
    ("Mayor Dana Kolt said the heat and unsettled weather would last all week.",
     "the heat and unsettled weather would last all week", "indirect"),
    # advice, accusations and warnings are reported speech
    ("Provincial police advised drivers to avoid the highway until noon.", "drivers to avoid the highway until noon",
     "indirect"),
    ("Two lawyers advised the mayor that the bylaw was within the city's powers.",
     "that the bylaw was within the city's powers", "indirect"),
    ('Premier Dana Kolt accused Ottawa of "abandoning working families."',
     'Ottawa of "abandoning working families."', "mixed"),
    ("Premier Dana Kolt has repeatedly accused the minister of misleading the legislature.",
     "the minister of misleading the legislature", "indirect"),
    ('Premier Dana Kolt warned of "serious consequences" if the plan goes ahead.',
     '"serious consequences" if the plan goes ahead', "mixed"),
    ("The central bank cautioned against reading too much into one month of data.",
     "reading too much into one month of data", "indirect"),
    # a place after the cue (and its object) says where, not what ("in Fredericton the province …"
    # gave no quote)
    ("Premier Dana Kolt told reporters in Fredericton the province would hire 12 more inspectors.",
     "the province would hire 12 more inspectors", "indirect"),
    ("Premier Dana Kolt said in Truro, N.S. the province would hire 12 more inspectors.",
     "the province would hire 12 more inspectors", "indirect"),
    ("Mayor Dana Kolt said outside court that she was relieved.", "that she was relieved", "indirect"),
    ("Mayor Dana Kolt said outside help was needed.", "outside help was needed", "indirect"),
])
def test_a_cue_reports_exactly_its_content(text, content, kind):
    q = find(run(text), text, content)
    assert text[q.start:q.end] == content and q.kind == kind
    if "Kolt" in text:
        assert q.speakers == ("Dana Kolt",)


@pytest.mark.parametrize("after", [
    "said shortly after the vote.", "said 30 minutes into the debate.", "said just after midnight on CNN.",
])
def test_a_quotation_keeps_its_cue_when_a_time_phrase_follows_the_speaker(after):
    # '"…," X, a strategist, said shortly after the vote': the cue was given to "shortly after
    # the vote" as reported content and the quotation was lost
    text = f"The council met on Monday.\n\n\"It's plagiarism,\" Dave Axel, a strategist, {after}\n\nAides argued."
    quotes = run(text)
    q = find(quotes, text, "It's plagiarism,")
    assert q.kind == "direct" and q.speakers == ("Dave Axel",) and q.cue == "said"
    assert len(quotes) == 1  # the time phrase is no quote of its own


@pytest.mark.parametrize("lead", ["Speaking in Halifax", "Writing Tuesday in the Harbour Herald",
                                  "Asked about the ferry"])
def test_a_participial_phrase_before_the_speaker_is_not_what_was_said(lead):
    text = f"The ferry plan drew fire. {lead}, Mayor Jo Ray said the plan was doomed."
    (q,) = run(text)
    assert text[q.start:q.end] == "the plan was doomed" and q.speakers == ("Jo Ray",)


def test_a_gerund_subject_before_the_speaker_is_what_was_said():
    text = "The ferry plan drew fire. Raising fares would hurt families, Mayor Jo Ray said."
    (q,) = run(text)
    assert text[q.start:q.end] == "Raising fares would hurt families" and q.speakers == ("Jo Ray",)


@pytest.mark.parametrize("descriptor", ["Harbour Rep. Ana Rivera's chief of staff", "the mayor's chief of staff"])
def test_a_quotation_then_the_speakers_description_and_name(descriptor):
    # '“…,” California Rep. Duncan Hunter’s chief of staff, Joe Kasper, told …' was one mixed quote
    # running through the description, its speaker taken from a headline
    text = (f"The council met on Monday.\n\n“The fares are going to fall, whether it’s now or in two months,” "
            f"{descriptor}, Joe Kasper, told the Herald. “That’s inevitable.”")
    quotes = run(text)
    q = find(quotes, text, "The fares are going to fall")
    assert q.kind == "direct" and text[q.start:q.end].endswith("in two months,")
    assert all(qq.speakers == ("Joe Kasper",) for qq in quotes)
