"""Recognisers that read the page layout: activity dates, signature fields and the signature stage."""
