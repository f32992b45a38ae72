"""``quotedesk extract`` and ``quotedesk bench extract``.

Contract (other tools call it): ``quotedesk extract INPUT… [--out FILE]``; INPUT is a .txt/.md/.html
article or a .jsonl file of ``{"id", "text"}`` lines. Output is JSON Lines, one line per document:
``{"id", "quotes": [{"start", "end", "text", "speaker", "kind", "cue", "confidence", …}]}`` with
code-point offsets into the document text (for .jsonl, the given text unchanged). The id of a
file is its stem.

Start-up matters (measuring tools call it once per batch): this module imports nothing heavy, and
the ingest readers are imported only when a non-JSONL file is given.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from quotedesk.cli import CliError

_ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


def register(sub, bench) -> None:
    p = sub.add_parser(
        "extract",
        help="find quotations and their speakers in articles; print JSON Lines",
        description="Find every quotation in the given articles and attribute it to its speaker. "
        "INPUT is a .txt, .md or .html article, or a .jsonl file of {\"id\", \"text\"} lines. "
        "Writes one JSON line per document: {\"id\", \"quotes\": [...]}.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="article file(s) or .jsonl batch(es)")
    p.add_argument("--out", metavar="FILE", help="write JSON Lines here instead of standard output")
    p.set_defaults(func=run_extract)

    b = bench.add_parser(
        "extract",
        help="articles/s and MB/s of quote extraction, in process and as a whole command",
        description="Measure quote extraction speed on one core over a synthetic news corpus "
        "(or --corpus FILE.jsonl): in-process, whole `quotedesk extract` process, and linearity.",
    )
    b.add_argument("--articles", type=int, default=1000, help="articles in the synthetic corpus (default 1000)")
    b.add_argument("--runs", type=int, default=5, help="runs per measurement; the median is reported (default 5)")
    b.add_argument("--corpus", metavar="FILE.jsonl", help="use this corpus instead of a synthetic one")
    b.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    b.set_defaults(func=run_bench)


# -- extract ---------------------------------------------------------------------------------
def _iter_jsonl(path: Path):
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with fh:
        try:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise CliError(f"{path}: bad JSON on line {n}: {exc.msg} (column {exc.colno})") from exc
                if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
                    raise CliError(f"{path}: line {n} is not an object with a \"text\" string")
                doc_id = obj.get("id")
                yield (str(doc_id) if doc_id is not None else f"{path.stem}:{n}"), obj["text"]
        except UnicodeDecodeError as exc:
            raise CliError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _read_article(path: Path) -> str:
    try:
        from quotedesk.core.ingest import IngestError, read_path
    except ImportError:
        read_path = None
    if read_path is not None:
        try:
            return read_path(path).text
        except IngestError as exc:
            raise CliError(str(exc)) from exc
    if path.suffix.lower() != ".txt":
        raise CliError(f"{path}: cannot read {path.suffix} files (the ingest module is missing)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if b"\x00" in data[:8192]:
        raise CliError(f"{path}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _documents(inputs: list[str]):
    for raw in inputs:
        path = Path(raw)
        if not path.exists():
            raise CliError(f"no such file: {raw}")
        if path.is_dir():
            raise CliError(f"{raw} is a folder; give article files or a .jsonl file")
        suffix = path.suffix.lower()
        if suffix == ".jsonl":
            yield from _iter_jsonl(path)
        elif suffix in _ARTICLE_SUFFIXES:
            yield path.stem, _read_article(path)
        else:
            raise CliError(f"{raw}: unsupported file type {suffix or '(none)'}; "
                           "use .txt, .md, .html or .jsonl")


def run_extract(args) -> int:
    import gc

    # a short-lived batch process that makes no reference cycles: skip the collector's rescans
    gc.disable()

    docs = _documents(args.inputs)
    if not args.out:
        _write_records(docs, sys.stdout)
        sys.stdout.flush()
        return 0
    from quotedesk.core.output import atomic_write, write_error

    try:
        with atomic_write(args.out) as out:  # a failed run leaves an earlier --out file intact
            _write_records(docs, out)
    except OSError as exc:
        raise CliError(write_error(args.out, exc)) from exc
    return 0


def _write_records(docs, out) -> None:
    from quotedesk.core.attribution import extract_quotes
    from quotedesk.core.output import json_dumps

    for doc_id, text in docs:
        record = {"id": doc_id, "quotes": [q.to_json() for q in extract_quotes(text)]}
        try:
            out.write(json_dumps(record) + "\n")
        except UnicodeEncodeError:
            # lone surrogates (possible in JSON input): write them as \uXXXX escapes
            out.write(json.dumps(record) + "\n")


# -- bench -----------------------------------------------------------------------------------
def run_bench(args) -> int:
    from quotedesk.core import extract_bench as bench

    if args.articles < 1 or args.runs < 1:
        raise CliError("--articles and --runs must be at least 1")
    corpus = None
    if args.corpus:
        path = Path(args.corpus)
        if not path.exists():
            raise CliError(f"no such file: {args.corpus}")
        corpus = [text for _, text in _iter_jsonl(path)]
        if not corpus:
            raise CliError(f"{args.corpus}: no documents")
    res = bench.run(n_articles=args.articles, runs=args.runs, corpus=corpus)
    if getattr(args, "json", False):
        print(json.dumps(res))
    else:
        print(bench.format_report(res))
    return 0


__all__ = ["register", "run_extract", "run_bench"]
