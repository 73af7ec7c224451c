"""Small numbers kept private: the publication rule, secondary suppression, and the published set
of counts of people that every page, download and deck shows.
"""
