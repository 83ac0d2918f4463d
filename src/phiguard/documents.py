"""Inputs as checkable text: reading files safely, masking what is not prose (Markdown, MDX, HTML),
social exports (CSV, JSON, JSONL) as one document per record, and offsets back to line:col."""

from __future__ import annotations

import html
import re
import stat
import tomllib
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
MDX_SUFFIXES = frozenset({".mdx"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
PLAIN_SUFFIXES = frozenset({".txt", ".text"})
EXPORT_SUFFIXES = frozenset({".csv", ".tsv", ".json", ".jsonl", ".ndjson"})
TEXT_SUFFIXES = MARKDOWN_SUFFIXES | MDX_SUFFIXES | HTML_SUFFIXES | PLAIN_SUFFIXES
ALL_SUFFIXES = TEXT_SUFFIXES | EXPORT_SUFFIXES
# Front-matter fields that get published and so are checked; other fields are blanked.
PUBLISHED_FIELDS = frozenset({"title", "description", "excerpt", "summary", "subtitle", "alt", "image_alt", "caption", "og_title", "og_description"})
# HTML attributes whose values are shown to readers (alt text, tooltips) and so are checked.
PUBLISHED_ATTRS = frozenset({"alt", "title", "aria-label", "placeholder"})
# <meta name|property=… content=…> whose content is published (search snippets, link previews).
PUBLISHED_META = frozenset({"description", "og:title", "og:description", "twitter:title", "twitter:description", "twitter:image:alt", "og:image:alt"})


class LineIndex:
    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


@dataclass(slots=True)
class Record:
    """Where an export record's text sits in its file: the record's raw source (a JSONL line, the
    lines of a CSV row, a whole JSON file), its first line, and how to find the value in it."""

    row: int  # 1-based: the CSV data row, the JSON array index + 1, the JSONL record number
    field: str
    line: int  # 1-based line of the file where `raw` starts
    raw: str
    locate: Callable[[], list[int]]  # raw offset of each character of the value, plus one past the end


@dataclass(slots=True)
class Document:
    path: str  # as given by the user, or "-" for stdin
    text: str  # the original text (offsets and line:col refer to it): a file, or one export record's value
    checked: str  # same length as text; non-prose blanked with spaces
    consents: list[str] | None = None  # front matter `phiguard: {consent: [...]}`
    channel: str | None = None  # front matter `phiguard: {channel: ...}`
    kind: str | None = None  # an export record's kind field
    record: Record | None = None
    _index: LineIndex | None = field(default=None, repr=False)
    _offsets: list[int] | None = field(default=None, repr=False)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) in the source file of a character offset of `text`; columns
        count characters. For an export record the offset is mapped through the raw record."""
        if self.record is None:
            if self._index is None:
                self._index = LineIndex(self.text)
            return self._index.position(offset)
        if self._offsets is None:
            self._offsets = self.record.locate()
        raw_offset = self._offsets[min(offset, len(self._offsets) - 1)]
        if self._index is None:
            self._index = LineIndex(self.record.raw)
        line, col = self._index.position(raw_offset)
        return self.record.line + line - 1, col

    @property
    def where(self) -> str | None:
        """"row 12, field message" for an export record."""
        return f"row {self.record.row}, field {self.record.field}" if self.record else None


def _blank(s: str) -> str:
    """Spaces of the same length, newlines kept, so offsets and lines do not move."""
    return re.sub(r"[^\n]", " ", s)


INLINE_CODE_RE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
LINK_TARGET_RE = re.compile(r"(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
REF_DEFINITION_RE = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M)
AUTOLINK_RE = re.compile(r"<(?:https?|mailto):[^>\s]+>")
HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
FRONT_MATTER_RE = re.compile(r"\A(?P<open>---|\+\+\+)[ \t]*\n(?P<body>.*?)^(?P=open)[ \t]*$", re.M | re.S)
FIELD_RE = re.compile(r"^(?P<indent>\s*-?\s*)(?P<key>[A-Za-z_][\w-]*)\s*[:=]\s*(?P<value>.*)$")
TAG_RE = re.compile(r"</?[A-Za-z][\w:.-]*(?:\s+[^<>]*?)?/?>", re.S)
ATTR_RE = re.compile(r"""(?P<name>[A-Za-z_:][\w:.-]*)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|\{(?P<jsx>"[^"]*"|'[^']*')\}|(?P<bare>[^\s"'=<>`{}]+))""")
RAW_HTML_RE = re.compile(r"<(script|style|pre|code|textarea|svg|template)\b[^>]*>.*?</\1\s*>", re.S | re.I)
ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
MDX_ESM_RE = re.compile(r"^(?:import|export)\b.*?(?=^\s*$|\Z)", re.M | re.S)
MDX_COMMENT_RE = re.compile(r"\{/\*.*?\*/\}", re.S)
MDX_EXPRESSION_RE = re.compile(r"\{[^{}\n]*\}")


def _keep_published_attrs(tag: str) -> str:
    """A tag blanked except the values of attributes that readers see (alt, title, meta content)."""
    out = _blank(tag)
    attrs = {m.group("name").lower(): m for m in ATTR_RE.finditer(tag)}
    meta = tag[:5].lower() == "<meta"
    keep = [m for name, m in attrs.items() if name in PUBLISHED_ATTRS]
    if meta:
        kind = attrs.get("name") or attrs.get("property")
        if kind is not None and (_attr_value(kind) or "").lower() in PUBLISHED_META and "content" in attrs:
            keep.append(attrs["content"])
    for m in keep:
        group = next(g for g in ("dq", "sq", "jsx", "bare") if m.group(g) is not None)
        start, end = m.span(group)
        if group == "jsx":
            start, end = start + 1, end - 1
        out = out[:start] + tag[start:end] + out[end:]
    return out


def _attr_value(m: re.Match[str]) -> str | None:
    return next((m.group(g) for g in ("dq", "sq", "bare") if m.group(g) is not None), None)


def _entity(m: re.Match[str]) -> str:
    """`&amp;` -> `&    `: the character the entity stands for, padded to keep offsets."""
    char = html.unescape(m.group(0))
    return char + " " * (len(m.group(0)) - 1) if len(char) == 1 else m.group(0)


def mask_tags(text: str) -> str:
    """Blank HTML comments, code, scripts and styles, and every tag except its published attributes."""
    out = HTML_COMMENT_RE.sub(lambda m: _blank(m.group(0)), text)
    out = RAW_HTML_RE.sub(lambda m: _blank(m.group(0)), out)
    out = TAG_RE.sub(lambda m: _keep_published_attrs(m.group(0)), out)
    return out


def mask_html(text: str) -> str:
    out = ENTITY_RE.sub(_entity, mask_tags(text))
    assert len(out) == len(text)
    return out


def _front_matter(text: str) -> tuple[str, int]:
    """The front matter blanked except the values of published fields, and where the body starts."""
    m = FRONT_MATTER_RE.match(text)
    if not m:
        return "", 0
    pieces = []
    for line in m.group("body").split("\n"):
        fm = FIELD_RE.match(line)
        if fm and fm.group("key").lower() in PUBLISHED_FIELDS:
            value = line[fm.start("value") :]
            pieces.append(_blank(line[: fm.start("value")]) + value)  # keep the value, blank the key
        else:
            pieces.append(_blank(line))
    masked = _blank(text[: m.start("body")]) + "\n".join(pieces) + _blank(text[m.end("body") : m.end()])
    return masked, m.end()


def _code_lines(body: str) -> list[tuple[int, int]]:
    """Line ranges [start, end) of fenced and indented code blocks, by a CommonMark parser."""
    from markdown_it import MarkdownIt  # lazy: only Markdown inputs pay for it

    parser = MarkdownIt("commonmark")
    return [tuple(tok.map) for tok in parser.parse(body) if tok.type in ("fence", "code_block") and tok.map]  # type: ignore[misc]


def mask_markdown(text: str, mdx: bool = False) -> str:
    """Blank code blocks, inline code, link targets, HTML comments and tags (but their alt text),
    unpublished front matter, and for MDX its import/export lines, JSX comments and expressions."""
    head, body_start = _front_matter(text)
    body = text[body_start:]
    if mdx:
        body = MDX_COMMENT_RE.sub(lambda m: _blank(m.group(0)), body)
        body = MDX_ESM_RE.sub(lambda m: _blank(m.group(0)), body)
    lines = body.split("\n")
    for start, end in _code_lines(body):
        for i in range(start, min(end, len(lines))):
            lines[i] = _blank(lines[i])
    body = "\n".join(lines)
    for rx in (HTML_COMMENT_RE, INLINE_CODE_RE, AUTOLINK_RE, LINK_TARGET_RE, REF_DEFINITION_RE):
        body = rx.sub(lambda mm: _blank(mm.group(0)), body)
    body = mask_tags(body)
    if mdx:
        body = MDX_EXPRESSION_RE.sub(lambda m: _blank(m.group(0)), body)
    out = head + body
    assert len(out) == len(text)
    return out


SUPPRESSION_COMMENT_RE = re.compile(r"<!--\s*phiguard-[\s\S]*?-->|\{/\*\s*phiguard-[\s\S]*?\*/\}")


def mask_plain(text: str) -> str:
    """Plain text is all prose, but for phiguard's own suppression comments."""
    return SUPPRESSION_COMMENT_RE.sub(lambda m: _blank(m.group(0)), text)


def decode(data: bytes, name: str) -> str:
    """Bytes to text, or a one-line InputError for binary or non-UTF-8 input."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: binary file, not checked")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{name}: not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); convert it to UTF-8") from None
    return text


def _lf(text: str) -> str:
    """CRLF and lone CR line ends as LF, keeping the length: "\r\n" -> " \n", "\r" -> "\n"."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", " \n").replace("\r", "\n")


PHIGUARD_KEYS = frozenset({"consent", "consents", "channel"})


def front_matter_settings(text: str, name: str) -> tuple[list[str] | None, str | None]:
    """The `phiguard:` table of a Markdown file's front matter (YAML between ---, TOML between
    +++): its consent ids and channel. Front matter that does not mention phiguard is not parsed."""
    m = FRONT_MATTER_RE.match(text)
    if not m or "phiguard" not in m.group("body"):
        return None, None
    body = m.group("body")
    if m.group("open") == "---":
        try:
            data = yaml.safe_load(body)
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = f" (line {mark.line + 2})" if mark is not None else ""
            raise InputError(f"{name}: front matter is not valid YAML{where}") from None
        except ValueError as err:  # PyYAML's date constructor: "date: 2025-02-30"
            raise InputError(f"{name}: front matter has an impossible value ({err})") from None
    else:
        try:
            data = tomllib.loads(body)
        except tomllib.TOMLDecodeError as err:
            raise InputError(f"{name}: front matter is not valid TOML ({err})") from None
    if not isinstance(data, dict) or "phiguard" not in data:
        return None, None
    table = data["phiguard"]
    if not isinstance(table, dict) or not set(table) <= PHIGUARD_KEYS:
        raise InputError(f"{name}: front matter 'phiguard' takes consent (a list of consent ids) and channel")
    refs = table.get("consent", table.get("consents"))
    if refs is None:
        consents = None
    elif isinstance(refs, str | int):
        consents = [str(refs)]
    elif isinstance(refs, list) and all(isinstance(r, str | int) for r in refs):
        consents = [str(r) for r in refs]
    else:
        raise InputError(f"{name}: front matter 'phiguard: consent' must be a consent id or a list of ids")
    channel = table.get("channel")
    if channel is not None and not isinstance(channel, str):
        raise InputError(f"{name}: front matter 'phiguard: channel' must be a string")
    return consents, channel


def _syntax(suffix: str) -> str:
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    if suffix in MDX_SUFFIXES:
        return "mdx"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "plain"


def make_document(path: str, text: str, markdown: bool = False, *, syntax: str | None = None) -> Document:
    """`text` stays as written (offsets refer to it); `checked` is the prose view of the same length.
    `syntax` is plain, markdown, mdx or html (`markdown=True` is shorthand for markdown)."""
    syntax = syntax or ("markdown" if markdown else "plain")
    prose = _lf(text)
    consents, channel = front_matter_settings(prose, path) if syntax in ("markdown", "mdx") else (None, None)
    if syntax == "markdown":
        checked = mask_markdown(prose)
    elif syntax == "mdx":
        checked = mask_markdown(prose, mdx=True)
    elif syntax == "html":
        checked = mask_html(prose)
    else:
        checked = mask_plain(prose)
    return Document(path=path, text=text, checked=checked, consents=consents, channel=channel)


def _stat_regular(path: Path, display: str) -> int:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(f"{display}: no such file or directory") from None
    except OSError as err:
        raise InputError(f"{display}: cannot read ({err.strerror})") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{display}: not a regular file, not checked")
    return st.st_size


def _read_bytes(path: Path, display: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as err:
        raise InputError(f"{display}: cannot read ({err.strerror})") from None


def _too_big(display: str, size: int, max_bytes: int) -> InputError:
    return InputError(f"{display}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit; raise max-file-size in the config to check it")


def read_path(path: Path, display: str, max_bytes: int) -> Document:
    """A text file (plain, Markdown, MDX or HTML by its suffix) as one Document."""
    size = _stat_regular(path, display)
    if size > max_bytes:
        raise _too_big(display, size, max_bytes)
    return make_document(display, decode(_read_bytes(path, display), display), syntax=_syntax(path.suffix.lower()))


# -- social exports ---------------------------------------------------------------------------


@dataclass(slots=True)
class ExportOptions:
    field: str = "text"  # the record field holding the text
    kind_field: str | None = None  # the record field holding post/reply/blog
    max_bytes: int = 2_000_000  # per record for JSONL and CSV, per file for a JSON array


KIND_ALIASES = {
    "post": "post",
    "reply": "reply",
    "blog": "blog",
    "review_reply": "reply",
    "review-reply": "reply",
    "response": "reply",
    "comment_reply": "reply",
    "article": "blog",
    "blog_post": "blog",
}


def _kind_of(value: Any) -> str | None:
    return KIND_ALIASES.get(str(value).strip().lower()) if value is not None else None


def json_string_offsets(raw: str, quote: int) -> list[int]:
    """Raw offsets of each character of the JSON string literal whose opening quote is at
    `quote`, plus the offset of its closing quote (escapes such as \\n or \\u00e9 map to their start)."""
    out: list[int] = []
    i = quote + 1
    n = len(raw)
    while i < n:
        c = raw[i]
        if c == '"':
            break
        out.append(i)
        if c != "\\":
            i += 1
            continue
        if raw[i + 1 : i + 2] == "u":
            hi = int(raw[i + 2 : i + 6] or "0", 16) if re.fullmatch(r"[0-9A-Fa-f]{4}", raw[i + 2 : i + 6]) else 0
            low = raw[i + 6 : i + 12]
            # a surrogate pair is one character of the decoded string
            i += 12 if 0xD800 <= hi < 0xDC00 and re.fullmatch(r"\\u[dD][c-fC-F][0-9A-Fa-f]{2}", low) else 6
        else:
            i += 2
    out.append(i)
    return out


class _PosStr(str):
    """A decoded JSON string that remembers where its literal starts in the source."""

    pos: int


def _positional_loads(raw: str) -> Any:
    """json.loads, but every string value is a _PosStr with the offset of its opening quote."""
    import json
    from json import decoder, scanner

    dec = json.JSONDecoder()

    def parse_string(s: str, end: int, strict: bool) -> tuple[str, int]:
        value, new_end = decoder.scanstring(s, end, strict)
        out = _PosStr(value)
        out.pos = end - 1
        return out, new_end

    dec.parse_string = parse_string  # type: ignore[attr-defined]
    dec.scan_once = scanner.py_make_scanner(dec)  # the C scanner would not call parse_string
    return dec.decode(raw)


def _json_locator(raw: str, path: Callable[[Any], Any]) -> Callable[[], list[int]]:
    def locate() -> list[int]:
        value = path(_positional_loads(raw))
        return json_string_offsets(raw, value.pos)

    return locate


def _record_doc(display: str, value: Any, kind: Any, options: ExportOptions, rec: Record, errors: list[str], unknown_kinds: set[str]) -> Document | None:
    if value is None:
        return None
    if not isinstance(value, str):
        errors.append(f"{display}: {rec.field} in row {rec.row} is not text, not checked")
        return None
    if len(value.encode("utf-8", "surrogatepass")) > options.max_bytes:
        errors.append(f"{display}: row {rec.row} is over the {options.max_bytes / 1e6:.1f} MB limit; raise max-file-size in the config to check it")
        return None
    k = None
    if options.kind_field is not None and kind is not None:
        k = _kind_of(kind)
        if k is None:
            if str(kind) not in unknown_kinds:
                unknown_kinds.add(str(kind))
                errors.append(f"{display}: {options.kind_field} '{str(kind)[:40]}' (first in row {rec.row}) is not post, reply or blog; those records were not checked")
            return None
    doc = make_document(display, value)
    doc.kind, doc.record = k, rec
    return doc


def _field_of(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, dict) else None


def _iter_jsonl(path: Path, display: str, options: ExportOptions, errors: list[str]) -> Iterator[Document]:
    import json

    unknown: set[str] = set()
    seen_field = False
    row = 0
    try:
        fh = path.open("rb")
    except OSError as err:
        raise InputError(f"{display}: cannot read ({err.strerror})") from None
    with fh:
        for lineno, data in enumerate(fh, 1):
            if len(data) > options.max_bytes:
                errors.append(f"{display}:{lineno}: record is over the {options.max_bytes / 1e6:.1f} MB limit; raise max-file-size in the config to check it")
                continue
            try:
                raw = decode(data, f"{display}:{lineno}")
            except InputError as err:
                errors.append(str(err))
                continue
            if not raw.strip():
                continue
            row += 1
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as err:
                errors.append(f"{display}:{lineno}: not valid JSON ({err.msg} at column {err.colno}), not checked")
                continue
            value = _field_of(obj, options.field)
            if value is None:
                continue
            seen_field = True
            name = options.field
            rec = Record(row=row, field=name, line=lineno, raw=raw, locate=_json_locator(raw, lambda o, name=name: o[name]))
            doc = _record_doc(display, value, _field_of(obj, options.kind_field) if options.kind_field else None, options, rec, errors, unknown)
            if doc is not None:
                yield doc
    if row and not seen_field:
        errors.append(f"{display}: no record has a '{options.field}' field; name the text field with --field")


def _iter_json(path: Path, display: str, options: ExportOptions, errors: list[str]) -> Iterator[Document]:
    import json

    size = _stat_regular(path, display)
    if size > options.max_bytes:
        raise InputError(f"{display}: {size / 1e6:.1f} MB is over the {options.max_bytes / 1e6:.1f} MB limit; export it as JSONL or raise max-file-size in the config")
    raw = decode(_read_bytes(path, display), display)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as err:
        raise InputError(f"{display}: not valid JSON ({err.msg} at line {err.lineno}, column {err.colno})") from None
    # a list of records, or an object holding one (e.g. {"posts": [...]})
    key = None
    if isinstance(data, dict):
        key = next((k for k, v in data.items() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)), None)
        if key is None:
            raise InputError(f"{display}: expected a list of records (or an object holding one), not checked")
        records = data[key]
    elif isinstance(data, list):
        records = data
    else:
        raise InputError(f"{display}: expected a list of records (or an object holding one), not checked")
    parsed: list[Any] = []  # the positional parse, done once for the whole file and only if needed

    def value_at(i: int, name: str) -> Callable[[], list[int]]:
        def locate() -> list[int]:
            if not parsed:
                parsed.append(_positional_loads(raw))
            whole = parsed[0]
            value = (whole[key] if key is not None else whole)[i][name]
            return json_string_offsets(raw, value.pos)

        return locate

    unknown: set[str] = set()
    seen_field = False
    for i, obj in enumerate(records):
        value = _field_of(obj, options.field)
        if value is None:
            continue
        seen_field = True
        rec = Record(row=i + 1, field=options.field, line=1, raw=raw, locate=value_at(i, options.field))
        doc = _record_doc(display, value, _field_of(obj, options.kind_field) if options.kind_field else None, options, rec, errors, unknown)
        if doc is not None:
            yield doc
    if records and not seen_field:
        errors.append(f"{display}: no record has a '{options.field}' field; name the text field with --field")


def csv_field_offsets(raw: str, index: int, delimiter: str = ",") -> list[int]:
    """Raw offsets of each character of field `index` of the CSV record `raw` (quotes and doubled
    quotes skipped), plus one past its end."""
    i, n, current = 0, len(raw), 0
    while current < index and i < n:
        if raw[i] == '"':
            i += 1
            while i < n and not (raw[i] == '"' and raw[i + 1 : i + 2] != '"'):
                i += 2 if raw[i] == '"' else 1
            i += 1
        while i < n and raw[i] != delimiter and raw[i] not in "\r\n":
            i += 1
        i += 1
        current += 1
    out: list[int] = []
    if i < n and raw[i] == '"':
        i += 1
        while i < n:
            if raw[i] == '"':
                if raw[i + 1 : i + 2] == '"':
                    out.append(i)
                    i += 2
                    continue
                break
            out.append(i)
            i += 1
    else:
        while i < n and raw[i] != delimiter and raw[i] not in "\r\n":
            out.append(i)
            i += 1
    out.append(i)
    return out


def _iter_csv(path: Path, display: str, options: ExportOptions, errors: list[str], delimiter: str) -> Iterator[Document]:
    import csv
    import io

    size = _stat_regular(path, display)
    text = decode(_read_bytes(path, display), display) if size <= 64 * options.max_bytes else None
    if text is None:
        raise _too_big(display, size, 64 * options.max_bytes)
    pending: list[str] = []
    source = io.StringIO(text, newline="")

    def lines() -> Iterator[str]:
        for line in source:
            pending.append(line)
            yield line

    reader = csv.reader(lines(), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as err:
        raise InputError(f"{display}: not valid CSV ({err})") from None
    line = len(pending) + 1
    pending.clear()
    names = [h.strip() for h in header]
    if options.field not in names:
        raise InputError(f"{display}: no '{options.field}' column (columns: {', '.join(n[:30] for n in names[:12])}); name the text column with --field")
    col = names.index(options.field)
    kcol = names.index(options.kind_field) if options.kind_field in names else None
    if options.kind_field is not None and kcol is None:
        raise InputError(f"{display}: no '{options.kind_field}' column for --kind-field")
    unknown: set[str] = set()
    row = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            errors.append(f"{display}:{line}: not valid CSV ({err}), rest of the file not checked")
            break
        raw = "".join(pending)
        pending.clear()
        start, line = line, line + raw.count("\n") + (0 if raw.endswith("\n") else 1)
        if not values:
            continue
        row += 1
        if col >= len(values):
            continue
        rec = Record(row=row, field=options.field, line=start, raw=raw, locate=lambda raw=raw: csv_field_offsets(raw, col, delimiter))
        doc = _record_doc(display, values[col], values[kcol] if kcol is not None and kcol < len(values) else None, options, rec, errors, unknown)
        if doc is not None:
            yield doc


def iter_export(path: Path, display: str, options: ExportOptions, errors: list[str]) -> Iterator[Document]:
    """One Document per record of a social export (CSV, TSV, JSON, JSONL); problems with single
    records go to `errors`, a file that cannot be read at all raises InputError."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        _stat_regular(path, display)
        return _iter_jsonl(path, display, options, errors)
    if suffix == ".json":
        return _iter_json(path, display, options, errors)
    return _iter_csv(path, display, options, errors, "\t" if suffix == ".tsv" else ",")


def is_export(path: Path) -> bool:
    return path.suffix.lower() in EXPORT_SUFFIXES
