"""The PySide6 window: views that show and edit the engine's network through gui.document."""
