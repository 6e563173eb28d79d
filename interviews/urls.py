from django.urls import path

from interviews.views import assemble, candidate, console, invite, panel_invite, report

app_name = "interviews"
urlpatterns = [
    path("", assemble.index, name="index"),
    path("new/", assemble.new, name="new"),
    path("templates/<int:pk>/delete/", assemble.delete_template, name="delete_template"),
    path("<int:pk>/", assemble.detail, name="detail"),
    # Assembling a draft.
    path("<int:pk>/edit/", assemble.edit, name="edit"),
    path("<int:pk>/questions/add/", assemble.add_question, name="add_question"),
    path("<int:pk>/questions/order/", assemble.reorder, name="reorder"),
    path("<int:pk>/questions/<int:item>/remove/", assemble.remove_question, name="remove_question"),
    path("<int:pk>/questions/<int:item>/move/", assemble.move_question, name="move_question"),
    path("<int:pk>/questions/<int:item>/time/", assemble.set_time, name="set_time"),
    path("<int:pk>/bank/", assemble.bank, name="bank"),
    path("<int:pk>/template/", assemble.save_template, name="save_template"),
    path("<int:pk>/invitation/send/", assemble.send_invitation, name="send_invitation"),
    path("<int:pk>/panel/add/", panel_invite.add_member, name="add_member"),
    path("<int:pk>/panel/<int:member>/remove/", panel_invite.remove_member, name="remove_member"),
    path("panel/<str:token>/", panel_invite.panel_invitation, name="panel_invitation"),
    path("<int:pk>/schedule/", assemble.schedule, name="schedule"),
    path("<int:pk>/start/", assemble.start, name="start"),
    path("<int:pk>/cancel/", assemble.cancel, name="cancel"),
    path("<int:pk>/delete/", assemble.delete, name="delete"),
    # Running it.
    path("<int:pk>/live/", console.console, name="live"),
    path("<int:pk>/live/goto/", console.goto, name="goto"),
    path("<int:pk>/live/pause/", console.pause, name="pause"),
    path("<int:pk>/live/resume/", console.resume, name="resume"),
    path("<int:pk>/live/<int:item>/score/", console.score, name="score"),
    path("<int:pk>/live/<int:item>/tick/", console.tick, name="tick"),
    path("<int:pk>/live/<int:item>/notes/", console.notes, name="notes"),
    path("<int:pk>/live/<int:item>/not-asked/", console.not_asked, name="not_asked"),
    path("<int:pk>/bonus/", console.award, name="award"),
    path("<int:pk>/bonus/<int:award>/revoke/", console.revoke, name="revoke"),
    path("<int:pk>/finish/", console.finish, name="finish"),
    path("<int:pk>/state/", candidate.state, name="state"),
    # The candidate's side.
    path("<int:pk>/take/", candidate.take, name="take"),
    path("<int:pk>/take/answer/", candidate.answer, name="answer"),
    path("invite/<str:token>/", invite.invitation, name="invitation"),
    # The scorecard.
    path("<int:pk>/report/", report.report, name="report"),
    path("<int:pk>/report.csv", report.report_csv, name="report_csv"),
    path("<int:pk>/share/", report.share, name="share"),
    path("<int:pk>/share/preview/", report.share_preview, name="share_preview"),
    path("<int:pk>/unshare/", report.unshare, name="unshare"),
    path("shared/<str:token>/", report.shared, name="shared"),
]
