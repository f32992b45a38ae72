"""Stage 6: gluing the stages into ``extract_quotes(text)``.

``propose``: title-case lines read in sentence case (``casing``) → paragraphs → quotation-mark
spans → sentences → entity index → cues with speakers and reported content (``indirect``, its
clause ends by ``content_end``) → each quotation in marks gets the cue next to it
(``_cues_of_marked``) → reported clauses, mixed when quotations in marks lie inside
(``_reported``) → the quotations no clause took (``_marked``: with their cue, or floating). Then
``quote_model`` decides which candidates are quotes, overlaps go to the more probable, and
speakers are resolved in reading order (``speakers``; a floating quote's by ``floating``), so
"she said" finds the woman named before.
"""
from __future__ import annotations

import gc
import logging
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from ..model import ExtractedQuote, Span
from . import cues, quote_model
from .casing import sentence_case
from .indirect import REDUCED_ADVERBIAL_RE, Attribution, find_attributions, skip_adverbials
from .mentions import Mention, subject_before
from .resolve import EntityIndex, Resolution
from .speakers import resolve_speakers
from .sentences import Sentences
from .spans import QuoteSpan, find_quote_spans, paragraphs
from .words import WORD_RE as _WORD_RE, count_words, forget_spans, last_match, span_words

log = logging.getLogger(__name__)
#: Leftover HTML/XML in scraped text ("<tweet tweet-id=…>"): never a quotation. A bare inline
#: formatting element ("a <b>fair</b> deal") is emphasis inside the words, not leftover markup.
_MARKUP_RE = re.compile(r"<(/?)([a-zA-Z][\w-]*)([\s>/])|\w=\"|\w=$|^-?\w+=")
_INLINE_TAGS = frozenset("b i em strong u s sub sup small mark span".split())


def _has_markup(text: str, start: int, end: int) -> bool:
    if text.find("=", start, end) < 0 and text.find("<", start, end) < 0:
        return False
    for m in _MARKUP_RE.finditer(text, start, end):
        if m.group(2) is None or m.group(3) != ">" or m.group(2).lower() not in _INLINE_TAGS:
            return True
    return False


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    kind: str
    att: Attribution | None = None
    floating: bool = False
    group: int = -1
    para: int = -1
    base_conf: float = 0.5
    quote_prob: float = -1.0  # the quote model's probability (quote_model.decide); -1: not decided
    speakers: tuple[str, ...] = ()
    speaker_kind: str = "unknown"
    res: "Resolution | None" = None


def extract_quotes(text: str) -> list[ExtractedQuote]:
    """Every quotation in ``text`` with its speaker; never raises, sorted by start."""
    if not isinstance(text, str) or not text:
        return []
    # Extraction allocates many small containers; the cyclic garbage collector would rescan
    # them again and again (a third of the time on news, super-linear time on huge texts).
    # Nothing here makes reference cycles, so it is paused for the call (process-wide, and
    # restored; harmless for other threads: it only delays their cycle collection).
    pause_gc = gc.isenabled()
    if pause_gc:
        gc.disable()
    try:
        return extract_quotes_strict(text)
    except Exception:  # a last resort: the contract is "never raises"
        # Logged (to the user's log file) so an engine bug is never silent; the text itself is
        # not logged (it is the user's article, and untrusted).
        log.exception("attribution failed on a %d-character text; only its marked quotes are "
                      "returned, without speakers", len(text))
        try:
            return _fallback(text)
        except Exception:
            log.exception("the marked-quote fallback failed too; no quotes for this text")
            return []
    finally:
        forget_spans()
        if pause_gc:
            gc.enable()


def _fallback(text: str) -> list[ExtractedQuote]:
    out = []
    for q in find_quote_spans(text):
        if q.end > q.start:
            out.append(ExtractedQuote(q.start, q.end, text[q.start:q.end], confidence=0.2))
    return out


def extract_quotes_strict(text: str) -> list[ExtractedQuote]:
    """Like ``extract_quotes`` but lets exceptions through (for tests)."""
    cands, ctx = propose(text)
    work = ctx.text  # the text the stages read (title-case lines in sentence case)
    cands = quote_model.decide(work, cands, ctx)
    cands = _drop_overlaps(cands)
    resolve_speakers(work, cands, ctx.ents, ctx.sentences, ctx.paras, ctx.in_quote)
    return [_to_quote(text, c, work) for c in cands]


