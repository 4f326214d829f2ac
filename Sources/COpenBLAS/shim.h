// OpenBLAS's CBLAS interface. Complex scalars are returned as C99 `_Complex`, which Swift cannot
// import, so we force OpenBLAS's struct representation.
#define FORCE_OPENBLAS_COMPLEX_STRUCT 1
#include <cblas.h>
