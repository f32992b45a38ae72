"""The ``quotedesk`` command line: the GUI with no arguments, or a subcommand.

Each subcommand lives in its own module with a ``register(subparsers, bench)`` function that adds
its parser (and, optionally, a ``quotedesk bench <name>`` benchmark to ``bench``). Handlers import
what they need lazily, so that ``quotedesk extract`` starts fast: it is called once per batch by
measuring tools and its start-up counts.
"""
from __future__ import annotations

import argparse
import importlib
import sys

#: Modules that contribute subcommands, in help order.
_COMMAND_MODULES = (
    "quotedesk.cli.gui_cmd",
    "quotedesk.cli.extract",
    "quotedesk.cli.library",
    "quotedesk.cli.statements",
    "quotedesk.cli.bench_gui",
    "quotedesk.cli.bench_import",
)


class CliError(Exception):
    """A failure to report to the user as one clear line, with exit status 2 (or ``code``)."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quotedesk",
        description="Find, attribute, review and match quotations in news articles. "
        "With no command, starts the desktop app.",
    )
    from quotedesk import __version__

    parser.add_argument("--version", action="version", version=f"quotedesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    bench_parser = sub.add_parser("bench", help="measure speed: extraction, matching, GUI")
    bench = bench_parser.add_subparsers(dest="bench_command", metavar="WHAT", required=True)
    for name in _COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a module not written yet
            if exc.name != name:
                raise
            continue
        module.register(sub, bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; every line it prints is terminal-safe (see :mod:`quotedesk.cli.terminal`)."""
    from quotedesk.cli.terminal import safe_streams

    with safe_streams():
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        args = parser.parse_args(["gui", *argv])
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"quotedesk: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("quotedesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file or disk problem no command caught: one line, not a traceback
        print(f"quotedesk: {_describe_os_error(exc)}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a full disk met anywhere is said as such
        message = _describe_store_error(exc, args)
        if message is None:
            raise
        print(f"quotedesk: {message}", file=sys.stderr)
        return 2


def _describe_store_error(exc: Exception, args) -> str | None:
    """One line for a database problem no command caught (the disk is full, the database stayed
    locked by another program, damage the bounded check on opening did not reach), else ``None``."""
    import sqlite3
    from pathlib import Path

    from quotedesk.core.store.db import StoreError, damaged_error, is_damage

    if isinstance(exc, StoreError):  # a full disk, another program holding the lock, ...
        return str(exc)
    if is_damage(exc):
        from quotedesk.cli.common import db_path

        return str(damaged_error(Path(db_path(args)), f"SQLite says: {exc}"))
    if isinstance(exc, sqlite3.Error) and getattr(exc, "sqlite_errorcode", 0) == 13:
        return ("the disk is full: free some space and run the command again "
                "(what was saved before is kept)")
    return None


def _describe_os_error(exc: OSError) -> str:
    import errno

    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return ("the disk is full: free some space and run the command again "
                "(what was saved before is kept)")
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc}"

