# ISACTwin: the two commands of the README, each installing what it needs.
#   make demo   reproduces Section VII (Figs. 5-11) on the quick plan: out/quick/report.md + plots
#   make test   runs every test (release build: the Monte Carlo tests need it)

.PHONY: deps plotting build demo full test clean

deps:
	@scripts/install-deps.sh

plotting:
	@scripts/install-plotting.sh

build: deps
	swift build -c release

demo: build plotting
	.build/release/isactwin reproduce --quick --seed 1 --out out/quick

full: build plotting
	.build/release/isactwin reproduce --full --seed 1 --out out/full

test: deps plotting
	swift test -c release -Xswiftc -enable-testing

clean:
	rm -rf .build
