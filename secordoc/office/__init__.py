"""Word and Excel files read as documents: which zip is an office file, and how its text is laid out."""
