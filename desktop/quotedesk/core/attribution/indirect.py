"""Stage 5: reported (indirect) speech and the cues next to quotations in marks.

Shapes handled, sentence by sentence:
  * ``X said (that) CONTENT.`` / ``X told reporters (on Monday) CONTENT.`` (subject, cue, content)
  * ``CONTENT, X said.`` / ``CONTENT, said X.`` / ``A, X said, B.`` (content, then cue)
  * ``According to X, CONTENT.`` / ``CONTENT, according to X.``
  * ``…, adding/saying (that) CONTENT`` / ``… – saying`` / ``… by saying CONTENT`` (the speaker is
    the sentence's subject); ``…, with 30 percent of voters saying CONTENT`` (the phrase after
    "with"); a gerund right after a noun ("a pitch to voters saying …") proposes nothing
The content ends at the sentence end; a quotation in marks inside it makes the quote "mixed".
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from . import content_end, cues, lexicon
from .mentions import Mention, classify, past_opener, place_tag, subject_after, subject_before
from .words import WORD_RE as _WORD_RE, count_words, last_match, prev_word

#: Time and manner phrases between a cue and its content: "said on Monday in a statement that".
_ADVERBIAL_RE = re.compile(
    r"(?:\s{0,16},?\s{0,16}(?:"
    r"(?:on|late|early|by)?\s{0,16}(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s{1,16}(?:morning|afternoon|evening|night))?|"
    r"(?:yesterday|today|tonight|earlier|later|previously|again|recently|also|repeatedly|publicly|"
    r"privately|then|now|once|too|separately|flatly|bluntly|simply|specifically|explicitly)\b|"
    r"(?:last|this|next)\s{1,16}(?:week|month|year|night|morning|weekend|spring|summer|fall|autumn|winter|"
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)|"
    r"(?:earlier|later)\s{1,16}(?:this|that|in\s{1,16}the)\s{1,16}(?:week|month|year|day)|"
    r"at\s{1,16}(?:one|some|another|that|this|the\s{1,16}same)\s{1,16}(?:point|time|stage|moment)|"
    r"(?:in|during|at|via|through|after|before|on|over)\s{1,16}(?:an?|the|his|her|their|its|a\s{1,16}joint|"
    r"Monday's|Tuesday's|Wednesday's|Thursday's|Friday's|Saturday's|Sunday's)\s{1,16}"
    r"(?:[\w’'\-]+\s{1,16}){0,3}?(?:statement|interview|speech|letter|e-?mail|tweet|post|press\s{1,16}release|"
    r"news\s{1,16}release|release|report|filing|conference|briefing|memo|op-ed|video|message|address|"
    r"appearance|broadcast|call|meeting|conversation|hearing|debate|rally|event|session|blog\s{1,16}post|"
    r"podcast|show|program|programme|summit|visit|ceremony|court\s{1,16}filing|testimony|"
    r"Facebook\s{1,16}post|note|remarks|comments?)"
    r"(?:\s{1,16}(?:with|to|on|at|from|for)\s{1,16}(?:the\s{1,16})?[A-Z][\w.’'&\-]*(?:\s{1,16}[A-Z][\w.’'&\-]*){0,3})?|"
    r"(?:on|via|over)\s{1,16}(?:Twitter|Facebook|Instagram|X|Truth\s{1,16}Social|television|TV|radio|"
    r"social\s{1,16}media|the\s{1,16}phone|CNN|Fox\s{1,16}News|MSNBC|NBC|ABC|CBS|email|e-mail|text|a\s{1,16}spokesperson|"
    r"a\s{1,16}spokesman|a\s{1,16}spokeswoman)\b|"
    r"(?:outside|inside)\s{1,16}(?:(?:the|his|her|their)\s{1,16})?(?:court|courthouse|courtroom|church|hospital|"
    r"school|building|home|house|office|chamber|legislature|parliament|[A-Z][\w.’'&\-]*(?:\s{1,16}[A-Z][\w.’'&\-]*){0,2})"
    r"(?=[\s,])|"  # "said outside court that …"
    # "in Fredericton", "in Binghamton, N.Y.": where (not "at Hamburger Mary's that spilled …")
    r"(?:in|at)\s{1,16}[A-Z][\w.’'&\-]*(?:\s{1,16}[A-Z][\w.’'&\-]*){0,2}(?:,\s{1,16}[A-Z][a-z]{0,4}\.(?:[A-Z]\.)*)?"
    r"(?=[\s,])(?!\s{1,16}[A-Z])(?!,?\s{1,16}(?:that|which|who)\b)|"
    r"to\s{1,16}(?:reporters|journalists|the\s{1,16}media|the\s{1,16}press|supporters|lawmakers|the\s{1,16}crowd|"
    r"an?\s{1,16}(?:audience|crowd)|[A-Z][\w.’'&\-]*(?:\s{1,16}[A-Z][\w.’'&\-]*){0,3})"
    r"))+",
)
#: The object of "told", "warned", "assured": reporters, CNN, the newspaper, Mr. Smith.
_OBJECT_RE = re.compile(
    r"\s{1,16}(?:reporters|journalists|me|us|him|her|them|you|lawmakers|supporters|investigators|"
    r"the\s{1,16}(?:[\w’'\-]+\s{1,16}){0,2}?[\w’'\-]+|an?\s{1,16}(?:[\w’'\-]+\s{1,16}){0,2}?[\w’'\-]+|"
    r"(?:the\s{1,16})?[A-Z][\w.’'&\-]*(?:\s{1,16}(?:(?:of|for)\s{1,16})?[A-Z][\w.’'&\-]*){0,4})(?=[\s,.])"
)
_THAT_RE = re.compile(r"\s{0,16},?\s{0,16}(that|whether|how|why|what)\b\s{0,16},?")
#: Every cue in one pass: "according to", "the statement read", and the cue verbs, as one prefix
#: tree (no named group per kind: 17 % faster); which kind a match is, its text tells.
_ACCORDING = ("according to", "According to")
_READ = ("read", "reads")
_ANY_CUE_RE = re.compile(r"\b" + cues.trie_pattern(cues.CUE_WORDS + _ACCORDING + _READ) + r"\b")
_QUOTE_OPEN_RE = re.compile(r"\s{0,16}[,:]?\s{0,16}(?:[\"“„«]|''|``)")
#: What sets a participle cue off from the clause before it: a comma or a dash ("--" typed).
_PARTICIPLE_LEADS = (",", "—", "–", "--")
#: Prepositions whose gerund object's speaker is the subject of the sentence ("… by saying",
#: "after saying"): the lexicon class "subject-controlled preposition".
_GERUND_PREPS = frozenset("by after before while when without since upon".split())
#: "with 30 percent of voters saying": an absolute clause, its own subject between "with" and the cue.
_WITH_RE = re.compile(r"(?:^|[\s,(—–])with\s{1,16}")
_BAD_CONTENT_START = frozenset(
    "to in on at of for by with from about as into than and or but is was be been being "
    "during according amid".split()  # "said during the debate", "said, according to the transcript"
)
#: A reduced adverbial clause after a cue: "said when asked …", "said while campaigning in Iowa",
#: "said, without elaborating": when and how it was said, not what ("wouldn't say when the vote
#: is" and "said, while members are horrified, they …" report content).
REDUCED_ADVERBIAL_RE = re.compile(r"(?:when|while|without|after|before)\s{1,16}(?:[a-z]{2,}ing|[a-z]{2,}ed)\b")
#: A quotation closed on its comma right before an inverted cue ('“We won,” she said'), and the
#: subordinators that then open when or why it was said, not more of what ("… she said when asked").
_QUOTE_THEN_CUE = (",”", ",\"", ",’", ",''", ",»")
_WHEN_OPENERS = frozenset("when while as after before because until once".split())
_CONTENT_STOP_RE = re.compile(
    r",\s{1,16}(?:adding|saying|noting|arguing|citing|explaining|insisting|warning|according\s{1,16}to|"
    r"he\s{1,16}said|she\s{1,16}said|they\s{1,16}said|he\s{1,16}added|she\s{1,16}added|"
    r"(?:which|who)\s{1,16}(?:he|she|they|it)\s{1,16}(?:said|says|added))\b"
)
_AND_CUE_RE = re.compile(r"(?=[,\s])(?:,|\s{1,16}[—–])?\s{1,16}(?:and|but)\s{1,16}(?:(?:he|she|they|it|also|then|later)\s{1,16})*([a-z]+)\b")
_NOT_CONTINUATION = frozenset(
    "who which whose whom where when a an the adding saying noting according citing arguing his her "
    "its their head chief director president spokesman spokeswoman spokesperson executive founder "
    "chairman chairwoman professor senior former co-founder author leader member secretary manager "
    "deputy in at on during including and but while".split()
)
#: "that" followed by a finite verb is a relative pronoun ("a crowd that spilled out …"), not the
#: conjunction that opens what was said.
_RELATIVE_THAT = r"(?!\s{1,16}(?:[a-z]{3,}ed|is|are|was|were|has|have|had|will|would|could|can|may|might|must|does|did)\b)"
_FAR_THAT_RE = re.compile(r"[^;:.\"“”]{0,80}?,?\s\bthat\b" + _RELATIVE_THAT)
_AND_BEFORE_RE = re.compile(r"(?:,\s{0,16}|\s)(?:and|but)\s{1,16}(?:also\s{1,16}|then\s{1,16}|later\s{1,16})?$")
_OBJECT_THAT_RE = re.compile(r"\s{1,16}(?:[\w’'\-.]+\s{1,16}){1,6}?(that)\b" + _RELATIVE_THAT)
_PROGRESSIVE_RE = re.compile(r"\s(?:is|are|was|were|been|'s|’s)(?:\s{1,16}(?:also|now|still|again|already))?\s{1,16}$")
_LY_RE = re.compile(r"\s{1,16}[a-z]+ly\b(?!\s{1,16}(?:after|before))")
_DETERMINERS = frozenset("a an the this that these those his her its their our my your no any some every "
                         "each such".split())
_ASK_CLAUSE_RE = re.compile(r"\s{1,16}(?:[\w’'\-.]+\s{1,16}){0,4}?(whether|if|why|how|what|when|where|who)\b")
_CLAUSE_STOP = frozenset("is are was were be been will would has have had said says do does did".split())
_DATELINE_RE = re.compile(r"[A-Z][A-Z.' ,]{2,40}(?:\s{0,16}\([A-Za-z. ]{1,20}\))?\s{0,16}(?:—|–|―|--|-)\s{0,16}")
_NUMBER_NEXT_RE = re.compile(r"\s{1,16}(?:\$?\d|a\s{1,16}(?:third|quarter|half|dozen)|half|one|two|three|four|five|six|seven|eight|nine|ten|twenty|hundreds|thousands|millions)")
_PREP_LEADS = frozenset("in during after before at on for with since from under over by as".split())
_PAST_VERB_RE = re.compile(r"\b(?!(?:need|red|bed|shed|hundred|seed|speed|feed|breed|proceed|united)\b)[a-z]{3,}ed\b")
_ANY_CLAUSE = frozenset("say tell write tweet".split())
_FINITE_HINT_RE = re.compile(
    r"\b(?:is|are|was|were|will|would|could|should|can|cannot|may|might|must|shall|has|have|had|did|does|do|"
    r"(?:won|wouldn|isn|wasn|aren|weren|didn|doesn|don|can|couldn)['’]t)\b"
)


@dataclass(slots=True)
class Attribution:
    """A cue with its speaker phrase and, for reported speech, the content span."""

    start: int
    end: int
    kind: str  # "indirect" (may become "mixed"), or "cue" for a cue attached to a direct quote
    cue_start: int
    cue_end: int
    mention: Mention | None
    strength: float
    issuer: bool = False  # "X said in a statement": X issued the statement
    participle: bool = False  # ", adding that ...": the speaker is the sentence subject
    weak: bool = False  # a candidate the strict rules would drop: only the quote model keeps it
    #: "according to the report": a document speaks only for whoever the article says issued it;
    #: ``pipeline.propose`` drops the attribution when the entity index finds no issuer
    needs_issuer: bool = False


def skip_adverbials(text: str, pos: int, hi: int) -> int:
    m = _ADVERBIAL_RE.match(text, pos, hi)
    return m.end() if m else pos


def _is_statement(text: str, cue_end: int, hi: int) -> bool:
    seg = text[cue_end:min(hi, cue_end + 60)]
    return "statement" in seg or "release" in seg


def content_after_cue(text: str, cue_end: int, base: str, sent_end: int) -> tuple[int, int] | None:
    """Content of ``X said (that) CONTENT``, or None when the cue takes no clause here."""
    pos = cue_end
    if cues.needs_object(base):
        req = _request(text, skip_adverbials(text, pos, sent_end), sent_end)
        if req is not None:
            return req  # "told reporters to expect delays", "warned North Korea to refrain …"
        m = _OBJECT_THAT_RE.match(text, pos, sent_end)
        if m:
            pos = m.start(1) - 1  # "told a veterans group that …"
        else:
            m = _OBJECT_RE.match(text, pos, sent_end)
            if m:
                pos = m.end()
            elif base == "tell":
                return None
    m = _LY_RE.match(text, pos, sent_end)
    if m:
        pos = m.end()  # "complained bitterly that"
    pos = skip_adverbials(text, pos, sent_end)
    m = _THAT_RE.match(text, pos, sent_end)
    if m:
        start = m.start(1)
    else:
        if _QUOTE_OPEN_RE.match(text, pos, sent_end):
            return None  # a direct quote follows: handled with the quote
        k = pos
        while k < sent_end and text[k] in " ,\u00a0":
            k += 1
        if k < sent_end and text[k] in ".!?;:)":
            return None
        w = _WORD_RE.match(text, k, sent_end)
        if w is not None and w.group() == "to" and cues.takes_infinitive(base):
            return _content_end(text, k, sent_end, 3, clause=False)  # "vowed to help …": the commitment stated
        if w is not None and w.group().lower() in cues.content_prepositions(base):
            # "warned of serious consequences": what the preposition governs was said (None when
            # fewer than two words follow: "warned about it")
            start = skip_adverbials(text, w.end(), sent_end)
            while start < sent_end and text[start].isspace():
                start += 1
            return _content_end(text, start, sent_end, 2, clause=False)
        if cues.takes_object_content(base):
            # "called for a special prosecutor", "urged him to resign", "described X as Y",
            # "announced a series of steps": the object and its complement are what was said
            m5 = _FOR_ON_RE.match(text, k, sent_end)
            start = m5.end() if m5 else k
            if w is None or w.group().lower() in _OBJECT_STOP:
                return None
            if m5 is None and cues.indefinite_object_is_act(base) and w.group().lower() in ("a", "an"):
                return None  # "called a strike vote": an act; "called for …", "called it a …": said
            return _content_end(text, start, sent_end, 2, clause=False)
        if not cues.bare_clause(base):
            return None
        if base not in _ANY_CLAUSE and not _FINITE_HINT_RE.search(text, k, min(sent_end, k + 80)):
            return None
        # "said about 600 workers had been deployed": a number after "about", not an adverbial
        w_ok = bool(w and w.group().lower() in ("about", "over", "under")
                    and _NUMBER_NEXT_RE.match(text, w.end(), sent_end))
        if REDUCED_ADVERBIAL_RE.match(text, k):
            return None  # "said when asked if that …": when it was said (a quotation after it has this cue)
        if not w_ok and (not w or w.group().lower() in _BAD_CONTENT_START):
            # an adverbial we do not know: accept a "that" a few words on
            m2 = _FAR_THAT_RE.match(text, k, sent_end)
            if not m2 or _PARTICIPLE_CUE_RE.search(text, k, m2.end()):
                return None  # '…the audience in Dartmouth, adding that …': the participle's clause
            start = m2.end() - 4
        else:
            start = k
    return _content_end(text, start, sent_end, 3)


_FOR_ON_RE = re.compile(r"(?:for|on|upon)\s+")
_OBJECT_STOP = frozenset("by in at of from to with as and or but who which that it".split())


def _content_end(text: str, start: int, sent_end: int, min_words: int,
                 clause: bool = True) -> tuple[int, int] | None:
    """Where reported content starting at ``start`` ends: the sentence end, or before a second
    cue (", adding …", ", he said") or another verb of the speaker ("… and called for …"), then
    where the clause-end model (``content_end``) ends it."""
    end = sent_end
    m3 = _CONTENT_STOP_RE.search(text, start, sent_end)
    if m3:
        end = m3.start()
    for m4 in _AND_CUE_RE.finditer(text, start, end):
        w = m4.group(1)
        prev_w = text[max(start, m4.start() - 20):m4.start()].rsplit(None, 1)[-1:]
        if prev_w and prev_w[0].endswith("ed") and w.endswith("ed") and "," not in m4.group(0):
            continue  # "must be silenced and stored": coordinated participles, not a new verb
        # "and <verb>ed" right after "and" (no subject of its own, so not after "but"): the speaker's next action
        # an inflected cue ("and stated", "and adds"); a bare form is more often a noun or an
        # adjective's partner ("federal and state law", "and report cards")
        if w in cues.FORM_TO_BASE and cues.FORM_TO_BASE[w] != w \
                or (w.endswith("ed") and m4.group(0).split()[-2] == "and"
                    and count_words(text, start, m4.start()) >= min_words):
            # (a cut leaving too few words is an adjective's "and": "the heat and unsettled weather")
            end = m4.start()  # "... and called for more funding": another verb of the speaker
            break
    end = content_end.cut(text, start, end, clause)
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!?"):
        end -= 1
    if count_words(text, start, end) < min_words:
        return None
    return start, end


def find_attributions(text: str, sentences, in_quote) -> list[Attribution]:
    """Every cue of reported speech in the text (cues inside quotation marks are ignored).

    ``in_quote(pos)`` tells whether an offset lies inside a quotation in marks.
    """
    out: list[Attribution] = []
    # one pass of each pattern over the whole text, then each match is given its sentence
    starts = sentences.starts
    ends = sentences.ends
    for m in _ANY_CUE_RE.finditer(text):
        pos = m.start()
        word = m.group()
        what = 0 if word in _ACCORDING else (1 if word in _READ else 2)
        if in_quote(pos):
            continue
        k = bisect_right(starts, pos) - 1
        if k < 0 or m.end() > ends[k]:
            continue
        s_start, s_end = starts[k], ends[k]
        if what == 2:
            lead = text[max(s_start, pos - 6):pos].rsplit(None, 1)[-1:] if pos > s_start else []
            if lead and lead[0].lower() in _DETERMINERS:
                continue  # "a report", "the claims", "his promise": a noun, not a cue
            if pos > s_start + 1 and text[pos - 1] == "-" and text[pos - 2].isalnum() \
                    and lead[0].rsplit("-", 2)[-2].lower() not in lexicon.VERB_PREFIXES:
                continue  # "so-called", "self-described", "first-term": a compound, not a cue
            if lead and lead[0] in _NOUN_PREPS and not word.endswith("ing"):
                continue  # "secretary of state", "in states that …", "of reported attacks": after a
                # preposition only a gerund ("after saying that …") is a cue ("From agreed": a name)
            if m.group().lower() in _NOUN_CUES:
                two = text[max(s_start, pos - 30):pos].split()[-2:]
                verb_s = word.endswith("s") and _VERB_S_NEXT_RE.match(text, m.end(), s_end) is not None
                if len(two) == 2 and two[0].lower() in _DETERMINERS and two[1].islower() and not verb_s \
                        or two and _NUMBER_RE.fullmatch(two[-1]):
                    continue  # "the staff report", "her home state", "the 11 states": a noun ("the
                    # report states that …", "the candidate claims his …": a verb)
            if word.endswith("ed") and cues.cue_class(word) == "describe" \
                    and _NAMED_THING_RE.search(text, max(s_start, pos - 60), pos):
                continue  # "founded a group called …", "sells a beer dubbed …": a reduced relative
                # naming what the indefinite object is, not a speaker describing it
            att = _attribution_for_cue(text, m, s_start, s_end)
        elif what == 0:
            att = _according(text, pos, m.end(), s_start, s_end)
        else:
            men = subject_before(text, s_start, pos)
            if not (men and men.kind == "role"
                    and men.surface.split()[-1].lower() in ("statement", "release", "letter", "report")):
                continue
            att = _content_before(text, m, men, s_start, s_end, 0.8) or Attribution(
                pos, pos, "cue", pos, m.end(), men, 0.8)
        if att is not None:
            out.append(att)
            if what == 2 and att.kind == "cue" and att.mention is not None:
                weak = _weak_content(text, m, att, s_end)
                if weak is not None:
                    out.append(weak)
    return out


def _weak_content(text: str, cm, att: Attribution, s_end: int) -> Attribution | None:
    """The clause after a cue the strict rules gave no content ("X said Monday about 40 …",
    "X explained the plan would …"): proposed as a weak candidate for the quote model to judge."""
    base = cues.base_of(cm.group())
    if not cues.takes_clause(base) or cm.group().endswith("ing"):
        return None
    inverted = att.mention.start >= cm.end()
    if inverted and text[att.mention.end:att.mention.end + 1] == ",":
        return None  # '"…," said Ana Ruiz, who …' / ', a leader of …': the speaker's apposition
    pos = skip_adverbials(text, att.mention.end if inverted else cm.end(), s_end)
    if cues.needs_object(base):
        m = _OBJECT_RE.match(text, pos, s_end)
        if m:
            pos = skip_adverbials(text, m.end(), s_end)
    if _QUOTE_OPEN_RE.match(text, pos, s_end):
        return None  # a direct quote follows: the cue is its cue
    m = _THAT_RE.match(text, pos, s_end)
    start = m.start(1) if m else pos
    while start < s_end and text[start] in " ,\u00a0":
        start += 1
    if start >= s_end or text[start] in ".!?;:)\"“”":
        return None
    w = _WORD_RE.match(text, start, s_end)
    if w is None or w.group().lower() in _BAD_CONTENT_START or REDUCED_ADVERBIAL_RE.match(text, start):
        return None  # "said in an interview with …", "added to the list": a phrase, no clause
    first = min(att.mention.start, cm.start())
    if w.group() in _WHEN_OPENERS and text[max(0, first - 4):first].rstrip().endswith(_QUOTE_THEN_CUE):
        return None  # '“…,” the senator said when Boyle asked …': the quotation is what this cue reports
    if cues.indefinite_object_is_act(base) and w.group().lower() in ("a", "an"):
        return None  # "called a special meeting": an act (the lexicon class), not what was said
    span = _content_end(text, start, s_end, 4)
    if span is None:
        return None
    return Attribution(span[0], span[1], "indirect", att.cue_start, att.cue_end, att.mention,
                       att.strength * 0.8, att.issuer, weak=True)


_ABOUT_RE = re.compile(r"\s{1,16}about\s{1,16}")


def _asked_about(text: str, pos: int, s_end: int) -> tuple[int, int] | None:
    """The subject of a question after "asked (someone) about": at least three words."""
    ab = _ABOUT_RE.match(text, pos, s_end)
    if ab is None:
        ob = _OBJECT_RE.match(text, pos, s_end)
        ab = _ABOUT_RE.match(text, ob.end(), s_end) if ob else None
    w = _WORD_RE.match(text, ab.end(), s_end) if ab else None
    if w is None or w.group().lower() in ("them", "it", "him", "me", "us", "this", "that", "those"):
        return None  # "asked about them in April": what, the pronoun does not say ("her" may be "her plan")
    return _content_end(text, ab.end(), s_end, 3, clause=False)


_REQUEST_OBJECT_MAX = 5  # words between "asked" and "to": "asked the city's two largest unions to …"


def _request(text: str, pos: int, s_end: int) -> tuple[int, int] | None:
    """The request after "asked" (or a directive after "told", "urged", "warned"): its object (at
    most five words, no preposition, conjunction, verb, subject pronoun or clause punctuation among
    them) and its infinitive, "the council to delay the vote"; None for any other shape."""
    words = list(_WORD_RE.finditer(text, pos, min(s_end, pos + 160)))
    for k, w in enumerate(words[:_REQUEST_OBJECT_MAX + 1]):
        low = w.group().lower()
        if _REQUEST_BREAK_RE.search(text, pos, w.start()):
            return None
        if low == "to":
            nxt = words[k + 1].group() if k + 1 < len(words) else ""
            if not nxt[:1].islower() or nxt in _BAD_CONTENT_START:
                return None
            span = _content_end(text, words[0].start(), s_end, 3, clause=False)
            return span
        pronoun = low.replace("’", "'").split("'")[0]
        if low in _BAD_CONTENT_START or low in _CLAUSE_STOP or low in _ASK_WORDS \
                or pronoun in _SUBJECTS or (k and pronoun == "it"):
            return None  # "told reporters he plans to run": a clause, its subject "he"; "asked it
            # to …": "it" first is the object, after another word a clause's subject
    return None


_SUBJECTS = frozenset("i he she we they".split())  # subject case only ("it", "you" are both)
#: Punctuation an object never spans: 'told WEEI: "I replied to the post"' is a quotation.
_REQUEST_BREAK_RE = re.compile(r"[,:;\"“”]|''")
_ASK_WORDS = frozenset("about for if whether why how what when where who which that".split())
_PARTICIPLE_CUE_RE = re.compile(r"\b(?:adding|saying|noting|arguing|explaining|insisting|warning|claiming)\b")
#: Prepositions after which a cue's bare form is a noun (not "to": "wanted to state that").
_NOUN_PREPS = frozenset("of in on at for with from by about into under over against without between "
                        "after before during".split())
_NOUN_CUES = frozenset("report reports post posts note notes claim claims tweet tweets answer reply "
                       "promise promises pledge vow estimate estimates signal charge charges question "
                       "demand demands comment comments statement warning warnings state states point "
                       "points".split())
#: An indefinite noun phrase that is the object of the word before it ("founded a group", "of a
#: firm"): a "describe" participle right after it names the thing.
_NAMED_THING_RE = re.compile(r"\b(?!(?:and|but|or|nor)\b)[a-z][\w’'\-]*\s{1,16}an?\s{1,16}"
                             r"(?:(?!(?:who|which|that|has|have|had|was|were|is|are)\b)[\w’'\-]+\s{1,16}){1,3}$")
#: After an "-s" cue form, the words that open a clause or an object: the form is a verb.
_VERB_S_NEXT_RE = re.compile(r"\s{1,16}(?:that|his|her|their|its|he|she|they|it|we|the|a|an)\s", re.IGNORECASE)
#: A number before a cue form that is also a noun makes it the noun ("11 states", "two reports").
_NUMBER_RE = re.compile(r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|dozen|several|many|few)",
                        re.IGNORECASE)
_DOCUMENT_SOURCE_RE = re.compile(
    r"(?:an?|the|this|that|its|his|her|their)\s{1,16}(?:[\w’'\-]+\s{1,16}){0,3}?(?:notice|report|study|survey|poll|data|"
    r"figures|estimates?|records?|documents?|filing|analysis|review|audit|census|tally|count|website|"
    r"schedule|map|forecast|statistics)\b(?!\s{1,16}(?:by|from|of|for)\s{1,16}[A-Z])", re.IGNORECASE)
_ACC_OBJ_PRONOUNS = {"him": "he", "her": "she", "them": "they", "it": "it", "us": "we", "me": "I"}
_ACC_NP_RE = re.compile(
    r"\s{0,16}((?:[\w’'.&\-]+\s{1,16}){0,9}?[\w’'&\-]+(?:\.(?=\w))?(?:[\w’'&\-.]*\w)?)\s{0,16}"
    r"(?=[,;:]|(?<!\b[A-Z])[.!?](?:[\"”’)]|\s|$)|\s{1,16}(?:who|which|that|and|but)\b|$)")


#: Words after the source's mention that still belong to the "according to" phrase when they open
#: with a preposition and a comma follows ("a poll by the Institute of Politics, …", "police in
#: Halifax, …").
_ACC_TAIL_WORDS = 10


def _according_source(text: str, b: int, s_end: int) -> Mention | None:
    """The source after "according to": a speaker, or any short noun phrase (a poll, a report)."""
    men = subject_after(text, b, s_end)
    if men is not None:
        return men
    m = _ACC_NP_RE.match(text, b, min(s_end, b + 120))
    if not m:
        return None
    phrase = m.group(1)
    low = phrase.lower()
    if low in _ACC_OBJ_PRONOUNS:
        return Mention(m.start(1), m.end(1), _ACC_OBJ_PRONOUNS[low], "pronoun")
    words = phrase.split()
    if not words or len(words) > 10 or any(w.lower() in _CLAUSE_STOP for w in words):
        return None
    return Mention(m.start(1), m.end(1), phrase, "role")


def _according(text: str, a: int, b: int, s_start: int, s_end: int) -> Attribution | None:
    men = _according_source(text, b, s_end)
    if men is None:
        return None
    # "according to the report": a document with no issuer in its own words ("a Quinnipiac
    # University poll" has one) speaks for the issuer the article names elsewhere, or not at all
    needs_issuer = men.kind == "role" and bool(_DOCUMENT_SOURCE_RE.match(men.surface)) \
        and not any(w[:1].isupper() for w in men.surface.split()[1:])
    before = text[s_start:a].rstrip()
    after = text[men.end:s_end].strip()
    lead_words = count_words(text, s_start, a)
    strength = cues.strength("according")
    if before and lead_words >= 3 and (before.endswith(",") or not after.lstrip(".!?\"”’)")):
        # "A, according to X." / "A according to a poll." / "A, according to X, B"
        cs, ce = s_start, len(before) + s_start - (1 if before.endswith(",") else 0)
        dl = _DATELINE_RE.match(text, cs, ce)
        if dl:
            cs = dl.end()  # "WHITEHORSE — …": the dateline is not part of what was said
        if after.startswith(",") and count_words(text, men.end, s_end) >= 3 and _continues(text, men.end, s_end):
            ce = s_end
        return Attribution(cs, _trim_end(text, cs, ce), "indirect", a, b, men, strength,
                           needs_issuer=needs_issuer)
    if a - s_start <= 1 or not before or (before.endswith(",") and lead_words < 3):
        # "According to X, B" / "In addition, according to X, B"
        rest = men.end
        comma = text.find(",", rest, s_end)
        tail = _WORD_RE.search(text, rest, comma) if comma > rest else None
        if tail and not text[rest:tail.start()].strip() and tail.group() in _NOUN_PREPS \
                and count_words(text, rest, comma) <= _ACC_TAIL_WORDS:
            rest = comma  # "According to a poll by the Institute of Politics, B": the source's tail
        while rest < s_end and text[rest] in " ,":
            rest += 1
        if count_words(text, rest, s_end) >= 3:
            return Attribution(rest, _trim_end(text, rest, s_end), "indirect", a, b, men, strength,
                               needs_issuer=needs_issuer)
    return None


def _trim_end(text: str, s: int, e: int) -> int:
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".!?,;"):
        e -= 1
    return e


def _with_subject(text: str, s_start: int, cue_start: int) -> Mention | None:
    """The subject of an absolute clause "with NP saying …" ending at ``cue_start``: the phrase
    after the nearest "with" before it, when that phrase is a speaker phrase (``classify``)."""
    last = last_match(_WITH_RE, text, max(s_start, cue_start - 80), cue_start)
    if last is None:
        return None
    s, e = last.end(), cue_start
    while e > s and text[e - 1].isspace():
        e -= 1
    phrase = text[s:e]
    kind = classify(phrase) if phrase and "," not in phrase else None
    return Mention(s, e, phrase, kind) if kind is not None else None


#: A closing mark after a comma ('“…,” the chief of staff, Jo Ray, said'), and the most words
#: of the speaker's description between it and the comma before the name.
_CLOSE_COMMA_RE = re.compile(r",[\"”»]|,''")
_DESCRIPTOR_WORDS = 8
#: The most words of a participial phrase opening a sentence before its speaker ("Speaking at a
#: news conference in Halifax, Jo Ray said …"); a longer lead may be a gerund subject whose verb
#: the finite-verb hints miss ("Seeing his brother suffer led him to …, he said").
_PARTICIPIAL_LEAD_WORDS = 8


def _after_quotation(text: str, s_start: int, pos: int) -> bool:
    """Whether a quotation's closing mark (and its comma) comes right before ``pos``: '"…," X said'."""
    return text[max(s_start, pos - 6):pos].rstrip().endswith(("\"", "”", "''", "»", "’"))


