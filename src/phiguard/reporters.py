"""Output formats for the CLI: human text, JSON, GitHub workflow annotations and per-rule
statistics (SARIF and the HTML report live in their own modules). Every reporter takes one
document at a time (`add`) and writes as it goes where its format allows; matched text appears
only with --show-matches.

A reporter's `add(doc, report, notices)` gets the findings of one document and the notices about
its suppression comments (unused, unknown code); `finish(errors)` gets the input errors."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ._version import __version__
from .documents import Document
from .models import SEVERITY_RANK, Report
from .suppressions import Notice

JSON_SCHEMA_VERSION = 1


def _mask(value: str) -> str:
    """A masked excerpt: only the length survives."""
    return "*" * len(value)


class _Tally:
    """Files, documents and findings per severity, for the summaries."""

    def __init__(self) -> None:
        self.counts = {"error": 0, "warning": 0, "info": 0}
        self.files = 0
        self.documents = 0
        self._last_path: str | None = None

    def tally(self, doc: Document, report: Report) -> None:
        self.documents += 1
        if doc.path != self._last_path or doc.path == "-":
            self.files += 1  # an export's records come one after another and are one file
            self._last_path = doc.path
        for f in report.findings:
            self.counts[f.severity] += 1


class TextReporter(_Tally):
    def __init__(self, out: TextIO, show_matches: bool, redact: bool) -> None:
        super().__init__()
        self.out, self.show, self.redact = out, show_matches, redact
        self.notes = 0

    def add(self, doc: Document, report: Report, notices: list[Notice] = []) -> None:  # noqa: B006 (read only)
        self.tally(doc, report)
        if self.redact:
            if self.files > 1 or doc.path != "-":
                self.out.write(f"==> {doc.path} <==\n")
            self.out.write(report.redacted_text)
            if not report.redacted_text.endswith("\n"):
                self.out.write("\n")
            return
        where = f" ({doc.where})" if doc.where else ""
        for f in report.findings:
            line, col = doc.position(f.start)
            extra = f' (match: "{doc.text[f.start:f.end]}")' if self.show else ""
            self.out.write(f"{doc.path}:{line}:{col}: {f.code} [{f.severity}] {f.message}{where}{extra}\n")
        for n in notices:
            self.out.write(f"{doc.path}:{n.line}:{n.column}: note: {n.message}\n")
            self.notes += 1

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
        if self.notes:
            self.out.write(f"{self.notes} suppression comment{'s' if self.notes != 1 else ''} to review (notes above).\n")


class JsonReporter(_Tally):
    """One JSON document on stdout: {"schema", "phiguard", "results", "errors", "summary"}; the
    results are written as they come, so a run over a large export never holds them all."""

    def __init__(self, out: TextIO, show_matches: bool, redact: bool) -> None:
        super().__init__()
        self.out, self.show, self.redact = out, show_matches, redact
        self.out.write(f'{{\n  "schema": {JSON_SCHEMA_VERSION},\n  "phiguard": {json.dumps(__version__)},\n  "results": [')

    def add(self, doc: Document, report: Report, notices: list[Notice] = []) -> None:  # noqa: B006 (read only)
        self.tally(doc, report)
        findings = []
        for f in report.findings:
            line, col = doc.position(f.start)
            end_line, end_col = doc.position(f.end)
            item: dict[str, object] = f.model_dump()
            item.update(line=line, column=col, end_line=end_line, end_column=end_col)
            if self.show:
                item["match"] = doc.text[f.start : f.end]
            else:
                item["excerpt"] = _mask(doc.text[f.start : f.end]) if f.category == "phi" else None
            findings.append(item)
        entry: dict[str, object] = {"path": doc.path}
        if doc.record is not None:
            entry.update(row=doc.record.row, field=doc.record.field)
        entry.update(score=report.score, passed=report.passed, languages=report.languages, findings=findings)
        if notices:
            entry["notices"] = [n._asdict() for n in notices]
        if self.redact:
            entry["redacted_text"] = report.redacted_text
        body = json.dumps(entry, indent=2, ensure_ascii=False).replace("\n", "\n    ")
        self.out.write(f"{',' if self.documents > 1 else ''}\n    {body}")

    def finish(self, errors: list[str]) -> None:
        summary = {"files": self.files, "documents": self.documents, "findings": sum(self.counts.values()), **self.counts}
        self.out.write(f"{chr(10) + '  ' if self.documents else ''}],\n  \"errors\": {json.dumps(errors, ensure_ascii=False)},\n  \"summary\": {json.dumps(summary)}\n}}\n")


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _gh_data(value: str) -> str:
    """Escape a workflow command's message (GitHub's escapeData)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(value: str) -> str:
    """Escape a workflow command's property value (GitHub's escapeProperty)."""
    return _gh_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubReporter:
    """GitHub Actions workflow commands: one annotation per finding on the file and line it
    concerns (`::error file=…,line=…,col=…::…`), like ruff's `--output-format github`."""

    def __init__(self, out: TextIO, show_matches: bool, redact: bool) -> None:
        self.out, self.show = out, show_matches

    def add(self, doc: Document, report: Report, notices: list[Notice] = []) -> None:  # noqa: B006 (read only)
        for f in report.findings:
            line, col = doc.position(f.start)
            end_line, end_col = doc.position(f.end)
            props = [f"title={_gh_property(f'phiguard ({f.code})')}"]
            if doc.path != "-":
                props.append(f"file={_gh_property(doc.path)}")
            props += [f"line={line}", f"col={col}", f"endLine={end_line}", f"endColumn={end_col}"]
            extra = f' (match: "{doc.text[f.start:f.end]}")' if self.show else ""
            where = f" ({doc.where})" if doc.where else ""
            message = f"{doc.path}:{line}:{col}: {f.code} {f.message}{where}{extra}"
            self.out.write(f"::{_GITHUB_LEVEL[f.severity]} {','.join(props)}::{_gh_data(message)}\n")
        for n in notices:
            file = f"file={_gh_property(doc.path)}," if doc.path != "-" else ""
            self.out.write(f"::warning title=phiguard suppression,{file}line={n.line},col={n.column}::{_gh_data(n.message)}\n")

    def finish(self, errors: list[str]) -> None:
        for message in errors:
            self.out.write(f"::error title=phiguard::{_gh_data(message)}\n")


