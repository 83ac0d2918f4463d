"""`--format html`: one self-contained, printable HTML page for a compliance officer."""

from __future__ import annotations

import datetime as dt
import html
import itertools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

from ._version import __version__
from .documents import Document
from .models import SEVERITY_RANK, Finding, Report
from .rule_docs import with_placeholder
from .suppressions import Notice

if TYPE_CHECKING:
    from .rules import Rule

CONTEXT = 60  # characters of context shown on each side of a finding, within its line(s)
MAX_MARK = 300  # a longer span (a whole testimonial) is cut: the page stays short and printable
MAX_MARK_LINES = 8
MASK = "•"
SEVERITIES = ("error", "warning", "info")
CATEGORIES = {"phi": "PHI", "testimonial": "Testimonial", "claim": "Health claim"}
LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
BACKTICK_RE = re.compile(r"`([^`\n]+)`")


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _prose(value: str) -> str:
    """Escaped rule prose; `code` in backticks as <code>, the phone placeholder spelled out."""
    return BACKTICK_RE.sub(r"<code>\1</code>", _esc(with_placeholder(value)))


def _mask(value: str) -> str:
    """Every character but whitespace as a bullet: the reader sees the shape, never the text."""
    return "".join(c if c.isspace() else MASK for c in value)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _display_path(path: str) -> str:
    return "standard input" if path == "-" else path


@dataclass(slots=True)
class _FindingView:
    severity: str
    category: str
    code: str
    name: str
    location: str
    message: str
    citation: str
    suggestion: str | None
    confidence: float
    snippet: str  # HTML, already escaped and masked


@dataclass(slots=True)
class _DocView:
    path: str
    where: str | None
    score: int
    passed: bool
    findings: list[_FindingView]
    notices: list[Notice]


@dataclass(slots=True)
class _RuleStat:
    name: str
    category: str
    severity: str  # the highest seen: a rule's findings can differ in severity
    citation: str
    count: int = 0
    by_severity: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SEVERITIES, 0))


