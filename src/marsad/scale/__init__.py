"""Scaling out: Spark jobs over archives larger than one machine."""