def _content_before(text, cm, men: Mention, s_start: int, s_end: int, strength: float) -> Attribution | None:
    """``CONTENT, X said.``: content is the sentence up to the comma before the speaker."""
    lead_end = min(men.start, cm.start())
    if not text[max(s_start, lead_end - 4):lead_end].rstrip().endswith((",", "—", "–")):
        return None
    lead = text[s_start:lead_end].rstrip()
    base = cues.base_of(cm.group()) if cm.group()[:1].islower() else "say"
    if not (cues.bare_clause(base) or base in ("read", "state", "according")) or cm.group().endswith("ing"):
        return None
    ce = s_start + len(lead) - 1
    short_lead = count_words(text, s_start, ce) < 3  # "African-Americans, he said, can …": only as "A, X said, B"
    first_word = _WORD_RE.match(text, s_start, ce)
    lead_word = first_word.group().lower() if first_word else ""
    no_verb = not _FINITE_HINT_RE.search(text, s_start, ce) and not _PAST_VERB_RE.search(text, s_start, ce)
    if lead_word in _PREP_LEADS and no_verb:
        return None  # "In her 2003 book, Clinton noted …": an adverbial, not reported content
    participial = no_verb and (lead_word.endswith("ing") or lead_word == "asked") \
        and count_words(text, s_start, ce) <= _PARTICIPIAL_LEAD_WORDS
    # the rest of the sentence after the cue (and an inverted speaker) must be short, or a
    # relative clause, or a continuation "A, X said, B"
    tail_from = max(cm.end(), men.end)
    tail_from = skip_adverbials(text, tail_from, s_end)
    if _QUOTE_OPEN_RE.match(text, tail_from, s_end):
        return None  # "Asked about it, O'Neill said, \"…\"": the cue introduces a direct quote
    tail = text[tail_from:s_end].strip()
    end = ce
    if tail and tail[0] == "," and count_words(text, tail_from, s_end) >= 3:
        if _continues(text, tail_from, s_end):
            end = _trim_end(text, s_start, s_end)  # "A, X said, B": the whole sentence
    elif tail and tail[0] not in ".!?,;:\"”’)" and count_words(text, tail_from, s_end) > 4:
        return None
    if (short_lead or participial) and end == ce:
        return None  # "Speaking in Halifax, Jo Ray said …": a participial phrase, unless "A, X said, B"
    # not itself a quotation in marks
    if text[ce - 1:ce] in "\"”’»" or lead.rstrip(",—– ").endswith(("\"", "”", "''", "»", "’")):
        return None  # the content is a quotation in marks: a direct quote, not reported speech
    closing = last_match(_CLOSE_COMMA_RE, text, s_start, ce)
    if closing is not None and count_words(text, closing.end(), ce) <= _DESCRIPTOR_WORDS \
            and not _FINITE_HINT_RE.search(text, closing.end(), ce):
        return None  # '“…,” California Rep. Duncan Hunter’s chief of staff, Joe Kasper, told': a
        # quotation, then the speaker's description and name
    cs = s_start
    dl = _DATELINE_RE.match(text, cs, ce)
    if dl:
        cs = dl.end()  # "HALIFAX (CP) — …": the dateline is not part of what was said
    while cs < ce and text[cs] in " \"“‘«(":
        cs += 1
    return Attribution(cs, _trim_end(text, cs, end), "indirect", cm.start(), cm.end(), men,
                       strength, issuer=_is_statement(text, cm.end(), s_end))


