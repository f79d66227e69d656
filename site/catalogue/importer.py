"""Import a Werkzeugkatalog from a spreadsheet: a pure function from DataFrame to ImportResult.

Key concepts: every row is parsed into the values `tool_values` (spreadsheet_columns) gives a
saved tool; any bad cell becomes a `RowError` (spreadsheet row, column header, German reason) and
then nothing is written. Rows match existing tools by `ID`, else by title within the
catalogue; a row whose values equal the tool's is left alone (no new revision), so a second
import of the same file changes nothing. New tools are published pages with a revision.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from taggit.models import Tag

from network.models import Person
from taxonomy.lookup import (
    LookupError_,
    RegionIndex,
    resolve_action_field,
    resolve_region,
    resolve_target_group,
)
from taxonomy.models import ActionField, TargetGroup
from taxonomy.vocabulary import slug_for
from werkstatt.locks import exclusive
from werkstatt.spreadsheets import (
    FORMULA_PREFIXES,
    ImportResult,
    RowError,
    fold,
    match_columns,
    parse_bool,
    parse_number,
    split_list,
)

from .models import BudgetLine, ToolPage, ToolPageTag, ToolStatus
from .models.tool import format_years, parse_years
from .pagewriter import PageWriter, deferred_indexes
from .spreadsheet_columns import COLUMNS, MULTILINE, REQUIRED, body_from_text, tool_values

STATUS_WORDS = {
    "bestehend": ToolStatus.EXISTING,
    "besteht": ToolStatus.EXISTING,
    "vorhanden": ToolStatus.EXISTING,
    "blau": ToolStatus.EXISTING,
    "existing": ToolStatus.EXISTING,
    "neu": ToolStatus.NEW,
    "gruen": ToolStatus.NEW,
    "new": ToolStatus.NEW,
}
MAX_TITLE = 255


@dataclass
class ParsedRow:
    row: int
    values: dict


NEW, CHANGED, UNCHANGED, SAME_TITLE = "neu", "geändert", "unverändert", "gleicher Titel"


@dataclass
class RowOutcome:
    """What the import does with one spreadsheet row (shown per row in the dry run)."""

    row: int
    title: str
    import_id: str
    action: str
    other_id: str = ""  # SAME_TITLE: the ID of the tool that already has this title

    @property
    def label(self):
        labels = {
            NEW: _("wird neu angelegt"),
            CHANGED: _("wird geändert"),
            UNCHANGED: _("bleibt unverändert"),
            SAME_TITLE: _("Titel gibt es schon unter der ID „%(id)s“: wird nicht angelegt")
            % {"id": self.other_id or "–"},
        }
        return labels[self.action]


def cell_text(value):
    """A cell as text; our own export's neutralising apostrophe before a formula sign is removed."""
    text = str(value or "").strip()
    if len(text) > 1 and text[0] == "'" and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def _fold_status(value):
    return STATUS_WORDS.get(fold(value))


def parse_advice(text):
    """'nein' / 'ja' / 'ja: Moderation' / 'Moderation der Auftaktveranstaltung' -> (needed, what)."""
    if not text:
        return False, ""
    head, sep, rest = text.partition(":")
    verdict = parse_bool(head)
    if sep and verdict is not None:
        return verdict, rest.strip() if verdict else ""
    verdict = parse_bool(text)
    if verdict is not None:
        return verdict, ""
    return True, text


class Lookups:
    """Vocabulary and regions in memory, built once per import (no query per row)."""

    def __init__(self):
        self.action_fields = list(ActionField.objects.all())
        self.target_groups = list(TargetGroup.objects.all())
        self.regions = RegionIndex()
        self.persons = {}
        for pk, name in Person.objects.values_list("pk", "name"):
            self.persons.setdefault(fold(name), []).append(pk)
        self.field_by_pk = {f.pk: f for f in self.action_fields}
        self.group_by_pk = {g.pk: g for g in self.target_groups}

    def person_id(self, text):
        """The network.Person of that exact name, if there is exactly one (else only the text is kept)."""
        head = text.split(",")[0]
        for candidate in (text, head):
            found = self.persons.get(fold(candidate), [])
            if len(found) == 1:
                return found[0]
        return None

    def region_id(self, text):
        return resolve_region(text, self.regions).pk


