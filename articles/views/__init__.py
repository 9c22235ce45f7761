"""Article pages: browse/search (`browse`), stories added by hand (`manual`), sources (`sources`)."""
