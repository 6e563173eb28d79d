"""List items as questions, indented or continuation content as answers (readers/lists.py)."""

from __future__ import annotations

from tests.questionbank.shapes import imported, parse_shape, parse_text, summary


def test_bold_list_questions_with_indented_answers_restarting_per_group():
    topic = imported(parse_shape("lists_answers.md"))
    assert topic.shape == "list"
    assert summary(topic) == [
        (1, "Docker", "What is Docker?", True),
        (2, "Docker", "What is an image?", True),
        (3, "Kubernetes", "What is a Pod?", True),
        (4, "Kubernetes", "How do you scale a Deployment?", True),
    ]
    image, scale = topic.questions[1], topic.questions[3]
    assert image.answer_md == "- A read-only template for containers."
    assert scale.answer_md.startswith("```bash\nkubectl scale")  # a fence-only answer
    assert "<pre>" in scale.answer_html


def test_lazy_numbering_with_answer_labels_after_each_item():
    topic = imported(parse_shape("lists_lazy.md"))
    assert [(q.number, q.text, q.answer_md) for q in topic.questions] == [
        (1, "What is a goroutine?", "A lightweight thread managed by the Go runtime."),
        (2, "What is a channel?", "A typed conduit for sending values between goroutines."),
        (3, "Why use `select`?", "To wait on several channel operations at once."),
    ]
    assert "Answer" not in topic.questions[0].answer_html


def test_answers_indented_by_two_to_eight_spaces_are_the_same_item():
    for indent in (2, 4, 8):
        pad = " " * indent
        topic = imported(
            parse_text(f"# T\n\n- What is A?\n\n{pad}A is one.\n\n- What is B?\n\n{pad}B is two.\n")
        )
        assert [q.answer_md for q in topic.questions] == ["A is one.", "B is two."], indent


def test_an_answer_label_on_the_line_after_the_question_ends_the_question():
    topic = imported(
        parse_text(
            "# T\n\n1. **What is X?**\n   **Answer:** X.\n2. **What is Y?**\n   **Answer:** Y.\n"
        )
    )
    assert [(q.text, q.answer_md) for q in topic.questions] == [
        ("What is X?", "X."),
        ("What is Y?", "Y."),
    ]


def test_numbered_paragraphs_commonmark_does_not_see_as_items_restarting_per_group():
    topic = imported(
        parse_text(
            """\
            # Linux

            ## 文件

            1、如何查看当前目录？

            pwd

            2、如何列出隐藏文件？

            ls -a

            ## 进程

            1.如何查看所有进程？

            ps aux

            2.怎么结束一个进程？

            kill PID
            """
        )
    )
    assert summary(topic) == [
        (1, "文件", "如何查看当前目录？", True),
        (2, "文件", "如何列出隐藏文件？", True),
        (3, "进程", "如何查看所有进程？", True),
        (4, "进程", "怎么结束一个进程？", True),
    ]
    assert [q.answer_md for q in topic.questions] == ["pwd", "ls -a", "ps aux", "kill PID"]


def test_a_run_of_numbered_tasks_each_answered_by_the_code_below_it():
    topic = imported(
        parse_text(
            """\
            # Shell

            1. 用 sed 把第 23 行的 test 改成 tset
            ```
            sed -i '23s/test/tset/' test.txt
            ```
            2. 统计当前目录下的文件数
            ```
            ls | wc -l
            ```
            3. 删除每个临时文件的前三行
            ```
            sed -i '1,3d' /tmp/*.tmp
            ```
            """
        )
    )
    assert [(q.number, q.has_answer) for q in topic.questions] == [(1, True), (2, True), (3, True)]
    assert topic.questions[1].answer_md == "```\nls | wc -l\n```"


def test_a_question_whose_answer_is_on_the_next_line_of_the_item():
    topic = imported(
        parse_text("# T\n\n1. 如何新建文件？\n   touch a.txt\n2. 如何删除文件？\n   rm a.txt\n")
    )
    assert [(q.text, q.answer_md) for q in topic.questions] == [
        ("如何新建文件？", "touch a.txt"),
        ("如何删除文件？", "rm a.txt"),
    ]


def test_a_numbered_question_on_the_line_right_after_an_answer_starts_a_new_question():
    topic = imported(
        parse_text(
            "# T\n\n11、login.defs 的功能是什么?\n\n设置帐号限制的文件\n12、passwd -l 的功能是什么?\n\n锁定用户\n"
        )
    )
    assert [(q.text, q.answer_md) for q in topic.questions] == [
        ("login.defs 的功能是什么?", "设置帐号限制的文件"),
        ("passwd -l 的功能是什么?", "锁定用户"),
    ]


def test_a_single_bullet_inside_an_answer_is_not_a_question():
    topic = imported(
        parse_text(
            "# T\n\n1、变量有哪些？\n\n**预定义变量**\n\n- 变量作用是固定的\n\n2、set 的功能是什么？\n\n查看变量\n"
        )
    )
    assert [q.text for q in topic.questions] == ["变量有哪些？", "set 的功能是什么？"]
    assert topic.questions[0].answer_md == "**预定义变量**\n\n- 变量作用是固定的"


