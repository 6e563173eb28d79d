"""Stored HTML rendered before images from other sites became links (renderer version 2): the
same change on what is stored, so those images neither load (the CSP refuses them now) nor show
as broken; a re-import would do it too, but only for the files that are imported again."""

from django.db import migrations

FIELDS = {
    "Topic": ["background_html"],
    "Question": ["text_html", "answer_html"],
    "Experience": ["body_html"],
    "TopicNote": ["body_html"],
}


def images_as_links(apps, schema_editor):
    from questionbank.rendering import images_as_links as convert

    for model_name, fields in FIELDS.items():
        model = apps.get_model("questionbank", model_name)
        for field in fields:
            rows = model.objects.filter(**{f"{field}__contains": "<img"}).only("pk", field)
            for row in rows.iterator():
                html = getattr(row, field)
                if (converted := convert(html)) != html:
                    model.objects.filter(pk=row.pk).update(**{field: converted})


class Migration(migrations.Migration):
    dependencies = [("questionbank", "0010_importpreview_started_at")]
    operations = [migrations.RunPython(images_as_links, migrations.RunPython.noop, elidable=True)]
