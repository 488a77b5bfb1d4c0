//! Platform formats as data: header aliases, column roles, grain, signs, status maps.
