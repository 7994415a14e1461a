#include "CMemcheck.h"
#include <valgrind/memcheck.h>

void ct_secret(void *address, size_t length) { VALGRIND_MAKE_MEM_UNDEFINED(address, length); }
void ct_public(void *address, size_t length) { VALGRIND_MAKE_MEM_DEFINED(address, length); }
int ct_running_on_valgrind(void) { return RUNNING_ON_VALGRIND; }
unsigned ct_error_count(void) { return VALGRIND_COUNT_ERRORS; }
