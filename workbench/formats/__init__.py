"""Glossary exchange formats: TBX (ISO 30042) and CSV/TSV, read and written through `glossary_io`."""
