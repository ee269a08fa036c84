"""Kommunaler Digitalisierungskatalog: load -> validate -> enrich -> render -> export."""
