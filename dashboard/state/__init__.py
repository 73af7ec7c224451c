"""What the reader has chosen, kept in the URL: the sidebar's community filter and publication
switches, and what a page says about itself (its title, when its data last changed).
"""
