// Node 24's V8 can free a WebAssembly import wrapper twice when its code GC races the wrapper's tier-up
// (nodejs/node#66366; fixed in V8 upstream, in no 24.x release yet): the whole process dies on "Check failed:
// jit_page_->allocations_.erase(addr) == 1" (or a segmentation fault), whatever it was doing. PGlite (PostgreSQL
// compiled to WebAssembly, on its own thread) and Prisma's query compiler are WebAssembly; a test process opens and
// closes hundreds of PGlite instances, the app one per start. With the code GC off the race cannot happen: code
// replaced by its optimised version is kept instead of freed (no measurable memory, README "Performance").
// Flags are the process's, so this holds for every thread; it is set here because every process that opens a
// database imports this module first (V8 reads the flag when it frees code, so setting it at run time takes effect,
// checked by tests/store/wasm-code-gc.test.ts).
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-wasm-code-gc');
