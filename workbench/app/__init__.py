"""Application services called by both the CLI and the TUI: workspace, editing, importing, checking, exchange."""
