"""ClaimReview JSON-LD that a fact-check search engine accepts, and that is safe inside HTML.

Decides: which properties each record carries (:data:`REQUIRED`, Google's fact-check markup
required and recommended properties), who publishes (:class:`Publisher`: organisation name,
URL, logo, review URL pattern), which URLs may appear (http and https only; any other is
dropped with a message naming the record), and how the JSON is written (``<``, ``>`` and ``&``
as ``\\u003c`` etc., so quote text can never close a ``<script>`` element or open a comment).
Pure functions; no Qt.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from quotedesk.core.output import atomic_write_text

#: ClaimReview ``ratingValue`` (1 = worst, 5 = best) for the standard labels.
RATING = {"false": 1, "mostly false": 2, "misleading": 2, "mostly true": 4, "true": 5}

#: Properties every exported record must have (dotted paths; Google's fact-check markup:
#: required claimReviewed, reviewRating(.alternateName), url, author.name; recommended
#: author.url, datePublished, itemReviewed as Claim with author, datePublished, appearance).
REQUIRED = (
    "claimReviewed", "reviewRating", "reviewRating.alternateName", "url", "author",
    "author.@type=Organization", "author.name", "author.url", "datePublished", "itemReviewed",
    "itemReviewed.@type=Claim", "itemReviewed.author", "itemReviewed.author.name",
    "itemReviewed.datePublished", "itemReviewed.appearance", "itemReviewed.appearance.url",
)

#: Placeholders of a review URL pattern (``https://news.example/checks/{id}``).
PLACEHOLDERS = ("{id}", "{date}")


@dataclass(frozen=True)
class Publisher:
    """Who publishes the reviews, and where each review lives."""

    name: str = ""
    url: str = ""
    logo_url: str = ""
    #: e.g. ``https://news.example/checks/{id}``; ``{id}`` = statement id, ``{date}`` = review date
    review_url_pattern: str = ""

    def missing(self) -> list[str]:
        """What must still be given before the reviews can be published (in words)."""
        out = []
        if not self.name.strip():
            out.append("the organisation's name")
        if not http_url(self.url):
            out.append("the organisation's web address (http or https)")
        pattern = self.review_url_pattern.strip()
        if not pattern or not http_url(pattern.replace("{id}", "x").replace("{date}", "x")):
            out.append("the review web address pattern (http or https, e.g. "
                       "https://news.example/checks/{id})")
        elif "{id}" not in pattern:
            out.append("{id} in the review web address pattern (each review needs its own address)")
        return out

    def review_url(self, statement_id: str, date: str) -> str:
        from urllib.parse import quote

        return (self.review_url_pattern.strip().replace("{id}", quote(statement_id, safe=""))
                .replace("{date}", quote(date, safe="")))


#: the keys a publisher file holds (JSON object keys, or ``[publisher]`` keys of an ini file)
PUBLISHER_KEYS = ("name", "url", "logo_url", "review_url_pattern")


def publisher_from_file(path: str | Path) -> Publisher:
    """The publisher in a JSON file (``{"name": …, "url": …, "logo_url": …,
    "review_url_pattern": …}``) or an ini file with a ``[publisher]`` section (the window's
    settings file is one). Raises ``ValueError`` naming the file and what is wrong."""
    import configparser

    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read the publisher file ({exc})") from exc
    if path.suffix.lower() == ".json" or raw.lstrip().startswith("{"):
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: line {exc.lineno}: not valid JSON ({exc.msg})") from exc
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a JSON object with the keys "
                             + ", ".join(PUBLISHER_KEYS))
    else:
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read_string(raw, source=str(path))
        except configparser.Error as exc:
            raise ValueError(f"{path}: not a valid ini file ({exc.message.splitlines()[0]})") from exc
        if not parser.has_section("publisher"):
            raise ValueError(f"{path}: no [publisher] section (keys: {', '.join(PUBLISHER_KEYS)})")
        data = dict(parser.items("publisher"))
    unknown = sorted(set(data) - set(PUBLISHER_KEYS))
    if unknown:
        raise ValueError(f"{path}: unknown key {unknown[0]!r} (known: {', '.join(PUBLISHER_KEYS)})")
    bad = [k for k in PUBLISHER_KEYS if k in data and not isinstance(data[k], str)]
    if bad:
        raise ValueError(f"{path}: {bad[0]!r} must be text")
    return Publisher(**{k: data.get(k, "").strip() for k in PUBLISHER_KEYS})


def http_url(value: str | None) -> bool:
    """An absolute http(s) URL with a host (``javascript:``, ``file:``, ``data:`` are not)."""
    if not value or not isinstance(value, str) or any(c.isspace() or ord(c) < 32 for c in value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def claimreview(row: dict, publisher: Publisher, notes: list[str] | None = None) -> dict:
    """One verdict row (see ``verdicts.verdict_rows``) as a ClaimReview object. A URL that is not
    http(s) is left out and a line saying so is appended to ``notes``."""
    notes = notes if notes is not None else []
    sid = row["statement_id"]

    def url_or_note(value, what):
        if not value:
            return None
        if http_url(value):
            return value
        notes.append(f"verdict on {sid}: {what} {value[:80]!r} left out (only http and https "
                     "addresses are published)")
        return None

    rating = {"@type": "Rating", "alternateName": row["label"]}
    if row["label"].lower() in RATING:
        rating.update(ratingValue=RATING[row["label"].lower()], bestRating=5, worstRating=1)
    claim: dict = {"@type": "Claim"}
    if row.get("speaker"):
        authors = [{"@type": "Person", "name": n} for n in row["speaker"].split(" & ")]
        claim["author"] = authors[0] if len(authors) == 1 else authors
    if row.get("date"):
        claim["datePublished"] = row["date"]
    appearance_url = url_or_note(row.get("url"), "the statement's address")
    if appearance_url or row.get("source"):
        appearance: dict = {"@type": "CreativeWork"}
        if appearance_url:
            appearance["url"] = appearance_url
        if row.get("source"):
            appearance["publisher"] = {"@type": "Organization", "name": row["source"]}
        claim["appearance"] = appearance
    author: dict = {"@type": "Organization", "name": publisher.name or "Quotedesk user"}
    if url_or_note(publisher.url, "the organisation's address"):
        author["url"] = publisher.url
    if url_or_note(publisher.logo_url, "the logo address"):
        author["logo"] = {"@type": "ImageObject", "url": publisher.logo_url}
    date = (row.get("decided_at") or "")[:10]
    out = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": row["text"],
        "itemReviewed": claim,
        "reviewRating": rating,
        "author": author,
        "datePublished": date,
        "identifier": sid,
    }
    if publisher.review_url_pattern:
        url = url_or_note(publisher.review_url(sid, date), "the review address")
        if url:
            out["url"] = url
    if row.get("note"):
        out["reviewBody"] = row["note"]
    return out


def _get(obj, path: str):
    for part in path.split("."):
        if isinstance(obj, list):
            obj = obj[0] if obj else None
        if not isinstance(obj, dict):
            return None
        obj = obj.get(part)
    return obj


def missing_properties(record: dict) -> list[str]:
    """The entries of :data:`REQUIRED` that ``record`` lacks (empty: publishable)."""
    out = []
    for need in REQUIRED:
        path, _, typ = need.partition("=")
        value = _get(record, path)
        if isinstance(value, list):
            value = value[0] if value else None
        if value in (None, "", {}) or (typ and value != typ):
            out.append(need)
    for path in ("url", "author.url", "itemReviewed.appearance.url", "author.logo.url"):
        value = _get(record, path)
        if value is not None and not http_url(value):
            out.append(f"{path} (not http/https)")
    return out


def html_safe_json(obj, **kwargs) -> str:
    """JSON that can sit inside ``<script type="application/ld+json">``: ``<``, ``>`` and ``&``
    only ever occur inside strings in JSON, so writing them as ``\\u003c`` etc. keeps the value
    and leaves no ``</script>`` or ``<!--`` in the text."""
    text = json.dumps(obj, ensure_ascii=False, **kwargs)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def export_claimreview(rows: list[dict], publisher: Publisher, path: str | Path | None = None,
                       notes: list[str] | None = None) -> list[dict]:
    """Every verdict row as ClaimReview; written (whole or not at all) to ``path`` if given.
    ``notes`` receives one line per dropped URL and per record that lacks a property of
    :data:`REQUIRED` (the record is still written: its verdict is not lost)."""
    notes = notes if notes is not None else []
    items = []
    for row in rows:
        item = claimreview(row, publisher, notes)
        lacking = missing_properties(item)
        if lacking:
            notes.append(f"verdict on {row['statement_id']}: not publishable yet, lacks "
                         + ", ".join(lacking))
        items.append(item)
    if path is not None:
        atomic_write_text(path, html_safe_json(items, indent=2) + "\n")
    return items
