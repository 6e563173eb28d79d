"""A heading per question, its answer below it (questionbank/readers/headings.py)."""

from __future__ import annotations

from tests.questionbank.shapes import SHAPES, imported, parse_shape, parse_text, summary


def test_numbered_headings_under_chinese_groups_restart_and_are_renumbered_in_file_order():
    topic = imported(parse_shape("headings_groups.md"))
    assert topic.shape == "headings"
    assert summary(topic) == [
        (1, "一、基础", "什么是 Redis？", True),
        (2, "一、基础", "Redis 为什么快？", True),  # the difficulty stars are not the question
        (3, "二、进阶", "如何实现分布式锁？", True),
        (4, "二、进阶", "缓存穿透怎么解决？", True),
    ]
    assert "4 `###` headings" in topic.shape_evidence


def test_an_answer_label_is_not_part_of_the_answer_and_a_fence_only_answer_is_an_answer():
    topic = imported(parse_shape("headings_groups.md"))
    fast, lock, penetration = topic.questions[1], topic.questions[2], topic.questions[3]
    assert fast.answer_md == "纯内存操作，加上 IO 多路复用。"
    assert "答案" not in fast.answer_html
    assert lock.answer_md.startswith("```lua") and "<pre>" in lock.answer_html
    assert penetration.answer_md == "布隆过滤器，或者缓存空值。"


def test_the_text_before_the_first_group_is_the_background():
    topic = imported(parse_shape("headings_groups.md"))
    assert topic.background_md == "整理的常见题目。"


def test_chinese_numerals_and_a_question_containing_the_word_question():
    topic = imported(parse_shape("headings_chinese_numerals.md"))
    assert summary(topic) == [
        (1, "", "两数之和怎么做？", True),
        (2, "", "如何反转链表？", True),
        (5, "", "字符串替换问题", True),  # 第五题: its own number, not a "question section"
    ]


def test_headings_that_contain_questions_are_groups_not_the_question_section():
    topic = imported(parse_shape("hijack_cache_questions.md"))
    assert topic.shape == "headings"
    assert summary(topic) == [
        (1, "缓存问题", "什么是缓存穿透？", True),
        (2, "缓存问题", "什么是缓存雪崩？", True),
        (3, "Kubernetes Questions", "What is a Pod?", True),
    ]
    # The answer's bullets stay in the answer: they are not questions.
    assert topic.questions[0].answer_md.endswith("- 布隆过滤器\n- 缓存空值")


def test_zero_width_spaces_do_not_hide_question_numbers():
    topic = imported(parse_shape("zero_width.md"))
    assert [(q.number, q.text) for q in topic.questions] == [
        (1, "什么是容器？"),
        (2, "容器和虚拟机的区别？"),
    ]


def test_q_numbers_linked_titles_and_unnumbered_questions():
    topic = imported(
        parse_text(
            """\
            # Go

            ### Q3: What is a goroutine?（⭐⭐）

            A lightweight thread.

            ### [4、What is a channel?](https://example.com/ch)

            A typed pipe.
            """
        )
    )
    assert [(q.number, q.text) for q in topic.questions] == [
        (3, "What is a goroutine?"),
        (4, "What is a channel?"),
    ]
    unnumbered = imported(
        parse_text(
            "# T\n\n## What is a Pod?\n\nA group of containers.\n\n## Why Pods?\n\nShared.\n"
        )
    )
    assert [(q.number, q.text) for q in unnumbered.questions] == [
        (1, "What is a Pod?"),
        (2, "Why Pods?"),
    ]


def test_every_question_gets_rendered_html_and_key_points():
    topic = imported(parse_shape("headings_groups.md"))
    first = topic.questions[0]
    assert first.text_html == "<p>什么是 Redis？</p>\n"
    assert "<li>支持持久化</li>" in first.answer_html
    # The bullets, after the lead sentence (scoring/keypoints.py adds prose sentences with room).
    assert [kp.text for kp in first.key_points][-2:] == ["支持持久化", "单线程处理命令"]


def test_a_numbered_question_one_level_off_is_still_a_question_not_a_group():
    topic = imported(
        parse_text(
            """\
            ## Tricky Questions

            #### 1. What does this print?

            > **Answer:** 1

            ### 2. Why does this deadlock?

            > **Answer:** Nobody reads the channel.

            #### 3. What is a nil interface?

            > **Answer:** A type and a value, both nil.
            """
        )
    )
    assert summary(topic) == [
        (1, "Tricky Questions", "What does this print?", True),
        (2, "Tricky Questions", "Why does this deadlock?", True),
        (3, "Tricky Questions", "What is a nil interface?", True),
    ]


