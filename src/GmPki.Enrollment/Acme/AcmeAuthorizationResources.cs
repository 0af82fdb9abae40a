using GmPki.Registration.Workflow;
using GmPki.Core.Enrollment;

namespace GmPki.Enrollment.Acme;

/// <summary>
/// Authorizations and challenges (RFC 8555 §7.5): the authorization resource (POST-as-GET, or
/// deactivation §7.5.2), and the challenge resource, whose POST with <c>{}</c> asks the server to
/// validate (§7.5.1). Validation runs within that request; the answer shows the challenge valid
/// or invalid (with the problem). A success makes the authorization valid, and the order ready
/// once all its authorizations are; a failure makes the authorization and the order invalid.
/// Each validation is audited (<c>acme.challenge-validated</c>, outcome success or rejected).
/// </summary>
internal static class AcmeAuthorizationResources
{
    public static async Task<AcmeResult> AuthorizationAsync(AcmeExchange context, string id, CancellationToken cancellationToken)
    {
        var request = await AcmeRequests.ReadAsync(context, AcmeSigner.Account, cancellationToken);
        var objects = context.Engine.Objects;
        var (authorization, order) = await objects.AuthorizationAsync(id, request.SignedAccount.Id, cancellationToken);
        if (request.Text("status") is { } status)
        {
            if (status != AcmeStatus.Deactivated || authorization.Status is not (AcmeStatus.Pending or AcmeStatus.Valid))
            {
                throw AcmeErrors.Malformed.With($"a {authorization.Status} authorization cannot be set to '{status}'; only pending or valid ones are deactivated.");
            }

            await objects.WriteAsync([], [objects.Update(authorization, AcmeStatus.Deactivated, authorization.State), objects.Update(order, AcmeStatus.Invalid, order.State)], null, cancellationToken);
            (authorization, _) = await objects.AuthorizationAsync(id, request.SignedAccount.Id, cancellationToken);
        }

        return await AnswerAsync(context, objects, authorization, cancellationToken);
    }

    public static async Task<AcmeResult> ChallengeAsync(AcmeExchange context, string id, CancellationToken cancellationToken)
    {
        var request = await AcmeRequests.ReadAsync(context, AcmeSigner.Account, cancellationToken);
        var objects = context.Engine.Objects;
        var challenge = await objects.FindAsync<AcmeChallengeState>(AcmeTable.Challenges, id, cancellationToken) ?? throw AcmeErrors.NotFound.With($"no challenge {id}.");
        var (authorization, order) = await objects.AuthorizationAsync(challenge.Row.Owner, request.SignedAccount.Id, cancellationToken);
        var urls = context.Urls;
        context.Links.Add($"<{urls.Authorization(authorization.Id)}>;rel=\"up\"");
        if (request.Payload is not null && challenge.Status == AcmeStatus.Pending && authorization.Status == AcmeStatus.Pending)
        {
            if (authorization.State.Expires <= objects.Now)
            {
                throw AcmeErrors.Unauthorized.With($"authorization {authorization.Id} expired at {authorization.State.Expires:O}; place a new order.");
            }

            challenge = await ValidateAsync(context, request, objects, challenge, authorization, order, cancellationToken);
        }

        return AcmeResponses.Resource(context, View(urls, challenge));
    }

    /// <summary>The challenge object (§7.1.5, §8).</summary>
    public static object View(AcmeUrls urls, AcmeObject<AcmeChallengeState> challenge) => new
    {
        type = challenge.State.Type,
        url = urls.Challenge(challenge.Id),
        status = challenge.Status,
        token = challenge.State.Token,
        validated = challenge.State.Validated,
        error = challenge.State.Error,
    };

    private static async Task<AcmeObject<AcmeChallengeState>> ValidateAsync(AcmeExchange context, AcmeRequest request, AcmeObjects objects, AcmeObject<AcmeChallengeState> challenge,
        AcmeObject<AcmeAuthorizationState> authorization, AcmeObject<AcmeOrderState> order, CancellationToken cancellationToken)
    {
        var protocolAccount = await AcmeRequests.ProtocolAccountAsync(context, request.SignedAccount, cancellationToken);
        var thumbprint = request.SignedAccount.Row.Owner;
        var domain = authorization.State.Identifier.Value;
        var problem = await context.Engine.Validator.ValidateAsync(challenge.State.Type, domain, challenge.State.Token, thumbprint, cancellationToken);
        var now = objects.Now;
        var updates = new List<AcmeUpdate>
        {
            objects.Update(challenge, problem is null ? AcmeStatus.Valid : AcmeStatus.Invalid, challenge.State with { Validated = problem is null ? now : null, Error = problem }),
            objects.Update(authorization, problem is null ? AcmeStatus.Valid : AcmeStatus.Invalid, authorization.State),
        };
        if (problem is not null)
        {
            updates.Add(objects.Update(order, AcmeStatus.Invalid, order.State with { Error = problem }));
        }
        else if (await AllOthersValidAsync(objects, order, authorization.Id, cancellationToken))
        {
            updates.Add(objects.Update(order, AcmeStatus.Ready, order.State));
        }

        var audit = RegistrationActor.ProtocolClient(protocolAccount, null, context.RequestId).Event(now, "acme.challenge-validated", "acme-authorization:" + authorization.Id,
            problem is null ? "success" : "rejected", new { account = request.SignedAccount.Id, order = order.Id, identifier = domain, type = challenge.State.Type, error = problem });
        await objects.WriteAsync([], updates, audit, cancellationToken);
        return (await objects.FindAsync<AcmeChallengeState>(AcmeTable.Challenges, challenge.Id, cancellationToken))!;
    }

    private static async Task<bool> AllOthersValidAsync(AcmeObjects objects, AcmeObject<AcmeOrderState> order, string validated, CancellationToken cancellationToken)
    {
        foreach (var id in order.State.Authorizations.Where(a => a != validated))
        {
            if ((await objects.FindAsync<AcmeAuthorizationState>(AcmeTable.Authorizations, id, cancellationToken))?.Status != AcmeStatus.Valid)
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<AcmeResult> AnswerAsync(AcmeExchange context, AcmeObjects objects, AcmeObject<AcmeAuthorizationState> authorization, CancellationToken cancellationToken)
    {
        var urls = context.Urls;
        var challenges = await objects.OwnedByAsync<AcmeChallengeState>(AcmeTable.Challenges, authorization.Id, cancellationToken);
        return AcmeResponses.Resource(context, new
        {
            identifier = authorization.State.Identifier,
            status = authorization.Status,
            expires = authorization.State.Expires,
            challenges = challenges.Select(c => View(urls, c)),
            wildcard = authorization.State.Wildcard ? true : (bool?)null,
        });
    }
}
