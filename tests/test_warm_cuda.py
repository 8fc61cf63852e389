"""The warm template must not touch CUDA before it forks: a CUDA context (or the driver's initialisation) does
not survive a fork, so every hand-in trained on the GPU would fail. The template's preload is run here with
every entry into CUDA recorded."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import json, torch
calls = []
def record(name, original):
    def recorded(*a, **k):
        calls.append(name)
        return original(*a, **k)
    return recorded
for owner, name in ((torch.cuda, "_lazy_init"), (torch.cuda, "init"), (torch.cuda, "is_available"),
                    (torch.cuda, "device_count"), (torch.cuda, "current_device"), (torch._C, "_cuda_init"),
                    (torch._C, "_cuda_getDeviceCount")):
    if hasattr(owner, name):
        setattr(owner, name, record(name, getattr(owner, name)))
from grader.sandbox import zygote
zygote._preload()
from grader import training
from grader.sandbox import child, steps
print(json.dumps({"calls": calls, "initialised": torch.cuda.is_initialized(),
                  "patched": torch.cuda._lazy_init.__name__}))
"""


def test_the_templates_preload_never_enters_cuda() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True,
                         timeout=300, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["patched"] == "recorded"  # the recording was in place while the grader's modules loaded
    assert seen == {"calls": [], "initialised": False, "patched": "recorded"}
