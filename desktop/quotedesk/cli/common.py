"""Helpers shared by the subcommands: the ``--db`` option and opening the store."""
from __future__ import annotations

import argparse

from quotedesk.cli import CliError


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="FILE",
                        help="the SQLite database (default: the one the desktop app uses; "
                             "env QUOTEDESK_DB overrides)")


def db_path(args):
    from quotedesk.core.paths import default_db_path

    if args.db is None:
        return default_db_path()
    if not str(args.db).strip():
        raise CliError("--db is empty; give the database file (or leave --db out for the default)")
    return args.db


def open_store_or_fail(args, *, readonly: bool = False):
    from quotedesk.core.store import StoreError, open_store

    try:
        store = open_store(db_path(args), readonly=readonly)
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    if store.notice:
        import sys

        print(f"quotedesk: note: {store.notice}", file=sys.stderr)
    return store
