"""Requests and offers, expressions of interest and saved searches now belong to
the listings app (listings 0001): the exchanges app forgets them, in Django's
state only, once every foreign key in another app points at the new app."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('exchanges', '0006_merge_feedback_and_saved_searches'),
        ('matchmaking', '0005_listings_in_their_own_app'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name='expressionofinterest', name='listing'),
                migrations.RemoveField(model_name='expressionofinterest', name='organisation'),
                migrations.RemoveField(model_name='expressionofinterest', name='user'),
                migrations.RemoveField(model_name='historicallisting', name='contact'),
                migrations.RemoveField(model_name='historicallisting', name='created_by'),
                migrations.RemoveField(model_name='historicallisting', name='history_user'),
                migrations.RemoveField(model_name='historicallisting', name='organisation'),
                migrations.RemoveField(model_name='listing', name='contact'),
                migrations.RemoveField(model_name='listing', name='created_by'),
                migrations.RemoveField(model_name='listing', name='formats'),
                migrations.RemoveField(model_name='listing', name='languages'),
                migrations.RemoveField(model_name='listing', name='organisation'),
                migrations.RemoveField(model_name='listing', name='target_groups'),
                migrations.RemoveField(model_name='listing', name='themes'),
                migrations.RemoveField(model_name='savedsearch', name='user'),
                migrations.DeleteModel(name='Offer'),
                migrations.DeleteModel(name='Request'),
                migrations.DeleteModel(name='ExpressionOfInterest'),
                migrations.DeleteModel(name='HistoricalListing'),
                migrations.DeleteModel(name='Listing'),
                migrations.DeleteModel(name='SavedSearch'),
            ],
            database_operations=[],
        ),
    ]
