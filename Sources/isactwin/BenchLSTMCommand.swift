import ArgumentParser
import Foundation
import ISACLearning
import ISACMath
import ISACOptimization

/// `isactwin bench lstm`: per-slot inference latency of the two BiLSTM networks on one thread and
/// training throughput on a synthetic dataset with the M16 feature size.
struct BenchLSTMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lstm",
        abstract: "Benchmark BiLSTM inference latency per slot and training throughput.",
        discussion: "Example: isactwin bench lstm --vehicles 10,20,50 --hidden 32")

    @Option(help: "Comma-separated vehicle counts K (each 1...1000).")
    var vehicles: String = "10,20,50"

    @Option(help: "Hidden units per LSTM direction (1...1024; the shipped models use 32, L13).")
    var hidden: Int = 32

    @Option(help: "Units of the dense ReLU layer (1...1024).")
    var dense: Int = 64

    @Option(help: "Transmit = receive antennas N (1...256); F = 2·(4N + 2) for two RSUs.")
    var antennas: Int = 32

    @Option(help: "Inference repetitions per K (10...100000).")
    var repetitions: Int = 300

    @Option(help: "Synthetic training samples for the throughput measurement (0 skips it; 0...100000).")
    var trainingSamples: Int = 640

    @Option(help: "Mini-batch size for the throughput measurement (1...4096).")
    var batch: Int = 64

    func validate() throws {
        _ = try parsedVehicles()
        func check(_ name: String, _ value: Int, _ range: ClosedRange<Int>) throws {
            try FlagCheck.integer("--\(name)", value, range)
        }
        try check("hidden", hidden, 1...1024)
        try check("dense", dense, 1...1024)
        try check("antennas", antennas, 1...256)
        try check("repetitions", repetitions, 10...100_000)
        try check("training-samples", trainingSamples, 0...100_000)
        try check("batch", batch, 1...4096)
    }

    private func parsedVehicles() throws -> [Int] {
        try CommaSeparated.integers(vehicles, flag: "--vehicles", range: 1...1000)
    }

    func run() throws {
        let counts = try parsedVehicles()
        let layout = FeatureLayout(transmitAntennas: antennas, receiveAntennas: antennas, rsuCount: 2)
        var rng = Xoshiro256StarStar(seed: 1)
        let maxK = counts.max()!
        let data = SyntheticDataset.make(layout: layout, sampleCount: 1, vehicleCounts: [maxK], using: &rng)
        let normalisation = FeatureNormalisation(fitting: data)
        func engine(_ task: LearningTask) -> InferenceEngine {
            let net = NetworkArchitecture(
                task: task, inputCount: layout.featureCount, hiddenCount: hidden, denseCount: dense,
                outputCount: task == .assignment ? layout.rsuCount : layout.beamComponentCount)
            let θ: [Float] = net.initialParameters(using: &rng)
            return InferenceEngine(model: LearnedModel(architecture: net, normalisation: normalisation, parameters: θ))
        }
        let assignment = engine(.assignment), beamforming = engine(.beamforming)
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; F = \(layout.featureCount), H = \(hidden), D = \(dense); one thread")
        print("inference per slot (assignment + beamforming networks), \(repetitions) repetitions:")
        print("K,median_ms,p90_ms,min_ms,cpu_median_ms,assignment_median_ms,beamforming_median_ms")
        let features = data.samples[0].features
        var out = [Float](repeating: 0, count: maxK * layout.beamComponentCount)
        let clock = ContinuousClock()
        for K in counts {
            var both: [Double] = [], cpu: [Double] = [], a: [Double] = [], b: [Double] = []
            features.withUnsafeBufferPointer { f in
                out.withUnsafeMutableBufferPointer { o in
                    for r in 0..<(repetitions + 20) {
                        let c0 = threadCPUMilliseconds()
                        let t0 = clock.now
                        assignment.predict(features: f, vehicleCount: K, into: o)
                        let t1 = clock.now
                        beamforming.predict(features: f, vehicleCount: K, into: o)
                        let t2 = clock.now
                        let c1 = threadCPUMilliseconds()
                        if r >= 20 {
                            a.append(ms(t1 - t0))
                            b.append(ms(t2 - t1))
                            both.append(ms(t2 - t0))
                            cpu.append(c1 - c0)
                        }
                    }
                }
            }
            print("\(K),\(f3(quantile(both, 0.5))),\(f3(quantile(both, 0.9))),\(f3(quantile(both, 0))),\(f3(quantile(cpu, 0.5))),\(f3(quantile(a, 0.5))),\(f3(quantile(b, 0.5)))")
        }

        guard trainingSamples > 0 else { return }
        let train = SyntheticDataset.make(layout: layout, sampleCount: trainingSamples, vehicleCounts: counts, using: &rng)
        let meanK = Double(train.vehicleCount) / Double(train.samples.count)
        print("training throughput (synthetic, \(trainingSamples) samples, K drawn from \(counts), mean K \(f3(meanK)), batch \(batch)):")
        print("task,threads,samples_per_s,projected_minutes_10000x200,samples_per_cpu_s")
        for task in LearningTask.allCases {
            for threads in [1, 2] {
                let config = TrainingConfiguration(
                    task: task, hiddenCount: hidden, denseCount: dense, epochs: 2, batchSize: batch, seed: 1,
                    threadCount: threads)
                let session = try TrainingSession(configuration: config, training: train, validation: nil)
                session.trainEpoch()  // warm-up (buffers grow to their final size)
                let c0 = processCPUMilliseconds()
                let t0 = clock.now
                session.trainEpoch()
                let seconds = ms(clock.now - t0) / 1000
                let cpuSeconds = (processCPUMilliseconds() - c0) / 1000
                let rate = Double(trainingSamples) / seconds
                print("\(task.rawValue),\(threads),\(Int(rate)),\(f3(10_000 * 200 / rate / 60)),\(Int(Double(trainingSamples) / cpuSeconds))")
            }
        }
    }
}

private func ms(_ d: Duration) -> Double {
    let c = d.components
    return (Double(c.seconds) + Double(c.attoseconds) * 1e-18) * 1000
}

private func quantile(_ xs: [Double], _ q: Double) -> Double {
    let s = xs.sorted()
    return s[min(s.count - 1, Int((q * Double(s.count - 1)).rounded()))]
}

/// CPU time of the calling thread, ms (the latency clock of TW8: not inflated when other processes
/// share the cores).
private func threadCPUMilliseconds() -> Double { ThreadCPUClock.now() * 1000 }

/// CPU time of the whole process (all threads).
private func processCPUMilliseconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) * 1000 + Double(ts.tv_nsec) * 1e-6
}

private func f3(_ x: Double) -> String { String(format: "%.3f", x) }
