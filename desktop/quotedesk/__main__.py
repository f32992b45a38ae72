"""``python -m quotedesk``: same as the ``quotedesk`` command."""
from quotedesk.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
