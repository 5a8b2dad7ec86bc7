"""Referral intake (*henvisninger*): register a received referral, list those waiting
for assessment with their legal deadline, assess and start the pathway in one step."""
