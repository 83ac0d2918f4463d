"""The SARIF 2.1.0 reporter (`--format sarif`, for GitHub code scanning): the rules with their help, one result per finding, input errors as notifications."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from ._version import __version__
from .baseline import fingerprints
from .documents import Document
from .models import Finding, Report
from .rule_docs import md_escape, rule_markdown, rule_text, with_placeholder
from .rules import Rule, builtin_rules
from .suppressions import Notice

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/phiguard/phiguard"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "phiguardFingerprint/v1"
STDIN_URI = "stdin"
# Notices about suppression comments are results of this rule, so they show where the comment is.
SUPPRESSION_RULE_ID = "phiguard-suppression"

LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _pascal(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-"))


def rule_help(rule: Rule) -> tuple[str, str]:
    """The help of a rule as plain text and as Markdown: the pages `phiguard rule CODE` prints."""
    return rule_text(rule), rule_markdown(rule, level=2)


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """A SARIF reportingDescriptor: the rule code is the stable ruleId."""
    text, markdown = rule_help(rule)
    tags = [rule.category, "phiguard"] + (["privacy"] if rule.category == "phi" else [])
    return {
        "id": rule.code,
        "name": _pascal(rule.name),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": tags, "category": rule.category, "kebabName": rule.name, "citation": rule.citation},
    }


def _finding_descriptor(f: Finding) -> dict[str, Any]:
    """A descriptor for a code that is no builtin rule, from what its finding says about it."""
    help_text = f.message + (f"\n\nUse instead:\n  {with_placeholder(f.suggestion)}" if f.suggestion else "")
    return {
        "id": f.code,
        "name": _pascal(f.name),
        "shortDescription": {"text": f.message},
        "help": {"text": help_text, "markdown": md_escape(help_text)},
        "defaultConfiguration": {"level": LEVEL[f.severity]},
        "properties": {"tags": [f.category, "phiguard"], "category": f.category, "kebabName": f.name, "citation": f.citation},
    }


SUPPRESSION_DESCRIPTOR: dict[str, Any] = {
    "id": SUPPRESSION_RULE_ID,
    "name": "SuppressionComment",
    "shortDescription": {"text": "A phiguard suppression comment that silences nothing or names no rule."},
    "fullDescription": {"text": "A suppression comment that silences nothing hides the next finding at that place without anyone deciding to; one that names no rule, or an unknown one, silences nothing."},
    "help": {
        "text": "Remove the comment, or name the rule codes it silences, e.g. <!-- phiguard-ignore-next-line TST401: consent on file C-17 -->.",
        "markdown": "Remove the comment, or name the rule codes it silences, e.g. `<!-- phiguard-ignore-next-line TST401: consent on file C-17 -->`.",
    },
    "defaultConfiguration": {"level": "warning"},
    "properties": {"tags": ["suppression", "phiguard"]},
}


def _uri(path: str, root: str) -> tuple[str, str | None]:
    """(uri, uriBaseId) of an input: relative to the root as percent-encoded POSIX when it is
    inside it (code scanning matches alerts by repository path), else an absolute file URI."""
    if path == "-":
        return STDIN_URI, None
    candidates = ((os.path.abspath(path), os.path.abspath(root)), (os.path.realpath(path), os.path.realpath(root)))
    for file, base in candidates:
        try:
            rel = os.path.relpath(file, base)
        except ValueError:  # another drive on Windows
            break
        if rel != os.pardir and not rel.startswith(os.pardir + os.sep):
            return quote(Path(rel).as_posix()), SRCROOT
    return Path(os.path.abspath(path)).as_uri(), None


class SarifReporter:
    """Collects results as plain dicts (the documents are not kept) and writes the whole SARIF
    log in `finish`: SARIF is one JSON object whose rules must be known before it is closed."""

    def __init__(self, out: TextIO, show_matches: bool, root: str | None = None) -> None:
        self.out, self.show = out, show_matches
        self.root = root if root is not None else os.getcwd()
        self.rules: list[dict[str, Any]] = [rule_descriptor(r) for r in builtin_rules().values()]
        self.index: dict[str, int] = {d["id"]: i for i, d in enumerate(self.rules)}
        self.results: list[dict[str, Any]] = []
        self._last_path: str | None = None
        self._last_uri: tuple[str, str | None] = (STDIN_URI, None)

    def _rule_index(self, rule_id: str, descriptor: Callable[[], dict[str, Any]]) -> int:
        if rule_id not in self.index:
            self.index[rule_id] = len(self.rules)
            self.rules.append(descriptor())
        return self.index[rule_id]

    def _artifact(self, doc: Document) -> dict[str, Any]:
        if doc.path != self._last_path:  # an export's records come one after another
            self._last_path, self._last_uri = doc.path, _uri(doc.path, self.root)
        uri, base = self._last_uri
        return {"uri": uri, "uriBaseId": base} if base else {"uri": uri}

    def add(self, doc: Document, report: Report, notices: list[Notice] = []) -> None:  # noqa: B006 (read only)
        artifact = self._artifact(doc)
        where = f" ({doc.where})" if doc.where else ""
        prints = fingerprints(doc.checked, report.findings)
        for f, fp in zip(report.findings, prints):
            line, col = doc.position(f.start)
            end_line, end_col = doc.position(f.end)
            extra = f' (match: "{doc.text[f.start:f.end]}")' if self.show else ""
            props: dict[str, Any] = {"category": f.category, "confidence": f.confidence}
            if f.entity is not None:
                props["entity"] = f.entity
            if doc.record is not None:
                props.update(row=doc.record.row, field=doc.record.field)
            self.results.append(
                {
                    "ruleId": f.code,
                    "ruleIndex": self._rule_index(f.code, lambda f=f: _finding_descriptor(f)),
                    "level": LEVEL[f.severity],
                    "message": {"text": f"{f.message}{where}{extra}"},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": artifact,
                                "region": {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col},
                            }
                        }
                    ],
                    "partialFingerprints": {FINGERPRINT_KEY: fp},
                    "properties": props,
                }
            )
        for n in notices:
            self.results.append(
                {
                    "ruleId": SUPPRESSION_RULE_ID,
                    "ruleIndex": self._rule_index(SUPPRESSION_RULE_ID, lambda: SUPPRESSION_DESCRIPTOR),
                    "level": "warning",
                    "message": {"text": n.message},
                    "locations": [
                        {
                            "physicalLocation": {
                                "artifactLocation": artifact,
                                "region": {"startLine": n.line, "startColumn": n.column},
                            }
                        }
                    ],
                }
            )

    def log(self, errors: list[str]) -> dict[str, Any]:
        """The SARIF log as a dict."""
        root_uri = Path(os.path.abspath(self.root)).as_uri()
        invocation: dict[str, Any] = {"executionSuccessful": not errors}
        if errors:
            invocation["toolExecutionNotifications"] = [{"level": "error", "message": {"text": e}} for e in errors]
        run = {
            "tool": {"driver": {"name": "phiguard", "version": __version__, "informationUri": INFORMATION_URI, "rules": self.rules}},
            "invocations": [invocation],
            "originalUriBaseIds": {SRCROOT: {"uri": root_uri if root_uri.endswith("/") else root_uri + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": self.results,
        }
        return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}

    def finish(self, errors: list[str]) -> None:
        # ASCII-only JSON: the log is usually redirected to a file, whatever the console's encoding
        json.dump(self.log(errors), self.out, indent=2)
        self.out.write("\n")
