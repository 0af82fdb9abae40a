using System.Buffers.Text;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Issuance.Formats;
using GmPki.Registration.Protocols;
using GmPki.Storage.Acme;

namespace GmPki.Server.Acme;

/// <summary>
/// Finalization and certificate download (RFC 8555 §7.4, §7.4.2). Finalizing a ready order opens a
/// registration application through <see cref="ProtocolEnrollment.EnrollValidatedAsync"/>: the
/// identity step is the protocol account's (authenticated by the ACME account key, bound to it
/// by the external account binding), the subject consistency step the challenges' validation.
/// The order is <c>processing</c> while a reviewer must approve (two-person rule); polling it then
/// issues once approved. The certificate is the PEM chain, <c>application/pem-certificate-chain</c>.
/// </summary>
internal static class AcmeFinalization
{
    /// <summary>Media type of the certificate download (RFC 8555 §9.1).</summary>
    public const string PemChain = "application/pem-certificate-chain";

    public static async Task<IResult> FinalizeAsync(HttpContext context, string id, CancellationToken cancellationToken)
    {
        var request = await AcmeRequests.ReadAsync(context, AcmeSigner.Account, cancellationToken);
        var objects = context.RequestServices.GetRequiredService<AcmeObjects>();
        var order = await ReadyAsync(objects, await objects.OrderAsync(id, request.SignedAccount.Id, cancellationToken), cancellationToken);
        if (order.Status != AcmeStatus.Ready || order.State.Expires <= objects.Now)
        {
            throw AcmeErrors.OrderNotReady.With($"order {id} is {order.Status} (expires {order.State.Expires:O}); it is finalized before it expires, once every authorization is valid, and only once.");
        }

        var csr = Csr(request.Text("csr"));
        AcmeCsr.Check(csr, order.State.Identifiers);
        var protocolAccount = await AcmeRequests.ProtocolAccountAsync(context, request.SignedAccount, cancellationToken);
        await objects.WriteAsync([], [objects.Update(order, AcmeStatus.Processing, order.State)], null, cancellationToken);
        order = (await objects.FindAsync<AcmeOrderState>(AcmeTable.Orders, id, cancellationToken))!;
        CertificateApplication application;
        try
        {
            application = await context.RequestServices.GetRequiredService<ProtocolEnrollment>().EnrollValidatedAsync(protocolAccount, "jws-account-key", csr,
                await ValidatedAsync(objects, order, cancellationToken), context.TraceIdentifier, cancellationToken);
        }
        catch (GmPkiException e)
        {
            await objects.WriteAsync([], [objects.Update(order, AcmeStatus.Invalid, order.State with { Error = AcmeResponses.Problem(e.Error, e.Detail) })], null, CancellationToken.None);
            throw;
        }

        return AcmeOrderEndpoints.Answer(context, await RecordAsync(objects, order, application, cancellationToken));
    }

    /// <summary>For a processing order that awaits a reviewer: issues once approved (<see cref="ProtocolEnrollment.ResumeAsync"/>) and records the outcome.</summary>
    public static async Task<AcmeObject<AcmeOrderState>> ResumeAsync(HttpContext context, AcmeObject<AcmeAccountState> account, AcmeObject<AcmeOrderState> order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(order);
        var services = context.RequestServices;
        if (order.State.ApplicationId is not { } applicationId || await services.GetRequiredService<IRegistrationLedger>().FindApplicationAsync(applicationId, cancellationToken) is not { } application)
        {
            return order;
        }

        var protocolAccount = await AcmeRequests.ProtocolAccountAsync(context, account, cancellationToken);
        application = await services.GetRequiredService<ProtocolEnrollment>().ResumeAsync(application, protocolAccount, context.TraceIdentifier, cancellationToken);
        return await RecordAsync(services.GetRequiredService<AcmeObjects>(), order, application, cancellationToken);
    }