class StatisticsReporter:
    """Findings counted per rule, most frequent first (`--statistics`); no text of the findings."""

    def __init__(self, out: TextIO, fmt: str) -> None:
        self.out, self.fmt = out, fmt
        self.counts: dict[str, int] = {}
        self.severity: dict[str, str] = {}

    def add(self, doc: Document, report: Report, notices: list[Notice] = []) -> None:  # noqa: B006 (read only)
        for f in report.findings:
            self.counts[f.code] = self.counts.get(f.code, 0) + 1
            # a rule's findings can differ in severity (a name is an error next to health information)
            prev = self.severity.get(f.code)
            if prev is None or SEVERITY_RANK[f.severity] > SEVERITY_RANK[prev]:
                self.severity[f.code] = f.severity

    def finish(self, errors: list[str]) -> None:
        from .rules import builtin_rules

        rules = builtin_rules()
        rows = sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if self.fmt == "json":
            stats = [{"code": code, "name": rules[code].name if code in rules else None, "count": n, "max_severity": self.severity[code]} for code, n in rows]
            json.dump(stats, self.out, indent=2)
            self.out.write("\n")
            return
        width = max((len(str(n)) for _, n in rows), default=1)
        for code, n in rows:
            name = rules[code].name if code in rules else ""
            self.out.write(f"{n:>{width}}\t{code}\t[{self.severity[code]}]\t{name}\n")


FORMATS = ("text", "json", "github", "sarif", "html")


def make(fmt: str, out: TextIO, *, show_matches: bool, redact: bool, statistics: bool = False, root: str | None = None) -> Any:
    """The reporter for `--format`; `root` is the folder SARIF URIs are relative to."""
    if statistics:
        return StatisticsReporter(out, fmt)
    if fmt == "sarif":
        from .sarif import SarifReporter

        return SarifReporter(out, show_matches, root=root)
    if fmt == "html":
        from .html_report import HtmlReporter

        return HtmlReporter(out, show_matches)
    cls = {"json": JsonReporter, "github": GithubReporter}.get(fmt, TextReporter)
    return cls(out, show_matches, redact)
