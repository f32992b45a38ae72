"""Word lists shared by the mention and resolution stages (all lower-case)."""
from __future__ import annotations

from functools import lru_cache

#: Honorifics and titles stripped from a name ("Russian President Vladimir Putin" -> Vladimir Putin).
TITLES = frozenset("""
mr mrs ms miss mx dr sir dame lord lady president prime minister sen senator rep representative gov
governor secretary chancellor premier mayor general gen chief judge justice rev reverend pope king
queen prince princess officer detective sgt sergeant capt captain lt lieutenant col colonel cmdr
commander adm admiral commissioner director chairman chairwoman chair ceo cfo coo spokesman
spokeswoman spokesperson coach professor prof vice deputy acting former democratic republican gop
democrat candidate nominee leader ambassador attorney speaker congressman congresswoman councillor
councilor councilman councilwoman alderman mp mla mpp supt superintendent inspector constable
sheriff executive founder president-elect vice-president first senior minority majority whip
head foreign defense defence finance health interior economy justice state labor labour
treasury agriculture education environment energy trade transport transportation home
independent liberal conservative green socialist then-president then-candidate u.s. us uk u.k.
un u.n. eu e.u. nato the
cpl corporal cst const insp coun maj major pte private det sr staff sgt. fr father msgr mme mlle
goalie goaltender defenceman defenseman quarterback pitcher striker midfielder winger paramedic
firefighter trustee
trustee councillor chairperson glaciologist scientist researcher pediatrician physician doctor
medical examiner coroner ombudsman ombudsperson registrar auditor agent
""".split())

#: Nationality and place adjectives that also prefix titles ("Russian President").
NATIONALITIES = frozenset("""
russian american british french german chinese canadian ukrainian israeli palestinian iranian
syrian turkish japanese korean north south indian pakistani mexican brazilian italian spanish
european australian saudi egyptian iraqi afghan polish dutch belgian swiss swedish norwegian
danish finnish greek irish scottish welsh english african nigerian kenyan venezuelan cuban
colombian argentine argentinian chilean peruvian filipino indonesian malaysian thai vietnamese
hungarian czech austrian portuguese romanian serbian belarusian georgian armenian lebanese
jordanian qatari emirati yemeni libyan tunisian moroccan algerian ethiopian south-african
ontario quebec texas california florida new york federal provincial state city county
""".split())

#: A country's national bodies and companies are named "<words> <country>" ("Health Canada",
#: "Statistics Canada", "Air Canada", "Sport England"): before one of these countries, the words of
#: NATIONAL_BODY_WORDS name a body, not a person's title ("Health Minister Jane Roe").
BODY_COUNTRIES = frozenset("canada australia england scotland wales ireland".split())
NATIONAL_BODY_WORDS = frozenset("""
health statistics environment parks elections transport fisheries oceans immigration employment
justice finance heritage agriculture innovation veterans defence defense sport historic natural
global affairs public services indigenous crown air revenue export development nuclear safety
infrastructure housing destination
""".split())

#: Head words that make a capitalised phrase an organisation.
ORG_WORDS = frozenset("""
kremlin pentagon house ministry department agency police government committee council commission
court party campaign company inc inc. corp corp. corporation group association union university
college institute foundation office service services bank board administration army military navy
embassy bureau authority authorities organization organisation fund federation network news
times post journal press reuters ap cnn bbc nbc abc cbs fox msnbc afp xinhua tass cbc ctv
globe guardian telegraph senate congress parliament assembly cabinet secretariat league club
society center centre hospital school airlines airways motors bloomberg politico axios
coalition alliance movement front forces force guard command fbi cia nsa doj dhs irs epa fda
cdc who imf opec nato un eu ltd llc plc co. co times-picayune tribune herald gazette chronicle
daily weekly magazine channel radio television tv power hydro energy electric utilities railway
railways airlines pharmaceuticals rcmp opp patrol unit foods reit holdings partners industries
technologies systems municipality health city ministries lab labs laboratories clinic trust
chamber commerce caucus detachment tenants
oil gas petroleum pipeline pipelines resources mining mines steel insurance capital media entertainment
telecom communications wireless brands logistics shipping chemicals software pharma biotech transit
""".split())

