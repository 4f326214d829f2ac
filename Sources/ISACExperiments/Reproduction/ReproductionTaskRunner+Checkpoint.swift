import Foundation
import ISACLearning

/// R14: a training task saves its progress, so a killed or preempted run (Ctrl-C, the end of a
/// Slurm time limit, a requeue) continues where it stopped instead of starting the run again.
extension ReproductionTaskRunner {
    /// Epochs between checkpoints: about 20 per run (every 10 epochs of the full plan's 200), so
    /// saving costs little next to training and at most a twentieth of the run is redone.
    static func checkpointInterval(epochs: Int) -> Int { max(1, epochs / 20) }

    /// The session `checkpoint` continues, or nil when there is none or it belongs to another run:
    /// the same training configuration (`TrainingSession(resuming:)` checks it), the same model
    /// metadata (vehicle count, seed, plan) and normalisation (a function of the training data) as
    /// `fresh`, and no more epochs than this run trains. A resumed run ends exactly where an
    /// uninterrupted one ends (the optimiser state and the epoch's shuffling seed are saved).
    static func resume(
        _ fresh: TrainingSession, from checkpoint: Data?, training: Dataset, validation: Dataset?
    ) -> TrainingSession? {
        guard let checkpoint, let saved = try? TrainingCheckpoint(decoding: checkpoint),
            saved.model.metadata == fresh.model.metadata,
            saved.model.normalisation == fresh.model.normalisation,
            saved.curve.count <= fresh.configuration.epochs
        else { return nil }
        return try? TrainingSession(resuming: saved, configuration: fresh.configuration, training: training, validation: validation)
    }
}