def test_numbered_tasks_with_a_table_of_contents_of_links():
    topic = imported(
        parse_text(
            """\
            ## 文件管理

            * [1.显示当前目录的绝对路径](#1显示当前目录的绝对路径)
            * [2.查看当前目录的所有内容](#2查看当前目录的所有内容)
            * [3.删除空目录](#3删除空目录)

            #### 1.显示当前目录的绝对路径

            pwd

            #### 2.查看当前目录的所有内容

            ls -a

            #### 3.删除空目录

            rmdir dir
            """
        )
    )
    assert [(q.number, q.text, q.answer_md) for q in topic.questions] == [
        (1, "显示当前目录的绝对路径", "pwd"),
        (2, "查看当前目录的所有内容", "ls -a"),
        (3, "删除空目录", "rmdir dir"),
    ]


def test_an_answer_folded_in_a_show_answer_details_belongs_to_the_heading_above():
    result = parse_text(
        """\
        # 测验

        ## 第 1 题

        配置文件放在哪里？

        <details>
        <summary>查看答案</summary>

        **正确答案：B**，放在 `.github/workflows/`。

        </details>

        ## 第 2 题

        可以缓存依赖吗？

        <details>
        <summary>查看答案</summary>

        可以，用 `actions/cache`。

        </details>
        """
    )
    topic = imported(result)
    assert topic.shape == "headings"
    first = topic.questions[0]
    assert (first.number, first.text) == (1, "配置文件放在哪里？")
    assert first.answer_md == "**正确答案：B**，放在 `.github/workflows/`。"
    assert "details" not in first.answer_html and "summary" not in first.answer_html


def test_headings_without_a_space_after_the_hashes_are_read_with_a_warning():
    result = parse_text(
        """\
        #1 Java 基础
        ###1.1 JDK 和 JRE 有什么区别？
        JDK 是开发环境，JRE 是运行环境。
        ###1.2 ==和 equals 的区别？
        前者比较地址。
        #2 容器
        ###2.1 List 和 Set 的区别是什么？
        List 有序可重复。
        ###2.2 HashMap 怎么扩容？
        不会
        """
    )
    topic = imported(result)
    assert summary(topic) == [
        (1, "Java 基础", "JDK 和 JRE 有什么区别？", True),
        (2, "Java 基础", "==和 equals 的区别？", True),
        (3, "容器", "List 和 Set 的区别是什么？", True),
        (4, "容器", "HashMap 怎么扩容？", False),  # "不会" (don't know) is no answer
    ]
    assert result.warnings[-1] == (
        "6 lines like '###1.1 q' were read as headings, as their author meant; put a space "
        "after the '#' so that every Markdown viewer shows them as headings"
    )


def test_headings_marked_q_colon_are_questions_and_an_italic_aside_is_no_answer():
    topic = imported(
        parse_text(
            """\
            # Backend round

            ## Databases

            ### Q: Explain the `WHERE` clause.
            **A:** It filters rows before grouping.

            ### Q: Describe an index.
            **A:** A structure that finds rows without scanning the table.

            ## Coding

            ### Q: Reverse a linked list in place.
            *(A warm-up exercise on pointer handling.)*

            ### Q: What is a B-tree?
            See [the notes](./btree.md)
            """
        )
    )
    assert topic.shape == "headings"
    # the aside and the pointer stay with the question, below its first line
    assert [(q.group, q.text.split("\n")[0], q.has_answer) for q in topic.questions] == [
        ("Databases", "Explain the WHERE clause.", True),
        ("Databases", "Describe an index.", True),
        ("Coding", "Reverse a linked list in place.", False),
        ("Coding", "What is a B-tree?", False),
    ]


def test_a_fold_named_for_its_question_holds_the_answer_and_the_text_above_is_the_question():
    topic = imported(parse_shape("fold_named_answer.md"))
    assert topic.shape == "headings"
    assert summary(topic) == [
        (1, "", "书写两个斜体的星号", True),
        (2, "", "书写两个加粗的下划线", True),
    ]
    answer = topic.questions[0].answer_md
    assert "summary" not in answer and "</details>" not in answer
    assert "其他数量就增加" in answer


def test_a_numbered_heading_with_no_words_under_it_is_refused_not_imported_empty():
    result = parse_text("# 练习\n\n## 第 1 题\n\n```\nx\n```\n\n## 第 2 题\n\n```\ny\n```\n")
    assert not result.ok