#: Last words that make a capitalised phrase a place ("Kettle Creek", "Nova Scotia"): never a
#: person, so never the antecedent of "he" or "she".
PLACE_HEADS = frozenset("""
creek river lake lakes street avenue road highway bay island islands mountain mountains valley park
county falls harbour harbor beach point heights hills hill square bridge glacier forest canyon coast
shore shores peninsula ridge springs lane drive boulevard crescent trail arena stadium province
territory territories region district township village town sound strait inlet cove pass plains
""".split())

#: Lower-case nouns naming an organisation or collective when used as a speaker.
ORG_NOUNS = frozenset("""
police government ministry department agency company committee council commission court party
campaign administration army military embassy authorities authority officials official
spokesman spokeswoman spokesperson statement report prosecutors investigators regulators
organizers organisers researchers experts analysts critics sources source residents witnesses
firm bank board union league club group team office survey study poll data lawmakers percent
respondents surveyed participants staff unit
legislators senators protesters activists scientists economists doctors officers troops
""".split())

#: Partitive heads: "a handful of senators", "dozens of residents", "a group of nurses" are the
#: senators, residents and nurses, shown with their measure; the speaker phrase runs through "of".
PARTITIVES = frozenset("handful number group groups majority majorities minority lot lots dozen dozens hundreds "
                       "thousands scores couple bunch share crowd series host".split())

#: Lexicon class "place tag": the state and province abbreviations (AP and Canadian Press style)
#: and the short names those styles write out, that follow a place or a party letter after a comma:
#: "Chappaqua, N.Y.", "Halifax, N.S.", "Sen. Ana Rivera, R-S.C.". Such a tag belongs to the phrase
#: before it, never names a speaker itself.
PLACE_TAGS = frozenset("""
ala. ariz. ark. calif. colo. conn. del. fla. ga. ill. ind. kan. kans. ky. la. md. mass. mich. minn.
miss. mo. mont. neb. nev. n.h. n.j. n.m. n.y. n.c. n.d. okla. ore. pa. r.i. s.c. s.d. tenn. vt. va.
wash. w.va. wis. wyo. d.c. alaska hawaii idaho iowa maine ohio texas utah
ont. que. b.c. alta. sask. man. n.s. n.b. p.e.i. n.l. nfld. y.t. n.w.t. nunavut
""".split())

#: Lower-case words inside a name ("Friends of the Earth", "Bank of Canada", "Black & Decker").
NAME_JOINERS = frozenset(("the", "of", "and", "for", "&"))

#: The days of the week: when something was said, never who said it.
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

#: Words for a joint speaker ("the two leaders", "both sides").
GROUP_HEADS = frozenset("leaders sides men women presidents pair two both duo candidates ministers countries nations".split())

#: Lexicon class "party affiliation": a party word ending a capitalised phrase makes it a description
#: of a person ("the Wisconsin Republican", "a New Hampshire Democrat"), never a name ("Tory" is
#: not one: Toronto Mayor John Tory).
PARTY_WORDS = frozenset("republican democrat gop conservative liberal libertarian socialist".split())

#: Epithets: words news uses to call the person it is about, never to introduce someone new
#: ("Donald Trump … The billionaire said", "Tim Allen … the actor said").
EPITHET_ROLES = frozenset("businessman businesswoman mogul billionaire tycoon star actor actress singer "
                          "comedian rapper celebrity magnate".split())

#: Adjectives and participles that post-modify a speaker with a preposition phrase, heading a reduced
#: relative clause: "a source close to the campaign", "people familiar with the talks", "an official
#: briefed on the plan". The speaker is the phrase before them.
POST_MODIFIERS = frozenset("close familiar briefed involved knowledgeable aware loyal allied connected linked "
                           "sympathetic opposed".split())
#: The indefinite heads such a phrase gives an anonymous source: "people familiar with the plan".
ANONYMOUS_HEADS = frozenset("people someone those others persons insiders".split())

#: Document nouns: "the Kremlin statement" was spoken by the Kremlin.
DOCUMENT_NOUNS = frozenset(
    "statement report release communique communiqué readout tweet post email e-mail letter filing "
    "memo note transcript announcement message video interview".split()
)

