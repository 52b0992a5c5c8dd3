raise ImportError('No module named mkdocs (the renderer is not installed)')
