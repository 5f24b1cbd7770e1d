"""Languages: one canonical language value, digits, and locale formatting (Babel)."""
