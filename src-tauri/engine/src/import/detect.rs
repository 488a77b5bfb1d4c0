//! Recognising a file's platform and report kind from its headers, sheet and file names.
