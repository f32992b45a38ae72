"""Two hand-written news articles (transit funding, a shooting) with every quote annotated.

Written for these tests in the style of Canadian news sites: headline, dek, byline, boilerplate,
direct, indirect, mixed and floating quotes, pronouns, titles, organisations and a joint quote.
"""
from __future__ import annotations

import pytest

from quotedesk.core.attribution import extract_quotes

TRANSIT = 'Ontario to spend $1.2B on new transit lines, premier says\nDoug Ford says the province will fund two new subway extensions in Toronto\nBy Jane Smith, CBC News\nPosted: Mar 3, 2021 4:00 AM ET\n\nOntario Premier Doug Ford announced Tuesday that the province will spend $1.2 billion on two new transit lines in the Greater Toronto Area.\n\n"This is the largest investment in transit in our province\'s history," Ford told reporters at Queen\'s Park.\n\n"We\'re getting shovels in the ground, and we\'re doing it faster than anyone thought possible."\n\nStory continues below advertisement\n\nToronto Mayor John Tory welcomed the announcement, but said the city would need more help to cover operating costs.\n\n"I\'m grateful to the premier," Tory said in a statement. "But the reality is that the TTC is losing money every single day of this pandemic."\n\nAccording to Metrolinx, the first line will open in 2027.\n\nThe opposition was less impressed. NDP Leader Andrea Horwath called the plan "a recycled announcement" and said the government had cut transit funding in its first budget.\n\n"Ford is taking credit for projects that were already approved," she said.\n\nA spokesperson for the Ministry of Transportation said the province remains committed to the projects. Officials declined to say when construction would begin.\n\nTransit advocate Rahul Mehta, who heads the group TTCriders, said riders have waited long enough.\n\n"People are tired of promises," Mehta said. "They want to see trains."\n\nThe two leaders are expected to meet next week. Ford and Tory said Monday they would work together on a funding formula for the city.\n'

SHOOTING = 'Police identify victim of downtown shooting\n\nToronto police have identified the man killed in a shooting near Yonge and Dundas on Saturday night as 24-year-old Marcus Reid.\n\nDet. Sgt. Karen Wu, of the homicide unit, said investigators believe Reid was targeted. "This was not a random act," she told reporters Sunday. "We are asking anyone with dashcam footage to come forward."\n\nWu said two suspects fled in a grey sedan.\n\nReid\'s mother, Angela Reid, described her son as a gentle man who loved basketball.\n\n"He was going to start college in the fall," she said through tears. "He had his whole life in front of him."\n\nCity councillor Mike Layton said the shooting was "heartbreaking" and called for more funding for community programs.\n\nThe Toronto Police Service said in a news release that it had increased patrols in the area. Police Chief James Ramer is expected to speak on Monday.\n\nPremier Doug Ford said he was "devastated" by the news, adding that the province would work with the city.\n'

HOUSING = 'Ottawa unveils housing plan as critics question timeline\n\nOTTAWA — The federal government on Thursday announced a $4-billion fund to help cities build more homes, a move Housing Minister Sean Fraser said would "change the game" for young families.\n\nSpeaking at a news conference in Halifax, the minister said the fund would reward municipalities that cut red tape. "We need to build more homes, faster, and we need cities at the table," Fraser said.\n\nConservative Leader Pierre Poilievre dismissed the announcement as "more bureaucracy."\n\n"This government has doubled housing costs," Poilievre told reporters in Ottawa. "Now it wants credit for fixing its own mess."\n\nThe Federation of Canadian Municipalities welcomed the fund. Its president, Scott Pearce, said mayors had been asking for this kind of help for years.\n\n"It\'s a good start, but it\'s not enough," Pearce said in an interview.\n\nEconomist Armine Yalnizyan said the plan could work if the money flows quickly. She noted that construction costs have risen sharply since 2020.\n\n"Cities are ready," she said. "The question is whether Ottawa can move at the speed of need."\n\nA spokesperson for the Canadian Home Builders\' Association, Kevin Lee, said builders were short of workers. The association has called for more skilled immigrants.\n\nFraser and Pearce are scheduled to meet next month. Both men said they hoped to sign agreements with at least 100 cities.\n\nThe fund opens for applications in June, according to a statement from the department.\n'

STORM = 'Storm leaves thousands without power across Nova Scotia\n\nHALIFAX (CP) — More than 200,000 Nova Scotia Power customers were without electricity Sunday after a powerful storm swept across the province, the utility said.\n\n"This is one of the most significant outages we have seen in a decade," said Matt Drover, the utility\'s director of storm response. "Crews will be working around the clock until every customer is back on."\n\nDrover said about 600 line workers had been deployed, including crews from New Brunswick.\n\nPremier Tim Houston urged residents to check on their neighbours. "If you have an elderly neighbour, please knock on their door today," he told a news conference. He said the province had opened 40 comfort centres.\n\nHalifax resident Joanne MacLeod, 67, said she had been without power since Saturday morning.\n\n"We\'ve got a wood stove, so we\'re OK," MacLeod said. "But my sister in Truro has nothing. She\'s staying with us."\n\nEnvironment Canada meteorologist Linda Libby said wind gusts reached 150 kilometres an hour in Cape Breton. "That\'s hurricane strength," she said, adding that the storm was expected to weaken by Monday.\n\nTwo officials, who spoke on condition of anonymity because they were not authorized to discuss the matter, said the utility had been warned about aging equipment.\n\nNova Scotia Power said in a statement it would provide updates every two hours.\n'

FRASER, POILIEVRE, PEARCE, YALNIZYAN = ("Sean Fraser",), ("Pierre Poilievre",), ("Scott Pearce",), ("Armine Yalnizyan",)
FORD, TORY, HORWATH, MEHTA = ("Doug Ford",), ("John Tory",), ("Andrea Horwath",), ("Rahul Mehta",)
WU, MOTHER = ("Karen Wu",), ("Angela Reid",)