def test_questions_first_then_a_reference_answer_section_answering_them_in_order():
    topic = imported(
        parse_text(
            """\
            # Agent

            1.  什么是智能体？
            2.  请解释 ReAct 框架？

            ## 参考回答
            1.
                <strong>什么是智能体？</strong>

                能自主规划并行动的系统。

            ---
            2.
                <strong>请解释 ReAct 框架？</strong>

                思考与行动交替进行。
            """
        )
    )
    assert topic.shape == "list"
    assert [(q.text, q.answer_md) for q in topic.questions] == [
        ("什么是智能体？", "**什么是智能体？**\n\n能自主规划并行动的系统。"),
        ("请解释 ReAct 框架？", "**请解释 ReAct 框架？**\n\n思考与行动交替进行。"),
    ]
    assert "<strong>什么是智能体？</strong>" in topic.questions[0].answer_html


def test_an_answer_that_is_only_a_link_to_another_page_leaves_the_question_unanswered():
    topic = imported(
        parse_text(
            """\
            # Round one

            ## Basics

            - What is a closure?

              见[另一篇笔记](./closures.md)

            - What does `this` point to?

              - It depends on how the function is called.

            - How does the event loop work?

              [Event loop notes](https://example.org/event-loop)

            - Why prefer `const`?

              It cannot be reassigned; see [MDN](https://example.org/const) for more.
            """
        )
    )
    assert [(q.text, q.has_answer) for q in topic.questions] == [
        ("What is a closure?", False),
        ("What does `this` point to?", True),
        ("How does the event loop work?", False),
        ("Why prefer `const`?", True),  # a sentence with a link in it is an answer
    ]


def test_one_item_lists_answered_by_the_blockquote_below_and_groups_worded_as_questions():
    topic = imported(parse_shape("lists_quote_answers.md"))
    assert topic.shape == "list"
    assert summary(topic) == [
        (1, "你知道吗？", "你是否用过 Git？", False),  # the heading is their group, no question
        (2, "你知道吗？", "你是否知道 Git 与 GitHub 的区别？", False),
        (3, "你会用吗？", "如何克隆一个远程仓库？", True),
        (4, "你会用吗？", "请给出暂存所有修改的命令。", True),  # a task, answered like the others
        (5, "你会用吗？", "如何把本地提交推送到远程？", True),
    ]
    assert topic.questions[3].answer_md == "`git add .`"


def test_a_task_item_swallowed_into_an_answer_is_a_reason_to_refuse():
    result = parse_text(
        """\
        - 如何克隆一个远程仓库？

        > 参考答案：`git clone`

        - 请给出暂存所有修改的命令。

        执行 git add。

        - 如何把本地提交推送到远程？

        > 参考答案：`git push`
        """
    )
    assert not result.ok
    assert result.errors[0].code == "question_left_out"


def test_follow_up_sub_items_are_no_answers_even_wrapped_or_indented_too_little():
    topic = imported(parse_shape("lists_follow_ups.md"))
    assert topic.shape == "bare"
    assert [(q.text, q.has_answer) for q in topic.questions] == [
        ("What is SQL?", False),
        ("What are the types of SQL commands?", False),
        ("How can you find duplicate records in a table?", False),
        ("What are window functions?", False),
        ("What is database sharding?", False),
    ]
    assert topic.questions[1].follow_ups == [
        "Explain the difference between DDL, DML, DCL and TCL."
    ]
    assert topic.questions[2].follow_ups == ["Write a query to find duplicates."]
    assert topic.questions[4].follow_ups == ["How does it help with scalability?"]


def test_a_todo_note_is_no_answer():
    topic = imported(parse_shape("lists_todo_answers.md"))
    assert [(q.text, q.has_answer) for q in topic.questions] == [
        ("为什么单线程还很快？", True),
        ("memcache 和 redis 的区别？", False),  # "TODO memcache"
        ("redis 能把内存交换到磁盘吗？", False),  # "TODO"
        ("nosql 为啥比 sql 快？", True),
    ]


def test_tab_numbered_lines_with_group_labels_between_them():
    # "1<TAB>What is React?" lines in one paragraph, "React Router" lines between them: the
    # labels were once read as questions (9 found for 6).
    topic = imported(parse_shape("bare_tab_numbered_lines.md"))
    assert topic.shape == "bare"
    assert [(q.number, q.text) for q in topic.questions] == [
        (1, "What is React?"),
        (2, "What is JSX?"),
        (3, "What are props in React?"),
        (4, "What is React Router?"),
        (5, "How do you get query parameters in React Router?"),
        (6, "What is Jest?"),
    ]


