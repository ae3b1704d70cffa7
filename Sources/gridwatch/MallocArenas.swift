import Glibc

/// glibc's malloc arenas. Every bus polls on a thread of its own, and glibc gives each busy thread an
/// arena of its own (up to 8 per core) that keeps what it freed: two arenas hold 1,000 devices in about
/// 4 MB less, at no CPU cost measured with 200 buses (bench/collector).
enum MallocArenas {
    /// `mallopt(M_ARENA_MAX, count)`, found at run time: `malloc.h` is not part of Swift's Glibc module.
    static func limit(to count: Int32) {
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let arenaMax: Int32 = -8  // M_ARENA_MAX in malloc.h
        guard let mallopt = dlsym(nil, "mallopt") else { return }  // nil: RTLD_DEFAULT
        _ = unsafeBitCast(mallopt, to: Mallopt.self)(arenaMax, count)
    }
}
