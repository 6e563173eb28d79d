"""Answer scoring: the behaviours an interviewer relies on, pinned without exact numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.suggest import (
    Glossary,
    builtin_glossary,
    prepare,
    suggest,
    suggest_bonus,
)
from tests.conftest import fixture_references


@pytest.fixture(scope="module")
def k8s():
    return fixture_references("kubernetes.md")


ARCHITECTURE_FULL = (
    "控制平面里 API Server 是所有请求的入口，负责认证、授权和准入控制；etcd 保存整个集群的状态，"
    "其他组件通过 watch 感知变化；Scheduler 决定 Pod 调度到哪个节点；Controller Manager 里的各种控制器"
    "不断把实际状态调整到期望状态。每个节点上 kubelet 负责 Pod 的生命周期并上报节点状态，kube-proxy "
    "维护 iptables 或 ipvs 规则来实现 Service 的负载均衡。etcd 是单点风险，所以生产上要三副本，但写多了会慢。"
)


def test_empty_and_whitespace_answers_score_zero(k8s):
    for answer in ("", "   \n\t", "不知道", "I don't know"):
        suggestion = suggest(answer, k8s(2))
        assert suggestion.score == 0 and suggestion.coverage == 0
        assert suggestion.notes == ["empty"]
        assert suggestion.missing == [kp.text for kp in k8s(2).key_points]


def test_repeating_the_question_scores_as_empty(k8s):
    for answer in ("Kubernetes 的核心架构有哪些组件？", "kubernetes 核心架构的组件有哪些呢"):
        suggestion = suggest(answer, k8s(2))
        assert suggestion.score == 0 and suggestion.notes == ["echo"]


def test_a_full_explanation_scores_high_with_evidence(k8s):
    suggestion = suggest(ARCHITECTURE_FULL, k8s(2))
    assert suggestion.score >= 4.5
    assert suggestion.missing == []
    evidence = {item.key_point: item.evidence for item in suggestion.covered}
    assert "etcd 保存整个集群的状态" in evidence["etcd"]
    kubelet = next(item for item in suggestion.key_points if item.key_point == "kubelet")
    start, end = kubelet.span
    assert "kubelet" in ARCHITECTURE_FULL[start:end]


def test_partial_answers_score_in_between(k8s):
    half = "API Server 是入口，负责认证授权；etcd 存储集群状态；调度器决定 Pod 放到哪个节点上运行。"
    full = suggest(ARCHITECTURE_FULL, k8s(2)).score
    partial = suggest(half, k8s(2))
    assert 2 <= partial.score <= 3.5 < full
    assert set(partial.missing) == {"Controller Manager", "kubelet", "kube-proxy"}


def test_a_bare_keyword_list_scores_clearly_below_an_explanation(k8s):
    stuffed = suggest(
        "API Server、etcd、Scheduler、Controller Manager、kubelet、kube-proxy", k8s(2)
    )
    explained = suggest(ARCHITECTURE_FULL, k8s(2))
    assert stuffed.coverage > 0.9  # every point is named...
    assert "keywords_only" in stuffed.notes  # ...but none is explained
    assert stuffed.score <= explained.score - 2


def test_a_short_list_of_the_right_terms_is_a_keyword_list_too(k8s):
    # Three or four terms and not a word of explanation: too few for the long-list rule, still
    # nothing but names.
    for listed in ("etcd、kubelet、kube-proxy", "etcd、kubelet、kube-proxy、Scheduler"):
        suggestion = suggest(listed, k8s(2))
        assert suggestion.coverage > 0.4, listed
        assert "keywords_only" in suggestion.notes and suggestion.score <= 1, listed


def test_an_answer_to_a_different_question_scores_low(k8s):
    about_storage = (
        "存储卷有很多种：emptyDir 是临时目录，Pod 删除数据就没了；hostPath 挂载宿主机目录；"
        "生产上数据库一般用 PVC 申请持久化存储，由 StorageClass 动态创建 PV，回收策略可以设成 Retain。"
    )
    assert suggest(about_storage, k8s(7)).score >= 3
    assert suggest(about_storage, k8s(8)).score <= 1


def test_long_filler_without_content_scores_low(k8s):
    filler = (
        "这个问题非常好，也是我在工作中经常思考的问题。我觉得要从多个角度来看，首先要理解业务，"
        "其次要和团队充分沟通，最后要不断学习、不断总结经验。总之技术是为业务服务的，"
        "我们要保持开放的心态，持续优化，做好每一件事情，这样才能把系统做好。" * 2
    )
    assert suggest(filler, k8s(8)).score <= 1


def test_synonyms_and_abbreviations_count(k8s):
    reference = prepare(
        [("自动扩缩容(HPA)", 1), ("服务发现和负载均衡", 1)], question="为什么需要 Kubernetes？"
    )
    for answer in (
        "它可以用 Horizontal Pod Autoscaler 按 CPU 自动加减副本，Service 提供 service discovery 和 load balancing。",
        "可以通过 HPA 弹性伸缩副本数，并且内置服务注册发现以及 LB。",
    ):
        suggestion = suggest(answer, reference)
        assert suggestion.missing == [], (answer, suggestion.key_points)


def test_an_english_answer_to_a_chinese_question_is_not_near_zero(k8s):
    english = (
        "First the pod is created and the API server writes it to etcd. The scheduler watches for "
        "unscheduled pods, filters out nodes that do not fit (predicates: resources, node selector, "
        "affinity, taints) and then scores the rest (priorities), picks the highest score and binds the "
        "pod to that node. Finally the kubelet on that node sees the binding and starts the containers."
    )
    chinese = (
        "Pod 创建后 API Server 写入 etcd，Scheduler 监听到未调度的 Pod，先预选过滤掉资源不够、"
        "不满足亲和性或污点的节点，再优选打分，选得分最高的节点并绑定，最后 kubelet 发现后启动容器。"
    )
    english_score = suggest(english, k8s(8))
    assert english_score.score >= 3
    assert "cross_language" in english_score.notes
    assert abs(english_score.score - suggest(chinese, k8s(8)).score) <= 1


def test_typos_in_terms_are_forgiven(k8s):
    clean = "节点上 kubelet 管理 Pod，kube-proxy 维护转发规则，Scheduler 负责调度，etcd 存储状态。"
    typos = "节点上 kubelete 管理 Pod，kube proxy 维护转发规则，Schedular 负责调度，etcd 存储状态。"
    assert suggest(typos, k8s(2)).score == suggest(clean, k8s(2)).score
    reference = prepare([("负载均衡策略", 1)])
    assert suggest("kube-proxy 通过 iptables 做负载均恒", reference).covered


def test_another_form_of_a_five_letter_word_covers_it_as_fully_as_the_word():
    # "parse"/"parsing", "route"/"routing": three letters apart, too far for a typo, so only
    # the stem matches them; five letters is the shortest word stemmed.
    for point, answer in (
        ("Parse the token", "Parsing the token comes first."),
        ("Route by header", "Routing happens by the header."),
    ):
        result = suggest(answer, prepare([(point, 1.0)], question="How?")).key_points[0]
        assert result.coverage == 1.0, (point, answer)


def test_common_words_matter_less_than_rare_ones(k8s):
    reference = k8s(2)
    stats = k8s.stats
    assert stats.idf(["kubernetes"]) < stats.idf(["kube-proxy"])
    assert all(c.weight > 0 for kp in reference.key_points for c in kp.concepts)


def test_weights_of_key_points_count():
    reference = prepare([("预选过滤节点", 3), ("绑定节点", 1)])
    heavy = suggest("调度器先预选，把不满足条件的节点过滤掉。", reference)
    light = suggest("调度器最后会把 Pod 绑定到节点上。", reference)
    assert heavy.coverage > light.coverage


def test_repeated_calls_reuse_the_prepared_reference(k8s):
    key_points = [(kp.text, kp.weight) for kp in k8s.topic.questions[1].key_points]
    first = prepare(key_points, question="q")
    assert prepare(key_points, question="q") is first


def test_curators_can_extend_the_glossary():
    reference = prepare([("滚动更新", 1)])
    assert not suggest("我们用 rollout 慢慢替换", reference).covered
    glossary = builtin_glossary("滚动更新 | rollout")
    extended = prepare([("滚动更新", 1)], glossary=glossary)
    assert suggest("我们用 rollout 慢慢替换旧版本", extended).covered


def test_glossary_parsing_merges_groups():
    glossary = Glossary.parse("a | b\n# comment\nb | c\n\n")
    assert glossary.names_of["a"] == {"a", "b", "c"}


def test_suggestion_as_dict_follows_the_grade_contract(k8s):
    data = suggest(ARCHITECTURE_FULL, k8s(2)).as_dict()
    assert set(data) >= {"score", "max", "coverage", "covered", "missing"}
    assert data["max"] == 5 and 0 <= data["coverage"] <= 1
    assert all(set(item) == {"key_point", "evidence"} for item in data["covered"])
    assert data["score"] * 2 == int(data["score"] * 2)


def test_bonus_hints(k8s):
    bonus = [item for category in k8s.topic.bonus for item in category.items]
    answers = [
        "我们之前自己写过一个 Operator，用自定义 Controller 管理中间件。",
        "监控方面用 Prometheus 加 Grafana 监控 Kubernetes 集群和业务指标。",
    ]
    hints = suggest_bonus(answers, bonus, stats=k8s.stats)
    touched = {hint.bonus_point for hint in hints}
    assert "实现过自定义 Controller 和 Operator" in touched
    assert "使用过 Prometheus + Grafana 监控 Kubernetes" in touched
    assert "使用 Spot 实例降低成本" not in touched
    assert all(hint.evidence for hint in hints)


DETERMINISM_SCRIPT = """
import json, sys
from pathlib import Path
from scoring.suggest import TermStats, prepare, suggest
from questionbank.parsing import parse_topic
rows = [json.loads(line) for line in Path("tests/data/grading_eval.jsonl").read_text().splitlines()]
topic = parse_topic(Path("fixtures/questions/service-mesh.md").read_bytes(), filename="m.md").topic
stats = TermStats.build(f"{q.text}\\n{q.answer_plain}" for q in topic.questions)
out = []
for row in rows:
    if row["topic"] != "service-mesh" or row["split"] != "train":
        continue
    q = topic.questions[row["question"] - 1]
    kps = [(kp.text, kp.weight) for kp in q.key_points]
    ref = prepare(kps, question=q.text, answer=q.answer_plain,
                    title=q.answer_title, stats=stats)
    out.append(suggest(row["answer"], ref).as_dict())
