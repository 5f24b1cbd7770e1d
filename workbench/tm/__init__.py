"""Translation memory (domain): tokens, the scorer, the index and its brute-force reference.

- `tokens.py`: words, numbers, punctuation and tags (Burmese by syllables), with matching keys;
- `scoring.py`: the score (OmegaT's similarity, memoQ's 95–99 / 100 / 101 classes), the
  differences, numbers replaced in a match's target;
- `index.py` (arrays in `postings.py`): the best matches among a million units, exactly;
- `reference.py`: the brute-force lookups the index is checked against;
- `model.py`: `Unit`, `TmMatch`, the defaults (75, 5) and the order of matches.
"""
