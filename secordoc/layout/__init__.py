"""The page layout model: lines, rules, boxes, tables and label-value pairs, built once per page."""
