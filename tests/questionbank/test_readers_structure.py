"""Rules about a file's structure learnt from real interview files of corpus set "blind4"
(kept outside the repository): each test reads a small file written here, never copied text."""

from __future__ import annotations

from questionbank.readers.answers import is_hollow
from tests.questionbank.shapes import imported, parse_text, summary


def test_an_answer_label_ending_in_a_full_stop_with_nothing_after_it_is_no_answer():
    topic = imported(
        parse_text(
            """\
            ## Kubernetes Q/A

            #### 1. What is a Pod?

            Answer.

            #### 2. What is a Service?

            Answer. A stable address in front of a set of Pods.

            #### 3. What is a Namespace?

            Answer.\x20
            """
        )
    )
    assert [(q.number, q.has_answer) for q in topic.questions] == [
        (1, False),
        (2, True),
        (3, False),
    ]
    assert is_hollow("Answer.") and is_hollow("**Answer.**") and not is_hollow("Answer. Yes.")


def test_details_inside_list_items_are_details_questions_with_their_answers():
    topic = imported(
        parse_text(
            """\
            ## Basics

            - <details>
                <summary>What is an index?</summary>
                <p>A structure that finds rows without reading the whole table.</p>
              </details>
            - <details>
                <summary>What is a view?</summary>
                <ul>
                <li>A stored query.</li>
                </ul>
              </details>
            """
        )
    )
    assert topic.shape == "details"
    assert [(q.text, q.has_answer) for q in topic.questions] == [
        ("What is an index?", True),
        ("What is a view?", True),
    ]
    assert "<p>" not in topic.questions[0].answer_md


def test_a_label_line_above_lines_of_questions_is_no_question():
    topic = imported(
        parse_text(
            """\
              basics:
                What is a container, and how does it differ from a virtual machine?
                Explain the layers of an image.
                How do you keep data when a container is removed?

              Scenario:
                Your service leaks memory in production. Walk me through how you find the cause.
                Your team ships twice a day. How would you roll back a bad release?
                Describe how you would move a stateful service to another host.
            """
        )
    )
    assert topic.shape == "bare"
    texts = [q.text for q in topic.questions]
    assert len(texts) == 6 and not any(
        t.rstrip(":").lower() in ("basics", "scenario") for t in texts
    )
    assert texts[3].startswith("Your service leaks memory")


def test_list_items_holding_an_empty_answer_label_are_questions_whatever_their_wording():
    topic = imported(
        parse_text(
            """\
            ### Casting
            1. Cast `"3.5"` to int.
               **Answer:**
            2. Results of `int(True)` and `int(False)`.
               **Answer:**
            3. Output of `str([1, 2])`.
               **Answer:**

            ### Operators
            1. What does `//` do?
               **Answer:**
            2. Evaluate `3 + 2 * 4`.
               **Answer:**
            """
        )
    )
    assert [(q.group, q.text, q.has_answer) for q in topic.questions] == [
        ("Casting", 'Cast `"3.5"` to int.', False),
        ("Casting", "Results of `int(True)` and `int(False)`.", False),
        ("Casting", "Output of `str([1, 2])`.", False),
        ("Operators", "What does `//` do?", False),
        ("Operators", "Evaluate `3 + 2 * 4`.", False),
    ]


PARTS = """\
# Redis

#### 1. 为什么使用 Redis？

缓存热点数据，减轻数据库的压力。

#### 2. Redis 中的事务

事务是一组命令的集合。

##### 2.1 执行 EXEC 前客户端故障会怎样？

事务队列被清空，命令都不执行。

##### 2.2 为什么不支持回滚？

错误在开发时就应发现，这样实现也更简单。

#### 3. 什么是哨兵模式？

监控主从节点并自动故障转移。
"""


def test_headings_numbered_as_parts_of_a_question_belong_to_its_answer():
    topic = imported(parse_text(PARSES_AS_PARTS := PARTS))
    assert [(q.number, q.text) for q in topic.questions] == [
        (1, "为什么使用 Redis？"),
        (2, "Redis 中的事务"),
        (3, "什么是哨兵模式？"),
    ]
    assert "为什么不支持回滚" in topic.questions[1].answer_md
    assert PARSES_AS_PARTS


