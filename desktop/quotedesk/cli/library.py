"""``quotedesk import`` and ``quotedesk export``: the library from the command line."""
from __future__ import annotations

import sys

from quotedesk.cli import CliError
from quotedesk.cli.common import add_db_option, open_store_or_fail


def register(sub, bench) -> None:
    p = sub.add_parser("import", help="import articles (.txt .md .html .docx .pdf .jsonl, or folders)")
    p.add_argument("paths", nargs="+", metavar="PATH")
    add_db_option(p)
    p.add_argument("--quiet", action="store_true", help="print only the summary and failures")
    p.add_argument("--no-match", action="store_true",
                   help="do not match the new quotes against earlier statements (faster bulk import)")
    p.set_defaults(func=_import)

    p = sub.add_parser("export", help="export quotes with article, speaker and date")
    add_db_option(p)
    p.add_argument("--format", choices=("csv", "json", "claimreview"), default="csv",
                   help="csv/json: the quotes, each with its earlier matches; claimreview: the "
                        "verdicts as ClaimReview JSON-LD (needs --org-name, --org-url, --review-url, "
                        "or --publisher FILE)")
    p.add_argument("--out", metavar="FILE", help="write here instead of standard output")
    p.add_argument("--publisher", metavar="FILE",
                   help="claimreview: the organisation from a file, JSON {name, url, logo_url, "
                        "review_url_pattern} or an ini [publisher] section (the window's settings "
                        "file); --org-* options override it")
    p.add_argument("--org-name", default="", help="claimreview: the publishing organisation")
    p.add_argument("--org-url", default="", help="claimreview: the organisation's web address")
    p.add_argument("--org-logo", default="", help="claimreview: the organisation's logo address")
    p.add_argument("--review-url", default="", metavar="PATTERN",
                   help="claimreview: each review's address, {id} = statement id, {date} = review "
                        "date, e.g. https://news.example/checks/{id}")
    p.set_defaults(func=_export)


def _import(args) -> int:
    from quotedesk.core.importer import import_paths

    store = open_store_or_fail(args)
    if store.readonly:
        raise CliError(f"{store.path} is read-only: nothing can be imported into it")

    def on_item(name: str, outcome: str) -> None:
        if not args.quiet or not outcome.startswith(("imported", "already")):
            print(f"{name}: {outcome}", file=sys.stderr)

    try:
        report = import_paths(store, args.paths, on_item=on_item, match=not args.no_match)
    except KeyboardInterrupt:
        print("quotedesk: import interrupted; the articles imported so far are kept", file=sys.stderr)
        return 130
    finally:
        store.close()
    print(report.summary())
    if report.stopped:
        n = len(report.added)
        kept = (f"the {n} article{'s' if n != 1 else ''} imported before it {'are' if n != 1 else 'is'} "
                "kept" if n else "nothing of this batch was imported")
        print(f"quotedesk: the disk is full (the disk holding {store.path}): {report.failed[-1][0]} "
              f"and the rest of the batch were not imported; {kept}. Free some space and run the same "
              "command again (articles already imported are skipped).", file=sys.stderr)
        return 2
    return 1 if report.failed and not report.added and not report.duplicates else 0


def _export(args) -> int:
    from quotedesk.core.exporting import export_file, export_stream
    from quotedesk.core.output import write_error

    if args.format == "claimreview":
        return _export_claimreview(args)
    store = open_store_or_fail(args)
    try:
        if args.out:
            try:
                n = export_file(store, args.out, args.format, earlier=True)
            except OSError as exc:
                raise CliError(write_error(args.out, exc)) from exc
            print(f"{n} quotes written to {args.out}", file=sys.stderr)
        else:
            export_stream(store, sys.stdout, args.format, earlier=True)
    finally:
        store.close()
    return 0


def _export_claimreview(args) -> int:
    from quotedesk.core.matching.claimreview import (Publisher, export_claimreview, html_safe_json,
                                                     publisher_from_file)
    from quotedesk.core.matching.verdicts import verdict_rows
    from quotedesk.core.output import write_error

    base = Publisher()
    if args.publisher:
        try:
            base = publisher_from_file(args.publisher)
        except ValueError as exc:
            raise CliError(str(exc)) from exc
    pub = Publisher(args.org_name or base.name, args.org_url or base.url,
                    args.org_logo or base.logo_url, args.review_url or base.review_url_pattern)
    missing = pub.missing()
    if missing:
        raise CliError("ClaimReview needs " + "; ".join(missing)
                       + " (options --org-name, --org-url, --review-url, or --publisher FILE)")
    store = open_store_or_fail(args)
    notes: list[str] = []
    try:
        rows = verdict_rows(store)
        try:
            items = export_claimreview(rows, pub, args.out, notes)
        except OSError as exc:
            raise CliError(write_error(args.out, exc)) from exc
    finally:
        store.close()
    for line in notes:
        print(f"quotedesk: {line}", file=sys.stderr)
    if args.out:
        print(f"{len(items)} reviews written to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(html_safe_json(items, indent=2) + "\n")
    return 0
