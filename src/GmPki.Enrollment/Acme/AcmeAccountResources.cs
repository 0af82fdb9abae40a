using System.Text.Json;
using GmPki.Registration.Workflow;
using GmPki.Core.Enrollment;

namespace GmPki.Enrollment.Acme;

/// <summary>
/// Accounts (RFC 8555 §7.3): newAccount (with external account binding, or looking up the key's
/// account, <c>onlyReturnExisting</c>), the account resource (POST-as-GET, contact update,
/// deactivation §7.3.6), its orders list (§7.1.2.1), and key rollover (keyChange §7.3.5).
/// Creation, key changes and deactivation are audited (<c>acme.account-created</c>,
/// <c>acme.account-key-changed</c>, <c>acme.account-deactivated</c>) as the protocol account.
/// </summary>
internal static class AcmeAccountResources
{
    public static async Task<AcmeResult> NewAccountAsync(AcmeExchange context, CancellationToken cancellationToken)
    {
        var request = await AcmeRequests.ReadAsync(context, AcmeSigner.Jwk, cancellationToken);
        var objects = context.Engine.Objects;
        var urls = context.Urls;
        var thumbprint = AcmeJwk.Thumbprint(request.Jwk);
        if ((await objects.OwnedByAsync<AcmeAccountState>(AcmeTable.Accounts, thumbprint, cancellationToken)).SingleOrDefault() is { } existing)
        {
            return AcmeResponses.Resource(context, View(urls, existing), urls.Account(existing.Id));
        }

        if (AcmeJson.Member(request.Payload, "onlyReturnExisting")?.ValueKind == JsonValueKind.True)
        {
            throw AcmeErrors.AccountDoesNotExist.With("no account has this key (onlyReturnExisting).");
        }

        var bound = await AcmeExternalAccountBinding.VerifyAsync(context, request, cancellationToken);
        var id = AcmeObjects.NewId();
        var state = new AcmeAccountState(request.Jwk, Contact(request), bound.Name, objects.Now);
        var actor = RegistrationActor.ProtocolClient(bound, null, context.RequestId);
        await objects.WriteAsync([objects.Row(AcmeTable.Accounts, id, thumbprint, AcmeStatus.Valid, state)], [],
            actor.Event(objects.Now, "acme.account-created", "acme-account:" + id, "success", new { account = id, keyThumbprint = thumbprint, protocolAccount = bound.Name, subscriber = bound.SubscriberId, bound.Profile }),
            cancellationToken);
        var created = (await objects.FindAsync<AcmeAccountState>(AcmeTable.Accounts, id, cancellationToken))!;
        return AcmeResponses.Resource(context, View(urls, created), urls.Account(id), 201);
    }

    public static async Task<AcmeResult> AccountAsync(AcmeExchange context, string id, CancellationToken cancellationToken)
    {
        var request = await AcmeRequests.ReadAsync(context, AcmeSigner.Account, cancellationToken);
        var account = Own(request, id);
        var objects = context.Engine.Objects;
        var urls = context.Urls;
        if (request.Text("status") is { } status)
        {
            if (status != AcmeStatus.Deactivated)
            {
                throw AcmeErrors.Malformed.With($"an account's status can only be set to 'deactivated', not '{status}'.");
            }

            var protocolAccount = await AcmeRequests.ProtocolAccountAsync(context, account, cancellationToken);
            await objects.WriteAsync([], [objects.Update(account, AcmeStatus.Deactivated, account.State)],
                RegistrationActor.ProtocolClient(protocolAccount, null, context.RequestId).Event(objects.Now, "acme.account-deactivated", "acme-account:" + id, "success", new { account = id }), cancellationToken);
        }
        else if (AcmeJson.Member(request.Payload, "contact") is not null)
        {
            await objects.WriteAsync([], [objects.Update(account, account.Status, account.State with { Contact = Contact(request) })], null, cancellationToken);
        }

        return AcmeResponses.Resource(context, View(urls, (await objects.FindAsync<AcmeAccountState>(AcmeTable.Accounts, id, cancellationToken))!), urls.Account(id));
    }

