"""Directory pages under /netzwerk/: thin views over `directory` queries and `Person.visible_to`."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _

from werkstatt.numbers import NumberError, query_int

from . import contact, directory
from .models import (
    Body,
    BodyKind,
    Membership,
    Municipality,
    Organisation,
    OrganisationKind,
    Person,
    Visibility,
)
from .profile import rendered_sections
from .references import pages_naming
from .vcard import vcard_for

PAGE_SIZE = 25
MAX_PAGE = 10_000


def page_number(request):
    """(page number, German error or None) of `seite`, read by the site's one strict parser."""
    try:
        return query_int(request.GET, "seite", 1, MAX_PAGE, default=1), None
    except NumberError as error:
        return 1, error.message


def private(view):
    """What a page shows depends on who asks: never let a shared cache keep it."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper


def _listing(request, form, queryset, filter_fn, template, heading, none_found):
    """Validate the GET form, filter, paginate (`seite`); invalid filters get a 400 with the form.
    `template` extends network/directory_list.html, which `heading` and `none_found` name."""
    status = 200
    number, page_error = page_number(request)
    if form.is_bound:
        if form.is_valid() and not page_error:
            queryset = filter_fn(queryset, form.cleaned_data)
        else:
            queryset, status = queryset.none(), 400
        if page_error:
            form.add_error(None, page_error)
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.get_page(number)
    query = request.GET.copy()
    query.pop("seite", None)
    context = {
        "form": form,
        "page_obj": page,
        "objects": page.object_list,
        "query_string": query.urlencode(),
        "filtered": any(v for k, v in request.GET.items() if k != "seite"),
        "heading": heading,
        "none_found": none_found,
    }
    return render(request, template, context, status=status)


@private
def index(request):
    return render(
        request,
        "network/index.html",
        {
            "form": directory.DirectoryForm(),
            "counts": {
                "people": Person.objects.visible_to(request.user).count(),
                "organisations": Organisation.objects.count(),
                "bodies": Body.objects.count(),
                "municipalities": Municipality.objects.count(),
            },
        },
    )


@private
def person_list(request):
    return _listing(
        request,
        directory.DirectoryForm(request.GET or None),
        Person.objects.visible_to(request.user)
        .select_related("organisation", "municipality")
        .order_by("name", "pk"),
        directory.filter_people,
        "network/person_list.html",
        _("Ansprechpersonen"),
        _("Keine Ansprechpersonen gefunden."),
    )


def members_login(view):
    """A logged-out visitor asking for an entry shared with members is sent to the login, as
    for a members-only page (its name is not shown); the entry shows after logging in."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except MembersOnly:
            return redirect_to_login(request.get_full_path())

    return wrapper


class MembersOnly(Http404):
    """The entry exists for members only (a 404 wherever `members_login` does not catch it)."""


def _visible_person(request, pk):
    """The person if the viewer may see them; otherwise 404, exactly as for a missing id (for
    a logged-out visitor and an entry shared with members: MembersOnly)."""
    person = (
        Person.objects.visible_to(request.user)
        .select_related("organisation", "municipality")
        .filter(pk=pk)
        .first()
    )
    if person is None:
        if (
            not request.user.is_authenticated
            and Person.objects.with_consent().filter(pk=pk, visibility=Visibility.MEMBERS).exists()
        ):
            raise MembersOnly(_("Diese Person gibt es nicht oder sie ist nicht sichtbar."))
        raise Http404(_("Diese Person gibt es nicht oder sie ist nicht sichtbar."))
    return person


@private
@members_login
def person_detail(request, pk):
    person = _visible_person(request, pk)
    memberships = [m for m in person.memberships.select_related("body").order_by("-since")]
    return render(
        request,
        "network/person_detail.html",
        {"person": person, "memberships": memberships, "pages": pages_naming(person, request)},
    )


