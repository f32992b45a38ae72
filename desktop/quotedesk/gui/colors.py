"""Speaker colours: one slot of a fixed palette per speaker, the same in every session.

Decides which colour a speaker's quotes get. The palette (:data:`PALETTE_LIGHT`,
:data:`PALETTE_DARK`, one colour per slot in each theme) was chosen so that every two colours are
at least :data:`MIN_DELTA_E` apart (CIEDE2000), colours of neighbouring slots at least
:data:`MIN_NEIGHBOUR_DELTA_E`, each stands out from the theme's page background, and the theme's
text on it has a WCAG contrast of at least 7 : 1 (tests/gui/test_speaker_palette.py checks all
four). A speaker id takes slot ``id % N``, so speakers created one after the other (as an
article's speakers are) get neighbouring slots, i.e. clearly different colours, and no two
speakers whose ids differ by less than N share one; a name (no id) takes ``crc32 % N``.
Accents (selected quote, swatches) are a stronger shade of the slot's hue.
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


#: Light theme backgrounds (under black text), in slot order (neighbours far apart).
PALETTE_LIGHT = ("#6ef76e", "#f76ef7", "#f7e56e", "#a3a3e0", "#f7ae6e", "#6ec9f7", "#f0757d",
                 "#d2f9ec", "#f5d6e2", "#e3d4b5")
#: Dark theme backgrounds (under #e6e6e6 text), in slot order.
PALETTE_DARK = ("#18188b", "#344e0e", "#821757", "#1b3724", "#450c18", "#0e4a4e", "#792915",
                "#144571", "#392c18", "#2e1b37")
#: the guarantees the palettes were chosen for (CIEDE2000 colour difference)
MIN_DELTA_E = 12.0
MIN_NEIGHBOUR_DELTA_E = 18.0


def speaker_slot(key: int | str) -> int:
    """The palette slot of a speaker id (``id % N``) or name (``crc32 % N``)."""
    n = len(PALETTE_LIGHT)
    if isinstance(key, int):
        return key % n
    return zlib.crc32(str(key).encode("utf-8")) % n


def srgb_to_lab(colour: QColor) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour."""
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = lin(colour.redF()), lin(colour.greenF()), lin(colour.blueF())
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116
    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e2000(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:
    """CIEDE2000 colour difference (Sharma, Wu and Dalal 2005)."""
    import math

    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    cb = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(cb ** 7 / (cb ** 7 + 25 ** 7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0
    if c1p * c2p:
        dh = h2p - h1p
        dh = dh - 360 if dh > 180 else dh + 360 if dh < -180 else dh
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lbp, cbp = (l1 + l2) / 2, (c1p + c2p) / 2
    if not c1p * c2p:
        hbp = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        hbp = (h1p + h2p) / 2
    else:
        hbp = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(hbp - 30)) + 0.24 * math.cos(math.radians(2 * hbp))
         + 0.32 * math.cos(math.radians(3 * hbp + 6)) - 0.20 * math.cos(math.radians(4 * hbp - 63)))
    dth = 30 * math.exp(-(((hbp - 275) / 25) ** 2))
    rc = 2 * math.sqrt(cbp ** 7 / (cbp ** 7 + 25 ** 7))
    sl = 1 + 0.015 * (lbp - 50) ** 2 / math.sqrt(20 + (lbp - 50) ** 2)
    sc, sh = 1 + 0.045 * cbp, 1 + 0.015 * cbp * t
    rt = -math.sin(math.radians(2 * dth)) * rc
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2 + rt * (dc / sc) * (dhh / sh))


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
    """The hue of the speaker's palette slot (None: no speaker, grey)."""
    if key is None:
        return None
    return max(QColor(PALETTE_LIGHT[speaker_slot(key)]).hslHueF(), 0.0)


def speaker_color(key: int | str | None, *, dark: bool | None = None) -> QColor:
    """Background colour for a speaker's quotes (grey when ``key`` is None): light tints under
    dark text, deep shades under light text, each with a WCAG contrast of at least 7 : 1."""
    if dark is None:
        dark = is_dark()
    if key is None:
        return _shade(None, 0.0, 0.28 if dark else 0.86, "#e6e6e6" if dark else "#000000", 7.0,
                      -0.01 if dark else +0.01)
    return QColor((PALETTE_DARK if dark else PALETTE_LIGHT)[speaker_slot(key)])


def speaker_accent(key: int | str | None, *, dark: bool | None = None) -> QColor:
    """A stronger shade of the same hue, for the selected quote (under white text in light themes,
    black text in dark ones, at least 4.5 : 1) and for swatches."""
    if dark is None:
        dark = is_dark()
    if dark:
        return _shade(_hue(key), 0.7, 0.62, "#000000", 4.5, +0.01)
    return _shade(_hue(key), 0.7, 0.42, "#ffffff", 4.5, -0.01)
