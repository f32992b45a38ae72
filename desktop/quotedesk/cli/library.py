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
    p.add_argument("--format", choices=("csv", "json"), default="csv")
    p.add_argument("--out", metavar="FILE", help="write here instead of standard output")
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
    return 1 if report.failed and not report.added and not report.duplicates else 0


def _export(args) -> int:
    from quotedesk.core.exporting import export_file, iter_quote_records, write_csv, write_json
    from quotedesk.core.output import write_error

    store = open_store_or_fail(args)
    try:
        if args.out:
            try:
                n = export_file(store, args.out, args.format)
            except OSError as exc:
                raise CliError(write_error(args.out, exc)) from exc
            print(f"{n} quotes written to {args.out}", file=sys.stderr)
        else:
            writer = write_csv if args.format == "csv" else write_json
            writer(iter_quote_records(store), sys.stdout)
    finally:
        store.close()
    return 0
