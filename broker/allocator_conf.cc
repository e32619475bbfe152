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
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "dirty_decay_ms:1000";
}
