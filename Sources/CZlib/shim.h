// The system zlib, for the deflate of HDR histograms in the result JSON (docs/result-format.md "histograms").
#include <zlib.h>
