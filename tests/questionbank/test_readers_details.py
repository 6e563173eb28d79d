"""<details><summary> question/answer pairs (readers/details.py)."""

from __future__ import annotations

from tests.questionbank.shapes import imported, parse_shape, parse_text, summary


def test_summaries_are_questions_bodies_answers_headings_groups():
    result = parse_shape("details_exercises.md")
    topic = imported(result)
    assert topic.shape == "details"
    assert summary(topic) == [
        (1, "Monitoring", "What is monitoring?", True),
        (2, "Monitoring", "What types of alerts are there?", True),
        (3, "Tracing", "What is a span?", False),  # a question without a body
        (4, "Tracing", "How do you read this config?", True),
    ]  # and the <details> inside the html fence is not a question
    assert result.warnings == [
        "line 20: 1 of 4 questions have no answer: they can be asked in interviews, and "
        "scoring will say there is no standard answer"
    ]


def test_no_html_residue_in_questions_or_answers_and_answers_render_as_markdown():
    topic = imported(parse_shape("details_exercises.md"))
    for question in topic.questions:
        for text in (question.text, question.answer_md):
            assert "<" not in text.replace("<details>", ""), text
            assert "</b>" not in text and "</details>" not in text
    monitoring = topic.questions[0]
    assert monitoring.answer_md == (
        "Collecting and analysing data about a system, with `metrics` and "
        "[logs](https://example.com/logs)."
    )
    assert '<a href="https://example.com/logs"' in monitoring.answer_html
    assert "<code>metrics</code>" in monitoring.answer_html
    assert "<li>Pages</li>" in topic.questions[1].answer_html
    assert '<code class="language-yaml">' in topic.questions[3].answer_html


def test_a_script_in_a_details_body_never_reaches_the_page():
    topic = imported(
        parse_text(
            "# T\n\n<details><summary>What is XSS?</summary><br><b>"
            "<script>alert(1)</script> An injection. <img src=x onerror=alert(1)></b></details>\n\n"
            "<details><summary>What is CSRF?</summary>A forged request.</details>\n"
        )
    )
    xss = topic.questions[0]
    assert "<script" not in xss.answer_html and "onerror" not in xss.answer_html
    assert "An injection." in xss.answer_html


def test_multi_line_summaries_with_tab_indented_answers():
    topic = imported(
        parse_text(
            "<details>\n\t<summary>\n\t\tPods share a _____ namespace.\n\t</summary>\n"
            "\tnetwork\n</details>\n<details>\n\t<summary>\n\t\tA Service gives Pods a stable "
            "_____.\n\t</summary>\n\tIP address\n</details>\n"
        )
    )
    assert [(q.text, q.answer_md) for q in topic.questions] == [
        ("Pods share a _____ namespace.", "network"),
        ("A Service gives Pods a stable _____.", "IP address"),
    ]


def test_a_summary_repeated_on_every_fold_is_a_label_not_a_question():
    result = parse_shape("details_repeated_label.md")
    assert not result.ok  # "查看中文" twice: phrases to practise, not questions
    assert result.errors[0].code == "no_shape"


def test_a_summary_that_only_numbers_its_fold_asks_in_the_fold_s_body():
    # "<summary>Question 2</summary>": the question is the body above the folds inside it,
    # its answer the fold that reveals one; a follow-up fold is neither, a heading inside an
    # answer is the answer's, and the heading over many such folds is their group
    result = parse_text(
        """\
        ## Quiz

        ### Python questions
        <details>
        <summary>Question 1</summary>

        What does `zip` return?

        <details>
        <summary>Answer</summary>

        An iterator of tuples.
        </details>

        <details>
        <summary>Follow-up</summary>

        What if the inputs differ in length?
        </details>
        </details>

        <details>
          <summary>Question 2</summary>

          How is a set different from a list?
          <details>
            <summary>Answer</summary>

          #### Order
          A set keeps no order and no duplicates.
          </details>
        </details>

        ### Shell questions
        <details>
        <summary>Question 1</summary>

        How do you list hidden files?
        <details>
        <summary>Answer</summary>

        `ls -a`
        </details>
        </details>
        """
    )
    topic = imported(result)
    assert topic.shape == "details"
    assert [(q.group, q.text, q.has_answer) for q in topic.questions] == [
        ("Python questions", "What does `zip` return?", True),
        ("Python questions", "How is a set different from a list?", True),
        ("Shell questions", "How do you list hidden files?", True),
    ]
    first = topic.questions[0]
    assert "iterator of tuples" in first.answer_md and "differ in length" not in first.answer_md
    assert "keeps no order" in topic.questions[1].answer_md
