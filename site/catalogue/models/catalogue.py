"""The /werkzeuge/ section and the catalogues (Werkzeugkatalog) with their future visions."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from taxonomy.models import ActionField, TargetGroup
from werkstatt.visibility import viewable

from .tool import ToolStatus

RICH_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class CatalogueSectionPage(Page):
    """The section page at /werkzeuge/: lists every catalogue and Werkstattplan below it."""

    intro = RichTextField(_("Einleitung"), blank=True, features=RICH_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["werkstatt.HomePage"]
    subpage_types = ["catalogue.CatalogueIndexPage", "catalogue.WorkshopPlanPage"]
    max_count = 1

    class Meta:
        verbose_name = _("Werkzeuge (Bereichsseite)")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = viewable(self.get_children().live(), request).specific()
        context["catalogues"] = [c for c in children if isinstance(c, CatalogueIndexPage)]
        from .plan import WorkshopPlanPage

        context["plans"] = [c for c in children if isinstance(c, WorkshopPlanPage)]
        return context


def latest_progress(tools):
    """How far the way to a vision is: (tool, latest progress entry) of each tool that has one."""
    return [(t, t.progress_by_year[max(t.progress_by_year)]) for t in tools if t.progress_by_year]


class CatalogueFilterForm(forms.Form):
    """Filters of the catalogue listing; plain GET parameters, so they work without JavaScript."""

    handlungsfeld = forms.ChoiceField(label=_("Handlungsfeld"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    zielgruppe = forms.ChoiceField(label=_("Zielgruppe"), required=False)

    def __init__(self, *args, action_fields=(), target_groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("alle"))]
        self.fields["handlungsfeld"].choices = everything + [
            (f.slug, f.name) for f in action_fields
        ]
        self.fields["status"].choices = everything + list(ToolStatus.choices)
        self.fields["zielgruppe"].choices = everything + [(g.slug, g.name) for g in target_groups]


class CatalogueForm(WagtailAdminPageForm):
    """One vision per action field: a second one for the same field is an error, not a crash."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("visions")
        # The inline forms are validated after this form; validate them now to compare them.
        if formset is not None and formset.is_valid():
            seen = set()
            for form in formset.forms:
                if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                    continue
                field = form.cleaned_data.get("action_field")
                if field and field.pk in seen:
                    form.add_error(
                        "action_field",
                        _("Für dieses Handlungsfeld gibt es schon ein Zukunftsbild."),
                    )
                if field:
                    seen.add(field.pk)
        return cleaned


class ImportExportPanel(HelpPanel):
    """Import and export on a catalogue's edit page: only the actions this user may take (the
    one rule, `admin_views.may_import_catalogue`), no button that leads to a refusal."""

    class BoundPanel(HelpPanel.BoundPanel):
        def get_context_data(self, parent_context=None):
            from ..admin_views import may_import_catalogue

            context = super().get_context_data(parent_context)
            page = self.instance
            context["may_import"] = bool(page.pk) and may_import_catalogue(page, self.request.user)
            return context


