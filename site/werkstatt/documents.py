"""Documents of restricted pages: served to those who may view a page that uses them.

Key concepts: Wagtail checks a collection's privacy when it serves a document, not the pages
that link it, so a file attached only to a members-only or password page was public by URL
(issue 30). Wagtail's reference index knows which objects use a document; before serving
(`before_serve_document`, registered in wagtail_hooks) a document used by pages only, all of
them restricted for this request (`visibility.viewable`), is refused: a login or group
restriction sends an anonymous visitor to the login, anything else is a German 403. A document
that no page uses, that a snippet or other object uses, or that one viewable page uses stays
public, as before.
"""

from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction, ReferenceIndex

from .visibility import viewable


def using_pages(document):
    """The live pages using `document`, or None when anything but a page uses it too."""
    page_type = ContentType.objects.get_for_model(Page).pk
    sources = set(
        ReferenceIndex.get_references_to(document).values_list("base_content_type", "object_id")
    )
    if any(content_type != page_type for content_type, _id in sources):
        return None
    return Page.objects.filter(pk__in=[int(pk) for _type, pk in sources]).live()


def refusal(document, request):
    """None when `request` may have the document, else the answer that refuses it."""
    pages = using_pages(document)
    if pages is None or not pages.exists() or viewable(pages, request).exists():
        return None
    restrictions = PageViewRestriction.objects.filter(
        page__in=[ancestor for page in pages for ancestor in page.get_ancestors(inclusive=True)]
    )
    if (
        not request.user.is_authenticated
        and restrictions.filter(
            restriction_type__in=[PageViewRestriction.LOGIN, PageViewRestriction.GROUPS]
        ).exists()
    ):
        return redirect_to_login(request.get_full_path())
    return TemplateResponse(
        request,
        "403.html",
        {
            "message": _(
                "Dieses Dokument gehört zu einer geschützten Seite. Öffnen Sie zuerst die Seite "
                "(mit Anmeldung oder Passwort), dann lässt sich das Dokument laden."
            )
        },
        status=403,
    )
