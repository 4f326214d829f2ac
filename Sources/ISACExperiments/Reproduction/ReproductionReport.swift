import DigitalTwin
import Foundation
import ISACOptimization
import ISACPhysics

/// `report.md` of `isactwin reproduce`: per figure the plot, the paper's claim, what we measured
/// (read from the figure's CSV, with 95 % confidence intervals where there is randomness) and a
/// plain verdict with its reason (docs/MODEL.md labels). Text only; the CLI writes it.
///
/// Every measured number is listed in ``numbers`` with the CSV, column, rows and statistic it
/// comes from, so it can be recomputed from the files on disk.
public struct ReproductionReport: Sendable {
    public var markdown: String
    public var numbers: [ReportedNumber]
    /// One line per figure: figure label, verdict word, finding (for the README and the summary).
    public var findings: [(figure: String, verdict: String, finding: String)]

    /// The run's context, printed in the header.
    public struct Context: Sendable {
        public var plan: ReproductionPlan
        public var seed: UInt64
        public var preset: String
        /// Why Figs. 5-6 (and the lstm scheme) are absent, if they are.
        public var learningNote: String?
        /// The run's configuration and decision options: the facts the prose states (the sensing
        /// cap, the flip limit, the literal preset's SNR) are read from them (R9).
        public var config: ScenarioConfig
        public var decisionOptions: DecisionOptions
        /// The requested figures; the others' sections say "not requested".
        public var figures: Set<Int>
        /// Whether the corridor figure (R12) was requested; its section appears only then.
        public var corridorRequested: Bool

        public init(
            plan: ReproductionPlan, seed: UInt64, preset: String, learningNote: String? = nil, config: ScenarioConfig = .paper,
            decisionOptions: DecisionOptions = .standard, figures: Set<Int> = Set(5...11),
            corridorRequested: Bool = false
        ) {
            self.plan = plan
            self.seed = seed
            self.preset = preset
            self.learningNote = learningNote
            self.config = config
            self.decisionOptions = decisionOptions
            self.figures = figures
            self.corridorRequested = corridorRequested
        }

        /// "not run" for a requested figure without data, "not requested" otherwise.
        func absent(_ figure: Int) -> String { figures.contains(figure) ? "not run" : "not requested" }

        /// The SNR of a matched unit beam at distance L/2 from an RSU with N_t antennas under the
        /// `table1-literal` preset, dB: |gᴴa|²/σ_c² = Pκ'²α̃/(d²σ_c²) with κ'² = N_t (‖a‖ = 1;
        /// M0, eqs. (9)-(10)).
        func literalSNRdB(antennas: Int) -> (snr: Double, distance: Double) {
            var c = ScenarioConfig.table1Literal
            c.antennas.transmit = antennas
            c.antennas.receive = antennas
            let p = ScenarioParameters(c)
            let d = p.highway.length / 2
            let snr = CommunicationModel(parameters: p).linkGain(distance: d) / p.communicationNoiseWatts
            return (10 * log10(snr), d)
        }
    }

    /// The figures' CSV files, in report order.
    public static let csvFiles = [
        "fig5.csv", "fig6.csv", "fig7.csv", "fig7_table1_literal.csv", "fig8.csv", "fig9.csv", "fig10.csv", "fig11.csv",
    ]

    /// The corridor figure's CSV files (R12), present when it was requested.
    public static let corridorCSVFiles = [CorridorCSV.summaryFile, CorridorCSV.timeseriesFile]

