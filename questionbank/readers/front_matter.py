"""The head of a file: its bytes decoded (BOM, CRLF), leading HTML comments and front matter
blanked out (line numbers kept) and the front matter read."""

from __future__ import annotations

import re

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


def _front_matter_value(raw: str) -> str | list[str]:
    raw = raw.strip()
    if raw.startswith("[") and raw.endswith("]"):
        return [item.strip().strip("'\"") for item in raw[1:-1].split(",") if item.strip()]
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        return raw[1:-1]
    return raw


def strip_head(lines: list[str]) -> tuple[dict, list[Problem]]:
    """Blank out leading HTML comments and front matter (keeping line numbers) and read the latter.

    Returns the front matter (lower-case keys) and errors.
    """
    meta: dict = {}
    errors: list[Problem] = []
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
                return meta, errors
            for k in range(start, i + 1):
                lines[k] = ""
            i += 1
        elif stripped == "---" and not seen_front_matter:
            start = i
            end = next(
                (k for k in range(i + 1, len(lines)) if lines[k].strip() in ("---", "...")), None
            )
            body = lines[i + 1 : end] if end is not None else lines[i + 1 : i + 6]
            looks_like_meta = any(re.match(r"^[A-Za-z_][\w-]*\s*:", line) for line in body)
            if not looks_like_meta:
                break  # a thematic break, not front matter
            if end is None:
                errors.append(Problem("front_matter_unclosed", start + 1))
                return meta, errors
            key = None
            for offset, line in enumerate(body):
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                if match := re.match(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$", line):
                    key = match.group(1).lower()
                    value = match.group(2)
                    meta[key] = _front_matter_value(value) if value.strip() else []
                elif key and (item := re.match(r"^\s+-\s+(.*)$", line)):
                    current = meta.get(key)
                    meta[key] = ([*current] if isinstance(current, list) else []) + [
                        item.group(1).strip().strip("'\"")
                    ]
                else:
                    errors.append(Problem("front_matter_line", start + 2 + offset))
            for k in range(start, end + 1):
                lines[k] = ""
            seen_front_matter = True
            i = end + 1
        else:
            break
    return meta, errors
