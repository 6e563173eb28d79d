"""Near-duplicate questions on constructed pairs: the same question in other words (Chinese,
English, or one of each) is found; different questions that share words are not."""

from __future__ import annotations

import pytest

from questionbank.duplicates import Candidate, _concepts, features, near_duplicates
from scoring.textmatch import builtin_glossary

NAMES = builtin_glossary().with_vocabulary().names_of  # as the weak-spots page

SAME = [
    ("Kubernetes 中 Pod 的调度流程是怎样的？", "请描述一下 Kubernetes 调度 Pod 的流程"),
    ("什么是零拷贝？Kafka 如何利用零拷贝？", "Explain how Kafka uses zero copy."),
    (
        "服务网格的 sidecar 是如何实现流量拦截的？",
        "How does the sidecar of a service mesh implement traffic interception?",
    ),
    (
        "What is a circuit breaker and when does it open?",
        "When does a circuit breaker open, and what is it?",
    ),
    ("灰度发布和蓝绿发布有什么区别？", "蓝绿部署与灰度发布的区别是什么？"),
]
DIFFERENT = [
    ("什么是服务网格？它解决了什么问题？", "什么是服务发现？它解决了什么问题？"),
    ("Kubernetes 中 Pod 的调度流程是怎样的？", "Kubernetes 中 Pod 的网络是怎样实现的？"),
    ("How does Prometheus pull metrics?", "How does Kafka replicate partitions?"),
]


def pair_of(a: str, b: str, **kwargs):
    return near_duplicates([Candidate(1, a, "x"), Candidate(2, b, "y")], NAMES, **kwargs)


@pytest.mark.parametrize(("a", "b"), SAME)
def test_the_same_question_in_other_words_is_found(a, b):
    found = pair_of(a, b)
    assert len(found) == 1 and found[0].similarity >= 0.5, features(a, _concepts(NAMES))


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_questions_are_not_paired(a, b):
    assert pair_of(a, b) == []


def test_the_glossary_makes_languages_meet():
    concepts = _concepts(NAMES)
    assert features("零拷贝", concepts) == features("zero copy", concepts)
    found = pair_of(*SAME[1])[0]
    assert any(feature.startswith("§") for feature in found.shared)


def test_questions_of_one_group_are_not_paired():
    a, b = SAME[0]
    assert near_duplicates([Candidate(1, a, "t"), Candidate(2, b, "t")], NAMES) == []


def test_tiny_questions_and_common_features_are_left_out():
    assert pair_of("Why?", "Why?") == []
    many = [Candidate(n, f"Kubernetes Pod 问题 {n}", str(n)) for n in range(30)]
    assert near_duplicates(many, NAMES, max_df=10) == []  # shared features are everywhere


def test_many_questions_stay_fast_and_find_the_planted_pair():
    import time

    questions = [
        Candidate(n, f"主题{n}的独特概念{n * 7}和机制{n * 13}如何工作？ term{n} word{n}", str(n))
        for n in range(3000)
    ]
    questions.append(Candidate(9001, SAME[1][0], "a"))
    questions.append(Candidate(9002, SAME[1][1], "b"))
    start = time.perf_counter()
    found = near_duplicates(questions, NAMES)
    elapsed = time.perf_counter() - start
    assert [(p.first, p.second) for p in found] == [(9001, 9002)]
    assert elapsed < 30  # generous: the point is no 4.5 million comparisons