def test_a_question_heading_inside_a_quote_refuses_the_file_rather_than_joining_an_answer():
    result = parse_shape("headings_in_quote.md")
    assert not result.ok  # 7 questions, one of them quoted: never imported as 6
    assert result.errors[0].code == "question_left_out"
    assert "什么是 CAS" in str(result.errors[0])


def test_unnumbered_sections_around_numbered_question_headings_are_not_questions():
    # the author numbered the questions: "## 回答模板" above and "## 公开面经线索" below are
    # the file's own sections, and the terms in their lists ("**确认规则**：…是否…") state
    topic = imported(parse_shape("headings_numbered_with_side_sections.md"))
    assert topic.shape == "headings"
    assert [(q.number, q.has_answer) for q in topic.questions] == [(1, True), (2, True), (3, True)]
    assert topic.questions[1].text.startswith("25 匹马")


def test_an_unnumbered_heading_between_numbered_questions_still_counts():
    text = (SHAPES / "headings_numbered_with_side_sections.md").read_text(encoding="utf-8")
    text = text.replace(
        "## 3. 两根", "## 赛马题的变体\n\n若只求最快 1 匹，赛 6 次即可。\n\n## 3. 两根"
    )
    result = parse_text(text)
    assert not result.ok or len(result.topic.questions) == 5


def test_headings_inside_an_answers_fold_belong_to_the_answer_and_placeholders_are_no_answer():
    result = parse_shape("headings_folded_sections.md")
    topic = imported(result)
    assert topic.shape == "headings"
    assert [(q.number, q.text.split("\n")[0], q.has_answer) for q in topic.questions] == [
        (1, "你们的组件库如何做按需加载", False),  # "略" (omitted) in the fold: no answer
        (2, "浏览器缓存分为哪几类？", True),
        (3, "如何避免 useEffect 的常见陷阱", True),
    ]  # the "## 一、考察点" inside the folds are not questions, the "{#anchor}" no words
    cache = topic.questions[1]
    assert "## 一、考察点" in cache.answer_md and "协商缓存由 ETag 决定" in cache.answer_md
    assert "返回清理函数" in topic.questions[2].answer_md


def test_a_numbered_question_heading_over_asking_bullets_is_a_question_not_their_group():
    topic = imported(
        parse_text(
            """\
            # Scrum interview questions

            ## 1. What is a sprint review?

            The meeting where the team shows what it built and hears the stakeholders.

            ## 2. If a product is behind schedule, what would you do?

            I would weigh the options in this order:

            - **Reduce scope** — which features can wait for the next release?
            - **Review dependencies** — is something blocked outside the team?

            ## 3. Who orders the product backlog?

            The product owner, with the stakeholders.
            """
        )
    )
    assert [(q.number, q.text, q.has_answer) for q in topic.questions] == [
        (1, "What is a sprint review?", True),
        (2, "If a product is behind schedule, what would you do?", True),
        (3, "Who orders the product backlog?", True),
    ]
    assert "**Reduce scope**" in topic.questions[1].answer_md


def test_an_answer_opened_by_a_lead_label_has_the_lead_among_its_key_points():
    topic = imported(
        parse_text(
            """\
            # 容器面试题

            ## 1. 什么是 Pod？

            **答案：** Pod 是最小调度单位，包含一个或多个容器。

            ## 2. 什么是 Service？

            **答案：** 为一组 Pod 提供稳定的访问入口。

            - 负载均衡
            - 服务发现
            """
        )
    )
    assert topic.shape == "headings"
    pod, service = topic.questions
    assert pod.answer_md == "Pod 是最小调度单位，包含一个或多个容器。"
    assert [k.text for k in pod.key_points] == ["Pod 是最小调度单位，包含一个或多个容器。"]
    assert [k.text for k in service.key_points] == [
        "为一组 Pod 提供稳定的访问入口。",
        "负载均衡",
        "服务发现",
    ]  # as the same answer without its label would have them


