from django.urls import path

from interviews.views import candidate, practice

app_name = "practice"
urlpatterns = [
    path("", practice.index, name="index"),
    path("weak/", practice.weak, name="weak"),
    path("history/", practice.history, name="history"),
    path("<int:pk>/take/", candidate.take, name="take"),
    path("<int:pk>/answer/", candidate.answer, name="answer"),
    path("<int:pk>/next/", practice.next_question, name="next"),
    path("<int:pk>/finish/", practice.finish, name="finish"),
    path("<int:pk>/review/", practice.review, name="review"),
    path("<int:pk>/review/<int:item>/rate/", practice.rate, name="rate"),
    path("<int:pk>/review/<int:item>/redo/", practice.redo, name="redo"),
]
