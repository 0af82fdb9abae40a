using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using GmPki.Cryptography.Sm;
using GmPki.Kmc.Messages;

namespace GmPki.Registration.Workflow;

/// <summary>What the holder's USB key gives for a PIN unlock (GM/T 0016 device authentication).</summary>
/// <param name="DeviceSerial">The device's serial number (<c>DEVINFO.SerialNumber</c>, 1–32 ASCII characters 0x21–0x7E).</param>
/// <param name="Challenge">The device's random (<c>SKF_GenRandom</c>): 8 bytes (zero-padded to the SM4 block) or 16 bytes.</param>
public sealed record PinUnlockInput(string DeviceSerial, byte[] Challenge);

/// <summary>
/// The fulfilment of an approved PIN unlock (密码解锁; docs/kmc.md#pin-unlock): after the holder's
/// identity, will and the approval are recorded, the KMC answers the challenge of the USB key
/// holding the application's certificate with the device-authentication data
/// <c>SM4-ECB(device key, challenge ‖ 00…)</c> (16 bytes, GM/T 0016 <c>SKF_DevAuth</c>). The step
/// records the certificate, the device serial and the challenge's SM3; the answer is returned once,
/// never stored. A device the KMC never personalised rejects the application (<c>kmc-device-unknown</c>).
/// </summary>
public sealed class PinUnlockDesk(StepWriter steps, ICertificateDirectory certificates, KmcLink kmc)
{
    /// <summary>Answers the device's challenge and records the fulfilment.</summary>
    /// <returns>The completed application and the 16-byte authentication data for <c>SKF_DevAuth</c>.</returns>
    /// <exception cref="GmPkiException"><c>request-invalid</c> (not a PIN unlock); <c>kmc-request-invalid</c> (serial or challenge malformed; nothing recorded);
    /// <c>workflow-step-out-of-order</c> (not approved, or the certificate is no longer good); <c>forbidden</c>; the KMC's errors
    /// (<c>kmc-device-unknown</c> is recorded and rejects the application; <c>kmc-sealed</c> leaves it approved).</exception>
    public async Task<(CertificateApplication Application, byte[] AuthenticationData)> UnlockAsync(Guid id, PinUnlockInput input, RegistrationActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var application = await steps.LoadAsync(id, cancellationToken);
        if (application.Kind != ApplicationKind.PinUnlock)
        {
            throw Errors.RequestInvalid.With($"application {id} is a {KebabNames.Of(application.Kind)}, not a pin-unlock.");
        }

        StepPermissions.Demand(actor, WorkflowStep.Fulfilment, application);
        StepWriter.DemandNext(application, WorkflowStep.Fulfilment);
        if (await certificates.FindAsync(application.TargetSerial!, cancellationToken) is not { Status: CertificateStatus.Good })
        {
            throw Errors.WorkflowStepOutOfOrder.With($"certificate {application.TargetSerial} is no longer good; its USB key is not unlocked.");
        }

        var details = new { certificate = application.TargetSerial, deviceSerial = input.DeviceSerial, challengeSm3 = Sm3.HashHex(input.Challenge) };
        DeviceUnlockResponse answer;
        try
        {
            answer = await kmc.Centre.UnlockDeviceAsync(new DeviceUnlockRequest(kmc.CaId, $"{id:N}.{Guid.CreateVersion7():N}", input.DeviceSerial, input.Challenge,
                "application:" + id.ToString("D"), application.Approvers), cancellationToken);
        }
        catch (GmPkiException e) when (e.Error.Kind == ErrorKind.NotFound)
        {
            await steps.RecordAsync(application, WorkflowStep.Fulfilment, false, actor, "kmc-device-unlock",
                new { details.certificate, details.deviceSerial, details.challengeSm3, error = e.Error.Code, detail = e.Detail }, null, CancellationToken.None);
            throw;
        }

        return (await steps.RecordAsync(application, WorkflowStep.Fulfilment, true, actor, "kmc-device-unlock", details, null, CancellationToken.None), answer.AuthenticationData);
    }
}