def _parse_row(number, get, lookups, errors):
    """Values of one row, appending a RowError for each bad cell."""

    def bad(column, message):
        errors.append(RowError(number, get.header(column), message))

    values = {"import_id": get("ID")}
    title = get("Werkzeug")
    if not title:
        bad("Werkzeug", _("Der Titel des Werkzeugs fehlt."))
    elif len(title) > MAX_TITLE:
        bad("Werkzeug", _("Der Titel ist länger als %(max)s Zeichen.") % {"max": MAX_TITLE})
    values["title"] = title

    status = get("Status")
    values["status"] = _fold_status(status)
    if not status:
        bad("Status", _("Der Status fehlt (bestehend oder neu)."))
    elif values["status"] is None:
        bad(
            "Status",
            _("„%(value)s“ ist kein Status. Erlaubt: bestehend oder neu.") % {"value": status},
        )

    fields = []
    names = split_list(get("Handlungsfeld"))
    if not names:
        bad("Handlungsfeld", _("Das Handlungsfeld fehlt."))
    for name in names:
        try:
            fields.append(resolve_action_field(name, lookups.action_fields).pk)
        except LookupError_ as exc:
            bad("Handlungsfeld", str(exc))
    primary = fields[0] if fields else None
    values["action_fields"] = (primary, *sorted(set(fields[1:]) - {primary}))

    groups = set()
    for name in split_list(get("Zielgruppen")):
        try:
            groups.add(resolve_target_group(name, lookups.target_groups).pk)
        except LookupError_ as exc:
            bad("Zielgruppen", str(exc))
    values["target_groups"] = tuple(sorted(groups))
    tags = {}
    for tag in split_list(get("Schlagworte")):
        if len(tag) > 100:
            bad("Schlagworte", _("Ein Schlagwort ist länger als 100 Zeichen."))
        tags.setdefault(tag.casefold(), tag)
    values["tags"] = tuple(sorted(tags.values()))

    values["region_id"] = None
    if get("Region"):
        try:
            values["region_id"] = lookups.region_id(get("Region"))
        except LookupError_ as exc:
            bad("Region", str(exc))

    budget_text = get("Budget (EUR)")
    values["budget"] = None
    if budget_text:
        amount = parse_number(budget_text)
        if amount is None:
            bad(
                "Budget (EUR)",
                _("„%(value)s“ ist kein Betrag (z. B. 1.500,50).") % {"value": budget_text},
            )
        elif amount < 0:
            bad("Budget (EUR)", _("Der Betrag darf nicht negativ sein."))
        elif amount >= 10**10:
            bad("Budget (EUR)", _("Der Betrag ist zu groß."))
        else:
            values["budget"] = Decimal(str(amount)).quantize(Decimal("0.01"))

    try:
        values["years"] = format_years(parse_years(get("Jahre")))
    except ValueError as exc:
        bad("Jahre", str(exc))
        values["years"] = ""

    good = parse_bool(get("Praxisbeispiel"))
    if good is None:
        bad(
            "Praxisbeispiel",
            _("Bitte „ja“ oder „nein“ angeben, nicht „%(value)s“.")
            % {"value": get("Praxisbeispiel")},
        )
    values["good_practice"] = bool(good)

    values["external_advice"], values["external_advice_text"] = parse_advice(
        get("Externe Beratung")
    )
    for key, column, limit in (
        ("location_text", "Umsetzungsort", 255),
        ("contact_name", "Ansprechperson", 200),
        ("funding", "Finanzierung", 255),
        ("external_advice_text", "Externe Beratung", 255),
        ("import_id", "ID", 100),
    ):
        if key != "external_advice_text":
            values[key] = get(column)
        if len(values[key]) > limit:
            bad(column, _("Der Text ist länger als %(max)s Zeichen.") % {"max": limit})
    values["_contact_id"] = (
        lookups.person_id(values["contact_name"]) if values["contact_name"] else None
    )
    values["summary"] = get("Kurzbeschreibung")
    values["description"] = get("Beschreibung")
    values["partners"] = get("Beteiligte")
    return values


class _Getter:
    """Cell access by canonical column name; missing optional columns read as ''."""

    def __init__(self, mapping):
        self.mapping = mapping
        self.row = None

    def __call__(self, canonical):
        header = self.mapping.get(canonical)
        return cell_text(self.row.get(header, "")) if header else ""

    def header(self, canonical):
        return self.mapping.get(canonical, canonical)