def test_a_deeper_question_heading_not_numbered_as_a_part_is_still_a_doubt():
    result = parse_text(PARTS.replace("##### 2.2 为什么不支持回滚？", "##### 为什么不支持回滚？"))
    assert not result.ok
    assert "为什么不支持回滚" in result.errors[0]


FLAT = """\
# What is React?
A library for building user interfaces.

# Advantages of React
Components, a virtual DOM, a large ecosystem.

# JSX
HTML-like syntax inside JavaScript.

# What are props?
Inputs of a component.

# What is a hook?

# What is useState()?
A hook that keeps state in a function component.

# Explain the effect hook
Runs side effects after rendering.
"""


def test_a_flat_file_of_first_level_headings_without_a_title_has_a_question_per_heading():
    topic = imported(parse_text(FLAT, name="react.md"))
    assert [q.text for q in topic.questions][:3] == [
        "What is React?",
        "Advantages of React",
        "JSX",
    ]
    assert [q.has_answer for q in topic.questions] == [True, True, True, True, False, True, True]
    assert "every heading of the file is at this level" in topic.shape_evidence


def test_a_file_with_a_title_and_groups_is_not_taken_for_a_flat_file():
    text = "# React notes\n\n## Basics\n\n" + FLAT.replace("# ", "### ")
    result = parse_text(text, name="react.md")
    # not a flat file; its topic headings ("JSX") are questions only because each is answered
    # as the questions around it are
    topic = imported(result)
    assert "every heading of the file is at this level" not in topic.shape_evidence
    assert "answered as the others are" in topic.shape_evidence
    without = text.replace("HTML-like syntax inside JavaScript.", "")
    assert not parse_text(without, name="react.md").ok  # "JSX" unanswered: a topic or a note?


NUMBERED_LINKS = """\
# 大厂面试题（含视频讲解）

* [阿里](#1)
* [腾讯](#2)

## <h3 id="1">阿里</h3>

#### 1. [C++ Pimpl 有什么好处？](https://example.com/v/1)

#### 2. [C++17 的常用特性](https://example.com/v/2)

#### 3. [如何理解 Buffer Pool](https://example.com/v/3)

## <h3 id="2">腾讯</h3>

#### 1. [如何定义只能在栈上生成对象的类](https://example.com/v/4)

#### 2. [lambda 和 bind 的区别](https://example.com/v/5)
"""


def test_numbered_question_headings_without_answers_restarting_per_group_import_unanswered():
    topic = imported(parse_text(NUMBERED_LINKS))
    assert summary(topic) == [
        (1, "阿里", "C++ Pimpl 有什么好处？", False),
        (2, "阿里", "C++17 的常用特性", False),
        (3, "阿里", "如何理解 Buffer Pool", False),
        (4, "腾讯", "如何定义只能在栈上生成对象的类", False),  # numbered in file order
        (5, "腾讯", "lambda 和 bind 的区别", False),
    ]


def test_unanswered_headings_out_of_sequence_and_not_all_questions_are_refused():
    result = parse_text(NUMBERED_LINKS.replace("#### 3. [如何", "#### 7. [如何"))
    assert not result.ok


def test_question_labels_with_a_qualifier_and_spaced_colons_mark_questions():
    topic = imported(
        parse_text(
            """\
            Question : list the customers whose average order is over 500.

            Tables:

            orders(id, customer_id, total)

            answer :

            select customer_id from orders group by customer_id having avg(total) > 500;

            golang question :

            sum a slice of numbers with goroutines

            answer :

            use a WaitGroup and a mutex around the total
            """
        )
    )
    assert topic.shape == "inline"
    assert [(q.text.split("\n")[0], q.has_answer) for q in topic.questions] == [
        ("list the customers whose average order is over 500.", True),
        ("sum a slice of numbers with goroutines", True),
    ]


def test_a_follow_up_question_label_is_not_a_new_question():
    topic = imported(
        parse_text(
            """\
            Q: What is a mutex?

            A: A lock that lets one goroutine in at a time.

            Follow-up question: when is a channel better?

            Q: What is a WaitGroup?

            A: A counter that waits for goroutines to finish.
            """
        )
    )
    assert len(topic.questions) == 2


