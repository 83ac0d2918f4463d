"""A check over many inputs: the files the paths name, one document at a time (an export gives
one per record), one Linter per config in this process or in `--jobs` worker processes, and what
happens to each report before it is shown: suppression comments, per-file ignores, the baseline.
Reports stream through; only the documents in flight are held."""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .config import Config, find_config_file, load_config_file
from .documents import Document, ExportOptions, decode, is_export, iter_export, make_document, read_path
from .errors import ConfigError, InputError
from .models import Report
from .walk import FileFilter


@dataclass
class Target:
    """A config in effect for some inputs, with the folder its globs are relative to."""

    config: Config
    root: Path
    ignores: list[tuple[Any, list[str]]] = field(default_factory=list)  # (PathSpec, selectors)
    redactor: Any = None  # built on first need (reporting without a Linter in this process)
    _filter: FileFilter | None = None

    @property
    def files(self) -> FileFilter:
        """The include/exclude globs and .gitignore rule of this config, compiled once."""
        if self._filter is None:
            cfg = self.config
            self._filter = FileFilter(self.root, [*cfg.include, *cfg.extend_include], [*cfg.exclude, *cfg.extend_exclude], cfg.respect_gitignore)
        return self._filter

    def file_ignores(self, path: str) -> list[str]:
        if not self.ignores or path == "-":
            return []
        try:
            rel = Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            rel = Path(path).as_posix()
        return [s for spec, sels in self.ignores if spec.match_file(rel) for s in sels]


class Targets:
    """The config for each checked path: --config for all, else the nearest config file walking up
    from the path (from the current directory for stdin). Command-line options apply on top."""

    def __init__(self, explicit: Path | None, options: dict[str, Any]) -> None:
        self.options = options
        self.by_file: dict[Path | None, Target] = {}
        self.by_dir: dict[Path, Path | None] = {}  # folder -> its config file, so a walk up happens once per folder
        self.explicit = explicit
        if explicit is not None:
            if not explicit.is_file():
                raise ConfigError(f"{explicit}: config file not found")
            self.by_file[explicit] = self._target(explicit)

    def _target(self, key: Path | None) -> Target:
        from .rules import builtin_rules, validate_selectors

        cfg = load_config_file(key) if key else Config()
        updates: dict[str, Any] = {}
        for name in ("kind", "lang", "jurisdiction", "fail_on", "select"):
            if self.options.get(name) is not None:
                updates[name] = self.options[name]
        if self.options.get("ignore") is not None:
            updates["ignore"] = [*cfg.ignore, *self.options["ignore"]]
        if self.options.get("exclude"):
            updates["extend_exclude"] = [*cfg.extend_exclude, *self.options["exclude"]]
        if updates:
            cfg = cfg.model_copy(update=updates)
        root = key.parent.resolve() if key else Path.cwd().resolve()
        target = Target(cfg, root)
        if cfg.per_file_ignores:
            import pathspec

            rules = builtin_rules()
            for glob, sels in cfg.per_file_ignores.items():
                try:
                    validate_selectors(sels, rules)
                except ConfigError as err:
                    raise ConfigError(f"{key}: per-file-ignores '{glob}': {err}") from None
                target.ignores.append((pathspec.PathSpec.from_lines("gitignore", [glob]), sels))
        return target

    def key_for(self, path: Path | None) -> Path | None:
        if self.explicit is not None:
            return self.explicit
        start = path if path is not None else Path.cwd()
        folder = start if start.is_dir() else start.parent
        if folder not in self.by_dir:
            self.by_dir[folder] = find_config_file(folder)
        key = self.by_dir[folder]
        if key not in self.by_file:
            self.by_file[key] = self._target(key)
        return key

    def __getitem__(self, key: Path | None) -> Target:
        return self.by_file[key]


@dataclass
class Options:
    field: str | None = None
    kind_field: str | None = None
    force_exclude: bool = False


def list_inputs(paths: Sequence[str], targets: Targets, opts: Options, errors: list[str]) -> list[tuple[Path | None, Path | None, str]]:
    """(config key, path or None for stdin, display name) of every input, walking directories.
    Only names are listed here (cheap even for a large repo), so a progress bar knows the total."""
    out: list[tuple[Path | None, Path | None, str]] = []
    for raw in paths:
        if raw == "-":
            out.append((targets.key_for(None), None, "-"))
            continue
        path = Path(raw)
        if path.is_dir():
            for child in targets[targets.key_for(path)].files.walk(path):
                out.append((targets.key_for(child), child, str(child)))
            continue
        key = targets.key_for(path if path.exists() else None)
        if opts.force_exclude:
            files = targets[key].files
            if files.excluded(path) or files.ignored_by_git(path):
                continue
        out.append((key, path, raw))
    return out


def documents(inputs: list[tuple[Path | None, Path | None, str]], targets: Targets, opts: Options, errors: list[str], done: list[int]) -> Iterator[tuple[Path | None, Document]]:
    """(config key, document) for every input, lazily; unreadable inputs become error lines.
    `done[0]` counts the inputs taken so far (for the progress bar)."""
    for key, path, display in inputs:
        done[0] += 1
        cfg = targets[key].config
        if path is None:
            data = sys.stdin.buffer.read(cfg.max_file_size + 1)
            if len(data) > cfg.max_file_size:
                errors.append(f"-: input is over the {cfg.max_file_size / 1e6:.1f} MB limit; raise max-file-size in the config")
                continue
            try:
                yield key, make_document("-", decode(data, "-"))
            except InputError as err:
                errors.append(str(err))
            continue
        try:
            if is_export(path):
                export = ExportOptions(field=opts.field or cfg.exports.field, kind_field=opts.kind_field or cfg.exports.kind_field, max_bytes=cfg.max_file_size)
                for doc in iter_export(path, display, export, errors):
                    yield key, doc
            else:
                yield key, read_path(path, display, cfg.max_file_size)
        except InputError as err:
            errors.append(str(err))


