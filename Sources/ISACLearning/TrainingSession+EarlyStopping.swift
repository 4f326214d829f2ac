/// The best epoch of a run by validation loss (L11): what early stopping keeps.
public struct BestEpoch: Sendable, Hashable {
    /// 1-based epoch whose parameters these are.
    public var epoch: Int
    /// Its validation loss (cross-entropy or MSE per vehicle, as in the learning curve).
    public var validationLoss: Double
    /// The parameters after that epoch, bit for bit.
    public var parameters: [Float]

    public init(epoch: Int, validationLoss: Double, parameters: [Float]) {
        self.epoch = epoch
        self.validationLoss = validationLoss
        self.parameters = parameters
    }
}

extension TrainingSession {
    /// Early stopping has ended the run: `patience` > 0 and the last `patience` epochs have not
    /// lowered the best validation loss (L11).
    public var stoppedEarly: Bool {
        guard configuration.patience > 0, let best else { return false }
        return epochsCompleted - best.epoch >= configuration.patience
    }

    /// The model a run delivers: the best epoch's parameters when there is a validation set (L11),
    /// otherwise the last epoch's. Its metadata records the epoch (`epoch`) and how many ran
    /// (`epochs_run`).
    public var selectedModel: LearnedModel {
        var m = model
        if let best {
            m = LearnedModel(
                architecture: model.architecture, normalisation: model.normalisation, parameters: best.parameters,
                metadata: model.metadata)
            m.metadata["epoch"] = "\(best.epoch)"
        } else {
            m.metadata["epoch"] = "\(epochsCompleted)"
        }
        m.metadata["epochs_run"] = "\(epochsCompleted)"
        return m
    }

    /// Keeps `record`'s epoch if its validation loss is strictly below the best so far (a NaN
    /// loss never is; ties keep the earlier epoch).
    func noteBest(_ record: LearningCurveRecord) {
        guard let loss = record.validationLoss, loss.isFinite else { return }
        if let best, !(loss < best.validationLoss) { return }
        best = BestEpoch(epoch: record.epoch, validationLoss: loss, parameters: model.parameters)
    }
}