@dataclass(slots=True)
class Context:
    """What the proposing rules computed once per text, for the deciding model and the speakers."""

    text: str  # what the stages read: the text with its title-case lines in sentence case (casing.py)
    paras: list
    qspans: list
    sentences: Sentences
    ents: EntityIndex
    in_quote: object
    head_end: int
    para_starts: list
    first_body_para: int  # the first paragraph after the headline that is not boilerplate


def read_marks(text: str):
    """The text's paragraphs, quotation-mark spans, the regions they protect, its sentences (which
    never end inside a protected region) and ``in_quote(pos)``: what every stage reads first."""
    paras = paragraphs(text)
    qspans = find_quote_spans(text, paras)
    prot = [(q.open_at, (q.close_at + 1) if q.close_at >= 0 else q.end) for q in qspans]
    prot_starts = [p[0] for p in prot]
    # quotation-mark spans can nest only inside each other's paragraphs; they are sorted

    def in_quote(pos: int) -> bool:
        k = bisect_right(prot_starts, pos) - 1
        return k >= 0 and prot[k][0] < pos < prot[k][1]

    return paras, qspans, prot, Sentences(text, paras, prot), in_quote


def index_entities(text: str, prot, sentences) -> EntityIndex:
    """The text's entity index, told where quotations in marks are (``prot``) and its sentences."""
    ents = EntityIndex(text)
    if prot:
        ents.mark_quoted(prot)
    ents.mark_sentences(sentences)
    return ents


def propose(text: str) -> tuple[list[_Candidate], Context]:
    """The rules' candidate quotes (marked, reported, mixed), before any decision, in text order.
    They are found in ``ctx.text``, the text with its title-case lines in sentence case (the same
    offsets): the deciding model and the speakers read that too."""
    text = sentence_case(text)
    paras, qspans, prot, sentences, in_quote = read_marks(text)
    ents = index_entities(text, prot, sentences)
    # "according to the report": the document speaks for the person or body the article says
    # issued it, or the words are the document's and nobody's quote
    atts = [a for a in find_attributions(text, sentences, in_quote)
            if not a.needs_issuer or ents.resolve(a.mention).kind in ("person", "organisation")]
    para_starts = [p.start for p in paras]
    head_end = _headline_end(text, paras)
    if head_end:
        # "Bridge to close for six months, mayor says": a headline repeats the story; not a quote
        atts = [a for a in atts if a.cue_start >= head_end]
        qspans = [q for q in qspans if q.open_at >= head_end]
    if any(p.boilerplate for p in paras):
        # captions, credits, "Related: …" lines: no cue there introduces a quote
        atts = [a for a in atts if not paras[max(0, bisect_right(para_starts, a.cue_start) - 1)].boilerplate]

    direct_att, by_group = _cues_of_marked(text, qspans, atts, sentences, paras)
    cands, used_by_mixed = _reported(text, atts, qspans, direct_att, para_starts, sentences)
    cands += _marked(text, qspans, direct_att, by_group, used_by_mixed, sentences)
    if "(@" in text:
        cands += _embedded_posts(text, paras, para_starts)
    cands = [c for c in cands if not _has_markup(text, c.start, c.end)]
    cands.sort(key=lambda c: (c.start, -c.end))
    cands = _merge_groups(text, cands)
    first_body = next((i for i, p in enumerate(paras) if p.start >= head_end and not p.boilerplate), 0)
    return cands, Context(text, paras, qspans, sentences, ents, in_quote, head_end, para_starts, first_body)


#: A dash and the name of whoever is credited: '— Doug Ford', '- Bernie Sanders.'
_CREDIT_NAME = r"[—–―-]{1,2}[ \u00a0]{0,4}([A-Z][\w’'.\-]{0,40}(?:[ \u00a0][A-Z][\w’'.\-]{0,40}){0,4})"
#: The credit line of an embedded post as news sites render it: '— Doug Ford (@fordnation) June 5, 2023'.
_POST_CREDIT_RE = re.compile(
    _CREDIT_NAME + r"[ \u00a0]{0,4}\(@\w{1,30}\)"
    r"[ \u00a0]{0,4}(?:[A-Z][a-z]{2,8}\.?[ \u00a0]\d{1,2},[ \u00a0]\d{4})?[ \u00a0]{0,4}$", re.MULTILINE)
