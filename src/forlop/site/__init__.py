"""What every page of the site shares: ``base.html`` and its includes, the error
pages, the site's CSS and scripts (``static/forlop``, ``static/vendor``) and paging.

It sits at the bottom of the apps (ADR 15): it imports nothing of forlop, so every
app may use it.
"""
