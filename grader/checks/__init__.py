"""Check plugins: each grades one kind of rubric item behind the interface in ``base``."""