    /// Builds the report from the parsed CSVs (file name → table); a missing table gives a section
    /// that says so.
    public init(tables: [String: CSVTable], context: Context) {
        var b = ReportBuilder(tables: tables)
        var findings: [(String, String, String)] = []
        let plan = context.plan
        var md = """
            # ISACTwin reproduction of Section VII (Figs. 5-11)

            Run: `\(plan.name)` plan, preset `\(context.preset)` (docs/MODEL.md M0), seed \(context.seed). \
            Every number below is computed from the CSV next to this file (columns and rows named in \
            each section); ± is the half-width of a 95 % confidence interval (Student t over drops; \
            over 20 batch means for time series). Verdicts: **agrees**, **partly** (the trend holds, \
            a detail does not) or **disagrees**, each with its reason.

            Settings: Figs. 5-6 K ∈ \(list(plan.learningVehicleCounts)), \(plan.trainingSamples)/\(plan.validationSamples) \
            training/validation samples, \(plan.epochs) epochs; Fig. 7 K ∈ \(list(plan.vehicleCounts)) at \
            N = \(plan.sweepAntennas); Fig. 8 N ∈ \(list(plan.antennaCounts)) at K = \(plan.antennaSweepVehicles); \
            \(plan.drops) drops per point; Figs. 9-10 λ ∈ \(list(plan.arrivalRates.map { fmt($0) })) vehicles/s per \
            direction for \(list(plan.durationsSeconds.map { fmt($0) })) s from an empty road, statistics after \
            \(list(plan.warmupsSeconds.map { fmt($0) })) s, N = \(plan.closedLoopAntennas); Fig. 11 N ∈ \(list(plan.trackingAntennas)).


            """
        if let note = context.learningNote { md += "Note: \(note)\n\n" }

        for (figure, file, metric) in [("5", "fig5.csv", "val_accuracy"), ("6", "fig6.csv", "val_mse")] {
            let (text, finding) = Self.learningSection(
                &b, figure: figure, file: file, metric: metric,
                note: context.figures.contains(Int(figure)!) ? context.learningNote : "not requested",
                antennas: plan.closedLoopAntennas, paperScale: plan.trainsAtPaperScale)
            md += text
            findings.append(("Fig. \(figure)", finding.0, finding.1))
        }
        let (f7, v7) = Self.vehicleSection(&b, file: "fig7.csv", figure: "7", png: "fig7.png", literal: false, context: context)
        md += f7
        findings.append(("Fig. 7", v7.0, v7.1))
        let (f7l, v7l) = Self.vehicleSection(
            &b, file: "fig7_table1_literal.csv", figure: "7 (table1-literal)", png: "fig7_table1_literal.png", literal: true,
            context: context)
        md += f7l
        findings.append(("Fig. 7 (table1-literal)", v7l.0, v7l.1))
        let (f8, v8) = Self.antennaSection(&b, plan: plan, absent: context.absent(8))
        md += f8
        findings.append(("Fig. 8", v8.0, v8.1))
        for (run, (figure, file)) in [("9", "fig9.csv"), ("10", "fig10.csv")].enumerated() where run < plan.arrivalRates.count {
            let (t, v) = Self.closedLoopSection(&b, figure: figure, file: file, run: run, plan: plan, absent: context.absent(Int(figure)!))
            md += t
            findings.append(("Fig. \(figure)", v.0, v.1))
        }
        let (f11, v11) = Self.trackingSection(&b, plan: plan, absent: context.absent(11))
        md += f11
        findings.append(("Fig. 11", v11.0, v11.1))
        if context.corridorRequested, let corridor = plan.corridor {
            let (fc, vc) = Self.corridorSection(&b, corridor: corridor, antennas: plan.closedLoopAntennas)
            md += fc
            findings.append(("Corridor", vc.0, vc.1))
        }

        md += "## Summary\n\n| figure | verdict | finding |\n|---|---|---|\n"
        for f in findings { md += "| \(f.0) | \(f.1) | \(f.2) |\n" }
        markdown = md
        numbers = b.numbers
        self.findings = findings
    }

    // MARK: Figs. 5-6