def test_one_folded_answer_among_open_ones_leaves_the_open_answers_answers():
    # Only one answer is folded away (its fold holding a heading of the questions' level):
    # the statements under the other questions are their answers, not part of the questions.
    text = (
        "# 面试题\n\n## 1. 什么是闭包？\n\n闭包是函数和它的词法环境。\n\n"
        "## HashMap 的数据结构\n\n<details>\n<summary>参考答案</summary>\n\n## 一、考察点\n\n"
        "数组加链表。\n\n</details>\n\n## 2. 什么是原型链？\n\n对象通过原型一层层找属性。\n\n"
        "## 3. 什么是事件循环？\n\n宏任务和微任务的调度。\n"
    )
    topic = imported(parse_text(text, name="fe.md"))
    assert [(q.text, q.has_answer) for q in topic.questions] == [
        ("什么是闭包？", True),
        ("HashMap 的数据结构", True),
        ("什么是原型链？", True),
        ("什么是事件循环？", True),
    ]
    assert topic.questions[1].answer_md.endswith("数组加链表。")


def test_a_heading_that_labels_the_answer_to_the_question_heading_above_is_the_answer_s():
    # "#### Mia 回答:" under "#### 01.q", at the same level: the label of the answer below
    # it, not a topic heading left out (the file was refused) nor the end of the question
    result = parse_text(
        """\
        ### 常见问题
        #### 01.为什么要有虚拟内存？
        #### Mia回答:
             隔离进程，按需分页。
        #### 02.页表是什么？
        #### Mia回答:
             虚拟页到物理页的映射。
        #### 03.什么是 TLB？
        #### Mia回答:
             页表的缓存。
        """
    )
    topic = imported(result)
    assert topic.shape == "headings"
    assert [(q.number, q.text, q.has_answer) for q in topic.questions] == [
        (1, "为什么要有虚拟内存？", True),
        (2, "页表是什么？", True),
        (3, "什么是 TLB？", True),
    ]
    assert "按需分页" in topic.questions[0].answer_md
    assert "Mia" not in topic.questions[0].answer_md


def test_open_text_with_code_to_fill_in_a_file_that_folds_its_answers_is_the_question_s():
    # the file folds its answers away; an open section that ends in code left to fill in
    # ("// Write your code here") is the task, not its answer
    topic = imported(
        parse_text(
            """\
            # Closures

            ## Question 1: Counter

            What does `counter()` return the second time?

            <details>
            <summary>Expand answer</summary>

            `2`: the closure keeps `count`.
            </details>

            ## Question 2: Private state

            The object below exposes its items to every caller.

            ```javascript
            function makeBag() {
              // Write your code here...
            }
            ```

            ## Question 3: Loop variables

            What will log to console when the loop below runs with `var`?
            """
        )
    )
    assert [(q.number, q.has_answer) for q in topic.questions] == [
        (1, True),
        (2, False),
        (3, False),
    ]
    assert "Write your code here" in topic.questions[1].text


def test_a_q_dot_marker_is_no_part_of_the_question():
    topic = imported(
        parse_text(
            """\
            # Go questions

            #### Q. What does defer do?
            Runs a call when the function returns.

            #### Q. How do channels block?
            An unbuffered send waits for a receiver.
            """
        )
    )
    assert [q.text for q in topic.questions] == ["What does defer do?", "How do channels block?"]


def test_code_under_a_question_with_a_link_to_its_answer_is_the_questions_own():
    # "### 2. 写出执行结果", the code to run, then "[答案&解析](url)": the answer is behind the
    # link; the code is what the question asks about, not its answer.
    text = "# 每日一题\n\n"
    for n in range(1, 4):
        text += (
            f"### {n}. 下面代码输出什么？\n\n```js\nconsole.log({n});\n```\n\n"
            f"[答案&解析](https://example.org/issues/{n})\n\n"
        )
    text += "### 4. 下面代码输出什么？\n\n```js\nconsole.log(4);\n```\n\n输出 4，同步代码先执行。\n"
    topic = imported(parse_text(text, name="daily.md"))
    assert [q.has_answer for q in topic.questions] == [False, False, False, True]
    assert "console.log(1);" in topic.questions[0].text


def test_sub_headings_after_an_answer_heading_and_a_follow_up_section_are_no_questions():
    # "## 1. q" then "### Answer:" and more "###" parts of the answer ("### Key Differences:"
    # reads like a question, but it follows the answer heading); "## Follow-up Questions:" at
    # the end lists follow-ups, not more questions of the file.
    text = "# Docker basics\n\n"
    for n in range(1, 4):
        text += (
            f"## {n}. What is Docker feature {n}?\n\n### Answer:\nFeature {n} explained.\n\n"
            f"### Key Differences:\n\n| a | b |\n|---|---|\n| {n} | {n + 1} |\n\n"
            f"### Code Example:\n```bash\ndocker run app{n}\n```\n\n"
        )
    text += "## Follow-up Questions:\n- How do layers work?\n- What is a registry?\n"
    text += "- How are volumes mounted?\n- What is a bridge network?\n"
    topic = imported(parse_text(text, name="README.md"))
    assert [(q.text, q.has_answer) for q in topic.questions] == [
        (f"What is Docker feature {n}?", True) for n in range(1, 4)
    ]
    assert "### Key Differences:" in topic.questions[0].answer_md
    assert "docker run app1" in topic.questions[0].answer_md


