"""Widgets shared by the screens: stepper, fields, date input, checklist, item tables."""
