using System.Net;
using GmPki.Core.Errors;

namespace GmPki.Hosting.Configuration;

/// <summary>
/// Section <c>Acme</c> of gmpki.json: how the ACME server (docs/protocols.md) validates challenges.
/// Validated at start-up (GMPKI-ACME-001, GMPKI-ACME-002).
/// </summary>
public sealed class AcmeSettings
{
    /// <summary>TCP port of http-01 validation (RFC 8555 §8.3 says 80; other ports only for tests and closed networks).</summary>
    public int Http01Port { get; set; } = 80;

    /// <summary>When set, an IP address every validated host name is taken to resolve to (for tests: 127.0.0.1); normally unset, so DNS decides.</summary>
    public string? ResolveTo { get; set; }

    /// <summary>How long one challenge validation may take, in seconds (1–60).</summary>
    public int ValidationTimeoutSeconds { get; set; } = 10;

    /// <summary>The parsed <see cref="ResolveTo"/>, or null.</summary>
    public IPAddress? ResolveToAddress => ResolveTo is null ? null : IPAddress.Parse(ResolveTo);

    /// <summary>This, when valid.</summary>
    /// <exception cref="ConfigurationException">A port outside 1–65535, a ResolveTo that is not an IP address, a timeout outside 1–60 s.</exception>
    public AcmeSettings Validated()
    {
        var problems = new List<string>();
        if (Http01Port is < 1 or > 65535)
        {
            problems.Add($"GMPKI-ACME-001: Acme:Http01Port {Http01Port} is not a TCP port (1–65535).");
        }

        if (ResolveTo is not null && !IPAddress.TryParse(ResolveTo, out _))
        {
            problems.Add($"GMPKI-ACME-002: Acme:ResolveTo '{ResolveTo}' is not an IP address.");
        }

        if (ValidationTimeoutSeconds is < 1 or > 60)
        {
            problems.Add($"GMPKI-ACME-003: Acme:ValidationTimeoutSeconds {ValidationTimeoutSeconds} must be between 1 and 60.");
        }

        return problems.Count == 0 ? this : throw new ConfigurationException(problems);
    }
}
