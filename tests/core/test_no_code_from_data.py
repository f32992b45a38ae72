"""No user data is ever run as code: nothing in the package calls eval/exec or unpickles."""
from __future__ import annotations

import ast
from pathlib import Path

import quotedesk

PACKAGE = Path(quotedesk.__file__).parent
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_MODULES = {"pickle", "cPickle", "marshal", "shelve", "dill"}


def test_no_eval_exec_or_pickle_anywhere_in_the_package():
    found = []
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 30
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in FORBIDDEN_CALLS:
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.func.id}()")
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                found += [f"{path.relative_to(PACKAGE)}:{node.lineno} import {n}" for n in names
                          if n.split(".")[0] in FORBIDDEN_MODULES]
    assert found == []
