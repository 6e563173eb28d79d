from django.urls import path

from questionbank import curation_views, views

app_name = "questionbank"
urlpatterns = [
    path("", views.index, name="index"),
    path("curation/weak-spots/", curation_views.weak_spots, name="weak_spots"),
    path("<str:slug>/", views.topic, name="topic"),
    path("<str:slug>/<int:number>/", views.question, name="question"),
]

from questionbank import history_views  # noqa: E402  (the curators' history: its own module)

urlpatterns += [
    path("<str:slug>/history/", history_views.topic_history, name="topic_history"),
    path(
        "<str:slug>/history/<int:revision>/restore/",
        history_views.restore_topic,
        name="restore_topic_revision",
    ),
    path("<str:slug>/<int:number>/history/", history_views.history, name="question_history"),
    path(
        "<str:slug>/<int:number>/history/<int:revision>/restore/",
        history_views.restore,
        name="restore_revision",
    ),
]
