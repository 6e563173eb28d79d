"""Parsing behaviours that planted bugs (bench/mutation_sample.py) showed no test held."""

from __future__ import annotations

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