#: A paragraph that only credits the quotation above it, as live blogs and pull quotes set it:
#: '- Bernie Sanders.', '— Michelle Marks, Philadelphia' (what follows the comma is not the name).
_CREDIT_LINE_RE = re.compile(_CREDIT_NAME + r"(?:,[^\n]{0,80})?")
#: Links and media links a post ends with are not its words.
_LINK_PREFIXES = ("pic.twitter.com/", "http://", "https://")


def _before_links(text: str, start: int, end: int) -> int:
    """``end`` moved back over the spaces and links ``text[start:end]`` ends with (one pass from
    the end)."""
    while True:
        while end > start and text[end - 1].isspace():
            end -= 1
        k = max(text.rfind(" ", start, end), text.rfind("\u00a0", start, end), start - 1)
        if end <= start or not text.startswith(_LINK_PREFIXES, k + 1, end):
            return end
        end = max(k, start)


def _embedded_posts(text: str, paras, para_starts) -> list[_Candidate]:
    """Candidates of embedded social-media posts: the words before a credit line ('— Name
    (@handle) Date'), in its paragraph or, when the credit stands alone, the paragraph before;
    the credit's name speaks, its dash is the cue. The quote model decides like any candidate."""
    cands: list[_Candidate] = []
    for m in _POST_CREDIT_RE.finditer(text):
        k = bisect_right(para_starts, m.start()) - 1
        if k < 0:
            continue
        start = paras[k].start
        if not text[start:m.start()].strip() and k > 0:
            k -= 1
            start = paras[k].start
        end = _before_links(text, start, m.start())
        if count_words(text, start, end) < 3:
            continue
        name = m.group(1)
        att = Attribution(start, end, "cue", m.start(), m.start() + 1,
                          Mention(m.start(1), m.end(1), name, "name"), 0.8)
        cands.append(_Candidate(start, end, "direct", att, base_conf=0.8, para=k))
    return cands


def _cues_of_marked(text: str, qspans, atts, sentences, paras):
    """The cue of each quotation in marks (after it, before it, a name and a colon, or a credit
    line under it), by the quotation's index; and the first cue of each multi-paragraph quote, by its group."""
    cue_atts = sorted((a for a in atts if not a.weak), key=lambda a: a.cue_start)
    cue_starts = [a.cue_start for a in cue_atts]
    direct_att: dict[int, Attribution] = {}
    for qi, q in enumerate(qspans):
        att = _cue_after(text, q, cue_atts, cue_starts) or _cue_before(text, q, cue_atts, cue_starts) \
            or _name_colon(text, q, sentences) or _credit_line(text, q, paras)
        if att is not None:
            direct_att[qi] = att
    # share the attribution across the fragments of a multi-paragraph quote
    by_group: dict[int, Attribution] = {}
    for qi, q in enumerate(qspans):
        if qi in direct_att and q.group not in by_group:
            by_group[q.group] = direct_att[qi]
    return direct_att, by_group


def _reported(text: str, atts, qspans, direct_att, para_starts, sentences):
    """Candidates of reported speech: each cue's clause (with the quotations in marks inside it, a
    mixed quote), in the parts its cue interrupts; and the quotations those clauses took."""
    cands: list[_Candidate] = []
    used_by_mixed: set[int] = set()
    q_starts = [q.start for q in qspans]
    for a in atts:
        if a.kind != "indirect":
            continue
        k0 = bisect_left(q_starts, a.start)
        inside = []
        k = k0
        scope_end = max(a.end, sentences.at(a.start)[1])
        while k < len(qspans) and qspans[k].start < scope_end:
            if qspans[k].end <= scope_end + 1 and (qspans[k].start < a.end or k not in direct_att):
                inside.append(k)
            k += 1
        if k0 > 0 and qspans[k0 - 1].end > a.start and qspans[k0 - 1].start < a.start:
            continue  # starts inside a quotation: not reported speech
        inside = [k for k in inside if k not in direct_att or direct_att[k] is a]
        covered = sum(max(0, min(qspans[k].end, a.end) - max(qspans[k].start, a.start)) for k in inside)
        length = max(1, a.end - a.start)
        if inside and covered >= 0.7 * length and \
                not _WORD_RE.search(text, a.start, qspans[inside[0]].open_at):
            continue  # a quotation in marks with a cue before it: it is the direct quote
        base = 0.45 + 0.35 * a.strength
        beyond = [k for k in inside if qspans[k].start >= a.end]
        if len(inside) == 1 and beyond:
            inside = []
        titles = [k for k in inside if _is_title(text, qspans[k], count_words(text, qspans[k].start, qspans[k].end))
                  or _SO_CALLED_RE.search(text, max(0, qspans[k].open_at - 14), qspans[k].open_at)]
        if titles:
            used_by_mixed.update(titles)  # 'whose memoir “The Quiet Channel” is read …': a title
            inside = [k for k in inside if k not in titles]
        # the whole reported clause is the quote, its fragments inside it (PolNeAR's and the news
        # set's convention); fragments after the clause's end belong to the next cue
        # ('agreed that ties "could not get worse" and vowed to help "stimulate …"')
        inside = [k for k in inside if qspans[k].start < a.end]
        used_by_mixed.update(inside)
        para = bisect_right(para_starts, a.start) - 1
        for s, e in _content_parts(text, a):
            kind = "mixed" if any(s <= qspans[k].start < e for k in inside) else "indirect"
            cands.append(_Candidate(s, e, kind, a, base_conf=base, para=para))
    return cands, used_by_mixed


