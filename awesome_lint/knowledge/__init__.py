"""Facts without a tree: venues, URL and paper-id forms, titles, product names, link labels."""
