using GmPki.Core.Errors;

namespace GmPki.Kmc;

/// <summary>
/// The KMC's entries of the error taxonomy (<see cref="GmPkiError"/>, <c>urn:gmpki:error:{code}</c>);
/// listed with their causes in <c>docs/kmc.md</c>.
/// </summary>
public static class KmcErrors
{
    /// <summary>The requesting CA is not registered with the KMC (GM/T 0014: requests come only from known CAs).</summary>
    public static readonly GmPkiError CaUnknown = new("kmc-ca-unknown", ErrorKind.Forbidden, "CA not registered with the KMC");

    /// <summary>The CA is already registered.</summary>
    public static readonly GmPkiError CaExists = new("kmc-ca-exists", ErrorKind.Conflict, "CA already registered with the KMC");

    /// <summary>The key algorithm is not one the CA is registered for.</summary>
    public static readonly GmPkiError AlgorithmRejected = new("kmc-algorithm-rejected", ErrorKind.Invalid, "Key algorithm not allowed for this CA");

    /// <summary>The holder's signing public key cannot receive an SM2 envelope (not a valid SM2 key).</summary>
    public static readonly GmPkiError HolderKeyRejected = new("kmc-holder-key-rejected", ErrorKind.Invalid, "Holder public key cannot receive an SM2 envelope");

    /// <summary>A request field is missing or malformed (empty request ID, validity reversed, no authorisation).</summary>
    public static readonly GmPkiError RequestInvalid = new("kmc-request-invalid", ErrorKind.Invalid, "Invalid KMC request");

    /// <summary>The CA already used this request ID.</summary>
    public static readonly GmPkiError RequestDuplicate = new("kmc-request-duplicate", ErrorKind.Conflict, "KMC request ID already used by this CA");

    /// <summary>No escrowed key of that ID belongs to the CA.</summary>
    public static readonly GmPkiError KeyUnknown = new("kmc-key-unknown", ErrorKind.NotFound, "Escrowed key not found");

    /// <summary>No device of that serial number was personalised for the CA.</summary>
    public static readonly GmPkiError DeviceUnknown = new("kmc-device-unknown", ErrorKind.NotFound, "Device not found");

    /// <summary>The CA already personalised a device of that serial number (its device authentication key is escrowed).</summary>
    public static readonly GmPkiError DeviceExists = new("kmc-device-exists", ErrorKind.Conflict, "Device already personalised");

    /// <summary>The escrowed key is not in a state that allows the operation.</summary>
    public static readonly GmPkiError KeyState = new("kmc-key-state", ErrorKind.Conflict, "Escrowed key state does not allow the operation");

    /// <summary>The KMC is sealed: its master key has not been reconstructed from custodian shares.</summary>
    public static readonly GmPkiError Sealed = new("kmc-sealed", ErrorKind.Unavailable, "KMC sealed");

    /// <summary>A remote KMC did not answer (connection refused, TLS failure, timeout, or an answer that is not a KMC's); the CA's request may be retried.</summary>
    public static readonly GmPkiError Unreachable = new("kmc-unreachable", ErrorKind.Unavailable, "KMC unreachable");

    /// <summary>A master key already exists (custody generation is a one-time ceremony).</summary>
    public static readonly GmPkiError MasterKeyExists = new("kmc-master-key-exists", ErrorKind.Conflict, "KMC master key already generated");

    /// <summary>The custody parameters are invalid (threshold below 2, above the custodian count, repeated names).</summary>
    public static readonly GmPkiError CustodyInvalid = new("kmc-custody-invalid", ErrorKind.Invalid, "Invalid custody parameters");

    /// <summary>A custodian share is malformed, fails its checksum, or belongs to another master key.</summary>
    public static readonly GmPkiError ShareInvalid = new("kmc-share-invalid", ErrorKind.Invalid, "Invalid custodian share");

    /// <summary>Fewer distinct valid shares than the threshold M were presented.</summary>
    public static readonly GmPkiError SharesInsufficient = new("kmc-shares-insufficient", ErrorKind.Invalid, "Not enough custodian shares");

    /// <summary>The shares combine to a secret whose check value differs from the stored one.</summary>
    public static readonly GmPkiError UnsealFailed = new("kmc-unseal-failed", ErrorKind.Invalid, "Custodian shares do not reconstruct the master key");

    /// <summary>An escrow record fails SM4-GCM authentication (tampered or bound to another key or CA).</summary>
    public static readonly GmPkiError EscrowCorrupt = new("kmc-escrow-corrupt", ErrorKind.Internal, "Escrowed key fails authentication");
}
