"""Files generated from the models and checked in: the Frictionless descriptor and table schemas,
the JSON Schemas (of records and of the nested export), the data dictionary and the rule catalogue.

``mydiplo generate`` writes them (:mod:`mydiplo.generate.files`); ``--check``
fails when any of them drifts from the models.
"""
