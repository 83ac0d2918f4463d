"""Rule documentation generated from the rule files: `phiguard rule CODE`, `phiguard rules
--format markdown` and docs/rules.md all come from here, in ruff's fixed shape (what it finds,
why it matters, an example that fails, a rewrite that passes)."""

from __future__ import annotations

import re

from .rules import Rule, builtin_rules

OFFICE_PHONE = "{office_phone}"  # findings fill in the practice's phone from the config
PHONE_PLACEHOLDER = "<your office phone>"  # what rule pages show instead
CATEGORY_TITLES = {"phi": "PHI: patient identifiers and health information", "testimonial": "Testimonials and consent", "claim": "Health claims"}


_MD_SPECIAL_RE = re.compile(r"([\\*_\[\]<>#|~`])")
_CODE_SPAN_RE = re.compile(r"(`[^`\n]+`)")


def with_placeholder(text: str) -> str:
    return text.replace(OFFICE_PHONE, PHONE_PLACEHOLDER)


def md_escape(text: str) -> str:
    """Text for Markdown: punctuation that Markdown would act on is escaped (so `<your office
    phone>` is not swallowed as an HTML tag), except inside the rule author's `code spans`."""
    parts = _CODE_SPAN_RE.split(text)
    return "".join(p if i % 2 else _MD_SPECIAL_RE.sub(r"\\\1", p) for i, p in enumerate(parts))


def suggestion_text(rule: Rule) -> str | None:
    return with_placeholder(rule.suggestion) if rule.suggestion else None


def anchor(rule: Rule) -> str:
    """The heading anchor GitHub gives `## PHI101 phi-name`."""
    return f"{rule.code.lower()}-{rule.name}"


def rule_text(rule: Rule) -> str:
    """The plain-text page of one rule, as `phiguard rule CODE` prints it."""
    out = [f"{rule.code} ({rule.name}) - {rule.category}, default severity {rule.severity}\n"]
    out.append(f"What it finds\n  {rule.summary}\n")
    out.append(f"Why it matters\n  {rule.why}\n  Source: {rule.citation}\n")
    for ex in rule.examples.fail:
        out.append(f"Example ({ex.kind}, fails)\n  {ex.text}\n")
    for ex in rule.examples.pass_:
        out.append(f"Example ({ex.kind}, passes)\n  {ex.text}\n")
    if (s := suggestion_text(rule)) is not None:
        out.append(f"Use instead\n  {s}\n")
    return "\n".join(out)


def _quote(text: str) -> str:
    return "\n".join(f"> {md_escape(line)}" if line else ">" for line in text.splitlines())


def rule_markdown(rule: Rule, level: int = 2) -> str:
    h = "#" * level
    parts = [f"{h} {rule.code} {rule.name}", "", f"*{rule.category}, default severity {rule.severity}*", ""]
    parts += [f"{h}# What it finds", "", md_escape(rule.summary), ""]
    parts += [f"{h}# Why it matters", "", md_escape(rule.why), "", f"Source: {md_escape(rule.citation)}", ""]
    for ex in rule.examples.fail:
        consent = f", consent {', '.join(ex.consents)}" if ex.consents else ""
        parts += [f"{h}# Example that fails ({ex.kind}{consent})", "", _quote(ex.text), ""]
    for ex in rule.examples.pass_:
        consent = f", consent {', '.join(ex.consents)}" if ex.consents else ""
        parts += [f"{h}# Example that passes ({ex.kind}{consent})", "", _quote(ex.text), ""]
    if (s := suggestion_text(rule)) is not None:
        parts += [f"{h}# Use instead", "", _quote(s), ""]
    return "\n".join(parts)


def rules_markdown() -> str:
    """docs/rules.md: an index table, then every rule grouped by category."""
    rules = list(builtin_rules().values())
    out = [
        "# Rules",
        "",
        "<!-- Generated from the rule files under rules/ by `phiguard rules --format markdown`;",
        "     do not edit by hand (tests/test_rule_docs.py checks that it is current). -->",
        "",
        "Every rule has a code and a name; select or ignore either, or a prefix (`PHI`, `PHI2`), with",
        "`--select`/`--ignore`, in the config, in `per-file-ignores` or in a suppression comment.",
        "The examples below run as tests: each failing example raises its rule, each passing one does not.",
        "",
        "| Code | Name | Category | Severity | What it finds |",
        "|---|---|---|---|---|",
    ]
    for r in rules:
        out.append(f"| [{r.code}](#{anchor(r)}) | {r.name} | {r.category} | {r.severity} | {md_escape(r.summary)} |")
    out.append("")
    for category, title in CATEGORY_TITLES.items():
        group = [r for r in rules if r.category == category]
        if not group:
            continue
        out += [f"## {title}", ""]
        for r in group:
            out += [rule_markdown(r, level=3), ""]
    return "\n".join(out).rstrip() + "\n"
