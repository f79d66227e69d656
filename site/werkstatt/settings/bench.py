"""Benchmark only (`manage.py bench_serving`): the production settings plus a hello-world URL.

The hello-world view is the yardstick for "what this server costs without Werkstatt"; it is
mounted here and nowhere else, so production never serves it.
"""

from .production import *  # noqa: F403

ROOT_URLCONF = "werkstatt.bench_urls"
# The yardstick is Django itself with the same middleware, not an answer from the page cache.
PAGE_CACHE_EXCLUDED_PATHS = (*PAGE_CACHE_EXCLUDED_PATHS, "/bench/")  # noqa: F405
