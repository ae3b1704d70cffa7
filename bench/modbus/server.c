/* A plain libmodbus TCP server for the benchmark: one thread, select() over every client,
 * holding registers 0..99 = their address. Usage: server PORT */
#include <errno.h>
#include <modbus/modbus.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/select.h>
#include <unistd.h>

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 1502;
    modbus_t *ctx = modbus_new_tcp("127.0.0.1", port);
    modbus_mapping_t *map = modbus_mapping_new(0, 0, 100, 100);
    if (ctx == NULL || map == NULL) return 1;
    for (int i = 0; i < 100; i++) map->tab_registers[i] = (uint16_t) i;
    int listener = modbus_tcp_listen(ctx, 16);
    if (listener < 0) { fprintf(stderr, "listen: %s\n", modbus_strerror(errno)); return 1; }
    printf("READY %d\n", port);
    fflush(stdout);
    fd_set all;
    FD_ZERO(&all);
    FD_SET(listener, &all);
    int highest = listener;
    uint8_t query[MODBUS_TCP_MAX_ADU_LENGTH];
    for (;;) {
        fd_set ready = all;
        if (select(highest + 1, &ready, NULL, NULL, NULL) < 0) { if (errno == EINTR) continue; return 1; }
        for (int fd = 0; fd <= highest; fd++) {
            if (!FD_ISSET(fd, &ready)) continue;
            if (fd == listener) {
                int client = modbus_tcp_accept(ctx, &listener);
                if (client >= 0) { FD_SET(client, &all); if (client > highest) highest = client; }
                continue;
            }
            modbus_set_socket(ctx, fd);
            int length = modbus_receive(ctx, query);
            if (length > 0) {
                modbus_reply(ctx, query, length, map);
            } else if (length < 0) {
                close(fd);
                FD_CLR(fd, &all);
            }
        }
    }
}
