"""Import and export a Werkstattplan as a spreadsheet: one row per action field of the plan.

Key concepts: like the catalogue import, a pure function from a DataFrame to a result; every bad
cell becomes a `RowError` (row, column, German reason) and then nothing is written. The column
„Werkzeuge“ names catalogue tools by title or ID, one per line (or separated by „;“); each must
be found among the tools of the plan's catalogue (else any live tool), or the row is refused.
Steps that are not catalogue tools go into „Weitere Schritte“. Years are either year columns
(„2017“, „2018“ … with an X) or one column „Jahre“ („2017;2018“ or „2017-2020“). A year cell
may say instead where the row's tool stands that year (Zwischenbilanz): a state such as
„begonnen“ for a row with one tool, „Titel oder ID: Stand“ per line for several; a state marks
the year too. An X leaves a tool's state alone (states are removed in the tool). The file is
the whole plan: rows are matched by their title, rows missing from the file are removed, and a
file equal to the plan changes nothing (no new revision). Without „Handlungsfeld (Vokabular)“
the field is read from the row's name („Leben & Wohnen“), else an existing row keeps its own.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from taxonomy.lookup import LookupError_, resolve_action_field
from taxonomy.models import ActionField
from werkstatt.locks import exclusive
from werkstatt.spreadsheets import (
    ImportResult,
    RowError,
    fold,
    match_columns,
    parse_bool,
)

from .importer import cell_text
from .models import PlanRow, PlanRowTool, ProgressState, ToolPage, ToolProgress
from .models.tool import format_years, parse_years

COLUMNS = {
    "Handlungsfeld": ["Handlungsfelder", "Zeile", "Titel"],
    "Handlungsfeld (Vokabular)": ["Themenfeld", "Handlungsfeld Vokabular", "HF Vokabular"],
    "Beschreibung": ["Beschreibung des Handlungsfelds"],
    "Werkzeuge": ["Werkzeug", "Werkzeug-IDs", "Werkzeuge (Titel oder ID)"],
    "Weitere Schritte": ["Weitere Maßnahmen", "Schritte"],
    "Ansprechperson": [
        "Ansprechpartner",
        "Ansprechpartnerin",
        "Verantwortlich",
        "Ansprechperson des Handlungsfelds",
    ],
    "Umsetzungsort": ["Ort", "Einsatzort"],
    "Beteiligte": ["Partner"],
    "Jahre": ["Zeitraum"],
}
REQUIRED = ("Handlungsfeld",)
MULTILINE = ("Beschreibung", "Werkzeuge", "Weitere Schritte", "Beteiligte")
LIMITS = {"Handlungsfeld": 200, "Ansprechperson": 255, "Umsetzungsort": 255}
YEAR_HEADER = re.compile(r"^\s*((?:19|20)\d\d)(?:\.0)?\s*$")
NUMBERING = re.compile(r"^\s*\d+[.)]?\s*")


STATES = {fold(value): value for value in ProgressState.values}


@dataclass
class PlanImportResult(ImportResult):
    removed: int = 0
    progress: int = 0  # states per tool and year that are new or changed

    def summary(self):
        return _(
            "Zeilen neu: %(created)s, geändert: %(updated)s, unverändert: %(unchanged)s, "
            "entfernt: %(removed)s; Stände der Werkzeuge neu oder geändert: %(progress)s"
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "progress": self.progress,
        }


class ToolIndex:
    """Tools a plan may link, by ID and by folded title; the plan's own catalogue first."""

    def __init__(self, plan):
        own = []
        if plan.catalogue_id:
            own = list(
                ToolPage.objects.descendant_of(plan.catalogue).only("pk", "title", "import_id")
            )
        others = list(
            ToolPage.objects.live()
            .exclude(pk__in=[t.pk for t in own])
            .only("pk", "title", "import_id")
        )
        self.scopes = [s for s in (own, others) if s]

    def resolve(self, name):
        """The tool's pk; LookupError_ with a German reason when unknown or ambiguous."""
        wanted = fold(name)
        for tools in self.scopes:
            by_id = [t for t in tools if t.import_id and t.import_id.casefold() == name.casefold()]
            if len(by_id) == 1:
                return by_id[0].pk
            by_title = [t for t in tools if fold(t.title) == wanted]
            if len(by_title) == 1:
                return by_title[0].pk
            if len(by_title) > 1 or len(by_id) > 1:
                raise LookupError_(
                    _(
                        "Das Werkzeug „%(name)s“ gibt es mehrfach; bitte die ID angeben "
                        "(gefunden: %(ids)s)."
                    )
                    % {
                        "name": name,
                        "ids": ", ".join(t.import_id or str(t.pk) for t in by_title or by_id),
                    }
                )
        raise LookupError_(
            _("Kein Werkzeug mit dem Titel oder der ID „%(name)s“ gefunden.") % {"name": name}
        )


