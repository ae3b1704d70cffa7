# GridWatch: the README's two commands are `make demo` and `make test`.
# Both install what they need (Debian packages, pip packages for test peers) only when it is missing.

SWIFT       ?= swift
APT_PACKAGES = libmodbus-dev libsqlite3-dev pkg-config socat mbpoll python3 python3-pip
PIP_PACKAGES = pymodbus pyserial
SUDO        := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test deps build release bench clean

## demo: poll a simulated substation over real Modbus and print what was collected.
demo: deps release
	.build/release/gridwatch demo

## test: every test, the same command CI runs.
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

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

clean:
	rm -rf .build
