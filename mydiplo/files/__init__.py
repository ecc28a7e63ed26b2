"""Reading and writing the data package's files: finding the package, opening table files, the
canonical CSV form, records from rows, JSON text, and atomic writes.

This is the lowest layer above the models and the registry: validation,
loading, the contributor tools and the exports all read and write through it.
"""