def parse_frame(frame, lookups=None, progress=None):
    """Parse every row; returns (parsed rows, errors). Nothing touches the database but lookups."""
    mapping, errors = match_columns(frame, COLUMNS, required=REQUIRED, multiline=MULTILINE)
    if errors:
        return [], errors
    lookups = lookups or Lookups()
    get = _Getter(mapping)
    parsed, seen_ids, seen_titles = [], {}, {}
    records = frame.to_dict("records")
    for index, record in enumerate(progress(records) if progress else records):
        number = int(frame.index[index]) + 2
        get.row = record
        values = _parse_row(number, get, lookups, errors)
        key_id = values["import_id"]
        key_title = values["title"].casefold()
        if key_id and key_id in seen_ids:
            errors.append(
                RowError(
                    number,
                    get.header("ID"),
                    _("Die ID kommt schon in Zeile %(row)s vor.") % {"row": seen_ids[key_id]},
                )
            )
        elif not key_id and key_title and key_title in seen_titles:
            errors.append(
                RowError(
                    number,
                    get.header("Werkzeug"),
                    _(
                        "Das Werkzeug steht schon in Zeile %(row)s (ohne ID werden Werkzeuge am Titel erkannt)."
                    )
                    % {"row": seen_titles[key_title]},
                )
            )
        if key_id:
            seen_ids[key_id] = number
        seen_titles.setdefault(key_title, number)
        parsed.append(ParsedRow(number, values))
    return parsed, errors


def _existing_tools(catalogue):
    return list(
        ToolPage.objects.child_of(catalogue)
        .prefetch_related(
            "further_action_fields", "target_groups", "tagged_items__tag", "budget_lines"
        )
        .order_by("path")
    )


def _match(parsed, tools):
    """Pair each row with its existing tool (by ID, else by title) or None."""
    by_id = {t.import_id: t for t in tools if t.import_id}
    by_title = {}
    for tool in tools:
        by_title.setdefault(tool.title.casefold(), tool)
    pairs = []
    for item in parsed:
        tool = None
        if item.values["import_id"]:
            tool = by_id.get(item.values["import_id"])
            if tool is None:
                candidate = by_title.get(item.values["title"].casefold())
                if candidate is not None and not candidate.import_id:
                    tool = candidate
        else:
            tool = by_title.get(item.values["title"].casefold())
        pairs.append((item, tool))
    return pairs


def is_unchanged(tool, values):
    """Same spreadsheet values, and the contact (if the file names a known person) already linked."""
    comparable = {k: v for k, v in values.items() if not k.startswith("_")}
    if values["_contact_id"] and values["_contact_id"] != tool.contact_id:
        return False
    return tool_values(tool) == comparable


def apply_fields(tool, values):
    """Set a tool's own fields (not its related rows) from spreadsheet values."""
    tool.import_id = values["import_id"]
    tool.title = values["title"]
    tool.status = values["status"]
    tool.primary_action_field_id = values["action_fields"][0]
    tool.summary = values["summary"]
    tool.body = body_from_text(values["description"])
    tool.location_text = values["location_text"]
    tool.location_region_id = values["region_id"]
    tool.contact_name = values["contact_name"]
    if values["_contact_id"]:
        tool.contact_id = values["_contact_id"]
    tool.partners = values["partners"]
    tool.external_advice = values["external_advice"]
    tool.external_advice_text = values["external_advice_text"]
    tool.years = values["years"]
    tool.good_practice = values["good_practice"]


def apply_values(tool, values, lookups):
    """Set a tool's fields and related rows from spreadsheet values (page not saved yet)."""
    apply_fields(tool, values)
    tool.further_action_fields.set([lookups.field_by_pk[pk] for pk in values["action_fields"][1:]])
    tool.target_groups.set([lookups.group_by_pk[pk] for pk in values["target_groups"]])
    tool.tags.set(list(values["tags"]))
    old_budget = tool_budget(tool)
    if old_budget != (values["budget"], values["funding"]):
        lines = []
        if values["budget"] is not None or values["funding"]:
            lines.append(BudgetLine(amount=values["budget"], funding=values["funding"]))
        tool.budget_lines = lines


def _through(name):
    return ToolPage._meta.get_field(name).remote_field.through


