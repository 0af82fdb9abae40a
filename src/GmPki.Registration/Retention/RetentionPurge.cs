using GmPki.Core.Ledger;
using GmPki.Core.Registration;

namespace GmPki.Registration.Retention;

/// <summary>What one purge run removed.</summary>
/// <param name="Applications">Applications removed (with their steps and evidence).</param>
/// <param name="Subscribers">Subscribers removed.</param>
/// <param name="Kept">Closed applications examined and kept because their retention has not ended.</param>
public sealed record PurgeResult(int Applications, int Subscribers, int Kept);

/// <summary>
/// Removes registration records whose retention period (<see cref="RetentionPolicy"/>) has
/// ended: closed applications with their steps and evidence files, then subscribers left with no
/// application and no staff. Nothing is removed earlier, and an application changed after it was
/// examined is refused by the store; audit events are never removed (each removal writes a
/// <c>retention.purged</c> event in the SM3 chain naming what went: the application, its
/// certificates' serials and profiles). Certificates and CRLs are never removed. Runs in batches; safe to run repeatedly and
/// from several processes (a record gone already is skipped).
/// </summary>
public sealed class RetentionPurge(IRetentionStore store, RetentionPolicy policy, TimeProvider clock)
{
    private const int Batch = 500;

    /// <summary>Runs one purge as of the clock's current time.</summary>
    public async Task<PurgeResult> RunAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = clock.GetUtcNow().UtcDateTime;
        var applications = 0;
        var kept = 0;
        var candidates = await store.ListClosedApplicationsAsync(now.AddYears(-policy.Years), int.MaxValue, cancellationToken);
        foreach (var candidate in candidates)
        {
            var keepUntil = policy.KeepUntil(candidate);
            if (now < keepUntil)
            {
                kept++;
                continue;
            }

            var audit = Event(now, actor, "application:" + candidate.ApplicationId.ToString("D"), new
            {
                subscriber = candidate.SubscriberId, candidate.ClosedAt, keepUntil, government = policy.IsGovernment(candidate),
                certificates = candidate.Serials, profiles = candidate.Profiles,
            });
            applications += await store.PurgeApplicationAsync(candidate.ApplicationId, candidate.ClosedAt, audit, cancellationToken) ? 1 : 0;
        }

        var subscribers = 0;
        var unreferenced = (await store.ListUnreferencedSubscribersAsync(now.AddYears(-policy.Years), Batch, cancellationToken)).Where(s => !s.Government)
            .Concat((await store.ListUnreferencedSubscribersAsync(now.AddYears(-policy.GovernmentYears), Batch, cancellationToken)).Where(s => s.Government));
        foreach (var (id, _) in unreferenced)
        {
            subscribers += await store.PurgeSubscriberAsync(id, Event(now, actor, "subscriber:" + id.ToString("D"), new { reason = "no records left" }), cancellationToken) ? 1 : 0;
        }

        return new PurgeResult(applications, subscribers, kept);
    }

    private static AuditEvent Event(DateTime now, Actor actor, string target, object details)
        => new(now, "retention.purged", actor.Name, actor.Role, target, "success", System.Text.Json.JsonSerializer.Serialize(details), actor.RequestId);
}