@dataclass
class PerText:
    """What the command line says about every text, besides its config."""

    reviewer: str | None = None
    consents: list[str] | None = None
    channel: str | None = None
    consent_registry: Path | None = None


# -- checking in this process or in workers ---------------------------------------------------

_WORKER_LINTERS: dict[str, Any] = {}


def _worker_check(config_json: str, registry: str | None, items: list[tuple[str, str | None, str | None, list[str] | None, str | None]]) -> list[Report]:
    from .config import Config
    from .engine import Linter

    key = config_json + "\0" + (registry or "")
    linter = _WORKER_LINTERS.get(key)
    if linter is None:
        linter = _WORKER_LINTERS[key] = Linter(Config.model_validate_json(config_json), consents=registry)
    return list(
        linter.check_many(
            (i[0] for i in items),
            kinds=[i[1] for i in items],
            reviewers=[i[2] for i in items],
            consents=[i[3] for i in items],
            channels=[i[4] for i in items],
        )
    )


def _item(doc: Document, per: PerText) -> tuple[str, str | None, str | None, list[str] | None, str | None]:
    return (doc.checked, doc.kind, per.reviewer, doc.consents if doc.consents is not None else per.consents, doc.channel or per.channel)


def check_serial(docs: Iterator[tuple[Path | None, Document]], targets: Targets, per: PerText, linters: dict[Path | None, Any]) -> Iterator[tuple[Path | None, Document, Report]]:
    from .engine import Linter

    # consecutive documents under the same config stream through one Linter's check_many
    for key, group in itertools.groupby(docs, key=lambda kd: kd[0]):
        if key not in linters:
            linters[key] = Linter(targets[key].config, consents=per.consent_registry)
        linter = linters[key]
        pending: deque[Document] = deque()

        def items(group=group, pending=pending) -> Iterator[tuple[str, str | None, str | None, list[str] | None, str | None]]:  # type: ignore[no-untyped-def]
            for _, d in group:
                pending.append(d)
                yield _item(d, per)

        stream = items()
        # one pass over the items feeds all five iterables of check_many, in step
        current: list[Any] = [None]

        def take() -> Iterator[str]:
            for it in stream:
                current[0] = it
                yield it[0]

        def along(i: int) -> Iterator[Any]:
            while True:
                yield current[0][i]

        for report in linter.check_many(take(), kinds=along(1), reviewers=along(2), consents=along(3), channels=along(4)):
            yield key, pending.popleft(), report


def check_parallel(docs: Iterator[tuple[Path | None, Document]], targets: Targets, per: PerText, jobs: int, batch: int = 16) -> Iterator[tuple[Path | None, Document, Report]]:
    """Batches of documents checked in `jobs` worker processes, each loading the models once;
    results come back in input order, and at most 2 batches per worker are in flight."""
    registry = str(per.consent_registry) if per.consent_registry else None
    in_flight: deque[tuple[Future[list[Report]], list[tuple[Path | None, Document]]]] = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:

        def drain(limit: int) -> Iterator[tuple[Path | None, Document, Report]]:
            while len(in_flight) > limit:
                fut, group = in_flight.popleft()
                for (key, doc), report in zip(group, fut.result()):
                    yield key, doc, report

        for key, group in itertools.groupby(docs, key=lambda kd: kd[0]):
            config_json = targets[key].config.model_dump_json()
            while True:
                chunk = list(itertools.islice(group, batch))
                if not chunk:
                    break
                in_flight.append((pool.submit(_worker_check, config_json, registry, [_item(d, per) for _, d in chunk]), chunk))
                yield from drain(2 * jobs)
        yield from drain(0)


# -- after the check ------------------------------------------------------------------------


def redactor_for(target: Target, linters: dict[Path | None, Any], key: Path | None) -> Any:
    if key in linters:
        return linters[key].redactor
    if target.redactor is None:
        from .redact import Redactor

        target.redactor = Redactor(target.config.redaction, target.config.hash_key())
    return target.redactor


class Progress:
    """A one-line progress display on a terminal's stderr; nothing when stderr is not a terminal
    (CI logs, pipes) or PHIGUARD_NO_PROGRESS is set."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.total = total
        self.enabled = total > 1 and _isatty(self.stream) and not os.environ.get("PHIGUARD_NO_PROGRESS") and os.environ.get("TERM") != "dumb"
        self.last = 0.0
        self.docs = 0
        self.findings = 0

    def update(self, files_done: int, findings: int) -> None:
        self.docs += 1
        self.findings += findings
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.last < 0.1 and files_done < self.total:
            return
        self.last = now
        width = 24
        filled = int(width * files_done / self.total)
        bar = "█" * filled + "·" * (width - filled)
        self.stream.write(f"\r{bar} {files_done}/{self.total} files, {self.docs} texts, {self.findings} findings ")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.last:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