def _marked(text: str, qspans, direct_att, by_group, used_by_mixed, sentences) -> list[_Candidate]:
    """Candidates of quotations in marks no clause took: with their cue, a name's "called"
    fragment, a colon's lead, a transcript label, or floating (no cue); titles, scare quotes and
    fragments of someone else's sentence are left out."""
    cands: list[_Candidate] = []
    has_titled = "itled" in text or "eadline" in text
    for qi, q in enumerate(qspans):
        if qi in used_by_mixed or q.end <= q.start:
            continue
        att = direct_att.get(qi) or by_group.get(q.group)
        n_words = count_words(text, q.start, q.end)
        lead_words = _lead_words(text, q, sentences)
        s0 = sentences.at(q.open_at)[0] if att is None or has_titled else q.open_at + 1
        if has_titled and s0 <= q.open_at and _TITLED_RE.search(text, max(s0, q.open_at - 40), q.open_at):
            continue  # 'The study, titled "…,"': the title of a work, not a quotation
        if n_words <= 4 and _SO_CALLED_RE.search(text, max(0, q.open_at - 14), q.open_at):
            continue  # 'the so-called "missing link"': a scare quote
        if att is not None and att.mention is None and att.participle and q.closed:
            men = _what_called(text, 0, att.cue_start, only_what=True)
            if men is not None:
                # 'defended what he called "a necessary pause"': the cue before the mark, found
                # without its speaker phrase
                att = replace(att, mention=men)
        if att is None and lead_words > 0 and q.closed:
            men = _called_fragment(text, s0, q.open_at)
            if men is not None:
                # 'She called the plan "a wish list."': the fragment, said by the subject
                vs = men[1]
                att = Attribution(q.start, q.end, "cue", vs[0], vs[1], men[0], 0.7)
                # the span is the verb's object with the fragment: 'called [the plan "a wish list"]'
                start = _OBJECT_START_RE.match(text, vs[1], q.open_at).end()
                if start >= q.open_at:
                    start = q.start  # 'what she called "…"': nothing but the fragment
                cands.append(_Candidate(start, q.end, "mixed" if start < q.open_at else "direct", att,
                                        base_conf=0.7, group=q.group, para=q.para))
                continue
        if att is None and s0 <= q.open_at and n_words >= 3:
            lead = text[s0:q.open_at].rstrip()
            if lead.endswith(":") and len(_WORD_RE.findall(lead)) >= 3 and not _LABEL_RE.match(text, s0):
                # 'Whitfield closed with a warning of her own: "…"': the subject of the sentence
                att = Attribution(q.start, q.end, "cue", q.open_at - 1, q.open_at - 1, None, 0.6,
                                  participle=True)
        if att is not None:
            if n_words < 2 and not q.closed or _is_title(text, q, n_words):
                continue
            conf = 0.6 + 0.35 * att.strength
            if not q.closed:
                conf -= 0.15
            start, kind = q.start, "direct"
            if lead_words >= 3 and att.cue_start > q.end:
                # 'With thousands of systems, "there is no single point of failure," X said.'
                start, kind = sentences.at(q.open_at)[0], "mixed"
                conf -= 0.05
            cands.append(_Candidate(start, q.end, kind, att, base_conf=conf, group=q.group, para=q.para))
            continue
        if lead_words > 0 and n_words < 12:
            continue  # a fragment in someone else's sentence
        lab = _LABEL_RE.match(text, q.start, q.end)
        if lab and lab.group(1).upper() == lab.group(1):
            # a transcript line: "PENCE: Well, look, …"
            name = lab.group(1)
            men = Mention(lab.start(1), lab.end(1), name.title(), "name")
            att = Attribution(q.start, q.end, "cue", lab.end(1), lab.end(1) + 1, men, 0.8)
            cands.append(_Candidate(q.start, q.end, "direct", att, base_conf=0.8, group=q.group, para=q.para))
            continue
        if _scare_or_title(text, q, n_words) and not (
                n_words >= 2 and q.closed and _ends_sentence(text, q) and _near_quote(qspans, qi)):
            continue  # a scare quote or a title (but "“I would, Donald.”" after a quote is speech)
        conf = 0.45 if q.closed else 0.3
        cands.append(_Candidate(q.start, q.end, "direct", None, floating=True, base_conf=conf,
                                group=q.group, para=q.para))
    return cands


