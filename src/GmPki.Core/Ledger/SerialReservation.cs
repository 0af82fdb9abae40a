using GmPki.Core.Keys;

namespace GmPki.Core.Ledger;

/// <summary>
/// What is known about a certificate when its serial number is reserved, before anything is signed.
/// </summary>
/// <param name="IssuerLabel">Label of the issuing CA.</param>
/// <param name="SerialHex">Serial number, lowercase hex without leading zero octets (RFC 5280 §4.1.2.2).</param>
/// <param name="Profile">Profile name.</param>
/// <param name="SubjectDn">Subject DN in RFC 4514 form, for search and display.</param>
/// <param name="KeyAlgorithm">Subject public key algorithm.</param>
/// <param name="NotBefore">UTC start of validity.</param>
/// <param name="NotAfter">UTC end of validity.</param>
/// <param name="CrlShard">CRL shard fixed at issuance (written into the CRL distribution point).</param>
/// <param name="RequestedBy">Audit name of the requesting actor.</param>
/// <param name="ReservedAt">UTC instant of the reservation.</param>
/// <param name="ApplicationId">The registration application the certificate fulfils, or null (protocol enrollment, service certificates).</param>
public sealed record SerialReservation(
    string IssuerLabel,
    string SerialHex,
    string Profile,
    string SubjectDn,
    KeyAlgorithm KeyAlgorithm,
    DateTime NotBefore,
    DateTime NotAfter,
    int CrlShard,
    string RequestedBy,
    DateTime ReservedAt,
    Guid? ApplicationId = null);
