"""Child rows of clusterable models (orderables, tags, inline rows) and the objects they belong to.

Such a row hangs on its parent through a ParentalKey: it is saved with the parent's revision and
shown in the parent's editor, so whoever cares about the parent (search, erasure, revisions)
asks the same two questions here.
"""

from modelcluster.fields import ParentalKey


def parental_keys(model):
    """The ParentalKeys of `model` (inherited ones too)."""
    return [field for field in model._meta.concrete_fields if isinstance(field, ParentalKey)]


def parents_of(obj, keys=None):
    """The objects `obj` belongs to through `keys` (default: all its ParentalKeys), unset ones
    left out."""
    for field in parental_keys(type(obj)) if keys is None else keys:
        parent = getattr(obj, field.name, None)
        if parent is not None:
            yield parent