def test_tab_numbered_question_lines_count_as_worded_as_questions():
    # The same file: every numbered line asks, and the import preview's evidence says so (a
    # reading that counted none of them worded as questions would be a guess at zero confidence).
    topic = imported(parse_shape("bare_tab_numbered_lines.md"))
    assert "6 items, 6 worded as questions" in topic.shape_evidence


def test_an_answer_lettered_a_under_a_bold_question_ending_in_a_line_break():
    topic = imported(parse_shape("lists_lettered_answers.md"))
    assert [(q.text, q.has_answer) for q in topic.questions] == [
        ("Is Java pass by value or pass by reference?", True),
        ("ArrayList vs Vector?", True),
        ("HashMap vs Hashtable", True),  # one item after the code: it holds a lettered answer
        ("Which of these is a checked exception?", True),
    ]
    assert topic.questions[0].answer_md == "Always by value: a method gets a copy of the reference."
    # "A)" then "B)", "C)": options, the answer is all of them, not "A" alone
    assert "B) IOException" in topic.questions[3].answer_md


def test_one_item_bullets_asking_make_the_file_s_spine_and_steps_numbered_below_are_answers():
    # every question a "- q" list of its own, its answer unindented below; most ask, so the
    # others opening text the same way ("- 索引下推") are questions too, and "1. ..." steps
    # in an answer are the answer's, not questions left out
    result = parse_text(
        """\
        - 为什么要建索引？

        查得快，写得慢。

        - 索引下推

        1. 在存储引擎层先用索引列过滤。
        2. 少回表。

        - 什么是覆盖索引？

        查询的列都在索引里。

        - 联合索引为什么讲最左前缀？

        1. 索引按第一列排序，再按第二列。

        - B+ 树和 B 树有什么不同？

        叶子节点连成链表。

        - 如何看一条 SQL 用没用索引？

        `EXPLAIN`。
        """,
        "index.md",
    )
    topic = imported(result)
    assert topic.shape == "list"
    assert [(q.text, q.has_answer) for q in topic.questions] == [
        ("为什么要建索引？", True),
        ("索引下推", True),
        ("什么是覆盖索引？", True),
        ("联合索引为什么讲最左前缀？", True),
        ("B+ 树和 B 树有什么不同？", True),
        ("如何看一条 SQL 用没用索引？", True),
    ]
    assert "少回表" in topic.questions[1].answer_md


def test_bullets_between_two_items_of_a_numbered_run_are_the_answer_of_the_one_above():
    # "2. q" then "- 实现一个监听器 Observer" (worded as tasks) then "3. q": the numbering runs
    # on across the lists, so the bullets are the points of answer 2, not two more questions
    topic = imported(
        parse_text(
            """\
            # Vue 面试题

            1. 什么是响应式？
            - 数据变化时视图自动更新。

            2. 双向绑定怎么实现？
            - 实现一个监听器 Observer
            - 实现一个订阅者 Watcher

            3. 什么是虚拟 DOM？
            - 一棵用 JS 对象表示的 DOM 树。
            """,
            "vue.md",
        )
    )
    assert [(q.text, q.has_answer) for q in topic.questions] == [
        ("什么是响应式？", True),
        ("双向绑定怎么实现？", True),
        ("什么是虚拟 DOM？", True),
    ]
    assert "订阅者 Watcher" in topic.questions[1].answer_md


def test_one_item_lists_numbered_on_split_by_their_answers_are_questions_in_a_question_file():
    # "question.md": "1. go 切片初始化", its code at the margin (which ends the list), "2. …"
    # with its answer on the next line of the same paragraph, "3. 函数返回值" and its code.
    text = (
        "1. go 切片初始化\n```go\narr := make([]int, 5)\n```\n\n"
        "2. map可不可以在遍历的时候删除元素\n"
        "首先问清楚是否并发读写。如果并发读写会 panic，因为 map 不是线程安全的，可以加锁。\n\n"
        "3. 函数返回值\n```go\nfunc sum(x, y int) (total int, err error)\n```\n\n"
        '4. map元素取地址\n```go\nfmt.Println(&data["key"]) // 编译报错\n```\n'
    )
    topic = imported(parse_text(text, name="question.md"))
    assert topic.shape == "list"
    assert [(q.text, q.has_answer) for q in topic.questions] == [
        ("go 切片初始化", True),
        ("map可不可以在遍历的时候删除元素", True),
        ("函数返回值", True),
        ("map元素取地址", True),
    ]
    assert topic.questions[1].answer_md.startswith("首先问清楚是否并发读写。")


def test_a_wrapped_english_question_stays_one_question():
    text = (
        "# Interview questions\n\n1. What is the difference between a process\n   and a thread?\n\n"
        "   A process has its own memory.\n\n2. What is a mutex?\n\n   A lock.\n\n"
        "3. What is a semaphore?\n\n   A counter.\n"
    )
    topic = imported(parse_text(text, name="os.md"))
    assert topic.questions[0].text == "What is the difference between a process and a thread?"
