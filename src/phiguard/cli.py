"""The `phiguard` command: argument parsing, reading inputs, exit codes. The only place that exits."""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path

from ._version import __version__
from .config import Config, find_config_file, load_config_file
from .documents import Document, decode, make_document, read_path
from .walk import FileFilter
from .errors import ConfigError, InputError, PhiguardError
from .models import KINDS

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, like every other usage error
        self.exit(EXIT_ERROR, f"phiguard: error: {message} (see phiguard --help)\n")


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="phiguard", description="Check what a healthcare practice publishes for patient identifiers (PHI) and testimonials.")
    parser.add_argument("--version", action="version", version=f"phiguard {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    c = sub.add_parser("check", help="check files, directories or stdin (-)")
    c.add_argument("paths", nargs="*", default=["-"], metavar="PATH", help="files or directories; - reads stdin (default)")
    c.add_argument("--kind", choices=KINDS, help="what the text is (default from config, else post)")
    c.add_argument("--format", choices=("text", "json", "github", "sarif", "html"), default="text", dest="fmt", help="text (default), json, or github (workflow annotations)")
    c.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead of the findings (text or json)")
    c.add_argument("--reviewer", metavar="NAME", help="for replies: the reviewer's display name, to catch a reply that uses it (PHI303)")
    c.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that makes the exit code 1")
    c.add_argument("--select", type=_csv, help="comma-separated codes, prefixes or names to enable")
    c.add_argument("--ignore", type=_csv, help="comma-separated codes, prefixes or names to disable")
    c.add_argument("--config", type=Path, help="config file (default: nearest .phiguard.toml or pyproject.toml)")
    c.add_argument("--redact", action="store_true", help="print the redacted text instead of the findings")
    c.add_argument("--show-matches", action="store_true", help="include the matched text in the output (it is PHI)")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (errors still exit 2)")
    c.add_argument("--consent-registry", type=Path, metavar="FILE", help="consent records (YAML or JSON); default from the config")
    c.add_argument("--consent", type=_csv, metavar="IDS", help="consent ids for inputs whose front matter names none (stdin, .txt)")
    c.add_argument("--channel", metavar="NAME", help="where the text will appear (website, instagram…), checked against consent scopes")

    cs = sub.add_parser("consent", help="work with the consent registry")
    csub = cs.add_subparsers(dest="consent_command", metavar="ACTION", parser_class=_Parser)
    cc = csub.add_parser("check", help="validate a consent registry and list records that are expired, revoked or incomplete")
    cc.add_argument("registry", type=Path, metavar="REGISTRY", help="the registry file (YAML or JSON)")
    cc.add_argument("--format", choices=("text", "json"), default="text", dest="fmt")
    cc.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="check validity on this date instead of today")
    cc.add_argument("--expiring-within", type=int, default=30, metavar="DAYS", help="also report records that expire within DAYS (default 30)")
    cc.add_argument("--show-personal", action="store_true", help="include each record's subject (personal data) in the output")

    sub.add_parser("rules", help="list the rules")
    r = sub.add_parser("rule", help="explain one rule")
    r.add_argument("code", help="a rule code or name, e.g. PHI101 or phi-name")
    return parser


