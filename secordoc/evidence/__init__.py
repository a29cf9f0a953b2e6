"""Evidence pictures for reports: the package's pages as images, and small crops of the regions
that decided a document's title, date and signatures."""
