"""Icons and themes are found through ``quotedesk.core.paths.resources_dir()`` (the wheel's copy or the
checkout's), and every icon the window asks for exists."""
from __future__ import annotations

import re
from pathlib import Path

from quotedesk.core.paths import resources_dir

GUI = Path(__file__).resolve().parents[2] / "desktop" / "quotedesk" / "gui"


def test_every_requested_icon_exists():
    names = set(re.findall(r'icon(?:_name=|\()"([a-z_-]+)"', (GUI / "main_window.py").read_text(encoding="utf-8")))
    assert names, "the window asks for icons"
    for name in names:
        assert (resources_dir() / "icons" / f"{name}.svg").is_file(), name


def test_themes_load(qtbot):
    from quotedesk.gui.icons import icon
    from quotedesk.gui.theme import stylesheet

    for theme in ("light", "dark", "system"):
        assert "#ArticleHeader" in stylesheet(theme)
    assert "QToolTip" in stylesheet("dark")
    assert not icon("confirm").isNull()
    assert icon("no-such-icon").isNull()
