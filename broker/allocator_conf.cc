// jemalloc's options for liaison-broker. jemalloc reads this string at its
// first allocation (man 3 jemalloc, "malloc_conf"); MALLOC_CONF in the
// environment is read after it and wins, so an operator can still change
// any of them. Linked only when the broker is built on jemalloc
// (broker/CMakeLists.txt).
//
// dirty_decay_ms:1000 (default 10000): pages freed by the program go back to
// the kernel over about a second instead of ten. The broker allocates and
// frees about 1.6 GiB a second under load (docs/performance.md, "Bytes
// allocated"), so the pages jemalloc keeps for reuse follow that churn; with
// ten seconds they made resident memory drift up in the 30-minute soak
// (docs/faults.md, "Soak").
//
// tcache_max:4096 (default 32768): each thread keeps freed objects of up to
// 4 KiB, not 32 KiB, in its own cache for its next allocation of that size.
// jemalloc counts what such a cache holds as allocated, and a thread's cache
// is trimmed only as that thread allocates. The gRPC server keeps up to 128
// idle handler threads (broker/server/broker_server.cc), so every thread a
// burst of calls once woke kept up to a few MiB of freed blocks: in the soak
// the caches held 9-19 MiB, half of the live heap, and grew with the handler
// threads. With 4 KiB they held 3-4 MiB, at no measurable CPU cost.
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "dirty_decay_ms:1000,tcache_max:4096";
}
