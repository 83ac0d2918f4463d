"""The phiguard hook of .pre-commit-hooks.yaml, installed by the real pre-commit from this checkout, blocks a commit with PHI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def _ok(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 300) -> str:
    p = _run(args, cwd, env, timeout)
    assert p.returncode == 0, f"{args} exited {p.returncode}\n{p.stdout}\n{p.stderr}"
    return p.stdout


def _git_env(tmp_path: Path) -> dict[str, str]:
    # Keep PATH and pip's settings (index, cache) so the hook's venv installs from the same index;
    # drop GIT_* (set when pytest itself runs inside a git hook) and the user's git config, whose
    # core.hooksPath would make `pre-commit install` refuse.
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    empty = tmp_path / "gitconfig"
    empty.write_text("")
    env.update(GIT_CONFIG_GLOBAL=str(empty), GIT_CONFIG_NOSYSTEM="1", PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    return env


def _init(repo: Path, env: dict[str, str]) -> None:
    repo.mkdir()
    _ok(["git", "init", "-q"], repo, env)
    for key, value in (("user.name", "Test"), ("user.email", "test@example.com"), ("commit.gpgsign", "false")):
        _ok(["git", "config", key, value], repo, env)


def _snapshot(env: dict[str, str], dest: Path) -> str:
    """Commit the checkout's working tree as it is (uncommitted edits and new files included) in a
    new repo, since pre-commit clones `repo:` at `rev:`; returns that commit."""
    _init(dest, env)
    listed = _ok(["git", "ls-files", "-z", "-co", "--exclude-standard"], ROOT, env).split("\0")
    for rel in sorted(set(filter(None, listed))):
        src = ROOT / rel
        if src.is_file():  # a tracked file deleted in the working tree is listed too
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    _ok(["git", "add", "-A"], dest, env)
    _ok(["git", "commit", "-q", "-m", "snapshot"], dest, env)
    return _ok(["git", "rev-parse", "HEAD"], dest, env).strip()


def _commits(site: Path, env: dict[str, str]) -> int:
    return int(_ok(["git", "rev-list", "--all", "--count"], site, env))


@pytest.mark.slow
def test_hook_blocks_a_commit_with_phi_and_lets_a_clean_one_through(tmp_path: Path) -> None:
    env = _git_env(tmp_path)
    hookrepo = tmp_path / "hookrepo"
    rev = _snapshot(env, hookrepo)

    site = tmp_path / "site"
    _init(site, env)
    (site / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hookrepo}\n    rev: {rev}\n    hooks:\n      - id: phiguard\n"
    )
    _ok([sys.executable, "-m", "pre_commit", "install"], site, env)
    # The hook's virtualenv: pip installs the snapshot with spaCy, Presidio and the English model.
    started = time.monotonic()
    p = _run([sys.executable, "-m", "pre_commit", "install-hooks"], site, env, timeout=900)
    log = tmp_path / "pre-commit-home" / "pre-commit.log"
    assert p.returncode == 0, f"{p.stdout}\n{p.stderr}\n{log.read_text() if log.exists() else ''}"
    print(f"pre-commit install-hooks took {time.monotonic() - started:.0f} s")

    (site / "post.md").write_text("We are proud of our patient Maria Gonzalez after her chemo.\n")
    _ok(["git", "add", "post.md", ".pre-commit-config.yaml"], site, env)
    p = _run(["git", "commit", "-m", "x"], site, env)
    out = p.stdout + p.stderr
    assert p.returncode != 0, out
    assert "PHI101" in out, out
    assert "Gonzalez" not in out, out  # findings never quote the matched text
    assert _commits(site, env) == 0

    (site / "post.md").write_text("Walk-in flu shots all week at our clinic.\n")
    # Not content the hook's types select: a name here must not block the commit.
    (site / "package.json").write_text('{"name": "site", "author": "Maria Gonzalez"}\n')
    (site / "seed.py").write_text("# fixture: our patient Maria Gonzalez after her chemo\n")
    _ok(["git", "add", "post.md", "package.json", "seed.py"], site, env)
    p = _run(["git", "commit", "-m", "x"], site, env)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "phiguard" in p.stdout + p.stderr  # the hook ran (pre-commit prints its name and Passed)
    assert _commits(site, env) == 1