def parse_progress_cell(text, tool_ids, tools):
    """A year cell that is not X/empty: tool pk -> state. „begonnen“ for a row with one tool;
    „Titel oder ID: Stand“ per line (or separated by „;“) for several. LookupError_ in German."""
    result = {}
    for part in [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]:
        name, colon, state_text = part.rpartition(":")
        state = STATES.get(fold(state_text))
        if state is None:
            raise LookupError_(
                _("„%(value)s“ ist weder X noch ein Stand (%(states)s).")
                % {"value": part, "states": ", ".join(ProgressState.values)}
            )
        if not colon:
            if len(tool_ids) != 1:
                raise LookupError_(
                    _(
                        "Ein Stand ohne Werkzeug gilt nur in einer Zeile mit genau einem "
                        "Werkzeug; bitte „Werkzeug: Stand“ schreiben."
                    )
                )
            pk = tool_ids[0]
        else:
            pk = tools.resolve(name.strip())
            if pk not in tool_ids:
                raise LookupError_(
                    _("„%(name)s“ steht nicht unter „Werkzeuge“ dieser Zeile.")
                    % {"name": name.strip()}
                )
        if result.get(pk, state) != state:
            raise LookupError_(_("Zwei Stände für dasselbe Werkzeug in einem Jahr."))
        result[pk] = state
    return result


def _year_columns(frame):
    return {
        int(m.group(1)): header for header in frame.columns if (m := YEAR_HEADER.match(str(header)))
    }


def parse_plan_frame(frame, plan):
    """Every row as plan-row values; (rows, errors). Reads the database only for lookups."""
    mapping, errors = match_columns(frame, COLUMNS, required=REQUIRED, multiline=MULTILINE)
    year_columns = _year_columns(frame)
    if errors:
        return [], errors
    fields = list(ActionField.objects.all())
    tools = ToolIndex(plan)
    plan_years = set(plan.plan_years)
    rows, seen = [], {}
    progress_seen = {}  # (tool pk, year) -> (state, row number, column): one state per plan

    for index, record in enumerate(frame.to_dict("records")):
        number = int(frame.index[index]) + 2

        def get(canonical, record=record):
            header = mapping.get(canonical)
            return cell_text(record.get(header, "")) if header else ""

        def bad(canonical, message, number=number):
            errors.append(RowError(number, mapping.get(canonical, canonical), message))

        if not any(cell_text(v) for v in record.values()):
            continue  # an empty line between blocks, as people leave them
        values = {"title": get("Handlungsfeld")}
        if not values["title"]:
            bad("Handlungsfeld", _("Der Name des Handlungsfelds fehlt."))
        key = fold(values["title"])
        if key and key in seen:
            bad(
                "Handlungsfeld",
                _("Das Handlungsfeld steht schon in Zeile %(row)s.") % {"row": seen[key]},
            )
        seen.setdefault(key, number)
        for canonical, limit in LIMITS.items():
            if len(get(canonical)) > limit:
                bad(canonical, _("Der Text ist länger als %(max)s Zeichen.") % {"max": limit})

        values["action_field_id"] = None
        vocabulary = get("Handlungsfeld (Vokabular)")
        if vocabulary:
            try:
                values["action_field_id"] = resolve_action_field(vocabulary, fields).pk
            except LookupError_ as exc:
                bad("Handlungsfeld (Vokabular)", str(exc))
        elif values["title"]:
            try:  # „3. Wohnen“ names the field itself often enough
                name = NUMBERING.sub("", values["title"])
                values["action_field_id"] = resolve_action_field(name, fields).pk
            except LookupError_:
                pass

        tool_ids = []
        for name in [part.strip() for part in re.split(r"[;\n]", get("Werkzeuge")) if part.strip()]:
            try:
                pk = tools.resolve(name)
            except LookupError_ as exc:
                bad("Werkzeuge", str(exc))
                continue
            if pk not in tool_ids:
                tool_ids.append(pk)
        values["tool_ids"] = tuple(tool_ids)

        years = set()
        if mapping.get("Jahre"):
            try:
                years.update(parse_years(get("Jahre")))
            except ValueError as exc:
                bad("Jahre", str(exc))
        progress = {}
        for year, header in sorted(year_columns.items()):
            mark = cell_text(record.get(header, ""))
            verdict = parse_bool(mark)
            if verdict is not None:
                if verdict:
                    years.add(year)
                continue
            try:
                states = parse_progress_cell(mark, values["tool_ids"], tools)
            except LookupError_ as exc:
                errors.append(RowError(number, header, str(exc)))
                continue
            years.add(year)
            for pk, state in states.items():
                earlier = progress_seen.get((pk, year))
                if earlier and earlier[0] != state:
                    errors.append(
                        RowError(
                            number,
                            header,
                            _(
                                "Das Werkzeug hat in Zeile %(row)s für %(year)s einen anderen "
                                "Stand (%(state)s)."
                            )
                            % {"row": earlier[1], "year": year, "state": earlier[0]},
                        )
                    )
                progress_seen.setdefault((pk, year), (state, number, header))
                progress[(pk, year)] = state
        values["progress"] = progress
        outside = sorted(years - plan_years)
        if outside:
            errors.append(
                RowError(
                    number,
                    mapping.get("Jahre") or year_columns.get(outside[0], _("Jahre")),
                    _("Jahr %(year)s liegt außerhalb des Plans (%(start)s–%(end)s).")
                    % {"year": outside[0], "start": plan.start_year, "end": plan.end_year},
                )
            )
        values["years"] = format_years(years)
        values["description"] = get("Beschreibung")
        values["tools"] = "\n".join(
            line.strip(" •-\t")
            for line in get("Weitere Schritte").splitlines()
            if line.strip(" •-\t")
        )
        values["responsible"] = get("Ansprechperson")
        values["place"] = get("Umsetzungsort")
        values["participants"] = get("Beteiligte")
        rows.append(values)
    if not rows and not errors:
        errors.append(RowError(None, "", _("Die Datei enthält keine Zeile des Plans.")))
    return rows, errors


