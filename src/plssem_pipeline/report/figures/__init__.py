"""The report's figures (matplotlib, Agg backend), PNG and PDF: :mod:`.charts`; the structural model's
automatic layout: :mod:`.layout`."""