@private
@members_login
def person_vcard(request, pk):
    person = _visible_person(request, pk)
    response = HttpResponse(vcard_for(person), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kontakt-{person.pk}.vcf"'
    return response


@private
def organisation_list(request):
    return _listing(
        request,
        directory.KindDirectoryForm(request.GET or None, kinds=OrganisationKind.choices),
        Organisation.objects.select_related("municipality").order_by("name", "pk"),
        directory.filter_organisations,
        "network/kind_list.html",
        _("Organisationen"),
        _("Keine Organisationen gefunden."),
    )


@private
def organisation_detail(request, pk):
    organisation = get_object_or_404(Organisation.objects.select_related("municipality"), pk=pk)
    people = (
        Person.objects.visible_to(request.user)
        .filter(organisation=organisation)
        .select_related("organisation")
    )
    return render(
        request,
        "network/organisation_detail.html",
        {
            "organisation": organisation,
            "people": people.order_by("name"),
            "bodies": organisation.bodies.order_by("name"),
        },
    )


@private
def body_list(request):
    return _listing(
        request,
        directory.KindDirectoryForm(request.GET or None, kinds=BodyKind.choices),
        Body.objects.select_related("municipality").order_by("name", "pk"),
        directory.filter_bodies,
        "network/kind_list.html",
        _("Gremien"),
        _("Keine Gremien gefunden."),
    )


def _seats(memberships, user):
    """Memberships with `visible_person` set only when the viewer may see that person."""
    for membership in memberships:
        membership.visible_person = (
            membership.person if membership.person.visible_to(user) else None
        )
    return memberships


@private
def body_detail(request, pk):
    body = get_object_or_404(
        Body.objects.select_related("municipality", "organisation", "parent").prefetch_related(
            "action_fields",
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("person__organisation"),
            ),
        ),
        pk=pk,
    )
    return render(
        request,
        "network/body_detail.html",
        {
            "body": body,
            "current": _seats(body.current_memberships(), request.user),
            "former": _seats(body.former_memberships(), request.user),
            "sub_bodies": body.sub_bodies.order_by("name"),
        },
    )


@private
def municipality_list(request):
    return _listing(
        request,
        directory.DirectoryForm(request.GET or None),
        Municipality.objects.select_related("region").order_by("name", "pk"),
        directory.filter_municipalities,
        "network/municipality_list.html",
        _("Kommunen"),
        _("Keine Kommunen gefunden."),
    )


@private
def municipality_detail(request, slug):
    municipality = get_object_or_404(
        Municipality.objects.select_related("region").prefetch_related("programmes"), slug=slug
    )
    return render(
        request,
        "network/municipality_detail.html",
        {
            "municipality": municipality,
            "region_chain": municipality.region.ancestors(include_self=True),
            "sections": rendered_sections(municipality, request),
        },
    )


@private
def send_message(request, pk=None):
    """„Nachricht senden“ to a contact (by id) or, without one, to the central editors."""
    person = get_object_or_404(Person, pk=pk) if pk is not None else None
    context = {"person_known": person is not None, "sent": request.GET.get("gesendet") == "1"}
    source = request.POST if request.method == "POST" else request.GET
    page = source.get("seite", "")[:500]
    page = page if page.startswith("/") and not page.startswith("//") else ""
    context["page"] = page
    if request.method == "POST":
        if contact.rate_limited(request):
            context["form"] = contact.ContactForm()
            context["error"] = _(
                "Sie haben in der letzten Stunde schon mehrere Nachrichten gesendet. Bitte "
                "versuchen Sie es später noch einmal."
            )
            return render(request, "network/send_message.html", context, status=429)
        form = contact.ContactForm(request.POST)
        if not form.is_valid():
            context["form"] = form
            return render(request, "network/send_message.html", context, status=400)
        contact.count_message(request)
        contact.deliver(form, person, page=page)
        return redirect(f"{request.path}?gesendet=1")
    context["form"] = contact.ContactForm()
    return render(request, "network/send_message.html", context)
