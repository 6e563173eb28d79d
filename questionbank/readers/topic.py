"""The topic every reader starts from: title, slug, tags and difficulty, from the file's H1, its
front matter and its name."""

from __future__ import annotations

import re
import unicodedata

from questionbank import rendering
from questionbank.mdtokens import clean_title
from questionbank.parsed import ParsedTopic
from questionbank.readers.document import Document

_SLUG_JUNK = re.compile(r"[^\w\s-]")
_SLUG_SPACE = re.compile(r"[-\s_]+")


def slugify(value: str) -> str:
    value = unicodedata.normalize("NFKC", value).lower()
    value = _SLUG_JUNK.sub("", value)
    return _SLUG_SPACE.sub("-", value).strip("-_")[:100]


def has_cjk(text: str) -> bool:
    return any(rendering.is_cjk(ch) for ch in text)


def file_stem(filename: str) -> str:
    return filename.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def meta_text(meta: dict, key: str) -> str:
    value = meta.get(key)
    if value is None or isinstance(value, (dict, list)):
        return ""
    return str(value).strip()


def use_description(topic: ParsedTopic, meta: dict) -> None:
    """Front matter's description is the background of a file that has none of its own."""
    description = meta_text(meta, "description")
    if description and not topic.background_md:
        topic.background_md = description
        topic.background_html = rendering.render_markdown(description)


def start_topic(doc: Document, meta: dict, filename: str) -> ParsedTopic | None:
    h1 = doc.h1()
    title = clean_title(doc.heading_text(h1)) if h1 is not None else ""
    title = title or meta_text(meta, "title")
    stem = file_stem(filename)
    title = title or stem
    slug = slugify(meta_text(meta, "slug")) or slugify(stem)
    if not slug:
        doc.error(None, "no_slug")
        return None
    topic = ParsedTopic(slug=slug, title=title[:200])
    tags = meta.get("tags") or []
    if isinstance(tags, dict):
        tags = list(tags)
    items = tags if isinstance(tags, list) else str(tags).split(",")
    scalars = [str(t).strip() for t in items if not isinstance(t, (dict, list))]
    topic.tags = [t for t in scalars if t]
    category = meta_text(meta, "category")
    if category and category not in topic.tags:
        topic.tags.insert(0, category)  # a category is the broadest tag
    topic.difficulty = meta_text(meta, "difficulty")[:30]
    topic.language = "zh" if has_cjk(topic.title) else "en"
    return topic
