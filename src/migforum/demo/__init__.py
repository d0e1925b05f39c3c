"""Demonstration data for trying the platform and measuring it: generators, and the phrases
they write with as data files. The server never imports this package; the `demo-data` command
does, when it runs."""
