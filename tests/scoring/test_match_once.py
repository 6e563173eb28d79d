"""What the scorer remembers per answer gives the same results as computing it again."""

from __future__ import annotations

from scoring.suggest import _bonus_matches, prepare, suggest_bonus
from scoring.textmatch import AnswerText, answer_text


def test_fuzzy_words_are_joined_once_and_still_find_a_typo():
    text = AnswerText.build("we used kube-proxy and kubeproxy, also the schedular and etcd")
    assert [word for word, _ in text.fuzzy_words].count("kubeproxy") == 1
    assert all(len(word) >= 4 for word, _ in text.fuzzy_words)
    assert text.find_fuzzy("scheduler") == text.text.find("schedular")
    assert text.find_fuzzy("controller") == -1
    assert answer_text("x y z") is answer_text("x y z")


def test_bonus_hints_combine_the_answers_matched_one_by_one():
    points = ["实现过自定义 Controller 和 Operator", "读过调度器源码"]
    answers = ["我们实现过自定义 Controller 和 Operator。", "我读过调度器源码，看过预选和优选。"]
    hints = suggest_bonus(answers, points)
    assert {hint.bonus_point for hint in hints} == set(points)
    reference = prepare([(point, 1.0) for point in points])
    assert _bonus_matches(reference, answers[0]) is _bonus_matches(reference, answers[0])
    assert suggest_bonus([answers[1]], points)[0].evidence.startswith("我读过调度器源码")