_SO_CALLED_RE = re.compile(r"\b(?:so-called|so called|nicknamed|known as|dubbed)\s{0,16}$")
_TITLED_RE = re.compile(r"\b(?:titled|entitled|headlined|headline|subtitled)\s{0,16},?\s{0,16}$")
_CALLED_RE = re.compile(r"\b(?:called|calls|calling|described|describes|describing|termed|labelled|labeled|"
                        r"branded|characterized|characterised|deemed)\b")
_OBJECT_START_RE = re.compile(r"[\s,]*(?:as\s+)?")
_CLAUSE_END_RE = re.compile(r"[!?;]|\.\s")
_MARKS_RE = re.compile(r"[\"“”«»]")
_WHAT_CALLED_RE = re.compile(r"\b(?:what|which)\s{1,16}((?:he|she|they|[A-Z][\w’'\-]+(?:\s{1,16}[A-Z][\w’'\-]+)?))\s{1,16}(?:has\s{1,16}|had\s{1,16})?$")


def _what_called(text: str, lo: int, verb_start: int, only_what: bool = False) -> Mention | None:
    """The speaker of "what (which) he called" ending at the verb (searched no further left
    than ``lo``); ``only_what``: not after "which" (a relative clause inside a longer one)."""
    w = _WHAT_CALLED_RE.search(text, max(lo, verb_start - 40), verb_start)
    if w is None or only_what and not w.group().lower().startswith("what"):
        return None
    surf = w.group(1)
    return Mention(w.start(1), w.end(1), surf, "pronoun" if surf.lower() in ("he", "she", "they") else "name")


def _called_fragment(text: str, s0: int, open_at: int):
    """``X called the plan "…"`` / ``described it as "…"`` / ``what (which) he called "…"``: (mention,
    verb span)."""
    last = last_match(_CALLED_RE, text, max(s0, open_at - 160), open_at)
    if last is None:
        return None
    between = text[last.end():open_at]
    if _CLAUSE_END_RE.search(between) or len(_MARKS_RE.findall(between)) > 2:
        return None  # another clause, or quotations of their own (a title: 'titled "…,"' is allowed)
    men = _what_called(text, s0, last.start())
    if men is not None:
        return men, (last.start(), last.end())
    men = subject_before(text, s0, last.start())
    if men is None:
        return None
    return men, (last.start(), last.end())


_LABEL_RE = re.compile(r"([A-Z][A-Za-z.'\-]+(?: [A-Z][A-Za-z.'\-]+){0,2}):\s")
_NEW_SENTENCE_RE = re.compile(r"\s{1,16}(?:The|A|An|In|On|At|But|And|This|That|It|Its|His|Her|Their|[A-Z][a-z]+\s{1,16}[A-Z])")
#: '“…” — Julie Diaz', '“…” — Olivia Chow, mayor of Toronto': a byline-style attribution ending its line
_DASH_NAME_RE = re.compile(
    r"[ \t\u00a0]*[―—–:-][ \t\u00a0]*((?:[A-Z][\w’'.\-]*)(?:[ \u00a0][A-Z][\w’'.\-]*){0,4})"
    r"(?:,[ \u00a0][^\n\"“”]{1,80}?)?[ \t\u00a0.,]*(?:\n|$)")