_NOUN_PHRASE_VERB_RE = re.compile(r"[\s,]{1,16}(?:an?|the)\s{1,16}(?:[\w’'\-]+\s{1,16}){1,4}?"
                                  r"(?:is|are|was|were|will|would|could|should|can|may|might|must|has|have|had)\b")


def _continues(text: str, pos: int, s_end: int) -> bool:
    """Whether ``, B`` after "A, X said" / "A, according to X" continues what was said, not an
    apposition of the speaker ("…, an advocacy group", "…, who …", "…, director of …")."""
    nxt = text[pos:s_end].strip()[1:].lstrip().split(" ", 1)[0].lower()
    if place_tag(nxt.rstrip(",;")):
        return False  # "…, said Sen. Ana Rivera, R-S.C., a …": the speaker's state
    return nxt not in _NOT_CONTINUATION and not (nxt.endswith("ing") and len(nxt) > 5) \
        or nxt in ("a", "an", "the") and _clause_follows(text, pos, s_end)


def _clause_follows(text: str, pos: int, s_end: int) -> bool:
    """', the library will open': a noun phrase and its finite verb (a clause, not an apposition)."""
    return _NOUN_PHRASE_VERB_RE.match(text, pos, s_end) is not None


_FIRST_NAME_RE = re.compile(r"\b(?:first name|identified only as|identified as|known only as|only as)\s{0,16},?\s{0,16}"
                            r"([A-Z][\w’'\-]+)\b")
