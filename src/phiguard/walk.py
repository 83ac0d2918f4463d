"""Which files a directory walk checks: include/exclude globs (gitignore syntax, relative to the
project root) and the .gitignore files of the repository, via pathspec."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

import pathspec

# never walked into, whatever the config says
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"})


def _spec(patterns: Iterable[str]) -> pathspec.PathSpec:
    return pathspec.PathSpec.from_lines("gitignore", list(patterns))


@lru_cache(maxsize=256)
def _gitignore(folder: Path) -> pathspec.PathSpec | None:
    f = folder / ".gitignore"
    try:
        lines = f.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return pathspec.GitIgnoreSpec.from_lines(lines)


@lru_cache(maxsize=1024)
def _git_root(start: Path) -> Path | None:
    """The repository holding a folder (asked once per folder, not once per file)."""
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


class FileFilter:
    """Decides, for a project root, which paths a walk yields."""

    def __init__(self, root: Path, include: Iterable[str], exclude: Iterable[str], respect_gitignore: bool) -> None:
        self.root = root.resolve()
        self.include = _spec(include)
        self.exclude = _spec(exclude)
        self.respect_gitignore = respect_gitignore

    def _rel(self, path: Path) -> str | None:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return None

    def excluded(self, path: Path, is_dir: bool = False) -> bool:
        """Excluded by the exclude globs (checked against the path and each of its folders)."""
        rel = self._rel(path)
        if rel is None:
            rel = path.as_posix()
        if rel in ("", "."):
            return False
        parts = rel.split("/")
        for i in range(1, len(parts) + 1):
            sub = "/".join(parts[:i])
            if self.exclude.match_file(sub + ("/" if i < len(parts) or is_dir else "")):
                return True
        return False

    def ignored_by_git(self, path: Path, is_dir: bool = False) -> bool:
        if not self.respect_gitignore:
            return False
        path = path.resolve()
        top = _git_root(path.parent)
        if top is None:
            return False
        # every .gitignore from the repository's top down to the file's folder; the deepest match wins
        verdict = False
        folder = path.parent
        chain = [folder, *folder.parents]
        for d in reversed(chain[: chain.index(top) + 1] if top in chain else [folder]):
            spec = _gitignore(d)
            if spec is None:
                continue
            rel = path.relative_to(d).as_posix() + ("/" if is_dir else "")
            result = spec.check_file(rel)
            if result.include is not None:
                verdict = bool(result.include)
        return verdict

    def included(self, path: Path) -> bool:
        rel = self._rel(path) or path.name
        return self.include.match_file(rel)

    def walk(self, top: Path) -> Iterator[Path]:
        """Files under `top` (sorted) that the include globs name and nothing excludes. Hidden
        and vendored folders and symlinked folders (a link back up the tree would loop) are skipped."""
        for dirpath, dirnames, filenames in os.walk(top, followlinks=False):
            here = Path(dirpath)
            keep = []
            for d in sorted(dirnames):
                child = here / d
                if d.startswith(".") or d in SKIP_DIRS or child.is_symlink():
                    continue
                if self.excluded(child, is_dir=True) or self.ignored_by_git(child, is_dir=True):
                    continue
                keep.append(d)
            dirnames[:] = keep
            for name in sorted(filenames):
                if name.startswith("."):
                    continue
                child = here / name
                if not self.included(child) or self.excluded(child) or self.ignored_by_git(child):
                    continue
                if child.is_file():
                    yield child
