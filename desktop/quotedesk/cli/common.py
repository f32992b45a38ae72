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

    return args.db or default_db_path()


def open_store_or_fail(args, *, readonly: bool = False):
    from quotedesk.core.store import StoreError, open_store

    try:
        return open_store(db_path(args), readonly=readonly)
    except StoreError as exc:
        raise CliError(str(exc)) from exc
