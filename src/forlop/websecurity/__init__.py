"""Web hardening that is not about who signs in: response headers and safe logs."""
