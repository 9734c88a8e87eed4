"""Dialogs opened from the window: export, duplicate picker."""
