"""The store: one SQLite file, reached through sqlite-utils, migrated at start-up.

Modules: ``db`` (opening, pragmas, transactions, version check), ``migrations`` (schema),
``articles``, ``speakers``, ``quotes`` (queries and writes), ``edits`` (invertible user edits).
"""
from quotedesk.core.store.db import Store, StoreError, open_store

__all__ = ["Store", "StoreError", "open_store"]