class HtmlReporter:
    """Collects what the page needs per document (never the Document itself) and writes the
    page in `finish`: HTML cannot be streamed here because the summary comes first."""

    def __init__(self, out: TextIO, show_matches: bool) -> None:
        self.out, self.show = out, show_matches
        self.documents = 0
        self.paths: set[str] = set()
        self.failed = 0
        self.severity = dict.fromkeys(SEVERITIES, 0)
        self.category = {c: dict.fromkeys(SEVERITIES, 0) for c in CATEGORIES}
        self.rules: dict[str, _RuleStat] = {}
        self.docs: list[_DocView] = []
        self.notices = 0

    # -- collecting ---------------------------------------------------------------------------

    def add(self, doc: Document, report: Report, notices: list[Notice] = []) -> None:  # noqa: B006 (read only)
        self.documents += 1
        self.paths.add(doc.path)
        self.failed += not report.passed
        self.notices += len(notices)
        if not report.findings and not notices:
            return
        # other PHI in a snippet's context is masked like the match itself
        phi = [] if self.show else [(f.start, f.end) for f in report.findings if f.category == "phi"]
        views = []
        for f in report.findings:
            self._count(f)
            line, col = doc.position(f.start)
            views.append(
                _FindingView(
                    severity=f.severity,
                    category=f.category,
                    code=f.code,
                    name=f.name,
                    location=f"{'stdin' if doc.path == '-' else doc.path}:{line}:{col}",
                    message=f.message,
                    citation=f.citation,
                    suggestion=f.suggestion,
                    confidence=f.confidence,
                    snippet=self._snippet(doc, f, phi),
                )
            )
        self.docs.append(_DocView(doc.path, doc.where, report.score, report.passed, views, list(notices)))

    def _count(self, f: Finding) -> None:
        self.severity[f.severity] += 1
        self.category.setdefault(f.category, dict.fromkeys(SEVERITIES, 0))[f.severity] += 1
        stat = self.rules.get(f.code)
        if stat is None:
            stat = self.rules[f.code] = _RuleStat(f.name, f.category, f.severity, f.citation)
        stat.count += 1
        stat.by_severity[f.severity] += 1
        if SEVERITY_RANK[f.severity] > SEVERITY_RANK[stat.severity]:
            stat.severity = f.severity

    def _snippet(self, doc: Document, f: Finding, phi: list[tuple[int, int]]) -> str:
        """The finding's line(s), at most CONTEXT characters either side of the span, as HTML
        lines with file line numbers; the span in <mark>, masked unless --show-matches."""
        # the prose view: what was checked, so that front matter that is not published, code and
        # tags (blanked there) never show, even inside a long testimonial's span
        text = doc.checked
        start, end = min(f.start, len(text)), min(f.end, len(text))
        shown_end = min(end, start + MAX_MARK)
        breaks = [m.end() for m in itertools.islice(LINE_BREAK_RE.finditer(text, start, shown_end), MAX_MARK_LINES)]
        if len(breaks) == MAX_MARK_LINES:
            shown_end = min(shown_end, breaks[-1])
        cut = end - shown_end
        line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
        # a span ending with its line break belongs to that line, not to the next one
        tail_from = max(start, shown_end - 1) if shown_end > start and text[shown_end - 1] in "\r\n" else shown_end
        after = LINE_BREAK_RE.search(text, tail_from)
        line_end = after.start() if after else len(text)
        a = max(line_start, start - CONTEXT)
        b = shown_end if cut else min(line_end, shown_end + CONTEXT)
        # cut context at a word boundary, so that it never opens or ends on half a word
        if a > line_start:
            space = next((i for i in range(a, min(a + 15, start)) if text[i].isspace()), None)
            a = space + 1 if space is not None else a
        if b < line_end:
            space = next((i for i in range(b - 1, max(b - 15, shown_end) - 1, -1) if text[i].isspace()), None)
            b = space if space is not None else b
        others = [(s, e) for s, e in phi if s < b and e > a and (s, e) != (f.start, f.end)]

        # a claim or a testimonial is shown in clear (reviewers need its wording), but for the
        # PHI inside it; a PHI match is masked whole
        mask_hit = f.category == "phi"

        def kind(i: int) -> str:
            other = any(s <= i < e for s, e in others)
            if start <= i < shown_end:
                return "hitmask" if mask_hit or other else "hit"
            return "phi" if other else ""

        lines: list[str] = []
        pos = a
        for chunk_end in [m.start() for m in LINE_BREAK_RE.finditer(text, a, b)] + [b]:
            parts: list[str] = []
            if pos == a and a > line_start:
                parts.append('<span class="cut">…</span>')
            for k, group in itertools.groupby(range(pos, chunk_end), key=kind):
                value = "".join(text[i] for i in group)
                if k == "hitmask":
                    body = _esc(value) if self.show else _esc(_mask(value))
                    cls = "hit" if self.show else "hit masked"
                    parts.append(f'<mark class="{cls}">{body}</mark>')
                elif k == "hit":
                    parts.append(f'<mark class="hit">{_esc(value)}</mark>')
                elif k == "phi":
                    parts.append(f'<span class="phi">{_esc(value)}</span>' if self.show else f'<span class="phi masked" title="other PHI, masked">{_esc(_mask(value))}</span>')
                else:
                    parts.append(_esc(value))
            line_no = doc.position(pos)[0]
            lines.append(f'<span class="ln">{line_no}</span><span class="src">{"".join(parts)}</span>')
            nxt = LINE_BREAK_RE.match(text, chunk_end)
            pos = nxt.end() if nxt else chunk_end
        if cut:
            lines[-1] = lines[-1][: -len("</span>")] + f'<span class="cut"> … {_plural(cut, "more character")} of the match</span></span>'
        elif b < line_end:
            lines[-1] = lines[-1][: -len("</span>")] + '<span class="cut">…</span></span>'
        return "".join(f'<span class="line">{line}</span>' for line in lines)

    # -- writing ------------------------------------------------------------------------------

    def finish(self, errors: list[str]) -> None:
        from .rules import builtin_rules

        rules = builtin_rules()
        now = dt.datetime.now().astimezone()
        total = sum(self.severity.values())
        parts = [
            "<!DOCTYPE html>\n",
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f'<meta name="generator" content="phiguard {_esc(__version__)}">\n',
            f"<title>phiguard report — {now:%Y-%m-%d %H:%M}</title>\n",
            f"<style>{CSS}</style>\n</head>\n<body>\n",
            self._header(now, total, errors),
            '<main>\n',
            self._summary(total, errors),
            self._errors(errors),
            self._documents(),
            self._rule_docs(rules),
            "</main>\n",
            f'<footer><p>phiguard {_esc(__version__)} · {_esc(now.strftime("%Y-%m-%d %H:%M %Z"))} · '
            "phiguard flags text for review; it is not legal advice. A document without findings can still "
            "hold PHI phiguard did not recognise.</p></footer>\n",
            f"<script>{JS}</script>\n",
            "</body>\n</html>\n",
        ]
        self.out.write("".join(parts))

    def _header(self, now: dt.datetime, total: int, errors: list[str]) -> str:
        if self.failed:
            verdict, cls = f"{_plural(self.failed, 'document')} of {self.documents:,} {'fails' if self.failed == 1 else 'fail'}", "fail"
        elif total:
            verdict, cls = f"No document fails; {_plural(total, 'finding')} to review", "warn"
        else:
            verdict, cls = "No findings", "pass"
        if errors:
            verdict += f" · {_plural(len(errors), 'input')} not checked"
            cls = "fail"
        out = [
            '<header class="top">\n<div class="brand">phiguard</div>\n',
            "<h1>Compliance report: PHI, testimonials and health claims</h1>\n",
            f'<p class="meta">Generated <time datetime="{_esc(now.isoformat(timespec="seconds"))}">{_esc(now.strftime("%Y-%m-%d %H:%M %Z"))}</time>'
            f" · phiguard {_esc(__version__)}</p>\n",
            f'<p class="verdict {cls}" id="verdict">{_esc(verdict)}</p>\n</header>\n',
        ]
        if self.show:
            out.append(
                '<div class="banner phi-banner" role="alert"><strong>This report contains PHI.</strong> '
                "It was made with --show-matches: matched text is shown in clear. Do not email, print for "
                "others or keep it longer than you need it.</div>\n"
            )
        else:
            out.append(
                f'<div class="banner masked-banner">PHI is masked ({MASK}), in matches and in their context; the report is safe to share '
                "inside the practice. Run with --show-matches to see it (the report then contains PHI).</div>\n"
            )
        return "".join(out)

    def _summary(self, total: int, errors: list[str]) -> str:
        with_findings = sum(1 for d in self.docs if d.findings)
        files = len(self.paths)
        checked_note = f"in {_plural(files, 'file')}" if files != self.documents else "&nbsp;"
        cards = [
            ("documents", "Documents checked", self.documents, "", checked_note),
            ("with-findings", "With findings", with_findings, "", "&nbsp;"),
            ("failed", "Failing", self.failed, "fail" if self.failed else "", "at or above the fail level"),
            ("error", "Errors", self.severity["error"], "error", "&nbsp;"),
            ("warning", "Warnings", self.severity["warning"], "warning", "&nbsp;"),
            ("info", "Info", self.severity["info"], "info", "&nbsp;"),
        ]
        if errors:
            cards.append(("input-errors", "Inputs not checked", len(errors), "fail", '<a href="#input-errors">see below</a>'))
        if self.notices:
            cards.append(("notices", "Suppression notes", self.notices, "warning", "to review"))
        out = ['<section id="summary">\n<h2>Summary</h2>\n<div class="cards">\n']
        for key, label, n, cls, note in cards:
            out.append(
                f'<div class="card {cls}" id="card-{key}"><div class="label">{label}</div>'
                f'<div class="num" id="n-{key}">{n:,}</div><div class="note">{note}</div></div>\n'
            )
        out.append("</div>\n")
        if total:
            out.append('<div class="tables">\n<table class="categories">\n<caption>Findings per category</caption>\n')
            out.append('<thead><tr><th scope="col">Category</th><th scope="col" class="n">Findings</th>')
            out.append("".join(f'<th scope="col" class="n">{s.capitalize()}</th>' for s in SEVERITIES))
            out.append("</tr></thead>\n<tbody>\n")
            for cat, counts in self.category.items():
                label = CATEGORIES.get(cat, cat)
                out.append(f'<tr id="cat-{_esc(cat)}"><th scope="row">{_esc(label)}</th><td class="n">{sum(counts.values()):,}</td>')
                out.append("".join(f'<td class="n">{counts[s]:,}</td>' for s in SEVERITIES))
                out.append("</tr>\n")
            out.append("</tbody>\n</table>\n")
            out.append('<table class="rules">\n<caption>Findings per rule</caption>\n')
            out.append('<thead><tr><th scope="col">Rule</th><th scope="col">Name</th><th scope="col">Category</th><th scope="col">Severity</th><th scope="col" class="n">Count</th></tr></thead>\n<tbody>\n')
            for code, stat in sorted(self.rules.items(), key=lambda kv: (-kv[1].count, kv[0])):
                out.append(
                    f'<tr id="count-{_esc(code)}"><td><a href="#rule-{_esc(code)}"><code>{_esc(code)}</code></a></td>'
                    f"<td>{_esc(stat.name)}</td><td>{_esc(CATEGORIES.get(stat.category, stat.category))}</td>"
                    f'<td>{self._badge(stat.severity)}</td><td class="n count">{stat.count:,}</td></tr>\n'
                )
            out.append("</tbody>\n</table>\n</div>\n")
        out.append("</section>\n")
        return "".join(out)

    @staticmethod
    def _badge(severity: str) -> str:
        return f'<span class="badge {_esc(severity)}">{_esc(severity)}</span>'

    @staticmethod
    def _errors(errors: list[str]) -> str:
        if not errors:
            return ""
        items = "".join(f"<li>{_esc(e)}</li>\n" for e in errors)
        return (
            '<section id="input-errors" class="input-errors">\n<h2>Inputs not checked</h2>\n'
            "<p>These inputs could not be read, so nothing in them was checked.</p>\n"
            f"<ul>\n{items}</ul>\n</section>\n"
        )

    def _documents(self) -> str:
        if not self.docs:
            return ""
        out = ['<section id="documents">\n<h2>Documents with findings</h2>\n']
        # the filters need JS; without it they stay hidden and every finding shows
        out.append(
            '<div class="filters" id="filters" hidden><span class="flabel">Show:</span>'
            + "".join(
                f'<button type="button" data-group="category" data-value="{v}" aria-pressed="{str(v == "all").lower()}">{label}</button>'
                for v, label in [("all", "All categories"), *CATEGORIES.items()]
            )
            + '<span class="sep"></span>'
            + "".join(
                f'<button type="button" data-group="severity" data-value="{v}" aria-pressed="{str(v == "all").lower()}">{label}</button>'
                for v, label in [("all", "All severities"), *((s, s.capitalize()) for s in SEVERITIES)]
            )
            + "</div>\n"
        )
        for i, d in enumerate(self.docs, 1):
            status = '<span class="status pass">pass</span>' if d.passed else '<span class="status fail">fail</span>'
            where = f' <span class="where">({_esc(d.where)})</span>' if d.where else ""
            counts = ", ".join(_plural(n, s) for s in SEVERITIES if (n := sum(1 for f in d.findings if f.severity == s)))
            out.append(
                f'<article class="doc" id="doc-{i}">\n<h3><span class="path">{_esc(_display_path(d.path))}</span>{where}</h3>\n'
                f'<p class="docmeta">{status} <span class="score">risk score <b>{d.score}</b>/100</span>'
                f'{" · " + counts if counts else " · no findings"}</p>\n'
            )
            if d.findings:
                out.append('<ol class="findings">\n')
                for f in d.findings:
                    out.append(self._finding(f))
                out.append("</ol>\n")
            if d.notices:
                out.append('<div class="notices"><h4>Suppression comments to review</h4>\n<ul>\n')
                prefix = "stdin" if d.path == "-" else d.path
                for n in d.notices:
                    out.append(f"<li><code>{_esc(prefix)}:{n.line}:{n.column}</code> {_esc(n.message)}</li>\n")
                out.append("</ul>\n</div>\n")
            out.append("</article>\n")
        out.append("</section>\n")
        return "".join(out)

    def _finding(self, f: _FindingView) -> str:
        suggestion = f'<div class="row"><dt>Use instead</dt><dd>{_prose(f.suggestion)}</dd></div>' if f.suggestion else ""
        return (
            f'<li class="finding sev-{_esc(f.severity)}" data-category="{_esc(f.category)}" data-severity="{_esc(f.severity)}">\n'
            f'<div class="fhead">{self._badge(f.severity)} <span class="cat">{_esc(CATEGORIES.get(f.category, f.category))}</span> '
            f'<a class="code" href="#rule-{_esc(f.code)}"><code>{_esc(f.code)}</code></a> <span class="rname">{_esc(f.name)}</span>'
            f'<code class="loc">{_esc(f.location)}</code></div>\n'
            f'<p class="msg">{_esc(f.message)}</p>\n'
            f'<pre class="snippet" aria-label="context">{f.snippet}</pre>\n'
            f'<dl class="meta"><div class="row"><dt>Citation</dt><dd>{_esc(f.citation)}</dd></div>{suggestion}'
            f'<div class="row"><dt>Confidence</dt><dd>{f.confidence:.2f}</dd></div></dl>\n'
            "</li>\n"
        )

    def _rule_docs(self, rules: dict[str, Rule]) -> str:
        if not self.rules:
            return ""
        out = ['<section id="rules">\n<h2>Rules in this report</h2>\n<p class="lead">What each rule looks for, why it matters, and an example from the rule file (the names in them are made up).</p>\n']
        for code in sorted(self.rules):
            stat = self.rules[code]
            rule = rules.get(code)
            out.append(f'<article class="rule" id="rule-{_esc(code)}">\n')
            name = rule.name if rule else stat.name
            category = rule.category if rule else stat.category
            severity = rule.severity if rule else stat.severity
            out.append(
                f'<h3><code>{_esc(code)}</code> {_esc(name)}</h3>\n'
                f'<p class="rmeta">{self._badge(severity)} <span class="cat">{_esc(CATEGORIES.get(category, category))}</span>'
                f' · {_plural(stat.count, "finding")} in this report</p>\n'
            )
            if rule is None:
                out.append(f'<dl class="meta"><div class="row"><dt>Citation</dt><dd>{_esc(stat.citation)}</dd></div></dl>\n</article>\n')
                continue
            out.append(f'<p class="rsummary">{_prose(rule.summary)}</p>\n<dl class="meta">\n')
            out.append(f'<div class="row"><dt>Why</dt><dd>{_prose(rule.why)}</dd></div>\n')
            out.append(f'<div class="row"><dt>Citation</dt><dd>{_esc(rule.citation)}</dd></div>\n')
            for label, examples, cls in (("Fails", rule.examples.fail, "bad"), ("Passes", rule.examples.pass_, "good")):
                if examples:
                    ex = examples[0]
                    out.append(
                        f'<div class="row"><dt>{label}</dt><dd><blockquote class="example {cls}">{_esc(ex.text)}</blockquote>'
                        f'<span class="kind">({_esc(ex.kind)})</span></dd></div>\n'
                    )
            if rule.suggestion:
                out.append(f'<div class="row"><dt>Use instead</dt><dd>{_prose(rule.suggestion)}</dd></div>\n')
            out.append("</dl>\n</article>\n")
        out.append("</section>\n")
        return "".join(out)