    static func learningSection(
        _ b: inout ReportBuilder, figure: String, file: String, metric: String, note: String?, antennas: Int,
        paperScale: Bool
    ) -> (String, (String, String)) {
        let accuracy = metric == "val_accuracy"
        var md = "## Fig. \(figure): \(accuracy ? "assignment accuracy" : "beamforming MSE") per training epoch\n\n"
        md += "![Fig. \(figure)](fig\(figure).png)\n\n"
        md += accuracy
            ? "**Paper:** the assignment network exceeds 96 % validation accuracy after tens of epochs, and accuracy is lower for more vehicles.\n\n"
            : "**Paper:** the beamforming network needs about 200 epochs, and its MSE is lower for more vehicles.\n\n"
        guard let table = b.tables[file], let ks = try? table.distinct("vehicles"), !ks.isEmpty else {
            if note == "not requested" {
                md += "**Measured:** not requested.\n\n"
                return (md, ("not requested", "no learning curves"))
            }
            md += "**Measured:** not run\(note.map { " (\($0))" } ?? "").\n\n"
            return (md, ("not run", note ?? "no learning curves"))
        }
        let scale = accuracy ? 100.0 : 1.0
        let format = accuracy ? "%.1f" : "%.3g"
        md += "**Measured** (`\(file)`, column `\(metric)`\(accuracy ? " in %" : ""); no interval: one training run per K):\n\n"
        md += "| K | first epoch | last epoch | best |\n|---|---|---|---|\n"
        var finals: [Double] = []
        var improved = true
        for k in ks {
            let f = RowFilter(equals: ["vehicles": k])
            let first = b.number(file, metric, .first, where: f, format: format, scale: scale)
            let last = b.number(file, metric, .last, where: f, format: format, scale: scale)
            let best = accuracy
                ? b.number(file, metric, .maximum, where: f, format: format, scale: scale)
                : b.number(file, metric, .minimum, where: f, format: format, scale: scale)
            md += "| \(k) | \(first) | \(last) | \(best) |\n"
            let v0 = b.value(file, metric, .first, where: f, scale: scale)
            let v1 = b.value(file, metric, .last, where: f, scale: scale)
            finals.append(v1)
            improved = improved && (accuracy ? v1 >= v0 : v1 <= v0)
        }
        let ordered = zip(finals, finals.dropFirst()).allSatisfy { accuracy ? $0 >= $1 : $0 >= $1 }
        let reversed = finals.count > 1 && zip(finals, finals.dropFirst()).allSatisfy { accuracy ? $0 < $1 : $0 < $1 }
        // Beam labels are residuals from the matched beam (TW9), so there is no absolute MSE target:
        // the paper's claim for Fig. 6 is the trend (falls with epochs and with K).
        let reached = accuracy ? finals.allSatisfy { $0 >= 96 } : true
        let verdict: String
        var why: String
        if improved && ordered && reached {
            verdict = "agrees"
            why = accuracy ? "accuracy ≥ 96 % and falling with K" : "MSE falls with training and with K"
        } else if improved && (accuracy || reached) {
            verdict = "partly"
            why = accuracy
                ? (reached ? "learning works, but accuracy does not fall monotonically with K" : "learning works, but the final accuracy is below 96 %")
                : (reversed ? "MSE falls with training, but rises with K (the paper: falls)" : "MSE falls with training, but not monotonically with K")
        } else {
            verdict = "disagrees"
            why = accuracy ? "accuracy does not improve with training" : "MSE does not fall with training"
        }
        let labels = " Reason: labels are the heuristic's (L10), whose assignment is one of several near-equal local optima at large K (M12)"
        let reason = paperScale
            ? labels + "; " + Self.bestEpochs(table, ks: ks) + "."
            : labels + "; a reduced run (few samples and epochs) underfits."
        md += "\n**Verdict: \(verdict)** — \(why).\(verdict == "agrees" ? "" : reason)\n\n"
        return (md, (verdict, why))
    }

    /// R15: where each K's validation loss is lowest and how much higher it ends, read from the
    /// learning curves (a paper-scale run's shortfall is memorised label noise, not underfitting).
    static func bestEpochs(_ table: CSVTable, ks: [String]) -> String {
        var epochs: [String] = []
        var ratios: [String] = []
        for k in ks {
            let f = RowFilter(equals: ["vehicles": k])
            guard let loss = try? table.values("val_loss", where: f), let epoch = try? table.values("epoch", where: f),
                  loss.count == epoch.count, let last = loss.last,
                  let best = loss.indices.min(by: { loss[$0] < loss[$1] }), loss[best] > 0
            else { return "the learning curves have no validation loss" }
            epochs.append(String(Int(epoch[best])))
            ratios.append(String(format: "%.2f×", last / loss[best]))
        }
        let slash = { (x: [String]) in x.joined(separator: " / ") }
        return "the validation loss is lowest at epoch \(slash(epochs)) (K = \(slash(ks))) and ends at \(slash(ratios)) that value while the training loss keeps falling: the networks memorise the labels' noise, and the trained model keeps its best epoch"
    }

