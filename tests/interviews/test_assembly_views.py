"""Assembling a session: candidate or invitation, questions from the bank, order, time, templates."""

from __future__ import annotations

import pytest
from django.urls import reverse

from interviews.models import Interview, InterviewTemplate, Invitation
from questionbank.models import Question
from tests.conftest import client_for, make_interview, make_secret_topic

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def topic(db):
    return make_secret_topic()


def order(interview) -> list[int]:
    return list(interview.questions.order_by("position").values_list("question__number", flat=True))


def test_create_with_a_candidate_account(alice, carol, topic):
    response = client_for(alice).post(
        reverse("interviews:new"),
        {
            "title": "Kubernetes P7 loop",
            "candidate": carol.pk,
            "minutes": "15",
            "candidate_email": "",
        },
    )
    interview = Interview.objects.get()
    assert response["Location"] == reverse("interviews:edit", args=[interview.pk])
    assert (interview.owner, interview.candidate, interview.default_time_limit) == (
        alice,
        carol,
        900,
    )
    assert interview.status == Interview.Status.DRAFT


def test_create_with_an_email_gives_a_one_time_link(alice, topic):
    client_for(alice).post(
        reverse("interviews:new"),
        {"title": "Loop", "candidate_email": "new@example.com", "minutes": "10"},
    )
    invitation = Invitation.objects.get()
    assert invitation.email == "new@example.com" and invitation.is_usable
    body = (
        client_for(alice)
        .get(reverse("interviews:edit", args=[invitation.interview_id]))
        .content.decode()
    )
    assert invitation.get_absolute_url() in body


