"""Figures over the store: every Part I metric, the district headline, rankings, summaries and portfolios.

Where each rule lives:

* ``registry``   -- the one ``Metric`` table: key, Chinese name, unit, stock/flow, 口径 text, the district
  SQL (``district``) and the per-holder source a ranking counts (``holders``), aliases, import kinds;
* ``predicates`` -- the SQL tests shared by every figure (in force on D, the register at P's end, …);
* ``query``      -- the parameters every figure binds (D, P, the 10-year cutoff);
* ``district``   -- the district totals (each right once, whoever holds it);
* ``holders``    -- per-enterprise sources (every holder credited in full);
* ``headline`` / ``rankings`` / ``summary`` / ``portfolio`` -- the results as plain frozen dataclasses;
* ``numbers``    -- money unit, ``change()`` and ``growth()``;
* ``wording`` / ``as_json`` -- Chinese sentences and money text, and the JSON contracts.
"""
