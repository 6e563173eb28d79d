"""The three roles as groups. Curators may edit the question bank in the admin."""

from django.db import migrations

ROLES = ("curators", "interviewers", "candidates")
CURATOR_MODELS = ("topic", "question", "keypoint", "bonuscategory", "bonuspoint", "experience", "topicnote")


def create_roles(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the curators need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    curators = Group.objects.get(name="curators")
    curators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="questionbank", content_type__model__in=CURATOR_MODELS
        )
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("questionbank", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
