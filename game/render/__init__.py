"""Rendering: PBR pipeline, baked procedural materials, sun and sky, frame statistics."""