def test_the_form_says_what_is_wrong(alice, carol):
    response = client_for(alice).post(
        reverse("interviews:new"),
        {"title": "", "candidate": carol.pk, "candidate_email": "x@example.com", "minutes": "0"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and not Interview.objects.exists()
    assert "This field is required." in body
    assert "Choose an account or invite by email, not both." in body
    assert "Ensure this value is greater than or equal to 1." in body


def test_add_remove_reorder_and_time(alice, carol, topic):
    interview = make_interview(alice, carol, questions=0)
    client = client_for(alice)
    for number in (1, 2, 3):
        question = topic.questions.get(number=number)
        response = client.post(
            reverse("interviews:add_question", args=[interview.pk]),
            {"question": question.pk},
            headers=HTMX,
        )
        assert response.status_code == 200 and 'id="question-list"' in response.content.decode()
    assert order(interview) == [1, 2, 3]
    client.post(reverse("interviews:add_question", args=[interview.pk]), {"question": question.pk})
    assert order(interview) == [1, 2, 3]  # adding twice keeps one

    third = interview.questions.get(position=2)
    client.post(
        reverse("interviews:move_question", args=[interview.pk, third.pk]), {"direction": "up"}
    )
    assert order(interview) == [1, 3, 2]
    ids = list(interview.questions.order_by("-position").values_list("pk", flat=True))
    client.post(reverse("interviews:reorder", args=[interview.pk]), {"item": ids})
    assert order(interview) == [2, 3, 1]

    first = interview.questions.get(position=0)
    client.post(reverse("interviews:set_time", args=[interview.pk, first.pk]), {"minutes": "7.5"})
    first.refresh_from_db()
    assert first.time_limit == 450
    client.post(reverse("interviews:remove_question", args=[interview.pk, first.pk]))
    assert order(interview) == [3, 1]
    assert list(interview.questions.values_list("position", flat=True).order_by("position")) == [
        0,
        1,
    ]


def test_a_reorder_must_name_every_question_once(alice, carol, topic):
    interview = make_interview(alice, carol)
    first = interview.questions.get(position=0)
    response = client_for(alice).post(
        reverse("interviews:reorder", args=[interview.pk]),
        {"item": [first.pk, first.pk]},
        headers=HTMX,
    )
    assert "each question of the session once" in response.content.decode()
    assert order(interview) == [1, 2, 3]


def test_archived_and_unknown_questions_cannot_be_added(alice, carol, topic):
    interview = make_interview(alice, carol, questions=0)
    question = topic.questions.get(number=1)
    Question.objects.filter(pk=question.pk).update(archived=True)
    for value in (question.pk, "nope", 999999):
        response = client_for(alice).post(
            reverse("interviews:add_question", args=[interview.pk]),
            {"question": value},
            headers=HTMX,
        )
        assert "That question is not in the bank." in response.content.decode()
    assert not interview.questions.exists()


def test_the_bank_panel_searches_and_lists_a_topic(alice, carol, topic):
    interview = make_interview(alice, carol, questions=1)
    url = reverse("interviews:bank", args=[interview.pk])
    by_topic = client_for(alice).get(url, {"topic": "secrets"}, headers=HTMX).content.decode()
    assert "第二题是什么？" in by_topic and "✓ added" in by_topic  # question 1 is already in
    searched = client_for(alice).get(url, {"q": "第三题"}, headers=HTMX).content.decode()
    assert "第三题是什么？" in searched and "第二题" not in searched
    # Without JavaScript the search button loads the whole page: its details form is kept.
    page = client_for(alice).get(url, {"q": "第三题"}).content.decode()
    assert "第三题是什么？" in page and 'id="id_title"' in page


def test_questions_are_fixed_once_started(alice, carol, topic):
    interview = make_interview(alice, carol, start=True)
    first = interview.questions.get(position=0)
    response = client_for(alice).post(
        reverse("interviews:remove_question", args=[interview.pk, first.pk]), follow=True
    )
    assert "its questions are fixed" in response.content.decode()
    assert interview.questions.count() == 3
    assert client_for(alice).get(reverse("interviews:edit", args=[interview.pk]))[
        "Location"
    ] == reverse("interviews:detail", args=[interview.pk])


def test_save_as_template_and_start_from_it(alice, carol, topic):
    interview = make_interview(alice, carol)
    first = interview.questions.get(position=0)
    client_for(alice).post(
        reverse("interviews:set_time", args=[interview.pk, first.pk]), {"minutes": "3"}
    )
    client_for(alice).post(
        reverse("interviews:save_template", args=[interview.pk]), {"title": "Kubernetes P7 loop"}
    )
    template = InterviewTemplate.objects.get()
    assert template.title == "Kubernetes P7 loop" and template.items.count() == 3

    client_for(alice).post(
        reverse("interviews:new") + f"?template={template.pk}",
        {"title": "From template", "minutes": "5", "template": template.pk},
    )
    copy = Interview.objects.get(title="From template")
    assert order(copy) == [1, 2, 3]
    assert copy.questions.get(position=0).time_limit == 180


def test_other_interviewers_templates_are_not_usable(alice, bob, carol, topic):
    template = InterviewTemplate.objects.create(owner=alice, title="Mine", default_time_limit=60)
    assert (
        client_for(bob).get(reverse("interviews:new") + f"?template={template.pk}").status_code
        == 404
    )


def test_schedule_needs_a_time_and_a_candidate(alice, carol, topic):
    interview = make_interview(alice, None)
    response = client_for(alice).post(
        reverse("interviews:schedule", args=[interview.pk]), follow=True
    )
    assert "Set a date and time first" in response.content.decode()
    Interview.objects.filter(pk=interview.pk).update(scheduled_at="2099-12-01T10:00:00Z")
    response = client_for(alice).post(
        reverse("interviews:schedule", args=[interview.pk]), follow=True
    )
    assert "Choose a candidate or invite one by email first." in response.content.decode()
    Interview.objects.filter(pk=interview.pk).update(candidate=carol)
    client_for(alice).post(reverse("interviews:schedule", args=[interview.pk]))
    interview.refresh_from_db()
    assert interview.status == Interview.Status.SCHEDULED


def test_deleting_a_draft_asks_first(alice, carol, topic):
    interview = make_interview(alice, carol)
    page = client_for(alice).get(reverse("interviews:delete", args=[interview.pk]))
    assert "Delete this draft?" in page.content.decode()
    assert Interview.objects.filter(pk=interview.pk).exists()
    client_for(alice).post(reverse("interviews:delete", args=[interview.pk]))
    assert not Interview.objects.filter(pk=interview.pk).exists()


def test_saving_details_or_deleting_a_stale_draft_never_undoes_a_start(alice, carol, topic):
    from interviews import assembly, live
    from interviews.live import InvalidTransition

    interview = make_interview(alice, carol)
    stale = Interview.objects.get(pk=interview.pk)  # the edit page read it as a draft
    live.bump(interview, candidate=True)  # a change the stale copy has not seen
    stale.title = "Renamed"
    assembly.update_details(stale)
    interview.refresh_from_db()
    assert interview.title == "Renamed" and interview.version == stale.version + 1

    live.start(interview)  # then it starts while the page is still open
    with pytest.raises(InvalidTransition):
        assembly.update_details(stale)
    with pytest.raises(InvalidTransition):
        assembly.delete_draft(stale)
    interview.refresh_from_db()
    assert interview.status == Interview.Status.LIVE and interview.title == "Renamed"


def test_cancel_asks_first_and_keeps_everything(alice, carol, topic):
    interview = make_interview(alice, carol, start=True)
    assert (
        "Cancel this interview?"
        in client_for(alice).get(reverse("interviews:cancel", args=[interview.pk])).content.decode()
    )
    client_for(alice).post(reverse("interviews:cancel", args=[interview.pk]))
    interview.refresh_from_db()
    assert interview.status == Interview.Status.CANCELLED and interview.questions.count() == 3
    body = client_for(carol).get(reverse("interviews:take", args=[interview.pk])).content.decode()
    assert "This interview was cancelled" in body


def test_index_groups_sessions_and_shows_only_mine(alice, bob, carol, topic):
    make_interview(alice, carol, title="Alice draft")
    make_interview(alice, carol, start=True, title="Alice running")
    make_interview(bob, carol, title="Bob draft")
    body = client_for(alice).get(reverse("interviews:index")).content.decode()
    assert "Alice draft" in body and "Alice running" in body and "Bob draft" not in body
    assert body.index("Running now") < body.index("Drafts")


@pytest.mark.cache
@pytest.mark.parametrize("size", [3, 30])
def test_assembly_pages_run_a_fixed_number_of_queries(
    alice, carol, size, django_assert_num_queries
):
    from interviews import assembly
    from tests.conftest import make_topic

    topic = make_topic(slug=f"n{size}", questions=size)
    interview = assembly.create_interview(
        owner=alice, title="t", candidate=carol, default_time_limit=60
    )
    for question in topic.questions.all():
        assembly.add_question(interview, question)
    client = client_for(alice)
    client.get(reverse("interviews:index"))
    with django_assert_num_queries(3):
        index = client.get(reverse("interviews:index"))
    with django_assert_num_queries(7):  # the panel's seats: one more
        edit = client.get(reverse("interviews:edit", args=[interview.pk]))
    assert index.status_code == 200 and edit.status_code == 200
    assert reverse("interviews:detail", args=[interview.pk]) in index.content.decode()
    last = interview.questions.order_by("position").last()
    assert last.question.text in edit.content.decode()


@pytest.mark.parametrize("minutes", ["inf", "-inf", "1e400", "nan", "five"])
def test_a_time_that_is_not_a_number_is_refused_with_a_message(alice, minutes):
    interview = make_interview(alice)
    first = interview.questions.get(position=0)
    response = client_for(alice).post(
        reverse("interviews:set_time", args=[interview.pk, first.pk]),
        {"minutes": minutes},
        follow=True,
    )
    assert response.status_code == 200 and "Give the time in minutes" in response.content.decode()
    first.refresh_from_db()
    assert first.time_limit == 300


def test_a_question_of_an_archived_topic_cannot_be_added_and_says_so(alice):
    interview = make_interview(alice, questions=0)
    archived = make_secret_topic(slug="old")
    archived.archived = True
    archived.save()
    question = archived.questions.get(number=1)
    response = client_for(alice).post(
        reverse("interviews:add_question", args=[interview.pk]),
        {"question": question.pk},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "That question is not in the bank." in response.content.decode()
    assert not interview.questions.exists()
    assert response["X-Refused"] == "1"  # so the bank's button is not marked "added"


def test_deleting_a_template_asks_first_and_keeps_sessions_started_from_it(alice):
    from interviews import assembly

    interview = make_interview(alice)
    template = assembly.save_as_template(interview, title="K8s loop", owner=alice)
    url = reverse("interviews:delete_template", args=[template.pk])
    page = client_for(alice).get(url).content.decode()
    assert "Delete the template “K8s loop”?" in page and InterviewTemplate.objects.exists()
    response = client_for(alice).post(url)
    assert response["Location"] == reverse("interviews:index")
    assert not InterviewTemplate.objects.exists() and interview.questions.count() == 3


def test_the_session_link_leads_to_what_the_session_needs_now(alice, carol):
    from decimal import Decimal

    from interviews import live

    interview = make_interview(alice, carol)
    url = reverse("interviews:detail", args=[interview.pk])
    client = client_for(alice)
    assert client.get(url)["Location"] == reverse("interviews:edit", args=[interview.pk])
    live.start(interview)
    assert client.get(url)["Location"] == reverse("interviews:live", args=[interview.pk])
    live.set_score(interview.questions.get(position=0), Decimal("3"), revision=0, user=alice)
    live.finish(interview, recommendation="yes", summary="ok")
    assert client.get(url)["Location"] == reverse("interviews:report", args=[interview.pk])
