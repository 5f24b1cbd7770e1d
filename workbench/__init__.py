"""Offline translation and glossary workbench (core package; never imports Textual)."""

__version__ = "0.1.0"
