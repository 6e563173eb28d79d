"""Claims that contradict the standard answer: found, explained, and costly; fair answers untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoring.contradictions import Contrasts, find, ties
from scoring.suggest import builtin_glossary, suggest
from tests.conftest import fixture_references

FIXTURES = sorted(
    p.name for p in (Path(__file__).parents[2] / "fixtures" / "questions").glob("*.md")
)


def tie(*texts: str):
    return ties(texts, builtin_glossary(), None)


def test_a_swapped_alternative_is_caught_with_what_the_standard_answer_says():
    reference = tie("Prometheus 采用 pull 模型，定期抓取每个 target 的 /metrics。")
    (wrong,) = find("我记得 Prometheus 用的是 push 模型，应用主动把指标推过去。", reference)
    assert wrong.term == "prometheus"
    assert wrong.claim == "我记得 Prometheus 用的是 push 模型"
    assert "pull" in wrong.reference
    answer = "我记得 Prometheus 用的是 push 模型，应用主动把指标推过去。"
    assert answer[slice(*wrong.span)] == wrong.claim


def test_agreeing_comparing_or_unrelated_claims_are_not_contradictions():
    reference = tie("Prometheus 采用 pull 模型，定期抓取每个 target 的 /metrics。")
    assert find("Prometheus 是 pull 模型，target 挂了 up 就是 0。", reference) == []
    assert find("Prometheus 是 pull 而不是 push。", reference) == []  # names both: a comparison
    assert find("Pushgateway 让短任务 push 指标。", reference) == []  # the reference never ties it
    assert find("Prometheus uses a pull model and scrapes /metrics.", reference) == []
    assert find("Prometheus、push、Pushgateway、Alertmanager 我都用过。", reference) == []  # a list


def test_an_english_answer_is_checked_against_a_chinese_reference():
    reference = tie("控制平面是 istiod，负责下发配置。", "数据平面是 Envoy sidecar，负责转发流量。")
    (wrong,) = find("The control plane is Envoy, it generates the config.", reference)
    assert wrong.term == "envoy"
    assert find("The data plane is Envoy; the control plane is istiod.", reference) == []


def test_table_rows_and_tree_branches_keep_what_they_speak_of():
    table = tie(
        "类型 | 可聚合 | 说明\nHistogram | 是 | 分位数在服务端算\nSummary | 否 | 分位数在客户端算"
    )
    (wrong,) = find("Summary 的分位数在服务端算。", table)
    assert wrong.claim == "Summary 的分位数在服务端算"
    assert wrong.reference in (
        "Histogram | 是 | 分位数在服务端算",
        "Summary | 否 | 分位数在客户端算",
    )
    assert find("Summary 的分位数在客户端算。", table) == []
    tree = tie(
        "控制平面 istiod\n├─ Pilot：翻译 xDS 配置\n└─ CA：签发证书\n\n数据平面\n└─ Envoy：转发流量"
    )
    assert [w.term for w in find("数据平面是 Pilot。", tree)] == ["pilot"]
    assert find("Pilot 在控制平面里。", tree) == []


def test_asserting_what_the_standard_answer_denies_is_caught_but_agreeing_is_not():
    reference = tie("1. 所有 Pod 可以不通过 NAT 直接通信")
    (wrong,) = find("跨节点访问 Pod 必须经过 NAT 转换。", reference)
    assert wrong.term == "nat" and "不通过 NAT" in wrong.reference
    assert find("Pod 之间直接通信，没有 NAT。", reference) == []
    assert find("Pods talk directly to each other without NAT.", reference) == []


def test_contrasts_file_format():
    contrasts = Contrasts.parse("# comment\npull | 拉取 / push | 推送\nlonely | only one\n\n")
    assert contrasts.groups == ((frozenset({"pull", "拉取"}), frozenset({"push", "推送"})),)


@pytest.mark.parametrize("filename", FIXTURES)
def test_no_standard_answer_contradicts_itself(filename):
    reference = fixture_references(filename)
    for question in reference.topic.questions:
        assert find(question.answer_plain, reference(question.number).ties) == [], question.number


@pytest.fixture(scope="module")
def mesh():
    return fixture_references("service-mesh.md")(2)  # 2. Istio 架构拆解


RIGHT = (
    "Istio 现在控制平面就是一个 istiod，1.5 以后把 Pilot、Citadel、Galley 合成了一个进程："
    "Pilot 把 K8s Service 和 Istio CRD 翻译成 xDS 配置下发，CA 给工作负载签 SPIFFE 证书。"
    "数据平面是每个 Pod 里注入的 Envoy sidecar，真正转发流量，另外还有 Ingress/Egress Gateway。"
    "合并之后部署升级简单多了，代价是控制面成了单点，所以要多副本。"
)
WRONG = (
    "Istio 现在控制平面就是 Envoy，它把 K8s Service 和 Istio CRD 翻译成 xDS 配置下发，"
    "CA 给工作负载签 SPIFFE 证书。数据平面是每个 Pod 里注入的 Pilot sidecar，真正转发流量，"
    "另外还有 Ingress/Egress Gateway。合并之后部署升级简单多了，代价是控制面成了单点，所以要多副本。"
)


def test_a_fluent_answer_with_swapped_roles_scores_far_below_the_right_one(mesh):
    right, wrong = suggest(RIGHT, mesh), suggest(WRONG, mesh)
    assert right.contradictions == [] and "contradiction" not in " ".join(right.notes)
    assert len(wrong.contradictions) == 2 and "contradictions" in wrong.notes
    assert wrong.score <= 1 < 3 <= right.score
    claims = [c["claim"] for c in wrong.as_dict()["contradictions"]]
    assert claims == ["Istio 现在控制平面就是 Envoy", "数据平面是每个 Pod 里注入的 Pilot sidecar"]


def test_one_contradiction_costs_a_point(mesh):
    one = RIGHT.replace(
        "数据平面是每个 Pod 里注入的 Envoy sidecar", "数据平面是每个 Pod 里注入的 Pilot sidecar"
    )
    assert len(suggest(one, mesh).contradictions) == 1
    assert suggest(one, mesh).score <= suggest(RIGHT, mesh).score - 1
    assert "contradiction" in suggest(one, mesh).notes


def test_a_wrong_default_is_a_contradiction():
    reference = tie("Dubbo 的负载均衡默认是加权随机（random）。\n也可以配成轮询或一致性哈希。")
    (wrong,) = find("我记得默认用的是轮询。", reference)
    assert wrong.term == "默认" and "加权随机" in wrong.reference
    assert find("默认是加权随机。", reference) == []
    assert find("By default it picks a random provider, weighted.", reference) == []


def test_commas_inside_parentheses_do_not_cut_a_claim():
    from scoring.contradictions import units

    line = "consistenthash(一致性哈希,缓存亲和)和 adaptive(P2C),按需选"
    assert [clause for clause, _ in units(line)] == [
        "consistenthash(一致性哈希,缓存亲和)和 adaptive(P2C)",
        "按需选",
    ]


def test_one_contradiction_in_a_thin_answer_is_a_major_misconception(mesh):
    thin = suggest("Istio 的控制平面就是 Envoy，它负责把配置下发给每个 Pod。", mesh)
    assert len(thin.contradictions) == 1 and thin.coverage < 0.5
    assert thin.score <= 1
