"""``secordoc serve``: a local web page over the same check as the command line."""
