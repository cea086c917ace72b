"""``export-torch FILE OUT.py`` and ``export-numpy FILE OUT.py``: a script that trains the same way.

The script is standalone (see :mod:`engine.files.export_script`): ``python OUT.py --steps N --save
OUT.json`` ends on the parameters ``train FILE --steps N`` ends on, and writes them as a
network file. FILE and OUT.py are checked before anything is written.
"""

from __future__ import annotations

from engine.commands.common import EXIT_OK, check_output_path
from engine.files.export_numpy import export_numpy
from engine.files.export_torch import export_torch
from engine.files.netfile import load
from engine.i18n import tr

EXPORTERS = {"torch": (export_torch, "PyTorch"), "numpy": (export_numpy, "NumPy")}


def export(spec: str, out: str, kind: str) -> int:
    """Write the ``kind`` ("torch" or "numpy") script of ``spec``'s network to ``out``."""
    experiment = load(spec)
    check_output_path(out, "OUT.py", ".py")
    write, library = EXPORTERS[kind]
    write(experiment, out, spec)
    print(tr("wrote {out}, a {library} script that trains {spec} as `train` does",
             out=out, library=library, spec=spec))
    print(tr("run it: {command}", command=f"python {out} --steps N [--save OUT.json]"))
    return EXIT_OK
