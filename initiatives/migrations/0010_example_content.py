from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0008_status_rules_reading_rules")]

    operations = [
        migrations.AddField(
            model_name="progressupdate",
            name="is_example",
            field=models.BooleanField(
                default=False,
                help_text="Example activity added by the demo, not a real record (remove_examples).",
            ),
        ),
        migrations.AddField(
            model_name="historicalprogressupdate",
            name="is_example",
            field=models.BooleanField(
                default=False,
                help_text="Example activity added by the demo, not a real record (remove_examples).",
            ),
        ),
    ]
