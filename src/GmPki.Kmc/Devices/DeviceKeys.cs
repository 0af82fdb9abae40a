using System.Security.Cryptography;
using GmPki.Core.Errors;
using GmPki.Cryptography.Sm;
using GmPki.Kmc.Custody;
using GmPki.Kmc.Escrow;
using GmPki.Kmc.Messages;
using GmPki.Kmc.Storage;
using Microsoft.EntityFrameworkCore;

namespace GmPki.Kmc.Devices;

/// <summary>
/// Device authentication keys of holders' USB keys (GM/T 0016-2012 SKF device authentication,
/// 设备认证), for PIN unlock (密码解锁): each device gets a random 16-byte SM4 key at
/// personalisation, escrowed in <c>kmc_device_keys</c> under the master key like encryption keys
/// (<see cref="EscrowCipher"/>, key ID <c>device:{serial}</c>); to unlock, the KMC answers the
/// device's random R with D1 = SM4-ECB(K, R ‖ 00×8). The key leaves the KMC only at
/// personalisation. Called by <see cref="KeyManagementCentre"/> after it checked the request's IDs
/// and CA, and which audits refusals; docs/kmc.md "Device keys".
/// </summary>
internal sealed class DeviceKeys(KmcDatabase database, MasterKeyCustody custody, KmcAudit audit, TimeProvider time)
{
    /// <summary>Longest serial number: <c>DEVINFO.SerialNumber</c> is <c>CHAR[32]</c> (GM/T 0016-2012).</summary>
    public const int MaxSerialLength = 32;

    /// <summary>Length of the device's random from <c>SKF_GenRandom</c>, zero-padded to the SM4 block.</summary>
    public const int RandomLength = 8;

    /// <summary>The audit target of a device: <c>kmc-device:{caId}/{serial}</c>.</summary>
    public static string Target(string? caId, string? deviceSerial) => $"kmc-device:{caId}/{deviceSerial}";

    /// <summary>Generates, escrows and returns the device authentication key of a new device.</summary>
    /// <exception cref="GmPkiException"><c>kmc-request-invalid</c> (serial), <c>kmc-sealed</c>, <c>kmc-device-exists</c>.</exception>
    public async Task<DevicePersonalisation> PersonaliseAsync(DevicePersonaliseRequest request, CancellationToken cancellationToken)
    {
        RequireSerial(request.DeviceSerial);
        var master = custody.Current;
        var key = RandomNumberGenerator.GetBytes(Sm4.KeySize);
        try
        {
            await using var context = database.CreateContext();
            if (await ExistsAsync(context, request.CaId, request.DeviceSerial, cancellationToken))
            {
                throw KmcErrors.DeviceExists.With(AlreadyPersonalised(request));
            }

            context.DeviceKeys.Add(new DeviceKeyEntity
            {
                CaId = request.CaId,
                DeviceSerial = request.DeviceSerial,
                RequestId = request.RequestId,
                MasterKeyId = master.Id,
                SealedKey = EscrowCipher.Seal(master.EscrowKey, master.Id, request.CaId, EscrowCipher.DeviceKeyId(request.DeviceSerial), key),
                CreatedAt = time.GetUtcNow(),
            });
            await context.SaveOrConflictAsync(() => ExistsAsync(context, request.CaId, request.DeviceSerial, cancellationToken), e => KmcErrors.DeviceExists.With(AlreadyPersonalised(request), e), cancellationToken);
        }
        catch
        {
            CryptographicOperations.ZeroMemory(key);
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(master.EscrowKey);
        }

        await audit.WriteAsync(KmcRequests.CaActor(request.CaId, request.RequestId), "kmc.device.personalised", Target(request.CaId, request.DeviceSerial), "success",
            new { ca = request.CaId, requestId = request.RequestId, masterKey = master.Id }, cancellationToken);
        return new DevicePersonalisation(request.DeviceSerial, key);
    }