    // MARK: Figs. 7-8

    static func schemes(_ table: CSVTable?) -> [String] {
        (try? table?.distinct("scheme")) ?? nil ?? []
    }

    static func vehicleSection(
        _ b: inout ReportBuilder, file: String, figure: String, png: String, literal: Bool, context: Context
    ) -> (String, (String, String)) {
        var md = "## Fig. \(figure): rate per vehicle against the number of vehicles\n\n![Fig. \(figure)](\(png))\n\n"
        md += "**Paper:** the rate per vehicle falls sharply with K; the heuristic (Alg. 3) is best at every K, the LSTM slightly below it; greedy is worse than distance-based matching for few vehicles and approaches the heuristic for many.\n\n"
        guard let table = b.tables[file], let ks = try? table.distinct("vehicles"), !ks.isEmpty else {
            md += "**Measured:** \(context.absent(7)).\n\n"
            return (md, (context.absent(7), "no data"))
        }
        let names = schemes(table)
        md += "**Measured** (`\(file)`: mean of `rate_per_vehicle_bps_hz` over drops, bit/s/Hz; gain = mean over drops of the paired `gain_vs_distance_mf_pct`):\n\n"
        md += "| K | " + names.joined(separator: " | ") + " | heuristic gain over distance-mf (%) |\n"
        md += "|---|" + String(repeating: "---|", count: names.count + 1) + "\n"
        var heuristicBest = true
        var refinedAbove: [String] = []
        var falling = true
        var previous: [String: Double] = [:]
        var maxAbsGain = 0.0
        for k in ks {
            var cells: [String] = []
            var means: [String: Double] = [:]
            for s in names {
                let f = RowFilter(equals: ["vehicles": k, "scheme": s])
                cells.append(b.meanWithInterval(file, "rate_per_vehicle_bps_hz", where: f))
                means[s] = b.value(file, "rate_per_vehicle_bps_hz", .mean, where: f)
                // A rise larger than this point's 95 % interval breaks the trend (noise does not).
                let ci = b.value(file, "rate_per_vehicle_bps_hz", .ci95, where: f)
                if !ReproductionManifest.learnedSchemes.contains(s), let p = previous[s], means[s]! > p + (ci.isFinite ? ci : 0) { falling = false }
                maxAbsGain = max(maxAbsGain, abs(b.value(file, "gain_vs_distance_mf_pct", .mean, where: f)))
            }
            previous = means
            let hf = RowFilter(equals: ["vehicles": k, "scheme": "heuristic"])
            let gain = b.meanWithInterval(file, "gain_vs_distance_mf_pct", where: hf, format: "%.1f")
            md += "| \(k) | " + cells.joined(separator: " | ") + " | \(gain) |\n"
            // The paper's claim ranks its own schemes; lstm-fp is ours (TW10, TW13) and runs the
            // heuristic's flips from the network's start, so it may end above the heuristic.
            if let h = means["heuristic"] {
                if means.contains(where: { $0.key != "lstm-fp" && $0.value > h * 1.001 }) { heuristicBest = false }
                if let r = means["lstm-fp"], r > h * 1.001 { refinedAbove.append(String(format: "K = %@ (%+.1f %%)", k, 100 * (r / h - 1))) }
            }
        }
        if !names.contains("lstm") {
            md += "\nNo Bi-LSTM column: \(literal ? "the networks are trained on the `paper` preset only" : "the networks were not trained in this run (Figs. 5-6)") (docs/MODEL.md R4).\n"
        }
        let smallK = ks.first!
        let greedySmall = b.value(file, "gain_vs_distance_mf_pct", .mean, where: RowFilter(equals: ["vehicles": smallK, "scheme": "greedy"]))
        let greedyBelow = greedySmall < 0
        if literal {
            md += "\n**Largest |mean gain| of any scheme over distance-mf at any K:** \(String(format: "%.2f", maxAbsGain)) %.\n"
            let flat = maxAbsGain < 1
            let verdict = flat ? "disagrees (as expected)" : "partly"
            let (snr, distance) = context.literalSNRdB(antennas: context.plan.sweepAntennas)
            let power = ScenarioConfig.table1Literal.radio.transmitPowerDBm
            let why = flat
                ? "with Table I read literally (\(fmt(power)) dBm per beam) every scheme is within \(String(format: "%.2f", maxAbsGain)) % of distance-mf: a matched beam's SNR at \(fmt(distance)) m with N = \(context.plan.sweepAntennas) is \(String(format: "%.1f", snr)) dB (computed from the preset), the network is noise-limited and no decision matters"
                : "schemes differ by up to \(String(format: "%.2f", maxAbsGain)) % in the literal noise-limited regime"
            md += "\n**Verdict: \(verdict)** — \(why). This is why the `paper` preset gives each beam P = 30 dBm (M0).\n\n"
            return (md, (verdict, why + " (M0)"))
        }
        var verdict = "agrees"
        var details: [String] = []
        if !falling { details.append("the rate per vehicle of some optimising scheme rises with K by more than its 95 % interval") }
        if !heuristicBest { details.append("the heuristic is not the best scheme at every K (more than 0.1 % below another)") }
        let lastK = RowFilter(equals: ["vehicles": ks.last!, "scheme": "lstm"])
        let lstmShare = b.value(file, "rate_per_vehicle_bps_hz", .mean, where: lastK)
            / b.value(file, "rate_per_vehicle_bps_hz", .mean, where: RowFilter(equals: ["vehicles": ks.last!, "scheme": "heuristic"]))
        if names.contains("lstm"), lstmShare < 0.9 {
            let cause = context.plan.learnedModels.isEmpty && !context.plan.trainsAtPaperScale
                ? "its networks are undertrained in this run (Figs. 5-6), so its beams stay close to the matched beams its residual network starts from (TW9) and its assignments are often wrong"
                : context.plan.learnedModels.isEmpty
                ? "its networks, trained in this run at the paper's scale, learn the heuristic's assignment only a few points above the nearest-RSU floor, the labels being near-ties (L12, Fig. 5), and its residual beams (TW9) fall short of FP beams"
                : "its given networks learn the heuristic's assignment only to about the nearest-RSU floor, the labels being near-ties (L12), and its residual beams (TW9) fall short of FP beams"
            details.append(String(format: "the Bi-LSTM reaches only %.0f %% of the heuristic's rate at K = %@ (the paper: slightly below): %@", 100 * lstmShare, ks.last!, cause))
        }
        if names.contains("lstm-fp"), case let refinedShare = b.value(file, "rate_per_vehicle_bps_hz", .mean, where: RowFilter(equals: ["vehicles": ks.last!, "scheme": "lstm-fp"]))
                / b.value(file, "rate_per_vehicle_bps_hz", .mean, where: RowFilter(equals: ["vehicles": ks.last!, "scheme": "heuristic"])),
            refinedShare < 0.9 {
            details.append(String(format: "the Bi-LSTM refined by %d FP iterations (lstm-fp, TW10) reaches %.0f %% of the heuristic's rate at K = %@", LearnedRefinedPolicy.defaultFPIterations, 100 * refinedShare, ks.last!))
        }
        if !greedyBelow { details.append("greedy is not below distance-mf at K = \(smallK): our greedy (M13) ends with fractional-programming beams for every vehicle, so for few vehicles it is at least the distance-fp scheme's quality, while distance-mf keeps matched beams") }
        if !details.isEmpty { verdict = falling && heuristicBest ? "partly" : "disagrees" }
        let hg = b.value(file, "gain_vs_distance_mf_pct", .mean, where: RowFilter(equals: ["vehicles": ks.last!, "scheme": "heuristic"]))
        var why = (details.isEmpty ? "ranking and trend as in the paper" : details.joined(separator: "; "))
        if !refinedAbove.isEmpty {
            why += "; lstm-fp (not in the paper: the network's assignment, then the heuristic's own flips from that start, TW13) ends above the heuristic at " + refinedAbove.joined(separator: ", ") + ", another local optimum of the same search"
        }
        let costK = ReproductionSweep.sensingCostVehicles(plan: context.plan)
        let cost = b.meanWithInterval("sensing_cost.csv", "sensing_cost_pct", where: RowFilter(), format: "%.1f")
        let sensingOn = context.config.options.sensingConstraint && context.decisionOptions.sensingConstraint
        let costText = cost == "n/a"
            ? "its cost was not measured in this run"
            : "it costs the heuristic \(cost) % of its rate at K = \(costK) against the same drops without it (`sensing_cost.csv`, paired per drop)"
        let sensing = sensingOn
            ? "the sensing constraint is capped at \(fmt(context.config.options.sensingCapFraction)) λ_max (M10); \(costText)"
            : "the sensing constraint is off in this configuration"
        md += "\n**Verdict: \(verdict)** — \(why). The heuristic stops on a repeated assignment or after \(context.decisionOptions.heuristicFlipCapFactor)K flips and returns the best assignment visited (M12); \(sensing).\n\n"
        let finding = String(format: "heuristic +%.1f %% over distance-mf at K = %@", hg, ks.last!) + (greedyBelow ? "" : "; greedy never below distance-mf (M13)")
        return (md, (verdict, finding))
    }

