"""Docked panels beside the canvas: step controls, inspector, weight tables, explanations."""
