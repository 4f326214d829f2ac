import Foundation
import ISACExperiments
import Testing

/// The Python interpreter for the plotting script: the repository's .venv (what `make test` and
/// `make demo` create) or python3 from PATH.
enum PlottingPython {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let interpreter: String? = {
        let venv = packageRoot.appendingPathComponent(".venv/bin/python").path
        for candidate in [venv, "/usr/bin/python3", "/usr/local/bin/python3"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            if run(candidate, ["-c", "import matplotlib"]) == 0 { return candidate }
        }
        return nil
    }()

    /// Exit status of a program (−1 if it cannot start); output discarded.
    static func run(_ program: String, _ arguments: [String]) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}

@Suite("Reproduction plots")
struct ReproductionPlotTests {
    // Needs python3 with matplotlib (`make test` installs it into .venv). Without it this test is
    // reported as skipped by name ("plotting script writes a valid PNG…"), never as passed.
    @Test(
        "plotting script writes a valid PNG for every figure CSV",
        .enabled(if: PlottingPython.interpreter != nil, "python3 with matplotlib not found (run `make test` or create .venv with matplotlib)"))
    func plotsAreValidPNGs() throws {
        let python = try #require(PlottingPython.interpreter)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("isactwin-plot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in TinyReproduction.csv {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        #expect(TinyReproduction.csv.count == ReproductionReport.csvFiles.count + 1)  // + sensing_cost.csv (not plotted)
        let script = PlottingPython.packageRoot.appendingPathComponent("scripts/plot_figures.py").path
        #expect(PlottingPython.run(python, [script, directory.path]) == 0)
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        for name in ReproductionReport.csvFiles {
            let png = directory.appendingPathComponent(name.replacingOccurrences(of: ".csv", with: ".png"))
            let data = try #require(FileManager.default.contents(atPath: png.path), "\(png.lastPathComponent) not written")
            #expect(Array(data.prefix(8)) == signature, "\(png.lastPathComponent) is not a PNG")
            #expect(data.count > 2_000, "\(png.lastPathComponent) is suspiciously small (\(data.count) bytes)")
        }
        // No temporary files left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    @Test(
        "the plots' error bars are the report's interval: Student t over drops (R3)",
        .enabled(if: PlottingPython.interpreter != nil, "python3 with matplotlib not found"))
    func plotIntervalIsTheReportInterval() throws {
        let python = try #require(PlottingPython.interpreter)
        let scripts = PlottingPython.packageRoot.appendingPathComponent("scripts").path
        for x in [[1.0, 2.5], [3.0, 1.0, 4.0, 1.5, 5.0, 9.0, 2.0], Array(stride(from: 0.0, to: 40.0, by: 1.3))] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: python)
            p.arguments = ["-c", "import sys; sys.path.insert(0, '\(scripts)'); import plot_figures as f; print(repr(f.mean_and_ci(\(x))[1]))"]
            let pipe = Pipe()
            p.standardOutput = pipe
            try p.run()
            p.waitUntilExit()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let plotted = try #require(Double(text.trimmingCharacters(in: .whitespacesAndNewlines)))
            let reported = ReportStatistic.ci95.apply(x)
            #expect(abs(plotted - reported) <= 1e-12 * reported, "n = \(x.count): plot ±\(plotted), report ±\(reported)")
        }
    }

    @Test(
        "plotting script fails with exit 1 on a CSV missing its columns",
        .enabled(if: PlottingPython.interpreter != nil, "python3 with matplotlib not found"))
    func badCSVFails() throws {
        let python = try #require(PlottingPython.interpreter)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("isactwin-plot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("a,b\n1,2\n".utf8).write(to: directory.appendingPathComponent("fig7.csv"))
        let script = PlottingPython.packageRoot.appendingPathComponent("scripts/plot_figures.py").path
        #expect(PlottingPython.run(python, [script, directory.path]) == 1)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("fig7.png").path))
    }
}