    static func antennaSection(_ b: inout ReportBuilder, plan: ReproductionPlan, absent: String) -> (String, (String, String)) {
        let file = "fig8.csv"
        var md = "## Fig. 8: rate per vehicle against the number of antennas (K = \(plan.antennaSweepVehicles))\n\n![Fig. 8](fig8.png)\n\n"
        md += "**Paper:** the rate per vehicle grows with N; the heuristic is best, then the LSTM, greedy and distance-based matching.\n\n"
        guard let table = b.tables[file], let ns = try? table.distinct("antennas"), !ns.isEmpty else {
            md += "**Measured:** \(absent).\n\n"
            return (md, (absent, "no data"))
        }
        let names = schemes(table)
        md += "**Measured** (`\(file)`: mean of `rate_per_vehicle_bps_hz` over drops, bit/s/Hz):\n\n"
        md += "| N | " + names.joined(separator: " | ") + " | heuristic gain over distance-mf (%) |\n"
        md += "|---|" + String(repeating: "---|", count: names.count + 1) + "\n"
        var growing = true
        var heuristicBest = true
        var previous: [String: Double] = [:]
        for n in ns {
            var cells: [String] = []
            var means: [String: Double] = [:]
            for s in names {
                let f = RowFilter(equals: ["antennas": n, "scheme": s])
                cells.append(b.meanWithInterval(file, "rate_per_vehicle_bps_hz", where: f))
                means[s] = b.value(file, "rate_per_vehicle_bps_hz", .mean, where: f)
                let ci = b.value(file, "rate_per_vehicle_bps_hz", .ci95, where: f)
                if let p = previous[s], means[s]! < p - (ci.isFinite ? ci : 0) { growing = false }
            }
            previous = means
            if let h = means["heuristic"], means.values.contains(where: { $0 > h * 1.001 }) { heuristicBest = false }
            let gain = b.meanWithInterval(file, "gain_vs_distance_mf_pct", where: RowFilter(equals: ["antennas": n, "scheme": "heuristic"]), format: "%.1f")
            md += "| \(n) | " + cells.joined(separator: " | ") + " | \(gain) |\n"
        }
        if !names.contains("lstm") {
            md += "\nNo Bi-LSTM column: the networks are trained at N = \(plan.closedLoopAntennas) only (their input and output sizes are 2N; docs/MODEL.md R4).\n"
        }
        var details: [String] = []
        if !growing { details.append("the rate of some scheme falls with N by more than its 95 % interval") }
        if !heuristicBest { details.append("the heuristic is not best at every N") }
        let verdict = details.isEmpty ? "agrees" : (growing ? "partly" : "disagrees")
        let why = details.isEmpty ? "rate grows with N, heuristic best at every N" : details.joined(separator: "; ")
        md += "\n**Verdict: \(verdict)** — \(why). Array gain grows with N and beams get narrower, so interference between co-served vehicles falls (M3); the heuristic's gain is bounded by its termination rule (M12).\n\n"
        return (md, (verdict, why))
    }

