"""A section per question (questionbank/readers/sections.py)."""

from __future__ import annotations

from tests.questionbank.shapes import imported, parse_shape, parse_text, summary


def test_every_heading_of_a_file_that_calls_itself_a_set_of_questions_is_a_question():
    topic = imported(parse_shape("sections_topics.md"))
    assert topic.shape == "sections"
    assert summary(topic) == [
        (1, "", "什么是事件冒泡？", True),
        (2, "", "回流与重绘", True),  # not worded as a question: a topic to explain
        (3, "", "说说 this 的指向", True),
        (4, "", "防抖节流", True),
        (5, "", "闭包是什么？", True),
    ]  # 前言 and 参考链接 are the file's own
    assert "calls itself a set of questions" in topic.shape_evidence
    assert topic.questions[1].answer_md == "几何属性变化引起回流，颜色等变化只引起重绘。"


def test_study_notes_with_one_heading_worded_as_a_question_are_not_questions():
    result = parse_shape("sections_notes.md")
    assert not result.ok
    assert result.errors[0].code == "no_shape"


def test_the_same_headings_in_a_file_that_does_not_call_itself_questions_are_refused():
    body = "一段足够长的说明文字，" * 5
    headings = ["什么是事件冒泡？", "回流与重绘", "说说 this 的指向", "防抖节流", "闭包是什么？"]
    text = "".join(f"## {heading}\n{body}\n\n" for heading in headings)
    result = parse_text(text, name="notes.md")
    assert not result.ok  # the two topics would be left out: refused, not imported short
    assert result.errors[0].code == "question_left_out"


def test_a_deeper_heading_worded_as_a_question_inside_an_answer_is_a_doubt():
    # "##" headings, some topics ("## 常用的权限命令"), and a "#####" heading that asks
    # ("CPU利用率达到100%怎么排查问题？"): the levels do not say which are the questions; a
    # WeChat article like this once imported with the deeper question inside an answer.
    result = parse_shape("sections_deeper_question.md")
    assert not result.ok
    assert "CPU利用率达到100%怎么排查问题" in result.errors[0]


_TOPICS_UNDER_A_TITLE = """\
# HTML 与浏览器

### Doctype 有什么作用？

声明文档类型，决定标准模式还是兼容模式。

### 行内元素有哪些？

a、span、img、input。

### HTML 全局属性

所有元素共有的属性，如 class、id、title。

### 如何理解语义化？

用正确的标签做正确的事。

### 另外还有一些关于 title 的知识：

- title 属性可以用在大多数标签上

### cookie 与 localStorage 的区别是什么？

cookie 随请求发送，localStorage 不会。

### 浏览器内核

渲染引擎与 JS 引擎。

### 为什么要弃用 table 布局？

渲染要等整个表格下载完。
"""


def test_under_a_title_topic_headings_answered_like_the_questions_are_questions_too():
    # the title does not call the file a set of questions; most headings ask, and the two
    # that do not ("HTML 全局属性", "浏览器内核") are answered as the others are
    topic = imported(parse_text(_TOPICS_UNDER_A_TITLE, name="README.md"))
    assert topic.shape == "sections"
    assert [q.text for q in topic.questions] == [
        "Doctype 有什么作用？",
        "行内元素有哪些？",
        "HTML 全局属性",
        "如何理解语义化？",
        "cookie 与 localStorage 的区别是什么？",
        "浏览器内核",
        "为什么要弃用 table 布局？",
    ]  # "另外还有一些关于 title 的知识：" leads into the text below it: no question
    assert all(q.has_answer for q in topic.questions)
    assert "answered as the others are" in topic.shape_evidence


def test_a_topic_heading_with_only_a_link_under_it_is_no_reason_to_take_topics_for_questions():
    text = _TOPICS_UNDER_A_TITLE.replace(
        "渲染引擎与 JS 引擎。", "[浏览器内核](https://example.com/engines)"
    )
    assert not parse_text(text, name="README.md").ok


def test_html_anchored_headings_and_their_contents_list_make_one_question_each():
    topic = imported(parse_shape("headings_html_anchors_toc.md"))
    assert [(q.text, q.has_answer) for q in topic.questions] == [
        ("为什么要用消息队列", True),
        ("消息队列的缺点", False),  # "todo" only
        ("怎么保证消息不丢失", True),  # "todo" above an answer written after all
        ("如何处理消息积压？", False),  # "todo" and a link
        ("怎么保证消息有序", True),
        ("如何避免重复消费？", True),
        ("消息模型", True),
    ]  # the "&emsp;<a href="#0">" lines repeat the headings: contents, not more questions
    assert "[Top]" not in "".join(q.text for q in topic.questions)


def test_every_heading_under_a_section_named_for_questions_is_a_question_however_worded():
    # "## 常见题" over "###" headings, some worded as questions, some topics, some with nothing
    # under them yet: the author filed each under the questions. The links above are notes.
    text = (
        "# 计算机网络\n\n## 参考文档：\n\n- [RFC 9293](https://example.org/rfc9293)\n- 一本书\n\n"
        "## 常见题\n\n### TCP 报文的结构是什么？\n\n源端口、目的端口、序号、确认号、窗口。\n\n"
        "### 输入URL会发生什么\n\nDNS 解析，建立连接，发送请求，渲染页面。\n\n"
        "### http 请求的调用过程\n### http 会话机制如何保证长连接\n### 连接池\n"
    )
    topic = imported(parse_text(text, name="note.md"))
    assert topic.shape == "sections"
    assert summary(topic) == [
        (1, "常见题", "TCP 报文的结构是什么？", True),
        (2, "常见题", "输入URL会发生什么", True),
        (3, "常见题", "http 请求的调用过程", False),
        (4, "常见题", "http 会话机制如何保证长连接", False),
        (5, "常见题", "连接池", False),
    ]
    assert "they sit under '常见题'" in topic.shape_evidence


