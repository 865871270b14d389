"""Roles of an event trigger placeholder."""
