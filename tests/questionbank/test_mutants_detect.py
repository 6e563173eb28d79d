"""The detector's name for a file read as two readings together (readers/detect.py, _merged): a
bare list of questions with a few answered "问：/答：" pairs after it is named a list of
questions with answers, not a bare list; nothing answered, or another reading leading, keeps
its own name. Files written here for the test."""

from __future__ import annotations

from tests.questionbank.shapes import imported, parse_text

BARE = """\
# Redis 面试题

- 什么是缓存穿透？
- 什么是缓存雪崩？
- 什么是缓存击穿？
- Redis 为什么快？
- Redis 有哪些数据类型？
- 主从复制是怎么工作的？

"""

ANSWERED_MARKERS = """\
问：什么是布隆过滤器？
答：一个位数组加几个哈希函数，判断元素一定不在或可能在。

问：RDB 和 AOF 有什么区别？
答：RDB 是快照，AOF 记录每条写命令。
"""

HOLLOW_MARKERS = "问：什么是布隆过滤器？\n\n问：RDB 和 AOF 有什么区别？\n"

DETAILS_THEN_BARE = """\
# Redis 面试题

<details>
<summary>什么是缓存穿透？</summary>

查询不存在的数据，每次都打到数据库。

</details>

<details>
<summary>什么是缓存雪崩？</summary>

大量键同时过期，请求一起落到数据库。

</details>

<details>
<summary>什么是缓存击穿？</summary>

一个热点键过期的瞬间，大量请求打到数据库。

</details>

<details>
<summary>Redis 为什么快？</summary>

内存操作，单线程没有锁竞争，IO 多路复用。

</details>

## 待补充

- 主从复制是怎么工作的？
- 哨兵是怎么选主的？
"""


def test_a_bare_list_followed_by_answered_pairs_is_named_a_list_with_answers():
    topic = imported(parse_text(BARE + ANSWERED_MARKERS))
    assert topic.shape == "list"
    assert len(topic.questions) == 8
    assert [q.has_answer for q in topic.questions] == [False] * 6 + [True] * 2


def test_a_bare_list_followed_by_unanswered_pairs_stays_a_bare_list():
    topic = imported(parse_text(BARE + HOLLOW_MARKERS))
    assert topic.shape == "bare"
    assert len(topic.questions) == 8 and not any(q.has_answer for q in topic.questions)


def test_details_leading_a_bare_list_keep_their_own_name():
    topic = imported(parse_text(DETAILS_THEN_BARE))
    assert topic.shape == "details"
    assert [q.text for q in topic.questions][-2:] == [
        "主从复制是怎么工作的？",
        "哨兵是怎么选主的？",
    ]