    /// <summary>POST-as-GET of the certificate of a valid order: the certificate, then the issuing CA and the root, PEM.</summary>
    public static async Task<IResult> CertificateAsync(HttpContext context, string id, CancellationToken cancellationToken)
    {
        var request = await AcmeRequests.ReadAsync(context, AcmeSigner.Account, cancellationToken);
        var order = await context.RequestServices.GetRequiredService<AcmeObjects>().OrderAsync(id, request.SignedAccount.Id, cancellationToken);
        var issued = order.State.CertificateSerial is { } serial ? await context.RequestServices.GetRequiredService<ICertificateDirectory>().FindAsync(serial, cancellationToken) : null;
        if (issued?.CertificateDer is not { } der)
        {
            throw AcmeErrors.NotFound.With($"order {id} has no certificate.");
        }

        var chain = await context.RequestServices.GetRequiredService<AuthorityDirectory>().ChainAsync(cancellationToken);
        return Results.Text(CertificateEncodings.ToPem([der, .. chain]), PemChain);
    }

    /// <summary>A pending order whose authorizations are all valid becomes ready (validations that ran concurrently each saw the other pending).</summary>
    public static async Task<AcmeObject<AcmeOrderState>> ReadyAsync(AcmeObjects objects, AcmeObject<AcmeOrderState> order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(order);
        foreach (var authorization in order.State.Authorizations)
        {
            if (order.Status != AcmeStatus.Pending || (await objects.FindAsync<AcmeAuthorizationState>(AcmeTable.Authorizations, authorization, cancellationToken))?.Status != AcmeStatus.Valid)
            {
                return order;
            }
        }

        await objects.WriteAsync([], [objects.Update(order, AcmeStatus.Ready, order.State)], null, cancellationToken);
        return (await objects.FindAsync<AcmeOrderState>(AcmeTable.Orders, order.Id, cancellationToken))!;
    }

    private static async Task<AcmeObject<AcmeOrderState>> RecordAsync(AcmeObjects objects, AcmeObject<AcmeOrderState> order, CertificateApplication application, CancellationToken cancellationToken)
    {
        var (status, state) = application.State switch
        {
            ApplicationState.Completed => (AcmeStatus.Valid, order.State with { ApplicationId = application.Id, CertificateSerial = application.ResultSerial }),
            ApplicationState.Rejected or ApplicationState.Withdrawn => (AcmeStatus.Invalid, order.State with
            {
                ApplicationId = application.Id,
                Error = AcmeResponses.Problem(AcmeErrors.BadCsr, $"application {application.Id} was {KebabNames.Of(application.State)}: {application.Steps.LastOrDefault(s => !s.Passed)?.Details}"),
            }),
            _ => (AcmeStatus.Processing, order.State with { ApplicationId = application.Id }),
        };
        if (status == order.Status && state == order.State)
        {
            return order;
        }

        await objects.WriteAsync([], [objects.Update(order, status, state)], null, CancellationToken.None);
        return (await objects.FindAsync<AcmeOrderState>(AcmeTable.Orders, order.Id, cancellationToken))!;
    }

    /// <summary>What the subject consistency step records: each identifier with the challenge that validated it.</summary>
    private static async Task<object> ValidatedAsync(AcmeObjects objects, AcmeObject<AcmeOrderState> order, CancellationToken cancellationToken)
    {
        var validated = new List<object>();
        foreach (var id in order.State.Authorizations)
        {
            var authorization = (await objects.FindAsync<AcmeAuthorizationState>(AcmeTable.Authorizations, id, cancellationToken))!;
            var challenge = (await objects.OwnedByAsync<AcmeChallengeState>(AcmeTable.Challenges, id, cancellationToken)).First(c => c.Status == AcmeStatus.Valid);
            validated.Add(new { identifier = (authorization.State.Wildcard ? "*." : string.Empty) + authorization.State.Identifier.Value, challenge = challenge.State.Type, challenge.State.Validated });
        }

        return new { protocol = "acme (RFC 8555 §8)", order = order.Id, identifiers = validated };
    }

    private static byte[] Csr(string? text)
    {
        try
        {
            return Base64Url.DecodeFromChars(text ?? throw AcmeErrors.Malformed.With("finalize carries the CSR as 'csr' (base64url DER)."));
        }
        catch (FormatException)
        {
            throw AcmeErrors.Malformed.With("'csr' is not base64url.");
        }
    }
}
