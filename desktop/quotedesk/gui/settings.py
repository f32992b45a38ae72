"""Typed settings, declared once, over an ini file whose path can be injected (tests use tmp_path).

The path is ``Settings(path)``, else ``$QUOTEDESK_SETTINGS``, else ``quotedesk.ini`` in Qt's
app config location. ``settings_version`` plus :data:`_UPGRADES` migrate old files.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

SETTINGS_VERSION = 1
THEMES = ("system", "light", "dark")


@dataclass(frozen=True)
class Key:
    name: str
    type: type
    default: Any


KEYS = {
    k.name: k for k in (
        Key("theme", str, "system"),
        Key("window/geometry", QByteArray, QByteArray()),
        Key("window/state", QByteArray, QByteArray()),
        Key("window/main_splitter", QByteArray, QByteArray()),
        Key("window/article_splitter", QByteArray, QByteArray()),
        Key("import/last_dir", str, ""),
        Key("export/last_dir", str, ""),
        Key("library/page_size", int, 200),
        Key("session/tab", int, 0),
        Key("view/article_zoom", int, 0),
        Key("session/article_id", int, 0),
        # who publishes the ClaimReview export (see quotedesk.core.matching.claimreview.Publisher)
        Key("publisher/name", str, ""),
        Key("publisher/url", str, ""),
        Key("publisher/logo_url", str, ""),
        Key("publisher/review_url_pattern", str, ""),
    )
}

_UPGRADES: dict[int, Any] = {}  # version -> function(QSettings) bringing it to version + 1


def default_settings_path() -> Path:
    env = os.environ.get("QUOTEDESK_SETTINGS")
    if env:
        return Path(env)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(base or Path.home() / ".config" / "quotedesk") / "quotedesk.ini"


class Settings:
    """Read and write declared keys with their types; unknown keys are a programming error."""

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else default_settings_path()
        self.qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)
        self._upgrade()

    def _upgrade(self) -> None:
        version = int(self.qsettings.value("settings_version", SETTINGS_VERSION) or SETTINGS_VERSION)
        while version < SETTINGS_VERSION:
            _UPGRADES[version](self.qsettings)
            version += 1
        self.qsettings.setValue("settings_version", SETTINGS_VERSION)

    def get(self, name: str) -> Any:
        key = KEYS[name]
        value = self.qsettings.value(name, key.default)
        if value is None:
            return key.default
        if key.type is QByteArray:
            return value if isinstance(value, QByteArray) else QByteArray(value or b"")
        try:
            return key.type(value)
        except (TypeError, ValueError):
            return key.default

    def set(self, name: str, value: Any) -> None:
        key = KEYS[name]
        if key.type is not QByteArray:
            value = key.type(value)
        self.qsettings.setValue(name, value)

    def sync(self) -> None:
        self.qsettings.sync()

    @property
    def theme(self) -> str:
        theme = self.get("theme")
        return theme if theme in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        if value not in THEMES:
            raise ValueError(f"unknown theme {value!r}")
        self.set("theme", value)
