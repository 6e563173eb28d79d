"""The words readers recognise in headings and labels, matched against ``normalize()``d text
(NFKC, lower case), and the question-number patterns."""

from __future__ import annotations

import re

from questionbank.mdtokens import normalize

QUESTION_SECTION = re.compile(r"问题|题目|面试题|\bquestions?\b")
ANSWER_SECTION = re.compile(r"答案|解答|解析|剖析|参考回答|\banswers?\b")
BONUS = re.compile(r"加分项|加分点|\bbonus\b|(?<![a-z0-9])p[5-9](?![0-9]).*加分")
EXPERIENCE = re.compile(r"项目经验|项目实践|\breal[- ]world\b|\bproject experience")
QUESTION_LABEL = re.compile(r"^(问题|题目|面试题|问题列表|questions?|interview questions?)$")
ANSWER_LABEL = re.compile(
    r"^(标准答案|参考答案|答案|参考回答|回答要点|示例答案|answer|standard answer|reference answer|"
    r"sample answer|model answer|suggested answer)$"
)
BACKGROUND_LABEL = re.compile(r"^\*\*\s*(?:背景|background)\s*[:：]?\s*\*\*\s*[:：]?\s*", re.I)
KEY_POINTS_LABEL = re.compile(r"^(评分要点|得分点|关键点|要点|key points?|scoring points?)$")
FOLLOW_UP = re.compile(
    r"^\s*(?:\*\*)?\s*(?:追问|follow[- ]?up)\s*(?:\*\*)?\s*[:：]\s*(?:\*\*)?\s*", re.I
)
NUMBERED = re.compile(
    r"""^(?:
        第\s*(?P<a>\d{1,9})\s*[题问]\s*[.、:：)）．]?
      | (?:q|question|题目|问题)\s*(?P<b>\d{1,9})\s*[.、:：)）．]?
      | (?P<c>\d{1,9})\s*(?:[.、:：)）．]|-(?=\s))
    )\s*(?P<title>.*)$""",
    re.X | re.I,
)
WEIGHT = re.compile(r"\s*[（(]\s*(?:权重|weight|w)\s*[:：=]?\s*(\d{1,2})\s*[)）]\s*$", re.I)
LEADING_SYMBOLS = re.compile(r"^[^\w]+")


def numbered_number(match: re.Match) -> int:
    return int(match.group("a") or match.group("b") or match.group("c"))


def numbered_title(raw: str, normalized_match: re.Match) -> str:
    """The title after the number, in the author's own characters where possible."""
    match = NUMBERED.match(raw.strip())
    return match.group("title") if match else normalized_match.group("title")


def section_title(title: str) -> str:
    match = NUMBERED.match(title.strip())
    return match.group("title") if match and match.group("c") else title


# --- Section labels: a heading is one only when its words ARE the label -------------------


def _strip_decoration(words: str) -> str:
    """Without leading symbols, emoji and numbers, and trailing symbols (no regex: a heading
    of 100,000 symbols must not take quadratic time)."""
    start, end = 0, len(words)
    while start < end and not words[start].isalpha():
        start += 1
    while end > start and not words[end - 1].isalnum():
        end -= 1
    return words[start:end]


_ZH_LABEL = re.compile(
    r"^(?:常见|高频|核心|经典|典型|热门|深入|基础|进阶|精选|必问|相关|部分|面试|笔试|的)*"
    r"(?:问题|题目|面试题|笔试题|考题|问答|题|试题)(?:列表|汇总|清单|集锦|合集|集合|一览|与答案|和答案|及答案|解答)?$"
)
_EN_LABEL = re.compile(
    r"^(?:(?:common|frequently asked|typical|sample|practice|some|top|basic|advanced|more)\s+)*"
    r"(?:interview\s+)?(?:questions?|q\s*&\s*a|q\s*and\s*a|faq)"
    r"(?:\s+(?:list|and answers|&\s*answers|with answers))?$"
)


def is_question_section_label(title: str) -> bool:
    """ "面试题", "高频问题", "Interview Questions": yes. "缓存问题", "Kubernetes Questions": no."""
    words = _strip_decoration(normalize(visible(title)))
    words = re.sub(r"[(（][^)）]*[)）]$", "", words).strip()  # "面试题（共 20 题）"
    return bool(_ZH_LABEL.match(words.replace(" ", "")) or _EN_LABEL.match(words))


