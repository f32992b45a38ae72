"""``quotedesk statements import``, ``quotedesk match``, ``quotedesk rematch`` and ``quotedesk bench match``.

Contracts (used by measuring tools; keep them stable):

* ``statements import FILE.jsonl|FILE.csv [--db DB]``: bad rows on stderr as ``FILE:LINE: message``,
  a summary line on stderr, exit 0 when at least one row was kept (1 when none was).
* ``match QUERIES.jsonl [--db DB] [--top 5] [--out RUN.tsv]``: queries ``{"id", "text", "speaker"?}``;
  writes ``query_id<TAB>statement_id<TAB>rank<TAB>score`` lines (no header) to ``--out`` or stdout;
  statement ids are the imported ids (``q<id>`` for stored quotes).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def _db_file(value: str) -> Path:
    if not value.strip():
        raise argparse.ArgumentTypeError("empty; give the database file (or leave --db out for "
                                         "the default)")
    return Path(value)


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", type=_db_file, default=None,
                   help="database file (default: the app's database; env QUOTEDESK_DB overrides)")


def register(sub, bench) -> None:
    p = sub.add_parser("statements", help="statements recorded elsewhere: import")
    ssub = p.add_subparsers(dest="statements_command", metavar="ACTION", required=True)
    pi = ssub.add_parser("import", help="import statements from a .jsonl or .csv file "
                         "(fields: id, text, speaker?, date?, source?, title?, url?)")
    pi.add_argument("file", type=Path)
    _db_arg(pi)
    pi.add_argument("--quiet", "-q", action="store_true", help="no progress display")
    pi.add_argument("--no-vectors", action="store_true",
                    help="skip the sentence vectors (semantic index: 170-350 statements/s); "
                    "build them later with 'statements index'")
    pi.set_defaults(func=cmd_import)
    px = ssub.add_parser("index", help="compute the missing sentence vectors of statements and "
                         "quotes (the semantic index used by matching)")
    _db_arg(px)
    px.add_argument("--quiet", "-q", action="store_true", help="no progress display")
    px.set_defaults(func=cmd_index)
    pv = ssub.add_parser("verdicts", help="export the verdicts as ClaimReview JSON-LD (.json, "
                         ".jsonld) or CSV (.csv)")
    pv.add_argument("--export", type=Path, required=True, metavar="FILE")
    pv.add_argument("--publisher", default="Quotedesk user",
                    help="the organisation named as the reviews' author (ClaimReview)")
    _db_arg(pv)
    pv.set_defaults(func=cmd_verdicts)

    pm = sub.add_parser("match", help="match queries (JSONL: id, text, speaker?) against the "
                        "statement memory; writes a TSV run: query_id statement_id rank score")
    pm.add_argument("queries", type=Path)
    _db_arg(pm)
    pm.add_argument("--top", type=int, default=5)
    pm.add_argument("--out", type=Path, default=None, help="write the run here (default: stdout)")
    pm.add_argument("--no-quotes", action="store_true",
                    help="match against imported statements only, not stored quotes")
    pm.set_defaults(func=cmd_match)

    pr = sub.add_parser("rematch", help="re-match every stored quote (Ctrl+C cancels cleanly)")
    _db_arg(pr)
    pr.add_argument("--top", type=int, default=5)
    pr.set_defaults(func=cmd_rematch)

    pb = bench.add_parser("match", help="latency of matching 20 quotes against N synthetic "
                          "statements, with brute force for comparison")
    pb.add_argument("--statements", type=int, default=100_000, metavar="N")
    pb.add_argument("--db", type=Path, default=None,
                    help="benchmark database (default: a cached file per N in the temp folder)")
    pb.add_argument("--repeats", type=int, default=10, help="batches of 20 quotes to time")
    pb.add_argument("--brute-force-quotes", type=int, default=3,
                    help="quotes answered by brute force too (the slow part at large N)")
    pb.add_argument("--vectors", action="store_true",
                    help="compute the statements' sentence vectors (timed) and match with the "
                    "semantic stage too (default: lexical only)")
    pb.add_argument("--near", type=int, default=200, metavar="Q",
                    help="near-copy queries (a stored statement with one word replaced) whose "
                    "recall is reported (default 200)")
    pb.add_argument("--json", action="store_true", help="print the result as JSON")
    pb.set_defaults(func=cmd_bench)


def _open(path: Path | None, *, must_exist: bool = False):
    from quotedesk.cli import CliError
    from quotedesk.core.paths import default_db_path
    from quotedesk.core.store.db import StoreError, open_store

    if must_exist and path is not None and not Path(path).exists():
        raise CliError(f"no database at {path} (import statements into it first)")
    try:
        store = open_store(path if path is not None else default_db_path())
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    if store.notice:
        print(f"quotedesk: note: {store.notice}", file=sys.stderr)
    return store


class _Progress:
    """A one-line progress display on stderr (only when it is a terminal, or forced)."""

    def __init__(self, label: str, enabled: bool):
        from quotedesk.core.output import terminal_safe

        self.label, self.enabled, self.last = terminal_safe(label), enabled, -1.0
        self.t0 = time.perf_counter()

    def __call__(self, fraction: float) -> None:
        if not self.enabled or fraction - self.last < 0.01 and fraction < 1.0:
            return
        self.last = fraction
        end = "\n" if fraction >= 1.0 else ""
        from quotedesk.cli.terminal import raw_stderr  # the label is escaped; \r is ours

        print(f"\r{self.label}: {fraction * 100:5.1f}%  {time.perf_counter() - self.t0:6.1f} s",
              end=end, file=raw_stderr(), flush=True)


def cmd_import(args) -> int:
    from quotedesk.cli import CliError
    from quotedesk.core.store.statements import ImportFormatError, import_statements

    if not args.file.is_file():
        raise CliError(f"no such file: {args.file}")
    big = args.file.stat().st_size > 5_000_000
    store = _open(args.db)
    prog = _Progress(f"importing {args.file.name}", enabled=not args.quiet and big)
    try:
        report = import_statements(store, args.file, progress=prog)
    except ImportFormatError as exc:
        raise CliError(str(exc)) from exc
    except KeyboardInterrupt:
        print("\nquotedesk: import interrupted; the batches already read are kept", file=sys.stderr)
        return 130
    finally:
        store.close()
    for err in report.errors[:200]:
        print(f"{args.file}:{err.line}: {err.message}", file=sys.stderr)
    if len(report.errors) > 200:
        print(f"... and {len(report.errors) - 200} more bad rows", file=sys.stderr)
    print(f"imported {args.file.name}: {report.added} added, {report.updated} updated, "
          f"{report.unchanged} unchanged, {len(report.errors)} bad rows skipped", file=sys.stderr)
    if not args.no_vectors:
        _build_vectors(args.db, quiet=args.quiet)
    return 0 if report.kept or not report.errors else 1


def _build_vectors(db: Path | None, *, quiet: bool) -> int:
    """Compute the missing statement and quote vectors; returns 130 if interrupted."""
    from quotedesk.core.matching import semantic

    if not semantic.available():
        print(f"quotedesk: no semantic index ({semantic.unavailable_reason()}); matching is "
              "lexical only", file=sys.stderr)
        return 0
    store = _open(db)
    try:
        todo = len(semantic.missing_statements(store.conn))
        prog = _Progress("sentence vectors", enabled=not quiet and todo > 2_000)
        t0 = time.perf_counter()
        try:
            n = semantic.index_statements(store, progress=prog)
            n += semantic.index_quotes(store)
        except KeyboardInterrupt:
            print("\nquotedesk: indexing interrupted; the vectors computed so far are kept "
                  "('statements index' resumes)", file=sys.stderr)
            return 130
    finally:
        store.close()
    if n:
        print(f"semantic index: {n} vectors in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return 0


def cmd_index(args) -> int:
    return _build_vectors(args.db, quiet=args.quiet)


def cmd_verdicts(args) -> int:
    from quotedesk.cli import CliError
    from quotedesk.core.matching.verdicts import export_claimreview, export_csv, verdict_rows

    suffix = args.export.suffix.lower()
    if suffix not in (".json", ".jsonld", ".csv"):
        raise CliError("--export must end in .json, .jsonld or .csv")
    store = _open(args.db)
    try:
        if suffix == ".csv":
            export_csv(store, args.export)
            n = len(verdict_rows(store))
        else:
            n = len(export_claimreview(store, args.export, publisher=args.publisher))
    except OSError as exc:
        from quotedesk.core.output import write_error

        raise CliError(write_error(args.export, exc)) from exc
    finally:
        store.close()
    print(f"exported {n} verdicts to {args.export}", file=sys.stderr)
    return 0


def _read_queries(path: Path) -> list[dict]:
    """The queries of a JSONL file; a bad line is reported (``FILE:LINE: why``) and skipped."""
    from quotedesk.cli import CliError
    from quotedesk.core.output import has_control

    out, bad = [], []
    try:
        f = open(path, encoding="utf-8-sig")  # a UTF-8 byte order mark is not part of line 1
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from exc
    with f:
        n = 0
        while True:
            try:
                line = f.readline()
            except UnicodeDecodeError as exc:
                raise CliError(f"{path}:{n + 1}: not UTF-8 text ({exc.reason}); save the file "
                               "as UTF-8 and try again") from exc
            if not line:
                break
            n += 1
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                bad.append(f"{path}:{n}: not valid JSON")
                continue
            except RecursionError:
                bad.append(f"{path}:{n}: JSON nested too deeply")
                continue
            if not isinstance(obj, dict) or obj.get("id") is None or not isinstance(obj.get("text"), str):
                bad.append(f"{path}:{n}: a query needs an id and a text")
                continue
            if isinstance(obj["id"], (dict, list)) or has_control(str(obj["id"])):
                bad.append(f"{path}:{n}: the id must be a string or number without tabs, line "
                           "breaks or other control characters")
                continue
            sp = obj.get("speaker")
            if isinstance(sp, list) and all(isinstance(x, str) for x in sp):
                sp = " & ".join(sp)
            if sp is not None and not isinstance(sp, str):
                bad.append(f"{path}:{n}: \"speaker\" must be a name (a string) or a list of names")
                continue
            out.append({"id": str(obj["id"]), "text": obj["text"], "speaker": sp or None})
    for b in bad:
        print(b, file=sys.stderr)
    if not out and bad:
        raise CliError(f"no readable query in {path}")
    return out


def cmd_match(args) -> int:
    from quotedesk.cli import CliError
    from quotedesk.core.output import atomic_write, tsv_field, write_error

    if not args.queries.is_file():
        raise CliError(f"no such file: {args.queries}")
    if args.top < 1:
        raise CliError("--top must be at least 1")
    queries = _read_queries(args.queries)
    store = _open(args.db, must_exist=True)
    try:
        if args.out is None:
            _write_run(store, queries, args, sys.stdout, tsv_field)
            return 0
        try:
            with atomic_write(args.out) as out:  # a failed run leaves an earlier file intact
                _write_run(store, queries, args, out, tsv_field)
        except OSError as exc:
            raise CliError(write_error(args.out, exc)) from exc
    finally:
        store.close()
    return 0


def _write_run(store, queries: list[dict], args, out, field) -> None:
    """The TSV run, one ``query_id statement_id rank score`` line per match."""
    from dataclasses import replace

    from quotedesk.core.matching.service import (DEFAULT_OPTIONS, find_matches, lexical_reason,
                                                 query_vectors)

    opts = replace(DEFAULT_OPTIONS, use_quotes=not args.no_quotes)
    why = lexical_reason(store, opts)
    if why:
        print(f"quotedesk: lexical matching only: {why}", file=sys.stderr)
    vecs: list = []
    for i, q in enumerate(queries):
        if i % 64 == 0:  # sentence vectors by batches of 64 queries
            vecs = query_vectors(store, [x["text"] for x in queries[i:i + 64]], opts) or []
        prev = None
        qid = field(q["id"])
        for rank, m in enumerate(find_matches(store, q["text"], speaker=q["speaker"],
                                              top=args.top, options=opts,
                                              query_vector=vecs[i % 64] if vecs else None),
                                 start=1):
            # scorers order by the score column: keep tied matches in our rank order
            score = m.score if prev is None or m.score < prev else prev - 1e-4
            prev = score
            out.write(f"{qid}\t{field(m.statement_id)}\t{rank}\t{score:.4f}\n")


def cmd_rematch(args) -> int:
    from quotedesk.core.matching.service import rematch_all

    store = _open(args.db, must_exist=True)
    prog = _Progress("re-matching quotes", enabled=True)
    stop = {"flag": False}
    try:
        try:
            report = rematch_all(store, top=args.top, progress=prog, cancelled=lambda: stop["flag"])
        except KeyboardInterrupt:
            print("\nquotedesk: re-matching interrupted; quotes done so far keep their new matches",
                  file=sys.stderr)
            return 130
    finally:
        store.close()
    print(f"re-matched {report.quotes} quotes ({report.matched} with matches)", file=sys.stderr)
    return 0


def cmd_bench(args) -> int:
    from quotedesk.cli import CliError
    from quotedesk.core.matching.bench import format_report, run_bench

    try:
        res = run_bench(args.statements, db_path=args.db, repeats=args.repeats,
                        brute_force_quotes=args.brute_force_quotes, vectors=args.vectors, near=args.near,
                        log=lambda s: print(s, file=sys.stderr, flush=True))
    except RuntimeError as exc:
        raise CliError(str(exc)) from exc
    print(json.dumps(res, indent=2) if args.json else format_report(res))
    return 0
