"""A topic back to Markdown, in the shape the importer reads (and the authors write).

Importing the export yields the same questions, answers, key points and bonus points: the slug is
written as front matter, key points a curator changed are written as a **评分要点** list under
the answer (with weights), numbering gaps left by archived questions start a new list, and
questions' groups are written as a ``### 分组：name`` heading above each run of one group.
"""

from __future__ import annotations

import re

from django.db.models import Prefetch

from questionbank.models import BonusCategory, KeyPoint, Topic
from questionbank.rendering import MD
from scoring.keypoints import extract_key_points

VOCABULARY = {
    "zh": {
        "questions": "问题",
        "question": "题目",
        "background": "**背景**：",
        "question_label": "**问题**：",
        "answers": "标准答案",
        "experience": "实际项目经验",
        "bonus": "阿里 P7 加分项",
        "follow_up": "追问：",
        "key_points": "**评分要点**：",
        "weight": "（权重 {}）",
        "category": "**{}**：",
        "group": "### 分组：",
    },
    "en": {
        "questions": "Questions",
        "question": "Question",
        "background": "**Background**: ",
        "question_label": "**Questions**:",
        "answers": "Standard Answers",
        "experience": "Real-World Project Experience",
        "bonus": "Bonus Points",
        "follow_up": "Follow-up: ",
        "key_points": "**Key points**:",
        "weight": " (weight {})",
        "category": "**{}**:",
        "group": "### Group: ",
    },
}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _indent(text: str, width: int) -> str:
    pad = " " * width
    return "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))


def _auto_key_points(answer_md: str) -> list[tuple[str, int]]:
    tokens = MD.parse(answer_md)
    return [(text, 1) for text in extract_key_points(tokens, 0, len(tokens))]


def export_topic(topic: Topic) -> str:
    words = VOCABULARY.get(topic.language, VOCABULARY["zh"])
    questions = list(
        topic.questions.filter(archived=False)
        .order_by("number")
        .prefetch_related(
            Prefetch("key_points", queryset=KeyPoint.objects.order_by("position", "id"))
        )
    )
    categories = list(
        BonusCategory.objects.filter(topic=topic)
        .prefetch_related("points")
        .order_by("position", "id")
    )
    out: list[str] = ["---", f"slug: {topic.slug}"]
    if topic.tags:
        out.append("tags: [" + ", ".join(topic.tags) + "]")
    if topic.difficulty:
        out.append(f"difficulty: {topic.difficulty}")
    out += ["---", "", f"# {topic.title}", ""]

    grouped = any(question.group for question in questions)
    single = len(questions) == 1 and not questions[0].answer_title and not grouped
    out += [f"## {words['question'] if single else words['questions']}", ""]
    if topic.background_md.strip():
        out += [words["background"] + topic.background_md.strip(), ""]
    out += [words["question_label"], ""]
    if single:
        out += [questions[0].text.strip(), ""]
    else:
        expected, delimiter, group = None, ".", ""
        for question in questions:
            if grouped and question.group != group:  # a label above each run of one group
                if expected is not None:
                    out.append("")
                out += [(words["group"] + _escape(question.group)).rstrip(), ""]
                group = question.group
            elif expected is not None and question.number != expected:
                out.append("")
                delimiter = ")" if delimiter == "." else "."  # a new list, starting at this number
            marker = f"{question.number}{delimiter} "
            text = question.text.strip()
            first, _, rest = text.partition("\n")
            out.append(marker + first)
            if rest:
                out.append(_indent(rest, len(marker)))
            for follow_up in question.follow_ups:
                out.append(" " * len(marker) + "- " + words["follow_up"] + follow_up)
            expected = question.number + 1
        out.append("")
    out += ["---", "", f"## {words['answers']}", ""]

    for question in questions:
        if not question.has_answer:
            continue
        if not single:
            out += [f"### {question.number}. {question.answer_title}".rstrip(), ""]
        out += [question.answer_md.strip(), ""]
        stored = [(kp.text, kp.weight) for kp in question.key_points.all()]
        if stored and stored != _auto_key_points(question.answer_md):
            out += [words["key_points"]]
            for text, weight in stored:
                suffix = words["weight"].format(weight) if weight != 1 else ""
                out.append(f"- {_escape(text)}{suffix}")
            out.append("")
        if not single:
            out += ["---", ""]

    next_number = (questions[-1].number if questions else 0) + 1
    experiences = list(topic.experiences.all())
    if experiences:
        heading = (
            f"### {next_number}. {words['experience']}"
            if not single
            else f"## {words['experience']}"
        )
        out += [heading, ""]
        for experience in experiences:
            out += [f"#### {experience.title}", "", experience.body_md.strip(), ""]
        next_number += 1
    if categories:
        heading = f"### {next_number}. {words['bonus']}" if not single else f"## {words['bonus']}"
        out += [heading, ""]
        for category in categories:
            if category.name:
                out.append(words["category"].format(category.name))
            for point in category.points.all():
                out.append("- " + _indent(point.text.strip(), 2).lstrip())
            out.append("")
    for note in topic.notes.all():
        out += [f"## {note.title}", "", note.body_md.strip(), ""]
    return "\n".join(out).rstrip() + "\n"
