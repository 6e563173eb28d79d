"""Doubts that make the detector refuse a file rather than import it with wrong counts: what
reads as a question but the chosen reading leaves out (fixtures written for these tests)."""

from __future__ import annotations

from tests.questionbank.shapes import imported, parse_text

MISNUMBERED_ITEM = """\
# Queues

## Basics

1. What is a queue?

    ```
    A line of messages.
    ```

2. What is a topic?

    ```
    A named stream.
    ```

3 . Explain what a consumer group does.

    ```
    Consumers sharing the work.
    ```

## Advanced

1. How are offsets committed?

    ```
    By the consumer, after processing.
    ```

2. What is exactly-once delivery?

    ```
    Idempotent writes and transactions.
    ```
"""


def test_a_numbered_question_that_commonmark_does_not_list_refuses_the_file():
    result = parse_text(MISNUMBERED_ITEM)
    assert not result.ok
    assert "Explain what a consumer group does." in result.errors[0]
    assert "nothing was imported rather than with wrong question counts" in result.errors[0]


def test_the_same_file_numbered_properly_imports_all_five_questions():
    topic = imported(parse_text(MISNUMBERED_ITEM.replace("3 . Explain", "3. Explain")))
    assert [len(topic.questions), sum(q.has_answer for q in topic.questions)] == [5, 5]


QUESTIONS_IN_A_LIST_READ_AS_PROSE = """\
# 前端面试题

## 基础

*   什么是闭包？
*   解释事件委派。
*   原型链是什么？
*   说说 this 的指向。
*   什么是事件循环？
*   宏任务和微任务有什么区别？
*   var、let、const 的区别？
*   什么是变量提升？
*   解释同源策略。
*   跨域有哪些解决办法？
*   Promise 有哪几种状态？
*   箭头函数和普通函数有什么不同？

## 编码

*   让这段代码运行：
*   防抖函数
*   下面会输出什么？
*   实现一个深拷贝
"""


def test_a_list_with_a_question_that_the_reading_drops_refuses_the_file():
    result = parse_text(QUESTIONS_IN_A_LIST_READ_AS_PROSE)
    assert not result.ok
    assert "下面会输出什么？" in result.errors[0]


def test_a_list_without_questions_after_the_questions_is_still_prose():
    text = QUESTIONS_IN_A_LIST_READ_AS_PROSE.replace("下面会输出什么？", "下面的输出")
    topic = imported(parse_text(text))
    assert len(topic.questions) == 12


ANSWERS_IN_ONE_SUB_BULLET = """\
# Containers

1. **What is a container?**
   - A packaged process, which shares the host kernel and starts in a second.

2. **How do you design a service for failover?**
   - Design it stateless. Run several replicas behind a load balancer.

3. **Which base image do you choose?**
   - A small one, such as distroless or alpine.

4. **What is a volume?**
   - Storage that outlives the container.
"""


def test_a_one_sentence_answer_holding_a_question_word_is_an_answer_not_a_follow_up():
    topic = imported(parse_text(ANSWERS_IN_ONE_SUB_BULLET))
    assert [q.has_answer for q in topic.questions] == [True, True, True, True]


def test_sub_items_that_ask_for_more_are_still_follow_ups():
    text = ANSWERS_IN_ONE_SUB_BULLET.replace(
        "   - Storage that outlives the container.", "   - Describe how you back one up."
    )
    topic = imported(parse_text(text))
    assert [q.has_answer for q in topic.questions] == [True, True, True, False]
    assert topic.questions[3].follow_ups == ["Describe how you back one up."]


def test_a_last_answer_indented_too_little_to_stay_in_the_list_refuses_the_file():
    # "10. " takes four columns: an answer indented three is a list of its own.
    result = parse_text(ANSWERS_IN_ONE_SUB_BULLET.replace("4. **What", "10. **What"))
    assert not result.ok
    assert result.errors[0].startswith(
        'line 12: the question "What is a volume?" has no answer while the others of its list do'
    )


