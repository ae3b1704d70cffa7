#ifndef GRIDWATCH_CMODBUS_SHIM_H
#define GRIDWATCH_CMODBUS_SHIM_H

#include <modbus/modbus.h>
#include <errno.h>

/* libmodbus's error codes are macros built from MODBUS_ENOBASE, which Swift cannot import. */
static const int GW_MODBUS_ENOBASE = MODBUS_ENOBASE;
static const int GW_EMBXILFUN  = EMBXILFUN;
static const int GW_EMBXILADD  = EMBXILADD;
static const int GW_EMBXILVAL  = EMBXILVAL;
static const int GW_EMBXSFAIL  = EMBXSFAIL;
static const int GW_EMBXACK    = EMBXACK;
static const int GW_EMBXSBUSY  = EMBXSBUSY;
static const int GW_EMBXNACK   = EMBXNACK;
static const int GW_EMBXMEMPAR = EMBXMEMPAR;
static const int GW_EMBXGPATH  = EMBXGPATH;
static const int GW_EMBXGTAR   = EMBXGTAR;
static const int GW_EMBBADCRC  = EMBBADCRC;
static const int GW_EMBBADDATA = EMBBADDATA;
static const int GW_EMBBADEXC  = EMBBADEXC;
static const int GW_EMBMDATA   = EMBMDATA;
static const int GW_EMBBADSLAVE = EMBBADSLAVE;

static inline int gw_errno(void) { return errno; }
static inline void gw_set_errno(int value) { errno = value; }

#endif
