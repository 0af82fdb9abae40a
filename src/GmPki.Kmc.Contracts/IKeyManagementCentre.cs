using GmPki.Kmc.Messages;

namespace GmPki.Kmc;

/// <summary>
/// What a CA may ask of the KMC (GM/T 0014 CA↔KMC protocol: key application, key recovery, key
/// revocation; and GmPki's own device-key messages for PIN unlock, which GM/T 0014 lacks). Every message carries the CA's ID and the CA's request ID; a remote transport
/// authenticates the CA (GM/T 0014 signs each <c>CARequest</c>) and maps the records onto the
/// wire, so nothing here assumes the KMC runs in the CA's process. Requests from a CA that is not
/// registered with the KMC are refused (<c>kmc-ca-unknown</c>).
/// </summary>
public interface IKeyManagementCentre
{
    /// <summary>Generates, escrows and delivers a new encryption key pair.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>kmc-request-invalid</c>, <c>kmc-ca-unknown</c>,
    /// <c>kmc-algorithm-rejected</c>, <c>kmc-holder-key-rejected</c>, <c>kmc-request-duplicate</c>, <c>kmc-sealed</c>.</exception>
    Task<ApplyKeyResponse> ApplyAsync(ApplyKeyRequest request, CancellationToken cancellationToken);

    /// <summary>Delivers an escrowed key again, in an envelope to the request's recipient key.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>kmc-request-invalid</c>, <c>kmc-ca-unknown</c>,
    /// <c>kmc-key-unknown</c>, <c>kmc-holder-key-rejected</c>, <c>kmc-sealed</c>, <c>kmc-escrow-corrupt</c>;
    /// <c>kmc-request-invalid</c> also for a judicial recovery without two distinct approvers.</exception>
    Task<RecoverKeyResponse> RecoverAsync(RecoverKeyRequest request, CancellationToken cancellationToken);

    /// <summary>Marks an active escrowed key revoked (its encryption certificate was revoked).</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>kmc-ca-unknown</c>, <c>kmc-key-unknown</c>, <c>kmc-key-state</c> (not active).</exception>
    Task RevokeAsync(ChangeKeyStateRequest request, CancellationToken cancellationToken);

    /// <summary>Marks an active escrowed key archived (its encryption certificate expired).</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>kmc-ca-unknown</c>, <c>kmc-key-unknown</c>, <c>kmc-key-state</c> (not active).</exception>
    Task ArchiveAsync(ChangeKeyStateRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Generates and escrows the SM4 device authentication key of a USB key the CA initialises
    /// (GM/T 0016-2012 device authentication) and returns it once, to be loaded into the device.
    /// </summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>kmc-request-invalid</c> (IDs, serial not 1–32 printable ASCII),
    /// <c>kmc-ca-unknown</c>, <c>kmc-sealed</c>, <c>kmc-device-exists</c>.</exception>
    Task<DevicePersonalisation> PersonaliseDeviceAsync(DevicePersonaliseRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Answers a device's challenge for PIN unlock (密码解锁) with the 16-byte device
    /// authentication data D1 = SM4-ECB(K, R ‖ 00×8) for <c>SKF_DevAuth</c>; the device key stays in the KMC.
    /// </summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>kmc-request-invalid</c> (IDs, serial, a challenge not 8 or 16 bytes,
    /// no reference or approver), <c>kmc-ca-unknown</c>, <c>kmc-device-unknown</c> (also another CA's device),
    /// <c>kmc-sealed</c>, <c>kmc-escrow-corrupt</c>.</exception>
    Task<DeviceUnlockResponse> UnlockDeviceAsync(DeviceUnlockRequest request, CancellationToken cancellationToken);
}
