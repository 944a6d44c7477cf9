"""Stream an archive out for other tools: ``select`` picks and orders the lines,
``csvrows`` flattens records into safe CSV cells."""
