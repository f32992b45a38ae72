"""Themes: ``system`` (the platform palette), ``light`` and ``dark`` (Fusion palettes), each plus
the ``.qss`` files in ``resources/themes`` (``base.qss`` always, then ``<theme>.qss`` if present)."""
from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from quotedesk.core.paths import resources_dir

_SYSTEM: dict = {}


def _dark_palette() -> QPalette:
    p = QPalette()
    c = QPalette.ColorRole
    for role, colour in ((c.Window, "#26292e"), (c.WindowText, "#e6e6e6"), (c.Base, "#1d1f23"),
                         (c.AlternateBase, "#24272c"), (c.Text, "#e6e6e6"), (c.Button, "#30343a"),
                         (c.ButtonText, "#e6e6e6"), (c.Highlight, "#3d6fb6"), (c.HighlightedText, "#ffffff"),
                         (c.ToolTipBase, "#30343a"), (c.ToolTipText, "#e6e6e6"), (c.PlaceholderText, "#8a8f98"),
                         (c.Link, "#74a7f0"), (c.BrightText, "#ff6b6b"), (c.Mid, "#3a3e45"), (c.Dark, "#15171a")):
        p.setColor(role, QColor(colour))
    p.setColor(QPalette.ColorGroup.Disabled, c.Text, QColor("#80848c"))
    p.setColor(QPalette.ColorGroup.Disabled, c.ButtonText, QColor("#80848c"))
    return p


def _light_palette() -> QPalette:
    style = QStyleFactory.create("Fusion")
    return style.standardPalette()


def stylesheet(theme: str) -> str:
    folder = resources_dir() / "themes"
    parts = []
    for name in ("base.qss", f"{theme}.qss"):
        path = folder / name
        if path.is_file():
            parts.append(path.read_text(encoding="utf-8"))
    return "\n".join(parts)


def apply_theme(app: QApplication, theme: str) -> None:
    """Switch palette and stylesheet; views re-read colours when they repaint."""
    if not _SYSTEM:
        _SYSTEM["style"] = app.style().name()
    if theme == "dark":
        app.setStyle("Fusion")
        app.setPalette(_dark_palette())
    elif theme == "light":
        app.setStyle("Fusion")
        app.setPalette(_light_palette())
    else:
        app.setStyle(_SYSTEM["style"])
        # an empty palette (nothing resolved) makes the application follow the platform's palette
        # again, including a later switch of the desktop between light and dark
        app.setPalette(QPalette())
    app.setStyleSheet(stylesheet(theme))
