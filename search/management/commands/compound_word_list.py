"""Write search/data/compound_parts_de.txt, Elasticsearch's decompounder word list, from wordfreq."""

from importlib.metadata import version
from pathlib import Path

from django.core.management.base import BaseCommand

from search.backends.elasticsearch.documents import WORD_LIST_PATH, german_normalize
from search.german import ES_PART_ZIPF, elasticsearch_word_list

HEADER = """\
# German compound parts for Elasticsearch's dictionary_decompounder
# (search/backends/elasticsearch/documents.py), written by `manage.py compound_word_list`
# from wordfreq {version} (large German list): words of at least 4 letters with a Zipf
# frequency of at least {zipf}, stop words and prefixes left out, folded like Lucene's
# german_normalization. Data: wordfreq (Robyn Speer), CC BY-SA 4.0.
"""


class Command(BaseCommand):
    help = "Schreibt die Wortliste des Elasticsearch-Decompounders neu (aus wordfreq)."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(WORD_LIST_PATH))

    def handle(self, *args, output, **options):
        words = elasticsearch_word_list(german_normalize)
        text = HEADER.format(version=version("wordfreq"), zipf=ES_PART_ZIPF) + "\n".join(words)
        Path(output).write_text(text + "\n", encoding="utf-8")
        self.stdout.write(f"{len(words)} Wörter nach {output}")
