"""The slide deck: what goes in it (content), its native charts and text fitted to its boxes,
and the build that turns them into a 16:9 PowerPoint file.
"""
