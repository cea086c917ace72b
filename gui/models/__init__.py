"""Qt item models that present engine objects (read from the document) to Qt views."""
