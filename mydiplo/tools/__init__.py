"""The contributor's tools: ``mydiplo fmt`` (canonical form), ``mydiplo diff`` (record-level changes
between versions) and ``mydiplo build`` (reproducible release files)."""
