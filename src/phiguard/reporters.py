"""Output formats for the CLI: human text and JSON. Matched text appears only with --show-matches."""

from __future__ import annotations

import json
from typing import TextIO

from ._version import __version__
from .documents import Document, LineIndex
from .models import Report

JSON_SCHEMA_VERSION = 1


def _mask(value: str) -> str:
    """A masked excerpt: only the length survives."""
    return "*" * len(value)


class TextReporter:
    def __init__(self, out: TextIO, show_matches: bool, redact: bool) -> None:
        self.out, self.show, self.redact = out, show_matches, redact
        self.files = 0
        self.counts = {"error": 0, "warning": 0, "info": 0}

    def add(self, doc: Document, index: LineIndex, report: Report) -> None:
        self.files += 1
        for f in report.findings:
            self.counts[f.severity] += 1
        if self.redact:
            if self.files > 1 or doc.path != "-":
                self.out.write(f"==> {doc.path} <==\n")
            self.out.write(report.redacted_text)
            if not report.redacted_text.endswith("\n"):
                self.out.write("\n")
            return
        for f in report.findings:
            line, col = index.position(f.start)
            extra = f' (match: "{doc.text[f.start:f.end]}")' if self.show else ""
            self.out.write(f"{doc.path}:{line}:{col}: {f.code} [{f.severity}] {f.message}{extra}\n")

    def finish(self, errors: list[str]) -> None:
        if self.redact:
            return
        total = sum(self.counts.values())
        files = f"{self.files} file{'s' if self.files != 1 else ''}"
        if total:
            parts = ", ".join(f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in self.counts.items() if n)
            self.out.write(f"Found {total} finding{'s' if total != 1 else ''} ({parts}) in {files}.\n")
        elif self.files:
            self.out.write(f"No findings in {files}.\n")


class JsonReporter:
    """One JSON document on stdout: {"schema", "phiguard", "results", "errors", "summary"}."""

    def __init__(self, out: TextIO, show_matches: bool, redact: bool) -> None:
        self.out, self.show, self.redact = out, show_matches, redact
        self.results: list[dict[str, object]] = []
        self.counts = {"error": 0, "warning": 0, "info": 0}

    def add(self, doc: Document, index: LineIndex, report: Report) -> None:
        findings = []
        for f in report.findings:
            self.counts[f.severity] += 1
            line, col = index.position(f.start)
            end_line, end_col = index.position(f.end)
            item: dict[str, object] = f.model_dump()
            item.update(line=line, column=col, end_line=end_line, end_column=end_col)
            if self.show:
                item["match"] = doc.text[f.start : f.end]
            else:
                item["excerpt"] = _mask(doc.text[f.start : f.end]) if f.category == "phi" else None
            findings.append(item)
        entry: dict[str, object] = {"path": doc.path, "score": report.score, "passed": report.passed, "findings": findings}
        if self.redact:
            entry["redacted_text"] = report.redacted_text
        self.results.append(entry)

    def finish(self, errors: list[str]) -> None:
        doc = {
            "schema": JSON_SCHEMA_VERSION,
            "phiguard": __version__,
            "results": self.results,
            "errors": errors,
            "summary": {"files": len(self.results), "findings": sum(self.counts.values()), **self.counts},
        }
        json.dump(doc, self.out, indent=2, ensure_ascii=False)
        self.out.write("\n")


def make(fmt: str, out: TextIO, *, show_matches: bool, redact: bool) -> TextReporter | JsonReporter:
    cls = JsonReporter if fmt == "json" else TextReporter
    return cls(out, show_matches, redact)