_THAT_RE = re.compile(r"that\b", re.IGNORECASE)
#: Between a quotation and its cue: a sentence end (not an abbreviation's full stop: '”
#: California Rep. Duncan Hunter’s chief of staff, Joe Kasper, told …'), a mark, a new line.
_BREAK_BEFORE_CUE_RE = re.compile(r"(?:[!?]|(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})(?<!\b[A-Z][a-z]{3})\.)"
                                  r"[\s\"”]|[\"“”«»]|\n")


def _cue_after(text: str, q: QuoteSpan, cue_atts, cue_starts) -> Attribution | None:
    """``"…," she said`` / ``"…," said the Kremlin``: a cue within a few words after the mark."""
    if q.close_at < 0:
        return None
    after = q.close_at + 1
    if text[q.end - 1:q.end] == "." and _NEW_SENTENCE_RE.match(text, after):
        return None  # '"…ends here." The agency said …': the cue belongs to the next sentence
    m = _DASH_NAME_RE.match(text, after)
    if m:
        # "“…” ― Julie Diaz": a byline-style attribution
        name = m.group(1).rstrip(".")
        dash = text.find(next(c for c in "―—–:-" if c in m.group(0)), after)
        return Attribution(q.start, q.end, "cue", dash, dash + 1,
                           Mention(m.start(1), m.start(1) + len(name), name, "name"), 0.8)
    k = bisect_left(cue_starts, after)
    while k < len(cue_atts) and cue_starts[k] <= after + 260:
        a = cue_atts[k]
        k += 1
        lo = min(a.cue_start, a.mention.start if a.mention and a.mention.start > after else a.cue_start)
        between = text[after:lo]
        if _BREAK_BEFORE_CUE_RE.search(between):
            return None
        if a.participle or a.mention is None:
            continue
        if len(_WORD_RE.findall(between)) > 8 or (lo - after > 90 and between.strip(" ,")):
            return None
        if a.kind == "indirect" and a.start >= a.cue_end and _THAT_RE.match(text, a.start):
            return None  # "“Becoming,” Obama wrote that …": the cue has its own reported content
        return a
    return None


_RELATIVE_INTRO_RE = re.compile(r"^,\s{1,16}(?:who|whose|an?|the)\s[^.!?\"“”]{3,120},\s{0,16}$")
#: '… told Congress when asked about the inquiry: “…”': a reduced adverbial clause, then the quote.
_WHEN_ASKED_TAIL_RE = re.compile(r"\s{0,16},?\s{0,16}" + REDUCED_ADVERBIAL_RE.pattern + r"[^.!?\"“”]{0,100}?[:,]\s{0,16}$")
_INTRO_TAIL_RE = re.compile(
    r"^\s{0,16}(?:(?:of|about|on|to)\s{1,16}[^.!?\"“”\n]{1,80}?)?\s{0,16}(?:,|:|—|–|-)?\s{0,16}(?:that\s{0,16},?\s{0,16})?$")
#: "Jeffrey M. Jones: “…”": a name and a colon introduce the quotation
_NAME_COLON_RE = re.compile(r"([A-Z][\w’'.\-]*(?:[ \u00a0][A-Z][\w’'.\-]*){0,3}):\s{0,16}$")


def _cue_before(text: str, q: QuoteSpan, cue_atts, cue_starts) -> Attribution | None:
    """``X said in a statement: "…"`` / ``X told reporters, "…"``."""
    k = bisect_left(cue_starts, q.open_at) - 1
    while k >= 0 and cue_starts[k] >= q.open_at - 120:
        a = cue_atts[k]
        k -= 1
        if a.mention is None and not a.participle:
            continue
        tail_from = a.cue_end
        if a.mention is not None and a.mention.start >= a.cue_end:
            tail_from = a.mention.end
        tail_from = skip_adverbials(text, tail_from, q.open_at)
        if cues.needs_object(cues.base_of(text[a.cue_start:a.cue_end])):
            m = re.match(r"\s{1,16}(?:reporters|journalists|me|us|him|her|them|the\s{1,16}\w+|an?\s{1,16}\w+|[A-Z][\w.’'&\-]*(?:\s{1,16}[A-Z][\w.’'&\-]*){0,3})",
                         text[tail_from:q.open_at])
            if m:
                tail_from = skip_adverbials(text, tail_from + m.end(), q.open_at)
        between = text[tail_from:q.open_at]
        if _INTRO_TAIL_RE.match(between) or _WHEN_ASKED_TAIL_RE.match(between):
            return a
        if a.mention is not None and a.mention.start >= a.cue_end and _RELATIVE_INTRO_RE.match(between):
            return a  # "Said Dorothy Poynter, who grew up with him, “…”"
        return None
    return None


