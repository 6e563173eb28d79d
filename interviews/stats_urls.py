from django.urls import path

from interviews.views import stats

app_name = "stats"
urlpatterns = [
    path("questions/", stats.questions, name="questions"),
    path("interviewers/", stats.interviewers, name="interviewers"),
    path("interviewers/<int:pk>/", stats.interviewer, name="interviewer"),
]
