package org.calpe.net.linux;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.types.size_t;
import jnr.ffi.types.ssize_t;

/** The libc calls Calpe needs, bound through jnr-ffi. Kept inside this bundle (STACK.md pitfall 4). */
public interface LibC {

    int socket(int domain, int type, int protocol);

    int bind(int fd, @In byte[] address, int length);

    int setsockopt(int fd, int level, int name, @In byte[] value, int length);

    @ssize_t long sendto(int fd, @In byte[] buffer, @size_t long length, int flags, @In byte[] address,
            int addressLength);

    @ssize_t long recvmsg(int fd, Pointer message, int flags);

    /** {@code timeout} null: none. @return the datagrams read, or -1 */
    int recvmmsg(int fd, Pointer messages, int count, int flags, Pointer timeout);

    @ssize_t long recv(int fd, @Out byte[] buffer, @size_t long length, int flags);

    int poll(Pointer fds, long count, int timeoutMillis);

    int close(int fd);

    int open(String path, int flags);

    int setns(int fd, int nstype);

    int eventfd(int initialValue, int flags);

    @ssize_t long write(int fd, @In byte[] buffer, @size_t long length);

    @ssize_t long read(int fd, @Out byte[] buffer, @size_t long length);

    int if_nametoindex(String name);

    String strerror(int errno);

    /** pid 0: the calling thread. {@code param} is a struct sched_param (one int). */
    int sched_setscheduler(int pid, int policy, @In int[] param);

    int mkfifo(String path, int mode);

    /** which PRIO_PROCESS with who 0: on Linux the calling thread. */
    int setpriority(int which, int who, int prio);

    /** With {@code F_DUPFD_CLOEXEC}: a duplicate descriptor that scripts started later do not inherit. */
    int fcntl(int fd, int command, int argument);

    /** The raw system call (io_uring has no libc wrapper); pointers are passed as addresses. */
    long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    /** @return the mapping, or address -1 (MAP_FAILED); declared with a Pointer, as a long address fails */
    Pointer mmap(Pointer address, @size_t long length, int protection, int flags, int fd,
            @jnr.ffi.types.off_t long offset);

    int munmap(Pointer address, @size_t long length);
}