def test_a_front_matter_title_is_the_question_of_a_file_with_answer_sections_only():
    topic = imported(
        parse_text(
            """\
            ---
            title: "When do you choose BFS over DFS?"
            tags: [graphs]
            ---

            ## Short answer

            When the shortest path in edges matters.

            ## Detailed explanation

            BFS visits nodes level by level, DFS goes deep first.

            ## Sources

            - a textbook
            """
        )
    )
    assert topic.shape == "single"
    [question] = topic.questions
    assert question.text == "When do you choose BFS over DFS?"
    assert "level by level" in question.answer_md and "textbook" not in question.answer_md


def test_answer_sections_left_as_todo_are_no_answer():
    topic = imported(
        parse_text(
            """\
            ---
            title: "When do you choose BFS over DFS?"
            ---

            ## Short answer

            TODO

            ## Detailed explanation

            TODO
            """
        )
    )
    assert [q.has_answer for q in topic.questions] == [False]
    assert is_hollow("TODO\n\n## Comparison\n\nTBD") and not is_hollow("TODO: explain BFS")


def test_a_flat_file_whose_headings_all_ask_keeps_its_question_paragraphs():
    topic = imported(
        parse_text(
            """\
            ## How do you roll out a new version without downtime?

            ## How do you size the requests and limits of a Pod?

            ## When would you use a StatefulSet?

            ## How do you store secrets?

            ## Why use a service mesh?

            ## How do you scale on a custom metric?

            Why are network policies important, and how do you write one?

            How would you debug a Pod stuck in Pending?
            """
        )
    )
    assert [q.has_answer for q in topic.questions] == [False] * 8
    assert topic.questions[-1].text == "How would you debug a Pod stuck in Pending?"


def test_items_that_are_only_links_or_urls_are_references_not_questions():
    topic = imported(
        parse_text(
            """\
            # 面试题

            - [HTML](./html/question.md)
            - [CSS](./css/question.md)

            ## HR

            - 为什么从上家公司离职?
            - 你的职业规划是什么?
            - 可以介绍一下这个项目吗?

            ## 参考

            - https://example.com/search?q=interview
            - ![](https://example.com/badge.svg) [some/repo](https://example.com/some/repo)
            """
        )
    )
    assert [q.text for q in topic.questions] == [
        "为什么从上家公司离职?",
        "你的职业规划是什么?",
        "可以介绍一下这个项目吗?",
    ]


def test_a_link_worded_as_a_question_is_still_a_question():
    topic = imported(
        parse_text(
            """\
            - [What is a closure?](https://example.com/closure)
            - [How does the event loop work?](https://example.com/loop)
            - [Why use a WeakMap?](https://example.com/weakmap)
            """
        )
    )
    assert len(topic.questions) == 3


def test_lines_numbered_one_after_another_under_a_title_line_are_one_question_each():
    topic = imported(parse_text("网络\n15.http2.0\n16.tcp udp区别\n17.DNS过程\n18.跨域\n"))
    assert topic.shape == "bare"
    assert [q.text for q in topic.questions] == ["http2.0", "tcp udp区别", "DNS过程", "跨域"]


def test_numbered_lines_out_of_sequence_are_not_read_as_questions():
    result = parse_text("网络\n15.http2.0\n17.tcp udp区别\n16.DNS过程\n")
    assert not result.ok


RULE_SPLIT = """\
---
title: 面试题
---

## Vue 系列
* 双向绑定的理解？
* vue 的响应式原理是什么？
* 为什么 v-if 和 v-for 不建议一起用？
---
* 计算属性
* 插槽
---
* 模块化
  * 原始 js 开发存在的问题
  * ES6 导出与导入
* vite
"""


def test_lists_split_by_rules_in_a_question_file_are_all_questions_with_their_follow_ups():
    topic = imported(parse_text(RULE_SPLIT))
    assert [q.text for q in topic.questions][3:] == ["计算属性", "插槽", "模块化", "vite"]
    assert topic.questions[5].follow_ups == ["原始 js 开发存在的问题", "ES6 导出与导入"]
    assert not any(q.has_answer for q in topic.questions)


def test_lists_split_by_rules_are_not_promoted_in_a_file_that_does_not_say_it_holds_questions():
    result = parse_text(RULE_SPLIT.replace("title: 面试题", "title: 笔记"), name="vue.md")
    assert not result.ok or len(result.topic.questions) == 3


