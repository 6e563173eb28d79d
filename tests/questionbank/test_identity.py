"""Which stored question a re-imported one is (pure: no database)."""

from __future__ import annotations

from questionbank.identity import Incoming, Stored, match, normalise


def test_normalising_ignores_numbers_width_case_punctuation_and_invisible_characters():
    assert normalise("3. 什么是 Pod？") == normalise("什么是pod") == "什么是pod"
    assert normalise("第三题：什么是\u200bＰｏｄ?") == "什么是pod"
    assert normalise("Q12: What is a Pod?") == "whatisapod"


def stored(*texts: str, group: str = "") -> list[Stored]:
    return [Stored(key=100 + n, number=n, group=group, text=t) for n, t in enumerate(texts, 1)]


def incoming(*texts: str, group: str = "") -> list[Incoming]:
    return [Incoming(number=n, group=group, text=t) for n, t in enumerate(texts, 1)]


def test_by_number_pairs_equal_numbers_whatever_the_text():
    assert match(stored("a", "b"), incoming("x", "y", "z"), by_number=True) == {0: 101, 1: 102}


def test_by_text_follows_questions_that_moved():
    found = match(
        stored("甲是什么？", "乙是什么？"),
        incoming("新的？", "乙是什么？", "甲是什么？"),
        by_number=False,
    )
    assert found == {1: 102, 2: 101}


def test_a_typo_in_a_long_question_is_the_same_question_a_short_one_is_not():
    long = stored("Kubernetes 的调度器如何选择节点？")
    assert match(long, incoming("Kubernetes 的调度器如何选则节点？"), by_number=False) == {0: 101}
    assert match(stored("进程和线程的区别"), incoming("进程和协程的区别"), by_number=False) == {}


def test_an_edit_equally_close_to_two_stored_questions_matches_neither():
    two = stored("Redis 的持久化方式有哪几种？", "Redis 的持久化方式有哪三种？")
    assert match(two, incoming("Redis 的持久化方式有哪些种？"), by_number=False) == {}


def test_the_same_text_prefers_its_own_group():
    old = [Stored(1, 1, "Docker", "如何排查？"), Stored(2, 2, "K8s", "如何排查？")]
    new = [Incoming(1, "K8s", "如何排查？"), Incoming(2, "Docker", "如何排查？")]
    assert match(old, new, by_number=False) == {0: 2, 1: 1}


def test_the_last_imported_words_win_over_a_curators_edit_of_the_text():
    old = [Stored(1, 1, "", "策展人改写过的问题", words=normalise("原来的问题是什么？"))]
    assert match(old, incoming("原来的问题是什么？"), by_number=False) == {0: 1}


def test_a_typo_fixed_by_deleting_a_character_is_the_same_question():
    # The file's text is one character shorter than the stored one: still a small edit.
    long = stored("Kubernetes 的调度器如何如何选择节点？")
    assert match(long, incoming("Kubernetes 的调度器如何选择节点？"), by_number=False) == {0: 101}
    longer = stored("How does the Kubernetes scheduler choosee a node?")
    assert match(longer, incoming("How does the Kubernetes scheduler choose a node?"),
                 by_number=False) == {0: 101}  # fmt: skip


def test_a_typo_is_matched_among_stored_questions_of_other_lengths():
    found = match(
        stored(
            "Kubernetes 的调度器如何选择节点？",
            "一个长得多的问题：Redis 的持久化有哪几种方式，各自的代价是什么？",
        ),
        incoming("Kubernetes 的调度器如何选则节点？"),
        by_number=False,
    )
    assert found == {0: 101}
