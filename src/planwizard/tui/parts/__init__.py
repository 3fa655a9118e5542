"""Parts of the screens that are not screens: a mixin, cards, a section, a pasted list."""