def row_values(row):
    return {
        "title": row.title,
        "action_field_id": row.action_field_id,
        "tool_ids": tuple(link.tool_id for link in row.tool_links.all()),
        "years": format_years(row.year_list),
        "description": row.description,
        "tools": row.tools,
        "responsible": row.responsible,
        "place": row.place,
        "participants": row.participants,
    }


def import_plan(frame, plan, dry_run=False, user=None):
    """Check every row, then (unless dry_run or any error) replace the plan's rows and publish a
    new revision, all or nothing; a file equal to the plan writes nothing."""
    result = PlanImportResult()
    parsed, errors = parse_plan_frame(frame, plan)
    if errors:
        result.errors = sorted(errors, key=lambda e: e.row or 0)
        return result
    progress, origin = {}, {}
    for values in parsed:
        for key, state in values.pop("progress").items():
            progress[key] = state
            origin.setdefault(key, values["title"])
    with exclusive(f"plan-import:{plan.pk}", plan.title):
        changes = progress_changes(progress)
        result.progress = len(changes)
        for message in progress_refusals({pk for pk, _year in changes}, user):
            result.errors.append(RowError(None, _("Werkzeuge"), message))
        if result.errors:
            return result
        current = {fold(row.title): row_values(row) for row in plan.rows.all()}
        for values in parsed:  # no field named in the file: the row keeps the one it has
            old = current.get(fold(values["title"]))
            if values["action_field_id"] is None and old is not None:
                values["action_field_id"] = old["action_field_id"]
        wanted = {fold(values["title"]) for values in parsed}
        for values in parsed:
            old = current.get(fold(values["title"]))
            if old is None:
                result.created += 1
            elif old == values:
                result.unchanged += 1
            else:
                result.updated += 1
        result.removed = len(set(current) - wanted)
        order_same = [fold(v["title"]) for v in parsed] == list(current)
        if dry_run:
            return result
        write_progress(changes, user)
        if not result.created and not result.updated and not result.removed and order_same:
            return result
        plan.rows = [
            PlanRow(
                sort_order=order,
                title=values["title"],
                action_field_id=values["action_field_id"],
                description=values["description"],
                tools=values["tools"],
                responsible=values["responsible"],
                place=values["place"],
                participants=values["participants"],
                years=values["years"],
                tool_links=[
                    PlanRowTool(tool_id=pk, sort_order=position)
                    for position, pk in enumerate(values["tool_ids"])
                ],
            )
            for order, values in enumerate(parsed)
        ]
        plan.save_revision(user=user).publish(user=user)
    return result


