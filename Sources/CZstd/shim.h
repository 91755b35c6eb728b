// The static-linking-only section exposes nothing we need: the stable API and ZDICT suffice.
#include <zstd.h>
#include <zdict.h>