#: Data and study nouns: "the poll suggests", "figures indicate" report findings, not speech
#: (a feature of the quote model, beside DOCUMENT_NOUNS).
DATA_NOUNS = frozenset(
    "data poll polls survey surveys study studies figures numbers research analysis estimate estimates "
    "forecast forecasts model models records statistics census evidence results findings".split()
)

#: Prefixes that keep a hyphenated verb a verb ("live-tweeted", "re-stated", "co-wrote"); any other
#: word hyphened to a cue makes a compound modifier or noun ("so-called", "self-described",
#: "first-term", "roll-call"), never a speech cue.
VERB_PREFIXES = frozenset("re co live pre cross over under out mis double".split())

#: Person role nouns: "the Russian president", "the New York businessman".
PERSON_ROLES = frozenset("""
president president-elect senator minister premier chancellor governor mayor secretary
businessman businesswoman candidate nominee leader spokesman spokeswoman spokesperson chief
official judge justice congressman congresswoman representative lawmaker director ceo founder
chairman chairwoman coach officer commissioner ambassador attorney lawyer prosecutor professor
economist analyst author actor actress singer star player manager owner host billionaire
mogul general king queen prince princess pope diplomat adviser advisor aide deputy woman man
councillor councilor sheriff inspector detective doctor researcher scientist executive
mother father wife husband son daughter sister brother resident voter student teacher worker
neighbor neighbour friend veteran supporter member customer patient victim parent owner nurse
farmer driver witness organizer organiser activist protester historian strategist pollster
consultant columnist editor reporter journalist writer critic expert observer insider source
employee manager operator pastor priest rabbi imam bishop cardinal officer soldier commander
questioner attendee caller reader viewer demonstrator participant respondent opponent bystander
survivor staffer advocate donor passenger trooper juror moderator anchor commentator blogger
tycoon comedian rapper celebrity magnate
investigator lobbyist firefighter paramedic physician surgeon legislator councilman councilwoman
envoy negotiator volunteer delegate campaigner operative correspondent accountant auditor regulator
ombudsman ombudsperson coroner examiner registrar
engineer architect landlord tenant homeowner inmate prisoner refugee immigrant migrant citizen
defendant plaintiff incumbent
""".split())

#: Words that cannot be part of a speaker phrase (they make it a clause).
CLAUSE_WORDS = frozenset("""
is are was were be been being am to will would can could should may might must shall if because
when while although though since unless whether which that this these those not no never it's
there here what why how where so than do does did done has have had having its our your my
""".split())

#: Finite verbs and auxiliaries that end a noun phrase (the ranker's and the speaker stage's split).
VERBISH = frozenset("is was are were has had have will would could can may might must does did do "
                    "made took gave got went came saw held won lost put set ran met led".split())

PRONOUNS = {
    "he": "m", "she": "f", "they": "p", "it": "n", "we": "p", "i": "s", "you": "s",
    "him": "m", "her": "f", "them": "p",
}

#: Capitalised words that start sentences but never names.
CAPITALISED_STOP = frozenset("""
the a an but and or so yet for nor in on at by of to from with as after before during when while
if since because although though this that these those there here it he she they we i you his her
their its our my your what who whom which why how where mr mrs ms dr also however meanwhile still
then now today yesterday monday tuesday wednesday thursday friday saturday sunday january february
march april may june july august september october november december last next earlier later
according asked speaking writing despite under over about into through between among against
without within across around near one two three many some several most all both each every
likewise similarly instead indeed moreover furthermore nonetheless nevertheless additionally otherwise
thus hence
""".split())