def test_a_list_with_an_answer_in_the_run_is_not_promoted():
    text = RULE_SPLIT.replace(
        "* 插槽\n", "* 插槽\n\n  用来分发内容，父组件决定子组件的一部分结构。\n"
    )
    result = parse_text(text)
    assert not result.ok or "计算属性" not in [q.text for q in result.topic.questions]


HINT_SOLUTION = """\
# Scenarios

<article data-level="junior">

## Junior: Build a nightly export

**Scenario:** Export yesterday's orders to a file every night.

<details>
<summary>💡 Hint</summary>

Think about the scheduler's logical date.

</details>

<details>
<summary>✅ Solution</summary>

Schedule it daily and template the date into the file name.

</details>

</article>

<article data-level="senior">

## Senior: Make the load idempotent

**Scenario:** A retried load inserts rows twice.

<details>
<summary>💡 Hint</summary>

Delete the day's partition first.

</details>

<details>
<summary>✅ Solution</summary>

Delete then insert in one transaction, or merge on a natural key.

</details>

</article>
"""


def test_headings_that_fold_a_solution_below_a_hint_are_questions_with_the_solution_as_answer():
    topic = imported(parse_text(HINT_SOLUTION))
    assert topic.shape == "headings"
    first, second = topic.questions
    assert first.text.startswith("Junior: Build a nightly export")
    assert (
        "**💡 Hint**" in first.text and "logical date" in first.text
    )  # the hint is the question's
    assert "<details>" not in first.text and "</details>" not in first.text
    assert first.answer_md == "Schedule it daily and template the date into the file name."
    assert "</article>" not in second.answer_md and "<article" not in first.answer_md


def test_a_hint_fold_alone_does_not_make_a_heading_a_question():
    text = HINT_SOLUTION.replace("✅ Solution", "📝 Notes")
    result = parse_text(text)
    assert not result.ok


SEGMENTS = """\
# 试题

下面哪些是合法的接口方法？
- [x] void run();
- private int sum();
解析：接口方法默认是 public abstract 的。

---

```java
byte a = 1, b = 2;
byte c = a + b;
```
上面的代码能编译吗？
- 能
- [x] 不能

解析：<br>
a + b 的结果是 int，赋给 byte 需要强制转换。

---

以下哪些集合是线程安全的？
- [x] Vector
- ArrayList

解析：Vector 的方法都加了锁。

---
"""


def test_questions_between_rules_each_with_one_explanation_label():
    topic = imported(parse_text(SEGMENTS))
    assert topic.shape == "inline"
    assert [q.text.split("\n")[0] for q in topic.questions] == [
        "下面哪些是合法的接口方法？",
        "```java",
        "以下哪些集合是线程安全的？",
    ]
    assert [q.group for q in topic.questions] == [""] * 3  # the title is no group
    assert topic.questions[1].answer_md.startswith("a + b 的结果是 int")
    assert "解析" not in topic.questions[0].answer_md


def test_a_part_between_rules_without_its_label_refuses_the_reading():
    result = parse_text(
        SEGMENTS.replace("解析：Vector 的方法都加了锁。", "Vector 的方法都加了锁。")
    )
    assert not result.ok or topic_has_not(result, 3)


def topic_has_not(result, count: int) -> bool:
    return len(result.topic.questions) != count


FOLD_WITH_TEXT = """\
# JS 题

#### 变量提升

```js
console.log(a); var a = 1;
```

<details><summary><b>答案</b></summary>
<p>
undefined

var 声明会被提升，赋值不会。
</p>
</details>

#### 暂时性死区

```js
console.log(b); let b = 1;
```

<details><summary><b>答案</b></summary>
<p>
ReferenceError

let 声明在初始化之前不可访问。
</p>
</details>
"""


def test_a_folded_answer_starting_right_after_its_summary_keeps_its_first_line_and_no_markup():
    topic = imported(parse_text(FOLD_WITH_TEXT))
    first, second = topic.questions
    assert first.text.startswith("变量提升\n\n```js")
    assert first.answer_md == "undefined\n\nvar 声明会被提升，赋值不会。"
    assert second.answer_md.startswith("ReferenceError")
    assert "</details>" not in first.answer_html and "</p>\n</details>" not in second.answer_md