def _headline_end(text: str, paras) -> int:
    """End of the headline (and deck) lines that open an article: short, without a full stop."""
    end = 0
    for p in paras[:3]:
        if len(paras) < 4 or p.end - p.start > 160 or text[p.end - 1] in ".!?\"”’»:" or p.boilerplate:
            break
        end = p.end
    return end


def _content_parts(text: str, a: Attribution) -> list[tuple[int, int]]:
    """The reported content, in the parts its cue interrupts: 'A, X said, B' is said as A and B
    (PolNeAR annotates an interrupted content as its fragments)."""
    lo = min(a.cue_start, a.mention.start if a.mention is not None else a.cue_start)
    hi = max(a.cue_end, a.mention.end if a.mention is not None else a.cue_end)
    if not (a.start < lo and hi < a.end):
        return [(a.start, a.end)]
    first_end = _trim(text, a.start, lo)
    rest = skip_adverbials(text, hi, a.end)
    while rest < a.end and (text[rest].isspace() or text[rest] in ",;:—–"):
        rest += 1
    if not (text[first_end:lo].strip()[:1] in (",", "—", "–") and any(c in text[hi:rest] for c in ",—–")):
        return [(a.start, a.end)]  # not set off on both sides: 'a line, which members said had …'
    parts = [(s, e) for s, e in ((a.start, first_end), (rest, a.end)) if _WORD_RE.search(text, s, e)]
    return parts or [(a.start, a.end)]


def _trim(text: str, s: int, e: int) -> int:
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".!?,;:"):
        e -= 1
    return e


def _ends_sentence(text: str, q: QuoteSpan) -> bool:
    return text[q.end - 1:q.end] in (".", "!", "?", "…")


def _near_quote(qspans, qi: int) -> bool:
    """Another quotation in the same paragraph, just before this one."""
    if qi == 0:
        return False
    prev, cur = qspans[qi - 1], qspans[qi]
    return prev.para == cur.para and cur.open_at - (prev.close_at if prev.closed else prev.end) < 120


def _lead_words(text: str, q: QuoteSpan, sentences) -> int:
    """Words of the sentence before the opening mark (0: the quote starts its sentence)."""
    s, _ = sentences.at(q.open_at)
    if s > q.open_at:
        return 0
    lead = text[s:q.open_at]
    if lead.rstrip().endswith((":", "—", "–")):
        return 0
    return len(_WORD_RE.findall(lead))


def _is_title(text: str, q: QuoteSpan, n_words: int) -> bool:
    if n_words > 7:
        return False
    words = span_words(text, q.start, q.end)
    caps = sum(1 for w in words if w[:1].isupper())
    small = sum(1 for w in words if w in ("of", "the", "and", "a", "an", "in", "on", "for", "to", "at"))
    return bool(words) and caps >= 2 and caps + small >= len(words) and caps >= 0.5 * len(words)


def _name_colon(text: str, q: QuoteSpan, sentences) -> Attribution | None:
    s, _ = sentences.at(q.open_at)
    lead_start = max(s, q.open_at - 60)
    if s > q.open_at:
        return None
    m = _NAME_COLON_RE.search(text, lead_start, q.open_at)
    if not m or m.start(1) != s and text[max(s, m.start(1) - 2):m.start(1)].strip() not in ("", "-", "—", "–"):
        return None
    name = m.group(1)
    men = Mention(m.start(1), m.end(1), name, "name")
    return Attribution(q.start, q.end, "cue", m.end(1), m.end(1) + 1, men, 0.75)


def _credit_line(text: str, q: QuoteSpan, paras) -> Attribution | None:
    """A paragraph that is all quotation, and the next paragraph only a dash and a name ('- Bernie
    Sanders.'): the name speaks, its dash is the cue. A dash and a name under words not in marks
    is a byline or a signature, not a speaker's credit ('- Amber Phillips.' under a blog entry)."""
    if not q.closed or q.para + 1 >= len(paras):
        return None
    para, nxt = paras[q.para], paras[q.para + 1]
    if text[para.start:q.open_at].strip() or text[q.close_at + 1:para.end].strip():
        return None
    line = text[nxt.start:nxt.end].rstrip()
    m = _CREDIT_LINE_RE.fullmatch(line)
    if m is None:
        return None
    name = m.group(1).rstrip(".")  # the sentence's full stop, not an initial
    a = nxt.start + m.start(1)
    men = Mention(a, a + len(name), name, "name")
    return Attribution(q.start, q.end, "cue", nxt.start + m.start(), nxt.start + m.start() + 1, men, 0.75)


