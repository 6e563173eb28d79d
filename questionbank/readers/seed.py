"""The seed format, our user's own: a ``## 问题`` section holding a numbered list (or ``### 1.``
headings), a ``## 标准答案`` section with one ``### N.`` answer per question, then optional
project experience, bonus points and notes. DESIGN.md "The Markdown format" is its contract.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from questionbank import rendering
from questionbank.mdtokens import (
    block_inline,
    blocks,
    clean_title,
    heading_level,
    normalize,
)
from questionbank.parsed import (
    ParsedBonusCategory,
    ParsedQuestion,
    ParsedSection,
    ParsedTopic,
    ParseResult,
)
from questionbank.readers.answers import check_numbers, set_answer
from questionbank.readers.base import Fit, Reader
from questionbank.readers.document import Document, Section
from questionbank.readers.lists import list_items
from questionbank.readers.topic import has_cjk
from questionbank.readers.vocabulary import (
    ANSWER_LABEL,
    ANSWER_SECTION,
    BACKGROUND_LABEL,
    BONUS,
    EXPERIENCE,
    FOLLOW_UP,
    LEADING_SYMBOLS,
    NUMBERED,
    QUESTION_LABEL,
    is_question_section_label,
    looks_like_question,
    numbered_number,
    numbered_title,
    section_title,
)

GROUP_HEADING = re.compile(r"^\s*(?:分组|group)\s*[:：](?P<name>.*)$", re.I | re.S)


def _dedent(line: str, columns: int) -> str:
    """``line`` without up to ``columns`` leading spaces (a list item's continuation indent)."""
    stripped = len(line) - len(line.lstrip(" "))
    return line[min(stripped, columns) :]


@dataclass
class _Plan:
    preamble: tuple[int, int]
    question_sections: list[Section] = field(default_factory=list)
    answer_section: Section | None = None
    experience_sections: list[Section] = field(default_factory=list)
    bonus_sections: list[Section] = field(default_factory=list)
    other_sections: list[Section] = field(default_factory=list)


def plan_sections(doc: Document) -> _Plan:
    """The file's ``##`` sections sorted into questions, answers, experience, bonus and notes."""
    h1 = doc.h1()
    body_start = h1 + 1 if h1 is not None else 0
    preamble, sections = doc.sections(body_start, len(doc.top), 2)
    plan = _Plan(preamble)
    for section in sections:
        words = normalize(section.title)
        if section.level == 1:
            plan.other_sections.append(section)
        elif BONUS.search(words):
            plan.bonus_sections.append(section)
        elif EXPERIENCE.search(words):
            plan.experience_sections.append(section)
        elif (
            plan.question_sections and plan.answer_section is None and ANSWER_SECTION.search(words)
        ):
            plan.answer_section = section
        elif plan.answer_section is None and is_question_section_label(section.title):
            plan.question_sections.append(section)
        else:
            plan.other_sections.append(section)
    return plan


class SeedReader(Reader):
    shape = "seed"

    def fit(self, doc: Document) -> Fit | None:
        """The seed reader reads the file for its fit (on the side): its counts decide."""
        plan = plan_sections(doc)
        if not plan.question_sections:
            return None
        titles = ", ".join(f"'{s.title}'" for s in plan.question_sections[:3])
        evidence = f"question section {titles}"
        if plan.answer_section is not None:
            evidence += f", answer section '{plan.answer_section.title}'"
        real, scratch = doc.result, ParseResult(path=doc.result.path)
        doc.result = scratch
        try:
            topic = _SeedParser(doc).parse(plan, ParsedTopic(slug="-", title="-"))
        finally:
            doc.result = real
        questions = topic.questions if topic else []
        answered = sum(1 for q in questions if q.has_answer)
        fit = Fit(self.shape, 1.0, 1.0, evidence, questions=len(questions), answered=answered)
        fit.plan = (plan, topic, scratch)
        return fit

    def read(self, doc: Document, fit: Fit, topic: ParsedTopic) -> ParsedTopic | None:
        _plan, read, scratch = fit.plan
        doc.result.errors.extend(scratch.errors)
        doc.result.warnings.extend(scratch.warnings)
        if read is None:
            return None
        for name in ("background_md", "background_html", "language", "questions",
                     "experiences", "bonus", "notes"):  # fmt: skip
            setattr(topic, name, getattr(read, name))
        return topic


class _SeedParser:
    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def parse(self, plan: _Plan, topic: ParsedTopic) -> ParsedTopic | None:
        question_sections = plan.question_sections
        answer_section = plan.answer_section
        experience_sections = plan.experience_sections
        bonus_sections = plan.bonus_sections
        other_sections = plan.other_sections
        preamble = plan.preamble
        topic.language = "zh" if has_cjk(question_sections[0].title) else "en"

        background_parts: list[tuple[int, int]] = []
        if preamble[0] < preamble[1]:
            background_parts.append(preamble)
        questions: list[ParsedQuestion] = []
        single = False
        for section in question_sections:
            found, background, single_here = self.questions_in(section)
            if single_here and len(question_sections) > 1:
                other_sections.append(section)  # prose under a second question heading: a note
                continue
            single = single or single_here
            background_parts.extend(background)
            questions.extend(found)
        if not questions:
            section = question_sections[0]
            self.doc.error(section.line, "no_questions", title=section.title)
            return None
        check_numbers(self.doc, questions)
        by_number = {q.number: q for q in questions}

        if answer_section is not None:
            if single:
                self.single_answer(
                    answer_section, questions[0], bonus_sections, experience_sections
                )
            else:
                self.answers(answer_section, by_number, bonus_sections, experience_sections, topic)

        unanswered = [q for q in questions if not q.has_answer]
        strays = self.stray_answer_headings(answer_section, questions) if unanswered else {}
        for question in questions:
            if not question.has_answer:
                stray = strays.get(question.number)
                if stray is not None:
                    self.doc.warn(
                        question.line,
                        "no_answer_but_heading",
                        number=question.number,
                        heading_line=self.doc.line_of(stray),
                        heading=self.doc.heading_text(stray),
                    )
                else:
                    self.doc.warn(question.line, "no_answer", number=question.number)
            elif not question.key_points:
                self.doc.warn(question.answer_line, "no_key_points", number=question.number)
        topic.questions = sorted(questions, key=lambda q: q.number)

        background_md = "\n\n".join(
            m for s, e in background_parts if (m := self.doc.markdown(s, e))
        )
        background_html = "".join(self.doc.html(s, e) for s, e in background_parts)
        stripped = BACKGROUND_LABEL.sub("", background_md, count=1)
        if stripped != background_md:
            background_md, background_html = stripped, rendering.render_markdown(stripped)
        topic.background_md, topic.background_html = background_md, background_html

        for section in experience_sections:
            topic.experiences.extend(self.experiences(section, section.start, section.end))
        for section in bonus_sections:
            topic.bonus.extend(self.bonus(section.start, section.end))
        for section in other_sections:
            topic.notes.append(
                self.doc.section_as(section.title, section.line, section.start, section.end)
            )
        topic.notes = [n for n in topic.notes if n.body_md or n.title]
        return topic

    # Questions --------------------------------------------------------------------------------

    def questions_in(self, section: Section):
        """(questions, background ranges, single-question?) of one question section."""
        start, end = section.start, section.end
        numbered = [
            i
            for i in range(start, end)
            if self.doc.is_heading(i) and NUMBERED.match(normalize(self.doc.heading_text(i)))
        ]
        if numbered:
            return self.heading_questions(numbered, end), [(start, numbered[0])], False

        label_index = next(
            (
                i
                for i in range(start, end)
                if (label := self.doc.label_at(i)) and QUESTION_LABEL.match(normalize(label.label))
            ),
            None,
        )
        search_from = label_index + 1 if label_index is not None else start
        lists = [i for i in range(search_from, end) if self.doc.top[i].type == "ordered_list"]
        if not lists and (bullets := self.question_bullets(search_from, end)) is not None:
            lists = [bullets]  # "- q1？ - q2？" under 面试题: each bullet is a question
        if lists:
            taken = [lists[0]]
            next_number = self.list_start(lists[0]) + self.list_length(lists[0])
            for i in lists[1:]:
                if self.list_start(i) < next_number:
                    self.doc.warn(self.doc.line_of(i), "list_restarts", start=self.list_start(i))
                    break
                taken.append(i)
                next_number = self.list_start(i) + self.list_length(i)
            questions, groups = [], self.group_headings(search_from, taken[-1])
            for i in taken:
                group = next((name for at, name in reversed(groups) if at < i), "")
                for question in self.list_questions(i):
                    question.group = group
                    questions.append(question)
            first = label_index if label_index is not None else lists[0]
            background = [(start, min([first, *(at for at, _ in groups[:1])]))]
            after = taken[-1] + 1
            if after < end and self.doc.markdown(after, end):
                background.append((after, end))
            return questions, background, False

        # One question in prose: after a **问题**： label, or the whole section.
        if label_index is not None:
            label = self.doc.label_at(label_index)
            text = "\n\n".join(
                p for p in (label.rest_md, self.doc.markdown(label_index + 1, end)) if p
            )
            background = [(start, label_index)]
            line = self.doc.line_of(label_index)
        else:
            text = self.doc.markdown(start, end)
            background = []
            line = self.doc.line_of(start) if start < end else section.line
        if not text.strip():
            return [], background, True
        question = ParsedQuestion(number=1, text=text, line=line)
        question.text_html = rendering.render_markdown(text)
        return [question], background, True

    def group_headings(self, start: int, end: int) -> list[tuple[int, str]]:
        """(index, group) of the ``### 分组：name`` / ``### Group: name`` headings in [start,
        end): the group of the questions listed below it, up to the next one (no name ends a
        group). Written by the export (questionbank/exporting.py)."""
        found = []
        for i in range(start, end):
            if self.doc.is_heading(i) and (match := GROUP_HEADING.match(self.doc.heading_text(i))):
                found.append((i, " ".join(match.group("name").split())))
        return found

    def question_bullets(self, start: int, end: int) -> int | None:
        """The bullet list that is the section's questions: the only list, most of its items
        worded as questions, no other prose around it."""
        kinds = [self.doc.top[i].type for i in range(start, end) if self.doc.top[i].type != "hr"]
        if kinds.count("bullet_list") != 1 or kinds.count("paragraph") > 1:
            return None
        index = next(i for i in range(start, end) if self.doc.top[i].type == "bullet_list")
        items = list_items(self.doc, index)
        asks = sum(
            1
            for first, _end, _info in items
            if looks_like_question(self.doc.lines[first].lstrip(" -*+"))
        )
        return index if len(items) >= 2 and asks * 2 > len(items) else None

    def list_start(self, index: int) -> int:
        raw = self.doc.tokens[self.doc.top[index].start].attrGet("start")
        return int(raw) if raw is not None else 1

    def list_length(self, index: int) -> int:
        block = self.doc.top[index]
        level = self.doc.tokens[block.start].level + 1
        return sum(
            1
            for t in self.doc.tokens[block.start : block.end]
            if t.type == "list_item_open" and t.level == level
        )

    def list_questions(self, index: int) -> list[ParsedQuestion]:
        block = self.doc.top[index]
        tokens = self.doc.tokens
        item_level = tokens[block.start].level + 1
        number = self.list_start(index)
        questions = []
        i = block.start + 1
        while i < block.end - 1:
            open_token = tokens[i]
            if open_token.type != "list_item_open" or open_token.level != item_level:
                i += 1
                continue
            close = next(
                k
                for k in range(i + 1, block.end)
                if tokens[k].type == "list_item_close" and tokens[k].level == item_level
            )
            questions.append(self.item_question(number, i, close))
            number += 1
            i = close + 1
        return questions

    def item_question(self, number: int, open_index: int, close_index: int) -> ParsedQuestion:
        """A question from a list item: its source text as written, minus the follow-ups."""
        tokens = self.doc.tokens
        open_token = tokens[open_index]
        first, last = open_token.map or (0, 0)
        follow_ups: list[str] = []
        skipped: set[int] = set()
        for child in blocks(tokens, open_index + 1, close_index):
            if child.type != "bullet_list":
                continue
            for item in blocks(tokens, child.start + 1, child.end - 1):
                inline = next(
                    (t for t in tokens[item.start : item.end] if t.type == "inline"), None
                )
                content = inline.content.strip() if inline else ""
                if match := FOLLOW_UP.match(content):
                    follow_ups.append(content[match.end() :].strip())
                    skipped.update(range(item.first_line, item.last_line))
        source = [self.doc.lines[i] for i in range(first, last) if i not in skipped]
        marker = f"{open_token.info}{open_token.markup}"
        head = source[0] if source else ""
        after_marker = head.find(marker) + len(marker) if marker in head else 0
        content = head[after_marker:]
        column = after_marker + len(content) - len(content.lstrip(" "))
        text = "\n".join([content.strip(), *(_dedent(line, column) for line in source[1:])]).strip()
        question = ParsedQuestion(number=number, text=text, line=first + 1, follow_ups=follow_ups)
        question.text_html = rendering.render_markdown(text)
        return question

    def heading_questions(self, numbered: list[int], end: int) -> list[ParsedQuestion]:
        questions = []
        for position, i in enumerate(numbered):
            match = NUMBERED.match(normalize(self.doc.heading_text(i)))
            number = numbered_number(match)
            title = clean_title(numbered_title(self.doc.heading_text(i), match))
            level = heading_level(self.doc.top[i])
            body_end = end
            for k in range(i + 1, end):
                if self.doc.is_heading(k) and heading_level(self.doc.top[k]) <= level:
                    body_end = k
                    break
            if position + 1 < len(numbered):
                body_end = min(body_end, numbered[position + 1])
            question = ParsedQuestion(number=number, text=title, line=self.doc.line_of(i))
            answer_at = next(
                (
                    k
                    for k in range(i + 1, body_end)
                    if (label := self.doc.label_at(k))
                    and ANSWER_LABEL.match(LEADING_SYMBOLS.sub("", normalize(label.label)))
                ),
                None,
            )
            description_end = answer_at if answer_at is not None else body_end
            description = self.doc.markdown(i + 1, description_end)
            if description:
                question.text = f"{title}\n\n{description}" if title else description
            if answer_at is not None:
                label = self.doc.label_at(answer_at)
                line = self.doc.line_of(answer_at)
                set_answer(
                    self.doc, question, "", answer_at + 1, body_end, line, lead=label.rest_md
                )
            question.text_html = rendering.render_markdown(question.text)
            questions.append(question)
        return questions

    def stray_answer_headings(self, answer_section, questions) -> dict[int, int]:
        """{N: index} of the '### N.' headings outside the answer section (the first of each),
        leaving out the questions' own headings: one pass over the file, not one per question."""
        inside = range(answer_section.start, answer_section.end) if answer_section else range(0)
        own = {q.line for q in questions}
        found: dict[int, int] = {}
        for index in range(len(self.doc.top)):
            if (
                index in inside
                or not self.doc.is_heading(index)
                or heading_level(self.doc.top[index]) < 3
            ):
                continue
            match = NUMBERED.match(normalize(self.doc.heading_text(index)))
            if match and match.group("c") and self.doc.line_of(index) not in own:
                found.setdefault(int(match.group("c")), index)
        return found

    def answers(self, section, by_number, bonus_sections, experience_sections, topic) -> None:
        level = self.doc.shallowest_heading(section.start, section.end)
        if level is None:
            self.doc.warn(section.line, "answer_section_empty", title=section.title)
            return
        preamble, subsections = self.doc.sections(section.start, section.end, level)
        if self.doc.markdown(*preamble):
            topic.notes.append(self.doc.section_as(section.title, section.line, *preamble))
        seen: dict[int, int] = {}
        for sub in subsections:
            words = normalize(sub.title)
            match = NUMBERED.match(words)
            number = numbered_number(match) if match else None
            if BONUS.search(words) or EXPERIENCE.search(words):
                is_bonus = bool(BONUS.search(words))
                (bonus_sections if is_bonus else experience_sections).append(sub)
                if number in by_number and number not in seen:
                    self.doc.warn(
                        sub.line,
                        "taken_as_bonus" if is_bonus else "taken_as_experience",
                        title=sub.title,
                        number=number,
                    )
            elif number in by_number:
                if number in seen:
                    self.doc.error(
                        sub.line, "answer_twice", number=number, first=seen[number], second=sub.line
                    )
                    continue
                seen[number] = sub.line
                question = by_number[number]
                if question.has_answer:
                    self.doc.warn(sub.line, "answer_replaces_inline", number=number)
                title = clean_title(numbered_title(sub.title, match))
                set_answer(self.doc, question, title, sub.start, sub.end, sub.line)
            else:
                if match:
                    self.doc.warn(sub.line, "matches_no_question", title=sub.title)
                title = clean_title(match.group("title")) if match else clean_title(sub.title)
                topic.notes.append(
                    self.doc.section_as(title or sub.title, sub.line, sub.start, sub.end)
                )

    def single_answer(self, section, question, bonus_sections, experience_sections) -> None:
        """A file with one question: the whole answer section is its answer."""
        level = self.doc.shallowest_heading(section.start, section.end)
        parts = [(section.start, section.end)]
        if level is not None:
            preamble, subsections = self.doc.sections(section.start, section.end, level)
            parts = [preamble]
            for sub in subsections:
                words = normalize(sub.title)
                if BONUS.search(words):
                    bonus_sections.append(sub)
                elif EXPERIENCE.search(words):
                    experience_sections.append(sub)
                else:
                    parts.append((sub.start - 1, sub.end))  # keep the sub-heading
        set_answer(self.doc, question, "", parts[0][0], parts[-1][1], section.line, parts=parts)

    # Experience, bonus points, notes -----------------------------------------------------------

    def experiences(self, section: Section, start: int, end: int) -> list[ParsedSection]:
        heading_title = clean_title(section_title(section.title))
        level = self.doc.shallowest_heading(start, end)
        if level is None:
            return [self.doc.section_as(heading_title, section.line, start, end)]
        preamble, subsections = self.doc.sections(start, end, level)
        found = []
        if self.doc.markdown(*preamble):
            found.append(self.doc.section_as(heading_title, section.line, *preamble))
        for sub in subsections:
            found.append(self.doc.section_as(clean_title(sub.title), sub.line, sub.start, sub.end))
        return found

    def bonus(self, start: int, end: int) -> list[ParsedBonusCategory]:
        categories: list[ParsedBonusCategory] = []
        current: ParsedBonusCategory | None = None

        def category(name: str, line: int) -> ParsedBonusCategory:
            nonlocal current
            current = ParsedBonusCategory(name, [], line)
            categories.append(current)
            return current

        for i in range(start, end):
            block = self.doc.top[i]
            if block.type == "hr":
                continue
            if self.doc.is_heading(i):
                category(clean_title(self.doc.heading_text(i)), self.doc.line_of(i))
            elif block.type == "paragraph" and (label := self.doc.label_at(i)):
                cat = category(label.label, self.doc.line_of(i))
                if label.rest_md:
                    cat.items.append(label.rest_md)
            elif block.type in ("bullet_list", "ordered_list"):
                cat = current or category("", self.doc.line_of(i))
                for item in blocks(self.doc.tokens, block.start + 1, block.end - 1):
                    first = next(
                        (t for t in self.doc.tokens[item.start : item.end] if t.type == "inline"),
                        None,
                    )
                    if first is not None and first.content.strip():
                        cat.items.append(first.content.strip())
            elif block.type == "paragraph":
                cat = current or category("", self.doc.line_of(i))
                cat.items.append(block_inline(self.doc.tokens, block).content.strip())
            else:
                self.doc.warn(self.doc.line_of(i), "bonus_block", kind=block.type.replace("_", " "))
        for cat in categories:
            if not cat.items:
                self.doc.warn(cat.line, "bonus_empty", name=cat.name)
        return [c for c in categories if c.items]
