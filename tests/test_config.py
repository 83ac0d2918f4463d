"""Configuration: discovery by walking up, pyproject section, unknown keys, the practice allowlist."""

from __future__ import annotations

from pathlib import Path

import pytest

from phiguard.config import Config, discover_config, find_config_file, load_config_file
from phiguard.engine import Linter
from phiguard.errors import ConfigError


def test_discovery_walks_up(tmp_path: Path) -> None:
    (tmp_path / ".phiguard.toml").write_text('kind = "reply"\nfail-on = "warning"\n')
    deep = tmp_path / "content" / "posts"
    deep.mkdir(parents=True)
    (deep / "a.md").write_text("hi")
    assert find_config_file(deep / "a.md") == tmp_path / ".phiguard.toml"
    cfg = discover_config(deep / "a.md")
    assert (cfg.kind, cfg.fail_on) == ("reply", "warning")


def test_pyproject_without_section_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.phiguard]\nfail-on = "info"\n')
    inner = tmp_path / "site"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert discover_config(inner).fail_on == "info"


def test_unknown_key_is_an_error(tmp_path: Path) -> None:
    p = tmp_path / "pyproject.toml"
    p.write_text('[tool.phiguard]\nfail_onn = "error"\n')
    with pytest.raises(ConfigError, match="unknown key 'fail_onn'"):
        load_config_file(p)
    p.write_text('[tool.phiguard.practice]\nphone = ["555"]\n')
    with pytest.raises(ConfigError, match="unknown key 'practice.phone'"):
        load_config_file(p)


def test_bad_values_and_bad_toml(tmp_path: Path) -> None:
    p = tmp_path / ".phiguard.toml"
    p.write_text('kind = "tweet"\n')
    with pytest.raises(ConfigError, match="kind"):
        load_config_file(p)
    p.write_text("kind = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config_file(p)


def test_defaults() -> None:
    cfg = Config()
    assert (cfg.kind, cfg.fail_on, cfg.redaction.mode) == ("post", "error", "replace")


STAFF_AND_CONTACTS = [
    "Kayla did an amazing job with everyone's cleanings today!",
    "Questions? Call 520-555-0142 or email priya@brightsmiles.com",
    "New blog post: brightsmiles.com/blog/flu-season",
    "Find us at 210 W Congress St, Tucson, AZ 85701",
    "Tag @brightsmilesaz in your smile selfies!",
]


@pytest.mark.parametrize("text", STAFF_AND_CONTACTS)
def test_practice_allowlist(practice_linter: Linter, text: str) -> None:
    errors = [f for f in practice_linter.check(text).findings if f.category == "phi"]
    assert errors == []


def test_allowlist_does_not_hide_patients(practice_linter: Linter) -> None:
    r = practice_linter.check("Call Maria Gonzalez at 520-555-0187 about her biopsy results.")
    assert {f.entity for f in r.findings} == {"NAME", "PHONE", "HEALTH_INFO"}
