"""Reading what students hand in: Markdown/LaTeX reports, notebooks, structured answer files."""
