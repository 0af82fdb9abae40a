using System.Text.Json;
using System.Text.Json.Serialization;

namespace GmPki.Hosting.Kmc;

/// <summary>
/// The remote KMC transport's wire (docs/kmc.md "Remote KMC"): paths under <c>/kmc/v1</c> and the one
/// JSON mapping of the <c>GmPki.Kmc.Messages</c> records both sides use — camelCase members named as
/// the records' parameters, <c>byte[]</c> as base64, <c>DateTimeOffset</c> as ISO 8601, enums in
/// kebab-case (<c>sm2</c>, <c>holder</c>); a missing or null non-nullable member is malformed JSON.
/// </summary>
internal static class KmcWire
{
    /// <summary>Prefix of the KMC service endpoints.</summary>
    public const string Prefix = "/kmc/v1";

    /// <summary><c>ApplyKeyRequest</c> → <c>ApplyKeyResponse</c>.</summary>
    public const string Apply = "apply";

    /// <summary><c>RecoverKeyRequest</c> → <c>RecoverKeyResponse</c>.</summary>
    public const string Recover = "recover";

    /// <summary><c>ChangeKeyStateRequest</c> → 204.</summary>
    public const string Revoke = "revoke";

    /// <summary><c>ChangeKeyStateRequest</c> → 204.</summary>
    public const string Archive = "archive";

    /// <summary><c>DevicePersonaliseRequest</c> → <c>DevicePersonalisation</c>.</summary>
    public const string Personalise = "devices/personalise";

    /// <summary><c>DeviceUnlockRequest</c> → <c>DeviceUnlockResponse</c>.</summary>
    public const string Unlock = "devices/unlock";

    /// <summary>The JSON options of requests and answers.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
}