#: Common given names, for telling people from places, and their usual gender.
_MALE = """
james john robert michael william david richard joseph thomas charles christopher daniel matthew
anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward
jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin
samuel gregory alexander frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry
douglas zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald carl terry
sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel logan
alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny bill mike
vladimir barack mitch chuck bernie ted marco rand newt dick al tim jeb rudy rex sergei dmitry
boris emmanuel justin stephen xi kim recep benjamin bashar angela hassan ali mohammed mohammad
ahmed abdul omar hamid ivan igor nikolai viktor francois jean pierre jacques luis carlos jorge
pedro manuel antonio giuseppe marco hans klaus wolfgang olaf rishi keir nigel jeremy gordon tony
doug kirk cory jim tom ben dan ken ron steve greg jeff chris matt nick rob bob joe pete jared
eric hunter beau mike lindsey reince sean corey kellyanne newt paul rick kevin devin adam elijah
""".split()
_FEMALE = """
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca
sharon laura cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha
katherine christine debra rachel catherine carolyn janet ruth maria heather diane virginia julie
joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah martha
jacqueline frances gloria ann teresa kathryn sara janice jean alice madison doris abigail julia
judy grace denise amber marilyn beverly danielle theresa sophia marie diana brittany natalie
isabella charlotte rose alexis kayla hillary ivanka melania kellyanne nikki elizabeth kamala
nancy theresa angela marine ursula christine jacinda julia chrystia kathleen sheila hope omarosa
sarah huma donna debbie jill michelle chelsea tulsi elise susan ana rosa carmen lucia sofia
elena olga irina natalia tatiana svetlana yulia ayesha fatima aisha priya indira
""".split()
FIRST_NAMES: dict[str, str] = {n: "m" for n in _MALE}
FIRST_NAMES.update({n: "f" for n in _FEMALE})
for _n in ("jean", "kim", "robin", "jordan", "taylor", "casey", "alexis", "ali"):
    FIRST_NAMES[_n] = ""

HONORIFIC_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f",
                    "lord": "m", "lady": "f", "king": "m", "queen": "f", "prince": "m",
                    "princess": "f", "congressman": "m", "congresswoman": "f",
                    "spokesman": "m", "spokeswoman": "f", "chairman": "m", "chairwoman": "f",
                    "councilman": "m", "councilwoman": "f", "businessman": "m", "businesswoman": "f",
                    "actress": "f"}

#: Capitalised multi-word places that look like names.
PLACES = frozenset({
    "united states", "new york", "middle east", "white house", "capitol hill", "los angeles",
    "san francisco", "new jersey", "north carolina", "south carolina", "new hampshire",
    "west virginia", "hong kong", "new delhi", "tel aviv", "saudi arabia", "united kingdom",
    "great britain", "north korea", "south korea", "european union", "united nations",
    "islamic state", "wall street", "silicon valley", "supreme court", "new zealand",
    "south africa", "latin america", "north america", "south america", "sri lanka",
    "nova scotia", "new brunswick", "british columbia", "prince edward island", "newfoundland and labrador",
    "northwest territories", "quebec city", "thunder bay", "new mexico", "north dakota", "south dakota",
    "rhode island", "las vegas", "costa rica", "puerto rico", "el salvador", "san diego", "san jose",
    "st. louis", "new orleans", "buenos aires", "rio de janeiro", "sao paulo", "abu dhabi", "kuala lumpur",
    "mexico city", "panama city", "north vancouver", "west vancouver", "grande prairie", "red deer",
    "prince george", "prince albert", "niagara falls", "sault ste", "lower mainland", "greater toronto",
})


#: Lexicon class "given name of either gender": no gender from the name alone ("Pat Miller ...
#: she said").
UNISEX_NAMES = frozenset("pat alex sam jamie taylor jordan kim dana robin leslie terry jean jessie "
                         "casey morgan riley jackie jody kelly sydney".split())


@lru_cache(maxsize=1)
def given_names() -> dict[str, str]:
    """Given name (lower case) -> "m"/"f": FIRST_NAMES over the ~1,000 given names of GAP's
    development splits (``data/given_names.json``, scripts/build_given_names.py), read once."""
    import json
    from importlib import resources
    spec = json.loads(resources.files("quotedesk.core.attribution.data").joinpath("given_names.json")
                      .read_text(encoding="utf-8"))
    table = dict(spec["names"])
    table.update(FIRST_NAMES)
    return table


def given_name_gender(first: str) -> str:
    """The gender of a given name (lower case) in ``given_names``; "" when unknown or either."""
    return "" if first in UNISEX_NAMES else given_names().get(first, "")
