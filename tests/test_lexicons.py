"""The generated lexicons are what their build scripts write (only where the build extras are installed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("script", "needs"),
    [("build_name_lexicon.py", ("faker", "wordfreq")), ("build_health_lexicon.py", ("simple_icd_10_cm", "drug_named_entity_recognition", "wordfreq"))],
)
def test_generated_lexicon_is_current(script: str, needs: tuple[str, ...]) -> None:
    for module in needs:
        pytest.importorskip(module, reason="pip install -e '.[lexicons]' to check the generated lexicons")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--check"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
