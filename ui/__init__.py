"""2D and in-world user interface: panels, overlays, menus, the string catalogue."""
