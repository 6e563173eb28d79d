"""The head of a file: its bytes decoded (BOM, CRLF), leading HTML comments and front matter
(YAML between ``---`` lines, or TOML between ``+++`` lines as Hugo writes it) blanked out
(line numbers kept) and the front matter read."""

from __future__ import annotations

import re
import tomllib

import yaml

from questionbank.problems import Problem


def decode(data: bytes) -> tuple[str | None, Problem | None]:
    """The text with BOM and CRLF gone, or an error message."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Problem("not_utf8", line, byte=f"{data[exc.start]:02x}")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, Problem("nul", line)
    return text.replace("\r\n", "\n").replace("\r", "\n"), None


KNOWN_KEYS = ("title", "slug", "tags", "difficulty", "category", "description")
_KEY_LINE = re.compile(r"^[A-Za-z_][\w-]*\s*:")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(body: str, first_line: int) -> tuple[dict, list[Problem], list[Problem]]:
    """Front matter as YAML (safe loading: plain data only): (meta, errors, warnings)."""
    try:
        data = yaml.load(body, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark else 0)
        detail = " ".join(str(exc.problem or exc.context or "invalid YAML").split())
        return {}, [Problem("front_matter_yaml", line, detail=detail)], []
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        detail = " ".join(str(exc).split())[:200] or "invalid YAML"
        return {}, [Problem("front_matter_yaml", first_line, detail=detail)], []
    if data is None:
        return {}, [], []
    if not isinstance(data, dict):
        return {}, [], [Problem("front_matter_not_mapping", first_line)]
    return _known(data, first_line)


_TOML_KEY_LINE = re.compile(r"^[A-Za-z_][\w-]*\s*=")


def read_toml(body: str, first_line: int) -> tuple[dict, list[Problem], list[Problem]]:
    """Front matter as TOML (Hugo's "+++" block): (meta, errors, warnings), read like YAML's."""
    try:
        data = tomllib.loads(body)
    except (RecursionError, ValueError) as exc:  # TOMLDecodeError is a ValueError
        detail = " ".join(str(exc).split())[:200] or "invalid TOML"
        line = re.search(r"line (\d+)", detail)
        at = first_line + int(line.group(1)) - 1 if line else first_line
        return {}, [Problem("front_matter_toml", at, detail=detail)], []
    return _known(data, first_line)


def _known(data: dict, first_line: int) -> tuple[dict, list[Problem], list[Problem]]:
    meta = {str(key).lower(): value for key, value in data.items()}
    ignored = [key for key in meta if key not in KNOWN_KEYS]
    warnings = []
    if ignored:
        warnings.append(Problem("front_matter_ignored", first_line - 1, keys=", ".join(ignored)))
    return meta, [], warnings


# Front matter's opening line -> (its closing lines, a key line of its body, its reader, the
# error when it is never closed): YAML as most sites write it, TOML as Hugo does.
_FENCES = {
    "---": (("---", "..."), _KEY_LINE, read_yaml, "front_matter_unclosed"),
    "+++": (("+++",), _TOML_KEY_LINE, read_toml, "front_matter_toml_unclosed"),
}


def strip_head(lines: list[str]) -> tuple[dict, list[Problem], list[Problem]]:
    """Blank out leading HTML comments and front matter (keeping line numbers) and read the latter.

    Returns the front matter (lower-case keys), errors and warnings.
    """
    meta: dict = {}
    errors: list[Problem] = []
    warnings: list[Problem] = []
    i = 0
    seen_front_matter = False
    while i < len(lines):
        stripped = lines[i].strip()
        if not stripped:
            i += 1
        elif stripped.startswith("<!--"):
            start = i
            while i < len(lines) and "-->" not in lines[i]:
                i += 1
            if i == len(lines):
                errors.append(Problem("comment_unclosed", start + 1))
                return meta, errors, warnings
            for k in range(start, i + 1):
                lines[k] = ""
            i += 1
        elif stripped in _FENCES and not seen_front_matter:
            closers, key_line, read, unclosed = _FENCES[stripped]
            start = i
            end = next((k for k in range(i + 1, len(lines)) if lines[k].rstrip() in closers), None)
            body = lines[i + 1 : end] if end is not None else lines[i + 1 : i + 6]
            if not any(key_line.match(line) for line in body):
                break  # a thematic break or text, not front matter
            if end is None:
                errors.append(Problem(unclosed, start + 1))
                return meta, errors, warnings
            meta, read_errors, warnings = read("\n".join(body), start + 2)
            if read_errors:
                return meta, read_errors, warnings
            for k in range(start, end + 1):
                lines[k] = ""
            seen_front_matter = True
            i = end + 1
        else:
            break
    return meta, errors, warnings
