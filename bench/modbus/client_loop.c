/* The ceiling: a plain C libmodbus loop reading 10 holding registers over one connection.
 * Usage: client_loop PORT SECONDS, or client_loop PORT --turns: one loop per line of standard input
 * (its length in seconds) over the same connection. */
#include <errno.h>
#include <modbus/modbus.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static double seconds_of(struct timeval t) { return t.tv_sec + t.tv_usec / 1e6; }

/* CPU time of the process so far, in seconds: in user space and in the kernel. */
static void cpu(double *user, double *sys) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    *user = seconds_of(usage.ru_utime);
    *sys = seconds_of(usage.ru_stime);
}

/* Reads for `seconds` and prints reads/s and CPU per read; returns 0, or 1 when a read failed. */
static int run(modbus_t *ctx, double seconds) {
    uint16_t registers[10];
    long reads = 0, checksum = 0;
    double user_start, sys_start, user_end, sys_end;
    cpu(&user_start, &sys_start);
    double start = now(), end = start + seconds;
    while (now() < end) {
        if (modbus_read_registers(ctx, 0, 10, registers) != 10) { fprintf(stderr, "read: %s\n", modbus_strerror(errno)); return 1; }
        checksum += registers[9];
        reads++;
    }
    double elapsed = now() - start;
    cpu(&user_end, &sys_end);
    double user = (user_end - user_start) * 1e6 / reads, sys = (sys_end - sys_start) * 1e6 / reads;
    printf("c-libmodbus %.0f reads/s (%ld reads, cpu %.1f us/read, user %.2f, sys %.2f, checksum %ld)\n",
           reads / elapsed, reads, user + sys, user, sys, checksum);
    fflush(stdout);
    return 0;
}

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 1502;
    int turns = argc > 2 && strcmp(argv[2], "--turns") == 0;
    double seconds = argc > 2 && !turns ? atof(argv[2]) : 3;
    modbus_t *ctx = modbus_new_tcp("127.0.0.1", port);
    if (ctx == NULL || modbus_connect(ctx) < 0) { fprintf(stderr, "connect: %s\n", modbus_strerror(errno)); return 1; }
    modbus_set_slave(ctx, 1);
    int failed = 0;
    if (turns) {
        /* One turn per line of standard input, each line its length in seconds. */
        char line[64];
        while (!failed && fgets(line, sizeof line, stdin) != NULL) failed = run(ctx, atof(line));
    } else {
        failed = run(ctx, seconds);
    }
    modbus_close(ctx);
    modbus_free(ctx);
    return failed;
}
