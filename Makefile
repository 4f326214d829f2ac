# ISACTwin: the two commands of the README, each installing what it needs.
#   make demo   runs the main job on built-in defaults
#   make test   runs every test (release build: the Monte Carlo tests need it)

.PHONY: deps build demo test clean

deps:
	@scripts/install-deps.sh

build: deps
	swift build -c release

demo: build
	.build/release/isactwin traffic --arrival-rate 5 --duration 40 --seed 1

test: deps
	swift test -c release -Xswiftc -enable-testing

clean:
	rm -rf .build
