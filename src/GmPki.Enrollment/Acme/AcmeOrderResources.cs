using GmPki.Core.Enrollment;

namespace GmPki.Enrollment.Acme;

/// <summary>
/// Orders (RFC 8555 §7.4): newOrder creates the order with one authorization per identifier, each
/// offering http-01 (not for wildcards) and dns-01; the order resource (POST-as-GET) shows it, and
/// while an issuance awaits a reviewer (two-person rule) asks again after <see cref="RetryAfterSeconds"/>.
/// </summary>
internal static class AcmeOrderResources
{
    /// <summary>Lifetime of orders and authorizations.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>Seconds a client waits before polling a processing order again.</summary>
    public const int RetryAfterSeconds = 60;

    public static async Task<AcmeResult> NewOrderAsync(AcmeExchange context, CancellationToken cancellationToken)
    {
        var request = await AcmeRequests.ReadAsync(context, AcmeSigner.Account, cancellationToken);
        var account = request.SignedAccount;
        var protocolAccount = await AcmeRequests.ProtocolAccountAsync(context, account, cancellationToken);
        var identifiers = AcmeIdentifiers.Read(request.Payload, protocolAccount, context.Engine.Profiles);
        var objects = context.Engine.Objects;
        var orderId = AcmeObjects.NewId();
        var expires = objects.Now + Lifetime;
        var rows = new List<AcmeRow>();
        var authorizations = new List<string>();
        foreach (var identifier in identifiers)
        {
            var wildcard = identifier.Value.StartsWith("*.", StringComparison.Ordinal);
            var authorizationId = AcmeObjects.NewId();
            string[] types = wildcard ? [AcmeChallengeTypes.Dns01] : [AcmeChallengeTypes.Http01, AcmeChallengeTypes.Dns01];
            var challenges = types.Select(type => objects.Row(AcmeTable.Challenges, AcmeObjects.NewId(), authorizationId, AcmeStatus.Pending,
                new AcmeChallengeState(type, AcmeObjects.NewId(), null, null))).ToList();
            rows.AddRange(challenges);
            rows.Add(objects.Row(AcmeTable.Authorizations, authorizationId, orderId, AcmeStatus.Pending,
                new AcmeAuthorizationState(new AcmeIdentifier("dns", wildcard ? identifier.Value[2..] : identifier.Value), wildcard, expires, [.. challenges.Select(c => c.Id)])));
            authorizations.Add(authorizationId);
        }

        rows.Add(objects.Row(AcmeTable.Orders, orderId, account.Id, AcmeStatus.Pending, new AcmeOrderState(identifiers, authorizations, expires, null, null, null)));
        await objects.WriteAsync(rows, [], null, cancellationToken);
        var urls = context.Urls;
        return AcmeResponses.Resource(context, View(urls, (await objects.FindAsync<AcmeOrderState>(AcmeTable.Orders, orderId, cancellationToken))!), urls.Order(orderId), 201);
    }

    public static async Task<AcmeResult> OrderAsync(AcmeExchange context, string id, CancellationToken cancellationToken)
    {
        var request = await AcmeRequests.ReadAsync(context, AcmeSigner.Account, cancellationToken);
        var objects = context.Engine.Objects;
        var order = await AcmeFinalization.ReadyAsync(objects, await objects.OrderAsync(id, request.SignedAccount.Id, cancellationToken), cancellationToken);
        if (order.Status == AcmeStatus.Processing)
        {
            order = await AcmeFinalization.ResumeAsync(context, request.SignedAccount, order, cancellationToken);
        }

        return Answer(context, order);
    }

    /// <summary>The order resource, with <c>Retry-After</c> while it is processing.</summary>
    public static AcmeResult Answer(AcmeExchange context, AcmeObject<AcmeOrderState> order)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(order);
        if (order.Status == AcmeStatus.Processing)
        {
            context.RetryAfterSeconds = RetryAfterSeconds;
        }

        var urls = context.Urls;
        return AcmeResponses.Resource(context, View(urls, order), urls.Order(order.Id));
    }

    /// <summary>The order resource (§7.1.3).</summary>
    private static object View(AcmeUrls urls, AcmeObject<AcmeOrderState> order) => new
    {
        status = order.Status,
        expires = order.State.Expires,
        identifiers = order.State.Identifiers,
        authorizations = order.State.Authorizations.Select(urls.Authorization),
        finalize = urls.Finalize(order.Id),
        certificate = order.State.CertificateSerial is null ? null : urls.Certificate(order.Id),
        error = order.State.Error,
    };
}
