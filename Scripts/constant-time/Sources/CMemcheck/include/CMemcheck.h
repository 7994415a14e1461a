// Marks memory as secret ("undefined") or public ("defined") for valgrind's memcheck.
// Outside valgrind these do nothing.
#include <stddef.h>

/// Memcheck will report every branch and every address computed from these bytes.
void ct_secret(void *address, size_t length);
/// The bytes may be used freely again (a result that is about to become public).
void ct_public(void *address, size_t length);
/// Non-zero when running under valgrind.
int ct_running_on_valgrind(void);
/// The number of errors memcheck has reported so far (0 outside valgrind).
unsigned ct_error_count(void);
