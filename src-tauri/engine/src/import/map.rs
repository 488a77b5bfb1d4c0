//! The one generic importer: a format table + rows of cells → ledger records into a sink.