_LEAD_SUBJECT_RE = re.compile(r"\s{0,16}([^,;:\"“”]{2,80}?)(?:,|\s{1,16}(?:who|which|whose|that)\b)")


def _lead_subject(text: str, s_start: int, end: int) -> Mention | None:
    """The phrase opening the sentence when a long clause separates it from the cue:
    "Crestline REIT, which owns …, said" / "A nurse who …, and who asked …, said"."""
    m = _LEAD_SUBJECT_RE.match(text, s_start, end)
    if not m:
        return None
    start = past_opener(text, m.start(1), m.end(1))[0]  # "Yet Democratic economists, …, say"
    phrase = text[start:m.end(1)].strip()
    kind = classify(phrase)
    if kind not in ("name", "role", "group") or len(phrase.split()) > 6:
        return None
    if phrase.split()[0].lower() in ("in", "on", "at", "after", "before", "during", "when", "while", "if", "as"):
        return None
    return Mention(start, start + len(phrase), phrase, kind)


_PHRASE_RE = re.compile(r"\s{1,16}((?:[\w’'.\-]+\s{1,16}){0,7}?[\w’'\-]+)\s{0,16}(?=[,.;:!?]|$)")


def _inverted_phrase(text: str, cue_end: int, s_end: int) -> Mention | None:
    """The speaker phrase after an inverted cue, up to its comma or full stop (eight words at
    most): a name with role words before it, or a role ("the 46-year-old")."""
    m = _PHRASE_RE.match(text, cue_end, s_end)
    if m is None:
        return None
    phrase = m.group(1)
    kind = classify(phrase)
    if kind is None:
        caps = [w for w in phrase.split() if w[:1].isupper()]
        kind = "name" if len(caps) >= 2 and phrase.split()[-1][:1].isupper() else "role"
    return Mention(m.start(1), m.end(1), phrase, kind)