def progress_changes(progress):
    """(tool pk, year) -> state for the states that differ from the tools' published ones."""
    stored = {
        (entry.tool_id, entry.year): entry.state
        for entry in ToolProgress.objects.filter(tool_id__in={pk for pk, _year in progress})
    }
    return {key: state for key, state in progress.items() if stored.get(key) != state}


def progress_refusals(tool_pks, user=None):
    """Why the states of these tools cannot be written from the plan (German, "" for none): a
    tool with an unpublished draft (publishing would publish the draft too), or one the person
    may not publish."""
    messages = []
    for tool in ToolPage.objects.filter(pk__in=tool_pks).order_by("title"):
        if tool.has_unpublished_changes:
            messages.append(
                _(
                    "Das Werkzeug „%(tool)s“ hat einen unveröffentlichten Entwurf; seinen Stand "
                    "bitte im Werkzeug eintragen oder erst den Entwurf veröffentlichen."
                )
                % {"tool": tool.title}
            )
        elif user is not None and not tool.permissions_for_user(user).can_publish():
            messages.append(
                _("Sie dürfen das Werkzeug „%(tool)s“ nicht veröffentlichen.")
                % {"tool": tool.title}
            )
    return messages


def write_progress(changes, user=None):
    """Set the states (note and evidence of an existing entry stay; None removes the entry) and
    publish each tool once, as a new revision, so the tool's history shows who changed what."""
    by_tool = {}
    for (pk, year), state in changes.items():
        by_tool.setdefault(pk, {})[year] = state
    for tool in ToolPage.objects.filter(pk__in=by_tool).order_by("pk"):
        entries = list(tool.progress.all())
        by_year = {entry.year: entry for entry in entries}
        for year, state in sorted(by_tool[tool.pk].items()):
            if state is None:
                by_year.pop(year, None)
            elif year in by_year:
                by_year[year].state = state
            else:
                by_year[year] = ToolProgress(year=year, state=state)
        entries = sorted(by_year.values(), key=lambda entry: entry.year)
        for order, entry in enumerate(entries):
            entry.sort_order = order
        tool.progress = entries
        tool.save_revision(user=user).publish(user=user)


def plan_frame(plan):
    """The plan as the import reads it: one row per action field; per planned year an X, or the
    state of the row's tools that year („begonnen“; „Titel: Stand“ per line for several)."""
    years = plan.plan_years
    columns = [
        "Handlungsfeld",
        "Handlungsfeld (Vokabular)",
        "Beschreibung",
        "Werkzeuge",
        "Weitere Schritte",
        "Ansprechperson",
        "Umsetzungsort",
        "Beteiligte",
        *[str(y) for y in years],
    ]
    states = {
        (entry.tool_id, entry.year): entry.state
        for entry in ToolProgress.objects.filter(tool__plan_links__row__plan=plan)
    }
    rows = []
    for item in plan.table_rows():
        row = item["row"]
        record = {
            "Handlungsfeld": row.title,
            "Handlungsfeld (Vokabular)": row.action_field.name if row.action_field_id else "",
            "Beschreibung": row.description,
            "Werkzeuge": "\n".join(tool.import_id or tool.title for tool in row.linked_tools),
            "Weitere Schritte": "\n".join(row.tool_list),
            "Ansprechperson": row.responsible,
            "Umsetzungsort": row.place,
            "Beteiligte": row.participants,
        }
        tools = row.linked_tools
        for year, marked in item["marks"]:
            record[str(year)] = _year_cell(tools, year, states) if marked else ""
        rows.append(record)
    import pandas as pd  # lazily: the admin URLs import this module in every worker

    return pd.DataFrame(rows, columns=columns)


def _year_cell(tools, year, states):
    found = [(tool, states[(tool.pk, year)]) for tool in tools if (tool.pk, year) in states]
    if not found:
        return "X"
    if len(tools) == 1:
        return found[0][1]
    return "\n".join(f"{tool.import_id or tool.title}: {state}" for tool, state in found)
