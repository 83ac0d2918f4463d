"""Shared fixtures: one real Linter (spaCy + Presidio) per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from phiguard import Config
from phiguard.engine import Linter

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def linter() -> Linter:
    return Linter(Config())


@pytest.fixture(scope="session")
def practice_linter() -> Linter:
    return Linter(
        Config.model_validate(
            {
                "practice": {
                    "names": ["Bright Smiles Dental"],
                    "staff": ["Priya Nair", "Kayla Brooks"],
                    "phones": ["(520) 555-0142"],
                    "emails": ["priya@brightsmiles.com"],
                    "domains": ["brightsmiles.com"],
                    "addresses": ["210 W Congress St, Tucson, AZ 85701"],
                    "handles": ["@brightsmilesaz"],
                }
            }
        )
    )
