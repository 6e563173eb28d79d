"""A numbered question CommonMark folds into the prose above it ("…fast\n3. q?") is read as a
question when its number follows the numbered question before it, even when that question's
answer holds a bullet list and prose without numbers (readers/lists.py: only numbered items
and paragraphs are its neighbours). File written here for the test."""

from __future__ import annotations

from tests.questionbank.shapes import imported, parse_text

GIT = """\
# Git interview questions

1. What is a commit?
Answer: A snapshot of the tracked files with a message and a parent.

2. What are the notable features of Git?
Answer: The features most asked about are as follows.

- Distributed history
- Cheap branches

Both make everyday work fast
3. How does a merge work?
Answer: Git finds the common ancestor and combines both sides' changes.

4. What does rebase do?
Answer: It replays commits on top of another base.

5. What is a detached HEAD?
Answer: HEAD points at a commit rather than at a branch.
"""


def test_a_folded_question_after_an_answer_with_a_bullet_list_is_read_in_its_place():
    topic = imported(parse_text(GIT))
    assert [(q.number, q.text) for q in topic.questions] == [
        (1, "What is a commit?"),
        (2, "What are the notable features of Git?"),
        (3, "How does a merge work?"),
        (4, "What does rebase do?"),
        (5, "What is a detached HEAD?"),
    ]
    assert topic.questions[1].answer_md.startswith("The features most asked about")
    assert "How does a merge work?" not in topic.questions[1].answer_md
    assert topic.questions[2].answer_md.startswith("Git finds the common ancestor")


def test_the_answer_above_a_folded_question_keeps_its_list_and_prose():
    """The last question of a list, answered, then a bullet list and prose before the next
    question: all of it is that question's answer (it was dropped, without a warning)."""
    answer = imported(parse_text(GIT)).questions[1].answer_md
    assert "- Distributed history" in answer and "Both make everyday work fast" in answer
