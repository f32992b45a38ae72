"""Speaker colours: a stable hue per speaker (hash of the id), shaded for the current palette.

The hue comes from ``crc32`` of the speaker id (not Python's salted ``hash``), so a speaker keeps
its colour between sessions. Lightness depends on whether the palette is dark, so the
background stays readable under the palette's text colour in both light and dark themes.
"""
from __future__ import annotations

import zlib
from functools import lru_cache

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

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


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@lru_cache(maxsize=4096)
def _shade(hue: float | None, sat: float, light: float, against: str, minimum: float, step: float) -> QColor:
    """The colour of this hue nearest to ``light`` that keeps ``minimum`` contrast with ``against``."""
    other = QColor(against)
    colour = QColor.fromHslF(hue or 0.0, sat if hue is not None else 0.0, light)
    while contrast(colour, other) < minimum and 0.02 < light < 0.98:
        light += step
        colour = QColor.fromHslF(hue or 0.0, sat if hue is not None else 0.0, light)
    return colour


def _hue(key) -> float | None:
    return None if key is None else speaker_hue(key)


def speaker_color(key: int | str | None, *, dark: bool | None = None) -> QColor:
    """Background colour for a speaker's quotes (grey when ``key`` is None): light tints under
    dark text, deep shades under light text, each with a WCAG contrast of at least 7 : 1."""
    if dark is None:
        dark = is_dark()
    if dark:
        return _shade(_hue(key), 0.5, 0.28, "#e6e6e6", 7.0, -0.01)
    return _shade(_hue(key), 0.75, 0.86, "#000000", 7.0, +0.01)


def speaker_accent(key: int | str | None, *, dark: bool | None = None) -> QColor:
    """A stronger shade of the same hue, for the selected quote (under white text in light themes,
    black text in dark ones, at least 4.5 : 1) and for swatches."""
    if dark is None:
        dark = is_dark()
    if dark:
        return _shade(_hue(key), 0.7, 0.62, "#000000", 4.5, +0.01)
    return _shade(_hue(key), 0.7, 0.42, "#ffffff", 4.5, -0.01)