EXPECTED = [
    (TRANSIT, "the province will spend $1.2 billion", FORD, "indirect"),
    (TRANSIT, "This is the largest investment in transit", FORD, "direct"),
    (TRANSIT, "We're getting shovels in the ground", FORD, "direct"),
    (TRANSIT, "I'm grateful to the premier", TORY, "direct"),
    (TRANSIT, "But the reality is that the TTC is losing money", TORY, "direct"),
    (TRANSIT, "the first line will open in 2027", ("Metrolinx",), "indirect"),
    (TRANSIT, "the government had cut transit funding", HORWATH, "indirect"),
    (TRANSIT, "Ford is taking credit for projects", HORWATH, "direct"),
    (TRANSIT, "the province remains committed to the projects", ("Ministry of Transportation",), "indirect"),
    (TRANSIT, "riders have waited long enough", MEHTA, "indirect"),
    (TRANSIT, "People are tired of promises", MEHTA, "direct"),
    (TRANSIT, "They want to see trains.", MEHTA, "direct"),
    (TRANSIT, "they would work together on a funding formula", ("Doug Ford", "John Tory"), "indirect"),
    (SHOOTING, "This was not a random act", WU, "direct"),
    (SHOOTING, "We are asking anyone with dashcam footage", WU, "direct"),
    (SHOOTING, "two suspects fled in a grey sedan", WU, "indirect"),
    (SHOOTING, "He was going to start college in the fall", MOTHER, "direct"),
    (SHOOTING, "He had his whole life in front of him.", MOTHER, "direct"),
    (SHOOTING, "heartbreaking", ("Mike Layton",), "mixed"),
    (SHOOTING, "that it had increased patrols in the area", ("Toronto Police Service",), "indirect"),
    (SHOOTING, "devastated", FORD, "mixed"),
    (HOUSING, "change the game", FRASER, "mixed"),
    (HOUSING, "the fund would reward municipalities", FRASER, "indirect"),
    (HOUSING, "We need to build more homes", FRASER, "direct"),
    (HOUSING, "This government has doubled housing costs", POILIEVRE, "direct"),
    (HOUSING, "Now it wants credit", POILIEVRE, "direct"),
    (HOUSING, "mayors had been asking", PEARCE, "indirect"),
    (HOUSING, "It's a good start", PEARCE, "direct"),
    (HOUSING, "the plan could work if the money flows quickly", YALNIZYAN, "indirect"),
    (HOUSING, "construction costs have risen sharply", YALNIZYAN, "indirect"),
    (HOUSING, "Cities are ready", YALNIZYAN, "direct"),
    (HOUSING, "The question is whether Ottawa", YALNIZYAN, "direct"),
    (HOUSING, "builders were short of workers", ("Kevin Lee",), "indirect"),
    (HOUSING, "they hoped to sign agreements", ("Sean Fraser", "Scott Pearce"), "indirect"),
    (STORM, "More than 200,000 Nova Scotia Power customers", ("Nova Scotia Power",), "indirect"),
    (STORM, "This is one of the most significant outages", ("Matt Drover",), "direct"),
    (STORM, "Crews will be working around the clock", ("Matt Drover",), "direct"),
    (STORM, "about 600 line workers had been deployed", ("Matt Drover",), "indirect"),
    (STORM, "If you have an elderly neighbour", ("Tim Houston",), "direct"),
    (STORM, "the province had opened 40 comfort centres", ("Tim Houston",), "indirect"),
    (STORM, "she had been without power since Saturday", ("Joanne MacLeod",), "indirect"),
    (STORM, "We've got a wood stove", ("Joanne MacLeod",), "direct"),
    (STORM, "But my sister in Truro has nothing", ("Joanne MacLeod",), "direct"),
    (STORM, "wind gusts reached 150 kilometres", ("Linda Libby",), "indirect"),
    (STORM, "That's hurricane strength", ("Linda Libby",), "direct"),
    (STORM, "the storm was expected to weaken by Monday", ("Linda Libby",), "indirect"),
    (STORM, "the utility had been warned about aging equipment", ("Two officials",), "indirect"),
    (STORM, "it would provide updates every two hours", ("Nova Scotia Power",), "indirect"),
]


@pytest.mark.parametrize("article,fragment,speakers,kind", EXPECTED)
def test_quote_and_speaker(article, fragment, speakers, kind):
    quotes = extract_quotes(article)
    start = article.index(fragment)
    hits = [q for q in quotes if q.start <= start < q.end]
    assert hits, f"missed: {fragment!r}"
    q = hits[0]
    assert q.speakers == speakers
    assert q.kind == kind


@pytest.mark.parametrize("article,fragment", [
    (STORM, "HALIFAX (CP)"),
    (TRANSIT, "Story continues below advertisement"),
    (TRANSIT, "By Jane Smith, CBC News"),
    # headline and deck lines repeat the story: not quotes (the news test set's convention)
    (TRANSIT, "Ontario to spend $1.2B"),
    (TRANSIT, "the province will fund two new subway extensions"),
    (TRANSIT, "Officials declined to say"),
    (SHOOTING, "Police Chief James Ramer is expected"),
    (SHOOTING, "described her son as a gentle man"),
])
def test_not_quotes(article, fragment):
    start = article.index(fragment)
    assert not any(q.start <= start < q.end for q in extract_quotes(article))


def test_doubtful_quotes_sort_last():
    quotes = sorted(extract_quotes(TRANSIT), key=lambda q: q.confidence)
    assert quotes[-1].cue is not None and not quotes[-1].floating