    // MARK: Figs. 9-10

    static func closedLoopSection(
        _ b: inout ReportBuilder, figure: String, file: String, run: Int, plan: ReproductionPlan, absent: String
    ) -> (String, (String, String)) {
        let rate = plan.arrivalRates[run]
        var md = "## Fig. \(figure): closed loop at λ = \(fmt(rate)) vehicles/s per direction\n\n![Fig. \(figure)](fig\(figure).png)\n\n"
        md += "**Paper:** the sum rate rises from the empty road and then fluctuates around a stationary level; the heuristic is consistently best, the LSTM close behind; greedy's gain over distance-based matching is negative at first and occasionally later, less so at higher λ.\n\n"
        guard let table = b.tables[file], !table.rows.isEmpty else {
            md += "**Measured:** \(absent).\n\n"
            return (md, (absent, "no data"))
        }
        let policies = (try? table.distinct("policy")) ?? []
        let steady = plan.warmupsSeconds[run]
        md += "**Measured** (`\(file)`, slots with `time_s` ≥ \(fmt(steady)) s; ± by 20 batch means):\n\n"
        md += "| policy | mean vehicles | mean sum rate (bit/s/Hz) | mean gain over distance-mf (bit/s/Hz) | slots with negative gain (%) |\n|---|---|---|---|---|\n"
        var gains: [String: Double] = [:]
        for p in policies {
            let f = RowFilter(equals: ["policy": p], atLeast: ["time_s": steady])
            let vehicles = b.number(file, "vehicles", .mean, where: f, format: "%.1f")
            let sum = b.meanWithInterval(file, "sum_rate_bps_hz", where: f, format: "%.2f", interval: .batchMeansCI95)
            let gain = p == "distance-mf" ? "0 (reference)" : b.meanWithInterval(file, "gain_vs_distance_mf_bps_hz", where: f, format: "%.2f", interval: .batchMeansCI95)
            let negative = p == "distance-mf" ? "—" : b.number(file, "gain_vs_distance_mf_bps_hz", .percentNegative, where: f, format: "%.1f")
            gains[p] = b.value(file, "gain_vs_distance_mf_bps_hz", .mean, where: f)
            md += "| \(p) | \(vehicles) | \(sum) | \(gain) | \(negative) |\n"
        }
        // Best within its interval: no scheme's mean gain above the heuristic's upper 95 % limit.
        let hci = b.value(file, "gain_vs_distance_mf_bps_hz", .batchMeansCI95, where: RowFilter(equals: ["policy": "heuristic"], atLeast: ["time_s": steady]))
        if policies.contains("greedy") {
            let all = b.number(file, "gain_vs_distance_mf_bps_hz", .percentNegative, where: RowFilter(equals: ["policy": "greedy"]), format: "%.1f")
            md += "\nFrom the empty road (every slot, warm-up included) greedy's gain is negative in \(all) % of the slots.\n"
        }
        let heuristicBest = gains["heuristic"].map { h in gains.values.allSatisfy { $0 <= h + (hci.isFinite ? hci : 0) + 1e-9 } } ?? false
        let losers = policies.filter { $0 != "distance-mf" && (gains[$0] ?? 0) <= 0 }
        let optimisers = losers.filter { !ReproductionManifest.learnedSchemes.contains($0) }
        let verdict = heuristicBest && optimisers.isEmpty ? (losers.isEmpty ? "agrees" : "partly") : "disagrees"
        var why = heuristicBest ? "the heuristic has the largest mean gain over distance-mf (within its 95 % interval)" : "another scheme's mean gain exceeds the heuristic's 95 % interval"
        why += losers.isEmpty ? ", every scheme gains" : ", \(losers.joined(separator: " and ")) \(losers.count == 1 ? "loses" : "lose") to distance-mf on average"
        var reason = " The optimising schemes decide on the twin's predictions (EKF, M5-M7) with Λ capped (M10); the heuristic returns its best visited assignment (M12), so it does not fall below its FP start."
        if losers.contains("lstm") {
            reason += plan.learnedModels.isEmpty && plan.trainsAtPaperScale
                ? " The Bi-LSTM policy's networks were trained in this run at the paper's scale: their assignment agrees with the heuristic's labels only a few points above the nearest-RSU floor, the labels being near-ties (L12, Fig. 5), and their residual beams (TW9) stay close to matched beams; `lstm-fp` (TW10) refines them with FP."
                : plan.learnedModels.isEmpty
                ? " The Bi-LSTM policy's beams are the matched beam plus its beam network's residual (TW9): an undertrained network (Fig. 6) falls back to about matched beams, i.e. to distance-mf, and its assignment network is below the paper's 96 % (Fig. 5); the paper trains on 10,000 samples for ~200 epochs (`--full`)."
                : " The Bi-LSTM policy uses the given networks (not trained in this run): their assignment agrees with the heuristic's labels only about as often as the nearest RSU does, the labels being near-ties (L12), and their residual beams (TW9) are slightly worse than matched beams; `lstm-fp` (TW10, in `isactwin simulate`) reaches most of distance-fp's gain."
        }
        let h = gains["heuristic"].map { String(format: "%.2f", $0) } ?? "n/a"
        md += "\n**Verdict: \(verdict)** — \(why).\(reason)\n\n"
        return (md, (verdict, "heuristic +\(h) bit/s/Hz over distance-mf; " + why.replacingOccurrences(of: "the heuristic has the largest mean gain over distance-mf", with: "the largest")))
    }

