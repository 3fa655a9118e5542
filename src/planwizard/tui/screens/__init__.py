"""The app's screens: home, the four steps of the wizard, help and small dialogs."""