    public static async Task<AcmeResult> OrdersAsync(AcmeExchange context, string id, CancellationToken cancellationToken)
    {
        var account = Own(await AcmeRequests.ReadAsync(context, AcmeSigner.Account, cancellationToken), id);
        var urls = context.Urls;
        var orders = await context.Engine.Objects.OwnedByAsync<AcmeOrderState>(AcmeTable.Orders, account.Id, cancellationToken);
        return AcmeResponses.Resource(context, new { orders = orders.Where(o => o.Status is not (AcmeStatus.Invalid or AcmeStatus.Valid)).Select(o => urls.Order(o.Id)) });
    }

    /// <summary>Key rollover (§7.3.5): the inner JWS, signed by the new key, names the account and its old key.</summary>
    public static async Task<AcmeResult> KeyChangeAsync(AcmeExchange context, CancellationToken cancellationToken)
    {
        var request = await AcmeRequests.ReadAsync(context, AcmeSigner.Account, cancellationToken);
        var account = request.SignedAccount;
        var urls = context.Urls;
        var inner = AcmeJws.Parse(request.Payload ?? throw AcmeErrors.Malformed.With("keyChange carries the inner JWS as its payload."));
        if (inner.Jwk is not { } newKey || inner.Kid is not null || inner.Url != request.Jws.Url)
        {
            throw AcmeErrors.Malformed.With("the inner JWS carries the new key in 'jwk' and the keyChange URL in 'url' (RFC 8555 §7.3.5).");
        }

        if (!AcmeJwk.Verify(newKey, inner.Algorithm, inner.SigningInput, inner.Signature))
        {
            throw AcmeErrors.Malformed.With("the inner JWS signature does not verify with the new key.");
        }

        var body = inner.PayloadJson();
        var named = AcmeJson.Text(body, "account");
        var oldKey = AcmeJson.Member(body, "oldKey");
        if (named != urls.Account(account.Id) || oldKey is null || AcmeJwk.Thumbprint(oldKey.Value) != account.Row.Owner)
        {
            throw AcmeErrors.Unauthorized.With("the inner JWS must name this account and its current key as 'account' and 'oldKey'.");
        }

        var thumbprint = AcmeJwk.Thumbprint(newKey);
        var objects = context.Engine.Objects;
        if ((await objects.OwnedByAsync<AcmeAccountState>(AcmeTable.Accounts, thumbprint, cancellationToken)).SingleOrDefault() is { } holder)
        {
            context.Location = urls.Account(holder.Id);
            throw AcmeErrors.Conflict.With($"the new key is the key of account {holder.Id} already.");
        }

        var protocolAccount = await AcmeRequests.ProtocolAccountAsync(context, account, cancellationToken);
        await objects.WriteAsync([], [objects.Update(account, account.Status, account.State with { Jwk = newKey }, thumbprint)],
            RegistrationActor.ProtocolClient(protocolAccount, null, context.RequestId).Event(objects.Now, "acme.account-key-changed", "acme-account:" + account.Id, "success",
                new { account = account.Id, oldKeyThumbprint = account.Row.Owner, keyThumbprint = thumbprint }), cancellationToken);
        return AcmeResponses.Resource(context, View(urls, (await objects.FindAsync<AcmeAccountState>(AcmeTable.Accounts, account.Id, cancellationToken))!), urls.Account(account.Id));
    }

    /// <summary>The account resource (§7.1.2).</summary>
    private static object View(AcmeUrls urls, AcmeObject<AcmeAccountState> account)
        => new { status = account.Status, contact = account.State.Contact, orders = urls.Orders(account.Id), createdAt = account.State.CreatedAt };

    private static AcmeObject<AcmeAccountState> Own(AcmeRequest request, string id)
        => request.SignedAccount.Id == id ? request.SignedAccount : throw AcmeErrors.Unauthorized.With($"the request is signed by account {request.SignedAccount.Id}, not {id}.");

    private static string[] Contact(AcmeRequest request)
        => AcmeJson.Member(request.Payload, "contact") is { ValueKind: JsonValueKind.Array } contact
            ? [.. contact.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.String ? c.GetString()! : throw AcmeErrors.Malformed.With("contact entries are URL strings."))]
            : [];
}
