"""The core never imports Qt: checked by import-linter and by importing every core module in a
fresh interpreter and looking at what got loaded."""
from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import quotedesk.core

ROOT = Path(__file__).resolve().parents[2]


def _core_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(quotedesk.core.__path__, "quotedesk.core."))


def test_core_modules_load_no_qt():
    modules = _core_modules()
    assert "quotedesk.core.store.db" in modules  # the walk really found the core
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')"
        " or m.startswith('quotedesk.gui'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_import_linter_contract():
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    lint = subprocess.run([sys.executable, "-c", code, "--config", str(ROOT / "pyproject.toml")],
                          capture_output=True, text=True, cwd=ROOT)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    assert "KEPT" in lint.stdout
