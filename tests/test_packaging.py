"""The wheel ships the resources and seeds, and an installed package finds them (not the checkout)."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    res = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                         capture_output=True, text=True, timeout=300)
    if res.returncode != 0:
        pytest.fail(res.stderr[-2000:])
    return next(out.glob("quotedesk-*.whl"))


def test_wheel_contains_resources_and_seeds(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    seeds = {f"quotedesk/seeds/{p.name}" for p in (ROOT / "seeds").iterdir() if p.is_file()}
    resources = {f"quotedesk/resources/{p.relative_to(ROOT / 'resources').as_posix()}"
                 for p in (ROOT / "resources").rglob("*") if p.is_file()}
    assert seeds and seeds <= names
    assert resources <= names
    assert "quotedesk/core/store/migrations.py" in names
    assert not any("polnear" in n or "clef" in n for n in names)


def test_installed_package_finds_its_bundled_files(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    code = ("from quotedesk.core.paths import resources_dir, seeds_dir; import quotedesk; "
            "print(quotedesk.__file__); print(resources_dir()); print(seeds_dir())")
    env = dict(os.environ, PYTHONPATH=str(target))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, cwd=tmp_path)
    package, resources, seeds = out.stdout.split("\n")[:3]
    assert package.startswith(str(target))
    assert resources.startswith(str(target)) and Path(resources).is_dir()
    assert seeds.startswith(str(target)) and (Path(seeds) / "putin-trump-call.txt").is_file()
