"""Importers: drafts of records from files other tools publish (publiccode.yml)."""