print(json.dumps(out, ensure_ascii=False))
"""


def test_every_process_suggests_the_same_for_the_same_answer():
    """Gunicorn workers hash strings differently: a suggestion must not depend on set order."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    outputs = {
        subprocess.run(
            [sys.executable, "-c", DETERMINISM_SCRIPT],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1 and '"score"' in outputs.pop()


def test_a_long_list_of_terms_is_a_keyword_list_even_with_verbs_in_it(k8s):
    listed = "API Server、etcd、Scheduler 调度、Controller Manager、kubelet 上报、kube-proxy 转发、iptables、ipvs、watch 机制"
    suggestion = suggest(listed, k8s(2))
    assert "keywords_only" in suggestion.notes and suggestion.score <= 2
    prose = (
        "Protobuf 性能最好体积最小，跨语言，但是要写 proto 文件；JSON 可读性好，但是慢，体积也大。"
    )
    assert "keywords_only" not in suggest(prose, k8s(2)).notes
    assert suggestion.score <= suggest(ARCHITECTURE_FULL, k8s(2)).score - 2


def test_a_chinese_answer_to_an_english_question_is_judged_on_what_it_says():
    logging = fixture_references("observability.md")(6)  # 6. Structured Logging
    answer = (
        "日志要结构化，每行一个 JSON 对象输出到 stdout，堆栈放在一个字段里而不是多行。字段名要统一，"
        "timestamp 用 UTC，带上 level、service.name、trace_id 和 span_id，方便按字段过滤和关联链路。"
        "ERROR 需要人处理，WARN 是降级但已处理，生产环境关闭 DEBUG；不要打印密钥和个人数据，"
        "重复日志要采样，热点循环里不要打日志。"
    )
    suggestion = suggest(answer, logging)
    assert "cross_language" in suggestion.notes
    assert suggestion.score >= 2, suggestion.key_points  # not near zero: it covers the points
    filler = "日志非常重要，我们团队一直很重视，大家要多沟通、多学习，把这件事做好。"
    assert suggest(filler, logging).score <= suggestion.score - 2


def test_everyday_words_are_translated_for_an_answer_in_the_other_language():
    reference = prepare([("生产环境要关闭，字段要结构化", 1)])
    english = "In production it is disabled, and every field is structured."
    suggestion = suggest(english, reference)
    assert "cross_language" in suggestion.notes and suggestion.covered, suggestion.key_points
    assert not suggest("It is a good question, we discussed it a lot.", reference).covered


def test_a_chinese_answer_to_an_english_standard_answer_is_judged_on_what_translates():
    # Issue 10: everyday English words ("sends", "hears", "asks") are not names a Chinese
    # answer writes in English, so they are not held against it.
    points = [
        (
            "Every node sends heartbeats; a node that hears none for a while votes for itself "
            "and asks the other nodes for votes",
            1.0,
        )
    ]
    right = suggest(
        "节点之间定期发心跳，一段时间没收到心跳的节点就给自己投票，并向其他节点拉票", points
    )
    assert "cross_language" in right.notes and right.score >= 4
    assert suggest("这个不太清楚", points).score == 0


@pytest.mark.parametrize(
    "answer",
    [
        "Ingress 没用过，不太了解。我们一般都是直接用 NodePort",  # issue 10: graded 0, scored 2.5
        "I haven't worked with Ingress, we always used NodePort services, so I can't really say.",
        "Ingress 是什么呢，它和 NodePort、LoadBalancer 有区别，区别就是它们不一样。",
    ],
)
def test_answers_that_know_nothing_score_zero_in_either_language(k8s, answer):
    assert suggest(answer, k8s(9)).score == 0


def test_an_answer_that_says_what_ingress_does_is_not_taken_for_an_echo(k8s):
    right = (
        "Ingress 是集群的入口，支持 7 层路由，按域名和路径转发到多个 Service；NodePort 在每个"
        "节点开端口，简单但端口难管理；LoadBalancer 依赖云厂商，每个服务一个负载均衡器，成本高。"
    )
    assert suggest(right, k8s(9)).score >= 3
    # Saying it does not know everything, then explaining, is still an answer.
    assert suggest("细节我不太清楚，不过大概是：" + right, k8s(9)).score >= 3


def test_an_answer_in_pinyin_is_matched_as_chinese():
    # Issue 10: a right answer in pinyin scored 0.
    points = [("记录锁：锁索引上的一条记录", 1.0), ("间隙锁：锁两条记录之间的间隙，阻止插入", 1.0)]
    pinyin = "ji lu suo jiu shi suo yi tiao suo yin ji lu; jian xi suo suo liang tiao ji lu zhi jian de jian xi, zu zhi cha ru"
    english = (
        "A record lock locks one index record and a gap lock locks the gap between two records"
    )
    assert suggest(pinyin, points).score >= 3
    assert "cross_language" not in suggest(pinyin, points).notes
    assert "cross_language" in suggest(english, points).notes  # English is not taken for pinyin


def test_naming_both_columns_of_a_comparison_is_not_knowing_the_comparison():
    # Issue 10: the table's column headers (dubbo 协议 / Triple / gRPC) were the key points, so
    # any answer naming the frameworks scored 4.5, a confidently wrong one too.
    rpc = fixture_references("rpc.md")
    wrong = (
        "Dubbo 是 Google 开源的，基于 HTTP/1.1 和 JSON，gRPC 是阿里开源的，用 TCP 私有协议和 Hessian "
        "序列化，新项目就选 Dubbo。"
    )
    right = (
        "Triple 是 Dubbo 3 基于 HTTP/2 的协议，兼容 gRPC，可以直接和 gRPC 服务互通；dubbo 协议是 TCP "
        "私有协议，性能好但不跨语言。新项目如果是纯 Java 且要服务治理选 Dubbo（Triple），多语言、"
        "云原生网关场景选 gRPC。"
    )
    assert suggest(wrong, rpc(8)).score <= 1.5
    assert suggest(right, rpc(8)).score >= suggest(wrong, rpc(8)).score + 1.5


def test_a_key_point_under_half_covered_is_neither_covered_nor_ticked():
    eleven = "etcd、kubelet、kube-proxy、Scheduler、Ingress、CoreDNS、Calico、Helm、Prometheus、Grafana、Istio"
    ref = prepare([(eleven, 1.0), ("Redis 做缓存", 1.0)], question="组件有哪些？")
    five = suggest("etcd、kubelet、kube-proxy、Scheduler 和 Ingress 是组件", ref)
    result = five.key_points[0]
    assert 0.4 < result.coverage < 0.5  # 5 of 11 named
    assert not result.covered and result.key_point in five.missing
    assert five.covered == []
    six = suggest("etcd、kubelet、kube-proxy、Scheduler、Ingress 和 CoreDNS 是组件", ref)
    assert six.key_points[0].covered  # one more, past half: covered


def test_two_words_of_the_question_and_nothing_else_are_an_echo(k8s):
    suggestion = suggest("核心架构", k8s(2))  # two words, both the question's own
    assert suggestion.score == 0 and suggestion.notes == ["echo"]
