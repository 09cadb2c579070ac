"""Corpus provenance: ingest pages into a store, trace copies across it, find one page's sources.

    ingest.py    pages -> store, in resumable batches
    trace.py     candidates -> compare engine -> relations -> stories, provenance graphs
    source.py    one page -> its best sources in the store
    commands.py  the ``ingest``, ``trace``, ``source``, ``errors`` and ``delete`` subcommands
"""
