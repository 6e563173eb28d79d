from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.roles import CANDIDATES, CURATORS, INTERVIEWERS
from interviews import assembly
from interviews.models import Interview, InterviewTemplate
from questionbank.importing import import_sources, read_paths
from questionbank.models import Question

FIXTURES = settings.BASE_DIR / "fixtures" / "questions"

# Demo accounts: (username, password, role, full name, staff). Printed by `make run`.
DEMO_USERS = [
    ("cora", "cora-demo-2026", CURATORS, "Cora Curator", True),
    ("alice", "alice-demo-2026", INTERVIEWERS, "Alice Interviewer", False),
    ("carol", "carol-demo-2026", CANDIDATES, "Carol Candidate", False),
]


class Command(BaseCommand):
    help = "Load the demo topics and accounts. Safe to run again: it only fills in what is missing."

    def handle(self, *args, **options):
        sources, failures = read_paths([str(FIXTURES)])
        with transaction.atomic():
            report = import_sources(sources, parse_unchanged=False, failures=failures)
            if not report.ok:
                problems = "; ".join(
                    f"{f.path}: {e}" for f in report.files for e in f.result.errors
                )
                raise CommandError(f"the demo topics did not import: {problems}")
            users = self.create_users()
            demo_interview = self.create_demo_interview()
        for file_report in report.files:
            s = file_report.summary
            self.stdout.write(
                f"  {file_report.path.rsplit('/', 1)[-1]}: {s.created} created, "
                f"{s.updated} updated, {s.unchanged} unchanged"
            )
        self.stdout.write(self.style.SUCCESS("\nDemo accounts (username / password):"))
        for username, password, role, _name, _staff in users:
            self.stdout.write(f"  {role[:-1]:<12} {username:<8} {password}")
        if demo_interview is not None:
            self.stdout.write(
                f"\nalice has a scheduled interview with carol, {demo_interview.title!r}, "
                "and a template to start others from."
            )
        self.stdout.write("")

    def create_demo_interview(self):
        """A scheduled session (and its template) for alice and carol, so both start pages have
        something to open. Made once: a later run leaves alice's interviews alone."""
        alice = get_user_model().objects.get(username="alice")
        if (
            Interview.objects.filter(owner=alice).exists()
            or InterviewTemplate.objects.filter(owner=alice).exists()
        ):
            return None
        carol = get_user_model().objects.get(username="carol")
        interview = assembly.create_interview(
            owner=alice, title="Kubernetes 一面 (demo)", candidate=carol, default_time_limit=600
        )
        picks = [("kubernetes", 1), ("kubernetes", 2), ("kubernetes", 5), ("service-mesh", 1)]
        for slug, number in picks:
            question = Question.objects.filter(topic__slug=slug, number=number).first()
            if question is not None:
                assembly.add_question(interview, question)
        assembly.save_as_template(interview, title="Kubernetes P7 loop", owner=alice)
        tomorrow = timezone.localtime() + timedelta(days=1)
        return assembly.schedule(
            interview, at=tomorrow.replace(hour=10, minute=0, second=0, microsecond=0)
        )

    def create_users(self):
        User = get_user_model()
        for username, password, role, name, staff in DEMO_USERS:
            user, _ = User.objects.get_or_create(username=username)
            first, _, last = name.partition(" ")
            user.first_name, user.last_name = first, last
            user.email = f"{username}@example.com"
            user.is_staff = staff
            user.set_password(password)  # demo accounts always have the printed password
            user.save()
            user.groups.add(Group.objects.get(name=role))
        return DEMO_USERS