# --- Does a line read as a question? -----------------------------------------------------

_ZH_ASK = re.compile(
    r"什么|为什么|为何|如何|怎么|怎样|哪些|哪个|哪种|哪几|哪里|哪儿|多少|是否|能否|可否|有没有|区别|不同|异同|对比|比较|"
    r"原理|作用|机制|谈谈|说说|讲讲|聊聊|简述|描述|介绍|解释|列举|说明|理解|实现|了解|设计|用途|优缺点|优势|吗|呢|"
    # a request at the start of the line or of a clause ("使用vue写一个tab切换", "…，谈下你的思路")
    r"(?:^|[，,；;])\s*(?:请|试)?(?:(?:用|使用)\s*[\w.-]{1,20}?\s*)?(?:谈下|谈一谈|说下|说一下|说出|讲一下|写出|手写|写一个|举例)"
)
_EN_ASK = re.compile(
    r"^(?:what|why|how|when|where|which|who|whom|whose|is|are|was|were|do|does|did|can|could|"
    r"should|would|will|have|has|explain|describe|define|list|name|compare|tell|give|discuss|"
    r"write|implement|design|differentiate|distinguish|mention|state|outline|elaborate)\b"
    r"|\b(?:what|why|how|which|difference|differences|vs\.?|versus)\b",
    re.I,
)


_ZH_TASK = re.compile(
    r"^(?:请|试|尝试)?(?:显示|查看|删除|创建|新建|编写|写出|写一个|列出|统计|修改|找出|查找|计算|"
    r"用|使用|给出|设置|配置|复制|移动|重命名|压缩|解压|打包|更改|改变|输出|打印|获取|列举|将|把|"
    r"求|判断|编程|脚本)"
)


def looks_like_task(text: str) -> bool:
    """A numbered exercise worded as a task ("显示当前目录", "Write a script that..."): a
    question when it is numbered like the questions around it."""
    text = visible(text).strip()
    return bool(_ZH_TASK.match(text) or _EN_ASK.match(text))


def looks_like_question(text: str) -> bool:
    """A line a reader of an interview file would take for a question."""
    text = visible(text).strip()
    if not text:
        return False
    if "?" in text or "？" in text:
        return True
    if _LONE_WORD.match(text):
        return False  # "## why", "## 什么": a label of what follows, nothing asked yet
    return bool(_ZH_ASK.search(text) or _EN_ASK.search(text))


# One question word and nothing else ("why", "What:", "为什么").
_LONE_WORD = re.compile(
    r"^[*_]*(?:what|why|how|when|where|which|who|什么|为什么|为何|如何|怎么|哪些)[*_]*[:：.。]?$",
    re.I,
)


# --- Question numbers: 1. / 1、 / Q1: / 第1题 / 第一题 / 一、 -----------------------------

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}  # fmt: skip


