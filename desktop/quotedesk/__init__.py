"""Quotedesk: find, attribute, review and match quotations in news articles.

The package is split so that the folders show the architecture:

* ``quotedesk.core`` -- ingest, attribution, store and matching; pure Python, never imports Qt.
* ``quotedesk.gui`` -- the PySide6 desktop application, built on the core.
* ``quotedesk.cli`` -- the ``quotedesk`` command line, built on the same core.
"""
__version__ = "0.1.0"
