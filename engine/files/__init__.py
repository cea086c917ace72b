"""Everything read or written: network files, presets, CSV, atomic writes, exported scripts."""
