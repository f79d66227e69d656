"""The member account (auth_user) of a person, and what the site holds about them beside it:
messages sent to them, editors' comments naming them (Art. 15 export, Art. 17 erasure).

Key concepts: erasure anonymises the account instead of deleting it: Wagtail's comments and
revisions point at their author with CASCADE or keep them as history, so a delete would take
other people's work with it. Name, e-mail, username, password, groups, Wagtail's profile and the
login lock's records go; the empty, inactive row stays.
"""

from axes.utils import reset as reset_lockouts
from wagtail.models import Comment, CommentReply
from wagtail.users.models import UserProfile

from .scrub import candidates


def _value(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def export_account(user):
    if user is None:
        return None
    return {
        "username": user.get_username(),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": user.is_active,
        "date_joined": _value(user.date_joined),
        "last_login": _value(user.last_login),
        "groups": sorted(user.groups.values_list("name", flat=True)),
    }


def export_messages(person):
    from ..models import ContactMessage

    return [
        {
            "created_at": _value(message.created_at),
            "sender_name": message.sender_name,
            "sender_email": message.sender_email,
            "message": message.message,
            "page": message.page,
            "delivered": message.delivered,
        }
        for message in ContactMessage.objects.filter(person=person).order_by("created_at", "pk")
    ]


def comments_naming(traces):
    """Editors' comments and replies whose text names the person (strong forms only)."""
    found = []
    for model in (Comment, CommentReply):
        rows = candidates(model._meta.db_table, "id", "text", traces.prefilter)
        ids = [pk for pk, text in rows if traces.mentions(text)]
        for item in model.objects.filter(pk__in=ids).order_by("created_at", "pk"):
            found.append(
                {
                    "kind": model._meta.model_name,
                    "id": item.pk,
                    "text": item.text,
                    "created_at": _value(item.created_at),
                }
            )
    return found


def anonymise_account(user):
    """Empty the account of an erased person and lock it for good."""
    username = user.get_username()
    user.username = f"geloescht-{user.pk}"
    user.first_name = user.last_name = user.email = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    UserProfile.objects.filter(user=user).delete()
    reset_lockouts(username=username)
