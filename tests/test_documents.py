"""Inputs as documents: what each format checks and blanks, and export records mapped back to line:col."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from phiguard.documents import (
    ExportOptions,
    csv_field_offsets,
    iter_export,
    json_string_offsets,
    make_document,
    mask_html,
    mask_markdown,
)
from phiguard.walk import FileFilter


def kept(original: str, masked: str) -> str:
    """The words that survive masking, in order."""
    assert len(masked) == len(original)
    return " ".join(masked.split())


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # fenced, tilde-fenced and indented code blocks (CommonMark, by markdown-it-py)
        ("Hello Ann.\n\n```\nMRN 00482913\n```\nBye.\n", "Hello Ann. Bye."),
        ("Hi.\n\n~~~yaml\nname: Maria\n~~~\n", "Hi."),
        ("Intro.\n\n    patient = 'Maria'\n\nOutro.\n", "Intro. Outro."),
        # a paragraph continued in a list item is prose, not an indented code block
        ("- Our team\n    welcomes Dr. Lee\n", "- Our team welcomes Dr. Lee"),
        # inline code, link targets, reference definitions, autolinks, comments
        ("Run `phiguard check` now.\n", "Run now."),
        ("See [our page](https://x.org/maria-gonzalez \"Maria\") today.\n", "See [our page] today."),
        ("Read [this][1].\n\n[1]: https://x.org/patients/jane-doe\n", "Read [this][1]."),
        ("Mail <mailto:jane@x.org> or <https://x.org/a>.\n", "Mail or ."),
        ("Text <!-- internal: Maria Gonzalez --> end.\n", "Text end."),
        # HTML in Markdown: tags go, alt and title text stay (readers see them)
        ('<img src="/img/maria-gonzalez.jpg" alt="Maria after surgery"> ok\n', "Maria after surgery ok"),
        ('<div class="x" data-patient="Jane">Shown</div>\n', "Shown"),
        # front matter: published fields only, keys blanked
        ("---\ntitle: Spotlight on Ann\nauthor: Maria Gonzalez\nimage_alt: Ann smiling\n---\nBody.\n", "Spotlight on Ann Ann smiling Body."),
        ("+++\ndescription = \"Our new clinic\"\nslug = \"jane-doe\"\n+++\nBody.\n", '"Our new clinic" Body.'),
    ],
)
def test_markdown_masking(source: str, expected: str) -> None:
    assert kept(source, mask_markdown(source)) == expected


def test_markdown_code_block_lines_after_front_matter() -> None:
    # front matter values sit at their columns after a blanked key; they are not indented code
    src = "---\ntitle: A very long title that is indented after masking\n---\n\n```\ncode Maria\n```\nText.\n"
    assert kept(src, mask_markdown(src)) == "A very long title that is indented after masking Text."


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import Hero from './Hero'\nexport const meta = {author: 'Maria'}\n\n# Hi Ann\n", "# Hi Ann"),
        ("Text {/* note: Maria Gonzalez */} end.\n", "Text end."),
        ("Hello {props.patientName} there.\n", "Hello there."),
        ('<Hero name="Maria Gonzalez" alt="Team photo" />\nBody.\n', "Team photo Body."),
        ("<Callout title={'Flu shots'}>Walk in.</Callout>\n", "Flu shots Walk in."),
    ],
)
def test_mdx_masking(source: str, expected: str) -> None:
    assert kept(source, mask_markdown(source, mdx=True)) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("<p>Hi <b>Ann</b>!</p>", "Hi Ann !"),
        ("<script>var patient = 'Maria';</script><p>Ok</p>", "Ok"),
        ("<style>.maria{}</style><pre>MRN 004829</pre><code>x</code>Done", "Done"),
        ('<img src="maria.jpg" alt="Maria at her last visit">', "Maria at her last visit"),
        ('<meta name="description" content="Ann beat cancer"><meta name="author" content="Maria">', "Ann beat cancer"),
        ('<meta property="og:title" content="Our story">', "Our story"),
        ("Tom &amp; Jerry&nbsp;visit", "Tom & Jerry visit"),
        ("<!-- Maria -->Text", "Text"),
    ],
)
def test_html_masking(source: str, expected: str) -> None:
    assert kept(source, mask_html(source)) == expected


def test_plain_text_blanks_only_suppression_comments() -> None:
    doc = make_document("a.txt", "Hi <b>Ann</b>\n<!-- phiguard-disable PHI101 -->\n", syntax="plain")
    assert kept(doc.text, doc.checked) == "Hi <b>Ann</b>"


def test_crlf_positions_refer_to_the_file() -> None:
    doc = make_document("a.md", "Line one\r\nLine two Ann\r\n", syntax="markdown")
    assert doc.position(doc.text.index("Ann")) == (2, 10)


# -- exports ----------------------------------------------------------------------------------


def _docs(path: Path, **kw: object) -> tuple[list, list[str]]:
    errors: list[str] = []
    docs = list(iter_export(path, path.name, ExportOptions(**kw), errors))  # type: ignore[arg-type]
    return docs, errors


def _pos_of(doc, needle: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    return doc.position(doc.text.index(needle))


def test_csv_rows_fields_and_positions(tmp_path: Path) -> None:
    p = tmp_path / "posts.csv"
    p.write_text(
        'id,type,message\n'
        '1,post,Plain text with Ann\n'
        '2,reply,"Quoted, with ""quotes"" and Ann"\n'
        '3,post,"Two\nlines, then Ann"\n'
        '\n'
        '4,blog,Last Ann\n',
        newline="",
    )
    docs, errors = _docs(p, field="message", kind_field="type")
    assert errors == []
    assert [(d.record.row, d.kind, d.text) for d in docs] == [
        (1, "post", "Plain text with Ann"),
        (2, "reply", 'Quoted, with "quotes" and Ann'),
        (3, "post", "Two\nlines, then Ann"),
        (4, "blog", "Last Ann"),
    ]
    assert [_pos_of(d, "Ann") for d in docs] == [(2, 24), (3, 38), (5, 13), (7, 13)]
    assert docs[1].where == "row 2, field message"


def test_csv_crlf_and_tsv(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_bytes(b"text\r\nHello Ann\r\n\"Multi\r\nAnn\"\r\n")
    docs, _ = _docs(p)
    assert [_pos_of(d, "Ann") for d in docs] == [(2, 7), (4, 1)]
    t = tmp_path / "a.tsv"
    t.write_text("kind\ttext\npost\tHi Ann\n")
    docs, _ = _docs(t)
    assert [_pos_of(d, "Ann") for d in docs] == [(2, 9)]


def test_csv_without_the_field_is_one_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text("id,body\n1,x\n")
    with pytest.raises(Exception, match="no 'message' column .*--field"):
        _docs(p, field="message")


def test_jsonl_escapes_map_to_the_raw_line(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    rows = [
        {"text": "Flu shots"},
        {"id": 2},  # no text field: skipped
        {"text": "Caf\u00e9 \"Ann\"\nand \U0001F600 Ann", "type": "reply"},
    ]
    p.write_text("".join(json.dumps(r) + "\n" for r in rows))  # ensure_ascii: \u00e9, \", \n, a surrogate pair
    docs, errors = _docs(p, kind_field="type")
    assert errors == []
    assert [(d.record.row, d.record.line, d.kind) for d in docs] == [(1, 1, None), (3, 3, "reply")]
    raw = p.read_text().splitlines()[2]
    first = docs[1].text.index("Ann")
    second = docs[1].text.rindex("Ann")
    assert docs[1].position(first) == (3, raw.index('Ann\\"') + 1)
    assert docs[1].position(second) == (3, raw.rindex("Ann") + 1)


def test_jsonl_bad_lines_and_unknown_kinds_are_errors_not_tracebacks(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    p.write_bytes(b'{"text": "ok"}\n{broken\n\xff\xfe\n{"text": "x", "type": "tweet"}\n{"text": "y", "type": "tweet"}\n')
    docs, errors = _docs(p, kind_field="type")
    assert [d.text for d in docs] == ["ok"]
    assert len(errors) == 3
    assert "a.jsonl:2: not valid JSON" in errors[0]
    assert "a.jsonl:3: not valid UTF-8" in errors[1]
    assert "'tweet' (first in row 3) is not post, reply or blog" in errors[2]


def test_json_array_and_wrapped_list(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_text('[\n  {"message": "Hi"},\n  {"message": "Line\\nAnn",\n   "type": "post"}\n]\n')
    docs, _ = _docs(p, field="message")
    assert _pos_of(docs[1], "Ann") == (3, 22)
    q = tmp_path / "b.json"
    q.write_text('{"count": 1, "posts": [{"text": "Hello Ann"}]}')
    docs, _ = _docs(q)
    assert _pos_of(docs[0], "Ann") == (1, 40)
    r = tmp_path / "c.json"
    r.write_text('{"name": "x"}')
    with pytest.raises(Exception, match="expected a list of records"):
        _docs(r)


def test_offset_helpers() -> None:
    raw = '{"t": "a\\u00e9\\ud83d\\ude00b"}'
    assert json_string_offsets(raw, 6) == [7, 8, 14, 26, 27]
    assert csv_field_offsets('x,"a""b",c', 1) == [3, 4, 6, 7]
    assert csv_field_offsets("x,,c", 1) == [2]


# -- walking --------------------------------------------------------------------------------


def test_walk_include_exclude_and_gitignore(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("drafts/\n*.tmp.md\n")
    for name in ["a.md", "b.html", "c.txt", "d.mdx", "e.csv", "x.tmp.md", "drafts/f.md", "blog/g.md", "blog/old/h.md", "social/s.csv", "node_modules/n.md", ".hidden/i.md"]:
        f = tmp_path / name
        f.parent.mkdir(parents=True, exist_ok=True)
        f.write_text("x")
    (tmp_path / "blog" / ".gitignore").write_text("!keep.md\nold/\n")

    def walk(include: list[str], exclude: list[str], git: bool = True) -> list[str]:
        ff = FileFilter(tmp_path, include, exclude, git)
        return sorted(p.relative_to(tmp_path).as_posix() for p in ff.walk(tmp_path))

    default = ["*.md", "*.mdx", "*.html", "*.txt"]
    assert walk(default, []) == ["a.md", "b.html", "blog/g.md", "c.txt", "d.mdx"]
    assert walk([*default, "social/*.csv"], ["blog/"]) == ["a.md", "b.html", "c.txt", "d.mdx", "social/s.csv"]
    assert walk(default, [], git=False) == ["a.md", "b.html", "blog/g.md", "blog/old/h.md", "c.txt", "d.mdx", "drafts/f.md", "x.tmp.md"]
