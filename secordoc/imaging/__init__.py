"""Image preparation before OCR: a phone photo's sheet found, flattened and evenly lit."""
