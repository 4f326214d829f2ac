import ISACExperiments
import Testing

/// R15: the report explains a learning shortfall by the run's scale, from the learning curves.
@Suite("Report reasons by scale")
struct ReportScaleReasonTests {
    /// Hand-made curves: K = 10 is best at epoch 2 (0.3) and ends at 0.6 (2.00×); K = 20 is best at
    /// epoch 3 (0.6) and ends at 0.9 (1.50×). Beam MSE: best at epoch 3 for both K (1.25×, 1.02×),
    /// final MSE 0.0025 < 0.0045, i.e. rising with K.
    static let tables: [String: CSVTable] = {
        let header = ["vehicles", "epoch", "train_loss", "val_loss", "val_accuracy", "val_mse"]
        func rows(_ k: String, _ loss: [Double], accuracy: [Double]?, mse: Bool) -> [[String]] {
            loss.indices.map { i in
                [k, String(i + 1), String(1.0 / Double(i + 2)), String(loss[i]), accuracy.map { String($0[i]) } ?? "",
                 mse ? String(loss[i]) : ""]
            }
        }
        let assignment = rows("10", [0.5, 0.3, 0.4, 0.6], accuracy: [0.80, 0.82, 0.84, 0.85], mse: false)
            + rows("20", [0.8, 0.7, 0.6, 0.9], accuracy: [0.78, 0.80, 0.81, 0.83], mse: false)
        let beams = rows("10", [0.004, 0.003, 0.002, 0.0025], accuracy: nil, mse: true)
            + rows("20", [0.006, 0.005, 0.0044, 0.0045], accuracy: nil, mse: true)
        return ["fig5.csv": CSVTable(header: header, rows: assignment), "fig6.csv": CSVTable(header: header, rows: beams)]
    }()

    static func report(_ plan: ReproductionPlan) -> String {
        ReproductionReport(tables: tables, context: .init(plan: plan, seed: 1, preset: "paper")).markdown
    }

    @Test("paper-scale training: the best epochs and the end-to-best ratios, no 'underfits'")
    func paperScale() {
        #expect(ReproductionPlan.full.trainsAtPaperScale)
        let md = Self.report(.full)
        #expect(md.contains("the validation loss is lowest at epoch 2 / 3 (K = 10 / 20) and ends at 2.00× / 1.50× that value"))
        #expect(md.contains("the validation loss is lowest at epoch 3 / 3 (K = 10 / 20) and ends at 1.25× / 1.02× that value"))
        #expect(!md.contains("underfits"))
        #expect(md.contains("MSE falls with training, but rises with K (the paper: falls)"))
    }

    @Test("reduced training: the reduced-run reason, no best-epoch analysis")
    func reduced() {
        #expect(!ReproductionPlan.quick.trainsAtPaperScale)
        let md = Self.report(.quick)
        #expect(md.contains("a reduced run (few samples and epochs) underfits"))
        #expect(!md.contains("the validation loss is lowest at epoch"))
    }
}