def _scare_or_title(text: str, q: QuoteSpan, n_words: int) -> bool:
    """Scare quotes, nicknames and titles in quotation marks are not quotations."""
    inner = text[q.start:q.end]
    if n_words <= 3:
        return True
    ends_like_speech = inner.rstrip()[-1:] in ".!?,…—-" if inner.strip() else False
    if n_words <= 5 and not ends_like_speech:
        return True
    words = _WORD_RE.findall(inner)
    caps = sum(1 for w in words if w[:1].isupper())
    if not ends_like_speech and words and caps >= 0.6 * len(words):
        return True  # "The Steve Harvey Morning Show", "Make America Great Again"
    return not q.closed and n_words < 6


def _merge_groups(text: str, cands: list[_Candidate]) -> list[_Candidate]:
    """The paragraphs of one multi-paragraph quote become one span (boilerplate lines inside it
    included); its cue, wherever it was, attributes the whole."""
    out: list[_Candidate] = []
    last_of_group: dict[int, int] = {}
    n_merged: dict[int, int] = {}
    for c in cands:
        k = last_of_group.get(c.group, -1) if c.group >= 0 and c.kind == "direct" else -1
        if k >= 0 and k == len(out) - 1 and n_merged.get(c.group, 1) < 4 and not _is_label(text, c.start) \
                and not _is_label(text, out[k].start):
            n_merged[c.group] = n_merged.get(c.group, 1) + 1
            prev = out[k]
            prev.end = max(prev.end, c.end)
            prev.para = max(prev.para, c.para)
            if prev.att is None and c.att is not None:
                prev.att, prev.floating = c.att, False
            prev.base_conf = max(prev.base_conf, c.base_conf)
            continue
        if c.group >= 0 and c.kind == "direct":
            last_of_group[c.group] = len(out)
        out.append(c)
    return out


def _is_label(text: str, pos: int) -> bool:
    """A transcript line ("PENCE: Well, …"): its own turn, never merged with the next."""
    lab = _LABEL_RE.match(text, pos, pos + 40)
    return bool(lab and lab.group(1).upper() == lab.group(1))


def _drop_overlaps(cands: list[_Candidate]) -> list[_Candidate]:
    out: list[_Candidate] = []
    for c in cands:
        if out and c.start < out[-1].end:
            prev = out[-1]
            ov = min(prev.end, c.end) - c.start
            if ov >= 0.5 * min(c.end - c.start, prev.end - prev.start):
                if c.base_conf > prev.base_conf:
                    out[-1] = c
                continue
        out.append(c)
    return out


def _to_quote(text: str, c: _Candidate, work: str) -> ExtractedQuote:
    """The quote of candidate ``c`` found in ``work``: its words and evidence cut from ``text``, the
    article as written (``work`` differs from it only in the case of title-case lines)."""
    a = c.att
    conf = c.quote_prob if c.quote_prob >= 0 else c.base_conf  # the quote model's probability
    cue = cue_span = mention = mention_span = None
    if a is not None:
        cue = text[a.cue_start:a.cue_end] or None
        cue_span = Span(a.cue_start, a.cue_end) if a.cue_end > a.cue_start else None
        if a.mention is not None:
            mention = a.mention.surface
            if mention == work[a.mention.start:a.mention.end]:
                mention = text[a.mention.start:a.mention.end]
            mention_span = Span(a.mention.start, a.mention.end)
    return ExtractedQuote(
        start=c.start,
        end=c.end,
        text=text[c.start:c.end],
        kind=c.kind,
        speakers=tuple(c.speakers),
        confidence=max(0.01, min(0.99, conf)),
        cue=cue,
        cue_span=cue_span,
        mention=mention,
        mention_span=mention_span,
        resolved_from=c.res.resolved_from if c.res is not None else None,
        floating=c.floating,
        speaker_kind=c.speaker_kind if c.speaker_kind in ("person", "organisation", "group") else "unknown",
    )


__all__ = ["extract_quotes", "extract_quotes_strict"]