_MANNER_RE = re.compile(r"\s{0,16}\b[a-z]{3,}ly\s{1,16}$")


def _before_manner(text: str, s_start: int, pos: int) -> int:
    """Where a manner adverb before ``pos`` starts ("…, pointedly saying"), else ``pos``."""
    m = _MANNER_RE.search(text, max(s_start, pos - 24), pos)
    return m.start() if m else pos


def _attribution_for_cue(text: str, cm, s_start: int, s_end: int) -> Attribution | None:
    word = cm.group()
    if text.startswith(" by ", cm.end()) and word.endswith("ed"):
        return None  # "a line repeated by growers": a passive participle, not a cue
    base = cues.base_of(word)
    strength = cues.strength(base)
    first = word.split()[0].lower()
    if word.endswith("quoted as saying"):
        base, first, word = "say", "said", "said"  # "X was quoted as saying (that) …"
    subj_end = cm.start()
    prog = _PROGRESSIVE_RE.search(text, max(s_start, subj_end - 24), subj_end) if first.endswith("ing") else None
    if prog:
        subj_end = prog.start()  # "Trump is telling veterans that …": a finite cue
        first = "said"
    # participle: "..., adding that ..." / "..., saying ..."
    if first.endswith("ing"):
        pre = text[max(s_start, _before_manner(text, s_start, cm.start()) - 3):cm.start()]
        led = any(c in pre for c in _PARTICIPLE_LEADS)  # "…, saying", "… — saying", "…, eventually saying"
        if _QUOTE_OPEN_RE.match(text, skip_adverbials(text, cm.end(), s_end), s_end) and (led or " and" in pre):
            # "..., saying (at one point), \"…\"": the cue of a direct quote; the speaker is the subject
            return Attribution(cm.start(), cm.start(), "cue", cm.start(), cm.end(), None,
                               strength * 0.9, participle=True)
        men = None
        if not led:
            if prev_word(text, cm.start()) not in _GERUND_PREPS:
                men = _with_subject(text, s_start, cm.start())
                if men is None:
                    return None  # "made a pitch to voters saying …": who says it, the text does not tell
        content = content_after_cue(text, cm.end(), base, s_end) if cues.takes_clause(base) else None
        if content and not text[cm.end():content[0]].strip(" ,").startswith(("\"", "“")):
            # "…, saying CONTENT" / "… by saying CONTENT": the subject of the sentence speaks;
            # "with 30 percent of voters saying CONTENT": the phrase after "with" does
            return Attribution(content[0], content[1], "indirect", cm.start(), cm.end(), men,
                               strength * 0.8, participle=men is None)
        return None
    # "X did Y and said Z": the speaker is the subject of the sentence
    if ("and" in text[max(s_start, cm.start() - 12):cm.start()] or "but" in text[max(s_start, cm.start() - 12):cm.start()]) and \
            _AND_BEFORE_RE.search(text, max(s_start, cm.start() - 20), cm.start()) and cues.takes_clause(base):
        if _QUOTE_OPEN_RE.match(text, skip_adverbials(text, cm.end(), s_end), s_end):
            # "… and said, “…”": the cue of a direct quote; the speaker is the subject
            return Attribution(cm.start(), cm.start(), "cue", cm.start(), cm.end(), None,
                               strength * 0.9, participle=True)
        content = content_after_cue(text, cm.end(), base, s_end)
        if content and not text[cm.end():content[0]].strip(" ,").startswith(("\"", "“")):
            return Attribution(content[0], content[1], "indirect", cm.start(), cm.end(), None,
                               strength * 0.8, participle=True)
        return None
    if word[:1].isupper():
        # "Said Dorothy Poynter, who grew up with him, “…”": an inverted cue opening the sentence
        if cm.start() - s_start > 2:
            return None
        men = subject_after(text, cm.end(), s_end)
        if men is None:
            return None
        return Attribution(cm.start(), cm.start(), "cue", cm.start(), cm.end(), men, strength)
    # inverted: "CONTENT, said X." / "\"...,\" said X"
    pre = text[max(s_start, cm.start() - 6):cm.start()].rstrip()
    if pre.endswith((",", "—", "–")) and cues.takes_clause(base) and cues.is_finite(first):
        # "X, a doctor at Y, told The Ledger that …" / "X, who …, said many …": a subject with an
        # apposition before the cue, and reported content after it (not an inverted speaker)
        content = content_after_cue(text, cm.end(), base, s_end)
        if content is not None and count_words(text, content[0], content[1]) >= 4:
            fn = _FIRST_NAME_RE.search(text, s_start, subj_end)
            men0 = Mention(fn.start(1), fn.end(1), fn.group(1), "name") if fn else None
            # 'A nurse, who asked that only her first name, Sarah, be used, said': Sarah
            men0 = men0 or subject_before(text, s_start, subj_end) or _lead_subject(text, s_start, subj_end)
            if men0 is not None and _after_quotation(text, s_start, men0.start) \
                    and not text.startswith("that", content[0]):
                # '"…," Dave Axel, a strategist, said shortly after the vote': the cue is the
                # quotation's; only a that-clause would be reported content of its own
                return Attribution(cm.start(), cm.start(), "cue", cm.start(), cm.end(), men0, strength)
            if men0 is not None and men0.kind != "pronoun" and men0.end < cm.start():
                return Attribution(content[0], content[1], "indirect", cm.start(), cm.end(), men0, strength,
                                   _is_statement(text, cm.end(), s_end))
    if pre.endswith((",", "—", "–")) or pre.endswith(("\"", "”", "’", "''")):
        men = subject_after(text, cm.end(), s_end)
        if men is None and pre.endswith(("\"", "”", "’", "''")) and not cues.takes_object_content(base):
            # '"…," said master of ceremonies Asab Al-Tabchi, …' / '… said the 46-year-old.': right
            # after a quotation a cue without an object of its own ("called the bill …") is
            # inverted; what follows it speaks, it is never content
            men = _inverted_phrase(text, cm.end(), s_end)
            if men is None:
                return None
        if men is not None:
            if pre.endswith((",", "—", "–")):
                att = _content_before(text, cm, men, s_start, s_end, strength)
                if att:
                    return att
            return Attribution(cm.start(), cm.start(), "cue", cm.start(), cm.end(), men, strength,
                               issuer=_is_statement(text, cm.end(), s_end))
    men = subject_before(text, s_start, subj_end)
    if men is None:
        # no speaker phrase recognised ("The NFL legend said …"): still a candidate, the
        # speaker stage falls back to the sentence's subject and the quote model decides
        if not (cues.takes_clause(base) and cues.is_finite(first)) or count_words(text, s_start, subj_end) == 0:
            return None
        if _QUOTE_OPEN_RE.match(text, skip_adverbials(text, cm.end(), s_end), s_end):
            # 'Another source familiar with the plan said, "…"': the cue of a direct quote whose
            # speaker phrase the rules do not parse: the sentence's subject, else the mention ranker's
            return Attribution(cm.start(), cm.start(), "cue", cm.start(), cm.end(), None, strength * 0.8,
                               participle=True)
        content = content_after_cue(text, cm.end(), base, s_end)
        if content is None:
            return None
        return Attribution(content[0], content[1], "indirect", cm.start(), cm.end(), None,
                           strength * 0.8, _is_statement(text, cm.end(), s_end), participle=True)
    if men.kind == "role" and men.surface.lower().endswith(("statement", "release")) is False \
            and not cues.is_finite(first):
        return None
    issuer = _is_statement(text, cm.end(), s_end)
    if _after_quotation(text, s_start, men.start):
        content = content_after_cue(text, cm.end(), base, s_end) if cues.takes_clause(base) else None
        if content and text.startswith("that", content[0]):
            # 'In her memoir, “Becoming,” Obama wrote that …': the quotation was a title
            return Attribution(content[0], content[1], "indirect", cm.start(), cm.end(), men, strength, issuer)
        return Attribution(cm.start(), cm.start(), "cue", cm.start(), cm.end(), men, strength, issuer)
    # "CONTENT, X said."
    att = _content_before(text, cm, men, s_start, s_end, strength)
    if att is not None:
        return att
    if base in cues.QUESTION_VERBS:
        q = _ASK_CLAUSE_RE.match(text, cm.end(), s_end)
        if q and not _QUOTE_OPEN_RE.match(text, cm.end(), s_end):
            end = _trim_end(text, q.start(1), s_end)
            if count_words(text, q.start(1), end) >= 4:
                # "X asked whether the plan would work": a reported question
                return Attribution(q.start(1), end, "indirect", cm.start(), cm.end(), men, strength * 0.9, issuer)
        req = _request(text, cm.end(), s_end) if base == "ask" and not _QUOTE_OPEN_RE.match(text, cm.end(), s_end) else None
        if req is not None:
            # "X asked the council to delay the vote": a request, the asker speaks
            return Attribution(req[0], req[1], "indirect", cm.start(), cm.end(), men, strength * 0.8, issuer)
        about = _asked_about(text, cm.end(), s_end) if base == "ask" else None
        if about is not None:
            # "X asked Carson about his ties to the firm": what the question was about
            return Attribution(about[0], about[1], "indirect", cm.start(), cm.end(), men, strength * 0.8, issuer)
    if not cues.takes_clause(base) or not cues.is_finite(first) and first != word.lower():
        return Attribution(cm.start(), cm.start(), "cue", cm.start(), cm.end(), men, strength, issuer)
    content = content_after_cue(text, cm.end(), base, s_end)
    if content is None:
        return Attribution(cm.start(), cm.start(), "cue", cm.start(), cm.end(), men, strength, issuer)
    return Attribution(content[0], content[1], "indirect", cm.start(), cm.end(), men, strength, issuer)

