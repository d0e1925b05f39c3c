"""Importers for prices files (see `base.Importer`)."""
