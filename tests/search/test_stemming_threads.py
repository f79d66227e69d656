"""Stemming from several threads gives every word its own stem (the PostgreSQL rebuild stems in
several threads; one shared Snowball stemmer returned other words' stems and IndexErrors)."""

import threading

import snowballstemmer
from wordfreq import top_n_list

from search.german import snowball_stem

WORDS = top_n_list("de", 20_000)


def test_threads_stem_every_word_as_one_thread_does():
    expected = [snowballstemmer.stemmer("german").stemWord(w) for w in WORDS]
    results, errors = {}, []

    def work(offset):
        try:
            # Each thread walks the list from another point so the threads interleave words.
            order = WORDS[offset:] + WORDS[:offset]
            results[offset] = [snowball_stem(w) for w in order]
        except Exception as exc:  # noqa: BLE001 - the test reports every failure below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i * 4_999,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    for offset, stems in results.items():
        unrolled = stems[len(WORDS) - offset :] + stems[: len(WORDS) - offset]
        wrong = [(w, s, e) for w, s, e in zip(WORDS, unrolled, expected, strict=True) if s != e]
        assert wrong == [], f"{len(wrong)} falsche Stämme, z. B. {wrong[:3]}"
