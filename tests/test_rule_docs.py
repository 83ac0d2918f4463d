"""docs/rules.md and `phiguard rule` are generated from the rule files and kept current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from phiguard.cli import main
from phiguard.rule_docs import anchor, rule_markdown, rules_markdown
from phiguard.rules import builtin_rules

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def test_docs_rules_md_is_current() -> None:
    assert DOCS.read_text(encoding="utf-8") == rules_markdown(), "regenerate: phiguard rules --format markdown > docs/rules.md"


def test_every_rule_has_a_section_and_an_index_link() -> None:
    text = rules_markdown()
    headings = re.findall(r"^### (\w+) ([a-z0-9-]+)$", text, re.M)
    rules = builtin_rules()
    assert [c for c, _ in headings] == sorted(rules, key=lambda c: (["phi", "testimonial", "claim"].index(rules[c].category), c))
    for code, rule in rules.items():
        assert f"](#{anchor(rule)})" in text
        page = rule_markdown(rule, level=3)
        assert "#### What it finds" in page and "#### Why it matters" in page
        assert "Example that fails" in page and "Example that passes" in page
        assert "{office_phone}" not in page
    # Markdown would swallow "<your office phone>" as an unknown HTML tag
    assert "\\<your office phone\\>" in text and "<your office phone>" not in text.replace("\\<your office phone\\>", "")


@pytest.mark.parametrize("name", ["PHI101", "phi101", "phi-name"])
def test_rule_by_code_or_name(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rule", name, "--format", "markdown"]) == 0
    assert capsys.readouterr().out.startswith("# PHI101 phi-name\n")
