from grader.cli import entrypoint

entrypoint()
