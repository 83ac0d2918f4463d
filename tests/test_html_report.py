"""The HTML report: masking, counts, escaping, a well-formed self-contained page, and a real browser rendering it."""

from __future__ import annotations

import html
import json
import os
import re
import struct
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest

from phiguard import __version__
from phiguard.cli import main
from phiguard.documents import make_document
from phiguard.html_report import HtmlReporter
from phiguard.models import Finding, Report
from phiguard.rules import builtin_rules
from phiguard.suppressions import Notice

LEAK = "---\ntitle: Patient spotlight\nauthor: Maria Gonzalez\n---\n\nWe are proud of\nour patient Maria Gonzalez after her chemo.\n"
CLEAN = "# Flu season\n\nWalk-in flu shots all week.\n"
XSS = "Shout-out <script>alert(1)</script> to John Smith, who beat his diabetes with us! Guaranteed cure.\n"
CHROMIUM = Path("/usr/bin/chromium")
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class PageChecker(HTMLParser):
    """Every opened tag closed in order, ids unique, and nothing loaded from outside the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, tuple[int, int]]] = []
        self.problems: list[str] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.tags: Counter[str] = Counter()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attrs(tag, dict(attrs))
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attrs(tag, dict(attrs))

    def _attrs(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tags[tag] += 1
        if "id" in attrs:
            if attrs["id"] in self.ids:
                self.problems.append(f"duplicate id {attrs['id']}")
            self.ids.add(attrs["id"] or "")
        if "href" in attrs:
            self.hrefs.append(attrs["href"] or "")
        if "src" in attrs or tag in ("link", "iframe", "img", "object"):
            self.problems.append(f"external resource <{tag}> at {self.getpos()}")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append(f"</{tag}> at {self.getpos()} closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_page(page: str) -> PageChecker:
    checker = PageChecker()
    checker.feed(page)
    checker.close()
    assert page.startswith("<!DOCTYPE html>")
    assert checker.problems == []
    assert checker.stack == [], f"never closed: {checker.stack}"
    assert checker.tags["html"] == checker.tags["head"] == checker.tags["body"] == 1
    assert '<meta charset="utf-8">' in page and checker.tags["title"] == 1
    # self-contained: only links inside the page, no stylesheet or font fetched by CSS
    assert all(h.startswith("#") for h in checker.hrefs), checker.hrefs
    assert "url(" not in page and "@import" not in page
    return checker


def without_rule_examples(page: str) -> str:
    """The page minus the rule files' example texts: their names are made up and shown on purpose
    (PHI101's failing example is about a "Maria Gonzalez" too)."""
    for rule in builtin_rules().values():
        for ex in [*rule.examples.fail, *rule.examples.pass_]:
            page = page.replace(html.escape(ex.text), "")
    return page


def outside_rule_docs(page: str) -> str:
    """The page minus its rule documentation, which quotes the rule files (not the input)."""
    start = page.index('<section id="rules">')
    return page[:start] + page[page.index("</section>", start) :]


def rule_counts(page: str) -> dict[str, int]:
    return {code: int(n) for code, n in re.findall(r'<tr id="count-(\w+)">.*?<td class="n count">(\d+)</td>', page)}


def summary_number(page: str, key: str) -> int:
    m = re.search(rf'id="n-{key}">([\d,]+)<', page)
    assert m, key
    return int(m.group(1).replace(",", ""))


@pytest.fixture()
def site(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    (content / "leak.md").write_text(LEAK)
    (content / "flu.md").write_text(CLEAN)
    (content / "xss.txt").write_text(XSS)
    return content


def html_report(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", *args, "--format", "html"])
    return code, capsys.readouterr().out


# -- end to end through the CLI ---------------------------------------------------------------


@pytest.mark.slow
def test_cli_html_report_masked(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, page = html_report(capsys, str(site))
    assert code == 1
    checker = check_page(page)
    main(["check", str(site), "--format", "json"])
    results = json.loads(capsys.readouterr().out)["results"]
    findings = [f for r in results for f in r["findings"]]

    # the matched text never appears, nor other PHI in a snippet's context
    rest = outside_rule_docs(page)
    for secret in ("Maria", "Gonzalez", "John", "Smith", "chemo", "diabetes"):
        assert secret not in rest, secret
    for secret in ("Maria", "Gonzalez", "John", "Smith"):  # the rule docs name them only in the rule files' examples
        assert secret not in without_rule_examples(page), secret
    assert '<mark class="hit masked">••••• ••••••••</mark>' in page  # "Maria Gonzalez", spaces kept
    assert "This report contains PHI" not in page

    # summary and counts per rule agree with the JSON output of the same run
    assert summary_number(page, "documents") == 3
    assert summary_number(page, "with-findings") == 2
    assert summary_number(page, "failed") == 2
    assert summary_number(page, "error") == sum(f["severity"] == "error" for f in findings)
    assert summary_number(page, "warning") == sum(f["severity"] == "warning" for f in findings)
    counts = rule_counts(page)
    assert counts == Counter(f["code"] for f in findings)
    assert counts["PHI101"] == 2 and counts["TST401"] == 1
    cats = Counter(f["category"] for f in findings)
    for cat in ("phi", "testimonial", "claim"):
        m = re.search(rf'<tr id="cat-{cat}"><th scope="row">[^<]+</th><td class="n">(\d+)</td>', page)
        assert m and int(m.group(1)) == cats[cat], cat

    # rule links resolve to documentation sections in the page
    assert 'href="#rule-PHI101"' in page and "rule-PHI101" in checker.ids
    assert {f"rule-{c}" for c in counts} <= checker.ids
    phi101 = page[page.index('id="rule-PHI101"') :]
    phi101 = phi101[: phi101.index("</article>")]
    rule = builtin_rules()["PHI101"]
    assert html.escape(rule.summary) in phi101 and html.escape(rule.citation) in phi101
    assert html.escape(rule.examples.fail[0].text) in phi101 and html.escape(rule.examples.pass_[0].text) in phi101

    # findings where the text reporter puts them; the clean file is only counted
    leak = str(site / "leak.md")
    for loc, code_ in ((f"{leak}:2:8", "TST401"), (f"{leak}:7:13", "PHI101"), (f"{leak}:7:38", "PHI201")):
        item = page[page.index(html.escape(loc)) - 600 : page.index(html.escape(loc))]
        assert f"<code>{code_}</code>" in item, loc
    assert "flu.md" not in page

    # input text is escaped: the only script is the report's own
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script") == 1
    assert f"phiguard {__version__}" in page


@pytest.mark.slow
def test_cli_html_report_show_matches(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(site), "--format", "html", "--show-matches"])
    page = capsys.readouterr().out
    assert code == 1
    check_page(page)
    rest = without_rule_examples(page)
    assert '<mark class="hit">Maria Gonzalez</mark>' in rest and "John Smith" in rest
    assert "This report contains PHI" in page
    assert "<script>alert(1)</script>" not in page


@pytest.mark.slow
def test_cli_input_errors_in_report(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(site / "leak.md"), str(site / "missing<b>.md"), "--format", "html"])
    page = capsys.readouterr().out
    assert code == 2
    checker = check_page(page)
    assert "input-errors" in checker.ids
    assert "missing&lt;b&gt;.md: no such file or directory" in page
    assert summary_number(page, "input-errors") == 1


# -- the reporter alone -----------------------------------------------------------------------


def finding(code: str, start: int, end: int, category: str = "phi", severity: str = "error") -> Finding:
    rule = builtin_rules()[code]
    return Finding(
        code=code,
        name=rule.name,
        category=category,  # type: ignore[arg-type]
        severity=severity,  # type: ignore[arg-type]
        entity="NAME" if category == "phi" else None,
        start=start,
        end=end,
        message=rule.message,
        citation=rule.citation,
        suggestion=rule.suggestion,
        confidence=0.9,
    )


def span(text: str, part: str) -> tuple[int, int]:
    i = text.index(part)
    return i, i + len(part)


def render(docs: list[tuple[str, str, list[Finding]]], *, show: bool = False, errors: list[str] | None = None, notices: list[Notice] | None = None) -> str:
    out = StringIO()
    reporter = HtmlReporter(out, show)
    for path, text, findings in docs:
        doc = make_document(path, text)
        reporter.add(doc, Report(findings=findings, redacted_text="", score=50 if findings else 0, passed=not findings), notices or [])
    reporter.finish(errors or [])
    return out.getvalue()


REPLY = "Intro line\nThanks Maria Gonzalez! Call 520-555-0187 about your A1C results, this cures diabetes.\nBye\n"


def test_other_phi_in_context_is_masked() -> None:
    claim = finding("CLM501", *span(REPLY, "cures diabetes"), category="claim")
    name = finding("PHI101", *span(REPLY, "Maria Gonzalez"))
    phone = finding("PHI105", *span(REPLY, "520-555-0187"))
    page = render([("reply.txt", REPLY, [name, phone, claim])])
    check_page(page)
    for secret in ("Gonzalez", "0187"):
        assert secret not in without_rule_examples(page)
    # the claim's snippet: its own span marked in clear (a claim is no PHI), the PHI masked
    masked_name = '<span class="phi masked" title="other PHI, masked">••••• ••••••••</span>'
    assert f'Thanks {masked_name}! Call <mark class="hit masked">••••••••••••</mark> about your A1C results' in page
    assert 'A1C results, this <mark class="hit">cures diabetes</mark>.</span>' in page
    assert '<span class="ln">2</span>' in page and "reply.txt:2:8" in page
    # the snippet stays on the finding's line
    assert "Intro line" not in page and "Bye" not in page
    shown = render([("reply.txt", REPLY, [name, phone, claim])], show=True)
    assert '<mark class="hit">cures diabetes</mark>' in shown and "Maria Gonzalez" in shown


def test_context_is_cut_at_words() -> None:
    text = "word " * 40 + "Maria Gonzalez" + " more" * 40
    page = render([("long.txt", text, [finding("PHI101", *span(text, "Maria Gonzalez"))])])
    line = re.search(r'<span class="src">(.*)</span></span></pre>', page)
    assert line
    assert line.group(1).startswith('<span class="cut">…</span>word ') and line.group(1).endswith(' more<span class="cut">…</span>')
    visible = re.sub(r"<[^>]+>", "", line.group(1)).strip("…")
    assert len(visible) <= 60 + 14 + 60


def test_long_span_is_cut_and_masked() -> None:
    story = "Ann Lee wrote to us.\n" + "\n".join(f"Line {i}: our patient told us how much better she feels now." for i in range(60))
    names = [finding("PHI101", 0, len("Ann Lee"))]
    page = render([("story.md", story, [finding("TST401", 0, len(story), category="testimonial"), *names])])
    check_page(page)
    assert "more characters of the match" in page
    # a testimonial's wording is shown, the names in it are not
    assert "our patient" in page and "Ann Lee" not in page
    assert page.count('<span class="line">') <= 8 + 1  # the testimonial's lines, and the name's
    assert len(page) < 60_000


def test_documents_are_not_kept() -> None:
    out = StringIO()
    reporter = HtmlReporter(out, False)
    text = "Thanks Maria Gonzalez!"
    doc = make_document("a.txt", text)
    clean = make_document("b.txt", "Flu shots all week.")
    refs = sys.getrefcount(doc), sys.getrefcount(clean)
    reporter.add(doc, Report(findings=[finding("PHI101", *span(text, "Maria Gonzalez"))], redacted_text="", score=60, passed=False))
    reporter.add(clean, Report(findings=[], redacted_text="", score=0, passed=True))
    assert (sys.getrefcount(doc), sys.getrefcount(clean)) == refs
    assert len(reporter.docs) == 1  # a document without findings is only counted
    assert "Maria" not in repr(reporter.docs)


def test_notices_errors_stdin_and_escaping() -> None:
    text = "<b>Hi</b> Maria Gonzalez & co\n"
    page = render(
        [("-", text, [finding("PHI101", *span(text, "Maria Gonzalez"))]), ("<i>x</i>.txt", "Nothing here.", [])],
        errors=["bad<file>.md: not valid UTF-8"],
        notices=[Notice(3, 1, "phiguard-disable PHI999 names 'PHI999', which is no rule code <x>")],
    )
    checker = check_page(page)
    assert "standard input" in page and "stdin:1:11" in page
    assert "&lt;b&gt;Hi&lt;/b&gt; <mark" in page and "&amp; co" in page
    assert "bad&lt;file&gt;.md: not valid UTF-8" in page and "input-errors" in checker.ids
    assert "which is no rule code &lt;x&gt;" in page and "stdin:3:1" in page
    # the clean document's notice shows under its (escaped) path
    assert "&lt;i&gt;x&lt;/i&gt;.txt:3:1" in page and "<i>x" not in page
    assert summary_number(page, "notices") == 2


def test_rule_docs_spell_out_the_phone_placeholder() -> None:
    text = "Sounds like you have plantar fasciitis, ice it."
    page = render([("reply.txt", text, [finding("CLM511", 0, len(text), category="claim", severity="warning")])])
    section = page[page.index('id="rule-CLM511"') :]
    assert "&lt;your office phone&gt;" in section and "{office_phone}" not in page


def test_empty_run() -> None:
    page = render([])
    check_page(page)
    assert summary_number(page, "documents") == 0 and "No findings" in page
    assert 'id="documents"' not in page and 'id="rules"' not in page


# -- a real browser ---------------------------------------------------------------------------

BROWSER_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def require_chromium() -> None:
    if os.environ.get("PHIGUARD_SKIP_BROWSER") == "1":
        pytest.skip("PHIGUARD_SKIP_BROWSER=1: the report is not rendered in a browser")
    if not CHROMIUM.exists():
        pytest.fail(
            "Debian's chromium is not installed at /usr/bin/chromium: install it (apt-get install chromium) "
            "to check the HTML report in a real browser, or set PHIGUARD_SKIP_BROWSER=1 to skip this test explicitly",
            pytrace=False,
        )


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp / "chromium-profile"  # a fresh profile: nothing from the user's browser
    proc = subprocess.run([str(CHROMIUM), *BROWSER_FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.slow
def test_browser_renders_report(site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    require_chromium()
    code, page = html_report(capsys, str(site))
    assert code == 1
    report = tmp_path / "report.html"
    report.write_text(page, encoding="utf-8")

    shot = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", report.as_uri())
    assert shot.exists(), "chromium wrote no screenshot"
    data = shot.read_bytes()
    assert png_size(data) == (1280, 2000)
    assert len(data) > 20_000  # a blank page compresses to a few KB

    dom = chromium(tmp_path, "--dump-dom", report.as_uri()).stdout
    # the browser parsed the page: the summary numbers, the rule sections, and the script ran
    assert re.search(r'id="n-documents">3<', dom) and re.search(r'id="n-with-findings">2<', dom)
    assert re.search(r'<td class="n count">2</td>', dom)
    for code_ in rule_counts(page):
        assert f'id="rule-{code_}"' in dom, code_
    assert '<div class="filters" id="filters">' in dom  # the filters are shown once the script runs
    assert "<script>alert(1)</script>" not in dom
