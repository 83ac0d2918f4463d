"""Inputs as checkable text: reading files safely, masking what is not prose, offsets to line:col."""

from __future__ import annotations

import re
import stat
import tomllib
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import InputError

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".mdown", ".mkd"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"})
# Front-matter fields that get published and so are checked; other fields are blanked.
PUBLISHED_FIELDS = frozenset({"title", "description", "excerpt", "summary", "subtitle", "alt", "image_alt", "caption", "og_title", "og_description"})


@dataclass(slots=True)
class Document:
    path: str  # as given by the user, or "-" for stdin
    text: str  # the original text (offsets and line:col refer to it)
    checked: str  # same length as text; non-prose blanked with spaces
    consents: list[str] | None = None  # front matter `phiguard: {consent: [...]}`
    channel: str | None = None  # front matter `phiguard: {channel: ...}`

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; column counts characters."""
        return LineIndex(self.text).position(offset)


class LineIndex:
    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.starts, offset) - 1
        return i + 1, offset - self.starts[i] + 1


def _blank(s: str) -> str:
    """Spaces of the same length, newlines kept, so offsets and lines do not move."""
    return re.sub(r"[^\n]", " ", s)


FENCE_RE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^(?P=indent)?(?P=fence)[`~]*[ \t]*$|\Z)", re.M | re.S)
INLINE_CODE_RE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
LINK_TARGET_RE = re.compile(r"(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
AUTOLINK_RE = re.compile(r"<(?:https?|mailto):[^>\s]+>")
HTML_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
FRONT_MATTER_RE = re.compile(r"\A(?P<open>---|\+\+\+)[ \t]*\n(?P<body>.*?)^(?P=open)[ \t]*$", re.M | re.S)
FIELD_RE = re.compile(r"^(?P<indent>\s*-?\s*)(?P<key>[A-Za-z_][\w-]*)\s*[:=]\s*(?P<value>.*)$")


def mask_markdown(text: str) -> str:
    """Blank fenced code, inline code, link targets, HTML comments and unpublished front matter."""
    out = text
    m = FRONT_MATTER_RE.match(out)
    if m:
        body_start = m.start("body")
        lines = m.group("body").split("\n")
        pos = body_start
        pieces = []
        for line in lines:
            fm = FIELD_RE.match(line)
            if fm and fm.group("key").lower() in PUBLISHED_FIELDS:
                # keep the value, blank the key
                pieces.append(_blank(line[: fm.start("value")]) + line[fm.start("value") :])
            else:
                pieces.append(_blank(line))
            pos += len(line) + 1
        masked_body = "\n".join(pieces)
        out = _blank(out[: body_start]) + masked_body + _blank(out[m.end("body") : m.end()]) + out[m.end() :]
    for rx in (FENCE_RE, HTML_COMMENT_RE, INLINE_CODE_RE, AUTOLINK_RE, LINK_TARGET_RE):
        out = rx.sub(lambda mm: _blank(mm.group(0)), out)
    assert len(out) == len(text)
    return out


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


def make_document(path: str, text: str, markdown: bool) -> Document:
    """`text` stays as written (offsets refer to it); `checked` is the prose view of the same length."""
    prose = _lf(text)
    consents, channel = front_matter_settings(prose, path) if markdown else (None, None)
    return Document(path=path, text=text, checked=mask_markdown(prose) if markdown else prose, consents=consents, channel=channel)


def read_path(path: Path, display: str, max_bytes: int) -> Document:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(f"{display}: no such file or directory") from None
    except OSError as err:
        raise InputError(f"{display}: cannot read ({err.strerror})") from None
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{display}: not a regular file, not checked")
    size = st.st_size
    if size > max_bytes:
        raise InputError(f"{display}: {size / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit; raise max-file-size in the config to check it")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"{display}: cannot read ({err.strerror})") from None
    return make_document(display, decode(data, display), path.suffix.lower() in MARKDOWN_SUFFIXES)


def iter_paths(root: Path) -> Iterator[Path]:
    """Text files under a directory (sorted; hidden and vendored folders and symlinked folders skipped)."""
    try:
        children = sorted(root.iterdir())
    except OSError:
        return
    for child in children:
        if child.name.startswith(".") or child.name in SKIP_DIRS:
            continue
        if child.is_dir():
            if not child.is_symlink():  # a link back up the tree would loop
                yield from iter_paths(child)
        elif child.is_file() and child.suffix.lower() in TEXT_SUFFIXES:
            yield child
