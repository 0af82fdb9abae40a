using GmPki.Core.Registration;

namespace GmPki.Registration.Agencies;

/// <summary>An agency's data as the CA administrator enters it (M24 §25).</summary>
/// <param name="Name">Legal name.</param>
/// <param name="ResponsiblePerson">Person responsible (负责人).</param>
/// <param name="ServiceAddresses">Service point addresses, at least one.</param>
/// <param name="Scope">Delegated scope: existing profiles, subscriber types, six-digit GB/T 2260 region codes; none empty.</param>
/// <param name="AgreementDate">Date the delegation agreement was signed (China Standard Time), not in the future.</param>
public sealed record AgencyInput(string Name, string ResponsiblePerson, IReadOnlyList<string> ServiceAddresses, AgencyScope Scope, DateOnly AgreementDate);
