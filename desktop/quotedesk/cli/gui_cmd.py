"""``quotedesk gui`` (also the default with no command): start the desktop app."""
from __future__ import annotations

from quotedesk.cli.common import add_db_option


def register(sub, bench) -> None:
    p = sub.add_parser("gui", help="start the desktop app (the default)")
    add_db_option(p)
    p.add_argument("--no-seeds", action="store_true",
                   help="do not load the bundled sample articles into a new database")
    p.add_argument("files", nargs="*", metavar="FILE", help="articles to import at start")
    p.set_defaults(func=_gui)


def _gui(args) -> int:
    from quotedesk.cli.common import db_path
    from quotedesk.gui.app import run

    return run(db_path(args), seed=not args.no_seeds, files=args.files)