class NewToolRows:
    """The related rows of new tools (further action fields, target groups, tags, budget line),
    written after their pages with one INSERT per kind and 500 rows, not one per row and tool;
    the same rows `apply_values` and a page save would write."""

    def __init__(self):
        self.fields, self.groups, self.budget_lines, self.tags = [], [], [], []

    def add(self, tool, values):
        FieldLink, GroupLink = _through("further_action_fields"), _through("target_groups")
        self.fields += [
            FieldLink(toolpage_id=tool.pk, actionfield_id=pk) for pk in values["action_fields"][1:]
        ]
        self.groups += [
            GroupLink(toolpage_id=tool.pk, targetgroup_id=pk) for pk in values["target_groups"]
        ]
        self.tags += [(tool.pk, name) for name in values["tags"]]
        if values["budget"] is not None or values["funding"]:
            self.budget_lines.append(
                BudgetLine(
                    tool_id=tool.pk,
                    amount=values["budget"],
                    funding=values["funding"],
                    sort_order=0,
                )
            )

    def _tags_by_name(self):
        """Existing tags by exact name (as taggit matches them); missing ones are created once."""
        names = {name for _, name in self.tags}
        tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
        for name in sorted(names - tags.keys()):
            tags[name] = Tag.objects.create(name=name)
        return tags

    def save(self):
        tags = self._tags_by_name()
        for model, rows in (
            (_through("further_action_fields"), self.fields),
            (_through("target_groups"), self.groups),
            (BudgetLine, self.budget_lines),
            (
                ToolPageTag,
                [ToolPageTag(content_object_id=pk, tag=tags[name]) for pk, name in self.tags],
            ),
        ):
            model.objects.bulk_create(rows, batch_size=500)
        self.__init__()


def tool_budget(tool):
    from .spreadsheet_columns import budget_funding

    if tool.pk is None:
        return (None, "")
    return budget_funding(list(tool.budget_lines.all()))


def _plan(result, parsed, catalogue, allow_same_title=False):
    """Count new, changed, unchanged and held-back rows into `result`; returns the (row, tool)
    pairs to write.

    A row with an ID the catalogue does not know, whose title another tool already has, is held
    back (SAME_TITLE) unless `allow_same_title`: importing the README sample into the demo
    otherwise published duplicate „Wohnlotsen“ pages without a word.
    """
    tools = _existing_tools(catalogue)
    by_title = {}
    for existing in tools:
        by_title.setdefault(existing.title.casefold(), existing)
    work = []
    for item, tool in _match(parsed, tools):
        title, import_id = item.values["title"], item.values["import_id"]
        if tool is None:
            twin = by_title.get(title.casefold())
            if twin is not None and not allow_same_title:
                result.held_back += 1
                result.rows.append(
                    RowOutcome(item.row, title, import_id, SAME_TITLE, twin.import_id)
                )
                continue
            result.created += 1
            result.rows.append(RowOutcome(item.row, title, import_id, NEW))
            work.append((item, None))
        elif is_unchanged(tool, item.values):
            result.unchanged += 1
            result.rows.append(RowOutcome(item.row, title, import_id, UNCHANGED))
        else:
            result.updated += 1
            result.rows.append(RowOutcome(item.row, title, import_id, CHANGED))
            work.append((item, tool))
    return work


def import_catalogue(
    frame, catalogue, dry_run=False, user=None, progress=None, allow_same_title=False
):
    """Check every row, then (unless dry_run or any error) create/update the tools, all or nothing.

    Comparing with the catalogue and writing happen under one lock per catalogue
    (`werkstatt.locks.exclusive`): a second import at the same time waits, then sees the
    first one's tools; after the wait it raises `Busy` (German message), never a traceback.
    """
    result = ImportResult()
    lookups = Lookups()
    parsed, errors = parse_frame(
        frame, lookups, progress=None if progress is None else progress("Prüfen")
    )
    if errors:
        result.errors = sorted(errors, key=lambda e: e.row or 0)
        return result
    if dry_run:
        _plan(result, parsed, catalogue, allow_same_title)
        return result
    with exclusive(f"catalogue-import:{catalogue.pk}", catalogue.title):
        work = _plan(result, parsed, catalogue, allow_same_title)
        if not work:
            return result
        writer, rows = PageWriter(catalogue, user=user), NewToolRows()
        with deferred_indexes(ToolPage):
            for item, tool in progress("Schreiben")(work) if progress else work:
                if tool is None:
                    tool = ToolPage(slug=slug_for(item.values["title"])[:200] or "werkzeug")
                    apply_fields(tool, item.values)
                    writer.create(tool)
                    rows.add(tool, item.values)
                else:
                    apply_values(tool, item.values, lookups)
                    writer.update(tool)
            rows.save()
            writer.finish()
    return result
