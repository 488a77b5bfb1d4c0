//! Cell cleaning: exact money, dates, ids, integers and rates out of messy export cells.
