"""Data subject rights (DSGVO Art. 15, 17): export everything stored about a person, erase every trace.

Key concepts: other apps point at persons with nullable foreign keys (`related_name="+"`) or
through models; `person_relations()` finds them generically, so network never imports catalogue
or projects. Erasure deletes the person and memberships, nulls references, scrubs the name,
e-mail and phone from page revisions, log entries and every text column of the project's own
apps, removes search documents and logs the erasure without the name.
"""

from .erase import ErasureReport, erase_person
from .export import export_person
from .relations import person_relations

__all__ = ["ErasureReport", "erase_person", "export_person", "person_relations"]
