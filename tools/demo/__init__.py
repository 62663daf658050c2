"""The demo district generator (run it as tools/make_demo.py).

data       fixed parameters and tables (seed, dates, enterprises, names, the import manifest)
values     identifier check characters and the date styles cells are written in
entities   the records: Enterprise, View (one export's statement about a patent), Patent, Trademark
model*     Demo, built by mixins in a fixed order (the random draws depend on it)
oracle     the ground truth of tools/demo_facts.json, from the model, never from the written files
sheets, writers*, readme   every committed file of imports/demo, README.md and 导入说明.csv included
"""
