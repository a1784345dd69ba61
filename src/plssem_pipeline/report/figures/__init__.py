"""The report's figures (matplotlib, Agg backend), PNG and PDF.

* :mod:`.charts` — every figure of the report (loadings, bootstrap histograms,
  HTMT heatmap, and the structural model re-exported from :mod:`.structural_model`);
* :mod:`.structural_model` — the path model drawn as SmartPLS draws it;
* :mod:`.layout` — where the structural model's constructs go: columns by
  depth, ordering and a coordinate descent against overlaps and crossings;
* :mod:`.cost` — what a placement of the structural model's constructs gets wrong, weighed into one cost;
* :mod:`.roles` — interaction terms, control variables and higher-order constructs in the structural model;
* :mod:`.geometry` — sizes, indicator boxes, connectors, footprints, segments and rectangles;
* :mod:`.labels` — the structural model's labels placed clear of every line, shape and other label;
* :mod:`.print_size` — the size the LaTeX report prints each figure at, and its scale;
* :mod:`.drawing` — the Agg backend, plain text and timestamp-free PNG/PDF output.
"""
