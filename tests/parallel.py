"""How `make test` splits the suite over pytest-xdist workers without changing what a test sees.

pytest-django runs the tests that roll back (`db`) before the transactional ones, whose flush
empties every table: what the migrations made and the seed restore in tests/conftest.py does not
put back (the root collection, the groups and the review workflow) is then gone. Serially every
rollback test therefore sees the migrated database. Plain `--dist loadfile` hands out whole files,
so a worker could run a file's transactional tests and then another file's rollback tests on
the flushed database.

This scheduler keeps pytest-django's order on every worker: the work units are the runs of one
file in that order (a file with both kinds is two units), handed out in that order, never sorted
by size. A file's tests still stay together otherwise, so its module-scoped fixtures are built
once. Checked against pytest-xdist 3.8: `_split_scope` is the method its own LoadFileScheduling
overrides to define the unit.
"""

from xdist.scheduler import LoadScopeScheduling


class DatabaseOrderScheduling(LoadScopeScheduling):
    def __init__(self, config, log=None):
        super().__init__(config, log)
        # Sorting the units by size would run a transactional unit before rollback ones.
        config.option.loadscopereorder = False
        self.units = {}

    def schedule(self):
        if self.collection is None and self.collection_is_completed:
            previous, runs = None, {}
            for nodeid in next(iter(self.registered_collections.values())):
                path = nodeid.split("::", 1)[0]
                if path != previous:
                    runs[path] = runs.get(path, 0) + 1
                    previous = path
                self.units[nodeid] = f"{path}#{runs[path]}"
        super().schedule()

    def _split_scope(self, nodeid):
        return self.units[nodeid]
