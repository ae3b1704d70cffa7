# GridWatch: the README's two commands are `make demo` and `make test`.
# Both install what they need (Debian packages, pip packages for test peers) only when it is missing.

SWIFT       ?= swift
APT_PACKAGES = libmodbus-dev libsqlite3-dev pkg-config socat mbpoll python3 python3-pip chromium
PIP_PACKAGES = pymodbus pyserial
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test fuzz deps build release install clean bench bench-pip bench-modbus bench-store bench-collector bench-reliability bench-rules bench-api bench-fleet

## demo: poll a simulated substation over real Modbus and print what was collected.
demo: deps release
	.build/release/gridwatch demo

## test: every test, the same command CI runs. A throwaway PostgreSQL on 127.0.0.1 serves the fleet tests.
test: deps
	$(SWIFT) build --build-tests
	url=$$(scripts/postgres-test-server.sh start) && \
	GRIDWATCH_TEST_POSTGRES_URL="$$url" $(SWIFT) test --skip-build --disable-swift-testing; status=$$?; \
	scripts/postgres-test-server.sh stop; exit $$status

deps:
	@missing=""; for p in $(APT_PACKAGES); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	    echo "installing Debian packages:$$missing"; \
	    $(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	@for p in $(PIP_PACKAGES); do \
	    python3 -m pip show -q $$p >/dev/null 2>&1 || { \
	        echo "installing pip package $$p"; \
	        python3 -m pip install -q $$p 2>/dev/null || python3 -m pip install -q --break-system-packages $$p; \
	    }; \
	done

build:
	$(SWIFT) build

release:
	$(SWIFT) build -c release --product gridwatch

## fuzz: the loaders (profiles, configurations, rules, CSV files) under a minute of seeded random input each.
fuzz: deps
	GRIDWATCH_FUZZ_SECONDS=60 $(SWIFT) test --disable-swift-testing --filter LoaderFuzzTests

## install: the binary, device profiles, an example configuration and the systemd unit.
PREFIX ?= /usr/local
install: release
	install -D -m 0755 .build/release/gridwatch $(DESTDIR)$(PREFIX)/bin/gridwatch
	install -d $(DESTDIR)$(PREFIX)/share/gridwatch/devices
	install -m 0644 devices/*.yaml devices/README.md $(DESTDIR)$(PREFIX)/share/gridwatch/devices/
	install -D -m 0644 README.md $(DESTDIR)$(PREFIX)/share/gridwatch/README.md
	install -D -m 0644 config/gridwatch.example.yaml $(DESTDIR)/etc/gridwatch/gridwatch.example.yaml
	install -D -m 0644 config/rules.yaml $(DESTDIR)/etc/gridwatch/rules.yaml
	install -D -m 0644 systemd/gridwatch.service $(DESTDIR)/etc/systemd/system/gridwatch.service

## Benchmarks: each prints its figures beside a baseline measured in the same run (release builds).
BENCH_PIP = pandas duckdb pyarrow numpy
bench: bench-modbus bench-store bench-collector bench-reliability bench-rules bench-api bench-fleet

## bench-modbus: reads/s and CPU per read of 10 registers: gridwatch's client path and pymodbus, each turn paired with a C libmodbus loop turn (one CPU).
bench-modbus: deps release
	bench/modbus/run.sh

## bench-store: the reading writer's rows/s against a raw sqlite3 C prepared-insert loop; commit latency.
bench-store: deps
	bench/store/run.sh

## bench-collector: paced RTU line use against mbpoll; 1,000 and 200 TCP devices against C loops.
bench-collector: deps release
	$(SWIFT) build -c release --product gridwatch-bench
	python3 bench/collector/run.py

## bench-reliability: every index of 10M outages: GridWatch against pandas and DuckDB (agreement checked).
bench-reliability: deps release bench-pip
	python3 bench/reliability/run.py --gridwatch .build/release/gridwatch

## bench-rules: the plan's frequent-outage rules over 1M meters: GridWatch against DuckDB SQL.
bench-rules: deps release bench-pip
	python3 bench/rules/run.py

## bench-api: requests/s and p99 of the HTTP API under wrk, and the collector's read rate meanwhile.
bench-api: deps release
	@command -v wrk >/dev/null && command -v curl >/dev/null || $(SUDO) apt-get install -y -qq wrk curl
	bench/api/run.sh .build/release/gridwatch

## bench-fleet: forwarding records/s (1 and 3 gateways) against COPY; 1M meters' regional report centrally.
bench-fleet: deps release bench-pip
	python3 bench/fleet/run.py --gridwatch .build/release/gridwatch

bench-pip:
	@python3 -c "import pandas, duckdb, pyarrow, numpy" 2>/dev/null || python3 -m pip install -q $(BENCH_PIP) 2>/dev/null || python3 -m pip install -q --break-system-packages $(BENCH_PIP)

clean:
	rm -rf .build
