"""Files whose questions are section headings, not all worded as questions: a file that calls
itself a set of questions ("JavaScript基础题", tags 面试, 面试题.md) where most ``##`` headings are
worded as questions and the others ("## 回流与重绘", "## DOM操作") are topics to explain, each
with prose under it. Every heading of that level is a question, but the file's own sections
(前言, 参考链接, Summary...).

Read like ``headings.py`` (same groups, labels and answers); only which headings are questions
differs, and a file is either this shape or that one, never both.
"""

from __future__ import annotations

from questionbank.readers.headings import HeadingsReader


class SectionsReader(HeadingsReader):
    shape = "sections"
    all_at_level = True