class _Configs:
    """The config for each checked path: --config for all, else the nearest config file walking up
    from the path (from the current directory for stdin). Command-line options apply on top."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.by_file: dict[Path | None, Config] = {}
        self.by_dir: dict[Path, Path | None] = {}  # folder -> its config file, so a walk up happens once per folder
        self.explicit: Path | None = None
        if args.config is not None:
            if not args.config.is_file():
                raise ConfigError(f"{args.config}: config file not found")
            self.explicit = args.config
            self.by_file[args.config] = _with_options(load_config_file(args.config), args)

    def key_for(self, path: Path | None) -> Path | None:
        if self.explicit is not None:
            return self.explicit
        start = path if path is not None else Path.cwd()
        folder = start if start.is_dir() else start.parent
        if folder not in self.by_dir:
            self.by_dir[folder] = find_config_file(folder)
        key = self.by_dir[folder]
        if key not in self.by_file:
            self.by_file[key] = _with_options(load_config_file(key) if key else Config(), self.args)
        return key

    def __getitem__(self, key: Path | None) -> Config:
        return self.by_file[key]


def _with_options(cfg: Config, args: argparse.Namespace) -> Config:
    updates: dict[str, object] = {}
    if args.kind:
        updates["kind"] = args.kind
    if args.fail_on:
        updates["fail_on"] = args.fail_on
    if args.select is not None:
        updates["select"] = args.select
    if args.ignore is not None:
        updates["ignore"] = [*cfg.ignore, *args.ignore]
    return cfg.model_copy(update=updates) if updates else cfg


def _documents(paths: Sequence[str], configs: _Configs, errors: list[str]) -> Iterator[tuple[Path | None, Document]]:
    """(config key, document) for every input, lazily; unreadable inputs become error lines."""
    for raw in paths:
        if raw == "-":
            key = configs.key_for(None)
            max_bytes = configs[key].max_file_size
            data = sys.stdin.buffer.read(max_bytes + 1)
            if len(data) > max_bytes:
                errors.append(f"-: input is over the {max_bytes / 1e6:.1f} MB limit; raise max-file-size in the config")
                continue
            try:
                yield key, make_document("-", decode(data, "-"), markdown=False)
            except InputError as err:
                errors.append(str(err))
            continue
        path = Path(raw)
        for child, display in ((c, str(c)) for c in FileFilter(path, ['*.md','*.txt','*.mdx','*.html','*.htm','*.markdown'], [], True).walk(path)) if path.is_dir() else [(path, raw)]:
            key = configs.key_for(child if child.exists() else None)
            try:
                yield key, read_path(child, display, configs[key].max_file_size)
            except InputError as err:
                errors.append(str(err))


def _cmd_check(args: argparse.Namespace) -> int:
    from . import reporters
    from .engine import Linter

    configs = _Configs(args)
    linters: dict[Path | None, Linter] = {}
    errors: list[str] = []
    docs = _documents(args.paths, configs, errors)
    out = sys.stdout
    if args.statistics and (args.redact or args.fmt == "github"):
        raise PhiguardError("--statistics goes with --format text or json, not with --redact or --format github")
    reporter = reporters.make(args.fmt, out, show_matches=args.show_matches, redact=args.redact, statistics=args.statistics)
    worst = False

    def pairs() -> Iterator[tuple[Document, object]]:
        # Consecutive documents under the same config stream through one Linter's check_many.
        for key, group in itertools.groupby(docs, key=lambda kd: kd[0]):
            if key not in linters:
                linters[key] = Linter(configs[key], consents=args.consent_registry)
            linter = linters[key]
            pending: deque[Document] = deque()

            def texts(group=group, pending=pending) -> Iterator[str]:  # type: ignore[no-untyped-def]
                for _, d in group:
                    pending.append(d)
                    yield d.checked

            yield from _reports(linter, texts(), pending, configs[key].kind)

    def _reports(linter: Linter, texts: Iterator[str], pending: deque[Document], kind: str) -> Iterator[tuple[Document, object]]:
        reviewers = itertools.repeat(args.reviewer) if args.reviewer else None
        # read in step with the texts: pending[-1] is the document whose text was just taken
        consents = (pending[-1].consents if pending[-1].consents is not None else args.consent for _ in itertools.count())
        channels = (pending[-1].channel or args.channel for _ in itertools.count())
        for report in linter.check_many(texts, kind=kind, reviewers=reviewers, consents=consents, channels=channels):
            doc = pending.popleft()
            if args.redact and doc.checked != doc.text:
                # findings were made on the prose view; redact the file as written
                report = report.model_copy(update={"redacted_text": linter.redact(doc.text, report.findings)})
            yield doc, report

    for doc, report in pairs():
        reporter.add(doc, report)  # type: ignore[arg-type]
        worst = worst or not report.passed  # type: ignore[attr-defined]
    for message in errors:
        print(f"phiguard: error: {message}", file=sys.stderr)
    reporter.finish(errors)
    if errors:
        return EXIT_ERROR
    if worst and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _cmd_rules() -> int:
    from .rules import builtin_rules

    rules = builtin_rules().values()
    width = max(len(r.name) for r in rules)
    for rule in rules:
        print(f"{rule.code}  {rule.name:<{width}} {rule.severity:<8} {rule.summary}")
    return EXIT_CLEAN


def _cmd_rule(code: str) -> int:
    from .rules import builtin_rules

    rules = builtin_rules()
    rule = rules.get(code.upper()) or next((r for r in rules.values() if r.name == code), None)
    if rule is None:
        raise ConfigError(f"unknown rule '{code}'; run phiguard rules for the list")
    print(f"{rule.code} ({rule.name}) - {rule.category}, default severity {rule.severity}\n")
    print(f"What it finds\n  {rule.summary}\n")
    print(f"Why it matters\n  {rule.why}\n  Source: {rule.citation}\n")
    for ex in rule.examples.fail:
        print(f"Example ({ex.kind}, fails)\n  {ex.text}\n")
    for ex in rule.examples.pass_:
        print(f"Example ({ex.kind}, passes)\n  {ex.text}\n")
    if rule.suggestion:
        # findings fill in the practice's phone from the config; the rule page shows a placeholder
        print(f"Use instead\n  {rule.suggestion.replace('{office_phone}', '<your office phone>')}")
    return EXIT_CLEAN


def _cmd_consent_check(args: argparse.Namespace) -> int:
    from .consent import load_registry

    registry = load_registry(args.registry)
    today = args.today or dt.date.today()
    soon = today + dt.timedelta(days=max(0, args.expiring_within))
    rows = []
    for rec in registry.records:
        problems = rec.problems(today)
        notes = []
        if not problems and rec.expires is not None and rec.expires <= soon:
            notes.append(f"expires on {rec.expires.isoformat()}")
        row: dict[str, object] = {"id": rec.id, "valid": not problems, "problems": problems, "notes": notes}
        if rec.expires is not None:
            row["expires"] = rec.expires.isoformat()
        if args.show_personal:
            row["subject"] = rec.subject
        rows.append(row)
    invalid = sum(1 for r in rows if not r["valid"])
    if args.fmt == "json":
        print(json.dumps({"registry": str(args.registry), "today": today.isoformat(), "records": rows, "invalid": invalid}, indent=2))
    else:
        for r in rows:
            who = f" ({r['subject']})" if "subject" in r else ""
            if r["problems"]:
                print(f"{args.registry}: {r['id']}{who}: invalid: {'; '.join(r['problems'])}")  # type: ignore[arg-type]
            elif r["notes"]:
                print(f"{args.registry}: {r['id']}{who}: valid, {'; '.join(r['notes'])}")  # type: ignore[arg-type]
        print(f"{len(rows)} record{'s' if len(rows) != 1 else ''}, {invalid} invalid (checked for {today.isoformat()})")
    return EXIT_FINDINGS if invalid else EXIT_CLEAN


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _cmd_check(args)
        if args.command == "rules":
            return _cmd_rules()
        if args.command == "rule":
            return _cmd_rule(args.code)
        if args.command == "consent" and args.consent_command == "check":
            return _cmd_consent_check(args)
        parser.print_help()
        return EXIT_ERROR
    except PhiguardError as err:
        print(f"phiguard: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("phiguard: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN
    except Exception as err:  # never a traceback for a user; PHIGUARD_DEBUG=1 shows it
        if os.environ.get("PHIGUARD_DEBUG"):
            raise
        print(f"phiguard: internal error ({err.__class__.__name__}); rerun with PHIGUARD_DEBUG=1 and report it", file=sys.stderr)
        return EXIT_ERROR
