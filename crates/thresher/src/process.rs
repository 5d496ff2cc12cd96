//! Settings a program that runs the engine over many pages makes once, for
//! its whole process. The library never makes them itself: they are the
//! host's to choose (a Python interpreter keeps its own).

use crate::tuning::ALLOCATOR_MMAP_THRESHOLD_BYTES;

/// Pins glibc's mmap threshold at `tuning::ALLOCATOR_MMAP_THRESHOLD_BYTES`, so a
/// page's large buffers go back to the kernel when the page is done instead
/// of staying in the heap for the rest of a batch. Call it at the start of
/// `main`, before threads start. Elsewhere than on glibc it does nothing.
pub fn settle_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let threshold =
            libc::c_int::try_from(ALLOCATOR_MMAP_THRESHOLD_BYTES).unwrap_or(libc::c_int::MAX);
        // SAFETY: `mallopt` takes two integers and changes one setting of
        // the allocator; glibc documents it as callable at any time. It
        // returns 0 on failure, which leaves the default: nothing to undo.
        #[allow(unsafe_code)]
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, threshold);
        }
    }
}
