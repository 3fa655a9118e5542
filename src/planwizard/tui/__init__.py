"""The terminal interface: the app, its screens and widgets, and styles."""
