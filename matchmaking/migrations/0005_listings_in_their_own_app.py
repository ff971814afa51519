"""Matches point at requests and offers in their new app (listings), in Django's
state only: the table and the foreign keys in the database stay as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('listings', '0001_initial'),
        ('matchmaking', '0004_open_listing_window_index'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='historicalmatch',
                    name='request',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='listings.listing', verbose_name='request'),
                ),
                migrations.AlterField(
                    model_name='historicalmatchparty',
                    name='listing',
                    field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='listings.listing'),
                ),
                migrations.AlterField(
                    model_name='match',
                    name='request',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='matches', to='listings.listing', verbose_name='request'),
                ),
                migrations.AlterField(
                    model_name='matchparty',
                    name='listing',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='match_parties', to='listings.listing'),
                ),
            ],
            database_operations=[],
        ),
    ]
