"""`workbench serve`'s HTTP side: a WSGI app over workbench.app.serving, run by waitress."""
