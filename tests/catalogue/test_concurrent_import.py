"""Two imports into the same catalogue at once: one waits for the other; no duplicates, no
traceback. When the other holds the catalogue too long, the second stops with a German message."""

import io
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from catalogue.models import ToolPage
from werkstatt.locks import exclusive

from .conftest import SAMPLE


def _import_in_thread(catalogue, barrier, outcomes):
    def run():
        out = io.StringIO()
        try:
            barrier.wait(timeout=30)
            call_command(
                "import_catalogue",
                str(SAMPLE),
                "--catalogue",
                catalogue.slug,
                stdout=out,
                stderr=io.StringIO(),
                verbosity=0,
            )
            outcomes.append(("ok", out.getvalue()))
        except CommandError as error:
            outcomes.append(("refused", str(error)))
        except Exception as error:  # what the issue saw: a raw IntegrityError
            outcomes.append(("traceback", repr(error)))
        finally:
            connection.close()

    return threading.Thread(target=run)


@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_create_each_tool_once(catalogue):
    barrier = threading.Barrier(2)
    outcomes = []
    threads = [_import_in_thread(catalogue, barrier, outcomes) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert [kind for kind, _text in outcomes] == ["ok", "ok"], outcomes
    summaries = sorted(text.strip() for _kind, text in outcomes)
    assert summaries == ["0 neu, 0 geändert, 4 unverändert", "4 neu, 0 geändert, 0 unverändert"]
    titles = list(ToolPage.objects.child_of(catalogue).values_list("title", flat=True))
    assert len(titles) == 4 == len(set(titles))


@pytest.mark.django_db(transaction=True)
@override_settings(WERKSTATT_LOCK_WAIT=0.5)
def test_second_import_stops_with_a_german_message_while_the_first_holds_on(catalogue):
    outcomes = []
    barrier = threading.Barrier(2)
    with exclusive(f"catalogue-import:{catalogue.pk}", catalogue.title):
        thread = _import_in_thread(catalogue, barrier, outcomes)
        thread.start()
        barrier.wait(timeout=30)
        thread.join(timeout=120)
    assert outcomes == [
        (
            "refused",
            "Gerade läuft schon ein Import in „Werkzeugkatalog Kreis Düren“. Es wurde nichts "
            "geschrieben; bitte in einigen Minuten erneut versuchen.",
        )
    ]
    assert not ToolPage.objects.child_of(catalogue).exists()
