"""Burmese text: Zawgyi detection and conversion (`encoding`), one mark order (`order`)."""
