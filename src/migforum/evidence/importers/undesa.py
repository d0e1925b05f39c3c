"""Importers for undesa files (see `base.Importer`)."""
