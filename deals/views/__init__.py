"""Deal, company, review and tip views, a module per page family."""
