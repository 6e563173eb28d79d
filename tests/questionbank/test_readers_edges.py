"""Edges of the readers that a mutation sample found unguarded (bench/mutation_sample.py):
what a curator sees when a file sits at the border between two readings."""

from __future__ import annotations

from tests.questionbank.shapes import imported, parse_text
from tests.questionbank.test_readers_structure import FLAT


def test_a_question_folded_into_the_answer_above_is_named_once_at_its_own_line():
    # "3. Why use select?" continues the numbering inside question 2's answer: the file is
    # refused, naming that line and "1 such in all"; a second line with the same number further
    # down is part of what was left out, not a second question left out.
    result = parse_text(
        """\
        # Go

        1. What is a goroutine?

           A lightweight thread.

        2. What is a channel?

           A typed conduit.
           3. Why use select?
           To wait on several operations.
           3. Why not a mutex?

        4. What is a WaitGroup?

           A counter.
        """
    )
    assert not result.ok
    assert [(e.code, e.line) for e in result.errors] == [("question_left_out", 10)]
    assert '"Why use select?"' in result.errors[0]
    assert "(1 such in all)" in result.errors[0]


def test_sub_items_followed_by_prose_are_the_answer_not_follow_up_questions():
    # "Explain these headers:" above a list of names is read as a question with follow-ups
    # only when the list is all there is; a paragraph after the list makes them the answer.
    topic = imported(
        parse_text(
            """\
            # HTTP

            1. Explain these headers:

               * Cache-Control
               * ETag

               Both decide how long a response may be reused.

            2. What is a cookie?

               A small piece of data the server asks the browser to keep.
            """
        )
    )
    headers = topic.questions[0]
    assert headers.follow_ups == []
    assert headers.has_answer
    assert "Cache-Control" in headers.answer_md and "reused" in headers.answer_md


def test_sub_items_alone_under_a_question_ending_in_a_colon_are_its_follow_ups():
    topic = imported(
        parse_text(
            """\
            # HTTP

            1. Explain these headers:

               * Cache-Control
               * ETag

            2. What is a cookie?

               A small piece of data the server asks the browser to keep.
            """
        )
    )
    assert topic.questions[0].follow_ups == ["Cache-Control", "ETag"]
    assert not topic.questions[0].has_answer


# test_readers_structure's flat file without its unanswered heading: six headings, all answered.
SIX_FLAT = FLAT.replace("# What is a hook?\n\n", "")


def test_six_first_level_headings_without_a_title_are_enough_for_a_flat_file_five_are_not():
    # Six headings, two not worded as questions ("Advantages of React", "JSX"): every heading
    # is a question. With one fewer the file is too small to tell, and is refused, naming one.
    topic = imported(parse_text(SIX_FLAT, name="react.md"))
    assert [q.text for q in topic.questions] == [
        "What is React?",
        "Advantages of React",
        "JSX",
        "What are props?",
        "What is useState()?",
        "Explain the effect hook",
    ]
    five = SIX_FLAT.replace("# Explain the effect hook\nRuns side effects after rendering.\n", "")
    result = parse_text(five, name="react.md")
    assert not result.ok
    assert result.errors[0].code == "question_left_out"
    assert "Advantages of React" in result.errors[0]


def test_the_options_of_a_multiple_choice_question_keep_their_letters():
    # "A)" under a question is its answer only when no "B)" follows; options stay as written,
    # "A)" included, so none of them reads as the answer.
    topic = imported(
        parse_text(
            """\
            # Java quiz

            1. **Which statement about Java is true?**<br>
               A) Java passes objects by reference.
               B) Java always passes by value.
               C) Java has no primitives.

               **Answer:** B. References are copied by value.

            2. **What does `final` on a variable mean?**<br>
               A) It cannot be assigned again after it is first set.

            3. **What is the JVM?**<br>
               A) The virtual machine that runs Java bytecode.
            """
        )
    )
    quiz, final = topic.questions[0], topic.questions[1]
    assert quiz.answer_md.startswith("A) Java passes objects by reference.\nB) Java always")
    assert final.answer_md == "It cannot be assigned again after it is first set."
