"""Importers for worldbank files (see `base.Importer`)."""
