"""The objects every persona is probed against: the access table's fixture and
bench/probe_review.py build the same world with this."""

from __future__ import annotations

from decimal import Decimal

from interviews import assembly, live, panel, practice
from interviews.answers import save_answer
from interviews.models import BonusAward, Interview, InterviewTemplate, RevokedShareLink, new_token
from interviews.sharing import token_hash
from questionbank.models import BonusPoint, Question, Revision
from tests.conftest import SECRET_NOTE, make_interview, make_panel, make_topic


def build_world(users: dict) -> dict:
    """``users`` maps the personas (anonymous, carol, mallory, alice, bob, cora, root) to users."""
    alice, carol = users["alice"], users["carol"]
    make_topic(slug="bank-demo", questions=1)
    draft = make_interview(alice, carol, title="Draft")
    other_draft = make_interview(alice, carol, title="Other draft")
    running = make_interview(alice, carol, start=True, title="Running")
    first = running.questions.get(position=0)
    live.set_score(first, Decimal("4.5"), revision=first.score_revision, user=alice)
    live.save_notes(first, SECRET_NOTE, revision=0)
    point = BonusPoint.objects.get(category__topic__slug="secrets")
    award = BonusAward.objects.create(
        interview=running, bonus_point=point, text=point.text, awarded_by=alice
    )
    done = make_interview(alice, carol, start=True, title="Done")
    for item in done.questions.all():
        live.set_not_asked(item, True)
    live.finish(done, recommendation="yes", summary="ok")
    Interview.objects.filter(pk=done.pk).update(share_token="tok-" + new_token())
    done.refresh_from_db()
    RevokedShareLink.objects.create(interview=done, token_hash=token_hash("tok-revoked"))
    other_done = make_interview(alice, carol, start=True, title="Other done")
    live.cancel(other_done)
    # An invitation waits for a candidate: its interview has none yet.
    invited = make_interview(alice, None, title="Invited")
    invitation = assembly.invite(invited, email="new@example.com", by=alice)
    # A panel before the start: alice leads, bob has joined, one seat waits for its interviewer.
    panel_draft = make_interview(alice, carol, title="Panel draft")
    panel.join(panel.add_member(panel_draft, email="bob@example.com", by=alice), users["bob"])
    open_seat = panel.add_member(panel_draft, email="seat@example.com", by=alice)
    template = InterviewTemplate.objects.create(owner=alice, title="Tpl", default_time_limit=300)
    questions = list(Question.objects.filter(topic__slug="secrets").order_by("number"))
    mock = practice.start_practice(carol, questions, seconds_per_question=300, title="Mock")
    done_mock = practice.start_practice(
        carol, questions, seconds_per_question=300, title="Done mock"
    )
    save_answer(done_mock.questions.get(position=0), text="调度器预选", base=0, client="t", seq=1)
    practice.finish_early(done_mock)
    # A panel that has ended: alice leads and has submitted, bob sits on it and has not.
    ended_panel = make_panel(alice, carol, [users["bob"]], title="Panel")
    live.finish(ended_panel, recommendation="", summary="")
    panel_item = ended_panel.questions.get(position=0)
    for seat in ended_panel.panel.all():
        panel.set_score(seat, panel_item, Decimal(3), revision=0)
        if seat.is_lead:
            panel.submit(seat, recommendation="yes", summary="ok")
    return {
        "users": users,
        "panel": ended_panel.pk,
        "panel_item": panel_item.pk,
        "draft": draft.pk,
        "other_draft": other_draft.pk,
        "draft_item": draft.questions.get(position=0).pk,
        "live": running.pk,
        "live_item": first.pk,
        "award": award.pk,
        "bonus_point": point.pk,
        "done": done.pk,
        "other_done": other_done.pk,
        "share_token": done.share_token,
        "revoked_token": "tok-revoked",
        "invite_token": invitation.token,
        "panel_draft": panel_draft.pk,
        "panel_seat": open_seat.pk,
        "panel_token": open_seat.token,
        "template": template.pk,
        "q1": draft.questions.get(position=0).question_id,
        "mock": mock.pk,
        "mock_item": mock.questions.get(position=0).pk,
        "done_mock": done_mock.pk,
        "done_mock_item": done_mock.questions.get(position=0).pk,
        "revision": Revision.objects.get(question__topic__slug="secrets", question__number=1).pk,
        "alice_id": alice.pk,
    }