CSS = """
:root{--ink:#1d2433;--muted:#5b6474;--line:#d9dee7;--bg:#f5f7fa;--card:#fff;
--error:#b42318;--error-bg:#fef3f2;--warning:#a15c07;--warning-bg:#fffaeb;--info:#175cd3;--info-bg:#eff8ff;
--pass:#067647;--pass-bg:#ecfdf3;--accent:#1f4e79}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
code,pre,.loc{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"Liberation Mono",monospace;font-size:.9em}
a{color:var(--accent)}
[hidden]{display:none!important}
header.top{background:var(--accent);color:#fff;padding:22px 40px 18px}
header.top .brand{font-weight:700;letter-spacing:.08em;text-transform:uppercase;font-size:13px;opacity:.85}
header.top h1{margin:4px 0 2px;font-size:24px;font-weight:600}
header.top .meta{margin:0;opacity:.85;font-size:14px}
.verdict{display:inline-block;margin:12px 0 0;padding:4px 12px;border-radius:4px;font-weight:600;background:#fff}
.verdict.fail{color:var(--error)}.verdict.warn{color:var(--warning)}.verdict.pass{color:var(--pass)}
.banner{margin:0;padding:10px 40px;font-size:14px;border-bottom:1px solid var(--line)}
.masked-banner{background:#eef2f7;color:var(--muted)}
.phi-banner{background:var(--error);color:#fff;font-size:15px}
main{max-width:1180px;margin:0 auto;padding:8px 40px 32px}
h2{font-size:20px;margin:28px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}
h3{font-size:16px;margin:0 0 4px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-top:4px solid #98a2b3;border-radius:6px;padding:10px 14px}
.card .label{font-size:13px;color:var(--muted);font-weight:600}
.card .num{font-size:30px;font-weight:700;line-height:1.2}
.card .note{font-size:12px;color:var(--muted);min-height:1.2em}
.card.error,.card.fail{border-top-color:var(--error)}.card.error .num,.card.fail .num{color:var(--error)}
.card.warning{border-top-color:#f79009}.card.warning .num{color:var(--warning)}
.card.info{border-top-color:var(--info)}.card.info .num{color:var(--info)}
.tables{display:grid;grid-template-columns:minmax(260px,1fr) 2fr;gap:20px;margin-top:18px;align-items:start}
table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line);font-size:14px}
caption{text-align:left;font-weight:600;padding:0 0 6px}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{background:#eef2f7;font-size:13px;color:var(--muted)}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
tbody th{white-space:nowrap}
.badge{display:inline-block;min-width:58px;text-align:center;padding:1px 7px;border-radius:10px;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.03em;border:1px solid}
.badge.error{color:var(--error);background:var(--error-bg);border-color:var(--error)}
.badge.warning{color:var(--warning);background:var(--warning-bg);border-color:#f79009}
.badge.info{color:var(--info);background:var(--info-bg);border-color:var(--info)}
.cat{font-size:12px;color:var(--muted);border:1px solid var(--line);border-radius:3px;padding:0 5px;background:#fff}
.input-errors{background:var(--error-bg);border:1px solid var(--error);border-radius:6px;padding:4px 18px 8px;margin-top:20px}
.input-errors h2{border:0;color:var(--error);margin-top:10px}
.filters{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin:0 0 12px;font-size:13px}
.filters .flabel{color:var(--muted);font-weight:600}.filters .sep{width:12px}
.filters button{font:inherit;padding:3px 10px;border:1px solid var(--line);border-radius:14px;background:#fff;cursor:pointer}
.filters button[aria-pressed=true]{background:var(--accent);color:#fff;border-color:var(--accent)}
article.doc{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:14px 18px;margin:0 0 16px}
.doc h3 .path{font-family:ui-monospace,Menlo,Consolas,"Liberation Mono",monospace;word-break:break-all}
.doc .where{color:var(--muted);font-weight:400}
.docmeta{margin:0 0 8px;color:var(--muted);font-size:14px}
.status{display:inline-block;padding:0 8px;border-radius:3px;font-weight:700;font-size:12px;text-transform:uppercase;color:#fff}
.status.fail{background:var(--error)}.status.pass{background:var(--pass)}
.score b{color:var(--ink)}
ol.findings{list-style:none;margin:0;padding:0}
li.finding{border-left:4px solid var(--line);padding:8px 0 8px 14px;margin:10px 0;border-top:1px solid #eef0f4}
li.finding.sev-error{border-left-color:var(--error)}
li.finding.sev-warning{border-left-color:#f79009}
li.finding.sev-info{border-left-color:var(--info)}
.fhead{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.fhead .code{font-weight:700;text-decoration:none}.fhead .rname{color:var(--muted)}
.fhead .loc{margin-left:auto;color:var(--muted);word-break:break-all}
.msg{margin:6px 0;font-weight:500}
pre.snippet{margin:6px 0;padding:8px 0;background:#f8f9fb;border:1px solid var(--line);border-radius:4px;white-space:pre-wrap;word-break:break-word;overflow-wrap:anywhere;font-size:13px;line-height:1.55}
pre.snippet .line{display:flex}
pre.snippet .ln{flex:none;width:3.5em;padding-right:10px;text-align:right;color:#98a2b3;user-select:none;border-right:1px solid var(--line);margin-right:10px}
pre.snippet .src{flex:1;min-width:0;padding-right:10px}
mark.hit{background:#fde68a;color:var(--ink);border-radius:2px;padding:0 1px;box-shadow:inset 0 -2px 0 #f79009}
.sev-error mark.hit{background:#fecdca;box-shadow:inset 0 -2px 0 var(--error)}
.sev-info mark.hit{background:#d1e9ff;box-shadow:inset 0 -2px 0 var(--info)}
.masked{letter-spacing:.05em}
span.phi{text-decoration:underline dotted var(--error)}
span.phi.masked{text-decoration:none;color:var(--muted);background:#eaecf0;border-radius:2px}
.cut{color:#98a2b3}
dl.meta{margin:6px 0 0;font-size:14px}
dl.meta .row{display:grid;grid-template-columns:110px 1fr;gap:10px;padding:2px 0}
dl.meta dt{color:var(--muted);font-weight:600}
dl.meta dd{margin:0}
.notices{margin-top:10px;padding:8px 12px;background:var(--warning-bg);border:1px solid #fedf89;border-radius:4px;font-size:14px}
.notices h4{margin:0 0 4px;font-size:14px}.notices ul{margin:0;padding-left:18px}
.lead{color:var(--muted);margin-top:-4px}
article.rule{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:14px 18px;margin:0 0 14px;scroll-margin-top:12px}
article.rule:target{outline:3px solid var(--accent)}
.rmeta{margin:0 0 6px;color:var(--muted);font-size:13px}
.rsummary{margin:4px 0 8px;font-weight:500}
blockquote.example{margin:0 0 2px;padding:4px 10px;border-left:3px solid;background:#f8f9fb;display:inline-block}
blockquote.example.bad{border-left-color:var(--error)}blockquote.example.good{border-left-color:var(--pass)}
.kind{color:var(--muted);font-size:12px;margin-left:6px}
footer{max-width:1180px;margin:0 auto;padding:12px 40px 32px;color:var(--muted);font-size:12px;border-top:1px solid var(--line)}
@media (max-width:760px){main,header.top,.banner,footer{padding-left:16px;padding-right:16px}.tables{grid-template-columns:1fr}}
@page{margin:14mm 12mm}
@media print{
body{background:#fff;font-size:10.5pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
header.top{background:#fff;color:var(--ink);padding:0 0 8px;border-bottom:3px solid var(--accent)}
header.top .brand{color:var(--accent)}
.verdict{border:1px solid currentColor;padding:2px 8px}
.banner{padding:6px 0}
main,footer{max-width:none;padding-left:0;padding-right:0}
.filters{display:none!important}
li.finding[hidden],article.doc[hidden]{display:block!important}
.card,table,li.finding,article.rule,.input-errors{break-inside:avoid}
article.doc{border:0;border-top:1px solid var(--line);border-radius:0;padding:10px 0}
h2{break-after:avoid}h3{break-after:avoid}
a{color:inherit;text-decoration:none}
.cards{grid-template-columns:repeat(auto-fit,minmax(95px,1fr));gap:8px}
.card .num{font-size:22px}
.tables{grid-template-columns:1fr}
}
"""

# Filters by category and severity; progressive: without JS the buttons stay hidden.
JS = """
(function(){
var bar=document.getElementById('filters');if(!bar)return;
var state={category:'all',severity:'all'};
function apply(){
document.querySelectorAll('li.finding').forEach(function(li){
li.hidden=!((state.category==='all'||li.dataset.category===state.category)&&(state.severity==='all'||li.dataset.severity===state.severity));});
document.querySelectorAll('article.doc').forEach(function(doc){
var all=doc.querySelectorAll('li.finding');
doc.hidden=all.length>0&&doc.querySelectorAll('li.finding:not([hidden])').length===0;});}
bar.querySelectorAll('button').forEach(function(b){b.addEventListener('click',function(){
state[b.dataset.group]=b.dataset.value;
bar.querySelectorAll('button[data-group="'+b.dataset.group+'"]').forEach(function(o){o.setAttribute('aria-pressed',String(o===b));});
apply();});});
bar.hidden=false;
})();
"""
