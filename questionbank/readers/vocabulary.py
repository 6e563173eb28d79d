"""The words readers recognise in headings and labels, matched against ``normalize()``d text
(NFKC, lower case), and the question-number patterns."""

from __future__ import annotations

import re

QUESTION_SECTION = re.compile(r"问题|题目|面试题|\bquestions?\b")
ANSWER_SECTION = re.compile(r"答案|解答|解析|剖析|参考回答|\banswers?\b")
BONUS = re.compile(r"加分项|加分点|\bbonus\b|(?<![a-z0-9])p[5-9](?![0-9]).*加分")
EXPERIENCE = re.compile(r"项目经验|项目实践|\breal[- ]world\b|\bproject experience")
QUESTION_LABEL = re.compile(r"^(问题|题目|面试题|问题列表|questions?|interview questions?)$")
ANSWER_LABEL = re.compile(
    r"^(标准答案|参考答案|答案|参考回答|回答要点|answer|standard answer|reference answer)$"
)
BACKGROUND_LABEL = re.compile(r"^\*\*\s*(?:背景|background)\s*[:：]?\s*\*\*\s*[:：]?\s*", re.I)
KEY_POINTS_LABEL = re.compile(r"^(评分要点|得分点|关键点|要点|key points?|scoring points?)$")
FOLLOW_UP = re.compile(
    r"^\s*(?:\*\*)?\s*(?:追问|follow[- ]?up)\s*(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*", re.I
)
NUMBERED = re.compile(
    r"""^(?:
        第\s*(?P<a>\d{1,9})\s*[题问]\s*[.、:：)）．]?
      | (?:q|question|题目|问题)\s*(?P<b>\d{1,9})\s*[.、:：)）．]?
      | (?P<c>\d{1,9})\s*[.、:：)）．]
    )\s*(?P<title>.*)$""",
    re.X | re.I,
)
WEIGHT = re.compile(r"\s*[（(]\s*(?:权重|weight|w)\s*[:：=]?\s*(\d{1,2})\s*[)）]\s*$", re.I)
LEADING_SYMBOLS = re.compile(r"^[^\w]+")


def numbered_number(match: re.Match) -> int:
    return int(match.group("a") or match.group("b") or match.group("c"))


def numbered_title(raw: str, normalized_match: re.Match) -> str:
    """The title after the number, in the author's own characters where possible."""
    match = NUMBERED.match(raw.strip())
    return match.group("title") if match else normalized_match.group("title")


def section_title(title: str) -> str:
    match = NUMBERED.match(title.strip())
    return match.group("title") if match and match.group("c") else title
