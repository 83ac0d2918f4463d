"""A content repo end to end: suppression comments, per-file ignores, include/exclude, exports,
the baseline round trip and --jobs."""

from __future__ import annotations

import json
import io
from pathlib import Path

import pytest

from phiguard.cli import main
from phiguard.rules import builtin_rules
from phiguard.run import Progress
from phiguard.suppressions import apply, parse
from phiguard.documents import LineIndex
from phiguard.models import Finding

LEAK = "We are proud of our patient Maria Gonzalez after her chemo.\n"


def findings_of(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, list[tuple[str, int, int, str]], dict]:
    code = main([*args, "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    found = [(Path(r["path"]).name, f["line"], f["column"], f["code"]) for r in doc["results"] for f in r["findings"]]
    return code, found, doc


# -- suppression comments, unit level (no model) -------------------------------------------------


def _f(code: str, start: int, end: int) -> Finding:
    rule = builtin_rules()[code]
    return Finding(code=code, name=rule.name, category=rule.category, severity="error", start=start, end=end, message="m", citation="c", confidence=1.0)


@pytest.mark.parametrize(
    ("text", "needles", "dropped", "notes"),
    [
        # a region, by code, prefix and name
        ("<!-- phiguard-disable PHI101 -->\nAnn\n<!-- phiguard-enable -->\nBob\n", [("PHI101", "Ann"), ("PHI101", "Bob")], [0], []),
        ("<!-- phiguard-disable PHI -->\nAnn chemo\n", [("PHI101", "Ann"), ("PHI201", "chemo")], [0, 1], []),
        ("<!-- phiguard-disable phi-name -->\nAnn chemo\n", [("PHI101", "Ann"), ("PHI201", "chemo")], [0], []),
        # enable of one code ends only that code
        ("<!-- phiguard-disable PHI101, PHI201 -->\nAnn\n<!-- phiguard-enable PHI101 -->\nBob chemo\n", [("PHI101", "Ann"), ("PHI101", "Bob"), ("PHI201", "chemo")], [0, 2], []),
        # ignore-next-line, with a reason, and a blank line between
        ("<!-- phiguard-ignore-next-line TST401: consent on file C-17 -->\n\nAnn loved it\nBob\n", [("TST401", "Ann"), ("TST401", "Bob")], [0], []),
        # MDX comments
        ("{/* phiguard-ignore-next-line PHI101 */}\nAnn\n", [("PHI101", "Ann")], [0], []),
        # problems: unused, no code, unknown code
        ("<!-- phiguard-ignore-next-line PHI101 -->\nFlu shots\n", [], [], ["PHI101 suppresses nothing"]),
        ("<!-- phiguard-disable -->\nAnn\n", [("PHI101", "Ann")], [], ["names no rule"]),
        ("<!-- phiguard-disable XYZ999 -->\nAnn\n", [("PHI101", "Ann")], [], ["'XYZ999', which is no rule"]),
        # only the codes named are silenced, and the others are reported as unused
        ("<!-- phiguard-ignore-next-line PHI101, CLM501 -->\nAnn\n", [("PHI101", "Ann")], [0], ["CLM501 suppresses nothing"]),
    ],
)
def test_suppression_comments(text: str, needles: list[tuple[str, str]], dropped: list[int], notes: list[str]) -> None:
    findings = [_f(code, text.index(word), text.index(word) + len(word)) for code, word in needles]
    drop, notices = apply(text, findings, LineIndex(text).position, builtin_rules())
    assert sorted(drop) == dropped
    assert len(notices) == len(notes)
    for n, expected in zip(notices, notes):
        assert expected in n.message
        assert n.line >= 1


def test_disable_without_enable_runs_to_the_end() -> None:
    text = "a\n<!-- phiguard-disable CLM -->\nb\n"
    (d,) = parse(text, LineIndex(text).position)
    assert (d.line, d.end) == (2, len(text))


def test_per_file_ignores_apply_by_selector() -> None:
    text = "Ann chemo"
    findings = [_f("PHI101", 0, 3), _f("PHI201", 4, 9)]
    drop, notices = apply(text, findings, LineIndex(text).position, builtin_rules(), ["PHI2"])
    assert (drop, notices) == ([1], [])


def test_progress_only_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    plain, tty = io.StringIO(), Tty()
    for stream in (plain, tty):
        p = Progress(3, stream)
        for i in range(1, 4):
            p.update(i, 1)
        p.close()
    assert plain.getvalue() == ""
    assert "3/3 files, 3 texts, 3 findings" in tty.getvalue()


# -- end to end (real pipeline) ----------------------------------------------------------------


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("drafts/\n")
    (tmp_path / "blog").mkdir()
    (tmp_path / "drafts").mkdir()
    (tmp_path / "social").mkdir()
    (tmp_path / "blog" / "spotlight.md").write_text("# Spotlight\n\n<!-- phiguard-ignore-next-line PHI101, PHI201: consent C-17 on file -->\n" + LEAK)
    (tmp_path / "blog" / "legacy.md").write_text("# Old post\n\n" + LEAK)
    (tmp_path / "drafts" / "wip.md").write_text(LEAK)
    (tmp_path / "social" / "posts.csv").write_text('id,type,message\n1,post,"Flu shots all week"\n2,reply,"Thanks Jessica, see you at your next cleaning!"\n')
    (tmp_path / ".phiguard.toml").write_text(
        'extend-include = ["social/*.csv"]\n'
        '[exports]\nfield = "message"\nkind-field = "type"\n'
        '[per-file-ignores]\n"blog/legacy.md" = ["PHI2"]\n'
    )
    return tmp_path


@pytest.mark.slow
def test_content_repo_end_to_end(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, found, doc = findings_of(capsys, ["check", "."])
    assert code == 1
    # spotlight.md: the two findings on the commented line are silenced, its testimonial is not;
    # legacy.md: PHI2xx ignored for the file; drafts/ is git-ignored; the CSV reply is found by row
    assert ("legacy.md", 3, 29, "PHI101") in found
    assert not any(f[0] == "legacy.md" and f[3].startswith("PHI2") for f in found)
    assert not any(f[0] == "spotlight.md" and f[3] in ("PHI101", "PHI201") for f in found)
    assert not any(f[0] == "wip.md" for f in found)
    assert ("posts.csv", 3, 17, "PHI303") in found
    rows = {(Path(r["path"]).name, r.get("row")) for r in doc["results"]}
    assert ("posts.csv", 2) in rows
    # a named file is checked even if ignored, unless --force-exclude (what pre-commit passes)
    _, found, _ = findings_of(capsys, ["check", "drafts/wip.md"])
    assert found
    code, found, doc = findings_of(capsys, ["check", "drafts/wip.md", "--force-exclude"])
    assert (code, found, doc["summary"]["files"]) == (0, [], 0)
    _, found, _ = findings_of(capsys, ["check", ".", "--exclude", "social/"])
    assert not any(f[0] == "posts.csv" for f in found)


@pytest.mark.slow
def test_baseline_round_trip(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["baseline", "create", "blog"]) == 0
    assert "created with" in capsys.readouterr().out
    base = repo / ".phiguard-baseline.json"
    saved = base.read_text()
    data = json.loads(saved)
    assert data["version"] == 1 and data["findings"]
    # no PHI in the baseline, and nothing that can be brute-forced back to it
    for bit in ("Maria", "Gonzalez", "maria", "chemo"):
        assert bit not in saved
    assert {e["path"] for e in data["findings"]} == {"blog/legacy.md", "blog/spotlight.md"}

    assert main(["check", "blog", "--baseline", str(base)]) == 0
    capsys.readouterr()
    # lines move: still accepted
    legacy = repo / "blog" / "legacy.md"
    legacy.write_text("# Old post\n\nA new intro paragraph.\n\nAnother one.\n\n" + LEAK)
    assert main(["check", "blog", "--baseline", str(base)]) == 0
    capsys.readouterr()
    # a new finding is reported, the accepted ones are not
    legacy.write_text(legacy.read_text() + "Get well soon, Tom Baker, after your knee surgery!\n")
    code, found, _ = findings_of(capsys, ["check", "blog", "--baseline", str(base)])
    assert code == 1
    assert ("legacy.md", 8, 16, "PHI101") in found
    # (the testimonial now runs over both sentences, so it is a new finding too)
    assert all(f[0] == "legacy.md" and f[1] >= 7 for f in found)
    # another name in the same sentence is new (its shape differs; see docs/baseline.md for a
    # same-shape name)
    legacy.write_text("# Old post\n\nWe are proud of our patient Ann Lee after her chemo.\n")
    code, found, _ = findings_of(capsys, ["check", "blog", "--baseline", str(base)])
    assert code == 1 and ("legacy.md", 3, 29, "PHI101") in found
    # update: fixed findings leave, new ones join; create refuses to overwrite
    legacy.write_text("# Old post\n\nFlu shots all week.\n")
    assert main(["baseline", "update", "blog"]) == 0
    out = capsys.readouterr().out
    assert "updated with" in out and "removed" in out
    assert {e["path"] for e in json.loads(base.read_text())["findings"]} == {"blog/spotlight.md"}
    assert main(["baseline", "create", "blog"]) == 2
    assert "exists" in capsys.readouterr().err
    # a broken baseline is one line and exit 2
    base.write_text("{not json")
    assert main(["check", "blog", "--baseline", str(base)]) == 2
    assert "baseline is not valid JSON" in capsys.readouterr().err


@pytest.mark.slow
def test_jobs_give_the_same_findings(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(12):
        (repo / "blog" / f"p{i:02}.md").write_text(f"# Post {i}\n\n" + (LEAK if i % 3 == 0 else "Walk-in flu shots all week.\n"))
    serial = findings_of(capsys, ["check", ".", "--jobs", "1"])
    parallel = findings_of(capsys, ["check", ".", "--jobs", "2"])
    assert serial[0] == parallel[0] == 1
    assert serial[1] == parallel[1]
    assert len(serial[1]) > 8


@pytest.mark.slow
def test_html_and_mdx_positions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "page.html").write_text(
        '<html><head><meta name="description" content="Flu shots"><script>var n = "Tom Baker";</script></head>\n'
        '<body>\n<img src="/a.jpg" alt="Team photo">\n<p>We are proud of our patient <b>Maria Gonzalez</b> after her chemo.</p>\n</body></html>\n'
    )
    (tmp_path / "post.mdx").write_text(
        "import Hero from '../Hero'\n\n<Hero patient=\"Tom Baker\" />\n\n{/* draft */}\nWe are proud of our patient Maria Gonzalez after her chemo.\n"
    )
    code, found, _ = findings_of(capsys, ["check", str(tmp_path / "page.html"), str(tmp_path / "post.mdx")])
    assert code == 1
    assert ("page.html", 4, 35, "PHI101") in found
    assert ("post.mdx", 6, 29, "PHI101") in found
    # the script and the JSX attribute are not prose
    assert [f for f in found if f[3] == "PHI101"] == [("page.html", 4, 35, "PHI101"), ("post.mdx", 6, 29, "PHI101")]
