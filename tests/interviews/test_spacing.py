"""SM-2: a low score brings a question back soon, a high score later."""

from interviews.spacing import MAX_INTERVAL_DAYS, MIN_EASE, Schedule, review


def test_a_failed_attempt_starts_over_tomorrow():
    after = review(Schedule(repetitions=4, interval_days=30, ease=2.5), 1)
    assert (after.repetitions, after.interval_days) == (0, 1)
    assert after.ease < 2.5


def test_good_attempts_space_out():
    s = review(Schedule(), 4)
    assert (s.repetitions, s.interval_days) == (1, 1)
    s = review(s, 4)
    assert (s.repetitions, s.interval_days) == (2, 6)
    s = review(s, 5)
    assert s.repetitions == 3 and s.interval_days == round(6 * 2.5)


def test_a_better_score_comes_back_later_than_a_worse_one():
    base = Schedule(repetitions=2, interval_days=6, ease=2.5)
    assert review(base, 5).interval_days >= review(base, 3).interval_days
    assert review(base, 2.5).interval_days == 1


def test_ease_never_falls_below_the_floor():
    s = Schedule()
    for _ in range(20):
        s = review(s, 0)
    assert s.ease == MIN_EASE


def test_a_question_mastered_long_ago_comes_back_within_a_year():
    schedule = Schedule()
    for _ in range(40):  # uncapped, SM-2 would reach a date past year 9999 here
        schedule = review(schedule, 5)
    assert schedule.interval_days == MAX_INTERVAL_DAYS
