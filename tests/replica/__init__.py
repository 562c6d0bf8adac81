"""A replica of the news21 site in its documented markup, with its ground truth."""
