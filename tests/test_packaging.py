"""The wheel carries the rules and lexicons, and an installed phiguard finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_ships_rules_and_finds_them(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(tmp_path / "dist")],
        check=True, capture_output=True, timeout=600,
    )
    wheel = next((tmp_path / "dist").glob("phiguard-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / "rules").rglob("*") if p.is_file()}
    assert shipped and {f"phiguard/data/{p}" for p in shipped} <= names
    assert "phiguard/py.typed" in names
    # unpacked alone (no checkout next to it), it resolves its own data folder
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    out = subprocess.run(
        [sys.executable, "-c", "import phiguard._resources as r; print(r.rules_dir())"],
        cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": ""}, capture_output=True, text=True, check=True,
    )
    assert Path(out.stdout.strip()) == target / "phiguard" / "data" / "rules"
