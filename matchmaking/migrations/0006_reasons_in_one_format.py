"""Reasons in one format, {"code", "fit", "params"}, whatever their age.

The first demo data stored a match party's reasons as sentences, and match emails
recorded their partners' reasons as sentences in the notification's context.
Each sentence becomes a "note" reason, shown as written (matchmaking.reasons).
The email context is matchmaking's, so its rows are converted here.
"""

from django.db import migrations


def _note(text):
    return {"code": "note", "fit": True, "params": {"text": text}}


def _converted(reasons):
    if not isinstance(reasons, list) or not any(isinstance(r, str) for r in reasons):
        return None
    return [_note(r) if isinstance(r, str) else r for r in reasons]


def convert(apps, schema_editor):
    MatchParty = apps.get_model("matchmaking", "MatchParty")
    for party in MatchParty.objects.exclude(reasons=[]).only("pk", "reasons").iterator():
        reasons = _converted(party.reasons)
        if reasons is not None:
            MatchParty.objects.filter(pk=party.pk).update(reasons=reasons)
    Notification = apps.get_model("notifications", "Notification")
    emails = Notification.objects.filter(kind="match_confirmed").only("pk", "context")
    for notification in emails.iterator():
        partners = (notification.context or {}).get("partners")
        if not isinstance(partners, list):
            continue
        changed = False
        for partner in partners:
            reasons = _converted(partner.get("reasons")) if isinstance(partner, dict) else None
            if reasons is not None:
                partner["reasons"], changed = reasons, True
        if changed:
            Notification.objects.filter(pk=notification.pk).update(context=notification.context)


class Migration(migrations.Migration):

    dependencies = [
        ("matchmaking", "0005_listings_in_their_own_app"),
        ("notifications", "0002_skipped_state_and_inbox_index"),
    ]

    operations = [
        # Notes read the same as the sentences they were: nothing to undo.
        migrations.RunPython(convert, migrations.RunPython.noop),
    ]
