"""The child process: imports, builds, probes, trains and runs the student's network.

Started by ``grader.sandbox.runner`` as ``python -m grader.sandbox.child REQUEST``. It
writes one JSON object per line to the file descriptor the request names and never
judges anything: it sends measurements (shapes, counts, losses, predictions, the
network's weights) and the parent decides. The test labels are never given to it.

The student's code runs in this interpreter, so the grader's side is captured before the
student's import and kept in local variables only: the channel (a closure over ``os.write``
and ``json.dumps`` as they were, and the run's secret read from stdin, which no file holds)
and the measuring functions. Nothing of it is reachable as a module attribute.
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from grader.sandbox.protocol import JSON, Request, Send



def _channel(fd: int, nonce: str) -> Send:
    """One JSON object per line on the results pipe, signed with the run's secret."""
    import json
    import os

    write, dumps, encode = os.write, json.dumps, str.encode

    def send(kind: str, /, **payload: JSON) -> None:
        data = encode(dumps({"type": kind, "k": nonce, **payload}) + "\n")
        while data:
            data = data[write(fd, data):]

    return send


def _error_text(exc: BaseException) -> str:
    """The student's own frames only, ending in the exception line."""
    import traceback
    from pathlib import Path

    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "grader" not in Path(f.filename).parts]
    where = f" (line {frames[-1].lineno} in {Path(frames[-1].filename).name})" if frames else ""
    return f"{type(exc).__name__}: {exc}"[:250] + where


def main(request_path: str) -> int:
    from pathlib import Path

    from grader.sandbox.protocol import Request

    nonce = sys.stdin.readline().strip()
    sys.stdin.close()
    return serve(Request.from_json(Path(request_path).read_text()), nonce)


def serve(req: Request, nonce: str) -> int:
    """The run itself, from the request on: shared by the fresh child and the warm template's forks."""
    import os
    from pathlib import Path

    send = _channel(req.fd, nonce)
    stage = "import"
    try:
        import torch

        from grader import training
        from grader.sandbox import steps
        from grader.sandbox.loader import load_module

        # captured before the student's import: patching the modules afterwards does not reach these names
        find_class, measure, weights_payload, train_and_predict = (
            steps.find_class, steps.measure, steps.weights_payload, steps.train_and_predict)
        training.set_determinism(req.seed, req.threads)
        send("stage", stage=stage)
        module, skipped = load_module(Path(req.code_path))
        send("imported", skipped_lines=skipped)
        stage = "find"
        cls = find_class(module, req.class_name)
        stage = "build"
        send("stage", stage=stage)
        model = cls()
        stage = "forward"
        send("stage", stage=stage)
        send("probe", **measure(model, tuple(req.input_shape), req.seed))
        if req.train is None:
            send("weights", when="built", **weights_payload(model, None))
        else:
            stage = "train"
            send("stage", stage=stage)
            train_and_predict(send, cls, req)
            stage = "evaluate"
        del torch
    except BaseException as exc:  # noqa: BLE001 - every failure of student code is reported, not raised
        send("error", stage=stage, error=_error_text(exc))
        return 0
    send("done")
    os._exit(0)  # skip the interpreter's teardown (a second of torch clean-up): everything is sent


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