    // MARK: Fig. 11

    static func trackingSection(_ b: inout ReportBuilder, plan: ReproductionPlan, absent: String) -> (String, (String, String)) {
        let file = "fig11.csv"
        var md = "## Fig. 11: RCRB of distance against time\n\n![Fig. 11](fig11.png)\n\n"
        md += "**Paper:** the RCRB starts at 0.1 m, drops sharply, settles to a constant, and is lower for more antennas.\n\n"
        guard let table = b.tables[file], let ns = try? table.distinct("antennas"), !ns.isEmpty else {
            md += "**Measured:** \(absent).\n\n"
            return (md, (absent, "no data"))
        }
        md += "**Measured** (`\(file)`, one vehicle's pass, RSU 1; steady = `track_age` ≥ 5 slots; deterministic given the seed):\n\n"
        md += "| N | RCRB_d at start (m) | mean steady RCRB_d (m) |\n|---|---|---|\n"
        var steadyValues: [Double] = []
        var startsAtPrior = true
        for n in ns {
            let all = RowFilter(equals: ["antennas": n, "rsu": "1"])
            let steady = RowFilter(equals: ["antennas": n, "rsu": "1"], atLeast: ["track_age": 5])
            let start = b.number(file, "rcrb_d_m", .first, where: all, format: "%.3g")
            let mean = b.number(file, "rcrb_d_m", .mean, where: steady, format: "%.3e")
            md += "| \(n) | \(start) | \(mean) |\n"
            steadyValues.append(b.value(file, "rcrb_d_m", .mean, where: steady))
            startsAtPrior = startsAtPrior && abs(b.value(file, "rcrb_d_m", .first, where: all) - 0.1) < 1e-3
        }
        let falling = zip(steadyValues, steadyValues.dropFirst()).allSatisfy { $0 > $1 }
        let verdict = falling && startsAtPrior ? "agrees" : "partly"
        let why = falling
            ? "starts at the 0.1 m prior (M6), falls within one slot to a steady value that halves with each doubling of N (T5)"
            : "the steady RCRB does not fall with N"
        md += "\n**Verdict: \(verdict)** — \(why). The RCRB is the PCRB with process noise (M7), the track prior is ours (M6).\n\n"
        return (md, (verdict, why))
    }
}

private func fmt(_ x: Double) -> String {
    x == x.rounded() ? String(Int(x)) : String(x)
}

private func list<T>(_ xs: [T]) -> String { "{" + xs.map { "\($0)" }.joined(separator: ", ") + "}" }
