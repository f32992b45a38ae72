"""Speaker colours keep apart from each other and from both themes' pages (issue 15, smaller items)."""
from __future__ import annotations

import itertools

import pytest
from PySide6.QtGui import QColor

from quotedesk.gui.colors import (MIN_DELTA_E, MIN_NEIGHBOUR_DELTA_E, PALETTE_DARK, PALETTE_LIGHT,
                                  contrast, delta_e2000, speaker_accent, speaker_color, srgb_to_lab)

#: (light theme: page, alternate rows, text), (dark theme: the same), as gui/theme.py sets them
THEMES = {False: ("#ffffff", "#f7f7f7", "#000000"), True: ("#1d1f23", "#24272c", "#e6e6e6")}


def lab(c) -> tuple[float, float, float]:
    return srgb_to_lab(QColor(c))


@pytest.mark.parametrize("lab1,lab2,expected", [
    # Sharma, Wu & Dalal (2005) CIEDE2000 test data, pairs 1, 3, 7, 17 and 25
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 2.8361, -74.0200), (50.0, 0.0, -82.7485), 3.4412),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
])
def test_delta_e2000_matches_the_published_test_data(lab1, lab2, expected):
    assert delta_e2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize("dark", [False, True])
def test_every_two_speaker_colours_are_clearly_different(dark):
    palette = PALETTE_DARK if dark else PALETTE_LIGHT
    assert len(set(palette)) == len(palette) >= 8
    pairs = [delta_e2000(lab(a), lab(b)) for a, b in itertools.combinations(palette, 2)]
    assert min(pairs) >= MIN_DELTA_E >= 10
    neighbours = [delta_e2000(lab(palette[i]), lab(palette[(i + 1) % len(palette)]))
                  for i in range(len(palette))]
    assert min(neighbours) >= MIN_NEIGHBOUR_DELTA_E >= 15


@pytest.mark.parametrize("dark", [False, True])
def test_speaker_colours_stand_out_from_the_page_and_keep_the_text_readable(dark):
    page, alternate, text = THEMES[dark]
    for key in range(40):
        colour = speaker_color(key, dark=dark)
        assert contrast(colour, QColor(text)) >= 7, (key, colour.name())
        assert delta_e2000(lab(colour), lab(page)) >= 14
        assert delta_e2000(lab(colour), lab(alternate)) >= 14
        assert contrast(speaker_accent(key, dark=dark), QColor("black" if dark else "white")) >= 4.5


@pytest.mark.parametrize("dark", [False, True])
def test_speakers_created_one_after_the_other_never_share_a_colour(dark):
    """An article's speakers get consecutive ids: any ten of them have ten distinct colours,
    and each pair of consecutive ones is a neighbour pair of the palette (far apart)."""
    for start in (1, 57, 1000):
        ids = range(start, start + len(PALETTE_LIGHT))
        colours = [speaker_color(i, dark=dark).name() for i in ids]
        assert len(set(colours)) == len(colours)
        for a, b in zip(ids, ids[1:]):
            assert delta_e2000(lab(speaker_color(a, dark=dark)),
                               lab(speaker_color(b, dark=dark))) >= MIN_NEIGHBOUR_DELTA_E
    assert speaker_color("Mia Holt", dark=dark) == speaker_color("Mia Holt", dark=dark)
