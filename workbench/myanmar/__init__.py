"""Burmese text: the script's ranges and syllables (`script`), Zawgyi detection and conversion
(`encoding`, `lines`, `typing`), one mark order (`order`), honorifics before names (`honorifics`)."""
