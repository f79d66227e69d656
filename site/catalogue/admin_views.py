"""Wagtail admin views on a catalogue: spreadsheet upload (check first, then import) and export."""

import base64
import io
import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkstatt.locks import Busy
from werkstatt.spreadsheets import SpreadsheetError, read_table, spreadsheet_response

from .exports import catalogue_frame
from .importer import import_catalogue
from .models import CatalogueIndexPage, WorkshopPlanPage
from .plan_importer import COLUMNS as PLAN_COLUMNS
from .plan_importer import REQUIRED as PLAN_REQUIRED
from .plan_importer import import_plan, progress_changes, progress_refusals, write_progress
from .spreadsheet_columns import COLUMNS, REQUIRED

MAX_UPLOAD = 10 * 1024 * 1024
SESSION_KEY = "catalogue_import_uploads"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tabelle (.xlsx oder .csv)"),
        help_text=gettext_lazy("CSV mit ; oder , getrennt; UTF-8 oder Windows-1252 (Excel)."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Die Datei ist größer als 10 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx", ".xlsm", ".xls", ".txt")):
            raise forms.ValidationError(_("Bitte eine .xlsx- oder .csv-Datei hochladen."))
        return upload


def may_export_catalogue(page, user):
    return page.permissions_for_user(user).can_edit()


def may_import_catalogue(page, user):
    """An import publishes its tools at once: only for those who may publish here."""
    permissions = page.permissions_for_user(user)
    return (
        permissions.can_edit()
        and permissions.can_add_subpage()
        and permissions.can_publish_subpage()
    )


def _catalogue_for(request, page_id, need_add=True):
    catalogue = get_object_or_404(CatalogueIndexPage, pk=page_id)
    allowed = may_import_catalogue if need_add else may_export_catalogue
    if not allowed(catalogue, request.user):
        raise PermissionDenied
    return catalogue


def _stash(request, name, raw, key=SESSION_KEY):
    """Keep the checked file in the session so 'Jetzt importieren' imports exactly what was checked."""
    token = secrets.token_urlsafe(12)
    stash = request.session.get(key, {})
    stash = dict(list(stash.items())[-2:])  # at most three pending uploads per session
    stash[token] = {"name": name, "data": base64.b64encode(raw).decode("ascii")}
    request.session[key] = stash
    return token


def _unstash(request, token, key=SESSION_KEY):
    item = request.session.get(key, {}).get(token)
    if not item:
        return None, None
    return item["name"], base64.b64decode(item["data"])


def _run_upload(request, template, context, session_key, run):
    """The flow both uploads share: read the posted file (or the one checked before, by its
    token), run the importer with `run(frame, dry_run)` and answer with its report.

    Returns (response, None) when the page is to be shown again (form, errors, dry run) and
    (None, result) after a successful import, for the caller's message and redirect.
    """
    action = request.POST.get("action", "pruefen")
    token = request.POST.get("token")
    if token:
        name, raw = _unstash(request, token, session_key)
        if raw is None:
            context["file_error"] = _("Die geprüfte Datei ist abgelaufen. Bitte erneut hochladen.")
            return TemplateResponse(request, template, context, status=400), None
    else:
        form = UploadForm(request.POST, request.FILES)
        context["form"] = form
        if not form.is_valid():
            return TemplateResponse(request, template, context, status=400), None
        name, raw = form.cleaned_data["file"].name, form.cleaned_data["file"].read()
    try:
        frame = read_table(io.BytesIO(raw), filename=name)
    except SpreadsheetError as exc:
        context["file_error"] = str(exc)
        return TemplateResponse(request, template, context, status=400), None
    dry_run = action != "importieren"
    try:
        result = run(frame, dry_run)
    except Busy as busy:
        context["file_error"] = busy.message
        return TemplateResponse(request, template, context, status=409), None
    context.update({"result": result, "file_name": name, "dry_run": dry_run})
    if not result.ok:
        return TemplateResponse(request, template, context, status=400), None
    if dry_run:
        context["token"] = _stash(request, name, raw, session_key)
        return TemplateResponse(request, template, context), None
    if token:
        request.session.get(session_key, {}).pop(token, None)
        request.session.modified = True
    return None, result


def import_view(request, page_id):
    """GET: the form. POST 'pruefen': dry run with preview. POST 'importieren': write (all or nothing)."""
    catalogue = _catalogue_for(request, page_id)
    context = {
        "catalogue": catalogue,
        "columns": list(COLUMNS),
        "required": REQUIRED,
        "form": UploadForm(),
    }
    if request.method != "POST":
        return TemplateResponse(request, "catalogue/admin/import.html", context)

    allow_same_title = request.POST.get("gleicher_titel") == "1"
    response, result = _run_upload(
        request,
        "catalogue/admin/import.html",
        context,
        SESSION_KEY,
        lambda frame, dry_run: import_catalogue(
            frame, catalogue, dry_run=dry_run, user=request.user, allow_same_title=allow_same_title
        ),
    )
    if response is not None:
        return response
    messages.success(
        request,
        _("Import in „%(catalogue)s“ abgeschlossen: %(summary)s.")
        % {"catalogue": catalogue.title, "summary": result.summary()},
    )
    return redirect(reverse("wagtailadmin_explore", args=[catalogue.pk]))


def template_view(request, kind):
    """The import template (XLSX: the columns and one example row) of `kind`."""
    from .import_templates import TEMPLATES

    if kind not in TEMPLATES:
        raise Http404
    filename, sheet, build = TEMPLATES[kind]
    return spreadsheet_response(build(), "xlsx", filename, sheet_name=sheet)


def export_view(request, page_id, extension):
    """The catalogue's tools with the import columns, as CSV or XLSX."""
    if extension not in ("csv", "xlsx"):
        raise Http404
    catalogue = _catalogue_for(request, page_id, need_add=False)
    frame = catalogue_frame(catalogue)
    return spreadsheet_response(
        frame, extension, f"werkzeuge-{slugify(catalogue.slug)}", sheet_name="Werkzeuge"
    )


# --- Werkstattplan ---------------------------------------------------------------------------

PLAN_SESSION_KEY = "plan_import_uploads"


def may_import_plan(page, user):
    """The plan import and the Zwischenbilanz publish: only for those who may publish the plan."""
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() and permissions.can_publish()


def _plan_for(request, page_id):
    plan = get_object_or_404(WorkshopPlanPage, pk=page_id)
    if not may_import_plan(plan, request.user):
        raise PermissionDenied
    return plan


def plan_import_view(request, page_id):
    """GET: the form. POST 'pruefen': dry run. POST 'importieren': replace the plan's rows."""
    plan = _plan_for(request, page_id)
    context = {
        "plan": plan,
        "columns": list(PLAN_COLUMNS),
        "required": PLAN_REQUIRED,
        "form": UploadForm(),
    }
    template = "catalogue/admin/plan_import.html"
    if request.method != "POST":
        return TemplateResponse(request, template, context)
    response, result = _run_upload(
        request,
        template,
        context,
        PLAN_SESSION_KEY,
        lambda frame, dry_run: import_plan(frame, plan, dry_run=dry_run, user=request.user),
    )
    if response is not None:
        return response
    messages.success(
        request,
        _("Import in „%(plan)s“ abgeschlossen: %(summary)s.")
        % {"plan": plan.title, "summary": result.summary()},
    )
    return redirect(reverse("wagtailadmin_pages:edit", args=[plan.pk]))


def plan_progress_view(request, page_id):
    """Zwischenbilanz from the plan: the state of every tool the plan links, per plan year, in
    one table of choices; saving publishes each changed tool once (like the plan import). Note
    and evidence of an entry stay; they are edited on the tool."""
    from .models import PlanRowTool, ProgressState, ToolPage, ToolProgress

    plan = _plan_for(request, page_id)
    years = plan.plan_years
    tool_ids = list(
        dict.fromkeys(
            PlanRowTool.objects.filter(row__plan=plan)
            .order_by("row__sort_order", "sort_order")
            .values_list("tool_id", flat=True)
        )
    )
    tools = {tool.pk: tool for tool in ToolPage.objects.filter(pk__in=tool_ids)}
    tools = [tools[pk] for pk in tool_ids if pk in tools]
    stored = {
        (entry.tool_id, entry.year): entry
        for entry in ToolProgress.objects.filter(tool_id__in=tool_ids, year__in=years)
    }
    choices = [("", _("– kein Stand –")), *ProgressState.choices]
    errors = []
    if request.method == "POST":
        wanted = {}
        for tool in tools:
            for year in years:
                value = request.POST.get(f"stand-{tool.pk}-{year}")
                if value is None:
                    continue  # not in the form (a tool with a draft): left alone
                if value and value not in ProgressState.values:
                    errors.append(
                        _("„%(value)s“ ist kein Stand (%(tool)s, %(year)s).")
                        % {"value": value[:40], "tool": tool.title, "year": year}
                    )
                wanted[(tool.pk, year)] = value or None
        changes = progress_changes(wanted)
        errors += progress_refusals({pk for pk, _year in changes}, request.user)
        if not errors:
            write_progress(changes, request.user)
            messages.success(
                request,
                _("Zwischenbilanz gespeichert: %(count)s Stände neu, geändert oder entfernt.")
                % {"count": len(changes)},
            )
            return redirect(reverse("plan_progress", args=[plan.pk]))
    rows = [
        {
            "tool": tool,
            "draft": tool.has_unpublished_changes,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[tool.pk]),
            "cells": [
                {
                    "name": f"stand-{tool.pk}-{year}",
                    "year": year,
                    "value": (
                        request.POST.get(f"stand-{tool.pk}-{year}", "")
                        if errors
                        else getattr(stored.get((tool.pk, year)), "state", "")
                    ),
                    "note": getattr(stored.get((tool.pk, year)), "note", ""),
                }
                for year in years
            ],
        }
        for tool in tools
    ]
    context = {"plan": plan, "years": years, "rows": rows, "choices": choices, "errors": errors}
    return TemplateResponse(
        request,
        "catalogue/admin/plan_progress.html",
        context,
        status=400 if errors else 200,
    )
