"""OpenID Connect sign-in: HelseID for staff, ID-porten for patients."""