def test_a_section_of_the_file_named_for_something_else_promotes_nothing():
    # The same headings under "## 常用命令" are a notes file's sections: not questions.
    text = (
        "# 网络\n\n## 常用命令\n\n### TCP 报文的结构是什么？\n\n源端口、目的端口、序号。\n\n"
        "### 抓包\n\ntcpdump -i eth0 port 80，再用 wireshark 打开。\n\n"
        "### 路由\n\nip route 查看路由表，traceroute 看路径。\n"
    )
    result = parse_text(text, name="note.md")
    assert not (result.ok and result.topic.shape == "sections")


def test_an_introduction_above_a_section_of_questions_does_not_get_the_file_refused():
    # A short file: an introduction and a list of topic links take almost half its lines, then
    # "## Docker Interview Questions and Answers" and its questions.
    text = (
        "# Docker\n\n## Getting started\n\nDocker is a platform to build and run containers.\n\n"
        "## Topics\n- [Container]()\n- [Dockerfile]()\n- [Compose]()\n- [Swarm]()\n"
        "- [Networking]()\n\n## Docker Interview Questions and Answers\n\n"
        "### What is Docker?\nAn open-source containerization platform.\n\n"
        "### What are Docker's most notable features?\nPortability, layered images, speed.\n\n"
        "### Explain virtualization?\nSoftware that makes a virtual version of a machine.\n"
    )
    topic = imported(parse_text(text, name="README.md"))
    assert [q.text for q in topic.questions] == [
        "What is Docker?",
        "What are Docker's most notable features?",
        "Explain virtualization?",
    ]
    assert all(q.has_answer for q in topic.questions)


def test_an_empty_question_then_a_topic_about_something_else_is_no_doubt():
    # "### nexttick 原理是什么？" with nothing under it, then "### vue 打包优化" and its list:
    # the topic shares no word with the question, so it is a question of its own, not the
    # empty question's answer ("### 如何进行网站性能优化" then "### 优化" still is a doubt).
    text = ""
    for topic in ("v-if 和 v-show 的区别", "vue 生命周期的理解", "watch 和 computed 的区别",
                  "vue 的双向数据绑定原理", "data 为什么是一个函数"):  # fmt: skip
        text += f"#### {topic}\n\n关于{topic}的一段解释。\n\n"
    text += "#### nexttick 原理是什么？\n\n#### vue 打包优化\n- 图片压缩\n- 第三方库用 CDN\n"
    topic = imported(parse_text(text, name="README.md"))
    assert summary(topic)[-2:] == [
        (6, "", "nexttick 原理是什么？", False),
        (7, "", "vue 打包优化", True),
    ]


OPS_TASKS = """\
# 系统运维常见面试题

### 系统配置

#### 修改 http 的最大并发请求数

编辑 /etc/security/limits.conf，调大 nofile 的 soft 与 hard 值。

#### Linux 启动顺序

BIOS、MBR、GRUB、内核、systemd。

#### 挂载 windows 的共享目录

```bash
sudo mount -t cifs //192.168.1.6/movie /mnt/win
```

### 存储 / 文件系统

#### 如何检测并修复硬盘

用 fsck 检查和修复文件系统。

#### 统计 /var/log 目录中的文件总数

```bash
ls -lR /var/log/ | grep "^-" | wc -l
```

#### 软链接与硬链接的区别

硬链接指向同一个 inode，软链接是一个指向路径的文件。

#### 备份当前分区的分区表

```bash
dd if=/dev/sda of=./mbr.bin bs=512 count=1
```
"""


def test_tasks_and_topics_of_a_file_that_calls_itself_questions_are_questions():
    # Few headings worded as questions, more setting tasks ("查看…", "统计…", "修改…"), the
    # rest topics ("Linux 启动顺序"), each answered: every one is a question. Words like 目录
    # and 链接 inside a longer heading that asks do not make it a side section.
    topic = imported(parse_text(OPS_TASKS, name="interview.md"))
    assert topic.shape == "sections"
    assert [(q.group, q.text, q.has_answer) for q in topic.questions] == [
        ("系统配置", "修改 http 的最大并发请求数", True),
        ("系统配置", "Linux 启动顺序", True),
        ("系统配置", "挂载 windows 的共享目录", True),
        ("存储 / 文件系统", "如何检测并修复硬盘", True),
        ("存储 / 文件系统", "统计 /var/log 目录中的文件总数", True),
        ("存储 / 文件系统", "软链接与硬链接的区别", True),
        ("存储 / 文件系统", "备份当前分区的分区表", True),
    ]


def test_a_readme_that_calls_itself_a_question_bank_has_no_questions_in_its_sections():
    # The README of a question-bank app: its sections ("功能特性", "技术栈", "快速开始")
    # are answered by text, but they neither ask nor set tasks.
    text = "# 前端面试题库\n\n"
    for heading in ("✨ 功能特性", "🛠️ 技术栈", "🚀 快速开始", "📁 项目结构", "➕ 如何添加新题目"):
        text += f"## {heading}\n\n关于{heading}的一段说明文字，足够长。\n\n"
    result = parse_text(text, name="README.md")
    assert not result.ok
