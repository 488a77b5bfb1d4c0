//! Header row detection and header-name normalisation.
