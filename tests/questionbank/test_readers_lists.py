"""List items as questions, indented or continuation content as answers (readers/lists.py)."""

from __future__ import annotations

from tests.questionbank.shapes import imported, parse_shape, parse_text, summary


def test_bold_list_questions_with_indented_answers_restarting_per_group():
    topic = imported(parse_shape("lists_answers.md"))
    assert topic.shape == "list"
    assert summary(topic) == [
        (1, "Docker", "What is Docker?", True),
        (2, "Docker", "What is an image?", True),
        (3, "Kubernetes", "What is a Pod?", True),
        (4, "Kubernetes", "How do you scale a Deployment?", True),
    ]
    image, scale = topic.questions[1], topic.questions[3]
    assert image.answer_md == "- A read-only template for containers."
    assert scale.answer_md.startswith("```bash\nkubectl scale")  # a fence-only answer
    assert "<pre>" in scale.answer_html


def test_lazy_numbering_with_answer_labels_after_each_item():
    topic = imported(parse_shape("lists_lazy.md"))
    assert [(q.number, q.text, q.answer_md) for q in topic.questions] == [
        (1, "What is a goroutine?", "A lightweight thread managed by the Go runtime."),
        (2, "What is a channel?", "A typed conduit for sending values between goroutines."),
        (3, "Why use `select`?", "To wait on several channel operations at once."),
    ]
    assert "Answer" not in topic.questions[0].answer_html


def test_answers_indented_by_two_to_eight_spaces_are_the_same_item():
    for indent in (2, 4, 8):
        pad = " " * indent
        topic = imported(
            parse_text(f"# T\n\n- What is A?\n\n{pad}A is one.\n\n- What is B?\n\n{pad}B is two.\n")
        )
        assert [q.answer_md for q in topic.questions] == ["A is one.", "B is two."], indent


def test_an_answer_label_on_the_line_after_the_question_ends_the_question():
    topic = imported(
        parse_text(
            "# T\n\n1. **What is X?**\n   **Answer:** X.\n2. **What is Y?**\n   **Answer:** Y.\n"
        )
    )
    assert [(q.text, q.answer_md) for q in topic.questions] == [
        ("What is X?", "X."),
        ("What is Y?", "Y."),
    ]
