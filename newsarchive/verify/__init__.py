"""Check an archive without trusting it: ``lines`` reads every line against the JSON
Schema, ``chains`` checks each article's revision history, ``agreement`` checks the
index against the files. Facts gathered from the lines go to a temporary SQLite file,
so memory does not grow with the archive, and every problem is reported, never
raised: a verifier that crashes on damage is no verifier."""
