from django.urls import path

from questionbank import views

app_name = "questionbank"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:slug>/", views.topic, name="topic"),
    path("<str:slug>/<int:number>/", views.question, name="question"),
]
