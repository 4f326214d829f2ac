// LAPACKE declares complex scalars as C99 `_Complex` unless told otherwise; Swift cannot import
// those, so we ask for LAPACKE's struct representation (layout-compatible with interleaved re/im).
#define LAPACK_COMPLEX_STRUCTURE 1
#define FORCE_OPENBLAS_COMPLEX_STRUCT 1
#include <lapacke.h>
