"""The `phiguard` command: argument parsing, reading inputs, exit codes. The only place that exits."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, get_args

from ._version import __version__
from .config import Config
from .documents import Document
from .models import Report
from .run import Options, PerText, Progress, Targets, check_parallel, check_serial, documents, list_inputs, redactor_for
from .suppressions import Notice
from .errors import ConfigError, PhiguardError
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


def _input_options(p: argparse.ArgumentParser) -> None:
    """What `check` and `baseline create|update` share: which inputs, read how, under which config."""
    p.add_argument("--kind", choices=KINDS, help="what the text is (default from config, else post)")
    # the choices are the config's own (one list each, in config.Config)
    p.add_argument("--lang", choices=get_args(Config.model_fields["lang"].annotation), help="the language of the texts (default from config, else auto: each text or paragraph in its own)")
    p.add_argument("--jurisdiction", choices=get_args(Config.model_fields["jurisdiction"].annotation), help="where the practice publishes (default from config, else US)")
    p.add_argument("--reviewer", metavar="NAME", help="for replies: the reviewer's display name, to catch a reply that uses it (PHI303)")
    p.add_argument("--select", type=_csv, help="comma-separated codes, prefixes or names to enable")
    p.add_argument("--ignore", type=_csv, help="comma-separated codes, prefixes or names to disable")
    p.add_argument("--config", type=Path, help="config file (default: nearest .phiguard.toml or pyproject.toml)")
    p.add_argument("--consent-registry", type=Path, metavar="FILE", help="consent records (YAML or JSON); default from the config")
    p.add_argument("--consent", type=_csv, metavar="IDS", help="consent ids for inputs whose front matter names none (stdin, text files, export records)")
    p.add_argument("--channel", metavar="NAME", help="where the text will appear (website, instagram…), checked against consent scopes")
    p.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="check in N processes (0: one per CPU); each loads the models once")
    p.add_argument("--exclude", type=_csv, metavar="GLOBS", help="comma-separated globs (gitignore syntax) to skip, added to the config's")
    p.add_argument("--force-exclude", action="store_true", help="apply the excludes and .gitignore to files named on the command line too (for pre-commit)")
    p.add_argument("--field", metavar="NAME", help="CSV/JSON/JSONL exports: the field holding the text (default from config, else text)")
    p.add_argument("--kind-field", metavar="NAME", help="CSV/JSON/JSONL exports: the field holding post, reply or blog")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="phiguard", description="Check what a healthcare practice publishes for patient identifiers (PHI), testimonials and health claims.")
    parser.add_argument("--version", action="version", version=f"phiguard {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    c = sub.add_parser("check", help="check files, directories or stdin (-)")
    c.add_argument("paths", nargs="*", default=["-"], metavar="PATH", help="files or directories; - reads stdin (default)")
    c.add_argument("--format", choices=("text", "json", "github", "sarif", "html"), default="text", dest="fmt", help="text (default), json, github (workflow annotations), sarif (code scanning) or html (a report for people)")
    c.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead of the findings (text or json)")
    c.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that makes the exit code 1")
    c.add_argument("--redact", action="store_true", help="print the redacted text instead of the findings")
    c.add_argument("--show-matches", action="store_true", help="include the matched text in the output (it is PHI)")
    c.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings (errors still exit 2)")
    c.add_argument("--baseline", type=Path, metavar="FILE", help="report only findings not accepted in this baseline (phiguard baseline create)")
    _input_options(c)

    b = sub.add_parser("baseline", help="accept today's findings, so that a check reports only new ones")
    bsub = b.add_subparsers(dest="baseline_command", metavar="ACTION", parser_class=_Parser, required=True)
    for action, text in (("create", "check the paths and write their findings as the baseline"), ("update", "recheck and rewrite an existing baseline: fixed findings leave it, new ones join it")):
        ba = bsub.add_parser(action, help=text)
        ba.add_argument("paths", nargs="*", default=["."], metavar="PATH", help="files or directories (default: .)")
        ba.add_argument("--output", "-o", type=Path, default=Path(".phiguard-baseline.json"), metavar="FILE", help="the baseline file (default .phiguard-baseline.json)")
        if action == "create":
            ba.add_argument("--force", action="store_true", help="replace an existing baseline")
        _input_options(ba)

    cs = sub.add_parser("consent", help="work with the consent registry")
    csub = cs.add_subparsers(dest="consent_command", metavar="ACTION", parser_class=_Parser)
    cc = csub.add_parser("check", help="validate a consent registry and list records that are expired, revoked or incomplete")
    cc.add_argument("registry", type=Path, metavar="REGISTRY", help="the registry file (YAML or JSON)")
    cc.add_argument("--format", choices=("text", "json"), default="text", dest="fmt")
    cc.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="check validity on this date instead of today")
    cc.add_argument("--expiring-within", type=int, default=30, metavar="DAYS", help="also report records that expire within DAYS (default 30)")
    cc.add_argument("--show-personal", action="store_true", help="include each record's subject (personal data) in the output")

    rl = sub.add_parser("rules", help="list the rules")
    rl.add_argument("--format", choices=("text", "json", "markdown"), default="text", dest="fmt", help="markdown prints docs/rules.md")
    r = sub.add_parser("rule", help="explain one rule")
    r.add_argument("code", help="a rule code or name, e.g. PHI101 or phi-name")
    r.add_argument("--format", choices=("text", "markdown"), default="text", dest="fmt")
    return parser


def _targets(args: argparse.Namespace) -> Targets:
    return Targets(args.config, {"kind": args.kind, "lang": args.lang, "jurisdiction": args.jurisdiction, "fail_on": getattr(args, "fail_on", None), "select": args.select, "ignore": args.ignore, "exclude": args.exclude})


def _checked(args: argparse.Namespace, errors: list[str], *, baseline: Path | None = None, redact: bool = False, writer: Any = None) -> Iterator[tuple[Document, Report, list[Notice]]]:
    """Every input checked, with suppressions, per-file ignores and the baseline applied: the
    findings they silence are dropped in one go, and the report rescored once."""
    from . import baseline as bl
    from .redact import redact_findings, without
    from .rules import builtin_rules
    from .suppressions import apply as apply_suppressions

    targets = _targets(args)
    opts = Options(field=args.field, kind_field=args.kind_field, force_exclude=args.force_exclude)
    per = PerText(reviewer=args.reviewer, consents=args.consent, channel=args.channel, consent_registry=args.consent_registry)
    inputs = list_inputs(args.paths, targets, opts, errors)
    done = [0]
    docs = documents(inputs, targets, opts, errors, done)
    linters: dict[Path | None, Any] = {}
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    results = check_serial(docs, targets, per, linters) if jobs == 1 else check_parallel(docs, targets, per, jobs)
    matcher = bl.Matcher(bl.load(baseline), baseline.resolve().parent) if baseline is not None else None
    rules = builtin_rules()
    progress = Progress(len(inputs))
    try:
        for key, doc, report in results:
            target = targets[key]
            drop, notices = apply_suppressions(doc.text, report.findings, doc.position, rules, target.file_ignores(doc.path))
            if matcher is not None or writer is not None:
                # the baseline sees the findings left after suppressions, as a reader would
                silenced = set(drop)
                kept = [i for i in range(len(report.findings)) if i not in silenced]
                left = [report.findings[i] for i in kept]
                prints = bl.fingerprints(doc.checked, left)
                if writer is not None:
                    writer.add(doc.path, prints, left, [doc.position(f.start) for f in left], doc.record.row if doc.record else None)
                if matcher is not None:
                    drop += [kept[j] for j in matcher.accepted(doc.path, prints)]
            if drop:
                report = without(report, doc.text, drop, target.config, redactor_for(target, linters, key))
            elif redact and doc.checked != doc.text:
                # findings were made on the prose view; redact the file as written
                redacted = redact_findings(redactor_for(target, linters, key), doc.text, report.findings)
                report = report.model_copy(update={"redacted_text": redacted})
            progress.update(done[0], len(report.findings))
            yield doc, report, notices
    finally:
        progress.close()


def _cmd_check(args: argparse.Namespace) -> int:
    from . import reporters

    if args.statistics and (args.redact or args.fmt not in ("text", "json")):
        raise PhiguardError("--statistics goes with --format text or json, not with --redact or --format github, sarif or html")
    if args.redact and args.fmt not in ("text", "json"):
        raise PhiguardError("--redact goes with --format text or json")
    errors: list[str] = []
    reporter = reporters.make(args.fmt, sys.stdout, show_matches=args.show_matches, redact=args.redact, statistics=args.statistics, root=str(Path.cwd()))
    worst = False
    for doc, report, notices in _checked(args, errors, baseline=args.baseline, redact=args.redact):
        reporter.add(doc, report, notices)
        worst = worst or not report.passed
    for message in errors:
        print(f"phiguard: error: {message}", file=sys.stderr)
    reporter.finish(errors)
    if errors:
        return EXIT_ERROR
    if worst and not args.exit_zero:
        return EXIT_FINDINGS
    return EXIT_CLEAN


def _cmd_baseline(args: argparse.Namespace) -> int:
    from . import baseline as bl

    target: Path = args.output
    previous = None
    if args.baseline_command == "create" and target.exists() and not args.force:
        raise PhiguardError(f"{target} exists; use phiguard baseline update to refresh it, or --force to replace it")
    if args.baseline_command == "update":
        previous = bl.load(target)
    writer = bl.Writer(target.resolve().parent)
    errors: list[str] = []
    for _ in _checked(args, errors, writer=writer):
        pass
    for message in errors:
        print(f"phiguard: error: {message}", file=sys.stderr)
    if errors:
        print(f"phiguard: {target} not written: fix the inputs above first, so that no finding is missed", file=sys.stderr)
        return EXIT_ERROR
    counts = writer.write(target, previous)
    verb = "updated" if previous else "created"
    print(f"{target}: {verb} with {counts['findings']} accepted finding{'s' if counts['findings'] != 1 else ''} ({counts['added']} added, {counts['removed']} removed)")
    return EXIT_CLEAN


def _cmd_rules(fmt: str) -> int:
    from .rule_docs import rules_markdown
    from .rules import builtin_rules

    if fmt == "markdown":
        sys.stdout.write(rules_markdown())
        return EXIT_CLEAN
    rules = builtin_rules().values()
    if fmt == "json":
        print(json.dumps([r.model_dump(by_alias=True) for r in rules], indent=2, ensure_ascii=False))
        return EXIT_CLEAN
    width = max(len(r.name) for r in rules)
    for rule in rules:
        print(f"{rule.code}  {rule.name:<{width}} {rule.severity:<8} {rule.summary}")
    return EXIT_CLEAN


def _cmd_rule(code: str, fmt: str) -> int:
    from .rule_docs import rule_markdown, rule_text
    from .rules import builtin_rules

    rules = builtin_rules()
    rule = rules.get(code.upper()) or next((r for r in rules.values() if r.name == code.lower()), None)
    if rule is None:
        raise ConfigError(f"unknown rule '{code}'; run phiguard rules for the list")
    sys.stdout.write(rule_markdown(rule, level=1) if fmt == "markdown" else rule_text(rule))
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
    args, extra = parser.parse_known_args(argv)
    # paths may come after options too (`check --field message a.csv b.jsonl`), as in ruff
    unknown = [a for a in extra if a.startswith("-") and a != "-"]
    if unknown or (extra and not hasattr(args, "paths")):
        parser.error(f"unrecognized arguments: {' '.join(unknown or extra)}")
    if extra:
        args.paths = [p for p in args.paths if p != "-" or "-" in (argv or sys.argv[1:])] + extra
    try:
        if args.command == "check":
            return _cmd_check(args)
        if args.command == "baseline":
            return _cmd_baseline(args)
        if args.command == "rules":
            return _cmd_rules(args.fmt)
        if args.command == "rule":
            return _cmd_rule(args.code, args.fmt)
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
