namespace GmPki.Storage.Writing;

/// <summary>
/// One all-or-nothing write: its steps run in order inside one savepoint of the writer's batch
/// transaction; <see cref="Completion"/> ends once the batch has committed (or failed).
/// </summary>
/// <param name="Steps">The statements, in order.</param>
internal sealed record LedgerWrite(IReadOnlyList<LedgerStep> Steps)
{
    /// <summary>Set by the writer after the commit.</summary>
    public TaskCompletionSource<WriteOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
