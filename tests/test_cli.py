"""The phiguard command end to end: formats, exit codes, privacy, and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from phiguard import __version__
from phiguard.cli import main

PHI = "Congrats to Maria Gonzalez on finishing chemo!\n"
SECRET_BITS = ("Maria", "Gonzalez", "512-44-7391", "00482913")


def run(args: list[str], stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "phiguard", *args],
        input=stdin.decode("utf-8", "surrogateescape") if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )


@pytest.fixture()
def posts(tmp_path: Path) -> Path:
    (tmp_path / "clean.md").write_text("# Flu season\n\nWalk-in flu shots all week.\n")
    (tmp_path / "leak.md").write_text(
        "---\ntitle: Patient spotlight\nauthor: Maria Gonzalez\n---\n\nWe are proud of\nour patient Maria Gonzalez after her chemo.\n\n```\nMRN 00482913\n```\n"
    )
    (tmp_path / "ids.txt").write_text("Note\nHer SSN is 512-44-7391.\n")
    return tmp_path


def test_text_format_line_and_column(posts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(posts / "leak.md")])
    out = capsys.readouterr().out.splitlines()
    assert code == 1
    # the author field is not published, the code block is not prose: the title and line 7 count
    assert out[0] == f"{posts / 'leak.md'}:2:8: TST401 [error] This is a patient testimonial, and no consent record is referenced for it."
    assert out[1] == f"{posts / 'leak.md'}:7:13: PHI101 [error] A person's name appears where it can identify a patient."
    assert out[2] == f"{posts / 'leak.md'}:7:38: PHI201 [error] Health information about a person the text identifies."
    assert out[-1] == "Found 3 findings (3 errors) in 1 file."


def test_directory_and_json(posts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (posts / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    (posts / "notes.csv").write_text("not,checked\n")
    code = main(["check", str(posts), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [Path(r["path"]).name for r in doc["results"]] == ["clean.md", "ids.txt", "leak.md"]
    ssn = doc["results"][1]["findings"][0]
    assert (ssn["code"], ssn["entity"], ssn["line"], ssn["column"], ssn["end_column"]) == ("PHI106", "SSN", 2, 12, 23)
    assert ssn["excerpt"] == "*" * 11 and "match" not in ssn
    assert doc["summary"] == {"files": 3, "documents": 3, "findings": 4, "error": 4, "warning": 0, "info": 0}
    assert doc["results"][2]["findings"][0]["code"] == "TST401" and doc["results"][2]["findings"][0]["excerpt"] is None
    assert doc["errors"] == []


def test_output_never_contains_phi_unless_asked(posts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("text", "json"):
        main(["check", str(posts), "--format", fmt])
        out = capsys.readouterr()
        assert not any(bit in out.out + out.err for bit in SECRET_BITS), fmt
    main(["check", str(posts / "ids.txt"), "--show-matches"])
    assert "512-44-7391" in capsys.readouterr().out


def test_redact_prints_redacted_text(posts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(posts / "ids.txt"), "--redact"])
    out = capsys.readouterr().out
    assert code == 1
    assert "Her SSN is [SSN]." in out and "512-44-7391" not in out
    assert (posts / "ids.txt").read_text() == "Note\nHer SSN is 512-44-7391.\n"  # never rewritten


def test_redact_markdown_keeps_front_matter_and_code(posts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(posts / "leak.md"), "--redact"])
    out = capsys.readouterr().out
    assert code == 1
    # the file as written, with only the published prose redacted
    assert "title: Patient spotlight\n" in out and "```\nMRN 00482913\n```" in out
    assert "our patient [NAME] after her chemo." in out


def test_stdin_kind_reply_and_exit_codes() -> None:
    r = run(["check", "-", "--kind", "reply"], stdin=b"Thanks Jessica, see you at your next cleaning!\n")
    assert r.returncode == 1, r.stderr
    assert r.stdout.startswith("-:1:8: PHI303 [error] The reply names the reviewer.")
    assert "-:1:17: PHI301 [error]" in r.stdout
    clean = run(["check", "-"], stdin=b"Privacy law prevents us from discussing anyone's care; please call our office.\n")
    assert (clean.returncode, clean.stdout.strip()) == (0, "No findings in 1 file.")


def test_fail_on_and_exit_zero(tmp_path: Path) -> None:
    p = tmp_path / "w.txt"
    p.write_text("Shoutout to Tom Becker for the cookies!\n")
    assert main(["check", str(p)]) == 0  # a warning does not fail by default
    assert main(["check", str(p), "--fail-on", "warning"]) == 1
    assert main(["check", str(p), "--fail-on", "warning", "--exit-zero"]) == 0


def test_version() -> None:
    r = run(["--version"])
    assert (r.returncode, r.stdout.strip()) == (0, f"phiguard {__version__}")


def test_rules_and_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    listing = capsys.readouterr().out
    assert all(f"PHI1{n:02d}" in listing for n in range(1, 12))
    assert main(["rule", "phi-name"]) == 0
    text = capsys.readouterr().out
    assert "PHI101 (phi-name)" in text and "45 CFR 164.514(b)(2)(i)(A)" in text


# -- bad input: one clear line, the right exit code, never a traceback ------------------


def _one_line_error(r: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, r.stderr
    return lines[0]


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.md").write_text("  \n\n\t\n")
    r = run(["check", str(tmp_path / "empty.txt"), str(tmp_path / "blank.md")])
    assert (r.returncode, r.stderr) == (0, "")
    r = run(["check", "-"], stdin=b"")
    assert r.returncode == 0


def test_binary_file(tmp_path: Path) -> None:
    p = tmp_path / "scan.txt"
    p.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    r = run(["check", str(p)])
    assert r.returncode == 2
    assert _one_line_error(r).endswith("scan.txt: binary file, not checked")


def test_invalid_utf8(tmp_path: Path) -> None:
    p = tmp_path / "latin1.txt"
    p.write_bytes("Caf\u00e9 patients: Jos\u00e9".encode("latin-1"))
    r = run(["check", str(p)])
    assert r.returncode == 2
    assert "not valid UTF-8 (byte 0xe9 at offset 3)" in _one_line_error(r)


def test_huge_file_is_refused_with_a_clear_line(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_bytes(b"We love healthy smiles. " * 220_000)  # about 5 MB
    r = run(["check", str(p)])
    assert r.returncode == 2
    assert "MB is over the 2.0 MB limit; raise max-file-size" in _one_line_error(r)


def test_missing_path_still_checks_the_rest(tmp_path: Path) -> None:
    ok = tmp_path / "ok.txt"
    ok.write_text("Her SSN is 512-44-7391.\n")
    r = run(["check", str(tmp_path / "nope.md"), str(ok)])
    assert r.returncode == 2  # an unreadable input dominates findings
    assert _one_line_error(r).endswith("nope.md: no such file or directory")
    assert "PHI106" in r.stdout


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('[tool.phiguard]\nfail_onn = "x"\n', "unknown key 'fail_onn'"),
        ("[tool.phiguard\n", "not valid TOML"),
        ('[tool.phiguard]\nmodel = "en_core_web_xl_missing"\n', "is not installed"),
        ('[tool.phiguard]\nselect = ["NOPE1"]\n', "unknown rule selector 'NOPE1'"),
    ],
)
def test_bad_config(tmp_path: Path, content: str, expected: str) -> None:
    (tmp_path / "pyproject.toml").write_text(content)
    (tmp_path / "a.txt").write_text("hello\n")
    r = run(["check", "a.txt"], cwd=tmp_path)
    assert r.returncode == 2
    assert expected in _one_line_error(r)


def test_usage_errors() -> None:
    r = run(["check", "--format", "yaml"])
    assert r.returncode == 2
    assert "invalid choice" in _one_line_error(r)
    r = run(["check", "--config", "/nonexistent/phiguard.toml", "-"], stdin=b"x")
    assert r.returncode == 2
    assert "config file not found" in _one_line_error(r)


def test_malformed_front_matter_is_checked_as_text(tmp_path: Path) -> None:
    p = tmp_path / "bad.md"
    p.write_text("---\ntitle: [unclosed\nno closing fence\n\nour patient Maria Gonzalez after her chemo\n")
    r = run(["check", str(p)])
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert ":5:13: PHI101" in r.stdout


def test_each_path_uses_its_own_config(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "p.txt").write_text("Congrats to Maria Gonzalez on finishing chemo!\n")
    (tmp_path / "b" / ".phiguard.toml").write_text('[practice]\nstaff = ["Maria Gonzalez"]\n')
    a, b = str(tmp_path / "a" / "p.txt"), str(tmp_path / "b" / "p.txt")
    for order in ([a, b], [b, a]):
        assert main(["check", *order]) == 1
        out = capsys.readouterr().out
        assert f"{a}:1:13: PHI101" in out and b not in out.split("Found")[0]


def test_fifo_and_symlink_loop_do_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    r = run(["check", str(tmp_path / "pipe.txt")])
    assert r.returncode == 2 and "not a regular file" in r.stderr and "Traceback" not in r.stderr
    tree = tmp_path / "site"
    (tree / "nested").mkdir(parents=True)
    (tree / "post.md").write_text("Congrats to Maria Gonzalez on finishing chemo!\n")
    (tree / "nested" / "loop").symlink_to(tree, target_is_directory=True)
    r = run(["check", str(tree)])
    assert r.returncode == 1 and r.stdout.count("PHI101") == 1, r.stdout


def test_crlf_offsets_refer_to_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = "---\r\ntitle: Spotlight\r\n---\r\n\r\nWe are proud of\r\nour patient Maria Gonzalez.\r\n"
    (tmp_path / "crlf.md").write_bytes(raw.encode())
    (tmp_path / "cr.txt").write_bytes(b"Note\rour patient Maria Gonzalez.\r")
    assert main(["check", str(tmp_path / "crlf.md"), str(tmp_path / "cr.txt"), "--format", "json", "--show-matches"]) == 1
    results = json.loads(capsys.readouterr().out)["results"]
    f = next(x for x in results[0]["findings"] if x["code"] == "PHI101")
    assert raw[f["start"] : f["end"]] == "Maria Gonzalez" and (f["line"], f["column"]) == (6, 13)
    g = results[1]["findings"][0]
    assert (g["line"], g["column"]) == (2, 13)
    main(["check", str(tmp_path / "crlf.md"), "--redact"])
    assert "our patient [NAME].\r\n" in capsys.readouterr().out


@pytest.mark.parametrize("content", ["tool = 3\n", 'tool = "x"\n'])
def test_malformed_tool_table(tmp_path: Path, content: str) -> None:
    (tmp_path / ".phiguard.toml").write_text(content)
    (tmp_path / "x.txt").write_text("hello\n")
    r = run(["check", str(tmp_path / "x.txt")])
    assert r.returncode == 2 and "must be a table" in r.stderr and "internal error" not in r.stderr


def test_unrelated_broken_pyproject_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project\nname = \n")
    (tmp_path / "x.txt").write_text("Flu shots all week.\n")
    r = run(["check", str(tmp_path / "x.txt")])
    assert r.returncode == 0, r.stderr


def test_github_format_annotates_file_line_and_column(posts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--format", "github", str(posts / "leak.md"), str(posts / "clean.md")])
    out = capsys.readouterr().out
    assert code == 1
    lines = out.splitlines()
    assert lines and all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    name = next(line for line in lines if "(PHI101)" in line and "line=7" in line)
    # title, then the file and position as workflow-command properties; ',' and ':' are escaped in values
    assert name.startswith("::error title=phiguard (PHI101),file=")
    assert ",line=7,col=13,endLine=7,endColumn=27::" in name
    assert "clean.md" not in out
    assert not any(bit in out for bit in SECRET_BITS)


def test_github_format_escapes_and_reports_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    odd = tmp_path / "a,b:c.txt"
    odd.write_text("Congrats to Maria Gonzalez on finishing chemo!\n")
    code = main(["check", "--format", "github", str(odd), str(tmp_path / "missing.md")])
    out = capsys.readouterr().out
    assert code == 2  # a path that does not exist is an error, reported as an annotation too
    assert "file=" + str(tmp_path).replace(":", "%3A").replace(",", "%2C") + "/a%2Cb%3Ac.txt," in out
    assert any(line.startswith("::error title=phiguard::") and "missing.md" in line for line in out.splitlines())


def test_statistics_counts_per_rule(posts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--statistics", str(posts)])
    out = capsys.readouterr().out
    assert code == 1
    rows = [line.split("\t") for line in out.splitlines()]
    counts = {code_: int(n) for n, code_, _sev, _name in rows}
    main(["check", "--format", "json", str(posts)])
    findings = [f["code"] for r in json.loads(capsys.readouterr().out)["results"] for f in r["findings"]]
    assert counts == {c: findings.count(c) for c in set(findings)}
    assert {"PHI101", "PHI106"} <= set(counts)
    assert [int(r[0]) for r in rows] == sorted((int(r[0]) for r in rows), reverse=True)
    assert not any(bit in out for bit in SECRET_BITS)
    main(["check", "--statistics", "--format", "json", str(posts)])
    stats = json.loads(capsys.readouterr().out)
    assert {s["code"]: s["count"] for s in stats} == counts
    assert all(s["name"] and s["max_severity"] in {"error", "warning", "info"} for s in stats)


def test_statistics_with_redact_is_a_usage_error() -> None:
    proc = run(["check", "--statistics", "--redact", "-"], stdin=b"hello\n")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "--statistics" in proc.stderr


@pytest.mark.parametrize(
    ("name", "content", "args", "expected"),
    [
        ("bad.md", "---\ntitle: x\ndate: 2025-02-30\nphiguard:\n  consent: [C-1]\n---\nHi\n", [], "front matter has an impossible value"),
        ("consents.yaml", "records:\n  - id: C-1\n    subject: Ann\n    signed: 2025-02-30\n", ["consent", "check"], "consent registry has an impossible value"),
    ],
)
def test_impossible_dates_are_one_line_errors(tmp_path: Path, name: str, content: str, args: list[str], expected: str) -> None:
    p = tmp_path / name
    p.write_text(content)
    r = run([*(args or ["check"]), str(p)])
    assert r.returncode == 2
    assert expected in _one_line_error(r)
