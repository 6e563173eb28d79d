"""The questions' snapshots taken into interviews carry the bank's HTML: the same change as
questionbank 0011 on them (images from other sites become links to them)."""

from django.db import migrations


def images_as_links(apps, schema_editor):
    from questionbank.rendering import images_as_links as convert

    model = apps.get_model("interviews", "InterviewQuestion")
    for field in ("text_html", "answer_html"):
        rows = model.objects.filter(**{f"{field}__contains": "<img"}).only("pk", field)
        for row in rows.iterator():
            html = getattr(row, field)
            if (converted := convert(html)) != html:
                model.objects.filter(pk=row.pk).update(**{field: converted})


class Migration(migrations.Migration):
    dependencies = [("interviews", "0004_scoring_calibration")]
    operations = [migrations.RunPython(images_as_links, migrations.RunPython.noop, elidable=True)]