def test_a_file_that_is_one_question_above_its_one_folded_answer():
    topic = imported(
        parse_text(
            """\
            #### 闭包

            ```js
            for (var i = 0; i < 3; i++) setTimeout(() => console.log(i));
            ```

            <details><summary><b>答案</b></summary>
            <p>
            3 3 3

            var 没有块级作用域，回调执行时 i 已经是 3。
            </p>
            </details>
            """
        )
    )
    assert topic.shape == "single"
    [question] = topic.questions
    assert question.text.startswith("闭包\n\n```js")
    assert question.answer_md.startswith("3 3 3") and "</details>" not in question.answer_md


def test_two_folded_answers_in_a_file_without_question_headings_are_not_one_question():
    text = FOLD_WITH_TEXT.replace("#### 暂时性死区", "另一个例子：")
    result = parse_text(text)
    assert not result.ok or len(result.topic.questions) != 1


def test_a_link_item_among_linked_questions_stays_a_question():
    topic = imported(
        parse_text(
            """\
            1. [What is a closure?](https://example.com/1)
            2. [Closures in loops](https://example.com/2)
            3. [How does the event loop work?](https://example.com/3)
            4. [Why use a WeakMap?](https://example.com/4)
            """
        )
    )
    assert len(topic.questions) == 4


def test_a_quiz_answer_naming_option_a_is_an_answer():
    assert not is_hollow("A.") and is_hollow("A:") and is_hollow("Ans.")


def test_numbered_lines_inside_an_answer_stay_in_the_answer():
    topic = imported(
        parse_text(
            """\
            1. 如何判断对象可以回收？

            判断标准有三条：

            1.没有引用指向它
            2.被赋予了新值
            3.作用域结束

            2. 什么是 GC Roots？

            栈中引用的对象、静态变量引用的对象等。
            """
        )
    )
    assert [q.text for q in topic.questions] == ["如何判断对象可以回收？", "什么是 GC Roots？"]
    assert "作用域结束" in topic.questions[0].answer_md


def test_a_numbered_question_paragraph_between_heading_questions_is_a_question():
    topic = imported(
        parse_text(
            """\
            ##### 1.什么是接口？

            一组方法的约定。

            2.什么是抽象类？

            不能实例化、可以有实现的类。

            ##### 3.什么是枚举？

            一组有名字的常量。
            """
        )
    )
    assert [(q.text, q.has_answer) for q in topic.questions] == [
        ("什么是接口？", True),
        ("什么是抽象类？", True),
        ("什么是枚举？", True),
    ]
    assert topic.questions[0].answer_md == "一组方法的约定。"


TOC_ABOVE = """\
---
title: 前端面试题整理
---

## 目录

### HTML 部分

- 1、前端需要注意哪些SEO
- 2、img 的 title 和 alt 有什么区别
- 3、如何进行网站性能优化

## HTML 部分

### 1、前端需要注意哪些SEO

合理的 title、description、keywords，语义化的 HTML。

### 2、img 的 title 和 alt 有什么区别

title 是提示，alt 是图片的替代文字。

### 3、如何进行网站性能优化

减少请求，压缩资源，使用缓存。
"""


def test_a_table_of_contents_above_the_questions_is_neither_a_question_nor_a_mix():
    topic = imported(parse_text(TOC_ABOVE))
    assert [q.text for q in topic.questions] == [
        "前端需要注意哪些SEO",
        "img 的 title 和 alt 有什么区别",
        "如何进行网站性能优化",
    ]
    assert all(q.has_answer for q in topic.questions)


def test_a_list_of_other_questions_above_the_headings_still_makes_the_file_mixed():
    text = TOC_ABOVE.replace("- 3、如何进行网站性能优化", "- 3、什么是 BFC？\n- 4、什么是盒模型？")
    text = text.replace("- 1、前端需要注意哪些SEO", "- 1、什么是重绘？")
    result = parse_text(text)
    assert not result.ok


def test_bold_numbered_question_paragraphs_with_their_sources_are_unanswered_questions():
    topic = imported(
        parse_text(
            """\
            ### Redis 面试题

            **1、谈谈 Redis 和 Memcached 的区别。**（notes/redis.md）

            **2、Redis 为什么那么快？**（https://example.com/fast）

            2、谈谈 Redis 的单线程模型。（notes/redis.md）

            **3、为什么要给 Redis 设置过期时间？**（notes/redis.md）
            """
        )
    )
    assert [q.has_answer for q in topic.questions] == [False] * 4
    assert topic.questions[1].text.startswith("Redis 为什么那么快？")
