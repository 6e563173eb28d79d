"""tables.py: a table whose header names a question column is one question per row (files
written here for the test)."""

from __future__ import annotations

from tests.questionbank.shapes import imported, parse_text, summary

TABLE = """\
# Python Interview Questions

| # | Question | Answer |
|---|----------|--------|
|   | **Basics** |      |
| 1 | What is a list comprehension? | A compact way to build a list: `[x * 2 for x in xs]`. |
| 2 | What is the GIL? | A lock around bytecode. <br> It limits CPU-bound threads. |
| 3 | What is a decorator? | |
|   | **Advanced** |      |
| 4 | What is a metaclass? | [See the docs](https://docs.python.org/3/reference/datamodel.html) |
| 5 | What does `__slots__` do? | It fixes the attributes and saves memory. |
"""


def test_rows_under_a_question_column_are_questions_with_the_answer_column_as_answer():
    topic = imported(parse_text(TABLE))
    assert topic.shape == "table"
    assert summary(topic) == [
        (1, "Basics", "What is a list comprehension?", True),
        (2, "Basics", "What is the GIL?", True),
        (3, "Basics", "What is a decorator?", False),
        (4, "Advanced", "What is a metaclass?", False),  # a link elsewhere answers nothing
        (5, "Advanced", "What does `__slots__` do?", True),
    ]
    assert topic.questions[1].answer_md == "A lock around bytecode.\n\nIt limits CPU-bound threads."


def test_a_table_of_contents_linking_to_the_files_headings_is_not_read_as_questions():
    topic = imported(
        parse_text(
            """\
            # React Hooks

            | # | Question |
            |---|----------|
            | 1 | [What is a hook?](#what-is-a-hook) |
            | 2 | [What is useState?](#what-is-usestate) |

            ### What is a hook?

            A function that lets a component use React features.
            Hooks start with `use` and are called at the top level of a component,
            never inside loops or conditions, so React can keep their order.

            ### What is useState?

            A hook that keeps state between renders.
            It returns the current value and a setter; calling the setter
            schedules a render with the new value.
            """
        )
    )
    assert topic.shape == "headings"
    assert [q.has_answer for q in topic.questions] == [True, True]


def test_a_table_without_a_question_column_is_not_a_table_of_questions():
    result = parse_text(
        """\
        | Command | What it does |
        |---------|--------------|
        | ls | lists files |
        | cd | changes directory |
        """
    )
    assert not result.ok
