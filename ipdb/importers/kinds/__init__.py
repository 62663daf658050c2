"""One module per spreadsheet kind, each holding one SheetSpec (and the small function that stores it)."""
