# ISACTwin: the two commands of the README, each installing what it needs.
#   make demo   reproduces Section VII (Figs. 5-11) on the quick plan: out/quick/report.md + plots
#   make test   runs every test (release build: the Monte Carlo tests need it)
#   make cluster-test  a real single-node Slurm (root): the tiny plan as array jobs = the local run
#   make full   the paper-scale reproduction on this machine (hours); per-stage times in out/full

.PHONY: deps plotting build demo full test cluster-test clean

deps:
	@scripts/install-deps.sh

plotting:
	@scripts/install-plotting.sh

build: deps
	swift build -c release

demo: build plotting
	.build/release/isactwin reproduce --quick --seed 1 --lstm-models 10=models/K10,20=models/K20 --out out/quick

full: build plotting
	.build/release/isactwin reproduce --full --seed 1 --out out/full

test: deps plotting
	swift test -c release -Xswiftc -enable-testing

cluster-test: build
	scripts/slurm/local-cluster-test.sh

clean:
	rm -rf .build
