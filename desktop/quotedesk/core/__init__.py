"""Qt-free core of Quotedesk: ingest, attribution, store, matching.

Nothing under this package may import PySide6 or ``quotedesk.gui``; an import-linter
contract in ``pyproject.toml`` and ``tests/core/test_layering.py`` enforce it.
"""
