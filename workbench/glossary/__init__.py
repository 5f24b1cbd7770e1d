"""The termbase: concept entries, terms, renderings, matching and the approval workflow."""
