"""What the data says beyond its tables: coded events and dyads, the actor network, typed frames for
pandas and polars, SQL queries and one record with everything linked to it.

Exporters (:mod:`mydiplo.export`) write these; nothing here writes a file.
"""
