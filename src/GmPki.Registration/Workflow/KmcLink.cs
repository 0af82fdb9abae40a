using GmPki.Kmc;

namespace GmPki.Registration.Workflow;

/// <summary>The CA's side of the CA↔KMC link (GM/T 0014): the key management centre and the ID the CA is registered under there.</summary>
/// <param name="Centre">The KMC (in process, or a remote transport).</param>
/// <param name="CaId">The CA's ID at the KMC (<c>KeyManagementCentre.RegisterCaAsync</c>).</param>
public sealed record KmcLink(IKeyManagementCentre Centre, string CaId);