    /// <summary>Answers a device's challenge with D1 = SM4-ECB(K, block) and records the time of the unlock.</summary>
    /// <exception cref="GmPkiException"><c>kmc-request-invalid</c> (serial, challenge length, no reference or
    /// approver), <c>kmc-device-unknown</c>, <c>kmc-sealed</c>, <c>kmc-escrow-corrupt</c>.</exception>
    public async Task<DeviceUnlockResponse> UnlockAsync(DeviceUnlockRequest request, CancellationToken cancellationToken)
    {
        RequireSerial(request.DeviceSerial);
        var block = ChallengeBlock(request.Challenge);
        if (!KmcRequests.IsApproved(request.Reference, request.ApprovedBy))
        {
            throw KmcErrors.RequestInvalid.With("a device unlock needs a reference and at least one approver.");
        }

        await using var context = database.CreateContext();
        var device = await context.DeviceKeys.SingleOrDefaultAsync(d => d.CaId == request.CaId && d.DeviceSerial == request.DeviceSerial, cancellationToken)
            ?? throw KmcErrors.DeviceUnknown.With($"CA '{request.CaId}' has no device '{request.DeviceSerial}'.");
        var master = custody.Current;
        byte[] answer;
        try
        {
            var key = EscrowCipher.Open(master, device.MasterKeyId, device.CaId, EscrowCipher.DeviceKeyId(device.DeviceSerial), device.SealedKey);
            try
            {
                answer = key.Length == Sm4.KeySize
                    ? Sm4.EncryptBlock(key, block)
                    : throw KmcErrors.EscrowCorrupt.With($"the escrowed key of device '{device.DeviceSerial}' is {key.Length} bytes, not {Sm4.KeySize}.");
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(master.EscrowKey);
        }

        device.LastUnlockAt = time.GetUtcNow();
        await context.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(KmcRequests.CaActor(request.CaId, request.RequestId), "kmc.device.unlock-answered", Target(request.CaId, request.DeviceSerial), "success", new
        {
            ca = request.CaId,
            requestId = request.RequestId,
            reference = request.Reference,
            approvedBy = request.ApprovedBy,
            challengeSm3 = Sm3.HashHex(request.Challenge),
        }, cancellationToken);
        return new DeviceUnlockResponse(device.DeviceSerial, answer);
    }

    /// <summary>The 16-byte block to encrypt: an 8-byte random followed by 8 zero bytes, or a 16-byte challenge as is.</summary>
    /// <exception cref="GmPkiException"><c>kmc-request-invalid</c> for any other length.</exception>
    private static byte[] ChallengeBlock(byte[]? challenge) => challenge?.Length switch
    {
        RandomLength => [.. challenge, .. new byte[Sm4.KeySize - RandomLength]],
        Sm4.KeySize => (byte[])challenge.Clone(),
        _ => throw KmcErrors.RequestInvalid.With($"the challenge must be {RandomLength} bytes (SKF_GenRandom) or {Sm4.KeySize} bytes, not {challenge?.Length ?? 0}."),
    };

    /// <exception cref="GmPkiException"><c>kmc-request-invalid</c> unless 1–32 characters 0x21–0x7E.</exception>
    private static void RequireSerial(string? deviceSerial)
    {
        if (string.IsNullOrEmpty(deviceSerial) || deviceSerial.Length > MaxSerialLength || deviceSerial.Any(c => c is < '!' or > '~'))
        {
            throw KmcErrors.RequestInvalid.With($"deviceSerial must be 1–{MaxSerialLength} printable ASCII characters without spaces (DEVINFO.SerialNumber).");
        }
    }

    private static Task<bool> ExistsAsync(KmcContext context, string caId, string deviceSerial, CancellationToken cancellationToken) =>
        context.DeviceKeys.AnyAsync(d => d.CaId == caId && d.DeviceSerial == deviceSerial, cancellationToken);

    private static string AlreadyPersonalised(DevicePersonaliseRequest request) => $"CA '{request.CaId}' already personalised device '{request.DeviceSerial}'.";
}
