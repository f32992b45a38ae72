"""Load one of the repository's scripts (``scripts/…``) as a module, for tests of their parts."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_script(relative: str, name: str):
    """``ROOT / relative`` imported under ``name`` (not added to ``sys.modules``)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / relative)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
