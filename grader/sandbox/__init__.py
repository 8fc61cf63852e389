"""Running student code: only ever in a child process, which reports measurements back."""
