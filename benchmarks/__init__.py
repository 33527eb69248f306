"""Speed and memory benchmarks of cchc-analysis: run ``python -m benchmarks`` (see README.md here)."""