class CatalogueIndexPage(RoutablePageMixin, Page):
    """A Werkzeugkatalog of one municipality, Kreis or programme, with a vision per action field."""

    owner_region = models.ForeignKey(
        "taxonomy.Region",
        verbose_name=_("Region des Katalogs"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Kommune, Kreis oder Land, dem der Katalog gehört."),
    )
    intro = RichTextField(_("Einleitung"), blank=True, features=RICH_FEATURES)

    content_panels = Page.content_panels + [
        ImportExportPanel(
            heading=_("Import und Export"), template="catalogue/admin/import_panel.html"
        ),
        FieldPanel("owner_region"),
        FieldPanel("intro"),
        InlinePanel("visions", label=_("Zukunftsbilder"), heading=_("Zukunftsbilder")),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["catalogue.CatalogueSectionPage"]
    subpage_types = ["catalogue.ToolPage"]
    base_form_class = CatalogueForm

    class Meta:
        verbose_name = _("Werkzeugkatalog")
        verbose_name_plural = _("Werkzeugkataloge")

    def tools(self):
        from .tool import ToolPage

        return (
            ToolPage.objects.child_of(self)
            .live()
            .select_related("primary_action_field", "location_region")
            .prefetch_related("target_groups", "further_action_fields", "progress")
            .order_by("path")
        )

    # Tools shown per action field on the catalogue page; a larger group links to its own pages.
    GROUP_PREVIEW = 24
    # Tools per page on an action field's own page (`handlungsfeld/<slug>/?seite=N`).
    FIELD_PAGE_SIZE = 60

    def filtered_tools(self, data):
        """The tools matching the GET filters (a queryset), and the bound filter form.

        Filter errors are shown on the page, not raised."""
        action_fields = list(ActionField.objects.all())
        form = CatalogueFilterForm(
            data, action_fields=action_fields, target_groups=TargetGroup.objects.all()
        )
        tools = self.tools()
        if form.is_valid():
            wanted = form.cleaned_data
            if wanted["handlungsfeld"]:
                tools = tools.filter(
                    models.Q(primary_action_field__slug=wanted["handlungsfeld"])
                    | models.Q(further_action_fields__slug=wanted["handlungsfeld"])
                ).distinct()
            if wanted["status"]:
                tools = tools.filter(status=wanted["status"])
            if wanted["zielgruppe"]:
                tools = tools.filter(target_groups__slug=wanted["zielgruppe"]).distinct()
        return form, tools

    def grouped(self, tools):
        """Tools (a list) grouped by primary action field in the vocabulary order, with the
        field's vision: every tool in its group (print view, bound PDF)."""
        visions = {v.action_field_id: v for v in self.visions.select_related("image")}
        groups = []
        for field in ActionField.objects.all():
            members = [t for t in tools if t.primary_action_field_id == field.pk]
            vision = visions.get(field.pk)
            if not members and not vision:
                continue
            groups.append(
                {
                    "field": field,
                    "vision": vision,
                    "tools": members,
                    "count": len(members),
                    "more": 0,
                    "existing": sum(1 for t in members if t.status == ToolStatus.EXISTING),
                    "new": sum(1 for t in members if t.status == ToolStatus.NEW),
                    "progress": latest_progress(members),
                }
            )
        return groups

    def preview_groups(self, tools, limit=None):
        """Tools grouped by primary action field in the vocabulary order, with the field's vision.

        `tools` is a queryset. Counting reads one light row per tool; only the tools shown (the
        first `limit` of each group, or all) are loaded as pages, in one query, so a catalogue
        of 1,000 tools costs the same number of queries as one of ten."""
        rows = list(
            tools.prefetch_related(None).values_list("pk", "primary_action_field_id", "status")
        )
        shown, per_field = [], {}
        for pk, field_id, status in rows:
            members = per_field.setdefault(field_id, [])
            members.append(status)
            if limit is None or len(members) <= limit:
                shown.append(pk)
        loaded = {tool.pk: tool for tool in self.tools().filter(pk__in=shown)} if shown else {}
        by_field = {}
        for pk in shown:  # keeps the catalogue's order (path)
            tool = loaded.get(pk)
            if tool is not None:
                by_field.setdefault(tool.primary_action_field_id, []).append(tool)
        visions = {v.action_field_id: v for v in self.visions.select_related("image")}
        groups = []
        for field in ActionField.objects.all():
            statuses = per_field.get(field.pk, [])
            vision = visions.get(field.pk)
            if not statuses and not vision:
                continue
            groups.append(
                {
                    "field": field,
                    "vision": vision,
                    "tools": by_field.get(field.pk, []),
                    "count": len(statuses),
                    "more": len(statuses) - len(by_field.get(field.pk, [])),
                    "existing": statuses.count(ToolStatus.EXISTING),
                    "new": statuses.count(ToolStatus.NEW),
                    "progress": latest_progress(by_field.get(field.pk, [])),
                }
            )
        return groups, len(rows), [loaded[pk] for pk in shown if pk in loaded]

    @path("pdf/", name="bound_pdf")
    def bound_pdf(self, request):
        """The bound catalogue as a PDF download (catalogue.bound); cached until it changes."""
        from django.http import HttpResponse
        from django.utils.text import slugify

        from ..bound import pdf_for

        data, cached = pdf_for(self, request)
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{slugify(self.slug)}.pdf"'
        response["X-Werkstatt-PDF"] = "cache" if cached else "neu"
        return response

    def serve(self, request, *args, **kwargs):
        """An unknown filter value is the visitor's input error: the page says so, with status 400."""
        response = super().serve(request, *args, **kwargs)
        form = (getattr(response, "context_data", None) or {}).get("filter_form")
        if form is not None and form.is_bound and form.errors:
            response.status_code = 400
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        data = (
            request.GET if any(k in request.GET for k in CatalogueFilterForm.base_fields) else None
        )
        form, tools = self.filtered_tools(data)
        tools = viewable(tools, request)
        print_all = request.GET.get("druck") == "1"
        if print_all:
            shown = list(tools)
            groups, count = self.grouped(shown), len(shown)
        else:
            groups, count, shown = self.preview_groups(tools, limit=self.GROUP_PREVIEW)
        context["filter_form"] = form
        context["filtered"] = data is not None
        context["tools"] = shown
        context["tool_count"] = count
        context["groups"] = groups
        context["print_all"] = print_all
        query = [("art", "werkzeug")]
        if form.is_bound and form.is_valid():
            query += [(k, v) for k, v in form.cleaned_data.items() if v]
        from urllib.parse import urlencode

        context["search_url"] = "/suche/?" + urlencode(query)
        context["query_string"] = urlencode(
            [(k, v) for k, v in request.GET.items() if k in CatalogueFilterForm.base_fields]
        )
        return context

    @path("handlungsfeld/<slug:slug>/", name="action_field")
    def action_field_view(self, request, slug):
        """Every tool of one action field, paged (`seite`), with the field's vision: the whole
        catalogue stays reachable through plain links, without JavaScript."""
        from django.core.paginator import Paginator
        from django.http import Http404
        from django.template.response import TemplateResponse

        from werkstatt.numbers import NumberError, query_int

        field = ActionField.objects.filter(slug=slug).first()
        if field is None:
            raise Http404
        status, page_error = 200, None
        try:
            number = query_int(request.GET, "seite", 1, 10_000, default=1)
        except NumberError as error:
            number, status, page_error = 1, 400, error.message
        tools = viewable(self.tools().filter(primary_action_field=field), request)
        paginator = Paginator(tools, self.FIELD_PAGE_SIZE)
        if number > paginator.num_pages:
            raise Http404
        page_obj = paginator.page(number)
        context = Page.get_context(self, request)
        context.update(
            field=field,
            vision=self.visions.select_related("image").filter(action_field=field).first(),
            page_obj=page_obj,
            field_tools=list(page_obj.object_list),
            page_error=page_error,
            query_string="",
        )
        return TemplateResponse(
            request, "catalogue/catalogue_action_field.html", context, status=status
        )


class FutureVision(Orderable):
    """A Zukunftsbild: how the municipality wants to look in one action field."""

    catalogue = ParentalKey(CatalogueIndexPage, related_name="visions", on_delete=models.CASCADE)
    action_field = models.ForeignKey(
        "taxonomy.ActionField",
        verbose_name=_("Handlungsfeld"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = RichTextField(_("Zukunftsbild"), features=RICH_FEATURES)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("Alternativtext des Bildes"),
        max_length=250,
        blank=True,
        help_text=_("Leer lassen, wenn das Bild nur schmückt."),
    )

    panels = [
        FieldPanel("action_field"),
        FieldPanel("text"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Zukunftsbild")
        verbose_name_plural = _("Zukunftsbilder")

    def __str__(self):
        return f"{self.action_field} – {self.catalogue}"
