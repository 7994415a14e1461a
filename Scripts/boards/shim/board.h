// What each board's start-up file (linux.c, mps2.c) gives the test server (server.c).
#pragma once
#include <stddef.h>
#include <stdint.h>

/// Reads up to `capacity` bytes of the host's requests; returns the count, 0 or less at the end.
long board_read(void *buffer, size_t capacity);
/// Writes all `count` bytes to the host.
void board_write(const void *buffer, size_t count);
/// Ends the program with `status` (0: success).
_Noreturn void board_exit(int status);
/// Fills the unused part of the stack with a pattern (a no-op where the stack is not measured).
void board_stack_paint(void);
/// The deepest stack use in bytes since the last paint, found by the first overwritten word; -1
/// where the stack is not measured.
int64_t board_stack_peak(void);
/// The request loop (server.c); never returns.
_Noreturn void board_serve(void);
