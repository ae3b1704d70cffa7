// The Modbus module. Its owner replaces this file with the module's first real source file.