def chinese_number(text: str) -> int | None:
    """一 -> 1, 十二 -> 12, 二十 -> 20, 一百零五 -> 105; None if not a Chinese numeral."""
    if not text or any(ch not in _ZH_DIGITS and ch not in "十百" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + _ZH_DIGITS[ch] if current else _ZH_DIGITS[ch]
    return total + current


QUESTION_NUMBER = re.compile(
    r"""^\s*(?:
        第\s*(?P<zh>\d{1,4}|[零〇一二两三四五六七八九十百]{1,6})\s*[题问道]\s*[.、:：)）．]?
      | (?:q|questions?|题目|问题|面试题)\s*[-#]?\s*(?:\d{1,3}[.．])?(?P<q>\d{1,4})\s*[.、:：)）．]?
      | (?:\d{1,3}[.．])+(?P<d>\d{1,4})(?:\s*[.、:：)）．])?(?=\s|[^\d.．\w])
      | [\[【(（]?(?P<n>\d{1,4})[\]】)）]?\s*(?:[.、:：)）．]|-(?=\s))  # "3- q" too
      | (?P<cn>[一二三四五六七八九十百]{1,4})\s*[、.．]
    )\s*""",
    re.X | re.I,
)


# "Q: What is X?" / "问：什么是 X？" / "Q. What is X?" without a number: the marker says it is
# a question.
QUESTION_MARK = re.compile(r"^\s*(?:q|question|问)\s*(?:[:：]|\.(?=\s))\s*", re.I)

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def visible(text: str) -> str:
    """``text`` without zero-width characters (pasted from web pages, invisible, but they would
    stop "1." from reading as a number)."""
    return text.translate(_ZERO_WIDTH)


def split_number(text: str) -> tuple[int | None, str, str]:
    """(number, kind, rest) of a heading or item text: kind is "question" for 第3题 / Q3,
    "number" for 3. / 3、, "zh-ordinal" for 一、 (a group marker in most files), "" for none."""
    text = visible(text)
    match = QUESTION_NUMBER.match(text)
    if not match:
        if (marked := QUESTION_MARK.match(text)) and text[marked.end() :].strip():
            return None, "question", text[marked.end() :].strip()  # "Q: q" says so itself
        return None, "", text.strip()
    rest = text[match.end() :].strip()
    if match.group("cn"):
        return chinese_number(match.group("cn")), "zh-ordinal", rest
    raw = match.group("zh") or match.group("q") or match.group("n") or match.group("d")
    number = int(raw) if raw.isdigit() else chinese_number(raw)
    # "第3题" / "Q3" / "题目3" say "question" themselves; "3." only counts.
    explicit = match.group("zh") or match.group("q")
    return number, "question" if explicit else "number", rest


_STARS = re.compile(r"\s*[(（]?\s*[⭐★☆]+\s*[)）]?\s*$")


def question_title(text: str) -> str:
    """A question's own words: no number, no difficulty stars, no surrounding bold."""
    _, _, rest = split_number(" ".join(text.split()))
    rest = _STARS.sub("", rest)
    return rest.strip("*_ ").strip()


# "<summary>查看答案</summary>": a fold that hides the answer, not a question.
_REVEAL = re.compile(
    r"^(?:点击|点我)?(?:查看|显示|展开|看)?(?:参考)?(?:答案|解析|答案与解析|答案解析|解答|详情|更多)$"
    r"|^(?:点击|点我)?(?:展开|查看)$|^(?:click to )?(?:expand|show more|more|details)$"
    r"|^(?:show|view|see|reveal|expand|toggle|click (?:here )?(?:for|to see))?\s*(?:the\s+)?"
    r"(?:answers?|solutions?)$"
)


# "第 1 题的答案", "问题 3 答案", "Q2 answer", "Answer to question 4": a fold naming its question.
_REVEAL_OF = re.compile(
    r"^(?:第\s*\d{1,4}\s*[题问]|(?:题目|问题|q|question)\s*\d{1,4})\s*(?:的)?\s*"
    r"|\s*(?:to|for|of)\s+(?:q|question)\s*\d{1,4}$"
)


def is_reveal_label(text: str) -> bool:
    words = _strip_decoration(normalize(visible(text)))
    if (named := _REVEAL_OF.sub("", words, count=1).strip()) and named != words:
        words = named
    return bool(_REVEAL.match(words.replace(" ", "") if has_cjk_text(words) else words))


def has_cjk_text(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# Words that ask or join, not what a heading is about.
_ZH_FILLER = re.compile(
    r"什么|为什么|为何|如何|怎么|怎样|哪些|哪个|是否|能否|有没有|区别|作用|原理|谈谈|说说|讲讲|"
    r"简述|介绍|解释|一下|以及|还有|它的|他的|我们|你们|的|是|和|与|吗|呢|了"
)
_EN_FILLER = frozenset(
    [
        "what",
        "why",
        "how",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "whose",
        "the",
        "and",
        "for",
        "are",
        "was",
        "were",
        "does",
        "did",
        "can",
        "could",
        "should",
        "would",
        "will",
        "have",
        "has",
        "you",
        "your",
        "with",
        "from",
        "that",
        "this",
        "these",
        "those",
        "into",
        "about",
        "explain",
        "describe",
        "define",
        "difference",
        "differences",
        "between",
        "use",
        "used",
        "using",
        "its",
        "their",
        "there",
    ]
)


def subject_terms(text: str) -> set[str]:
    """The words of a heading that say what it is about: Latin words of three letters or more
    and pairs of Chinese characters ("vue 打包优化": vue, 打包, 包优, 优化), without the words
    that ask or join ("什么", "how", "the")."""
    words = _ZH_FILLER.sub(" ", normalize(text).lower())
    found = set(re.findall(r"[a-z][a-z0-9]{2,}", words)) - _EN_FILLER
    for run in re.findall(r"[\u4e00-\u9fff]+", words):
        found.update(run[k : k + 2] for k in range(len(run) - 1))
    return found
