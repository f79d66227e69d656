"""Every relation that points at `network.Person`, found generically (hidden ones included)."""

from dataclasses import dataclass

from django.db import models


@dataclass(frozen=True)
class PersonRelation:
    model: type  # the model holding the field
    field: models.Field  # ForeignKey/OneToOne/ManyToMany pointing at Person

    @property
    def many(self):
        return self.field.many_to_many

    @property
    def nullable(self):
        return not self.many and self.field.null

    @property
    def cascades(self):
        return not self.many and self.field.remote_field.on_delete is models.CASCADE

    def referencing(self, person):
        """Objects of `model` that point at `person` through this field."""
        return self.model._base_manager.filter(**{self.field.name: person})


def person_relations():
    """All (model, field) pairs referencing Person, incl. related_name='+' and Membership."""
    from ..models import Person

    relations = []
    for rel in Person._meta.get_fields(include_hidden=True):
        if not (rel.is_relation and rel.auto_created and not rel.concrete):
            continue
        field = rel.field
        model = rel.related_model
        if model._meta.auto_created or model._meta.proxy:
            continue  # the automatic table behind a ManyToManyField: covered by the M2M itself
        relations.append(PersonRelation(model=model, field=field))
    return relations
