"""Parsing behaviours that planted bugs (bench/mutation_sample.py) showed no test held."""

from __future__ import annotations

from questionbank.parsing import parse_topic
from tests.questionbank.shapes import imported, parse_text


def test_a_file_without_a_title_keeps_its_first_line_as_background():
    topic = imported(
        parse_text(
            """\
            整理的常见题目。

            ### 1. 什么是 Redis？

            纯内存的键值存储，单线程处理命令。

            ### 2. Redis 为什么快？

            纯内存操作，加上 IO 多路复用。

            ### 3. 如何实现分布式锁？

            用 SET NX PX 加锁，Lua 脚本解锁。
            """,
            "redis.md",
        )
    )
    assert topic.shape == "headings" and len(topic.questions) == 3
    assert topic.background_md == "整理的常见题目。"


ONE_QUESTION = """\
# MySQL 的可重复读是怎么实现的？

靠 MVCC：事务开始时生成一致性视图，读取时按版本链找到可见的版本。

更新时加行锁，避免丢失更新。
"""


def test_a_curator_can_choose_the_one_question_reading():
    topic = imported(parse_text(ONE_QUESTION, "mvcc.md"))
    assert topic.shape == "single" and len(topic.questions) == 1
    chosen = imported(parse_topic(ONE_QUESTION.encode(), filename="mvcc.md", shape="single"))
    assert chosen.shape == "single"
    assert chosen.questions[0].text == "MySQL 的可重复读是怎么实现的？"
    assert chosen.questions[0].answer_md.startswith("靠 MVCC")