HEADINGS_WITH_A_TOPIC_TITLE = """\
# 消息队列

### 为什么要用消息队列？

解耦、削峰、异步：生产者只管发送，消费者按自己的速度处理，系统之间不再直接调用，一方故障不会拖垮另一方。

### 消费者分组

同一分组里的消费者分担一个主题的分区，每个分区只由组内一个消费者读取；不同分组各自完整地消费同一份消息。

### 如何保证消息不丢失？

生产端等待确认，服务端多副本同步写入，消费端处理完成后再提交位点，三处都要做到。

### 参考

一些作者读过的文章与书籍的链接，放在这里方便以后查阅，并不是题目，也没有要回答的内容，只是记录。

### 如何处理重复消费？

让消费逻辑幂等：用业务主键去重，或者记录已经处理过的消息编号，重复到达时直接跳过。
"""


def test_an_answered_heading_not_worded_as_a_question_refuses_the_file():
    result = parse_text(HEADINGS_WITH_A_TOPIC_TITLE)
    assert not result.ok
    assert '("消费者分组")' in result.errors[0]


def test_side_sections_and_pictures_among_the_questions_are_not_doubts():
    text = HEADINGS_WITH_A_TOPIC_TITLE.replace(
        "同一分组里的消费者分担一个主题的分区，每个分区只由组内一个消费者读取；"
        "不同分组各自完整地消费同一份消息。",
        "![消费者分组](./images/groups.png)",
    )
    topic = imported(parse_text(text))
    assert len(topic.questions) == 3


def _question_list(hints: int) -> str:
    lines = ["# 前端面试题", ""]
    for n in range(1, 21):
        lines.append(f"* 第 {n} 个话题是什么？")
        if n <= hints:
            lines.append(f"  * 能说出第 {n} 个要点的，可以加分")
    return "\n".join(lines) + "\n"


def test_a_few_notes_under_many_bare_questions_refuse_the_file():
    for hints in (2, 3):  # two are a few too ("Which are mutable?" over its list of types)
        result = parse_text(_question_list(hints=hints))
        assert not result.ok
        assert result.errors[0].startswith(
            "line 3: only a few questions of this list have text under them"
        )


def test_one_note_or_answers_under_most_questions_still_import():
    one = imported(parse_text(_question_list(hints=1)))
    assert sum(q.has_answer for q in one.questions) == 1
    most = imported(parse_text(_question_list(hints=12)))
    assert sum(q.has_answer for q in most.questions) == 12


UNDER_A_SEED_SECTION = """\
# 缓存

## 面试题

1. 什么是缓存穿透？
   查询不存在的数据，每次都打到数据库上，缓存形同虚设。
2. 什么是缓存雪崩？
   大量缓存同时过期，请求一起涌向数据库，把数据库压垮。
3. 什么是缓存击穿？
   一个热点键过期的瞬间，大量并发请求同时访问数据库。

4 . 解释一下布隆过滤器。

   用位数组和多个哈希函数判断元素一定不存在或可能存在。

5. 如何保证缓存与数据库一致？
   先更新数据库，再删除缓存，并用重试兜底。
"""


def test_a_doubted_file_does_not_fall_back_to_the_seed_format():
    # The seed format would read 4 questions and no answers out of 5 answered ones.
    result = parse_text(UNDER_A_SEED_SECTION)
    assert not result.ok
    assert '("解释一下布隆过滤器。")' in result.errors[0]


def test_an_empty_question_heading_then_a_topic_heading_with_text_refuses_the_file():
    # every heading of the level is a question in this file (it calls itself a set of
    # questions and most headings ask), so "优化" would be one, and "如何优化" unanswered
    text = "# 前端面试题\n\n"
    for n, topic in enumerate(("盒子模型", "闭包", "原型链", "事件循环"), 1):
        text += f"### {topic}是什么？\n\n{topic}的解释，第 {n} 条。\n\n"
    text += "### 渐进增强\n\n一种网页设计策略。\n\n### 如何进行网站性能优化\n\n### 优化\n\n合并请求、压缩资源。\n"
    result = parse_text(text)
    assert not result.ok
    assert result.errors[0].startswith(
        'line 25: the question "如何进行网站性能优化" has nothing under it, and the heading '
        "after it is no question"
    )
    # with an answer of its own, the topic heading is one more question
    answered = text.replace(
        "### 如何进行网站性能优化\n\n", "### 如何进行网站性能优化\n\n缓存。\n\n"
    )
    topic = imported(parse_text(answered))
    assert [q.text for q in topic.questions][-3:] == ["渐进增强", "如何进行网站性能优化", "优化"]