def test_a_long_run_of_numbered_headings_is_a_run_of_questions_whatever_most_say():
    # "## 1. What is Docker?" then "### 2." ... "### 7.", fewer than half worded as questions
    # ("Docker Architecture", "Run a Container"): numbered one after another, they are all
    # questions, the first one too though it sits a level up.
    headings = ["What is Docker?", "Container vs Virtual Machine", "Docker Architecture",
                "What is Docker Hub?", "Create a Docker Image", "Run a Container",
                "Why use multi-stage builds?"]  # fmt: skip
    text = "# Docker basics\n\n"
    for n, heading in enumerate(headings, 1):
        text += f"{'##' if n == 1 else '###'} {n}. {heading}\n\nAbout {heading.lower()}.\n\n---\n\n"
    topic = imported(parse_text(text, name="basics.md"))
    assert [(q.number, q.text, q.has_answer) for q in topic.questions] == [
        (n, heading, True) for n, heading in enumerate(headings, 1)
    ]


def test_numbered_sections_of_a_tutorial_that_ask_nothing_are_no_questions():
    sections = ["Install", "Configure", "Build an image", "Run it", "Push it", "Clean up"]
    text = "# Docker tutorial\n\n" + "".join(
        f"### {n}. {s}\n\nStep {n} of the tutorial.\n\n" for n, s in enumerate(sections, 1)
    )
    result = parse_text(text, name="tutorial.md")
    assert not result.ok


def test_a_run_of_questions_that_goes_on_a_level_deeper_is_one_run():
    # "### Q1:" .. "### Q3:" then "#### Q4:" .. "#### Q6:" (the author changed level half
    # way); "#### Users Table:" leads into Q6's own text and does not end it.
    text = "# SQL Theoretical Questions\n\n"
    for n in range(1, 7):
        marks = "###" if n <= 3 else "####"
        text += f"{marks} Q{n}: What is SQL idea {n}?\n\n"
        if n == 6:
            text += "#### Users Table:\n\n| id | name |\n| --- | --- |\n| 1 | Ann |\n\n"
        text += f"**Answer**: Idea {n} explained.\n\n"
    topic = imported(parse_text(text, name="theory.md"))
    assert [(q.number, q.has_answer) for q in topic.questions] == [(n, True) for n in range(1, 7)]
    assert "Users Table" in topic.questions[5].text
    assert topic.questions[5].answer_md == "Idea 6 explained."


def test_numbered_sub_headings_inside_an_answer_are_its_parts():
    # "### Question 1: Design …" answered under "#### 1. Compute:", "#### 2. Caching:" ...:
    # the numbered parts of one answer, however their numbers follow the question's.
    text = "# Mock interviews\n\n"
    for q in (1, 2):
        text += f"### Question {q}: Design platform {q}\n\nThe prompt.\n\n"
        for part in range(1, 5):
            text += f"#### {part}. Part {part} of the design:\n- a point\n\n"
    topic = imported(parse_text(text, name="README.md"))
    assert [q.text.split("\n")[0] for q in topic.questions] == [
        "Design platform 1",
        "Design platform 2",
    ]


def test_a_table_of_contents_of_links_to_the_headings_is_not_unexplained_text():
    # Six contents entries, then three short questions: without the contents counted as the
    # file's navigation, half the file would be "unexplained" and the file refused.
    titles = ["Pod 是什么？", "Service 是什么？", "Ingress 是什么？"]
    entries = [(t, t[:-1].replace(" ", "-").lower()) for t in titles * 2]
    text = "".join(f"- [{n}. {t}](#{n}-{s})\n" for n, (t, s) in enumerate(entries, 1))
    text += "\n"
    text += "".join(f"### {n}. {t}\n\n答：第 {n} 个。\n\n" for n, t in enumerate(titles, 1))
    topic = imported(parse_text(text, name="k8s.md"))
    assert [(q.text, q.has_answer) for q in topic.questions] == [(t, True) for t in titles]
