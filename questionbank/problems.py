"""Import problems: English text for the command line and JSON, translatable where shown in the UI.

A :class:`Problem` *is* its English message (a ``str``), so tools and tests see plain strings,
and it also keeps its code and parameters, so the admin can show it in the curator's language.
Pure: no Django; ``gettext_noop`` only marks the messages for ``makemessages``.
"""

from __future__ import annotations


def gettext_noop(message: str) -> str:
    return message


MESSAGES = {
    # The file as a whole.
    "too_big": gettext_noop(
        "the file is {size} KB; the limit is {limit} KB per topic file: split it into several "
        "topics"
    ),
    "not_utf8": gettext_noop(
        "the file is not UTF-8 text (byte 0x{byte} cannot be decoded); save it as UTF-8 and "
        "import it again"
    ),
    "nul": gettext_noop("the file contains NUL bytes; is it a binary file?"),
    "empty": gettext_noop("the file is empty"),
    "comment_unclosed": gettext_noop("an HTML comment is never closed with -->"),
    "front_matter_unclosed": gettext_noop("front matter opened with --- is never closed"),
    "front_matter_line": gettext_noop("front matter lines must be 'key: value'"),
    "front_matter_yaml": gettext_noop("the front matter is not valid YAML: {detail}"),
    "front_matter_toml_unclosed": gettext_noop("front matter opened with +++ is never closed"),
    "front_matter_toml": gettext_noop("the front matter is not valid TOML: {detail}"),
    "front_matter_not_mapping": gettext_noop(
        "the front matter is not a list of 'key: value' entries; it was ignored"
    ),
    "front_matter_ignored": gettext_noop(
        "front matter keys not used by the question bank were ignored: {keys}"
    ),
    "no_slug": gettext_noop("cannot make a slug from the file name; add 'slug:' front matter"),
    "too_deep": gettext_noop(
        "lists or quotes are nested too deeply here (more than {levels} levels): the rest of "
        "the file cannot be read"
    ),
    "slug_cut": gettext_noop(
        "the slug is {length} characters long; it was cut to its first {limit}: '{slug}'. Set a "
        "shorter 'slug:' in the front matter to choose it yourself"
    ),
    "title_cut": gettext_noop(
        "the title is {length} characters long; only its first {limit} are kept"
    ),
    "setext": gettext_noop(
        "the '---' or '===' line right below '{text}' makes that text a heading; put a blank "
        "line before it if it is meant as a separator"
    ),
    # Questions.
    "no_question_section": gettext_noop(
        "no question section: expected a '## ' heading with 问题 / 题目 / 面试题 / Questions, "
        "holding a numbered list or '### 1.' headings"
    ),
    "no_shape": gettext_noop(
        "no question section and no other known shape of interview file: this file has {seen}; "
        "expected a '## 面试题' section, a heading per question, a list of questions, "
        "<details> pairs or 问：/答： markers"
    ),
    "shape_unclear": gettext_noop(
        "cannot tell how this file holds its questions: it reads as {first} ({first_evidence}) "
        "and about as well as {second} ({second_evidence}), with different questions; nothing "
        "was imported"
    ),
    "shape_mixed": gettext_noop(
        "this file mixes shapes: it reads as {first} ({first_evidence}), but {count} more "
        "questions from here on are {second}; nothing was imported rather than only part of it"
    ),
    "answer_under_topic": gettext_noop(
        'the question "{text}" has nothing under it, and the heading after it is no question '
        "but has text under it: that text may be the question's answer or a topic of its own "
        "({count} such in all; file read as {shape}: {evidence}); nothing was imported rather "
        "than with wrong question counts"
    ),
    "answer_cut_off": gettext_noop(
        'the question "{text}" has no answer while the others of its list do, and what '
        "follows it may be its answer indented too little to stay in the list ({count} such in "
        "all; file read as {shape}: {evidence}); nothing was imported rather than with wrong "
        "answer counts"
    ),
    "few_answers": gettext_noop(
        "only a few questions of this list have text under them ({evidence}), the first "
        '"{text}": among so many bare questions that text may be notes, hints or follow-up '
        "questions rather than answers; nothing was imported rather than with wrong answer "
        "counts"
    ),
    "question_left_out": gettext_noop(
        'this reads like a question ("{text}"), but the file read as {shape} ({evidence}) '
        "leaves it out ({count} such in all); nothing was imported rather than with wrong "
        "question counts"
    ),
    "shape_partial": gettext_noop(
        "only {percent}% of the file reads as {shape} ({evidence}); the rest ({rest}) fits no "
        "known shape, so the file is refused rather than imported half-right"
    ),
    "too_many_questions": gettext_noop(
        "this file reads as {shape} with {count} questions; a topic holds at most {max}: split "
        "it into several topics"
    ),
    "chosen_not_found": gettext_noop(
        "the reading chosen for this file, {shape}, finds no questions in it (it has {seen}); "
        "choose another reading or clear the choice"
    ),
    "shape_unknown": gettext_noop(
        "there is no reading called '{shape}'; the readings are: {names}"
    ),
    "chosen_partial": gettext_noop(
        "the reading chosen explains {percent}% of the file; the rest ({rest}) is not imported"
    ),
    "chosen_left_out": gettext_noop(
        'this reads like a question ("{text}"), but the reading chosen leaves it out'
    ),
    "chosen_cut_off": gettext_noop(
        'the question "{text}" has no answer while the others of its list do: what follows it '
        "may be its answer, indented too little"
    ),
    "chosen_answer_under_topic": gettext_noop(
        'the question "{text}" has nothing under it; the text under the heading after it is '
        "read as a topic of its own, though it may be this question's answer"
    ),
    "chosen_few_answers": gettext_noop(
        'only a few questions have text under them, the first "{text}": that text may be notes '
        "or hints rather than answers"
    ),
    "chosen_label": gettext_noop(
        '"{text}" is read as a question, but it may be a label between the questions'
    ),
    "headings_unspaced": gettext_noop(
        "{count} lines like '###1.1 q' were read as headings, as their author meant; put a "
        "space after the '#' so that every Markdown viewer shows them as headings"
    ),
    "unanswered": gettext_noop(
        "{count} of {total} questions have no answer: they can be asked in interviews, and "
        "scoring will say there is no standard answer"
    ),
    "no_questions": gettext_noop(
        "the question section '{title}' holds no questions: expected a numbered list (1. ...) "
        "or '### 1.' headings"
    ),
    "list_restarts": gettext_noop(
        "a later numbered list starts again from {start}; only the lists before it are taken "
        "as questions"
    ),
    "number_range": gettext_noop("question numbers go from 1 to {max}; this one is {number}"),
    "question_no_text": gettext_noop("question {number} has no text"),
    "question_twice": gettext_noop("question {number} appears twice (lines {first} and {second})"),
    "numbers_missing": gettext_noop("questions are not numbered 1 to {last}: missing {missing}"),
    # Answers.
    "no_answer": gettext_noop("question {number} has no standard answer"),
    "no_answer_but_heading": gettext_noop(
        "question {number} has no standard answer, but line {heading_line} has the heading "
        "'{heading}' outside the answer section"
    ),
    "no_key_points": gettext_noop(
        "no key points found in the answer to question {number}: add '####' headings, bold "
        "labels, bullets or a **评分要点** list"
    ),
    "answer_section_empty": gettext_noop("the answer section '{title}' has no '### N.' answers"),
    "answer_twice": gettext_noop("answer {number} appears twice (lines {first} and {second})"),
    "answer_replaces_inline": gettext_noop(
        "question {number} already has an answer under it; the answer section's one is used"
    ),
    "matches_no_question": gettext_noop("'{title}' matches no question; it is kept as a note"),
    "taken_as_bonus": gettext_noop(
        "'{title}' is read as bonus points, not as the answer to question {number}"
    ),
    "taken_as_experience": gettext_noop(
        "'{title}' is read as project experience, not as the answer to question {number}"
    ),
    "bonus_block": gettext_noop(
        "this {kind} among the bonus points is not a bonus point and was left out"
    ),
    "bonus_empty": gettext_noop("bonus category '{name}' has no items"),
    # The import as a whole.
    "slug_shared": gettext_noop(
        "slug '{slug}' is used by several files in this import ({names}); give each a "
        "different 'slug:' in its front matter"
    ),
    "database": gettext_noop("the database refused this file ({detail}); nothing was written"),
    "no_md_files": gettext_noop("no .md files in this directory"),
    "no_such_path": gettext_noop("no such file or directory"),
    "unreadable": gettext_noop("cannot read the file: {detail}"),
}


class Problem(str):
    """One error or warning: the English message, plus ``code``, ``line`` and ``params``."""

    code: str
    line: int | None
    params: dict

    def __new__(cls, code: str, line: int | None = None, **params) -> Problem:
        text = MESSAGES[code].format(**params)
        problem = super().__new__(cls, f"line {line}: {text}" if line else text)
        problem.code, problem.line, problem.params = code, line, params
        return problem

    def __reduce__(self):  # keep the extra attributes through copy and pickle
        return (_rebuild, (self.code, self.line, self.params))


def _rebuild(code: str, line: int | None, params: dict) -> Problem:
    return Problem(code, line, **params)
