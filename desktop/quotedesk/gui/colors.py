"""Speaker colours: a stable hue per speaker (hash of the id), shaded for the current palette.

The hue comes from ``crc32`` of the speaker id (not Python's salted ``hash``), so a speaker keeps
its colour between sessions. Lightness depends on whether the palette is dark, so the
background stays readable under the palette's text colour in both light and dark themes.
"""
from __future__ import annotations

import zlib

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

#: Colour for quotes with no speaker.
_UNKNOWN_HUE = None


def is_dark(palette: QPalette | None = None) -> bool:
    """True when the palette's base (text background) colour is dark."""
    if palette is None:
        app = QApplication.instance()
        palette = app.palette() if app is not None else QPalette()
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def speaker_hue(key: int | str) -> float:
    """A hue in [0, 1) for a speaker id or name, the same in every session."""
    digest = zlib.crc32(str(key).encode("utf-8"))
    # golden-ratio spreading keeps consecutive ids apart
    return ((digest & 0xFFFF) / 0x10000 + (digest >> 16) * 0.618033988749895) % 1.0


def speaker_color(key: int | str | None, *, dark: bool | None = None) -> QColor:
    """Background colour for a speaker's quotes (grey when ``key`` is None)."""
    if dark is None:
        dark = is_dark()
    if key is None:
        return QColor.fromHslF(0.0, 0.0, 0.32 if dark else 0.86)
    return QColor.fromHslF(speaker_hue(key), 0.55 if dark else 0.75, 0.30 if dark else 0.85)


def speaker_accent(key: int | str | None, *, dark: bool | None = None) -> QColor:
    """A stronger shade of the same hue, for outlines, swatches and the selected quote."""
    if dark is None:
        dark = is_dark()
    if key is None:
        return QColor.fromHslF(0.0, 0.0, 0.6 if dark else 0.45)
    return QColor.fromHslF(speaker_hue(key), 0.7, 0.62 if dark else 0.42)
