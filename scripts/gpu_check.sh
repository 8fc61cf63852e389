#!/usr/bin/env bash
# The GPU check: grade the correct example once, end to end, training on the GPU, and print its wall time and
# grade. On a machine without CUDA it says so and exits 0 without grading anything.
# Usage: scripts/gpu_check.sh [--data-root DIR] [--rubric FILE]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
exec timeout 900 python3 -m grader.bench --phase gpu "$@"
