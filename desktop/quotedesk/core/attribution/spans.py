"""Stage 1: paragraphs, boilerplate lines and quotation-mark spans.

Everything here is a single left-to-right pass over the text (linear time). A quotation is
found paragraph by paragraph, so an unbalanced mark can never swallow more than the rest of
its own paragraph. A quote that runs over several paragraphs (the opening mark repeated at
the start of each paragraph, the closing mark only at the end) is returned as one fragment
per paragraph sharing a ``group`` number; boilerplate lines between its paragraphs
("Story continues below advertisement", captions) are stepped over.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

#: Quotation marks we recognise. Straight single quotes are apostrophes far more often than
#: quotation marks, so only the doubled form ``''`` (and `````) is read as a mark.
#: (A flat alternation of literals, not a character class: the regex engine then skips straight
#: to the next mark instead of trying every position, 2.5x faster.)
_MARK_RE = re.compile(r"\"|“|”|„|‟|«|»|‘|’|''|``")
#: The double marks alone (the quoted fragments inside a clause, as the clause-end and quote
#: models count them; literals only, for the same reason).
DOUBLE_MARK_RE = re.compile(r"\"|“|”|«|»|''|``")
_LINE_RE = re.compile(r"[^\n\r\u2028\u2029]+")
_BOILERPLATE_RE = re.compile(
    r"(?i)\W*(?:story continues below|advertisement\b|continue reading|read more\b|"
    r"related\b|click here|sign up\b|subscribe\b|follow us\b|share this|"
    r"\[?photo\b|photo:|image:|image caption|\(?getty images|©|copyright\b|"
    r"watch:|listen:|video:|also read|recommended\b|sponsored\b|this story (?:has been|was)|"
    r"report(?:ing|ed) by\b|editing by\b|with files from\b|by [A-Z][a-z]+ [A-Z][a-z]+\s{0,16}$)"
)
#: A photo caption ends with its credit: "… speaks at a rally. (Marc Ouellet/MBN)"
_CREDIT_END_RE = re.compile(r"\((?:(?:Photo|Image|File)(?: by)?:?\s{0,16})?[A-Z][\w.’'\- ]{1,40}/[^()\n]{1,40}\)$|"
                            r"\((?:Photo|Image|File) (?:by|courtesy of|credit:?) [^()\n]{1,60}\)$")
_LOST_CLOSE_RE = re.compile(r"[,.!?](?=\s{1,16}(?:[A-Z][\w’'\-]+(?:\s{1,16}[A-Z][\w’'\-]+){0,2}|he|she|they)\s{1,16}"
                            r"(?:said|says|added|told|wrote|explained|insisted)\b)")
_OPENING_AFTER = set(" \t\n\r\u00a0([{<—–-/:;,\u2028\u2029") | {"", "\u201c", "\u2018", "\"", "«", "„"}
_DOUBLE_OPENERS = "“„‟«"


class Paragraph(NamedTuple):
    start: int
    end: int
    boilerplate: bool = False


@dataclass(slots=True)
class QuoteSpan:
    """One paragraph's share of a quotation in marks.

    ``start``/``end`` are the content between the marks (spaces trimmed); ``open_at`` is the
    offset of the opening mark and ``close_at`` of the closing one (-1 when the paragraph ended
    first). ``group`` is shared by the fragments of one multi-paragraph quote.
    """

    start: int
    end: int
    open_at: int
    close_at: int
    para: int
    group: int
    continues: bool = False  # the quote goes on in a later paragraph

    @property
    def closed(self) -> bool:
        return self.close_at >= 0


def paragraphs(text: str) -> list[Paragraph]:
    """Non-blank lines, with hard-wrapped lines (no end punctuation, next starts lower-case) joined."""
    out: list[Paragraph] = []
    boiler = _BOILERPLATE_RE.match
    for m in _LINE_RE.finditer(text):
        s, e = m.span()
        if text[s].isspace() or text[e - 1].isspace():
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if s == e:
                continue
        if out and text[s].islower() and _is_soft_wrap(text, out[-1], s):
            prev = out.pop()
            s = prev.start
        out.append(Paragraph(s, e, (e - s) < 160 and boiler(text, s, e) is not None
                             or (e - s) < 400 and text[e - 1] == ")" and _CREDIT_END_RE.search(text, s, e) is not None))
    return out


def _is_soft_wrap(text: str, prev: Paragraph, next_start: int) -> bool:
    """Whether the line starting (lower-case, as the caller checked) at ``next_start`` continues ``prev``."""
    gap = text[prev.end:next_start]
    if gap.count("\n") + gap.count("\r") > 1 and "\r\n" not in gap or gap.count("\n") > 1:
        return False  # a blank line: a real paragraph break
    return text[prev.end - 1] not in ".!?:;\"”’»)" and (prev.end - prev.start) > 40


def _prev_char(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else ""


def _next_char(text: str, j: int) -> str:
    return text[j] if j < len(text) else ""


def _opening_context(text: str, i: int, j: int) -> bool:
    """Mark at text[i:j] looks like an opening mark: space (or start) before, a non-space after."""
    after = _next_char(text, j)
    return _prev_char(text, i) in _OPENING_AFTER and after != "" and not after.isspace()


def _closing_context(text: str, i: int, j: int) -> bool:
    before = _prev_char(text, i)
    after = _next_char(text, j)
    return before != "" and not before.isspace() and (after == "" or not (after.isalnum()))


def find_quote_spans(text: str, paras: list[Paragraph] | None = None) -> list[QuoteSpan]:
    """All quotation-mark spans in reading order (one per paragraph fragment)."""
    if paras is None:
        paras = paragraphs(text)
    out: list[QuoteSpan] = []
    group = 0
    pending_group = -1  # group of a quote left open at the end of the previous paragraph
    for pi, para in enumerate(paras):
        if para.boilerplate:
            continue  # boilerplate (a caption, "ADVERTISEMENT"): never a quote; a running quote steps over it
        open_at = -1
        open_len = 0
        open_kind = ""  # "straight", "double", "single"
        depth = 0
        cur_gid = -1
        for m in _MARK_RE.finditer(text, para.start, para.end):
            mark = m.group()
            i, j = m.start(), m.end()
            if open_at < 0:
                if mark in "‘’":
                    if mark == "‘" and _opening_context(text, i, j):
                        open_at, open_len, open_kind = i, 1, "single"
                        cur_gid, group = group, group + 1
                    continue
                if mark == '"' and _prev_char(text, i).isdigit() and not _next_char(text, j).isalpha():
                    continue  # inches: 6'2"
                if mark in "”»''" and not _opening_context(text, i, j):
                    continue  # a stray closing mark
                if mark in "“\"" and _closing_context(text, i, j) and not _opening_context(text, i, j):
                    continue
                open_at, open_len, depth = i, j - i, 0
                if pending_group >= 0 and i == para.start:
                    cur_gid = pending_group
                else:
                    cur_gid, group = group, group + 1
                open_kind = "straight" if mark in ('"', "''", "``") else "double"
                continue
            # a quote is open: look for its end
            if open_kind == "single":
                if mark == "’" and _closing_context(text, i, j) and not _prev_char(text, i) == "s":
                    out.append(_span(text, open_at, open_len, i, pi, cur_gid))
                    pending_group, open_at = -1, -1
                continue
            if mark in "‘’":
                continue  # nested single quotes and apostrophes are content
            if open_kind == "straight":
                if mark in ('"', "''") or (mark == "”" and _closing_context(text, i, j)):
                    out.append(_span(text, open_at, open_len, i, pi, cur_gid))
                    pending_group, open_at = -1, -1
                elif mark in "“„«":
                    if _closing_context(text, i, j) and mark == "“":
                        out.append(_span(text, open_at, open_len, i, pi, cur_gid))
                        pending_group, open_at = -1, -1
                continue
            # curly or guillemet quote
            if mark in "”»" or (mark in ('"', "''") and not _opening_context(text, i, j)) or (
                mark == "“" and _closing_context(text, i, j) and not _opening_context(text, i, j)
            ):
                if depth > 0:
                    depth -= 1
                    continue
                out.append(_span(text, open_at, open_len, i, pi, cur_gid))
                pending_group, open_at = -1, -1
            elif mark in _DOUBLE_OPENERS and _opening_context(text, i, j):
                depth += 1
        if open_at >= 0:
            # unclosed at the end of the paragraph: a multi-paragraph quote, or an unbalanced mark
            gid = cur_gid
            frag = _span(text, open_at, open_len, -1, pi, gid, end=para.end)
            nxt = _next_real_para(paras, pi)
            if open_kind != "single" and nxt is not None and _starts_with_opener(text, nxt):
                frag.continues = True
                pending_group = gid
            else:
                pending_group = -1
                cm = _LOST_CLOSE_RE.search(text, frag.start, para.end)
                if cm is not None and cm.start() > frag.start:
                    # '„We are ready, Albers said, adding …': the closing mark was lost before the cue
                    frag = _span(text, open_at, open_len, cm.start(), pi, gid)
            out.append(frag)
        else:
            pending_group = -1
    return out


def _span(text: str, open_at: int, open_len: int, close_at: int, para: int, group: int,
          end: int | None = None) -> QuoteSpan:
    s = open_at + open_len
    e = close_at if close_at >= 0 else end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return QuoteSpan(s, e, open_at, close_at, para, group)


def _next_real_para(paras: list[Paragraph], pi: int) -> Paragraph | None:
    for k in range(pi + 1, min(len(paras), pi + 5)):
        if not paras[k].boilerplate:
            return paras[k]
    return None


def _starts_with_opener(text: str, para: Paragraph) -> bool:
    c = text[para.start]
    if c in "\"“„«‟":
        return True
    return text.startswith(("''", "``"), para.start)

