# Command-line tools built on framecast_core.
