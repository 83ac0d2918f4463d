"""Suppression comments in the content and per-file ignores: which findings they silence, and
notices for suppressions that silence nothing or name no rule.

In Markdown, HTML and plain text (MDX takes the `{/* … */}` form):

    <!-- phiguard-disable PHI101, PHI103 -->   … <!-- phiguard-enable PHI101 -->   (or enable all)
    <!-- phiguard-ignore-next-line TST401: consent on file C-17 -->

A code may be a full code (PHI101), a prefix (PHI, PHI1) or a rule name (phi-name), as in
selection. Codes are required; the reason after a colon is kept for reviewers, not parsed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from .models import Finding
from .rules import Rule

DIRECTIVE_RE = re.compile(
    r"(?:<!--|\{/\*)\s*phiguard-(?P<verb>ignore-next-line|disable-next-line|disable|enable)(?![\w-])(?P<body>[\s\S]*?)(?:-->|\*/\})"
)
# a code list ends at a colon (the reason) or at anything that is not a selector
SELECTOR_RE = re.compile(r"[A-Za-z][A-Za-z0-9-]*")


class Notice(NamedTuple):
    """Something about a suppression comment the author should fix; not a finding."""

    line: int
    column: int
    message: str


@dataclass(slots=True)
class _Directive:
    verb: str
    selectors: list[str]
    start: int  # offset of the comment
    line: int
    column: int
    end: int = -1  # for disable: where its region ends (an enable or the end of the text)
    target_line: int = 0  # for ignore-next-line
    used: set[str] = field(default_factory=set)


def _matches(rule: Rule | None, code: str, selector: str) -> bool:
    if selector.upper() == "ALL":
        return True
    if code.startswith(selector.upper()):
        return True
    return rule is not None and rule.name == selector.lower()


def _selectors(body: str) -> list[str]:
    codes = body.split(":", 1)[0]
    return [s for s in (part.strip() for part in re.split(r"[,\s]+", codes)) if s and SELECTOR_RE.fullmatch(s)]


def parse(text: str, position) -> list[_Directive]:  # type: ignore[no-untyped-def]
    """The directives of a text, with enable closing the matching disables."""
    out: list[_Directive] = []
    open_: list[_Directive] = []
    for m in DIRECTIVE_RE.finditer(text):
        verb = "ignore-next-line" if m.group("verb") == "disable-next-line" else m.group("verb")
        line, col = position(m.start())
        d = _Directive(verb, _selectors(m.group("body")), m.start(), line, col)
        if verb == "disable":
            open_.append(d)
        elif verb == "enable":
            for o in open_:
                if o.end < 0 and (not d.selectors or any(s.upper() == sel.upper() for s in d.selectors for sel in o.selectors)):
                    o.end = m.start()
                    if d.selectors:  # enable PHI101 ends only PHI101 of a 'disable PHI101, PHI103'
                        rest = [s for s in o.selectors if s.upper() not in {x.upper() for x in d.selectors}]
                        if rest:
                            out.append(_Directive("disable", rest, m.start(), o.line, o.column, used=o.used))
            open_ = [o for o in open_ if o.end < 0]
            continue
        else:
            end_line = position(m.end())[0]
            d.target_line = end_line + 1
            # the next line that holds text, so a blank line between comment and text is allowed
            rest = text[m.end() :]
            newline = rest.find("\n")
            if newline >= 0:
                following = rest[newline + 1 :]
                skipped = len(following) - len(following.lstrip("\n"))
                d.target_line = end_line + 1 + skipped
        out.append(d)
    for d in out:
        if d.verb == "disable" and d.end < 0:
            d.end = len(text)
    return out


def apply(
    text: str,
    findings: Sequence[Finding],
    position,  # type: ignore[no-untyped-def]
    rules: dict[str, Rule],
    file_ignores: Iterable[str] = (),
) -> tuple[list[int], list[Notice]]:
    """Indexes of the findings silenced by the text's suppression comments or by the file's ignores,
    and notices about the comments (unused, no code, unknown code)."""
    directives = parse(text, position)
    file_ignores = list(file_ignores)
    drop: list[int] = []
    for i, f in enumerate(findings):
        rule = rules.get(f.code)
        if any(_matches(rule, f.code, s) for s in file_ignores):
            drop.append(i)
            continue
        line = None
        for d in directives:
            if d.verb == "disable" and d.start <= f.start < d.end:
                hit = [s for s in d.selectors if _matches(rule, f.code, s)]
            elif d.verb == "ignore-next-line":
                if line is None:
                    line = position(f.start)[0]
                hit = [s for s in d.selectors if _matches(rule, f.code, s)] if line == d.target_line else []
            else:
                continue
            if hit:
                d.used.update(hit)
                drop.append(i)
                break
    notices: list[Notice] = []
    known = {code.upper() for code in rules} | {r.name for r in rules.values()}
    seen: set[int] = set()
    for d in directives:
        if d.verb == "enable" or id(d.used) in seen and d.verb == "disable":
            continue
        seen.add(id(d.used))
        if not d.selectors:
            notices.append(Notice(d.line, d.column, f"phiguard-{d.verb} names no rule; write the codes it silences, e.g. phiguard-{d.verb} PHI101: reason"))
            continue
        for s in d.selectors:
            if s.upper() != "ALL" and not any(k.startswith(s.upper()) for k in known) and s.lower() not in known:
                notices.append(Notice(d.line, d.column, f"phiguard-{d.verb} names '{s}', which is no rule code, prefix or name"))
            elif s not in d.used:
                notices.append(Notice(d.line, d.column, f"phiguard-{d.verb} {s} suppresses nothing; remove it"))
    notices.sort()
    return drop, notices
